import { type GuestPhysAddr, GuestPhysAddr as GuestPhysAddrType, HostPhysAddr } from "../addr.js";
import { AxError } from "../error.js";
import type { PagingHandler } from "../hal.js";
import type { MappingFlags } from "../mapping-flags.js";
import { MappingError } from "../memory-set/mapping-error.js";
import { A64PTEHV } from "./arch/aarch64.js";
import { LoongArchPTE } from "./arch/loongarch64.js";
import { Rv64PTE } from "./arch/riscv.js";
import { EPTEntry } from "./arch/x86-64.js";
import type { PageSize } from "./page-size.js";
import { PageTable64, type PageTableWalkFn, type PageTableWalkStep } from "./page-table64.js";
import { PagingError } from "./paging-error.js";
import type { PteFormat } from "./pte.js";

/**
 * The architectures whose nested (second-stage) page-table format is implemented.
 *
 * @example
 * ```ts
 * import type { NptArch } from "@axvisor/axaddrspace";
 * const arch: NptArch = "loongarch64";
 * ```
 */
export type NptArch = "loongarch64" | "x86_64" | "aarch64" | "riscv64";

/**
 * The entry format used by each {@link NptArch}.
 *
 * @param arch - The architecture.
 * @returns {@link LoongArchPTE}, {@link EPTEntry}, {@link A64PTEHV} or {@link Rv64PTE}.
 * @throws {AxError} `InvalidInput` for an unknown architecture.
 *
 * @example
 * ```ts
 * import { nptFormat } from "@axvisor/axaddrspace";
 * console.log(nptFormat("x86_64").name); // "EPTEntry"
 * ```
 */
export function nptFormat(arch: NptArch): PteFormat {
  switch (arch) {
    case "loongarch64":
      return LoongArchPTE;
    case "x86_64":
      return EPTEntry;
    case "aarch64":
      return A64PTEHV;
    case "riscv64":
      return Rv64PTE;
    default:
      throw new AxError("InvalidInput", `unknown architecture ${String(arch)}`);
  }
}

function badState(e: unknown): MappingError {
  return new MappingError("BadState", e instanceof Error ? e.message : String(e), { cause: e });
}

/**
 * The nested page table translating guest physical to host physical addresses (Rust
 * `axaddrspace::npt::NestedPageTable`): a {@link PageTable64} in the architecture's format, with
 * the Rust wrapper's error conventions (`map`/`unmap`/`mapRegion`/`unmapRegion` throw
 * `MappingError("BadState")` with the {@link PagingError} as cause; `remap` and `protectRegion`
 * return booleans; `translate` returns `undefined` when unmapped).
 *
 * @example
 * ```ts
 * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags, NestedPageTable } from "@axvisor/axaddrspace";
 * const npt = NestedPageTable.new(3, "loongarch64", new HostPhysMemory());
 * npt.mapRegion(GuestPhysAddr.from(0), (gpa) => HostPhysAddr.from(gpa.value + 0x10_0000n), 0x20_0000, MappingFlags.READ, true);
 * console.log(npt.translate(GuestPhysAddr.from(0x1234))?.toString()); // "PA:0x101234"
 * npt.destroy();
 * ```
 */
export class NestedPageTable {
  /** The underlying generic page table. */
  readonly pageTable: PageTable64<"GuestPhysAddr">;
  /** The architecture. */
  readonly arch: NptArch;

  private constructor(pageTable: PageTable64<"GuestPhysAddr">, arch: NptArch) {
    this.pageTable = pageTable;
    this.arch = arch;
  }

  /**
   * Creates an empty table (Rust `NestedPageTable::new(level)`).
   *
   * @param levels - 3 or 4.
   * @param arch - The architecture (x86_64 EPT supports only 4 levels).
   * @param hal - The frame allocator and host memory.
   * @returns The table; its root frame is allocated.
   * @throws {AxError} `InvalidInput` ("L3 not supported on x86_64" / "Invalid page table level"),
   *   `NoMemory` when the root frame cannot be allocated.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags, NestedPageTable, PageSize } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const npt = NestedPageTable.new(3, "loongarch64", hal);
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(npt.levels, npt.arch); // 3 loongarch64
   * ```
   */
  static new(levels: number, arch: NptArch, hal: PagingHandler): NestedPageTable {
    const format = nptFormat(arch);
    if (levels === 3 && arch === "x86_64") throw new AxError("InvalidInput", "L3 not supported on x86_64");
    if (levels !== 3 && levels !== 4) throw new AxError("InvalidInput", "Invalid page table level");
    try {
      return new NestedPageTable(
        PageTable64.tryNew({ format, levels, hal, addrType: GuestPhysAddrType }),
        arch,
      );
    } catch (e) {
      throw new AxError("NoMemory", undefined, { cause: e });
    }
  }

  /**
   * The number of levels.
   *
   * @returns 3 or 4.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags, NestedPageTable, PageSize } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const npt = NestedPageTable.new(3, "loongarch64", hal);
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(npt.levels); // 3
   * ```
   */
  get levels(): 3 | 4 {
    return this.pageTable.levels;
  }

  /**
   * The entry format.
   *
   * @returns The format object.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags, NestedPageTable, PageSize } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const npt = NestedPageTable.new(3, "loongarch64", hal);
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(npt.format.name); // LoongArchPTE
   * ```
   */
  get format(): PteFormat {
    return this.pageTable.format;
  }

  /**
   * The frame allocator and host memory.
   *
   * @returns The HAL.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags, NestedPageTable, PageSize } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const npt = NestedPageTable.new(3, "loongarch64", hal);
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(npt.hal === hal); // true
   * ```
   */
  get hal(): PagingHandler {
    return this.pageTable.hal;
  }

  /**
   * The physical address of the root table (what the vCPU loads as its nested-paging root).
   *
   * @returns The root address.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags, NestedPageTable, PageSize } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const npt = NestedPageTable.new(3, "loongarch64", hal);
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(`${npt.rootPaddr()}`); // PA:0x1000
   * ```
   */
  rootPaddr(): HostPhysAddr {
    return this.pageTable.rootPaddr();
  }

  /**
   * Maps one page.
   *
   * @param vaddr - The guest physical address.
   * @param paddr - The host physical address.
   * @param size - The page size.
   * @param flags - The flags.
   * @throws {MappingError} `BadState` on any paging error (the cause).
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags, NestedPageTable, PageSize } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const npt = NestedPageTable.new(3, "loongarch64", hal);
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * npt.map(GuestPhysAddr.from(0x1000), HostPhysAddr.from(0x8000), PageSize.Size4K, RW);
   * console.log(`${npt.translate(GuestPhysAddr.from(0x1004))}`); // PA:0x8004
   * ```
   */
  map(vaddr: GuestPhysAddr, paddr: HostPhysAddr, size: PageSize, flags: MappingFlags): void {
    try {
      this.pageTable.map(vaddr, paddr, size, flags);
    } catch (e) {
      throw badState(e);
    }
  }

  /**
   * Unmaps one page.
   *
   * @param vaddr - The guest physical address.
   * @returns `[paddr, flags, page size]` of the removed mapping.
   * @throws {MappingError} `BadState` when it was not mapped.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags, NestedPageTable, PageSize } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const npt = NestedPageTable.new(3, "loongarch64", hal);
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * npt.map(GuestPhysAddr.from(0x1000), HostPhysAddr.from(0x8000), PageSize.Size4K, RW);
   * const [pa, flags, size] = npt.unmap(GuestPhysAddr.from(0x1000));
   * console.log(`${pa}`, flags, size); // PA:0x8000 3 4096
   * ```
   */
  unmap(vaddr: GuestPhysAddr): [HostPhysAddr, MappingFlags, PageSize] {
    try {
      return this.pageTable.unmap(vaddr);
    } catch (e) {
      throw badState(e);
    }
  }

  /**
   * Maps a region; see {@link PageTable64.mapRegion}.
   *
   * @param vaddr - The start (4 KiB-aligned).
   * @param getPaddr - The host address of each page.
   * @param size - The size (4 KiB-aligned).
   * @param flags - The flags.
   * @param allowHuge - Whether 2 MiB / 1 GiB pages may be used.
   * @throws {MappingError} `BadState` on any paging error.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags, NestedPageTable, PageSize } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const npt = NestedPageTable.new(3, "loongarch64", hal);
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * npt.mapRegion(GuestPhysAddr.from(0x20_0000), (g) => HostPhysAddr.from(g.value), 0x20_0000, RW, true);
   * console.log(npt.query(GuestPhysAddr.from(0x20_0000))[2]); // 2097152
   * ```
   */
  mapRegion(
    vaddr: GuestPhysAddr,
    getPaddr: (vaddr: GuestPhysAddr) => HostPhysAddr,
    size: bigint | number,
    flags: MappingFlags,
    allowHuge: boolean,
  ): void {
    try {
      this.pageTable.mapRegion(vaddr, getPaddr, size, flags, allowHuge);
    } catch (e) {
      throw badState(e);
    }
  }

  /**
   * Unmaps a region; see {@link PageTable64.unmapRegion}.
   *
   * @param start - The start.
   * @param size - The size.
   * @throws {MappingError} `BadState` when a page is not mapped.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags, NestedPageTable, PageSize } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const npt = NestedPageTable.new(3, "loongarch64", hal);
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * npt.mapRegion(GuestPhysAddr.from(0), (g) => HostPhysAddr.from(g.value + 0x10_0000n), 0x2000, RW, false);
   * npt.unmapRegion(GuestPhysAddr.from(0), 0x2000);
   * console.log(npt.translate(GuestPhysAddr.from(0x1000))); // undefined
   * ```
   */
  unmapRegion(start: GuestPhysAddr, size: bigint | number): void {
    try {
      this.pageTable.unmapRegion(start, size);
    } catch (e) {
      throw badState(e);
    }
  }

  /**
   * Rewrites an entry's address and flags.
   *
   * @param start - The guest physical address.
   * @param paddr - The new host physical address.
   * @param flags - The new flags.
   * @returns `false` when the intermediate tables are missing.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags, NestedPageTable, PageSize } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const npt = NestedPageTable.new(3, "loongarch64", hal);
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * npt.mapRegion(GuestPhysAddr.from(0), () => HostPhysAddr.from(0), 0x1000, 0, false); // an empty (lazy) entry
   * console.log(npt.remap(GuestPhysAddr.from(0), HostPhysAddr.from(0x7000), RW), `${npt.translate(GuestPhysAddr.from(0))}`); // true PA:0x7000
   * ```
   */
  remap(start: GuestPhysAddr, paddr: HostPhysAddr, flags: MappingFlags): boolean {
    try {
      this.pageTable.remap(start, paddr, flags);
      return true;
    } catch (e) {
      if (e instanceof PagingError) return false;
      throw e;
    }
  }

  /**
   * Changes the flags of the present pages of a region.
   *
   * @param start - The start.
   * @param size - The size.
   * @param flags - The new flags.
   * @returns `false` on a paging error.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags, NestedPageTable, PageSize } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const npt = NestedPageTable.new(3, "loongarch64", hal);
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * npt.map(GuestPhysAddr.from(0x1000), HostPhysAddr.from(0x8000), PageSize.Size4K, RW);
   * console.log(npt.protectRegion(GuestPhysAddr.from(0), 0x4000, MappingFlags.READ), npt.query(GuestPhysAddr.from(0x1000))[1]); // true 1
   * ```
   */
  protectRegion(start: GuestPhysAddr, size: bigint | number, flags: MappingFlags): boolean {
    try {
      this.pageTable.protectRegion(start, size, flags);
      return true;
    } catch (e) {
      if (e instanceof PagingError) return false;
      throw e;
    }
  }

  /**
   * Looks up a guest physical address.
   *
   * @param vaddr - The address.
   * @returns `[host address incl. offset, flags, page size]`.
   * @throws {PagingError} `NotMapped` when not mapped.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags, NestedPageTable, PageSize } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const npt = NestedPageTable.new(3, "loongarch64", hal);
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * npt.map(GuestPhysAddr.from(0x1000), HostPhysAddr.from(0x8000), PageSize.Size4K, RW);
   * console.log(`${npt.query(GuestPhysAddr.from(0x1fff))[0]}`); // PA:0x8fff
   * ```
   */
  query(vaddr: GuestPhysAddr): [HostPhysAddr, MappingFlags, PageSize] {
    return this.pageTable.query(vaddr);
  }

  /**
   * Translates a guest physical address.
   *
   * @param vaddr - The address.
   * @returns The host physical address, or `undefined` when not mapped.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags, NestedPageTable, PageSize } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const npt = NestedPageTable.new(3, "loongarch64", hal);
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(npt.translate(GuestPhysAddr.from(0x1000))); // undefined
   * ```
   */
  translate(vaddr: GuestPhysAddr): HostPhysAddr | undefined {
    const pa = this.pageTable.translateNumber(Number(vaddr.value & 0xffff_ffff_ffffn));
    return pa < 0 ? undefined : HostPhysAddr.from(pa);
  }

  /**
   * Visits present entries; see {@link PageTable64.walk}.
   *
   * @param limit - The most present entries per table.
   * @param pre - Called before descending.
   * @param post - Called after descending.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags, NestedPageTable, PageSize } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const npt = NestedPageTable.new(3, "loongarch64", hal);
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * npt.map(GuestPhysAddr.from(0x1000), HostPhysAddr.from(0x8000), PageSize.Size4K, RW);
   * let entries = 0;
   * npt.walk(512, () => entries++);
   * console.log(entries); // 3
   * ```
   */
  walk(limit: number, pre?: PageTableWalkFn<"GuestPhysAddr">, post?: PageTableWalkFn<"GuestPhysAddr">): void {
    this.pageTable.walk(limit, pre, post);
  }

  /**
   * The entries an MMU reads to translate `vaddr`; see {@link PageTable64.trace}.
   *
   * @param vaddr - The guest physical address.
   * @returns The walk steps, root first.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysAddr, HostPhysMemory, MappingFlags, NestedPageTable, PageSize } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * const npt = NestedPageTable.new(3, "loongarch64", hal);
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * npt.map(GuestPhysAddr.from(0x1000), HostPhysAddr.from(0x8000), PageSize.Size4K, RW);
   * console.log(npt.trace(GuestPhysAddr.from(0x1000)).at(-1)?.description); // V D PLV=0 MAT=CC P W NX PA=0x8000
   * ```
   */
  trace(vaddr: GuestPhysAddr): PageTableWalkStep[] {
    return this.pageTable.trace(vaddr);
  }

  /**
   * Frees every table frame (Rust's `Drop`).
   *
   * @example
   * ```ts
   * import { HostPhysMemory, NestedPageTable } from "@axvisor/axaddrspace";
   * const hal = new HostPhysMemory();
   * NestedPageTable.new(4, "x86_64", hal).destroy();
   * console.log(hal.stats.framesInUse); // 0
   * ```
   */
  destroy(): void {
    this.pageTable.destroy();
  }
}
