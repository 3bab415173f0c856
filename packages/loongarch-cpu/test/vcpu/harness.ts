/** Builds a QEMU-virt-shaped AxVM on LoongArchVCpu for the vCPU tests. */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { HostPhysMemory } from "@axvisor/axaddrspace";
import type { AxVCpuExitReason } from "@axvisor/axvcpu";
import {
  AxVM,
  AxVMConfig,
  type BaseMmioDeviceOps,
  type BaseSysRegDeviceOps,
  QemuGedPowerRegs,
  QemuVirtPm,
} from "@axvisor/axvm";
import {
  type CpuTier,
  LoongArchVCpu,
  type LoongArchVCpuCreateConfig,
  type LoongArchVCpuSetupConfig,
} from "../../src/index.js";

export type LaVm = AxVM<LoongArchVCpuCreateConfig, LoongArchVCpuSetupConfig>;

/** The committed bare-metal guests of the virt board (examples/guests/elf). */
export const GUEST_ELF_DIR: string = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "..",
  "..",
  "examples",
  "guests",
  "elf",
);

/** RAM at 0 (256 MiB window, lazy) and the rest at 0x9000_0000, the UART at 0x1fe001e0, like axvisor's virt board. */
export function virtToml(memMiB = 1024): string {
  const low = Math.min(memMiB, 256);
  const regions = [`  [0x0, 0x${(low << 20).toString(16)}, 0x7, 0],`];
  if (memMiB > 256) regions.push(`  [0x90000000, 0x${((memMiB - 256) * 1024 * 1024).toString(16)}, 0x7, 0],`);
  return [
    "[base]",
    "id = 1",
    'name = "test"',
    "vm_type = 1",
    "cpu_num = 1",
    "phys_cpu_ids = [0]",
    "",
    "[kernel]",
    "entry_point = 0x200000",
    'kernel_path = "kernel.elf"',
    "kernel_load_addr = 0x200000",
    "memory_regions = [",
    ...regions,
    "]",
    "",
    "[devices]",
    'emu_devices = [["uart0", 0x1fe001e0, 0x8, 2, 0x2, []]]',
    "passthrough_devices = []",
    "",
  ].join("\n");
}

export interface Harness {
  readonly vm: LaVm;
  readonly hal: HostPhysMemory;
  readonly uart: number[];
  readonly power: string[];
  /** The arch vCPU 0. */
  vcpu(): LoongArchVCpu;
  /** Runs vCPU 0 until an exit AxVM does not handle and that is not `Nothing`, at most `maxRuns` runs. */
  runUntilExit(maxRuns?: number): AxVCpuExitReason;
  /** The UART transcript as text. */
  text(): string;
}

export interface VmOptions {
  memMiB?: number;
  kernel?: Uint8Array;
  code?: Uint8Array;
  devices?: BaseMmioDeviceOps[];
  sysRegDevices?: BaseSysRegDeviceOps[];
  /** Execution tier of the vCPUs (default: `CPU_TIER`). */
  cpuTier?: CpuTier;
}

/**
 * The tier the vCPU tests run on when a test does not choose: `LA_CPU_TIER=jit` runs the whole vCPU
 * suite on the compiler tier (the tests that must cover both tiers loop over `CPU_TIERS` themselves).
 */
export const CPU_TIER: CpuTier = process.env["LA_CPU_TIER"] === "jit" ? "jit" : "interp";
export type { CpuTier };
/** Both execution tiers, for `describe.each`. */
export const CPU_TIERS: readonly CpuTier[] = ["interp", "jit"];

export function makeVm(options: VmOptions = {}): Harness {
  const hal = new HostPhysMemory();
  const uart: number[] = [];
  const power: string[] = [];
  let arch: LoongArchVCpu | undefined;
  const vm: LaVm = new AxVM(AxVMConfig.fromToml(virtToml(options.memMiB ?? 1024)), {
    hal,
    arch: class extends LoongArchVCpu {
      constructor(vmId: number, vcpuId: number, config: LoongArchVCpuCreateConfig) {
        super(vmId, vcpuId, config);
        arch = this;
      }
    },
    createConfig: ({ vcpuId }) => ({
      cpuId: vcpuId,
      dtbAddr: 0n,
      hal,
      addrSpace: vm.addressSpace(),
      cpuTier: options.cpuTier ?? CPU_TIER,
    }),
    setupConfig: () => ({ passthroughInterrupt: false, passthroughTimer: false }),
    nptArch: "loongarch64",
    devices: [
      new QemuGedPowerRegs({ onEvent: (e) => power.push(e) }),
      new QemuVirtPm({ onEvent: (e) => power.push(e) }),
      ...(options.devices ?? []),
    ],
    sysRegDevices: options.sysRegDevices ?? [],
    console: { sink: (b) => uart.push(...b) },
  });
  if (options.kernel !== undefined) vm.loadKernel(options.kernel);
  vm.init();
  if (options.code !== undefined) vm.writeGuest(0x200000n, options.code);
  vm.boot();
  return {
    vm,
    hal,
    uart,
    power,
    vcpu: () => arch!,
    runUntilExit(maxRuns = 10_000) {
      for (let i = 0; i < maxRuns; i++) {
        const exit = vm.runVcpu(0);
        if (exit.kind !== "Nothing") return exit;
      }
      throw new Error(`no exit after ${maxRuns} runs`);
    },
    text: () => new TextDecoder().decode(Uint8Array.from(uart)),
  };
}
