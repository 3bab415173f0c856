import type { Addr, AddrType } from "@axvisor/memory-addr";
import { HostPhysAddr } from "../addr.js";
import { AxError } from "../error.js";
import type { PagingHandler } from "../hal.js";
import type { MappingFlags } from "../mapping-flags.js";
import { PageSize } from "./page-size.js";
import { PagingError, type PagingErrorCode } from "./paging-error.js";
import type { PteFormat, PteWords } from "./pte.js";

const ENTRY_COUNT = 512;
const VA_MASK_48 = (1n << 48n) - 1n;

// Negative results of the internal walkers (no exceptions on hot paths).
const NOT_MAPPED = -1;
const MAPPED_TO_HUGE = -2;
const NO_MEMORY = -3;

/**
 * Options of {@link PageTable64.tryNew}.
 *
 * @example
 * ```ts
 * import { GuestPhysAddr, HostPhysMemory, LoongArchPTE, PageTable64, type PageTable64Options } from "@axvisor/axaddrspace";
 * const opts: PageTable64Options<"GuestPhysAddr"> = {
 *   format: LoongArchPTE, levels: 3, hal: new HostPhysMemory(), addrType: GuestPhysAddr,
 * };
 * const pt = PageTable64.tryNew(opts);
 * ```
 */
export interface PageTable64Options<N extends string> {
  /** The entry format. */
  readonly format: PteFormat;
  /** 3 levels (39-bit input addresses) or 4 levels (48-bit). */
  readonly levels: 3 | 4;
  /** Where table frames come from and live. */
  readonly hal: PagingHandler;
  /** The address type of the translated ("virtual") side, e.g. `GuestPhysAddr`. */
  readonly addrType: AddrType<N>;
}

/**
 * One step of {@link PageTable64.trace}: the entry read at one level of a walk.
 *
 * @example
 * ```ts
 * import type { PageTableWalkStep } from "@axvisor/axaddrspace";
 * const show = (s: PageTableWalkStep) => `L${s.level}[${s.index}] = 0x${s.bits.toString(16)} ${s.description}`;
 * ```
 */
export interface PageTableWalkStep {
  /** The level, 0 = root. */
  readonly level: number;
  /** The index of the entry in its table (0..511). */
  readonly index: number;
  /** The host physical address of the entry. */
  readonly entryAddr: HostPhysAddr;
  /** The raw entry. */
  readonly bits: bigint;
  /** The format's decoding of the raw fields. */
  readonly description: string;
  /** What the walker does with the entry. */
  readonly kind: "table" | "leaf" | "huge-leaf" | "not-mapped";
}

/**
 * A callback of {@link PageTable64.walk}: `(level, index, vaddr, entry)`.
 *
 * @example
 * ```ts
 * import type { PageTableWalkFn } from "@axvisor/axaddrspace";
 * const log: PageTableWalkFn<"GuestPhysAddr"> = (level, index, vaddr, pte) => console.log(level, index, `${vaddr}`, pte);
 * ```
 */
export type PageTableWalkFn<N extends string> = (
  level: number,
  index: number,
  vaddr: Addr<N>,
  entry: bigint,
) => void;

function toVaNumber(value: bigint): number {
  // Rust's index functions ignore bits above 47; masking first also keeps the value exact as a number.
  return Number(value & VA_MASK_48);
}

function sizeNumber(size: bigint | number): number {
  const n = typeof size === "bigint" ? Number(size) : size;
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError("size must be a non-negative safe integer");
  return n;
}

function pagingError(code: number): PagingError {
  const kind: PagingErrorCode =
    code === MAPPED_TO_HUGE ? "MappedToHugePage" : code === NO_MEMORY ? "NoMemory" : "NotMapped";
  return new PagingError(kind);
}

/**
 * A multi-level page table of 512 entries × 8 bytes per 4 KiB table, stored as bytes in host
 * physical memory in a real architecture format (Rust `page_table_multiarch::PageTable64` and its
 * cursor). An emulated MMU can walk exactly what this writes, starting at {@link PageTable64.rootPaddr}.
 *
 * Semantics follow Rust: `map` creates intermediate tables and fails with `AlreadyMapped` on a used
 * entry; `unmap` fails with `NotMapped` on an absent entry (and clears it anyway); `remap` rewrites
 * any entry whose tables exist; `mapRegion` picks 1 GiB / 2 MiB pages when `allowHuge` and the
 * alignment and size allow; `protectRegion` skips absent entries. Errors are thrown as
 * {@link PagingError}. One deliberate difference: an all-zero entry above the last level is always
 * "not mapped" (Rust's AArch64 format reads it as a huge page, which can trip an assertion).
 *
 * Addresses are walked as numbers (input addresses are masked to 48 bits, as the Rust index
 * functions do); no BigInt is created on the `translate`/`query` fast paths except for the result.
 *
 * @example
 * ```ts
 * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags, PageSize, PageTable64, Rv64PTE } from "@axvisor/axaddrspace";
 * const pt = PageTable64.tryNew({ format: Rv64PTE, levels: 3, hal: new HostPhysMemory(), addrType: GuestPhysAddr });
 * pt.map(GuestPhysAddr.from(0x1000), HostPhysAddr.from(0x8000_0000), PageSize.Size4K, MappingFlags.READ);
 * const [pa, flags, size] = pt.query(GuestPhysAddr.from(0x1234)); // PA:0x80000234, READ, 4K
 * pt.destroy();
 * ```
 */
export class PageTable64<N extends string> {
  /** The entry format. */
  readonly format: PteFormat;
  /** The number of levels. */
  readonly levels: 3 | 4;
  /** The frame allocator and memory the tables live in. */
  readonly hal: PagingHandler;
  /** The address type of the input side. */
  readonly addrType: AddrType<N>;
  #root: number;
  #lastSize: PageSize = PageSize.Size4K;
  readonly #w: PteWords = { lo: 0, hi: 0 };

  private constructor(options: PageTable64Options<N>, root: number) {
    this.format = options.format;
    this.levels = options.levels;
    this.hal = options.hal;
    this.addrType = options.addrType;
    this.#root = root;
  }

  /**
   * Creates an empty table, allocating and zeroing its root frame (Rust `PageTable64::try_new`).
   *
   * @param options - Format, levels, allocator and address type.
   * @returns The page table.
   * @throws {PagingError} `NoMemory` when the root frame cannot be allocated.
   * @throws {RangeError} when `levels` is not 3 or 4.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, LoongArchPTE, MappingFlags, PageSize, PageTable64 } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const pt = PageTable64.tryNew({ format: LoongArchPTE, levels: 3, hal, addrType: GuestPhysAddr });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * pt.map(GuestPhysAddr.from(0x1000), HostPhysAddr.from(0x8000), PageSize.Size4K, RW);
   * console.log(hal.stats.framesInUse); // 3 (root + 2 tables for the mapping)
   * ```
   */
  static tryNew<N extends string>(options: PageTable64Options<N>): PageTable64<N> {
    if (options.levels !== 3 && options.levels !== 4) throw new RangeError("levels must be 3 or 4");
    const root = allocTable(options.hal);
    if (root < 0) throw new PagingError("NoMemory");
    return new PageTable64(options, root);
  }

  /**
   * The physical address of the root table.
   *
   * @returns The root's host physical address.
   * @throws {AxError} `BadState` after {@link PageTable64.destroy}.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, LoongArchPTE, MappingFlags, PageSize, PageTable64 } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const pt = PageTable64.tryNew({ format: LoongArchPTE, levels: 3, hal, addrType: GuestPhysAddr });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * pt.map(GuestPhysAddr.from(0x1000), HostPhysAddr.from(0x8000), PageSize.Size4K, RW);
   * console.log(`${pt.rootPaddr()}`); // PA:0x1000
   * ```
   */
  rootPaddr(): HostPhysAddr {
    return HostPhysAddr.from(this.#liveRoot());
  }

  /**
   * The size in bytes of the input address space the table covers: 2^39 (3 levels) or 2^48 (4 levels).
   *
   * @returns The span as a bigint.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, LoongArchPTE, MappingFlags, PageSize, PageTable64 } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const pt = PageTable64.tryNew({ format: LoongArchPTE, levels: 3, hal, addrType: GuestPhysAddr });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * pt.map(GuestPhysAddr.from(0x1000), HostPhysAddr.from(0x8000), PageSize.Size4K, RW);
   * console.log(pt.vaSpan() === 1n << 39n); // true
   * ```
   */
  vaSpan(): bigint {
    return 1n << BigInt(12 + 9 * this.levels);
  }

  /**
   * Looks up the mapping of `vaddr` (Rust `PageTable64::query`).
   *
   * @param vaddr - The input address (need not be aligned).
   * @returns `[paddr + offset in page, flags, page size]`.
   * @throws {PagingError} `NotMapped` when the entry is absent or a table is missing.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, LoongArchPTE, MappingFlags, PageSize, PageTable64 } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const pt = PageTable64.tryNew({ format: LoongArchPTE, levels: 3, hal, addrType: GuestPhysAddr });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * pt.map(GuestPhysAddr.from(0x1000), HostPhysAddr.from(0x8000), PageSize.Size4K, RW);
   * const [pa, flags, size] = pt.query(GuestPhysAddr.from(0x1abc));
   * console.log(`${pa}`, flags, size); // PA:0x8abc 3 4096
   * ```
   */
  query(vaddr: Addr<N>): [HostPhysAddr, MappingFlags, PageSize] {
    const va = toVaNumber(vaddr.value);
    const dv = this.hal.dataView();
    const e = this.getEntryAddress(va, dv);
    if (e < 0) throw pagingError(e);
    const lo = dv.getUint32(e, true);
    const hi = dv.getUint32(e + 4, true);
    if (!this.format.presentOf(lo, hi)) throw new PagingError("NotMapped");
    const size = this.#lastSize;
    return [HostPhysAddr.from(this.format.paddrOf(lo, hi) + (va % size)), this.format.flagsOf(lo, hi), size];
  }

  /**
   * Numeric fast path of {@link PageTable64.query}: the host physical address `va` maps to, or -1.
   *
   * @param va - The input address as a number (below 2^48).
   * @returns The translated address, or -1 when not mapped.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, LoongArchPTE, MappingFlags, PageSize, PageTable64 } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const pt = PageTable64.tryNew({ format: LoongArchPTE, levels: 3, hal, addrType: GuestPhysAddr });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * pt.map(GuestPhysAddr.from(0x1000), HostPhysAddr.from(0x8000), PageSize.Size4K, RW);
   * console.log(pt.translateNumber(0x1abc).toString(16), pt.translateNumber(0x5000)); // 8abc -1
   * ```
   */
  translateNumber(va: number): number {
    const dv = this.hal.dataView();
    const e = this.getEntryAddress(va, dv);
    if (e < 0) return -1;
    const lo = dv.getUint32(e, true);
    const hi = dv.getUint32(e + 4, true);
    if (!this.format.presentOf(lo, hi)) return -1;
    return this.format.paddrOf(lo, hi) + (va % this.#lastSize);
  }

  /**
   * The page size found by the last numeric lookup ({@link PageTable64.translateNumber}).
   *
   * @returns The page size.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, LoongArchPTE, MappingFlags, PageSize, PageTable64 } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const pt = PageTable64.tryNew({ format: LoongArchPTE, levels: 3, hal, addrType: GuestPhysAddr });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * pt.map(GuestPhysAddr.from(0x1000), HostPhysAddr.from(0x8000), PageSize.Size4K, RW);
   * pt.translateNumber(0x1000);
   * console.log(pt.lastPageSize()); // 4096
   * ```
   */
  lastPageSize(): PageSize {
    return this.#lastSize;
  }

  /**
   * Maps one page (Rust cursor `map`). `target` is aligned down to `pageSize`.
   *
   * @param vaddr - The input address of the page (its low bits select the entry only).
   * @param target - The physical address.
   * @param pageSize - 4 KiB, 2 MiB or 1 GiB.
   * @param flags - The mapping flags.
   * @throws {PagingError} `AlreadyMapped` when the entry is in use, `NoMemory` when a table cannot be
   *   allocated, `MappedToHugePage` / `NotMapped` when a huge page or corrupt entry is in the way.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, LoongArchPTE, MappingFlags, PageSize, PageTable64 } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const pt = PageTable64.tryNew({ format: LoongArchPTE, levels: 3, hal, addrType: GuestPhysAddr });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * pt.map(GuestPhysAddr.from(0x1000), HostPhysAddr.from(0x8000), PageSize.Size4K, RW);
   * pt.map(GuestPhysAddr.from(0x20_0000), HostPhysAddr.from(0x40_0000), PageSize.Size2M, RW);
   * console.log(pt.query(GuestPhysAddr.from(0x20_0000))[2]); // 2097152
   * ```
   */
  map(vaddr: Addr<N>, target: HostPhysAddr, pageSize: PageSize, flags: MappingFlags): void {
    const r = this.mapNumber(toVaNumber(vaddr.value), Number(target.value), pageSize, flags);
    if (r < 0) throw r === -4 ? new PagingError("AlreadyMapped") : pagingError(r);
  }

  /**
   * Rewrites the address and flags of the entry for `vaddr`, present or not (Rust cursor `remap`).
   *
   * @param vaddr - The input address.
   * @param paddr - The new physical address.
   * @param flags - The new flags.
   * @returns The size of the entry's page.
   * @throws {PagingError} `NotMapped` when an intermediate table is missing.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, LoongArchPTE, MappingFlags, PageSize, PageTable64 } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const pt = PageTable64.tryNew({ format: LoongArchPTE, levels: 3, hal, addrType: GuestPhysAddr });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * pt.map(GuestPhysAddr.from(0x1000), HostPhysAddr.from(0x8000), PageSize.Size4K, RW);
   * pt.remap(GuestPhysAddr.from(0x1000), HostPhysAddr.from(0x9000), MappingFlags.READ);
   * console.log(`${pt.query(GuestPhysAddr.from(0x1000))[0]}`); // PA:0x9000
   * ```
   */
  remap(vaddr: Addr<N>, paddr: HostPhysAddr, flags: MappingFlags): PageSize {
    const r = this.remapNumber(toVaNumber(vaddr.value), Number(paddr.value), flags);
    if (r < 0) throw pagingError(r);
    return r as PageSize;
  }

  /**
   * Changes the flags of a present entry (Rust cursor `protect`).
   *
   * @param vaddr - The input address.
   * @param flags - The new flags.
   * @returns The size of the entry's page.
   * @throws {PagingError} `NotMapped` when the entry is absent.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, LoongArchPTE, MappingFlags, PageSize, PageTable64 } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const pt = PageTable64.tryNew({ format: LoongArchPTE, levels: 3, hal, addrType: GuestPhysAddr });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * pt.map(GuestPhysAddr.from(0x1000), HostPhysAddr.from(0x8000), PageSize.Size4K, RW);
   * pt.protect(GuestPhysAddr.from(0x1000), MappingFlags.READ);
   * console.log(pt.query(GuestPhysAddr.from(0x1000))[1]); // 1
   * ```
   */
  protect(vaddr: Addr<N>, flags: MappingFlags): PageSize {
    const dv = this.hal.dataView();
    const e = this.getEntryAddress(toVaNumber(vaddr.value), dv);
    if (e < 0) throw pagingError(e);
    const lo = dv.getUint32(e, true);
    const hi = dv.getUint32(e + 4, true);
    if (!this.format.presentOf(lo, hi)) throw new PagingError("NotMapped");
    const size = this.#lastSize;
    this.format.setFlagsOf(lo, hi, flags, size !== PageSize.Size4K, this.#w);
    dv.setUint32(e, this.#w.lo, true);
    dv.setUint32(e + 4, this.#w.hi, true);
    return size;
  }

  /**
   * Clears the entry for `vaddr` (Rust cursor `unmap`).
   *
   * @param vaddr - The input address.
   * @returns `[paddr, flags, page size]` of the removed mapping.
   * @throws {PagingError} `NotMapped` when the entry is absent (it is cleared anyway) or a table is missing.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, LoongArchPTE, MappingFlags, PageSize, PageTable64 } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const pt = PageTable64.tryNew({ format: LoongArchPTE, levels: 3, hal, addrType: GuestPhysAddr });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * pt.map(GuestPhysAddr.from(0x1000), HostPhysAddr.from(0x8000), PageSize.Size4K, RW);
   * const [pa] = pt.unmap(GuestPhysAddr.from(0x1000));
   * console.log(`${pa}`, pt.translateNumber(0x1000)); // PA:0x8000 -1
   * ```
   */
  unmap(vaddr: Addr<N>): [HostPhysAddr, MappingFlags, PageSize] {
    const dv = this.hal.dataView();
    const e = this.getEntryAddress(toVaNumber(vaddr.value), dv);
    if (e < 0) throw pagingError(e);
    const lo = dv.getUint32(e, true);
    const hi = dv.getUint32(e + 4, true);
    dv.setUint32(e, 0, true);
    dv.setUint32(e + 4, 0, true);
    if (!this.format.presentOf(lo, hi)) throw new PagingError("NotMapped");
    return [HostPhysAddr.from(this.format.paddrOf(lo, hi)), this.format.flagsOf(lo, hi), this.#lastSize];
  }

  /**
   * Maps a contiguous input region (Rust cursor `map_region`). With `allowHuge` each step uses a
   * 1 GiB page when the input address and `getPaddr`'s result are 1 GiB-aligned and at least 1 GiB
   * remains, else 2 MiB under the same rule, else 4 KiB.
   *
   * @param vaddr - The start (4 KiB-aligned).
   * @param getPaddr - The physical address for each page start.
   * @param size - The size in bytes (4 KiB-aligned).
   * @param flags - The mapping flags.
   * @param allowHuge - Whether huge pages may be used.
   * @throws {PagingError} `NotAligned` for unaligned `vaddr`/`size`; any error of {@link PageTable64.map}
   *   (pages mapped before the failure stay mapped, as in Rust).
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, LoongArchPTE, MappingFlags, PageSize, PageTable64 } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const pt = PageTable64.tryNew({ format: LoongArchPTE, levels: 3, hal, addrType: GuestPhysAddr });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * pt.map(GuestPhysAddr.from(0x1000), HostPhysAddr.from(0x8000), PageSize.Size4K, RW);
   * pt.mapRegion(GuestPhysAddr.from(0x4000_0000), (va) => HostPhysAddr.from(va.value), 0x4000_0000, RW, true);
   * console.log(pt.query(GuestPhysAddr.from(0x4000_0000))[2]); // 1073741824
   * ```
   */
  mapRegion(
    vaddr: Addr<N>,
    getPaddr: (vaddr: Addr<N>) => HostPhysAddr,
    size: bigint | number,
    flags: MappingFlags,
    allowHuge: boolean,
  ): void {
    const type = this.addrType;
    const r = this.mapRegionNumber(
      toVaNumber(vaddr.value),
      sizeNumber(size),
      (va) => Number(getPaddr(type.from(va)).value),
      flags,
      allowHuge,
    );
    if (r < 0)
      throw r === -4
        ? new PagingError("AlreadyMapped")
        : r === -5
          ? new PagingError("NotAligned")
          : pagingError(r);
  }

  /**
   * Unmaps a region page by page, using each entry's real page size (Rust cursor `unmap_region`).
   *
   * @param vaddr - The start.
   * @param size - The size in bytes.
   * @throws {PagingError} `NotMapped` at the first absent page (earlier pages stay unmapped).
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, LoongArchPTE, MappingFlags, PageSize, PageTable64 } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const pt = PageTable64.tryNew({ format: LoongArchPTE, levels: 3, hal, addrType: GuestPhysAddr });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * pt.map(GuestPhysAddr.from(0x1000), HostPhysAddr.from(0x8000), PageSize.Size4K, RW);
   * pt.unmapRegion(GuestPhysAddr.from(0x1000), 0x1000);
   * console.log(pt.translateNumber(0x1000)); // -1
   * ```
   */
  unmapRegion(vaddr: Addr<N>, size: bigint | number): void {
    const r = this.unmapRegionNumber(toVaNumber(vaddr.value), sizeNumber(size), undefined);
    if (r < 0) throw pagingError(r);
  }

  /**
   * Changes the flags of every present entry in a region (Rust cursor `protect_region`); absent
   * entries and missing tables are skipped 4 KiB at a time.
   *
   * @param vaddr - The start.
   * @param size - The size in bytes.
   * @param flags - The new flags.
   * @throws {PagingError} `MappedToHugePage` when a corrupt huge entry is in the way.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, LoongArchPTE, MappingFlags, PageSize, PageTable64 } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const pt = PageTable64.tryNew({ format: LoongArchPTE, levels: 3, hal, addrType: GuestPhysAddr });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * pt.map(GuestPhysAddr.from(0x1000), HostPhysAddr.from(0x8000), PageSize.Size4K, RW);
   * pt.protectRegion(GuestPhysAddr.from(0), 0x4000, MappingFlags.READ); // absent pages are skipped
   * console.log(pt.query(GuestPhysAddr.from(0x1000))[1]); // 1
   * ```
   */
  protectRegion(vaddr: Addr<N>, size: bigint | number, flags: MappingFlags): void {
    const r = this.protectRegionNumber(toVaNumber(vaddr.value), sizeNumber(size), flags);
    if (r < 0) throw pagingError(r);
  }

  /**
   * Visits every present entry depth-first (Rust `PageTable64::walk`), calling `pre` before and
   * `post` after descending into a table. At most `limit` present entries are visited per table.
   *
   * @param limit - The most present entries to visit in each table.
   * @param pre - Called before descending: `(level, index, vaddr, entry)`.
   * @param post - Called after descending.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, LoongArchPTE, MappingFlags, PageSize, PageTable64 } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const pt = PageTable64.tryNew({ format: LoongArchPTE, levels: 3, hal, addrType: GuestPhysAddr });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * pt.map(GuestPhysAddr.from(0x1000), HostPhysAddr.from(0x8000), PageSize.Size4K, RW);
   * const seen: string[] = [];
   * pt.walk(512, (level, index, va) => seen.push(`L${level}[${index}] ${va}`));
   * console.log(seen); // ["L0[0] GPA:0x0", "L1[0] GPA:0x0", "L2[1] GPA:0x1000"]
   * ```
   */
  walk(limit: number, pre?: PageTableWalkFn<N>, post?: PageTableWalkFn<N>): void {
    this.#walkRecursive(this.#liveRoot(), 0, 0, limit, pre, post);
  }

  /**
   * Records the walk an MMU performs for `vaddr`: one step per level read, ending at the leaf, at a
   * huge leaf, or where the walk stops.
   *
   * @param vaddr - The input address.
   * @returns The steps, root first.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, LoongArchPTE, MappingFlags, PageSize, PageTable64 } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const pt = PageTable64.tryNew({ format: LoongArchPTE, levels: 3, hal, addrType: GuestPhysAddr });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * pt.map(GuestPhysAddr.from(0x1000), HostPhysAddr.from(0x8000), PageSize.Size4K, RW);
   * console.log(pt.trace(GuestPhysAddr.from(0x1000)).map((s) => s.kind)); // ["table", "table", "leaf"]
   * ```
   */
  trace(vaddr: Addr<N>): PageTableWalkStep[] {
    const va = toVaNumber(vaddr.value);
    const dv = this.hal.dataView();
    const steps: PageTableWalkStep[] = [];
    let table = this.#liveRoot();
    for (let level = 0; level < this.levels; level++) {
      const shift = 12 + 9 * (this.levels - 1 - level);
      const index = Math.floor(va / 2 ** shift) % ENTRY_COUNT;
      const e = table + index * 8;
      const lo = dv.getUint32(e, true);
      const hi = dv.getUint32(e + 4, true);
      const bits = (BigInt(hi) << 32n) | BigInt(lo);
      const last = level === this.levels - 1;
      const isUnused = lo === 0 && hi === 0;
      const huge = !last && level > 0 && !isUnused && this.format.hugeOf(lo, hi);
      const next = this.format.paddrOf(lo, hi);
      let kind: PageTableWalkStep["kind"];
      if (last) kind = this.format.presentOf(lo, hi) ? "leaf" : "not-mapped";
      else if (huge) kind = this.format.presentOf(lo, hi) ? "huge-leaf" : "not-mapped";
      else kind = next === 0 || this.format.hugeOf(lo, hi) ? "not-mapped" : "table";
      steps.push({
        level,
        index,
        entryAddr: HostPhysAddr.from(e),
        bits,
        description: this.format.describe(bits),
        kind,
      });
      if (kind !== "table") break;
      table = next;
    }
    return steps;
  }

  /**
   * Frees every table frame, root included (Rust's `Drop`). Leaf targets are not touched. The table
   * is unusable afterwards; calling `destroy` again does nothing.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, LoongArchPTE, MappingFlags, PageSize, PageTable64 } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const pt = PageTable64.tryNew({ format: LoongArchPTE, levels: 3, hal, addrType: GuestPhysAddr });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * pt.map(GuestPhysAddr.from(0x1000), HostPhysAddr.from(0x8000), PageSize.Size4K, RW);
   * pt.destroy();
   * console.log(hal.stats.framesInUse); // 0
   * ```
   */
  destroy(): void {
    if (this.#root < 0) return;
    this.#deallocTree(this.#root, 0);
    this.#root = -1;
  }

  /**
   * Whether {@link PageTable64.destroy} has run.
   *
   * @returns `true` once destroyed.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, LoongArchPTE, MappingFlags, PageSize, PageTable64 } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const pt = PageTable64.tryNew({ format: LoongArchPTE, levels: 3, hal, addrType: GuestPhysAddr });
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * pt.map(GuestPhysAddr.from(0x1000), HostPhysAddr.from(0x8000), PageSize.Size4K, RW);
   * pt.destroy();
   * console.log(pt.isDestroyed()); // true
   * ```
   */
  isDestroyed(): boolean {
    return this.#root < 0;
  }

  // ---- numeric internals (also used by the address-space backends) ----

  /**
   * Finds the entry for `va`; its page size is left in `#lastSize`. Mirrors Rust `get_entry`.
   *
   * @internal
   */
  getEntryAddress(va: number, dv: DataView): number {
    const fmt = this.format;
    let table = this.#root;
    if (table < 0) this.#liveRoot();
    let e: number;
    let lo: number;
    let hi: number;
    let next: number;
    // Unrolled walk; `(va / 2^k) & 511` extracts an index without BigInt (va < 2^48).
    if (this.levels === 4) {
      e = table + (((va / 549755813888) & 511) << 3);
      lo = dv.getUint32(e, true);
      hi = dv.getUint32(e + 4, true);
      next = fmt.paddrOf(lo, hi);
      if (next === 0) return NOT_MAPPED;
      if (fmt.hugeOf(lo, hi)) return MAPPED_TO_HUGE;
      table = next;
    }
    e = table + (((va / 1073741824) & 511) << 3);
    lo = dv.getUint32(e, true);
    hi = dv.getUint32(e + 4, true);
    if ((lo !== 0 || hi !== 0) && fmt.hugeOf(lo, hi)) {
      this.#lastSize = PageSize.Size1G;
      return e;
    }
    next = fmt.paddrOf(lo, hi);
    if (next === 0) return NOT_MAPPED;
    e = next + (((va / 2097152) & 511) << 3);
    lo = dv.getUint32(e, true);
    hi = dv.getUint32(e + 4, true);
    if ((lo !== 0 || hi !== 0) && fmt.hugeOf(lo, hi)) {
      this.#lastSize = PageSize.Size2M;
      return e;
    }
    next = fmt.paddrOf(lo, hi);
    if (next === 0) return NOT_MAPPED;
    this.#lastSize = PageSize.Size4K;
    return next + (((va / 4096) & 511) << 3);
  }

  /** Rust `get_entry_mut_or_create`. @internal */
  getEntryOrCreate(va: number, pageSize: PageSize): number {
    let table = this.#liveRoot();
    const fmt = this.format;
    let shift = this.levels === 4 ? 39 : 30;
    const stop = pageSize === PageSize.Size1G ? 30 : pageSize === PageSize.Size2M ? 21 : 12;
    let dv = this.hal.dataView();
    for (;;) {
      const e = table + (((va / 2 ** shift) & 511) << 3);
      if (shift === stop) return e;
      const lo = dv.getUint32(e, true);
      const hi = dv.getUint32(e + 4, true);
      let next: number;
      if (lo === 0 && hi === 0) {
        next = allocTable(this.hal);
        if (next < 0) return NO_MEMORY;
        // Allocation may have grown the memory and replaced the buffer.
        dv = this.hal.dataView();
        fmt.encodeTable(next, this.#w);
        dv.setUint32(e, this.#w.lo, true);
        dv.setUint32(e + 4, this.#w.hi, true);
      } else {
        next = fmt.paddrOf(lo, hi);
        if (next === 0) return NOT_MAPPED;
        if (fmt.hugeOf(lo, hi)) return MAPPED_TO_HUGE;
      }
      table = next;
      shift -= 9;
    }
  }

  /** Numeric `map`; -4 = AlreadyMapped. @internal */
  mapNumber(va: number, pa: number, pageSize: PageSize, flags: MappingFlags): number {
    const e = this.getEntryOrCreate(va, pageSize);
    if (e < 0) return e;
    const dv = this.hal.dataView();
    if (dv.getUint32(e, true) !== 0 || dv.getUint32(e + 4, true) !== 0) return -4;
    this.format.encodePage(pa - (pa % pageSize), flags, pageSize !== PageSize.Size4K, this.#w);
    dv.setUint32(e, this.#w.lo, true);
    dv.setUint32(e + 4, this.#w.hi, true);
    return 0;
  }

  /**
   * Maps `[va, end)` to empty 4K entries, as a lazy `Alloc` area does (the same as `mapNumber(x, 0,
   * Size4K, 0)` page by page, with one walk per leaf table). Returns `end`, or the first page that
   * could not be mapped (already mapped, under a huge page, or out of memory): pages before it are mapped.
   *
   * @internal
   */
  mapEmptyRangeNumber(va: number, end: number): number {
    const w = this.#w;
    this.format.encodePage(0, 0 as MappingFlags, false, w);
    const lo = w.lo;
    const hi = w.hi;
    while (va < end) {
      const e = this.getEntryOrCreate(va, PageSize.Size4K);
      if (e < 0) return va;
      const dv = this.hal.dataView();
      const n = Math.min((end - va) / 4096, 512 - ((va / 4096) & 511));
      // entries are 8-byte aligned: scan them as int32 pairs (a table is all zero when just created)
      const words = new Int32Array(dv.buffer, e, n * 2);
      for (let i = 0; i < n; i++) {
        if ((words[2 * i]! | words[2 * i + 1]!) !== 0) return va + i * 4096;
        if (lo !== 0 || hi !== 0) {
          dv.setUint32(e + i * 8, lo, true);
          dv.setUint32(e + i * 8 + 4, hi, true);
        }
      }
      va += n * 4096;
    }
    return end;
  }

  /** Numeric `remap`; returns the page size or a negative error. @internal */
  remapNumber(va: number, pa: number, flags: MappingFlags): number {
    const dv = this.hal.dataView();
    const e = this.getEntryAddress(va, dv);
    if (e < 0) return e;
    const size = this.#lastSize;
    const w = this.#w;
    this.format.setPaddrOf(dv.getUint32(e, true), dv.getUint32(e + 4, true), pa, w);
    this.format.setFlagsOf(w.lo, w.hi, flags, size !== PageSize.Size4K, w);
    dv.setUint32(e, w.lo, true);
    dv.setUint32(e + 4, w.hi, true);
    return size;
  }

  /**
   * Numeric `unmap`: clears the entry; returns the page size of a present mapping (its address is
   * left in `lastPaddr`), or a negative error. @internal
   */
  unmapNumber(va: number): number {
    const dv = this.hal.dataView();
    const e = this.getEntryAddress(va, dv);
    if (e < 0) return e;
    const lo = dv.getUint32(e, true);
    const hi = dv.getUint32(e + 4, true);
    dv.setUint32(e, 0, true);
    dv.setUint32(e + 4, 0, true);
    if (!this.format.presentOf(lo, hi)) return NOT_MAPPED;
    this.lastPaddr = this.format.paddrOf(lo, hi);
    return this.#lastSize;
  }

  /** The address of the mapping last removed by `unmapNumber`. @internal */
  lastPaddr = 0;

  /** Numeric `map_region`; -5 = NotAligned, -4 = AlreadyMapped. @internal */
  mapRegionNumber(
    va: number,
    size: number,
    getPa: (va: number) => number,
    flags: MappingFlags,
    allowHuge: boolean,
  ): number {
    if (va % 4096 !== 0 || size % 4096 !== 0) return -5;
    let rest = size;
    let cur = va;
    while (rest > 0) {
      const pa = getPa(cur);
      let pageSize: PageSize = PageSize.Size4K;
      if (allowHuge) {
        if (cur % PageSize.Size1G === 0 && pa % PageSize.Size1G === 0 && rest >= PageSize.Size1G)
          pageSize = PageSize.Size1G;
        else if (cur % PageSize.Size2M === 0 && pa % PageSize.Size2M === 0 && rest >= PageSize.Size2M)
          pageSize = PageSize.Size2M;
      }
      // A table left behind by earlier 4K mappings occupies the huge slot: use smaller pages there
      // (Rust fails with AlreadyMapped).
      while (pageSize !== PageSize.Size4K && this.#slotHoldsTable(cur, pageSize)) {
        pageSize =
          pageSize === PageSize.Size1G && cur % PageSize.Size2M === 0 && pa % PageSize.Size2M === 0
            ? PageSize.Size2M
            : PageSize.Size4K;
      }
      const r = this.mapNumber(cur, pa, pageSize, flags);
      if (r < 0) return r;
      cur += pageSize;
      rest -= pageSize;
    }
    return 0;
  }

  /** Numeric `unmap_region`; `onPage` sees each removed mapping. @internal */
  unmapRegionNumber(
    va: number,
    size: number,
    onPage: ((pa: number, pageSize: PageSize) => void) | undefined,
  ): number {
    let rest = size;
    let cur = va;
    while (rest > 0) {
      const r = this.unmapNumber(cur);
      if (r < 0) return r;
      if (cur % r !== 0 || r > rest) throw new AxError("BadState", "unmapRegion: region splits a huge page");
      onPage?.(this.lastPaddr, r as PageSize);
      cur += r;
      rest -= r;
    }
    return 0;
  }

  /** Numeric `protect_region`. @internal */
  protectRegionNumber(va: number, size: number, flags: MappingFlags): number {
    let rest = size;
    let cur = va;
    const w = this.#w;
    while (rest > 0) {
      const dv = this.hal.dataView();
      const e = this.getEntryAddress(cur, dv);
      let step: number;
      if (e === NOT_MAPPED) step = PageSize.Size4K;
      else if (e < 0) return e;
      else {
        step = this.#lastSize;
        const lo = dv.getUint32(e, true);
        const hi = dv.getUint32(e + 4, true);
        if (this.format.presentOf(lo, hi)) {
          this.format.setFlagsOf(lo, hi, flags, step !== PageSize.Size4K, w);
          dv.setUint32(e, w.lo, true);
          dv.setUint32(e + 4, w.hi, true);
        }
      }
      if (cur % step !== 0 || step > rest)
        throw new AxError("BadState", "protectRegion: region splits a huge page");
      cur += step;
      rest -= step;
    }
    return 0;
  }

  /**
   * Splits every huge page that straddles `va` (a 1 GiB page into 2 MiB pages, a 2 MiB page into
   * 4 KiB pages, as often as needed) so that `va` becomes a page boundary. The new pages keep the
   * address and flags of the huge page. An extension over Rust, used before unmapping or protecting
   * part of a huge mapping (where Rust asserts).
   *
   * @internal
   * @returns 0, or a negative error (NoMemory).
   */
  splitHugeAt(va: number): number {
    for (;;) {
      let dv = this.hal.dataView();
      const e = this.getEntryAddress(va, dv);
      if (e < 0) return 0;
      const size = this.#lastSize;
      if (size === PageSize.Size4K || va % size === 0) return 0;
      const lo = dv.getUint32(e, true);
      const hi = dv.getUint32(e + 4, true);
      if (!this.format.presentOf(lo, hi)) return 0;
      const pa = this.format.paddrOf(lo, hi);
      const flags = this.format.flagsOf(lo, hi);
      const table = allocTable(this.hal);
      if (table < 0) return NO_MEMORY;
      dv = this.hal.dataView();
      const sub = size / ENTRY_COUNT;
      const w = this.#w;
      for (let i = 0; i < ENTRY_COUNT; i++) {
        this.format.encodePage(pa + i * sub, flags, sub !== PageSize.Size4K, w);
        dv.setUint32(table + i * 8, w.lo, true);
        dv.setUint32(table + i * 8 + 4, w.hi, true);
      }
      this.format.encodeTable(table, w);
      dv.setUint32(e, w.lo, true);
      dv.setUint32(e + 4, w.hi, true);
    }
  }

  /** Whether the entry a `pageSize` mapping of `va` would use points at a next-level table. */
  #slotHoldsTable(va: number, pageSize: PageSize): boolean {
    const dv = this.hal.dataView();
    let table = this.#liveRoot();
    let shift = this.levels === 4 ? 39 : 30;
    const stop = pageSize === PageSize.Size1G ? 30 : 21;
    for (;;) {
      const e = table + (((va / 2 ** shift) & 511) << 3);
      const lo = dv.getUint32(e, true);
      const hi = dv.getUint32(e + 4, true);
      if (lo === 0 && hi === 0) return false;
      const next = this.format.paddrOf(lo, hi);
      if (next === 0 || this.format.hugeOf(lo, hi)) return false;
      if (shift === stop) return true;
      table = next;
      shift -= 9;
    }
  }

  #liveRoot(): number {
    if (this.#root < 0) throw new AxError("BadState", "the page table has been destroyed");
    return this.#root;
  }

  #walkRecursive(
    table: number,
    level: number,
    start: number,
    limit: number,
    pre: PageTableWalkFn<N> | undefined,
    post: PageTableWalkFn<N> | undefined,
  ): void {
    const dv = this.hal.dataView();
    const shift = 12 + 9 * (this.levels - 1 - level);
    let n = 0;
    for (let i = 0; i < ENTRY_COUNT; i++) {
      const e = table + i * 8;
      const lo = dv.getUint32(e, true);
      const hi = dv.getUint32(e + 4, true);
      if (!this.format.presentOf(lo, hi)) continue;
      const va = start + i * 2 ** shift;
      const bits = (BigInt(hi) << 32n) | BigInt(lo);
      const vaddr = pre || post ? this.addrType.from(va) : undefined;
      if (pre && vaddr) pre(level, i, vaddr, bits);
      if (level < this.levels - 1 && !this.format.hugeOf(lo, hi)) {
        const next = this.format.paddrOf(lo, hi);
        if (next !== 0) this.#walkRecursive(next, level + 1, va, limit, pre, post);
      }
      if (post && vaddr) post(level, i, vaddr, bits);
      n++;
      if (n >= limit) break;
    }
  }

  #deallocTree(table: number, level: number): void {
    if (level < this.levels - 1) {
      const dv = this.hal.dataView();
      for (let i = 0; i < ENTRY_COUNT; i++) {
        const e = table + i * 8;
        const lo = dv.getUint32(e, true);
        const hi = dv.getUint32(e + 4, true);
        if (lo === 0 && hi === 0) continue;
        const next = this.format.paddrOf(lo, hi);
        if (next !== 0 && !this.format.hugeOf(lo, hi)) this.#deallocTree(next, level + 1);
      }
    }
    this.hal.deallocFrame(HostPhysAddr.from(table));
  }
}

function allocTable(hal: PagingHandler): number {
  let pa: number;
  const fast = (hal as { allocFrameAddress?: () => number }).allocFrameAddress;
  if (typeof fast === "function") {
    pa = fast.call(hal);
    if (pa < 0) return NO_MEMORY;
  } else {
    const frame = hal.allocFrame();
    if (frame === undefined) return NO_MEMORY;
    pa = Number(frame.value);
  }
  // Rust zeroes every new table; a HAL need not hand out zeroed frames.
  const dv = hal.dataView();
  new Uint8Array(dv.buffer, dv.byteOffset + pa, 4096).fill(0);
  return pa;
}
