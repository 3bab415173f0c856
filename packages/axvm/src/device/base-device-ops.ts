import type {
  AccessWidth,
  GuestPhysAddr,
  GuestPhysAddrRange,
  Port,
  PortRange,
  SysRegAddr,
  SysRegAddrRange,
} from "@axvisor/axaddrspace";
import type { AxVCpuExitReason } from "@axvisor/axvcpu";
import type { EmulatedDeviceType } from "../vmconfig/enums.js";

/**
 * An emulated device behind an address range (Rust `axdevice_base::BaseDeviceOps<R>`).
 *
 * Handlers throw `AxError` for accesses they reject; reads return the value in the low `width` bytes.
 * A device may also ask the VM to end `runVcpu` with an exit (a power-off register returns
 * `SystemDown`) by implementing {@link BaseDeviceOps.takeExit}: the VM polls it after each access it
 * dispatches to the device.
 *
 * @typeParam R - the address-range type (`GuestPhysAddrRange`, `SysRegAddrRange`, `PortRange`).
 * @typeParam A - the address type inside it.
 * @example
 * ```ts
 * import { GuestPhysAddr, type AccessWidth } from "@axvisor/axaddrspace";
 * import { AddrRange } from "@axvisor/memory-addr";
 * import { EmulatedDeviceType, type BaseMmioDeviceOps } from "@axvisor/axvm";
 * const zero: BaseMmioDeviceOps = {
 *   emuType: () => EmulatedDeviceType.Dummy,
 *   addressRange: () => AddrRange.fromStartSize(GuestPhysAddr.from(0x1000_0000n), 0x1000),
 *   handleRead: (_addr: GuestPhysAddr, _width: AccessWidth) => 0n,
 *   handleWrite: () => {},
 * };
 * ```
 */
export interface BaseDeviceOps<R, A> {
  /**
   * The device type.
   *
   * @returns the emulated device type code.
   */
  emuType(): EmulatedDeviceType;
  /**
   * The addresses the device answers.
   *
   * @returns the range (half-open for MMIO, inclusive for system registers and ports, as in Rust).
   */
  addressRange(): R;
  /**
   * Handles a read.
   *
   * @param addr - the address read (inside {@link BaseDeviceOps.addressRange}).
   * @param width - the access width.
   * @returns the value (low `width` bytes significant).
   * @throws {AxError} when the device rejects the access.
   */
  handleRead(addr: A, width: AccessWidth): bigint;
  /**
   * Handles a write.
   *
   * @param addr - the address written.
   * @param width - the access width.
   * @param val - the value (low `width` bytes significant).
   * @throws {AxError} when the device rejects the access.
   */
  handleWrite(addr: A, width: AccessWidth, val: bigint): void;
  /**
   * Optional: an exit the device wants `runVcpu` to return now (consumed by the call).
   *
   * @returns the exit, or `undefined` for none.
   */
  takeExit?(): AxVCpuExitReason | undefined;
  /** Optional name used in messages (e.g. overlap errors). */
  readonly name?: string;
}

/** An MMIO device (Rust `BaseMmioDeviceOps`). */
export type BaseMmioDeviceOps = BaseDeviceOps<GuestPhysAddrRange, GuestPhysAddr>;
/** A system-register device (Rust `BaseSysRegDeviceOps`); on LoongArch these are IOCSRs. */
export type BaseSysRegDeviceOps = BaseDeviceOps<SysRegAddrRange, SysRegAddr>;
/** A port-I/O device (Rust `BasePortDeviceOps`). */
export type BasePortDeviceOps = BaseDeviceOps<PortRange, Port>;
