/**
 * How the interpreter reaches guest memory: a translation callback plus one host byte array.
 *
 * The CPU keeps its own software TLB (tag + addend, typed arrays only) in front of
 * {@link CpuMemory.translate}; the memory object is only asked on a TLB miss. The same interface serves a
 * flat test memory, the sparse address space of the linux-user runner, and (later) the vCPU's
 * two-stage translation over host physical memory, where a device address answers {@link Fault}.MMIO.
 *
 * @module
 */

/** Granularity of the CPU's software TLB and of {@link CpuMemory.translate}: 4 KiB. */
export const TLB_PAGE_SIZE = 4096;

/**
 * The kind of access a translation is for.
 *
 * @example
 * ```ts
 * import { Access } from "@axvisor/loongarch-cpu";
 * console.log(Access.READ, Access.WRITE, Access.FETCH); // 0 1 2
 * ```
 */
export const Access = {
  /** A data load. */
  READ: 0,
  /** A data store. */
  WRITE: 1,
  /** An instruction fetch. */
  FETCH: 2,
} as const;

/** One of the {@link Access} values. */
export type AccessValue = (typeof Access)[keyof typeof Access];

/**
 * Negative results of {@link CpuMemory.translate}.
 *
 * @example
 * ```ts
 * import { Fault } from "@axvisor/loongarch-cpu";
 * console.log(Fault.UNMAPPED, Fault.MMIO); // -1 -4
 * ```
 */
export const Fault = {
  /** No mapping: the CPU raises PIL/PIS/PIF. */
  UNMAPPED: -1,
  /** Mapped, but not for this access (store to read-only, fetch from non-executable): PME/PNX/PNR. */
  PROTECTION: -2,
  /** A non-canonical or otherwise invalid address: the CPU raises ADE (ADEF for fetches, ADEM otherwise). */
  BAD_ADDRESS: -3,
  /** Not RAM but a device: loads/stores stop the CPU with {@link StopReason}.MMIO. */
  MMIO: -4,
} as const;

/**
 * Guest memory as the interpreter sees it.
 *
 * @example
 * ```ts
 * import { Access, type CpuMemory } from "@axvisor/loongarch-cpu";
 * // 4 KiB of RAM at guest address 0x1000, everything else unmapped.
 * const ram = new Uint8Array(4096);
 * const mem: CpuMemory = {
 *   ram,
 *   translate: (lo, hi, _access) => (hi === 0 && lo === 0x1000 ? 0 : -1),
 * };
 * console.log(mem.translate(0x1000, 0, Access.READ)); // 0
 * ```
 */
export interface CpuMemory {
  /**
   * All host RAM that translations point into. It may be replaced by a larger array when memory grows;
   * the CPU re-reads it after every call to {@link CpuMemory.translate}.
   */
  readonly ram: Uint8Array;
  /**
   * Translates one 4 KiB guest page.
   *
   * @param pageLo - Low 32 bits of the page address (a multiple of 4096, as int32).
   * @param pageHi - High 32 bits of the page address (int32).
   * @param access - An {@link Access} value.
   * @returns The byte offset of the page in {@link CpuMemory.ram} (>= 0), or a {@link Fault} code.
   */
  translate(pageLo: number, pageHi: number, access: number): number;
}
