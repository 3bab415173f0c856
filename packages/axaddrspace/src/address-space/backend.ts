import type { GuestPhysAddr } from "../addr.js";
import type { MappingFlags } from "../mapping-flags.js";
import type { MappingBackend } from "../memory-set/backend.js";
import type { NestedPageTable } from "../npt/nested-page-table.js";
import { handlePageFaultAlloc, mapAlloc, unmapAlloc } from "./backend/alloc.js";
import { mapLinear, unmapLinear } from "./backend/linear.js";

function num(v: bigint): number {
  return Number(v);
}

/**
 * How an address-space area is backed (Rust `axaddrspace::Backend`, an enum):
 *
 * - **Linear** `{ paVaOffset }`: guest page `gpa` maps to host `gpa - paVaOffset` (wrapping mod
 *   2^64), with 2 MiB / 1 GiB pages wherever alignment and size allow. Unmapping part of a huge page
 *   splits it first (an extension; Rust asserts).
 * - **Alloc** `{ populate }`: one fresh zeroed 4 KiB frame per page, either all at map time
 *   (`populate`) or on first access through {@link Backend.handlePageFault} (lazy; the entries are
 *   written empty so the tables exist). Unmapping frees the frames of present pages.
 *
 * A failed `map` undoes its partial work, frames included (Rust leaves pages mapped and frames
 * leaked); this keeps host memory accounting exact.
 *
 * @example
 * ```ts
 * import { Backend } from "@axvisor/axaddrspace";
 * const linear = Backend.newLinear(0x8000_0000n); // gpa 0x8000_0000 → hpa 0
 * const lazy = Backend.newAlloc(false);
 * console.log(linear.kind, lazy.kind, lazy.populate); // Linear Alloc false
 * ```
 */
export class Backend implements MappingBackend<GuestPhysAddr, MappingFlags, NestedPageTable> {
  /** Which variant. */
  readonly kind: "Linear" | "Alloc";
  /** `gpa - hpa` for Linear (0 for Alloc). */
  readonly paVaOffset: bigint;
  /** Whether an Alloc backend allocates every frame up front (false for Linear). */
  readonly populate: boolean;

  private constructor(kind: "Linear" | "Alloc", paVaOffset: bigint, populate: boolean) {
    this.kind = kind;
    this.paVaOffset = paVaOffset;
    this.populate = populate;
  }

  /**
   * A linear backend (Rust `Backend::new_linear`).
   *
   * @param paVaOffset - `gpa - hpa`, taken mod 2^64.
   * @returns The backend.
   *
   * @example
   * ```ts
   * import { Backend, GuestPhysAddr, HostPhysMemory, MappingFlags, NestedPageTable } from "@axvisor/axaddrspace";
   * const npt = NestedPageTable.new(3, "riscv64", new HostPhysMemory());
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(`${Backend.newLinear(0x8000_0000n)}`); // Linear { pa_va_offset: 0x80000000 }
   * ```
   */
  static newLinear(paVaOffset: bigint): Backend {
    return new Backend("Linear", BigInt.asUintN(64, paVaOffset), false);
  }

  /**
   * An allocating backend (Rust `Backend::new_alloc`).
   *
   * @param populate - Allocate all frames now instead of on first fault.
   * @returns The backend.
   *
   * @example
   * ```ts
   * import { Backend, GuestPhysAddr, HostPhysMemory, MappingFlags, NestedPageTable } from "@axvisor/axaddrspace";
   * const npt = NestedPageTable.new(3, "riscv64", new HostPhysMemory());
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(`${Backend.newAlloc(true)}`); // Alloc { populate: true }
   * ```
   */
  static newAlloc(populate: boolean): Backend {
    return new Backend("Alloc", 0n, populate);
  }

  /**
   * Maps `[start, start + size)`.
   *
   * @param start - The start (4 KiB-aligned).
   * @param size - The size (4 KiB-aligned).
   * @param flags - The flags.
   * @param pt - The nested page table.
   * @returns `false` on failure (nothing stays mapped).
   *
   * @example
   * ```ts
   * import { Backend, GuestPhysAddr, HostPhysMemory, MappingFlags, NestedPageTable } from "@axvisor/axaddrspace";
   * const npt = NestedPageTable.new(3, "riscv64", new HostPhysMemory());
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(Backend.newLinear(-0x10_0000n).map(GuestPhysAddr.from(0), 0x1000n, RW, npt), `${npt.translate(GuestPhysAddr.from(0))}`); // true PA:0x100000
   * ```
   */
  map(start: GuestPhysAddr, size: bigint, flags: MappingFlags, pt: NestedPageTable): boolean {
    if (this.kind === "Linear")
      return mapLinear(pt.pageTable, num(start.value), num(size), flags, this.paVaOffset);
    return mapAlloc(pt.pageTable, num(start.value), num(size), flags, this.populate);
  }

  /**
   * Unmaps `[start, start + size)`.
   *
   * @param start - The start.
   * @param size - The size.
   * @param pt - The nested page table.
   * @returns `false` when a Linear page is missing or an Alloc range holds a huge page.
   *
   * @example
   * ```ts
   * import { Backend, GuestPhysAddr, HostPhysMemory, MappingFlags, NestedPageTable } from "@axvisor/axaddrspace";
   * const npt = NestedPageTable.new(3, "riscv64", new HostPhysMemory());
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * const b = Backend.newAlloc(true);
   * b.map(GuestPhysAddr.from(0), 0x2000n, RW, npt);
   * console.log(b.unmap(GuestPhysAddr.from(0), 0x2000n, npt)); // true
   * ```
   */
  unmap(start: GuestPhysAddr, size: bigint, pt: NestedPageTable): boolean {
    if (this.kind === "Linear") return unmapLinear(pt.pageTable, num(start.value), num(size));
    return unmapAlloc(pt.pageTable, num(start.value), num(size));
  }

  /**
   * Changes the flags of the present pages in `[start, start + size)` (Rust: `protect_region`);
   * huge pages straddling the ends are split first.
   *
   * @param start - The start.
   * @param size - The size.
   * @param newFlags - The new flags.
   * @param pt - The nested page table.
   * @returns `false` on a paging error.
   *
   * @example
   * ```ts
   * import { Backend, GuestPhysAddr, HostPhysMemory, MappingFlags, NestedPageTable } from "@axvisor/axaddrspace";
   * const npt = NestedPageTable.new(3, "riscv64", new HostPhysMemory());
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * const b = Backend.newAlloc(true);
   * b.map(GuestPhysAddr.from(0), 0x1000n, RW, npt);
   * b.protect(GuestPhysAddr.from(0), 0x1000n, MappingFlags.READ, npt);
   * console.log(npt.query(GuestPhysAddr.from(0))[1]); // 1
   * ```
   */
  protect(start: GuestPhysAddr, size: bigint, newFlags: MappingFlags, pt: NestedPageTable): boolean {
    const s = num(start.value);
    const n = num(size);
    if (pt.pageTable.splitHugeAt(s) < 0 || pt.pageTable.splitHugeAt(s + n) < 0) return false;
    return pt.pageTable.protectRegionNumber(s, n, newFlags) >= 0;
  }

  /**
   * Handles a nested page fault inside an area with this backend (crate-private in Rust).
   *
   * @param vaddr - The faulting guest physical address (need not be aligned).
   * @param origFlags - The area's flags.
   * @param pt - The nested page table.
   * @returns `true` when the fault was resolved: a lazy page was given a frame, or was already present.
   *
   * @example
   * ```ts
   * import { Backend, GuestPhysAddr, HostPhysMemory, MappingFlags, NestedPageTable } from "@axvisor/axaddrspace";
   * const npt = NestedPageTable.new(3, "riscv64", new HostPhysMemory());
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * const lazy = Backend.newAlloc(false);
   * lazy.map(GuestPhysAddr.from(0), 0x1000n, RW, npt);
   * console.log(lazy.handlePageFault(GuestPhysAddr.from(0x10), RW, npt), npt.translate(GuestPhysAddr.from(0)) !== undefined); // true true
   * ```
   */
  handlePageFault(vaddr: GuestPhysAddr, origFlags: MappingFlags, pt: NestedPageTable): boolean {
    if (this.kind === "Linear") return false;
    return handlePageFaultAlloc(pt.pageTable, num(vaddr.value), origFlags, this.populate);
  }

  /**
   * Formats like Rust's `Debug`.
   *
   * @returns `"Linear { pa_va_offset: 0x… }"` or `"Alloc { populate: … }"`.
   *
   * @example
   * ```ts
   * import { Backend, GuestPhysAddr, HostPhysMemory, MappingFlags, NestedPageTable } from "@axvisor/axaddrspace";
   * const npt = NestedPageTable.new(3, "riscv64", new HostPhysMemory());
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(`${Backend.newAlloc(false)}`); // Alloc { populate: false }
   * ```
   */
  toString(): string {
    return this.kind === "Linear"
      ? `Linear { pa_va_offset: 0x${this.paVaOffset.toString(16)} }`
      : `Alloc { populate: ${this.populate} }`;
  }
}
