// Shared by the benchmark scripts: the built packages, the compute guests' repetition word, and the VM the guests
// boot in (AxVM + LoongArchVCpu on QEMU virt's 1 GiB layout), run to power-off and timed.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Imports a built package of the repository (its dist). */
export async function load(pkg) {
  const file = join(ROOT, "packages", pkg, "dist/index.js");
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`pnpm build\` first`);
  return import(pathToFileURL(file).href);
}

const { HostPhysMemory } = await load("axaddrspace");
const { AxVM, AxVMConfig, QemuGedPowerRegs, QemuVirtPm } = await load("axvm");
const { LoongArchVCpu } = await load("loongarch-cpu");

/** A copy of the ELF whose bench_reps word (after the "REPS" marker) is `reps`. */
export function withReps(elf, reps) {
  const marker = Buffer.from("REPS", "latin1");
  const at = Buffer.from(elf.buffer, elf.byteOffset, elf.byteLength).indexOf(marker);
  if (at < 0) throw new Error("the ELF has no bench_reps marker");
  const copy = new Uint8Array(elf);
  new DataView(copy.buffer).setUint32(at + 4, reps, true);
  return copy;
}

const VM_TOML = `[base]
id = 1
name = "bench"
vm_type = 1
cpu_num = 1
phys_cpu_ids = [0]

[kernel]
entry_point = 0x200000
kernel_path = "kernel.elf"
kernel_load_addr = 0x200000
memory_regions = [[0x0, 0x10000000, 0x7, 0], [0x90000000, 0x30000000, 0x7, 0]]

[devices]
emu_devices = [["uart0", 0x1fe001e0, 0x8, 2, 0x2, []]]
passthrough_devices = []
`;

/** Boots the bare-metal ELF in an AxVM on LoongArchVCpu (1 GiB, QEMU virt layout) and runs it to power-off. */
export function runVm(elf, tier) {
  const hal = new HostPhysMemory();
  const uart = [];
  let off = false;
  let vcpu;
  const vm = new AxVM(AxVMConfig.fromToml(VM_TOML), {
    hal,
    arch: class extends LoongArchVCpu {
      constructor(vmId, vcpuId, config) {
        super(vmId, vcpuId, config);
        vcpu = this;
      }
    },
    createConfig: ({ vcpuId }) => ({
      cpuId: vcpuId,
      dtbAddr: 0n,
      hal,
      addrSpace: vm.addressSpace(),
      cpuTier: tier,
    }),
    setupConfig: () => ({ passthroughInterrupt: false, passthroughTimer: false }),
    nptArch: "loongarch64",
    devices: [
      new QemuGedPowerRegs({ onEvent: () => (off = true) }),
      new QemuVirtPm({ onEvent: () => (off = true) }),
    ],
    sysRegDevices: [],
    console: { sink: (b) => uart.push(...b) },
  });
  vm.loadKernel(elf);
  vm.init();
  vm.boot();
  const t0 = performance.now();
  for (;;) {
    const exit = vm.runVcpu(0);
    if (exit.kind === "SystemDown") break;
    if (exit.kind !== "Nothing") throw new Error(`unexpected exit ${exit.kind}`);
  }
  const ms = performance.now() - t0;
  const insns = vcpu.instructionsRetired();
  // the tier that actually ran (a vCPU without compiler-tier support has no cpu.tier and stays interpreted)
  const ran = vcpu.cpu?.tier ?? "interp";
  vm.destroy?.();
  if (!off) throw new Error("the guest did not power off");
  return { ms, insns, tier: ran, text: Buffer.from(uart).toString("latin1"), jit: vcpu.cpu?.jitStats?.() };
}
