import type { AxVMCrateConfig } from "./crate-config.js";

const hex = (v: bigint): string => `0x${v.toString(16)}`;
const dec = (v: bigint): string => v.toString();

// JSON string escapes are valid TOML basic-string escapes; TOML also forbids a raw DEL.
const str = (s: string): string => JSON.stringify(s).replaceAll("\x7f", "\\u007F");

function list<T>(items: readonly T[], one: (item: T) => string): string {
  if (items.length === 0) return "[]";
  return `[\n${items.map((i) => `    ${one(i)},`).join("\n")}\n]`;
}

/**
 * Writes a config as TOML in the axvisor schema (positional entries, addresses and sizes in hex),
 * so that `AxVMCrateConfig.fromToml(vmConfigToToml(c))` gives `c` back. Optional keys that are
 * absent are left out; keys at their defaults are written.
 *
 * @param c - the config.
 * @returns the TOML text.
 * @example
 * ```ts
 * import { AxVMCrateConfig, vmConfigTemplate, vmConfigToToml } from "@axvisor/axvm";
 * const text = vmConfigToToml(vmConfigTemplate({ id: 1n, name: "demo", kernelPath: "guest.elf" }));
 * console.log(AxVMCrateConfig.fromToml(text).base.name); // "demo"
 * ```
 */
export function vmConfigToToml(c: AxVMCrateConfig): string {
  const lines: string[] = [];
  const opt = (key: string, v: bigint | string | undefined, fmt: (x: never) => string): void => {
    if (v !== undefined) lines.push(`${key} = ${(fmt as (x: bigint | string) => string)(v)}`);
  };
  const b = c.base;
  lines.push(
    "[base]",
    `id = ${dec(b.id)}`,
    `name = ${str(b.name)}`,
    `vm_type = ${dec(b.vmType)}`,
    `cpu_num = ${dec(b.cpuNum)}`,
  );
  if (b.physCpuIds !== undefined) lines.push(`phys_cpu_ids = [${b.physCpuIds.map(hex).join(", ")}]`);
  if (b.physCpuSets !== undefined) lines.push(`phys_cpu_sets = [${b.physCpuSets.map(hex).join(", ")}]`);
  const k = c.kernel;
  lines.push(
    "",
    "[kernel]",
    `entry_point = ${hex(k.entryPoint)}`,
    `kernel_path = ${str(k.kernelPath)}`,
    `kernel_load_addr = ${hex(k.kernelLoadAddr)}`,
  );
  opt("bios_path", k.biosPath, str);
  opt("bios_load_addr", k.biosLoadAddr, hex);
  opt("dtb_path", k.dtbPath, str);
  opt("dtb_load_addr", k.dtbLoadAddr, hex);
  opt("ramdisk_path", k.ramdiskPath, str);
  opt("ramdisk_load_addr", k.ramdiskLoadAddr, hex);
  opt("image_location", k.imageLocation, str);
  opt("cmdline", k.cmdline, str);
  opt("disk_path", k.diskPath, str);
  lines.push(
    `memory_regions = ${list(k.memoryRegions, (r) => `[${hex(r.gpa)}, ${hex(r.size)}, ${hex(r.flags)}, ${r.mapType}]`)}`,
  );
  const d = c.devices;
  lines.push(
    "",
    "[devices]",
    `emu_devices = ${list(
      d.emuDevices,
      (e) =>
        `[${str(e.name)}, ${hex(e.baseGpa)}, ${hex(e.length)}, ${dec(e.irqId)}, 0x${e.emuType.toString(16)}, [${e.cfgList.map(hex).join(", ")}]]`,
    )}`,
    `passthrough_devices = ${list(
      d.passthroughDevices,
      (p) => `[${str(p.name)}, ${hex(p.baseGpa)}, ${hex(p.baseHpa)}, ${hex(p.length)}, ${dec(p.irqId)}]`,
    )}`,
    `interrupt_mode = ${str(d.interruptMode)}`,
    `excluded_devices = ${list(d.excludedDevices, (paths) => `[${paths.map(str).join(", ")}]`)}`,
    `passthrough_addresses = ${list(d.passthroughAddresses, (a) => `[${hex(a.baseGpa)}, ${hex(a.length)}]`)}`,
  );
  return `${lines.join("\n")}\n`;
}

/** Options of {@link vmConfigTemplate}. */
export interface VmConfigTemplateOptions {
  /** VM id. */
  readonly id: bigint;
  /** VM name. */
  readonly name: string;
  /** Kernel image path. */
  readonly kernelPath: string;
  /** VM type (default 1, RTOS). */
  readonly vmType?: bigint;
  /** Number of vCPUs (default 1). */
  readonly cpuNum?: bigint;
  /** Entry point (default 0x200000, QEMU virt's usual link address). */
  readonly entryPoint?: bigint;
  /** Raw-image load address (default: the entry point). */
  readonly kernelLoadAddr?: bigint;
  /** `"memory"` or `"fs"` (default `"fs"`). */
  readonly imageLocation?: string;
  /** Kernel command line. */
  readonly cmdline?: string;
}

/**
 * A starting config (Rust `axvmconfig::templates::get_vm_config_template`): physical CPU ids
 * `0..cpu_num`, no memory regions or devices yet.
 *
 * @param o - the template parameters.
 * @returns the config.
 * @example
 * ```ts
 * import { vmConfigTemplate } from "@axvisor/axvm";
 * const c = vmConfigTemplate({ id: 2n, name: "linux", kernelPath: "Image", cpuNum: 2n });
 * console.log(c.base.physCpuIds); // [0n, 1n]
 * ```
 */
export function vmConfigTemplate(o: VmConfigTemplateOptions): AxVMCrateConfig {
  const cpuNum = o.cpuNum ?? 1n;
  const entryPoint = o.entryPoint ?? 0x20_0000n;
  return {
    base: {
      id: o.id,
      name: o.name,
      vmType: o.vmType ?? 1n,
      cpuNum,
      physCpuIds: Array.from({ length: Number(cpuNum) }, (_, i) => BigInt(i)),
      physCpuSets: undefined,
    },
    kernel: {
      entryPoint,
      kernelPath: o.kernelPath,
      kernelLoadAddr: o.kernelLoadAddr ?? entryPoint,
      biosPath: undefined,
      biosLoadAddr: undefined,
      dtbPath: undefined,
      dtbLoadAddr: undefined,
      ramdiskPath: undefined,
      ramdiskLoadAddr: undefined,
      imageLocation: o.imageLocation ?? "fs",
      cmdline: o.cmdline,
      diskPath: undefined,
      memoryRegions: [],
    },
    devices: {
      emuDevices: [],
      passthroughDevices: [],
      interruptMode: "no_irq",
      excludedDevices: [],
      passthroughAddresses: [],
    },
  };
}
