import { AxVMCrateConfig } from "@axvisor/axvm";

const MIB = 1n << 20n;
/** QEMU virt's low RAM window: GPA 0 up to 256 MiB. */
const LOW_RAM_SIZE = 256n * MIB;
/** Where QEMU 7.2's LoongArch virt board puts RAM above the low window. */
const HIGH_RAM_BASE = 0x9000_0000n;
const UART_BASE = 0x1fe0_01e0n;

/**
 * Options of {@link qemuVirtConfig}, the `axvisor run --kernel` board.
 *
 * @example
 * ```ts
 * import type { QemuVirtOptions } from "@axvisor/axvisor";
 * const opts: QemuVirtOptions = { name: "hello", kernelPath: "hello.elf", memBytes: 256n << 20n, smp: 1 };
 * ```
 */
export interface QemuVirtOptions {
  /** VM id (default 1). */
  readonly id?: number;
  /** VM name (default `"guest"`). */
  readonly name?: string;
  /** Kernel path recorded in `[kernel] kernel_path` (default `"kernel.elf"`); the image is passed as bytes. */
  readonly kernelPath?: string;
  /** RAM size in bytes, a multiple of 4 KiB (default 1 GiB, QEMU 7.2's default for this board). */
  readonly memBytes?: bigint;
  /** Number of vCPUs (default 1). */
  readonly smp?: number;
  /** Kernel command line (`[kernel] cmdline`). */
  readonly cmdline?: string;
}

const hex = (v: bigint): string => `0x${v.toString(16)}`;

/**
 * Builds the VM config of a QEMU-`virt`-shaped LoongArch machine, the way `qemu -M virt -kernel`
 * lays it out: RAM at GPA 0 (the low 256 MiB window) and the rest at 0x9000_0000, the NS16550A
 * UART at 0x1fe0_01e0 as an emulated console. (The power-off registers are board devices the VMM
 * adds to every VM.) The result is TOML in the axvisor schema, so it can be saved and edited.
 *
 * @param options - Size, vCPUs, names.
 * @returns The TOML text.
 * @throws {RangeError} When `memBytes` is not a positive multiple of 4 KiB or `smp` is not in 1..64.
 * @example
 * ```ts
 * import { qemuVirtConfigToml } from "@axvisor/axvisor";
 * const toml = qemuVirtConfigToml({ name: "hello", memBytes: 256n << 20n });
 * console.log(toml.includes("0x1fe001e0")); // true
 * ```
 */
export function qemuVirtConfigToml(options: QemuVirtOptions = {}): string {
  const mem = options.memBytes ?? 1024n * MIB;
  const smp = options.smp ?? 1;
  if (mem <= 0n || mem % 0x1000n !== 0n)
    throw new RangeError(`memory size ${mem} must be a positive multiple of 4 KiB`);
  if (!Number.isInteger(smp) || smp < 1 || smp > 64)
    throw new RangeError(`smp ${smp} must be an integer in 1..64`);
  const low = mem < LOW_RAM_SIZE ? mem : LOW_RAM_SIZE;
  const regions = [`  [0x0, ${hex(low)}, 0x7, 0],`];
  if (mem > LOW_RAM_SIZE) regions.push(`  [${hex(HIGH_RAM_BASE)}, ${hex(mem - LOW_RAM_SIZE)}, 0x7, 0],`);
  const lines = [
    "[base]",
    `id = ${options.id ?? 1}`,
    `name = ${JSON.stringify(options.name ?? "guest")}`,
    "vm_type = 1",
    `cpu_num = ${smp}`,
    `phys_cpu_ids = [${Array.from({ length: smp }, (_, i) => i).join(", ")}]`,
    "",
    "[kernel]",
    // An ELF kernel replaces the entry with its e_entry; these are used for raw images only.
    "entry_point = 0x200000",
    `kernel_path = ${JSON.stringify(options.kernelPath ?? "kernel.elf")}`,
    "kernel_load_addr = 0x200000",
    ...(options.cmdline === undefined ? [] : [`cmdline = ${JSON.stringify(options.cmdline)}`]),
    "memory_regions = [",
    ...regions,
    "]",
    "",
    "[devices]",
    `emu_devices = [["uart0", ${hex(UART_BASE)}, 0x8, 2, 0x2, []]]`,
    "passthrough_devices = []",
    "",
  ];
  return lines.join("\n");
}

/**
 * {@link qemuVirtConfigToml}, parsed: the crate config of a QEMU-`virt`-shaped machine.
 *
 * @param options - Size, vCPUs, names.
 * @returns The parsed config (turn it into an `AxVMConfig` with `new AxVMConfig(crate)`).
 * @throws {RangeError} As {@link qemuVirtConfigToml}.
 * @example
 * ```ts
 * import { qemuVirtConfig } from "@axvisor/axvisor";
 * const crate = qemuVirtConfig({ smp: 2 });
 * console.log(crate.base.cpuNum); // 2n
 * ```
 */
export function qemuVirtConfig(options: QemuVirtOptions = {}): AxVMCrateConfig {
  return AxVMCrateConfig.fromToml(qemuVirtConfigToml(options));
}
