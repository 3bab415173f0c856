import { parse, TomlError } from "smol-toml";
import { type FieldSpec, parseValue, type Spec } from "../internal/config-spec.js";
import {
  EmulatedDeviceType,
  emulatedDeviceTypeName,
  INTERRUPT_MODE_ALIASES,
  type VMInterruptMode,
  type VmMemMappingType,
} from "./enums.js";
import { AxVMConfigError } from "./error.js";

/** One `memory_regions` entry `[gpa, size, flags, map_type]` (Rust `VmMemConfig`). */
export interface VmMemConfig {
  /** Guest physical start address. */
  readonly gpa: bigint;
  /** Size in bytes. */
  readonly size: bigint;
  /** `MappingFlags` bits (0x7 = READ|WRITE|EXECUTE, 0xf adds USER). */
  readonly flags: bigint;
  /** How the region is backed. */
  readonly mapType: VmMemMappingType;
}

/** One `emu_devices` entry `[name, base_gpa, length, irq_id, emu_type, cfg_list]` (Rust `EmulatedDeviceConfig`). */
export interface EmulatedDeviceConfig {
  /** Device name. */
  readonly name: string;
  /** Guest physical base address. */
  readonly baseGpa: bigint;
  /** Length of the address window in bytes. */
  readonly length: bigint;
  /** Interrupt line. */
  readonly irqId: bigint;
  /** Device type code. */
  readonly emuType: EmulatedDeviceType;
  /** Device-specific configuration words. */
  readonly cfgList: readonly bigint[];
}

/** One `passthrough_devices` entry `[name, base_gpa, base_hpa, length, irq_id]`; all but `name` default to 0. */
export interface PassThroughDeviceConfig {
  /** Device name (or a device-tree path such as `"/"`). */
  readonly name: string;
  /** Guest physical base address. */
  readonly baseGpa: bigint;
  /** Host physical base address. */
  readonly baseHpa: bigint;
  /** Length in bytes. */
  readonly length: bigint;
  /** Interrupt line. */
  readonly irqId: bigint;
}

/** One `passthrough_addresses` entry `[base_gpa, length]`, both defaulting to 0. */
export interface PassThroughAddressConfig {
  /** Guest physical base address. */
  readonly baseGpa: bigint;
  /** Length in bytes. */
  readonly length: bigint;
}

/** The `[base]` table (Rust `VMBaseConfig`). */
export interface VMBaseConfig {
  /** VM id. */
  readonly id: bigint;
  /** VM name. */
  readonly name: string;
  /** VM type code (see `VMType`); unknown codes are kept here and mapped to RTOS by `AxVMConfig`. */
  readonly vmType: bigint;
  /** Number of vCPUs. */
  readonly cpuNum: bigint;
  /** Physical CPU id per vCPU (MPIDR on ARM). */
  readonly physCpuIds: readonly bigint[] | undefined;
  /** Physical CPU affinity bitmask per vCPU. */
  readonly physCpuSets: readonly bigint[] | undefined;
}

/** The `[kernel]` table (Rust `VMKernelConfig`). */
export interface VMKernelConfig {
  /** Entry point of the kernel. */
  readonly entryPoint: bigint;
  /** Kernel image path (read by the CLI, not by this package). */
  readonly kernelPath: string;
  /** Where a raw kernel image is loaded. */
  readonly kernelLoadAddr: bigint;
  /** BIOS image path. */
  readonly biosPath: string | undefined;
  /** BIOS load address. */
  readonly biosLoadAddr: bigint | undefined;
  /** Device-tree blob path. */
  readonly dtbPath: string | undefined;
  /** Device-tree load address. */
  readonly dtbLoadAddr: bigint | undefined;
  /** Ramdisk path. */
  readonly ramdiskPath: string | undefined;
  /** Ramdisk load address. */
  readonly ramdiskLoadAddr: bigint | undefined;
  /** `"memory"` (built in) or `"fs"`. */
  readonly imageLocation: string | undefined;
  /** Kernel command line. */
  readonly cmdline: string | undefined;
  /** Disk image path. */
  readonly diskPath: string | undefined;
  /** Guest memory regions. */
  readonly memoryRegions: readonly VmMemConfig[];
}

/** The `[devices]` table (Rust `VMDevicesConfig`). */
export interface VMDevicesConfig {
  /** Emulated devices. */
  readonly emuDevices: readonly EmulatedDeviceConfig[];
  /** Passed-through devices. */
  readonly passthroughDevices: readonly PassThroughDeviceConfig[];
  /** Interrupt mode (default `no_irq`). */
  readonly interruptMode: VMInterruptMode;
  /** Device-tree paths not to pass through. */
  readonly excludedDevices: readonly (readonly string[])[];
  /** Extra passed-through address ranges. */
  readonly passthroughAddresses: readonly PassThroughAddressConfig[];
}

const u64 = (description: string): Spec => ({ kind: "u64", description });
const str = (description: string): Spec => ({ kind: "string", description });
const req = (key: string, prop: string, spec: Spec, description: string): FieldSpec => ({
  key,
  prop,
  spec,
  required: true,
  description,
});
const opt = (key: string, prop: string, spec: Spec, description: string, def?: () => unknown): FieldSpec =>
  def === undefined
    ? { key, prop, spec, required: false, description }
    : { key, prop, spec, required: false, default: def, description };

const memRegionSpec: Spec = {
  kind: "record",
  description: "A guest memory region: [gpa, size, flags, map_type].",
  fields: [
    req("gpa", "gpa", u64("Guest physical start address."), "Guest physical start address."),
    req("size", "size", u64("Size in bytes."), "Size in bytes."),
    req(
      "flags",
      "flags",
      u64("MappingFlags bits."),
      "MappingFlags bits: 1 READ, 2 WRITE, 4 EXECUTE, 8 USER, 16 DEVICE, 32 UNCACHED.",
    ),
    req(
      "map_type",
      "mapType",
      {
        kind: "intEnum",
        values: [
          [0, "MapAlloc"],
          [1, "MapIdentical"],
          [2, "MapReserved"],
        ],
        description: "How the region is backed:",
      },
      "How the region is backed: 0 MapAlloc, 1 MapIdentical, 2 MapReserved.",
    ),
  ],
};

const emuDeviceSpec: Spec = {
  kind: "record",
  description: "An emulated device: [name, base_gpa, length, irq_id, emu_type, cfg_list].",
  fields: [
    req("name", "name", str("Device name."), "Device name."),
    req("base_gpa", "baseGpa", u64("Guest physical base."), "Guest physical base address."),
    req("length", "length", u64("Window length."), "Length of the address window in bytes."),
    req("irq_id", "irqId", u64("Interrupt line."), "Interrupt line."),
    req(
      "emu_type",
      "emuType",
      {
        kind: "intEnum",
        values: Object.entries(EmulatedDeviceType).map(([name, v]) => [v, name] as const),
        description: "Device type code:",
      },
      `Device type code (${Object.values(EmulatedDeviceType)
        .map((v) => `0x${v.toString(16)} ${emulatedDeviceTypeName(v)}`)
        .join(", ")}).`,
    ),
    req(
      "cfg_list",
      "cfgList",
      { kind: "array", items: u64("Config word."), description: "Device-specific words." },
      "Device-specific configuration words.",
    ),
  ],
};

const passthroughDeviceSpec: Spec = {
  kind: "record",
  description:
    "A passed-through device: [name, base_gpa, base_hpa, length, irq_id]; all but name default to 0.",
  fields: [
    req("name", "name", str("Device name."), "Device name or device-tree path."),
    opt("base_gpa", "baseGpa", u64("Guest base."), "Guest physical base address.", () => 0n),
    opt("base_hpa", "baseHpa", u64("Host base."), "Host physical base address.", () => 0n),
    opt("length", "length", u64("Length."), "Length in bytes.", () => 0n),
    opt("irq_id", "irqId", u64("Interrupt line."), "Interrupt line.", () => 0n),
  ],
};

const passthroughAddressSpec: Spec = {
  kind: "record",
  description: "A passed-through address range: [base_gpa, length].",
  fields: [
    opt("base_gpa", "baseGpa", u64("Guest base."), "Guest physical base address.", () => 0n),
    opt("length", "length", u64("Length."), "Length in bytes.", () => 0n),
  ],
};

const u64Array = (d: string): Spec => ({ kind: "array", items: u64(d), description: d });

/** The whole format. @internal */
export const VM_CONFIG_SPEC: Spec = {
  kind: "table",
  description: "An axvisor VM configuration (axvmconfig's AxVMCrateConfig).",
  fields: [
    req(
      "base",
      "base",
      {
        kind: "table",
        description: "Identity and CPUs.",
        fields: [
          req("id", "id", u64("VM id."), "VM id."),
          req("name", "name", str("VM name."), "VM name."),
          req(
            "vm_type",
            "vmType",
            u64("VM type."),
            "VM type: 0 host VM, 1 RTOS, 2 Linux (unknown values mean RTOS).",
          ),
          req("cpu_num", "cpuNum", u64("vCPU count."), "Number of vCPUs."),
          opt(
            "phys_cpu_ids",
            "physCpuIds",
            u64Array("Physical CPU id."),
            "Physical CPU id per vCPU (MPIDR on ARM).",
          ),
          opt(
            "phys_cpu_sets",
            "physCpuSets",
            u64Array("Affinity mask."),
            "Physical CPU affinity bitmask per vCPU.",
          ),
        ],
      },
      "Identity and CPUs.",
    ),
    req(
      "kernel",
      "kernel",
      {
        kind: "table",
        description: "Images and memory.",
        fields: [
          req("entry_point", "entryPoint", u64("Entry."), "Entry point of the kernel."),
          req("kernel_path", "kernelPath", str("Kernel path."), "Kernel image path."),
          req(
            "kernel_load_addr",
            "kernelLoadAddr",
            u64("Load address."),
            "Load address of a raw kernel image.",
          ),
          opt("bios_path", "biosPath", str("BIOS path."), "BIOS image path."),
          opt("bios_load_addr", "biosLoadAddr", u64("BIOS load address."), "BIOS load address."),
          opt("dtb_path", "dtbPath", str("DTB path."), "Device-tree blob path."),
          opt("dtb_load_addr", "dtbLoadAddr", u64("DTB load address."), "Device-tree blob load address."),
          opt("ramdisk_path", "ramdiskPath", str("Ramdisk path."), "Ramdisk path."),
          opt("ramdisk_load_addr", "ramdiskLoadAddr", u64("Ramdisk load address."), "Ramdisk load address."),
          opt("image_location", "imageLocation", str("Image location."), '"memory" (built in) or "fs".'),
          opt("cmdline", "cmdline", str("Command line."), "Kernel command line."),
          opt("disk_path", "diskPath", str("Disk path."), "Disk image path."),
          req(
            "memory_regions",
            "memoryRegions",
            { kind: "array", items: memRegionSpec, description: "Guest memory regions." },
            "Guest memory regions, each [gpa, size, flags, map_type].",
          ),
        ],
      },
      "Images and memory.",
    ),
    req(
      "devices",
      "devices",
      {
        kind: "table",
        description: "Devices and interrupts.",
        fields: [
          req(
            "emu_devices",
            "emuDevices",
            { kind: "array", items: emuDeviceSpec, description: "Emulated devices." },
            "Emulated devices, each [name, base_gpa, length, irq_id, emu_type, cfg_list].",
          ),
          req(
            "passthrough_devices",
            "passthroughDevices",
            { kind: "array", items: passthroughDeviceSpec, description: "Passed-through devices." },
            "Passed-through devices, each [name, base_gpa, base_hpa, length, irq_id].",
          ),
          opt(
            "interrupt_mode",
            "interruptMode",
            {
              kind: "strEnum",
              values: Object.entries(INTERRUPT_MODE_ALIASES),
              description: "Interrupt mode: no_irq (no, none), emu (emulated), passthrough (pt).",
            },
            "Interrupt mode: no_irq (aliases no, none; default), emu (emulated), passthrough (pt).",
            () => "no_irq",
          ),
          opt(
            "excluded_devices",
            "excludedDevices",
            {
              kind: "array",
              items: { kind: "array", items: str("Path."), description: "Path." },
              description: ".",
            },
            "Device-tree paths not to pass through.",
            () => [],
          ),
          opt(
            "passthrough_addresses",
            "passthroughAddresses",
            { kind: "array", items: passthroughAddressSpec, description: "Passed-through ranges." },
            "Passed-through address ranges, each [base_gpa, length].",
            () => [],
          ),
        ],
      },
      "Devices and interrupts.",
    ),
  ],
};

/**
 * A parsed VM configuration (Rust `axvmconfig::AxVMCrateConfig`), field names in camelCase,
 * every Rust `usize` kept exact as `bigint`.
 *
 * @example
 * ```ts
 * import { AxVMCrateConfig } from "@axvisor/axvm";
 * const cfg = AxVMCrateConfig.fromToml(`
 * [base]
 * id = 1
 * name = "demo"
 * vm_type = 1
 * cpu_num = 1
 * [kernel]
 * entry_point = 0x200000
 * kernel_path = "guest.elf"
 * kernel_load_addr = 0x200000
 * memory_regions = [[0x0, 0x200_0000, 0x7, 0]]
 * [devices]
 * emu_devices = []
 * passthrough_devices = []
 * `);
 * cfg.kernel.memoryRegions[0]?.size; // 0x2000000n
 * ```
 */
export interface AxVMCrateConfig {
  /** The `[base]` table. */
  readonly base: VMBaseConfig;
  /** The `[kernel]` table. */
  readonly kernel: VMKernelConfig;
  /** The `[devices]` table. */
  readonly devices: VMDevicesConfig;
}

/**
 * Parsers for {@link AxVMCrateConfig}.
 *
 * Differences from Rust `from_toml` (serde): unknown keys are errors, not silently ignored; every
 * error is an {@link AxVMConfigError} naming the field path and what was expected. Positional
 * entries (`[gpa, size, flags, map_type]`) may also be written as inline tables with the Rust
 * field names (`{ gpa = 0, size = 0x1000, flags = 7, map_type = 0 }`), as serde accepts.
 */
export const AxVMCrateConfig: {
  /**
   * Parses a VM TOML config.
   *
   * @param text - the TOML text.
   * @returns the config.
   * @throws {AxVMConfigError} (code `InvalidInput`) on a syntax error or any invalid field.
   * @example
   * ```ts
   * import { AxVMCrateConfig } from "@axvisor/axvm";
   * try {
   *   AxVMCrateConfig.fromToml("[base\nid = 1");
   * } catch (e) {
   *   console.log((e as Error).message); // "TOML syntax error at line 1, column 6: ..."
   * }
   * ```
   */
  fromToml(text: string): AxVMCrateConfig;
  /**
   * Validates an already-parsed TOML document (integers as `bigint`), e.g. from another TOML parser.
   *
   * @param doc - the parsed document.
   * @returns the config.
   * @throws {AxVMConfigError} on any invalid field.
   * @example
   * ```ts
   * import { AxVMCrateConfig } from "@axvisor/axvm";
   * try {
   *   AxVMCrateConfig.fromObject({});
   * } catch (e) {
   *   console.log((e as Error).message); // "base: missing required key (expected a table)"
   * }
   * ```
   */
  fromObject(doc: unknown): AxVMCrateConfig;
} = {
  fromToml(text: string): AxVMCrateConfig {
    let doc: unknown;
    try {
      doc = parse(text, { integersAsBigInt: true });
    } catch (e) {
      if (e instanceof TomlError) {
        const detail = e.message.split("\n")[0]?.replace(/^Invalid TOML document: /, "") ?? e.message;
        throw new AxVMConfigError(
          undefined,
          `TOML syntax error at line ${e.line}, column ${e.column}: ${detail}`,
          { cause: e, line: e.line, column: e.column },
        );
      }
      throw new AxVMConfigError(undefined, `TOML syntax error: ${String(e)}`, { cause: e });
    }
    return AxVMCrateConfig.fromObject(doc);
  },
  fromObject(doc: unknown): AxVMCrateConfig {
    return parseValue(VM_CONFIG_SPEC, doc, "", "") as AxVMCrateConfig;
  },
};
