import type { GuestPhysAddr } from "../addr.js";
import type { Port } from "./port.js";
import type { SysRegAddr } from "./sys-reg-addr.js";

/**
 * The address kinds a device can be reached at (Rust's `DeviceAddr` implementors).
 *
 * @example
 * ```ts
 * import { Port, type DeviceAddr } from "@axvisor/axaddrspace";
 * const a: DeviceAddr = new Port(0x3f8);
 * ```
 */
export type DeviceAddr = GuestPhysAddr | SysRegAddr | Port;

/**
 * A range of device addresses (Rust `DeviceAddrRange`). `AddrRange<GuestPhysAddr>` is half-open;
 * {@link SysRegAddrRange} and {@link PortRange} are inclusive.
 *
 * @typeParam A - The address kind.
 *
 * @example
 * ```ts
 * import { Port, PortRange, type DeviceAddrRange } from "@axvisor/axaddrspace";
 * const r: DeviceAddrRange<Port> = new PortRange(new Port(0x3f8), new Port(0x3ff));
 * r.contains(new Port(0x3ff)); // true
 * ```
 */
export interface DeviceAddrRange<A> {
  /**
   * Whether `addr` is in the range.
   *
   * @param addr - The address.
   * @returns `true` when contained.
   */
  contains(addr: A): boolean;
}
