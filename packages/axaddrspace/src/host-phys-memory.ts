import { HostPhysAddr, HostVirtAddr } from "./addr.js";
import { AxError } from "./error.js";
import type { PagingHandler } from "./hal.js";

const FRAME_SIZE = 4096;
const WASM_PAGE = 65536;
const FRAMES_PER_WASM_PAGE = WASM_PAGE / FRAME_SIZE;
/** The largest wasm32 memory: 65535 pages of 64 KiB (4 GiB - 64 KiB). */
const MAX_WASM_PAGES = 65535;
/** Grow in steps of at least 1 MiB so that populating a region does not grow once per frame. */
const MIN_GROW_PAGES = 16;

/**
 * The shape of a `WebAssembly.Memory`, declared here because the isomorphic build has no DOM or
 * Node typings. At run time {@link HostPhysMemory.memory} is a real `WebAssembly.Memory`: a
 * WebAssembly module can import it unchanged (`hpm.memory as WebAssembly.Memory`).
 *
 * @example
 * ```ts
 * import { HostPhysMemory, type WasmMemory } from "@axvisor/axaddrspace";
 * const mem: WasmMemory = new HostPhysMemory().memory;
 * console.log(mem.buffer.byteLength); // 65536
 * ```
 */
export interface WasmMemory {
  /**
   * The current buffer. `grow` replaces it: a plain memory detaches the old one, a shared memory's old
   * buffer stays valid for the bytes it had (it is a `SharedArrayBuffer` then).
   */
  readonly buffer: ArrayBuffer;
  /**
   * Grows the memory.
   *
   * @param delta - The number of 64 KiB pages to add.
   * @returns The previous size in pages.
   */
  grow(delta: number): number;
}

interface WasmMemoryConstructor {
  new (descriptor: { initial: number; maximum?: number; shared?: boolean }): WasmMemory;
}

/**
 * Options of {@link HostPhysMemory}.
 *
 * @example
 * ```ts
 * import { HostPhysMemory, type HostPhysMemoryOptions } from "@axvisor/axaddrspace";
 * const options: HostPhysMemoryOptions = { maxBytes: 64n << 20n };
 * const hpm = new HostPhysMemory(options);
 * ```
 */
export interface HostPhysMemoryOptions {
  /**
   * The most host physical memory that may ever be handed out, in bytes (rounded down to 64 KiB,
   * at most and by default 4 GiB - 64 KiB, the wasm32 limit). When it is reached `allocFrame`
   * returns `undefined` (Rust's `NoMemory`).
   */
  readonly maxBytes?: bigint | number;
  /**
   * Whether the memory is a shared `WebAssembly.Memory`, which grows in place instead of detaching its
   * buffer. Detaching any `ArrayBuffer` makes V8 check for detachment on every typed-array access in the
   * process from then on, which costs the interpreter tier about 15%.
   * - `undefined` (the default): shared when the platform allows it (Node; a browser page only when
   *   cross-origin isolated), a plain memory otherwise.
   * - `true`: shared, or `AxError` `Unsupported` where the platform refuses.
   * - `false`: a plain memory.
   */
  readonly shared?: boolean;
}

/**
 * Frame allocator counters of a {@link HostPhysMemory}.
 *
 * @example
 * ```ts
 * import { HostPhysMemory, type HostPhysMemoryStats } from "@axvisor/axaddrspace";
 * const s: HostPhysMemoryStats = new HostPhysMemory().stats;
 * console.log(s.framesInUse); // 0
 * ```
 */
export interface HostPhysMemoryStats {
  /** Frames currently allocated. */
  readonly framesInUse: number;
  /** Frames handed out since creation (a reused frame counts again). */
  readonly framesAllocated: number;
  /** Frames returned since creation. */
  readonly framesFreed: number;
  /** Bytes the WebAssembly memory has grown to (what the host actually reserved). */
  readonly bytesReserved: number;
  /** The configured limit in bytes. */
  readonly maxBytes: number;
}

function toSafeNumber(value: bigint | number, what: string): number {
  const n = typeof value === "bigint" ? Number(value) : value;
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative safe integer`);
  return n;
}

/**
 * Host "physical" memory: one growable `WebAssembly.Memory` plus a 4 KiB frame allocator, the
 * default {@link PagingHandler} (Rust: the host's `AxMmHal`).
 *
 * - Host physical address = byte offset in the memory; host virtual = host physical (identity).
 * - The memory starts at 64 KiB and grows only as frames are handed out, so a guest configured
 *   with GiBs of lazily-mapped RAM costs only the frames it touches.
 * - It is a shared memory where the platform allows it ({@link HostPhysMemoryOptions.shared}), so
 *   growing never detaches a buffer (which would slow every typed-array access in the process).
 * - Frame 0 is reserved and never handed out (Rust asserts a frame's address is not 0).
 * - Freed frames are reused (LIFO) before fresh memory is grown.
 * - Every frame returned by {@link HostPhysMemory.allocFrame} is zero-filled, so guests run
 *   deterministically (Rust leaves recycled frames dirty).
 *
 * @example
 * ```ts
 * import { HostPhysMemory } from "@axvisor/axaddrspace";
 * const hpm = new HostPhysMemory({ maxBytes: 16n << 20n });
 * const pa = hpm.allocFrame()!;           // PA:0x1000
 * hpm.bytes(pa, 4).set([1, 2, 3, 4]);
 * hpm.deallocFrame(pa);
 * console.log(hpm.stats.framesInUse);     // 0
 * ```
 */
export class HostPhysMemory implements PagingHandler {
  /** The one growable memory; host physical address = byte offset in it. */
  readonly memory: WasmMemory;
  /**
   * Whether {@link HostPhysMemory.memory} is shared (see {@link HostPhysMemoryOptions.shared}): views
   * taken before a grow then stay valid instead of being detached.
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * console.log(new HostPhysMemory({ shared: false }).shared); // false
   * ```
   */
  readonly shared: boolean;
  readonly #maxFrames: number;
  readonly #maxBytes: number;
  #nextFresh = 1;
  #free: number[] = [];
  #inUse: Uint8Array = new Uint8Array(64);
  #framesInUse = 0;
  #framesAllocated = 0;
  #framesFreed = 0;
  #buffer: ArrayBuffer;
  #view: DataView;
  #u8: Uint8Array;

  /**
   * Creates host memory.
   *
   * @param options - See {@link HostPhysMemoryOptions}.
   * @throws {RangeError} when `maxBytes` is negative, not an integer, or smaller than two frames.
   */
  constructor(options: HostPhysMemoryOptions = {}) {
    const requested =
      options.maxBytes === undefined
        ? MAX_WASM_PAGES * WASM_PAGE
        : toSafeNumber(options.maxBytes, "maxBytes");
    const maxPages = Math.min(MAX_WASM_PAGES, Math.floor(requested / WASM_PAGE));
    const maxBytes = Math.min(requested, maxPages * WASM_PAGE);
    if (maxPages < 1 || maxBytes < 2 * FRAME_SIZE)
      throw new RangeError("maxBytes must allow at least one 64 KiB page");
    const Memory = (globalThis as unknown as { WebAssembly: { Memory: WasmMemoryConstructor } }).WebAssembly
      .Memory;
    const descriptor = { initial: 1, maximum: Math.max(1, Math.ceil(maxBytes / WASM_PAGE)) };
    let memory: WasmMemory | undefined;
    if (options.shared !== false) {
      try {
        memory = new Memory({ ...descriptor, shared: true });
      } catch (cause) {
        if (options.shared === true)
          throw new AxError("Unsupported", "this platform has no shared WebAssembly memory", { cause });
      }
    }
    this.memory = memory ?? new Memory(descriptor);
    this.shared = memory !== undefined;
    this.#maxBytes = maxBytes;
    this.#maxFrames = Math.floor(maxBytes / FRAME_SIZE);
    this.#buffer = this.memory.buffer;
    this.#view = new DataView(this.#buffer);
    this.#u8 = new Uint8Array(this.#buffer);
  }

  /**
   * The allocator counters.
   *
   * @returns A snapshot of the counters.
   *
   * @example
   * ```ts
   * import { HostPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory({ maxBytes: 1 << 20 });
   * hpm.allocFrame();
   * console.log(hpm.stats.framesInUse, hpm.stats.bytesReserved); // 1 65536
   * ```
   */
  get stats(): HostPhysMemoryStats {
    return {
      framesInUse: this.#framesInUse,
      framesAllocated: this.#framesAllocated,
      framesFreed: this.#framesFreed,
      bytesReserved: this.memory.buffer.byteLength,
      maxBytes: this.#maxBytes,
    };
  }

  /**
   * Allocates one zeroed 4 KiB frame.
   *
   * @returns Its host physical address, or `undefined` when the limit is reached (`NoMemory`).
   *
   * @example
   * ```ts
   * import { HostPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory({ maxBytes: 1 << 20 });
   * console.log(`${hpm.allocFrame()}`, `${hpm.allocFrame()}`); // PA:0x1000 PA:0x2000
   * ```
   */
  allocFrame(): HostPhysAddr | undefined {
    const frame = this.#allocFrameNumber();
    return frame < 0 ? undefined : HostPhysAddr.from(frame * FRAME_SIZE);
  }

  /**
   * Allocates one zeroed frame, returning its address as a number (hot-path variant of
   * {@link HostPhysMemory.allocFrame}).
   *
   * @returns The frame's byte address, or -1 when memory is exhausted.
   *
   * @example
   * ```ts
   * import { HostPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory({ maxBytes: 1 << 20 });
   * console.log(hpm.allocFrameAddress()); // 4096
   * ```
   */
  allocFrameAddress(): number {
    const frame = this.#allocFrameNumber();
    return frame < 0 ? -1 : frame * FRAME_SIZE;
  }

  /**
   * Allocates `count` physically contiguous zeroed frames whose start is aligned to `align` bytes
   * (Rust's `PagingHandler::alloc_frames`). Useful to back a linear mapping of guest RAM with
   * huge-page-aligned host memory.
   *
   * @param count - The number of 4 KiB frames (at least 1).
   * @param align - The alignment of the start in bytes: a power of two, at least 4096.
   * @returns The start address, or `undefined` when there is not enough room below the limit.
   * @throws {RangeError} when `count` is not a positive integer or `align` is not a power of two ≥ 4096.
   *
   * @example
   * ```ts
   * import { HostPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory({ maxBytes: 1 << 20 });
   * console.log(`${hpm.allocFrames(16, 0x10000)}`); // PA:0x10000
   * ```
   */
  allocFrames(count: number, align: number = FRAME_SIZE): HostPhysAddr | undefined {
    if (!Number.isSafeInteger(count) || count < 1) throw new RangeError("count must be a positive integer");
    if (!Number.isSafeInteger(align) || align < FRAME_SIZE || (align & (align - 1)) !== 0) {
      throw new RangeError("align must be a power of two >= 4096");
    }
    const alignFrames = align / FRAME_SIZE;
    const start = Math.ceil(this.#nextFresh / alignFrames) * alignFrames;
    if (start + count > this.#maxFrames) return undefined;
    this.#ensureFrames(start + count);
    // The frames skipped for alignment go to the free list so that nothing is lost.
    for (let f = this.#nextFresh; f < start; f++) this.#free.push(f);
    this.#nextFresh = start + count;
    for (let f = start; f < start + count; f++) this.#markAllocated(f);
    return HostPhysAddr.from(start * FRAME_SIZE);
  }

  /**
   * Returns a frame to the allocator.
   *
   * @param paddr - An address obtained from {@link HostPhysMemory.allocFrame} or inside a block
   *   from {@link HostPhysMemory.allocFrames}.
   * @throws {AxError} `InvalidInput` when the address is unaligned or not an allocated frame (double free).
   *
   * @example
   * ```ts
   * import { HostPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory({ maxBytes: 1 << 20 });
   * const pa = hpm.allocFrame()!;
   * hpm.deallocFrame(pa);
   * console.log(hpm.stats.framesFreed, `${hpm.allocFrame()}`); // 1 PA:0x1000
   * ```
   */
  deallocFrame(paddr: HostPhysAddr): void {
    this.deallocFrameAddress(Number(paddr.value));
  }

  /**
   * Numeric variant of {@link HostPhysMemory.deallocFrame}.
   *
   * @param address - The frame's byte address.
   * @throws {AxError} `InvalidInput` when the address is unaligned or not an allocated frame.
   *
   * @example
   * ```ts
   * import { HostPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory({ maxBytes: 1 << 20 });
   * hpm.deallocFrameAddress(hpm.allocFrameAddress());
   * console.log(hpm.stats.framesInUse); // 0
   * ```
   */
  deallocFrameAddress(address: number): void {
    const frame = address / FRAME_SIZE;
    if (!Number.isInteger(frame) || frame <= 0 || frame >= this.#nextFresh || this.#inUse[frame] !== 1) {
      throw new AxError(
        "InvalidInput",
        `deallocFrame: PA:0x${address.toString(16)} is not an allocated frame`,
      );
    }
    this.#inUse[frame] = 0;
    this.#free.push(frame);
    this.#framesInUse--;
    this.#framesFreed++;
  }

  /**
   * Frees `count` contiguous frames starting at `paddr` (the reverse of {@link HostPhysMemory.allocFrames}).
   *
   * @param paddr - The first frame.
   * @param count - The number of frames.
   * @throws {AxError} `InvalidInput` when one of the frames is not allocated.
   *
   * @example
   * ```ts
   * import { HostPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory({ maxBytes: 1 << 20 });
   * const block = hpm.allocFrames(4)!;
   * hpm.deallocFrames(block, 4);
   * console.log(hpm.stats.framesInUse); // 0
   * ```
   */
  deallocFrames(paddr: HostPhysAddr, count: number): void {
    const base = Number(paddr.value);
    for (let i = 0; i < count; i++) this.deallocFrameAddress(base + i * FRAME_SIZE);
  }

  /**
   * Whether a frame is currently allocated.
   *
   * @param paddr - Any address inside the frame.
   * @returns `true` when the frame containing `paddr` is allocated.
   *
   * @example
   * ```ts
   * import { HostPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory({ maxBytes: 1 << 20 });
   * const pa = hpm.allocFrame()!;
   * console.log(hpm.isAllocated(pa), hpm.isAllocated(HostPhysAddr.from(0))); // true false
   * ```
   */
  isAllocated(paddr: HostPhysAddr): boolean {
    const frame = Math.floor(Number(paddr.value) / FRAME_SIZE);
    return this.#inUse[frame] === 1;
  }

  /**
   * Identity: host virtual = host physical.
   *
   * @param paddr - A host physical address.
   * @returns The same value as a host virtual address.
   *
   * @example
   * ```ts
   * import { HostPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory({ maxBytes: 1 << 20 });
   * console.log(`${hpm.physToVirt(HostPhysAddr.from(0x1000))}`); // VA:0x1000
   * ```
   */
  physToVirt(paddr: HostPhysAddr): HostVirtAddr {
    return HostVirtAddr.from(paddr.value);
  }

  /**
   * Identity: host physical = host virtual.
   *
   * @param vaddr - A host virtual address.
   * @returns The same value as a host physical address.
   *
   * @example
   * ```ts
   * import { HostPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory({ maxBytes: 1 << 20 });
   * console.log(`${hpm.virtToPhys(hpm.physToVirt(HostPhysAddr.from(0x2000)))}`); // PA:0x2000
   * ```
   */
  virtToPhys(vaddr: HostVirtAddr): HostPhysAddr {
    return HostPhysAddr.from(vaddr.value);
  }

  /**
   * The current `DataView` over the whole memory (byte offset = host physical address). Re-fetch it
   * after any allocation, which may grow the memory (and, unless it is shared, detach the old buffer).
   *
   * @returns The view.
   *
   * @example
   * ```ts
   * import { HostPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory({ maxBytes: 1 << 20 });
   * const pa = hpm.allocFrameAddress();
   * hpm.dataView().setUint32(pa, 0x12345678, true);
   * console.log(hpm.u8()[pa]?.toString(16)); // 78
   * ```
   */
  dataView(): DataView {
    this.#refreshIfDetached();
    return this.#view;
  }

  /**
   * The current `Uint8Array` over the whole memory (index = host physical address).
   *
   * @returns The view (re-fetch after allocations).
   *
   * @example
   * ```ts
   * import { HostPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory({ maxBytes: 1 << 20 });
   * console.log(hpm.u8().length); // 65536
   * ```
   */
  u8(): Uint8Array {
    this.#refreshIfDetached();
    return this.#u8;
  }

  /**
   * A byte view of a host physical range, for devices and loaders. The view is only valid until the
   * memory next grows.
   *
   * @param paddr - The start address.
   * @param length - The length in bytes.
   * @returns A `Uint8Array` aliasing the memory.
   * @throws {AxError} `BadAddress` when the range lies outside the memory grown so far.
   *
   * @example
   * ```ts
   * import { HostPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory({ maxBytes: 1 << 20 });
   * const pa = hpm.allocFrame()!;
   * hpm.bytes(pa, 2).set([0xaa, 0xbb]);
   * console.log(hpm.dataView().getUint16(Number(pa.value), true).toString(16)); // bbaa
   * ```
   */
  bytes(paddr: HostPhysAddr | bigint | number, length: number): Uint8Array {
    const start = typeof paddr === "number" ? paddr : Number(typeof paddr === "bigint" ? paddr : paddr.value);
    const buffer = this.memory.buffer;
    if (
      !Number.isSafeInteger(start) ||
      !Number.isSafeInteger(length) ||
      start < 0 ||
      length < 0 ||
      start + length > buffer.byteLength
    ) {
      throw new AxError(
        "BadAddress",
        `host physical range 0x${start.toString(16)}+0x${length.toString(16)} is outside host memory`,
      );
    }
    return new Uint8Array(buffer, start, length);
  }

  #allocFrameNumber(): number {
    let frame: number;
    const reused = this.#free.pop();
    if (reused !== undefined) {
      frame = reused;
      this.u8().fill(0, frame * FRAME_SIZE, (frame + 1) * FRAME_SIZE);
    } else {
      if (this.#nextFresh >= this.#maxFrames) return -1;
      frame = this.#nextFresh++;
      this.#ensureFrames(frame + 1);
    }
    this.#markAllocated(frame);
    return frame;
  }

  #markAllocated(frame: number): void {
    if (frame >= this.#inUse.length) {
      const bigger = new Uint8Array(Math.max(frame + 1, this.#inUse.length * 2));
      bigger.set(this.#inUse);
      this.#inUse = bigger;
    }
    this.#inUse[frame] = 1;
    this.#framesInUse++;
    this.#framesAllocated++;
  }

  #ensureFrames(frames: number): void {
    const needPages = Math.ceil(frames / FRAMES_PER_WASM_PAGE);
    // our view's length first: `memory.buffer` and a shared buffer's byteLength are slow to read
    if (needPages <= this.#u8.length / WASM_PAGE) return;
    const havePages = this.memory.buffer.byteLength / WASM_PAGE;
    if (needPages <= havePages) {
      // someone else grew the memory
      this.#refresh();
      return;
    }
    const maxPages = Math.ceil(this.#maxBytes / WASM_PAGE);
    // Grow by at least 1 MiB or 1/8 of the current size: few grows (each replaces the buffer), while
    // the reservation stays within 12.5% of what is in use.
    const target = Math.min(
      maxPages,
      Math.max(needPages, havePages + MIN_GROW_PAGES, Math.ceil(havePages * 1.125)),
    );
    this.memory.grow(target - havePages);
    this.#refresh();
  }

  #refreshIfDetached(): void {
    // Our own grows refresh the views. A plain memory grown by someone else detaches the old buffer
    // (byteLength 0); reading `memory.buffer` is slow, so only do it then. (A shared one grown by someone
    // else keeps the old buffer, which still covers every frame handed out, and its byteLength is slow.)
    if (!this.shared && this.#buffer.byteLength === 0) this.#refresh();
  }

  #refresh(): void {
    this.#buffer = this.memory.buffer;
    this.#view = new DataView(this.#buffer);
    this.#u8 = new Uint8Array(this.#buffer);
  }
}
