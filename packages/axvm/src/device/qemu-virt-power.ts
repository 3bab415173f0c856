import { type AccessWidth, GuestPhysAddr, type GuestPhysAddrRange } from "@axvisor/axaddrspace";
import type { AxVCpuExitReason } from "@axvisor/axvcpu";
import { AddrRange } from "@axvisor/memory-addr";
import { EmulatedDeviceType } from "../vmconfig/enums.js";
import type { BaseMmioDeviceOps } from "./base-device-ops.js";

/** What a power register asked for. */
export type PowerEvent = "PowerOff" | "Reset";

/** Base of the ACPI GED sleep/reset registers on QEMU's LoongArch `virt` board. */
export const QEMU_VIRT_GED_REGS_BASE = 0x100e_001cn;
/** Base of QEMU 7.2's `loongarch_virt_pm` block (its control register is at +0x10). */
export const QEMU_VIRT_PM_BASE = 0x1008_0000n;

// GED register offsets and values (ACPI hardware-reduced sleep control).
const GED_SLEEP_CTL = 0;
const GED_RESET = 2;
const SLP_EN = 0x20;
const SLP_TYP_S5 = 5;
const GED_RESET_VALUE = 0x42;
const PM_CTRL = 0x10;

/**
 * Base of the power-control register blocks: decodes writes into a {@link PowerEvent}, records it,
 * calls the `onEvent` observer and hands the VM a `SystemDown` exit through `takeExit`.
 *
 * @example
 * ```ts
 * import { PowerRegisterDevice, type PowerEvent } from "@axvisor/axvm";
 * class OneByteOff extends PowerRegisterDevice {
 *   constructor() { super("off", 0x1000_0000n, 1, undefined); }
 *   protected decode(_offset: number, value: number): PowerEvent | undefined {
 *     return value === 1 ? "PowerOff" : undefined;
 *   }
 * }
 * ```
 */
export abstract class PowerRegisterDevice implements BaseMmioDeviceOps {
  /** Device name used in messages. */
  readonly name: string;
  readonly #base: bigint;
  readonly #size: number;
  readonly #onEvent: ((e: PowerEvent) => void) | undefined;
  #event: PowerEvent | undefined;
  #pendingExit = false;

  /**
   * Creates the block.
   *
   * @param name - device name.
   * @param base - guest physical base.
   * @param size - window size in bytes.
   * @param onEvent - observer called on every decoded event.
   */
  constructor(name: string, base: bigint, size: number, onEvent: ((e: PowerEvent) => void) | undefined) {
    this.name = name;
    this.#base = base;
    this.#size = size;
    this.#onEvent = onEvent;
  }

  /**
   * The device type (no Rust code exists for power registers).
   *
   * @returns `EmulatedDeviceType.Dummy`.
   */
  emuType(): EmulatedDeviceType {
    return EmulatedDeviceType.Dummy;
  }

  /**
   * The register window.
   *
   * @returns `[base, base + size)`.
   */
  addressRange(): GuestPhysAddrRange {
    return AddrRange.fromStartSize(GuestPhysAddr.from(this.#base), this.#size);
  }

  /**
   * The last event requested by the guest.
   *
   * @returns `"PowerOff"`, `"Reset"` or `undefined`.
   */
  lastEvent(): PowerEvent | undefined {
    return this.#event;
  }

  /**
   * Reads return 0 (the registers are write-only in practice).
   *
   * @param _addr - the address.
   * @param _width - the width.
   * @returns 0.
   */
  handleRead(_addr: GuestPhysAddr, _width: AccessWidth): bigint {
    return 0n;
  }

  /**
   * Decodes a write; an event is recorded, reported to `onEvent` and queued as `SystemDown`.
   *
   * @param addr - the address.
   * @param _width - the width (the low byte is used).
   * @param val - the value.
   */
  handleWrite(addr: GuestPhysAddr, _width: AccessWidth, val: bigint): void {
    const event = this.decode(Number(addr.value - this.#base), Number(val & 0xffn));
    if (event === undefined) return;
    this.#event = event;
    this.#pendingExit = true;
    this.#onEvent?.(event);
  }

  /**
   * Consumes the pending `SystemDown`, if a power event happened since the last call.
   *
   * @returns `{ kind: "SystemDown" }` or `undefined`.
   */
  takeExit(): AxVCpuExitReason | undefined {
    if (!this.#pendingExit) return undefined;
    this.#pendingExit = false;
    return { kind: "SystemDown" };
  }

  /**
   * Decodes a write.
   *
   * @param offset - offset in the window.
   * @param value - the byte written.
   * @returns the event, or `undefined` when the write does nothing.
   */
  protected abstract decode(offset: number, value: number): PowerEvent | undefined;
}

/**
 * The ACPI GED sleep-control and reset registers of QEMU's `virt` board at 0x100e001c (3 bytes):
 * writing 0x34 (SLP_EN | SLP_TYP=S5) to the sleep-control register powers off, writing 0x42 to the
 * reset register resets. Either makes `runVcpu` return `SystemDown`.
 *
 * @example
 * ```ts
 * import { AccessWidth, GuestPhysAddr } from "@axvisor/axaddrspace";
 * import { QemuGedPowerRegs } from "@axvisor/axvm";
 * const ged = new QemuGedPowerRegs();
 * ged.handleWrite(GuestPhysAddr.from(0x100e001cn), AccessWidth.Byte, 0x34n);
 * ged.lastEvent(); // "PowerOff"
 * ged.takeExit(); // { kind: "SystemDown" }
 * ```
 */
export class QemuGedPowerRegs extends PowerRegisterDevice {
  /**
   * Creates the registers.
   *
   * @param options - `base` (default 0x100e001c) and `onEvent`, called on power-off or reset.
   */
  constructor(options: { readonly base?: bigint; readonly onEvent?: (e: PowerEvent) => void } = {}) {
    super("qemu-ged-power", options.base ?? QEMU_VIRT_GED_REGS_BASE, 3, options.onEvent);
  }

  /**
   * Decodes a register write.
   *
   * @param offset - register offset (0 sleep control, 1 sleep status, 2 reset).
   * @param value - the byte written.
   * @returns the requested event, if any.
   */
  protected decode(offset: number, value: number): PowerEvent | undefined {
    if (offset === GED_SLEEP_CTL && value & SLP_EN && ((value >> 2) & 7) === SLP_TYP_S5) return "PowerOff";
    if (offset === GED_RESET && value === GED_RESET_VALUE) return "Reset";
    // Sleep status (offset 1) and anything else: no action.
    return undefined;
  }
}

/**
 * QEMU 7.2's `loongarch_virt_pm` block at 0x10080000 (0x100 bytes): writing 0xff to +0x10 powers
 * off, writing 0x00 resets. Either makes `runVcpu` return `SystemDown`.
 *
 * @example
 * ```ts
 * import { AccessWidth, GuestPhysAddr } from "@axvisor/axaddrspace";
 * import { QemuVirtPm } from "@axvisor/axvm";
 * const pm = new QemuVirtPm();
 * pm.handleWrite(GuestPhysAddr.from(0x10080010n), AccessWidth.Byte, 0xffn);
 * pm.lastEvent(); // "PowerOff"
 * ```
 */
export class QemuVirtPm extends PowerRegisterDevice {
  /**
   * Creates the block.
   *
   * @param options - `base` (default 0x10080000) and `onEvent`, called on power-off or reset.
   */
  constructor(options: { readonly base?: bigint; readonly onEvent?: (e: PowerEvent) => void } = {}) {
    super("qemu-virt-pm", options.base ?? QEMU_VIRT_PM_BASE, 0x100, options.onEvent);
  }

  /**
   * Decodes a register write.
   *
   * @param offset - offset in the block (only 0x10 acts).
   * @param value - the byte written.
   * @returns the requested event, if any.
   */
  protected decode(offset: number, value: number): PowerEvent | undefined {
    if (offset !== PM_CTRL) return undefined;
    if (value === 0xff) return "PowerOff";
    if (value === 0x00) return "Reset";
    return undefined;
  }
}
