import type { HostPhysAddr, HostVirtAddr } from "./addr.js";

/**
 * The hardware abstraction the address space needs from its host (mirrors Rust `axaddrspace::AxMmHal`).
 *
 * @example
 * ```ts
 * import { type AxMmHal, HostPhysMemory } from "@axvisor/axaddrspace";
 * const hal: AxMmHal = new HostPhysMemory({ maxBytes: 1 << 20 });
 * const frame = hal.allocFrame();
 * if (frame) hal.deallocFrame(frame);
 * ```
 */
export interface AxMmHal {
  /**
   * Allocates one 4 KiB frame.
   *
   * @returns The frame's host physical address, or `undefined` when memory is exhausted.
   */
  allocFrame(): HostPhysAddr | undefined;
  /**
   * Returns a frame obtained from {@link AxMmHal.allocFrame}.
   *
   * @param paddr - The frame's host physical address.
   */
  deallocFrame(paddr: HostPhysAddr): void;
  /**
   * Converts a host physical address to the host virtual address it is reachable at.
   *
   * @param paddr - A host physical address.
   * @returns The host virtual address.
   */
  physToVirt(paddr: HostPhysAddr): HostVirtAddr;
  /**
   * Converts a host virtual address back to a host physical address.
   *
   * @param vaddr - A host virtual address.
   * @returns The host physical address.
   */
  virtToPhys(vaddr: HostVirtAddr): HostPhysAddr;
}

/**
 * An {@link AxMmHal} whose memory can be read and written, as the page tables and the frame helpers
 * need (the role of Rust's `PagingHandler` plus raw pointers).
 *
 * The view returned by {@link PagingHandler.dataView} is indexed by **host physical address**: byte
 * `n` of the view is host physical address `n`. Callers re-fetch it after every allocation, because
 * growing memory can replace the underlying buffer.
 *
 * @example
 * ```ts
 * import { HostPhysMemory, type PagingHandler } from "@axvisor/axaddrspace";
 * const hal: PagingHandler = new HostPhysMemory();
 * const pa = hal.allocFrame()!;
 * hal.dataView().setUint32(Number(pa.value), 0xdeadbeef, true);
 * ```
 */
export interface PagingHandler extends AxMmHal {
  /**
   * Returns the current view of host physical memory.
   *
   * @returns A `DataView` in which byte offset `n` is host physical address `n`.
   */
  dataView(): DataView;
}
