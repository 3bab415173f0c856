import {
  type Addr,
  type AddrRange,
  type AddrType,
  defineAddrType,
  PhysAddr,
  VirtAddr,
} from "@axvisor/memory-addr";

/**
 * A guest physical address (formatted `GPA:0x…`).
 *
 * @example
 * ```ts
 * import { GuestPhysAddr } from "@axvisor/axaddrspace";
 * GuestPhysAddr.from(0x8000_0000n).toString(); // "GPA:0x80000000"
 * ```
 */
export const GuestPhysAddr: AddrType<"GuestPhysAddr"> = defineAddrType("GuestPhysAddr", "GPA");
/** A guest physical address value (see {@link GuestPhysAddr}). */
export type GuestPhysAddr = Addr<"GuestPhysAddr">;

/**
 * A guest virtual address (formatted `GVA:0x…`).
 *
 * @example
 * ```ts
 * import { GuestVirtAddr } from "@axvisor/axaddrspace";
 * GuestVirtAddr.from(0x1000).toString(); // "GVA:0x1000"
 * ```
 */
export const GuestVirtAddr: AddrType<"GuestVirtAddr"> = defineAddrType("GuestVirtAddr", "GVA");
/** A guest virtual address value (see {@link GuestVirtAddr}). */
export type GuestVirtAddr = Addr<"GuestVirtAddr">;

/**
 * A host physical address: an alias of `PhysAddr` from `@axvisor/memory-addr` (formatted `PA:0x…`).
 *
 * @example
 * ```ts
 * import { HostPhysAddr } from "@axvisor/axaddrspace";
 * HostPhysAddr.from(0x1000).toString(); // "PA:0x1000"
 * ```
 */
export const HostPhysAddr: AddrType<"PhysAddr"> = PhysAddr;
/** A host physical address value (see {@link HostPhysAddr}). */
export type HostPhysAddr = PhysAddr;

/**
 * A host virtual address: an alias of `VirtAddr` from `@axvisor/memory-addr` (formatted `VA:0x…`).
 *
 * @example
 * ```ts
 * import { HostVirtAddr } from "@axvisor/axaddrspace";
 * HostVirtAddr.from(0x1000).toString(); // "VA:0x1000"
 * ```
 */
export const HostVirtAddr: AddrType<"VirtAddr"> = VirtAddr;
/** A host virtual address value (see {@link HostVirtAddr}). */
export type HostVirtAddr = VirtAddr;

/**
 * A half-open range of guest physical addresses.
 *
 * @example
 * ```ts
 * import { AddrRange } from "@axvisor/memory-addr";
 * import { GuestPhysAddr, type GuestPhysAddrRange } from "@axvisor/axaddrspace";
 * const r: GuestPhysAddrRange = AddrRange.fromStartSize(GuestPhysAddr.from(0), 0x1000);
 * ```
 */
export type GuestPhysAddrRange = AddrRange<GuestPhysAddr>;

/**
 * A half-open range of guest virtual addresses.
 *
 * @example
 * ```ts
 * import { AddrRange } from "@axvisor/memory-addr";
 * import { GuestVirtAddr, type GuestVirtAddrRange } from "@axvisor/axaddrspace";
 * const r: GuestVirtAddrRange = AddrRange.fromStartSize(GuestVirtAddr.from(0), 0x1000);
 * ```
 */
export type GuestVirtAddrRange = AddrRange<GuestVirtAddr>;
