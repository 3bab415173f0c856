import {
  type AxVMConfig,
  type BaseMmioDeviceOps,
  type EmulatedDeviceConfig,
  EmulatedDeviceType,
  LoongArchPchPic,
  QEMU_VIRT_PCH_PIC_BASE,
} from "@axvisor/axvm";
import { EXTIOI_IRQS, LoongArchVirtIocsr } from "@axvisor/loongarch-cpu";
import type { ArchBoard } from "./binding.js";

/** PCH-PIC input pins. */
const PCH_PIC_PINS = 64;

/**
 * The interrupt path of QEMU 7.2's LoongArch `virt` board for one VM: the IOCSR space with its EXTIOI
 * (`LoongArchVirtIocsr`, shared by the VM's vCPUs) and the PCH-PIC (`LoongArchPchPic`) whose output
 * *n* drives EXTIOI input *n*, as QEMU wires them. The EXTIOI drives the vCPUs' HWI lines.
 *
 * Configuration:
 * - The PCH-PIC is always present, at 0x10000000 like QEMU's; an `InterruptController` (0x1)
 *   `emu_devices` entry places it at that entry's `base_gpa` (under its name) instead.
 * - An emulated device's `irq_id` is its PCH-PIC input pin (0–63; QEMU's UART is pin 2,
 *   `VIRT_UART_IRQ`, the number a device tree gives as `interrupts = <2 4>`); other values leave
 *   the device unconnected.
 *
 * @example
 * ```ts
 * import { AxVMConfig } from "@axvisor/axvm";
 * import { LoongArchVirtBoard, qemuVirtConfig } from "@axvisor/axvisor";
 * const board = new LoongArchVirtBoard(new AxVMConfig(qemuVirtConfig()));
 * console.log(board.devices.map((d) => d.name)); // ["pch-pic"]
 * ```
 */
export class LoongArchVirtBoard implements ArchBoard {
  /** The VM's IOCSR space (IPIs, misc registers, EXTIOI), shared by its vCPUs. */
  readonly iocsr: LoongArchVirtIocsr = new LoongArchVirtIocsr();
  /** The PCH-PIC. */
  readonly pchPic: LoongArchPchPic;
  /** The devices the VM gets besides its `emu_devices`: the PCH-PIC unless the config places it. */
  readonly devices: readonly BaseMmioDeviceOps[];
  readonly #entry: EmulatedDeviceConfig | undefined;

  /**
   * Builds the board for a VM.
   *
   * @param config - The VM config (its `emu_devices` may place the PCH-PIC).
   */
  constructor(config: AxVMConfig) {
    this.#entry = config.emuDevices.find((d) => d.emuType === EmulatedDeviceType.InterruptController);
    const extioi = this.iocsr.extioi;
    this.pchPic = new LoongArchPchPic({
      base: this.#entry?.baseGpa ?? QEMU_VIRT_PCH_PIC_BASE,
      name: this.#entry?.name ?? "pch-pic",
      output: (vector, level) => {
        if (vector < EXTIOI_IRQS) extioi.setIrq(vector, level);
      },
    });
    this.devices = this.#entry === undefined ? [this.pchPic] : [];
  }

  /**
   * The PCH-PIC input of an emulated device.
   *
   * @param config - The `emu_devices` entry.
   * @returns A function driving pin `irq_id`, or `undefined` when `irq_id` is not a pin (≥ 64).
   */
  interruptLine(config: EmulatedDeviceConfig): ((level: boolean) => void) | undefined {
    if (config.irqId >= BigInt(PCH_PIC_PINS)) return undefined;
    const pin = Number(config.irqId);
    return (level) => this.pchPic.setIrq(pin, level);
  }

  /**
   * The PCH-PIC for the config's (first) `InterruptController` entry.
   *
   * @param config - An `InterruptController` entry.
   * @returns The PCH-PIC, or `undefined` for a further entry (skipped with a warning).
   */
  interruptController(config: EmulatedDeviceConfig): BaseMmioDeviceOps | undefined {
    return config === this.#entry ? this.pchPic : undefined;
  }
}
