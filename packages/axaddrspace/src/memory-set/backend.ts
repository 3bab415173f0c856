/**
 * How a memory area's pages are installed in and removed from a page table (Rust
 * `memory_set::MappingBackend`). Returning `false` reports failure; the memory set turns it into a
 * `BadState` {@link MappingError}.
 *
 * Backends are immutable values: when an area is split, both halves share the same backend object
 * (Rust clones it).
 *
 * @typeParam A - The address type.
 * @typeParam F - The flags type.
 * @typeParam PT - The page-table type.
 *
 * @example
 * ```ts
 * import { type VirtAddr } from "@axvisor/memory-addr";
 * import type { MappingBackend } from "@axvisor/axaddrspace";
 * // A toy backend over a byte array, as in the Rust memory_set tests.
 * const backend: MappingBackend<VirtAddr, number, Uint8Array> = {
 *   map: (start, size, flags, pt) => (pt.fill(flags, Number(start.value), Number(start.value) + Number(size)), true),
 *   unmap: (start, size, pt) => (pt.fill(0, Number(start.value), Number(start.value) + Number(size)), true),
 *   protect: (start, size, flags, pt) => (pt.fill(flags, Number(start.value), Number(start.value) + Number(size)), true),
 * };
 * ```
 */
export interface MappingBackend<A, F, PT> {
  /**
   * Maps `[start, start + size)` with `flags`.
   *
   * @param start - The start address.
   * @param size - The size in bytes.
   * @param flags - The mapping flags.
   * @param pageTable - The page table to modify.
   * @returns `true` on success.
   */
  map(start: A, size: bigint, flags: F, pageTable: PT): boolean;
  /**
   * Unmaps `[start, start + size)`.
   *
   * @param start - The start address.
   * @param size - The size in bytes.
   * @param pageTable - The page table to modify.
   * @returns `true` on success.
   */
  unmap(start: A, size: bigint, pageTable: PT): boolean;
  /**
   * Changes the flags of `[start, start + size)`.
   *
   * @param start - The start address.
   * @param size - The size in bytes.
   * @param newFlags - The new flags.
   * @param pageTable - The page table to modify.
   * @returns `true` on success (the memory set ignores failures here, as Rust does).
   */
  protect(start: A, size: bigint, newFlags: F, pageTable: PT): boolean;
}
