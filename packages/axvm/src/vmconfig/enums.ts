/**
 * The guest kind (Rust `axvmconfig::VMType`): 0 host VM ("type 1.5"), 1 RTOS (default), 2 Linux.
 *
 * @example
 * ```ts
 * import { VMType, vmTypeFromUsize } from "@axvisor/axvm";
 * vmTypeFromUsize(2n); // VMType.VMTLinux
 * ```
 */
export const VMType: {
  /** A host VM booted from Linux, like Jailhouse ("type 1.5"). */
  readonly VMTHostVM: 0;
  /** A simple RTOS guest with most resources passed through (the default). */
  readonly VMTRTOS: 1;
  /** A full-featured Linux guest. */
  readonly VMTLinux: 2;
} = { VMTHostVM: 0, VMTRTOS: 1, VMTLinux: 2 } as const;

/** One of the {@link VMType} values. */
export type VMType = (typeof VMType)[keyof typeof VMType];

/**
 * Converts the config's `vm_type` number; unknown values fall back to `VMTRTOS` like Rust's `From<usize>`.
 *
 * @param value - the `base.vm_type` value.
 * @returns the VM type.
 * @example
 * ```ts
 * import { vmTypeFromUsize } from "@axvisor/axvm";
 * vmTypeFromUsize(999n); // 1 (VMTRTOS)
 * ```
 */
export function vmTypeFromUsize(value: bigint | number): VMType {
  const v = BigInt(value);
  return v === 0n ? VMType.VMTHostVM : v === 2n ? VMType.VMTLinux : VMType.VMTRTOS;
}

/**
 * How a memory region is backed (Rust `VmMemMappingType`), the 4th element of a `memory_regions` entry.
 *
 * @example
 * ```ts
 * import { VmMemMappingType } from "@axvisor/axvm";
 * VmMemMappingType.MapIdentical; // 1
 * ```
 */
export const VmMemMappingType: {
  /** Memory allocated by the hypervisor (lazily, page by page, in this emulator). */
  readonly MapAlloc: 0;
  /** Memory identical to host physical memory (gpa = hpa on real hardware). */
  readonly MapIdentical: 1;
  /** Reserved host memory for the guest. */
  readonly MapReserved: 2;
} = { MapAlloc: 0, MapIdentical: 1, MapReserved: 2 } as const;

/** One of the {@link VmMemMappingType} values. */
export type VmMemMappingType = (typeof VmMemMappingType)[keyof typeof VmMemMappingType];

/**
 * Emulated device type codes (Rust `EmulatedDeviceType`, shared with `axdevice_base::EmuDeviceType`).
 *
 * @example
 * ```ts
 * import { EmulatedDeviceType, emulatedDeviceTypeName } from "@axvisor/axvm";
 * emulatedDeviceTypeName(EmulatedDeviceType.Console); // "console"
 * ```
 */
export const EmulatedDeviceType: {
  /** Dummy / meta device. */
  readonly Dummy: 0x0;
  /** Interrupt controller (vGIC, vLAPIC, ...). */
  readonly InterruptController: 0x1;
  /** Console (serial) device; here an NS16550A UART. */
  readonly Console: 0x2;
  /** Inter-VM communication channel. */
  readonly IVCChannel: 0xa;
  /** ARM GIC partial-passthrough redistributor. */
  readonly GPPTRedistributor: 0x20;
  /** ARM GIC partial-passthrough distributor. */
  readonly GPPTDistributor: 0x21;
  /** ARM GIC partial-passthrough ITS. */
  readonly GPPTITS: 0x22;
  /** RISC-V PLIC partial-passthrough global. */
  readonly PPPTGlobal: 0x30;
  /** Virtio block device. */
  readonly VirtioBlk: 0xe1;
  /** Virtio network device. */
  readonly VirtioNet: 0xe2;
  /** Virtio console device. */
  readonly VirtioConsole: 0xe3;
} = {
  Dummy: 0x0,
  InterruptController: 0x1,
  Console: 0x2,
  IVCChannel: 0xa,
  GPPTRedistributor: 0x20,
  GPPTDistributor: 0x21,
  GPPTITS: 0x22,
  PPPTGlobal: 0x30,
  VirtioBlk: 0xe1,
  VirtioNet: 0xe2,
  VirtioConsole: 0xe3,
} as const;

/** One of the {@link EmulatedDeviceType} codes. */
export type EmulatedDeviceType = (typeof EmulatedDeviceType)[keyof typeof EmulatedDeviceType];

const DEVICE_NAMES: Readonly<Record<EmulatedDeviceType, string>> = {
  0: "meta device",
  1: "interrupt controller",
  2: "console",
  10: "ivc channel",
  32: "gic partial passthrough redistributor",
  33: "gic partial passthrough distributor",
  34: "gic partial passthrough its",
  48: "plic partial passthrough global",
  225: "virtio block",
  226: "virtio net",
  227: "virtio console",
};

/**
 * The display name of a device type (Rust `Display for EmulatedDeviceType`).
 *
 * @param type - the device type code.
 * @returns e.g. `"console"`, `"gic partial passthrough its"`.
 * @example
 * ```ts
 * import { EmulatedDeviceType, emulatedDeviceTypeName } from "@axvisor/axvm";
 * emulatedDeviceTypeName(EmulatedDeviceType.Dummy); // "meta device"
 * ```
 */
export function emulatedDeviceTypeName(type: EmulatedDeviceType): string {
  return DEVICE_NAMES[type];
}

/**
 * Whether a device type is removable (Rust `EmulatedDeviceType::removable`).
 *
 * @param type - the device type code.
 * @returns `true` for interrupt controllers, the GPPT redistributor and virtio devices.
 * @example
 * ```ts
 * import { EmulatedDeviceType, emulatedDeviceTypeRemovable } from "@axvisor/axvm";
 * emulatedDeviceTypeRemovable(EmulatedDeviceType.VirtioNet); // true
 * ```
 */
export function emulatedDeviceTypeRemovable(type: EmulatedDeviceType): boolean {
  return (
    type === EmulatedDeviceType.InterruptController ||
    type === EmulatedDeviceType.GPPTRedistributor ||
    type === EmulatedDeviceType.VirtioBlk ||
    type === EmulatedDeviceType.VirtioNet ||
    type === EmulatedDeviceType.VirtioConsole
  );
}

/**
 * Converts a number to a device type, or `undefined` for an unknown code.
 *
 * (Rust's `from_usize` falls back to `Dummy`; its TOML deserialiser rejects unknown codes. This
 * port never guesses: callers decide.)
 *
 * @param value - the code.
 * @returns the device type or `undefined`.
 * @example
 * ```ts
 * import { emulatedDeviceTypeFromUsize } from "@axvisor/axvm";
 * emulatedDeviceTypeFromUsize(0x21n); // 0x21 (GPPTDistributor)
 * emulatedDeviceTypeFromUsize(5n); // undefined
 * ```
 */
export function emulatedDeviceTypeFromUsize(value: bigint | number): EmulatedDeviceType | undefined {
  const v = BigInt(value);
  if (v < 0n || v > 0xffn) return undefined;
  const n = Number(v);
  return n in DEVICE_NAMES ? (n as EmulatedDeviceType) : undefined;
}

/**
 * How the VM handles interrupts (Rust `VMInterruptMode`); values are the canonical TOML names.
 *
 * The TOML parser also accepts the aliases `no`/`none` (no_irq), `emulated` (emu) and `pt` (passthrough).
 *
 * @example
 * ```ts
 * import { VMInterruptMode } from "@axvisor/axvm";
 * VMInterruptMode.Passthrough; // "passthrough"
 * ```
 */
export const VMInterruptMode: {
  /** No interrupts (the default). */
  readonly NoIrq: "no_irq";
  /** Emulated interrupt controller. */
  readonly Emulated: "emu";
  /** Passed-through interrupt controller. */
  readonly Passthrough: "passthrough";
} = { NoIrq: "no_irq", Emulated: "emu", Passthrough: "passthrough" } as const;

/** One of the {@link VMInterruptMode} values. */
export type VMInterruptMode = (typeof VMInterruptMode)[keyof typeof VMInterruptMode];

/** Every accepted spelling of each interrupt mode (canonical name first). @internal */
export const INTERRUPT_MODE_ALIASES: Readonly<Record<VMInterruptMode, readonly string[]>> = {
  no_irq: ["no_irq", "no", "none"],
  emu: ["emu", "emulated"],
  passthrough: ["passthrough", "pt"],
};
