/**
 * A sparse guest address space made of 4 KiB pages with permissions, backed by one growable byte array:
 * the memory of the linux-user runner (PT_LOAD segments, stack, brk heap, anonymous mmap).
 *
 * @module
 */

import { LoongArchCpuError } from "../error.js";
import { type WasmMemoryLike, wasmApi } from "../jit/wasm-api.js";
import { type CpuMemory, Fault } from "./memory.js";

/**
 * Page permission bits of {@link PagedMemory}.
 *
 * @example
 * ```ts
 * import { Perm } from "@axvisor/loongarch-cpu";
 * console.log(Perm.READ | Perm.WRITE); // 3
 * ```
 */
export const Perm = {
  /** Loads allowed. */
  READ: 1,
  /** Stores allowed. */
  WRITE: 2,
  /** Instruction fetches allowed. */
  EXEC: 4,
} as const;

const PAGE = 4096;
/** Entry flag: mapped, but no frame yet (allocated zero-filled on first touch). */
const LAZY = 8;
const ACCESS_PERM = [Perm.READ, Perm.WRITE, Perm.EXEC] as const;

function splitPage(addr: bigint): number {
  // page number as a plain number: VAs are below 2^64, so vpn < 2^52 (exact in a double)
  return Number(BigInt.asUintN(64, addr) >> 12n);
}

/**
 * A sparse, permission-checked guest address space. Pages are allocated zero-filled on
 * {@link PagedMemory.map}; lookups on the CPU's TLB-miss path go through a number-keyed map (never on
 * the per-instruction path, which hits the CPU's typed-array TLB).
 *
 * @example
 * ```ts
 * import { PagedMemory, Perm } from "@axvisor/loongarch-cpu";
 * const mem = new PagedMemory();
 * mem.map(0x10000n, 0x2000, Perm.READ | Perm.WRITE);
 * mem.write(0x10ffen, Uint8Array.of(1, 2, 3, 4));
 * console.log(mem.read(0x10fffn, 2), mem.isMapped(0x12000n)); // Uint8Array(2) [ 2, 3 ] false
 * ```
 */
export class PagedMemory implements CpuMemory {
  private bytes: Uint8Array = new Uint8Array(64 * PAGE);
  private frames = 0;
  private readonly free: number[] = [];
  /** vpn → (frame offset | permissions in the low 3 bits). */
  private readonly pages = new Map<number, number>();
  /** Set once {@link PagedMemory.enableWasm} moved the bytes into a wasm memory (after 64 KiB of scratch). */
  private wasm: WasmMemoryLike | undefined;

  /**
   * The backing bytes of all allocated pages (replaced by a bigger array as memory grows).
   *
   * @example
   * ```ts
   * import { PagedMemory } from "@axvisor/loongarch-cpu";
   * console.log(new PagedMemory().ram.length > 0); // true
   * ```
   */
  get ram(): Uint8Array {
    return this.bytes;
  }

  /**
   * Number of mapped 4 KiB pages.
   *
   * @example
   * ```ts
   * import { PagedMemory, Perm } from "@axvisor/loongarch-cpu";
   * const mem = new PagedMemory();
   * mem.map(0n, 10000, Perm.READ);
   * console.log(mem.mappedPages); // 3
   * ```
   */
  get mappedPages(): number {
    return this.pages.size;
  }

  /**
   * Translates a page for an access ({@link CpuMemory.translate}).
   *
   * @param pageLo - Low 32 bits of the page address.
   * @param pageHi - High 32 bits of the page address.
   * @param access - An {@link Access} value.
   * @returns The page's offset in {@link PagedMemory.ram}, or {@link Fault}.BAD_ADDRESS (non-canonical
   *   address), UNMAPPED or PROTECTION.
   *
   * @example
   * ```ts
   * import { Access, PagedMemory, Perm } from "@axvisor/loongarch-cpu";
   * const mem = new PagedMemory();
   * mem.map(0x4000n, 4096, Perm.READ);
   * console.log(mem.translate(0x4000, 0, Access.READ) >= 0, mem.translate(0x4000, 0, Access.WRITE)); // true -2
   * ```
   */
  translate(pageLo: number, pageHi: number, access: number): number {
    // VALEN = 48: bits 63..47 must all be equal
    const top = pageHi >> 15;
    if (top !== 0 && top !== -1) return Fault.BAD_ADDRESS;
    const vpn = (pageHi >>> 0) * 1048576 + (pageLo >>> 12);
    const e = this.pages.get(vpn);
    if (e === undefined) return Fault.UNMAPPED;
    if ((e & (ACCESS_PERM[access] ?? Perm.READ)) === 0) return Fault.PROTECTION;
    return e & LAZY ? this.materialize(vpn, e) : e & ~15;
  }

  private materialize(vpn: number, e: number): number {
    const frame = this.allocFrame();
    this.pages.set(vpn, frame | (e & 7));
    return frame;
  }

  /**
   * Maps `[addr, addr + length)` (widened to whole pages) with `perms`. New pages read as zero (their
   * frames are allocated on first touch); pages already mapped keep their contents and get the new
   * permissions.
   *
   * @param addr - Start address.
   * @param length - Length in bytes (> 0).
   * @param perms - {@link Perm} bits.
   * @throws {@link LoongArchCpuError} `InvalidArgument` for a negative address or non-positive length.
   *
   * @example
   * ```ts
   * import { PagedMemory, Perm } from "@axvisor/loongarch-cpu";
   * const mem = new PagedMemory();
   * mem.map(0x1234n, 1, Perm.READ);
   * console.log(mem.isMapped(0x1000n), mem.isMapped(0x2000n)); // true false
   * ```
   */
  map(addr: bigint, length: number, perms: number): void {
    this.check(addr, length);
    const first = splitPage(addr);
    const last = splitPage(addr + BigInt(length) - 1n);
    for (let vpn = first; vpn <= last; vpn++) {
      const e = this.pages.get(vpn);
      this.pages.set(vpn, (e === undefined ? LAZY : e & ~7) | (perms & 7));
    }
  }

  /**
   * Changes the permissions of every mapped page in the range (unmapped pages are skipped).
   *
   * @param addr - Start address.
   * @param length - Length in bytes.
   * @param perms - New {@link Perm} bits.
   *
   * @example
   * ```ts
   * import { Access, PagedMemory, Perm } from "@axvisor/loongarch-cpu";
   * const mem = new PagedMemory();
   * mem.map(0n, 4096, Perm.READ);
   * mem.protect(0n, 4096, Perm.READ | Perm.WRITE);
   * console.log(mem.translate(0, 0, Access.WRITE)); // 0
   * ```
   */
  protect(addr: bigint, length: number, perms: number): void {
    if (length <= 0) return;
    for (const vpn of this.mappedIn(addr, length)) {
      const e = this.pages.get(vpn)!;
      this.pages.set(vpn, (e & ~7) | (perms & 7));
    }
  }

  /**
   * Unmaps every page in the range; their frames are recycled (zeroed on reuse).
   *
   * @param addr - Start address.
   * @param length - Length in bytes.
   *
   * @example
   * ```ts
   * import { PagedMemory, Perm } from "@axvisor/loongarch-cpu";
   * const mem = new PagedMemory();
   * mem.map(0n, 8192, Perm.READ);
   * mem.unmap(0n, 4096);
   * console.log(mem.mappedPages); // 1
   * ```
   */
  unmap(addr: bigint, length: number): void {
    if (length <= 0) return;
    for (const vpn of this.mappedIn(addr, length)) {
      const e = this.pages.get(vpn)!;
      this.pages.delete(vpn);
      if ((e & LAZY) === 0) this.free.push(e & ~15);
    }
  }

  /**
   * Whether the page containing `addr` is mapped.
   *
   * @param addr - Any address in the page.
   * @returns True if mapped.
   *
   * @example
   * ```ts
   * import { PagedMemory } from "@axvisor/loongarch-cpu";
   * console.log(new PagedMemory().isMapped(0n)); // false
   * ```
   */
  isMapped(addr: bigint): boolean {
    return this.pages.has(splitPage(addr));
  }

  /**
   * Copies bytes out, ignoring permissions (a loader/debugger view).
   *
   * @param addr - Start address.
   * @param length - Number of bytes.
   * @returns A copy.
   * @throws {@link LoongArchCpuError} `Unmapped` if any byte is unmapped.
   *
   * @example
   * ```ts
   * import { PagedMemory, Perm } from "@axvisor/loongarch-cpu";
   * const mem = new PagedMemory();
   * mem.map(0n, 1, Perm.READ);
   * console.log(mem.read(0n, 1)); // Uint8Array(1) [ 0 ]
   * ```
   */
  read(addr: bigint, length: number): Uint8Array {
    const out = new Uint8Array(length);
    this.walk(addr, length, (off, i, n) => out.set(this.bytes.subarray(off, off + n), i));
    return out;
  }

  /**
   * Copies bytes in, ignoring permissions (how the loader fills read-only segments).
   *
   * @param addr - Start address.
   * @param data - The bytes.
   * @throws {@link LoongArchCpuError} `Unmapped` if any byte is unmapped.
   *
   * @example
   * ```ts
   * import { PagedMemory, Perm } from "@axvisor/loongarch-cpu";
   * const mem = new PagedMemory();
   * mem.map(0n, 4096, Perm.READ);
   * mem.write(4n, Uint8Array.of(9));
   * console.log(mem.read(4n, 1)[0]); // 9
   * ```
   */
  write(addr: bigint, data: Uint8Array): void {
    this.walk(addr, data.length, (off, i, n) => this.bytes.set(data.subarray(i, i + n), off));
  }

  /** The mapped page numbers inside a range: walks the range or the map, whichever is smaller. */
  private mappedIn(addr: bigint, length: number): number[] {
    const first = splitPage(addr);
    const last = splitPage(addr + BigInt(length) - 1n);
    const out: number[] = [];
    if (last - first + 1 <= this.pages.size) {
      for (let vpn = first; vpn <= last; vpn++) if (this.pages.has(vpn)) out.push(vpn);
    } else {
      for (const vpn of this.pages.keys()) if (vpn >= first && vpn <= last) out.push(vpn);
    }
    return out;
  }

  private walk(addr: bigint, length: number, f: (off: number, i: number, n: number) => void): void {
    let i = 0;
    while (i < length) {
      const a = addr + BigInt(i);
      const vpn = splitPage(a);
      const e = this.pages.get(vpn);
      if (e === undefined)
        throw new LoongArchCpuError("Unmapped", `address 0x${a.toString(16)} is not mapped`);
      const inPage = Number(a & 4095n);
      const n = Math.min(length - i, PAGE - inPage);
      f((e & LAZY ? this.materialize(vpn, e) : e & ~15) + inPage, i, n);
      i += n;
    }
  }

  private check(addr: bigint, length: number): void {
    if (addr < 0n || !(length > 0)) {
      throw new LoongArchCpuError("InvalidArgument", `map: bad range 0x${addr.toString(16)} +${length}`);
    }
  }

  /**
   * Moves the backing bytes into a `WebAssembly.Memory` (once; later calls return the same memory) so
   * that the JIT tier's generated code can address guest RAM directly. The first 64 KiB of the wasm
   * memory are scratch for the JIT; {@link PagedMemory.ram} becomes a view starting after them.
   *
   * @returns The wasm memory, or `undefined` if the host has no WebAssembly.
   *
   * @example
   * ```ts
   * import { PagedMemory } from "@axvisor/loongarch-cpu";
   * const mem = new PagedMemory();
   * console.log(mem.enableWasm() !== undefined, mem.ram.byteOffset); // true 65536
   * ```
   */
  enableWasm():
    | {
        /** The memory's current buffer (replaced by `grow`). */
        readonly buffer: ArrayBuffer;
        /**
         * Grows the memory.
         *
         * @param delta - Number of 64 KiB pages to add.
         * @returns The previous size in pages.
         */
        grow(delta: number): number;
      }
    | undefined {
    if (this.wasm) return this.wasm;
    const api = wasmApi();
    if (!api) return undefined;
    const initial = 1 + Math.ceil(this.bytes.length / 65536);
    let mem: WasmMemoryLike;
    try {
      // shared, so that growing never detaches a buffer (a detach makes every typed-array access in the
      // process check for it from then on); a plain memory where the platform refuses shared ones
      mem = new api.Memory({ initial, maximum: 65536, shared: true });
    } catch {
      mem = new api.Memory({ initial });
    }
    const view = new Uint8Array(mem.buffer, 65536, this.bytes.length);
    view.set(this.bytes);
    this.bytes = view;
    this.wasm = mem;
    return mem;
  }

  private allocFrame(): number {
    const reuse = this.free.pop();
    if (reuse !== undefined) {
      this.bytes.fill(0, reuse, reuse + PAGE);
      return reuse;
    }
    const off = this.frames * PAGE;
    this.frames++;
    if (off + PAGE > this.bytes.length) {
      const size = Math.max(this.bytes.length * 2, off + PAGE);
      if (this.wasm) {
        // growing keeps the contents in place (a plain memory's old buffer is detached)
        this.wasm.grow(Math.ceil((65536 + size - this.wasm.buffer.byteLength) / 65536));
        this.bytes = new Uint8Array(this.wasm.buffer, 65536, size);
      } else {
        const grown = new Uint8Array(size);
        grown.set(this.bytes);
        this.bytes = grown;
      }
    }
    return off;
  }
}
