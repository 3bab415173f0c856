import {
  type AccessWidth,
  AxError,
  type GuestPhysAddr,
  type GuestPhysAddrRange,
  type Port,
  type PortRange,
  type SysRegAddr,
  type SysRegAddrRange,
} from "@axvisor/axaddrspace";
import type { AxVCpuExitReason } from "@axvisor/axvcpu";
import type {
  BaseDeviceOps,
  BaseMmioDeviceOps,
  BasePortDeviceOps,
  BaseSysRegDeviceOps,
} from "./base-device-ops.js";

type Bounds = readonly [lo: bigint, hiExclusive: bigint];

const hex = (v: bigint): string => `0x${v.toString(16)}`;

class DeviceList<R, A> {
  readonly #kind: string;
  readonly #bounds: (r: R) => Bounds;
  readonly #value: (a: A) => bigint;
  readonly #devs: { dev: BaseDeviceOps<R, A>; lo: bigint; hi: bigint }[] = [];

  constructor(kind: string, bounds: (r: R) => Bounds, value: (a: A) => bigint) {
    this.#kind = kind;
    this.#bounds = bounds;
    this.#value = value;
  }

  add(dev: BaseDeviceOps<R, A>): void {
    const [lo, hi] = this.#bounds(dev.addressRange());
    if (hi <= lo) {
      throw new AxError("InvalidInput", `${this.#kind} device ${label(dev)} has an empty address range`);
    }
    for (const other of this.#devs) {
      if (lo < other.hi && other.lo < hi) {
        throw new AxError(
          "AlreadyExists",
          `${this.#kind} device ${label(dev)} [${hex(lo)}, ${hex(hi)}) overlaps ${label(other.dev)} [${hex(other.lo)}, ${hex(other.hi)})`,
        );
      }
    }
    this.#devs.push({ dev, lo, hi });
  }

  find(addr: A): BaseDeviceOps<R, A> | undefined {
    const v = this.#value(addr);
    for (const d of this.#devs) if (v >= d.lo && v < d.hi) return d.dev;
    return undefined;
  }

  get(addr: A, what: string, width: AccessWidth): BaseDeviceOps<R, A> {
    const dev = this.find(addr);
    if (dev === undefined) {
      throw new AxError(
        "NotFound",
        `no emulated ${this.#kind} device at ${String(addr)} (${what}, ${width})`,
      );
    }
    return dev;
  }

  list(): readonly BaseDeviceOps<R, A>[] {
    return this.#devs.map((d) => d.dev);
  }
}

function label(dev: { readonly name?: string }): string {
  return dev.name === undefined ? "(unnamed)" : JSON.stringify(dev.name);
}

/**
 * The emulated devices of one VM (Rust `axdevice::AxVmDevices`): MMIO, system-register and port
 * devices, each looked up by address. Adding a device whose range overlaps another's is refused.
 *
 * @example
 * ```ts
 * import { AccessWidth, GuestPhysAddr } from "@axvisor/axaddrspace";
 * import { AxVmDevices, Ns16550a, QemuGedPowerRegs } from "@axvisor/axvm";
 * const devices = new AxVmDevices();
 * devices.addMmioDev(new Ns16550a({ sink: (b) => console.log(b) }));
 * devices.addMmioDev(new QemuGedPowerRegs());
 * devices.handleMmioRead(GuestPhysAddr.from(0x1fe001e5n), AccessWidth.Byte); // 0x60n
 * ```
 */
export class AxVmDevices {
  readonly #mmio = new DeviceList<GuestPhysAddrRange, GuestPhysAddr>(
    "MMIO",
    (r) => [r.start.value, r.end.value],
    (a) => a.value,
  );
  readonly #sysreg = new DeviceList<SysRegAddrRange, SysRegAddr>(
    "system-register",
    (r) => [r.start.addr(), r.end.addr() + 1n],
    (a) => a.addr(),
  );
  readonly #port = new DeviceList<PortRange, Port>(
    "port",
    (r) => [BigInt(r.start.number()), BigInt(r.end.number()) + 1n],
    (a) => BigInt(a.number()),
  );
  #last: { takeExit?(): AxVCpuExitReason | undefined } | undefined;

  /**
   * Adds an MMIO device.
   *
   * @param dev - the device.
   * @throws {AxError} `AlreadyExists` when its range overlaps another MMIO device; `InvalidInput` when empty.
   */
  addMmioDev(dev: BaseMmioDeviceOps): void {
    this.#mmio.add(dev);
  }

  /**
   * Adds a system-register device.
   *
   * @param dev - the device.
   * @throws {AxError} `AlreadyExists` when its range overlaps another system-register device.
   */
  addSysRegDev(dev: BaseSysRegDeviceOps): void {
    this.#sysreg.add(dev);
  }

  /**
   * Adds a port device.
   *
   * @param dev - the device.
   * @throws {AxError} `AlreadyExists` when its range overlaps another port device.
   */
  addPortDev(dev: BasePortDeviceOps): void {
    this.#port.add(dev);
  }

  /**
   * The MMIO device answering `addr`.
   *
   * @param addr - a guest physical address.
   * @returns the device or `undefined`.
   */
  findMmioDev(addr: GuestPhysAddr): BaseMmioDeviceOps | undefined {
    return this.#mmio.find(addr);
  }

  /**
   * The system-register device answering `addr`.
   *
   * @param addr - a system-register address.
   * @returns the device or `undefined`.
   */
  findSysRegDev(addr: SysRegAddr): BaseSysRegDeviceOps | undefined {
    return this.#sysreg.find(addr);
  }

  /**
   * The port device answering `port`.
   *
   * @param port - a port.
   * @returns the device or `undefined`.
   */
  findPortDev(port: Port): BasePortDeviceOps | undefined {
    return this.#port.find(port);
  }

  /**
   * All MMIO devices in insertion order.
   *
   * @returns the devices.
   */
  mmioDevices(): readonly BaseMmioDeviceOps[] {
    return this.#mmio.list();
  }

  /**
   * All system-register devices.
   *
   * @returns the devices.
   */
  sysRegDevices(): readonly BaseSysRegDeviceOps[] {
    return this.#sysreg.list();
  }

  /**
   * All port devices.
   *
   * @returns the devices.
   */
  portDevices(): readonly BasePortDeviceOps[] {
    return this.#port.list();
  }

  /**
   * Dispatches an MMIO read.
   *
   * @param addr - the address.
   * @param width - the access width.
   * @returns the device's value.
   * @throws {AxError} `NotFound` when no device answers; whatever the device throws.
   */
  handleMmioRead(addr: GuestPhysAddr, width: AccessWidth): bigint {
    const dev = this.#mmio.get(addr, "read", width);
    this.#last = dev;
    return dev.handleRead(addr, width);
  }

  /**
   * Dispatches an MMIO write.
   *
   * @param addr - the address.
   * @param width - the access width.
   * @param val - the value.
   * @throws {AxError} `NotFound` when no device answers; whatever the device throws.
   */
  handleMmioWrite(addr: GuestPhysAddr, width: AccessWidth, val: bigint): void {
    const dev = this.#mmio.get(addr, "write", width);
    this.#last = dev;
    dev.handleWrite(addr, width, val);
  }

  /**
   * Dispatches a system-register read.
   *
   * @param addr - the register.
   * @param width - the access width.
   * @returns the value.
   * @throws {AxError} `NotFound` when no device answers; whatever the device throws.
   */
  handleSysRegRead(addr: SysRegAddr, width: AccessWidth): bigint {
    const dev = this.#sysreg.get(addr, "read", width);
    this.#last = dev;
    return dev.handleRead(addr, width);
  }

  /**
   * Dispatches a system-register write.
   *
   * @param addr - the register.
   * @param width - the access width.
   * @param val - the value.
   * @throws {AxError} `NotFound` when no device answers; whatever the device throws.
   */
  handleSysRegWrite(addr: SysRegAddr, width: AccessWidth, val: bigint): void {
    const dev = this.#sysreg.get(addr, "write", width);
    this.#last = dev;
    dev.handleWrite(addr, width, val);
  }

  /**
   * Dispatches a port read.
   *
   * @param port - the port.
   * @param width - the access width.
   * @returns the value.
   * @throws {AxError} `NotFound` when no device answers; whatever the device throws.
   */
  handlePortRead(port: Port, width: AccessWidth): bigint {
    const dev = this.#port.get(port, "read", width);
    this.#last = dev;
    return dev.handleRead(port, width);
  }

  /**
   * Dispatches a port write.
   *
   * @param port - the port.
   * @param width - the access width.
   * @param val - the value.
   * @throws {AxError} `NotFound` when no device answers; whatever the device throws.
   */
  handlePortWrite(port: Port, width: AccessWidth, val: bigint): void {
    const dev = this.#port.get(port, "write", width);
    this.#last = dev;
    dev.handleWrite(port, width, val);
  }

  /**
   * The exit requested by the device that handled the last access (see `BaseDeviceOps.takeExit`), consumed.
   *
   * @returns the exit or `undefined`.
   */
  takeExit(): AxVCpuExitReason | undefined {
    const last = this.#last;
    this.#last = undefined;
    return last?.takeExit?.();
  }
}
