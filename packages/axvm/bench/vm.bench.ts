// Cost of the VM-exit path: one runVcpu call that handles N MMIO exits (UART LSR reads and THR
// writes) before the scripted vCPU halts, and the cost of parsing a VM config.
import { AccessWidth, GuestPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
import type { AxArchVCpu, AxVCpuExitReason } from "@axvisor/axvcpu";
import { bench, describe } from "vitest";
import { AxVM, AxVMConfig, AxVMCrateConfig, Ns16550a } from "../src/index.js";

const TOML = `
[base]
id = 1
name = "bench"
vm_type = 1
cpu_num = 1
[kernel]
entry_point = 0x200000
kernel_path = "k"
kernel_load_addr = 0x200000
memory_regions = [[0x0, 0x100_0000, 0x7, 0]]
[devices]
emu_devices = []
passthrough_devices = []
passthrough_addresses = [[0x1fe0_0000, 0x1000], [0x100e_0000, 0x1000]]
`;

const EXITS_PER_RUN = 1000;
const lsr: AxVCpuExitReason = {
  kind: "MmioRead",
  addr: GuestPhysAddr.from(0x1fe0_01e5n),
  width: AccessWidth.Byte,
  reg: 4,
  regWidth: AccessWidth.Qword,
  signedExt: false,
};
const thr: AxVCpuExitReason = {
  kind: "MmioWrite",
  addr: GuestPhysAddr.from(0x1fe0_01e0n),
  width: AccessWidth.Byte,
  data: 0x41n,
};

class LoopVCpu implements AxArchVCpu<void, void> {
  n = 0;
  setEntry(): void {}
  setEptRoot(): void {}
  setup(): void {}
  run(): AxVCpuExitReason {
    const i = this.n++;
    if (i === EXITS_PER_RUN) {
      this.n = 0;
      return { kind: "Halt" };
    }
    return i & 1 ? thr : lsr;
  }
  bind(): void {}
  unbind(): void {}
  setGpr(): void {}
  injectInterrupt(): void {}
  setReturnValue(): void {}
}

// Counted so the sink does real work the JIT cannot drop.
let sent = 0;
const vm = new AxVM(AxVMConfig.fromToml(TOML), {
  hal: new HostPhysMemory(),
  arch: LoopVCpu,
  createConfig: () => undefined,
  setupConfig: () => undefined,
  nptArch: "loongarch64",
  devices: [
    new Ns16550a({
      sink: (b) => {
        sent += b.length;
      },
    }),
  ],
});
vm.init();

describe("axvm", () => {
  bench(`runVcpu handling ${EXITS_PER_RUN} UART MMIO exits`, () => {
    vm.runVcpu(0);
    if (sent === 0) throw new Error("the UART sink saw nothing");
  });
  bench("AxVMCrateConfig.fromToml (small config)", () => {
    AxVMCrateConfig.fromToml(TOML);
  });
});
