/**
 * The few `WebAssembly` JS-API shapes the JIT uses, declared here because the isomorphic build has no
 * DOM or Node typings.
 *
 * @module
 */

/** A `WebAssembly.Memory`. */
export interface WasmMemoryLike {
  /** The current buffer (replaced by `grow`; a `SharedArrayBuffer` when the memory is shared). */
  readonly buffer: ArrayBuffer;
  /** Adds `delta` 64 KiB pages; returns the old size in pages. */
  grow(delta: number): number;
}

/** The parts of the `WebAssembly` namespace the JIT calls. */
export interface WasmApi {
  /** `new WebAssembly.Memory({ initial, maximum, shared })`. */
  readonly Memory: new (descriptor: {
    initial: number;
    maximum?: number;
    shared?: boolean;
  }) => WasmMemoryLike;
  /** `new WebAssembly.Module(bytes)`. */
  readonly Module: new (
    bytes: Uint8Array,
  ) => object;
  /** `new WebAssembly.Instance(module, imports)`. */
  readonly Instance: new (
    module: object,
    imports: Record<string, Record<string, unknown>>,
  ) => { readonly exports: Record<string, unknown> };
  /** `WebAssembly.compile(bytes)`: compiles off the calling thread (absent on some hosts). */
  readonly compile?: (bytes: Uint8Array) => Promise<object>;
  /** `WebAssembly.validate(bytes)`. */
  validate(bytes: Uint8Array): boolean;
}

/**
 * The host's `WebAssembly`, if it has one.
 *
 * @returns The API or undefined.
 */
export function wasmApi(): WasmApi | undefined {
  return (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
}

/**
 * A CPU memory that can move its RAM into a `WebAssembly.Memory` for the JIT tier.
 */
export interface JitCapableMemory {
  /**
   * Backs the RAM by a `WebAssembly.Memory` whose first 64 KiB are scratch for the JIT (registers and
   * TLB); `ram` becomes a view starting at byte 65536 of it.
   *
   * @returns The memory.
   */
  enableWasm(): WasmMemoryLike | undefined;
  /**
   * Byte address of the JIT's scratch area (registers, exit PC, TLBs: 8704 bytes, 8-byte aligned) in the
   * wasm memory, read after {@link JitCapableMemory.enableWasm}; 0 when absent.
   */
  readonly jitScratchBase?: number;
}
