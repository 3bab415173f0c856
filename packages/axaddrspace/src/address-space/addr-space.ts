import { AddrRange } from "@axvisor/memory-addr";
import { type GuestPhysAddr, type GuestPhysAddrRange, HostPhysAddr } from "../addr.js";
import { AxError } from "../error.js";
import type { PagingHandler } from "../hal.js";
import { toBigSize } from "../internal/size.js";
import { MappingFlags } from "../mapping-flags.js";
import { GuestMemoryAccessor } from "../memory-accessor.js";
import { MemoryArea } from "../memory-set/area.js";
import { MappingError } from "../memory-set/mapping-error.js";
import { MemorySet } from "../memory-set/set.js";
import { NestedPageTable, type NptArch } from "../npt/nested-page-table.js";
import { Backend } from "./backend.js";

/**
 * An area of an {@link AddrSpace}.
 *
 * @example
 * ```ts
 * import type { AddrSpaceArea } from "@axvisor/axaddrspace";
 * const describe = (a: AddrSpaceArea) => `${a.vaRange()} ${a.backend()}`;
 * ```
 */
export type AddrSpaceArea = MemoryArea<GuestPhysAddr, MappingFlags, NestedPageTable, Backend>;

/**
 * Options of {@link AddrSpace.newEmpty}.
 *
 * @example
 * ```ts
 * import { GuestPhysAddr, HostPhysMemory, type AddrSpaceOptions } from "@axvisor/axaddrspace";
 * const opts: AddrSpaceOptions = { levels: 3, base: GuestPhysAddr.from(0), size: 1n << 30n, hal: new HostPhysMemory(), arch: "loongarch64" };
 * ```
 */
export interface AddrSpaceOptions {
  /** Page-table levels: 3 (39-bit guest physical space) or 4 (48-bit). */
  readonly levels: number;
  /** The lowest guest physical address. */
  readonly base: GuestPhysAddr;
  /** The size of the space in bytes. */
  readonly size: bigint | number;
  /** Frames and host memory (usually a {@link HostPhysMemory}). */
  readonly hal: PagingHandler;
  /** The nested page-table format. */
  readonly arch: NptArch;
}

/**
 * A listener of {@link AddrSpace.onChange}.
 *
 * @example
 * ```ts
 * import type { AddrSpaceChangeListener } from "@axvisor/axaddrspace";
 * const flushTlb: AddrSpaceChangeListener = (range) => console.log(`flush ${range}`);
 * ```
 */
export type AddrSpaceChangeListener = (range: GuestPhysAddrRange) => void;

function checked4K(v: bigint): boolean {
  return (v & 0xfffn) === 0n;
}

/**
 * A guest physical address space: a set of areas plus the nested page table that realises them
 * (Rust `axaddrspace::AddrSpace`).
 *
 * - `mapLinear` / `mapAlloc` / `unmap` check that the range lies in the space and that addresses
 *   and size are 4 KiB-aligned (`AxError("InvalidInput")`), then go through {@link MemorySet}
 *   (overlap → `AlreadyExists`, backend failure → `BadState`).
 * - `protect` is an **extension over Rust** (which has no `AddrSpace::protect`): the same checks,
 *   then `MemorySet.protect` with the new flags (areas already carrying them are skipped), so areas
 *   split exactly as `MemorySet.protect` splits them and present pages get the new flags. Lazy pages
 *   faulted in later use the area's new flags.
 * - `handlePageFault` follows Rust: outside the space, outside any area, or access flags not
 *   contained in the area's flags → `false`; otherwise the backend decides (a lazy Alloc page gets a
 *   zeroed frame).
 * - `onChange` listeners run after every change to the mappings (map, unmap, protect, fault-in,
 *   clear), so a vCPU can flush its software TLB.
 *
 * @example
 * ```ts
 * import { AddrSpace, GuestPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
 * const hpm = new HostPhysMemory();
 * const as = AddrSpace.newEmpty({ levels: 3, base: GuestPhysAddr.from(0), size: 1n << 30n, hal: hpm, arch: "loongarch64" });
 * const rw = MappingFlags.READ | MappingFlags.WRITE;
 * as.mapAlloc(GuestPhysAddr.from(0x10_0000), 0x10_0000, rw, false);   // lazy RAM
 * as.handlePageFault(GuestPhysAddr.from(0x10_0010), MappingFlags.READ); // true: a frame is mapped
 * console.log(as.translate(GuestPhysAddr.from(0x10_0010))?.toString());
 * as.destroy();
 * ```
 */
export class AddrSpace {
  /** The nested page-table format. */
  readonly arch: NptArch;
  /** The number of page-table levels. */
  readonly levels: 3 | 4;
  /** Frames and host memory. */
  readonly hal: PagingHandler;
  readonly #range: GuestPhysAddrRange;
  readonly #baseNum: number;
  readonly #endNum: number;
  readonly #areas: MemorySet<GuestPhysAddr, MappingFlags, NestedPageTable, Backend> = new MemorySet();
  readonly #pt: NestedPageTable;
  readonly #listeners: Set<AddrSpaceChangeListener> = new Set();
  #accessor: GuestMemoryAccessor | undefined;

  private constructor(range: GuestPhysAddrRange, pt: NestedPageTable, hal: PagingHandler, arch: NptArch) {
    this.#range = range;
    this.#baseNum = Number(range.start.value);
    this.#endNum = Number(range.end.value);
    this.#pt = pt;
    this.hal = hal;
    this.arch = arch;
    this.levels = pt.levels;
  }

  /**
   * Creates an empty address space; allocates exactly one frame, the page-table root (Rust
   * `AddrSpace::new_empty`).
   *
   * @param options - Levels, base, size, HAL and architecture.
   * @returns The address space.
   * @throws {AxError} `InvalidInput` for an unsupported level (3 on x86_64, anything but 3/4), or when
   *   the space does not fit the table's input range (2^39 for 3 levels, 2^48 for 4, an extra check);
   *   `NoMemory` when the root frame cannot be allocated.
   * @throws {RangeError} when `base + size` overflows.
   *
   * @example
   * ```ts
   * import { AddrSpace, GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const as = AddrSpace.newEmpty({ levels: 3, base: GuestPhysAddr.from(0x1000), size: 0x10_0000, hal: hpm, arch: "loongarch64" });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(hpm.stats.framesInUse); // 1 (the root table)
   * ```
   */
  static newEmpty(options: AddrSpaceOptions): AddrSpace {
    const range = AddrRange.fromStartSize(options.base, options.size);
    if (options.levels !== 3 && options.levels !== 4) {
      // Let NestedPageTable produce Rust's exact errors.
      NestedPageTable.new(options.levels, options.arch, options.hal);
    }
    const span = 1n << BigInt(12 + 9 * options.levels);
    if (range.end.value > span) {
      throw new AxError(
        "InvalidInput",
        `address space ${range.toString()} exceeds the ${options.levels}-level table's range`,
      );
    }
    const pt = NestedPageTable.new(options.levels, options.arch, options.hal);
    return new AddrSpace(range, pt, options.hal, options.arch);
  }

  /**
   * The lowest address.
   *
   * @returns The base.
   *
   * @example
   * ```ts
   * import { AddrSpace, GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const as = AddrSpace.newEmpty({ levels: 3, base: GuestPhysAddr.from(0x1000), size: 0x10_0000, hal: hpm, arch: "loongarch64" });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(`${as.base()}`); // GPA:0x1000
   * ```
   */
  base(): GuestPhysAddr {
    return this.#range.start;
  }

  /**
   * The end (exclusive).
   *
   * @returns `base + size`.
   *
   * @example
   * ```ts
   * import { AddrSpace, GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const as = AddrSpace.newEmpty({ levels: 3, base: GuestPhysAddr.from(0x1000), size: 0x10_0000, hal: hpm, arch: "loongarch64" });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(`${as.end()}`); // GPA:0x101000
   * ```
   */
  end(): GuestPhysAddr {
    return this.#range.end;
  }

  /**
   * The size in bytes.
   *
   * @returns The size.
   *
   * @example
   * ```ts
   * import { AddrSpace, GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const as = AddrSpace.newEmpty({ levels: 3, base: GuestPhysAddr.from(0x1000), size: 0x10_0000, hal: hpm, arch: "loongarch64" });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(as.size()); // 1048576n
   * ```
   */
  size(): bigint {
    return this.#range.size();
  }

  /**
   * The nested page table.
   *
   * @returns The table.
   *
   * @example
   * ```ts
   * import { AddrSpace, GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const as = AddrSpace.newEmpty({ levels: 3, base: GuestPhysAddr.from(0x1000), size: 0x10_0000, hal: hpm, arch: "loongarch64" });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(as.pageTable().format.name); // LoongArchPTE
   * ```
   */
  pageTable(): NestedPageTable {
    return this.#pt;
  }

  /**
   * The root of the nested page table, what a vCPU walks (Rust `page_table_root`).
   *
   * @returns The root's host physical address.
   *
   * @example
   * ```ts
   * import { AddrSpace, GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const as = AddrSpace.newEmpty({ levels: 3, base: GuestPhysAddr.from(0x1000), size: 0x10_0000, hal: hpm, arch: "loongarch64" });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(`${as.pageTableRoot()}`); // PA:0x1000
   * ```
   */
  pageTableRoot(): HostPhysAddr {
    return this.#pt.rootPaddr();
  }

  /**
   * Whether `[start, start + size)` lies inside the space.
   *
   * @param start - The start.
   * @param size - The size.
   * @returns `true` when contained.
   * @throws {RangeError} when `start + size` overflows (Rust panics).
   *
   * @example
   * ```ts
   * import { AddrSpace, GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const as = AddrSpace.newEmpty({ levels: 3, base: GuestPhysAddr.from(0x1000), size: 0x10_0000, hal: hpm, arch: "loongarch64" });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(as.containsRange(GuestPhysAddr.from(0x1000), 0x1000), as.containsRange(GuestPhysAddr.from(0), 0x2000)); // true false
   * ```
   */
  containsRange(start: GuestPhysAddr, size: bigint | number): boolean {
    return this.#range.containsRange(AddrRange.fromStartSize(start, size));
  }

  /**
   * The areas in ascending order.
   *
   * @returns An iterable of areas.
   *
   * @example
   * ```ts
   * import { AddrSpace, GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const as = AddrSpace.newEmpty({ levels: 3, base: GuestPhysAddr.from(0x1000), size: 0x10_0000, hal: hpm, arch: "loongarch64" });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * as.mapAlloc(GuestPhysAddr.from(0x2000), 0x2000, RW, false);
   * console.log([...as.areas()].map((a) => `${a.vaRange()}`)); // ["GPA:0x2000..GPA:0x4000"]
   * ```
   */
  areas(): Iterable<AddrSpaceArea> {
    return this.#areas.iter();
  }

  /**
   * The area containing `gpa`.
   *
   * @param gpa - The address.
   * @returns The area, or `undefined`.
   *
   * @example
   * ```ts
   * import { AddrSpace, GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const as = AddrSpace.newEmpty({ levels: 3, base: GuestPhysAddr.from(0x1000), size: 0x10_0000, hal: hpm, arch: "loongarch64" });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * as.mapAlloc(GuestPhysAddr.from(0x2000), 0x2000, RW, false);
   * console.log(`${as.findArea(GuestPhysAddr.from(0x3abc))?.backend()}`); // Alloc { populate: false }
   * ```
   */
  findArea(gpa: GuestPhysAddr): AddrSpaceArea | undefined {
    return this.#areas.find(gpa);
  }

  /**
   * Maps guest `[startGpa, startGpa + size)` to host `[startHpa, startHpa + size)` (Rust `map_linear`).
   *
   * @param startGpa - The guest start (4 KiB-aligned).
   * @param startHpa - The host start (4 KiB-aligned).
   * @param size - The size (4 KiB-aligned).
   * @param flags - The flags.
   * @throws {AxError} `InvalidInput` ("address out of range" / "address not aligned"), `AlreadyExists`
   *   on overlap, `BadState` when the page table cannot be updated.
   *
   * @example
   * ```ts
   * import { AddrSpace, GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const as = AddrSpace.newEmpty({ levels: 3, base: GuestPhysAddr.from(0x1000), size: 0x10_0000, hal: hpm, arch: "loongarch64" });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * as.mapLinear(GuestPhysAddr.from(0x2000), HostPhysAddr.from(0x8000_0000), 0x1000, RW);
   * console.log(`${as.translate(GuestPhysAddr.from(0x2010))}`); // PA:0x80000010
   * ```
   */
  mapLinear(
    startGpa: GuestPhysAddr,
    startHpa: HostPhysAddr,
    size: bigint | number,
    flags: MappingFlags,
  ): void {
    const sz = this.#checkRange(startGpa, size);
    if (!checked4K(startGpa.value) || !checked4K(startHpa.value) || !checked4K(sz)) {
      throw new AxError("InvalidInput", "address not aligned");
    }
    const area = new MemoryArea(startGpa, sz, flags, Backend.newLinear(startGpa.value - startHpa.value));
    this.#mapArea(area);
  }

  /**
   * Maps `[start, start + size)` to freshly allocated frames, now (`populate`) or on first fault
   * (Rust `map_alloc`).
   *
   * @param start - The start (4 KiB-aligned).
   * @param size - The size (4 KiB-aligned).
   * @param flags - The flags.
   * @param populate - Allocate every frame now.
   * @throws {AxError} `InvalidInput` (range / alignment), `AlreadyExists` on overlap, `BadState` when
   *   frames or tables run out (nothing stays mapped).
   *
   * @example
   * ```ts
   * import { AddrSpace, GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const as = AddrSpace.newEmpty({ levels: 3, base: GuestPhysAddr.from(0x1000), size: 0x10_0000, hal: hpm, arch: "loongarch64" });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * as.mapAlloc(GuestPhysAddr.from(0x2000), 0x2000, RW, true);
   * console.log(hpm.stats.framesInUse); // 5 (root, 2 tables, 2 frames)
   * ```
   */
  mapAlloc(start: GuestPhysAddr, size: bigint | number, flags: MappingFlags, populate: boolean): void {
    const sz = this.#checkRange(start, size);
    if (!checked4K(start.value) || !checked4K(sz)) throw new AxError("InvalidInput", "address not aligned");
    this.#mapArea(new MemoryArea(start, sz, flags, Backend.newAlloc(populate)));
  }

  /**
   * Removes the mappings in `[start, start + size)`, splitting areas at the edges; holes are fine
   * (Rust `unmap`). Frames of Alloc areas are freed.
   *
   * @param start - The start (4 KiB-aligned).
   * @param size - The size (4 KiB-aligned).
   * @throws {AxError} `InvalidInput` (range / alignment), `BadState` on a backend failure.
   *
   * @example
   * ```ts
   * import { AddrSpace, GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const as = AddrSpace.newEmpty({ levels: 3, base: GuestPhysAddr.from(0x1000), size: 0x10_0000, hal: hpm, arch: "loongarch64" });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * as.mapAlloc(GuestPhysAddr.from(0x2000), 0x3000, RW, true);
   * as.unmap(GuestPhysAddr.from(0x3000), 0x1000); // punches a hole: two areas remain
   * console.log([...as.areas()].length, as.translate(GuestPhysAddr.from(0x3000))); // 2 undefined
   * ```
   */
  unmap(start: GuestPhysAddr, size: bigint | number): void {
    const sz = this.#checkRange(start, size);
    if (!checked4K(start.value) || !checked4K(sz)) throw new AxError("InvalidInput", "address not aligned");
    try {
      this.#areas.unmap(start, sz, this.#pt);
    } catch (e) {
      throw e instanceof MappingError ? e.toAxError() : e;
    } finally {
      this.#emit(AddrRange.fromStartSize(start, sz));
    }
  }

  /**
   * Changes the flags of `[start, start + size)` (an extension over Rust, built on
   * `MemorySet.protect`): areas are split at the edges, present pages get the new flags, lazy pages
   * get them when faulted in. Areas that already have `flags` are left untouched.
   *
   * @param start - The start (4 KiB-aligned).
   * @param size - The size (4 KiB-aligned).
   * @param flags - The new flags.
   * @throws {AxError} `InvalidInput` (range / alignment).
   *
   * @example
   * ```ts
   * import { AddrSpace, GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const as = AddrSpace.newEmpty({ levels: 3, base: GuestPhysAddr.from(0x1000), size: 0x10_0000, hal: hpm, arch: "loongarch64" });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * as.mapAlloc(GuestPhysAddr.from(0x2000), 0x3000, RW, true);
   * as.protect(GuestPhysAddr.from(0x3000), 0x1000, MappingFlags.READ);
   * console.log([...as.areas()].map((a) => a.flags())); // [3, 1, 3]
   * ```
   */
  protect(start: GuestPhysAddr, size: bigint | number, flags: MappingFlags): void {
    const sz = this.#checkRange(start, size);
    if (!checked4K(start.value) || !checked4K(sz)) throw new AxError("InvalidInput", "address not aligned");
    try {
      this.#areas.protect(start, sz, (old) => (old === flags ? undefined : flags), this.#pt);
    } catch (e) {
      throw e instanceof MappingError ? e.toAxError() : e;
    } finally {
      this.#emit(AddrRange.fromStartSize(start, sz));
    }
  }

  /**
   * Removes every mapping, freeing the frames of Alloc areas (Rust `clear`). The page-table frames
   * stay until {@link AddrSpace.destroy}.
   *
   * @throws {AxError} `BadState` when a backend fails (Rust panics).
   *
   * @example
   * ```ts
   * import { AddrSpace, GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const as = AddrSpace.newEmpty({ levels: 3, base: GuestPhysAddr.from(0x1000), size: 0x10_0000, hal: hpm, arch: "loongarch64" });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * as.mapAlloc(GuestPhysAddr.from(0x2000), 0x2000, RW, true);
   * as.clear();
   * console.log([...as.areas()].length, hpm.stats.framesInUse); // 0 3
   * ```
   */
  clear(): void {
    try {
      this.#areas.clear(this.#pt);
    } catch (e) {
      throw e instanceof MappingError ? e.toAxError() : e;
    } finally {
      this.#emit(this.#range);
    }
  }

  /**
   * Clears the space and frees every page-table frame (Rust's `Drop`). The space is unusable afterwards.
   *
   * @example
   * ```ts
   * import { AddrSpace, GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const as = AddrSpace.newEmpty({ levels: 3, base: GuestPhysAddr.from(0x1000), size: 0x10_0000, hal: hpm, arch: "loongarch64" });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * as.mapAlloc(GuestPhysAddr.from(0x2000), 0x2000, RW, true);
   * as.destroy();
   * console.log(hpm.stats.framesInUse); // 0
   * ```
   */
  destroy(): void {
    if (this.#pt.pageTable.isDestroyed()) return;
    this.clear();
    this.#pt.destroy();
    this.#listeners.clear();
  }

  /**
   * Resolves a nested page fault (Rust `handle_page_fault`).
   *
   * @param gpa - The faulting guest physical address.
   * @param accessFlags - The kind of access (READ, WRITE, EXECUTE…).
   * @returns `true` when the fault is resolved and the access can be retried; `false` for a real
   *   fault (outside the space or any area, access not allowed by the area's flags, Linear or
   *   populated areas, or no memory).
   *
   * @example
   * ```ts
   * import { AddrSpace, GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const as = AddrSpace.newEmpty({ levels: 3, base: GuestPhysAddr.from(0x1000), size: 0x10_0000, hal: hpm, arch: "loongarch64" });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * as.mapAlloc(GuestPhysAddr.from(0x2000), 0x1000, MappingFlags.READ, false);
   * console.log(as.handlePageFault(GuestPhysAddr.from(0x2004), MappingFlags.WRITE)); // false
   * console.log(as.handlePageFault(GuestPhysAddr.from(0x2004), MappingFlags.READ)); // true
   * ```
   */
  handlePageFault(gpa: GuestPhysAddr, accessFlags: MappingFlags): boolean {
    if (!this.#range.contains(gpa)) return false;
    const area = this.#areas.find(gpa);
    if (area === undefined) return false;
    const flags = area.flags();
    if (!MappingFlags.contains(flags, accessFlags)) return false;
    const ok = area.backend().handlePageFault(gpa, flags, this.#pt);
    if (ok) this.#emit(AddrRange.fromStartSize(gpa.alignDown4K(), 0x1000));
    return ok;
  }

  /**
   * Translates a guest physical address (Rust `translate`).
   *
   * @param gpa - The address.
   * @returns The host physical address (page offset included, huge pages honoured), or `undefined`
   *   outside the space or when not mapped (e.g. a lazy page not yet faulted in).
   *
   * @example
   * ```ts
   * import { AddrSpace, GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const as = AddrSpace.newEmpty({ levels: 3, base: GuestPhysAddr.from(0x1000), size: 0x10_0000, hal: hpm, arch: "loongarch64" });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * as.mapLinear(GuestPhysAddr.from(0x2000), HostPhysAddr.from(0x9000), 0x1000, RW);
   * console.log(`${as.translate(GuestPhysAddr.from(0x2abc))}`, as.translate(GuestPhysAddr.from(0x5000))); // PA:0x9abc undefined
   * ```
   */
  translate(gpa: GuestPhysAddr): HostPhysAddr | undefined {
    const pa = this.translateNumber(Number(gpa.value));
    return pa < 0 ? undefined : HostPhysAddr.from(pa);
  }

  /**
   * Numeric fast path of {@link AddrSpace.translate} for hot loops (a software TLB refill).
   *
   * @param gpa - The guest physical address as a number.
   * @returns The host physical address, or -1 when outside the space or not mapped.
   *
   * @example
   * ```ts
   * import { AddrSpace, GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const as = AddrSpace.newEmpty({ levels: 3, base: GuestPhysAddr.from(0x1000), size: 0x10_0000, hal: hpm, arch: "loongarch64" });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * as.mapLinear(GuestPhysAddr.from(0x2000), HostPhysAddr.from(0x9000), 0x1000, RW);
   * console.log(as.translateNumber(0x2abc).toString(16), as.translateNumber(0x5000)); // 9abc -1
   * ```
   */
  translateNumber(gpa: number): number {
    if (!(gpa >= this.#baseNum && gpa < this.#endNum)) return -1;
    return this.#pt.pageTable.translateNumber(gpa);
  }

  /**
   * Translates and also returns the size of the containing area (Rust `translate_and_get_limit`;
   * note the limit is the **whole area's size**, not the bytes left after `gpa`).
   *
   * @param gpa - The address.
   * @returns `[hpa, area size]`, or `undefined` outside the space, outside any area, or when unmapped.
   *
   * @example
   * ```ts
   * import { AddrSpace, GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const as = AddrSpace.newEmpty({ levels: 3, base: GuestPhysAddr.from(0x1000), size: 0x10_0000, hal: hpm, arch: "loongarch64" });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * as.mapLinear(GuestPhysAddr.from(0x2000), HostPhysAddr.from(0x9000), 0x3000, RW);
   * const [hpa, limit] = as.translateAndGetLimit(GuestPhysAddr.from(0x3000))!;
   * console.log(`${hpa}`, limit); // PA:0xa000 12288n
   * ```
   */
  translateAndGetLimit(gpa: GuestPhysAddr): [HostPhysAddr, bigint] | undefined {
    if (!this.#range.contains(gpa)) return undefined;
    const area = this.#areas.find(gpa);
    if (area === undefined) return undefined;
    const pa = this.#pt.pageTable.translateNumber(Number(gpa.value));
    return pa < 0 ? undefined : [HostPhysAddr.from(pa), area.size()];
  }

  /**
   * Host byte views of guest `[gpa, gpa + len)`, one per page (a 2 MiB / 1 GiB page gives one large
   * view) (Rust `translated_byte_buffer`). The views alias host memory until it next grows.
   *
   * @param gpa - The start.
   * @param len - The length in bytes.
   * @returns The views, or `undefined` when `gpa` is outside the space or any area, when `len`
   *   exceeds the area's size (Rust's check), or when a page in the span is not mapped (Rust panics)
   *   or lies outside host memory.
   *
   * @example
   * ```ts
   * import { AddrSpace, GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const as = AddrSpace.newEmpty({ levels: 3, base: GuestPhysAddr.from(0x1000), size: 0x10_0000, hal: hpm, arch: "loongarch64" });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * as.mapAlloc(GuestPhysAddr.from(0x2000), 0x2000, RW, true);
   * const views = as.translatedByteBuffer(GuestPhysAddr.from(0x2f00), 0x200)!;
   * console.log(views.map((v) => v.length)); // [256, 256]
   * ```
   */
  translatedByteBuffer(gpa: GuestPhysAddr, len: number): Uint8Array[] | undefined {
    if (!this.#range.contains(gpa)) return undefined;
    const area = this.#areas.find(gpa);
    if (area === undefined) return undefined;
    if (BigInt(len) > area.size()) return undefined;
    const pt = this.#pt.pageTable;
    const dv = this.hal.dataView();
    const out: Uint8Array[] = [];
    let cur = Number(gpa.value);
    const end = cur + len;
    while (cur < end) {
      const pa = pt.translateNumber(cur);
      if (pa < 0) return undefined;
      const size = pt.lastPageSize();
      const next = Math.min(cur - (cur % size) + size, end);
      const n = next - cur;
      if (pa + n > dv.byteLength) return undefined;
      out.push(new Uint8Array(dv.buffer, dv.byteOffset + pa, n));
      cur = next;
    }
    return out;
  }

  /**
   * A typed reader/writer of this space's guest memory (created once, then cached).
   *
   * @returns The accessor.
   *
   * @example
   * ```ts
   * import { AddrSpace, GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const as = AddrSpace.newEmpty({ levels: 3, base: GuestPhysAddr.from(0x1000), size: 0x10_0000, hal: hpm, arch: "loongarch64" });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * as.mapAlloc(GuestPhysAddr.from(0x2000), 0x1000, RW, true);
   * as.accessor().writeU16(GuestPhysAddr.from(0x2000), 0xbeef);
   * console.log(as.accessor().readU8(GuestPhysAddr.from(0x2001)).toString(16)); // be
   * ```
   */
  accessor(): GuestMemoryAccessor {
    this.#accessor ??= new GuestMemoryAccessor(this, this.hal);
    return this.#accessor;
  }

  /**
   * Registers a listener called with the affected range after every mapping change.
   *
   * @param listener - The listener.
   * @returns A function that unregisters it.
   *
   * @example
   * ```ts
   * import { AddrSpace, GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const as = AddrSpace.newEmpty({ levels: 3, base: GuestPhysAddr.from(0x1000), size: 0x10_0000, hal: hpm, arch: "loongarch64" });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * const seen: string[] = [];
   * const off = as.onChange((range) => seen.push(`${range}`));
   * as.mapAlloc(GuestPhysAddr.from(0x2000), 0x1000, RW, false);
   * off();
   * console.log(seen); // ["GPA:0x2000..GPA:0x3000"]
   * ```
   */
  onChange(listener: AddrSpaceChangeListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /**
   * Formats like Rust's `Debug`.
   *
   * @returns `"AddrSpace { va_range: …, page_table_root: …, areas: [...] }"`.
   *
   * @example
   * ```ts
   * import { AddrSpace, GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const as = AddrSpace.newEmpty({ levels: 3, base: GuestPhysAddr.from(0x1000), size: 0x10_0000, hal: hpm, arch: "loongarch64" });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(`${as}`); // AddrSpace { va_range: GPA:0x1000..GPA:0x101000, page_table_root: PA:0x1000, areas: [] }
   * ```
   */
  toString(): string {
    const root = this.#pt.pageTable.isDestroyed() ? "destroyed" : this.pageTableRoot().toString();
    return `AddrSpace { va_range: ${this.#range.toString()}, page_table_root: ${root}, areas: ${this.#areas.toString()} }`;
  }

  #checkRange(start: GuestPhysAddr, size: bigint | number): bigint {
    const sz = toBigSize(size);
    const range = AddrRange.tryFromStartSize(start, sz);
    if (range === undefined || !this.#range.containsRange(range)) {
      throw new AxError("InvalidInput", `address [${start.toString()}~+0x${sz.toString(16)}] out of range`);
    }
    return sz;
  }

  #mapArea(area: AddrSpaceArea): void {
    try {
      this.#areas.map(area, this.#pt, false);
    } catch (e) {
      throw e instanceof MappingError ? e.toAxError() : e;
    }
    this.#emit(area.vaRange());
  }

  #emit(range: GuestPhysAddrRange): void {
    for (const l of this.#listeners) l(range);
  }
}
