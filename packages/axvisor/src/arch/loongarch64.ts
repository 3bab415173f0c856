// The LoongArch64 wiring, the one place the application imports @axvisor/loongarch-cpu
// (axvisor picks its arch crate by cfg the same way).
import { EM_LOONGARCH, QEMU_LOONGARCH_PADDR_MASK, VMInterruptMode } from "@axvisor/axvm";
import {
  disassemble,
  LoongArchVCpu,
  type LoongArchVCpuCreateConfig,
  type LoongArchVCpuSetupConfig,
} from "@axvisor/loongarch-cpu";
import { type ArchBinding, defineArch } from "./binding.js";

/**
 * The LoongArch64 binding: `LoongArchVCpu` from `@axvisor/loongarch-cpu` on a LoongArch nested page
 * table. Each vCPU's CSR.CPUID is its vCPU id (QEMU numbers its CPUs the same way); `a1` carries
 * `dtb_load_addr` when the config has one. ELF kernels must be `EM_LOONGARCH` and are placed at
 * `p_paddr & 0x1fffffff`, as QEMU 7.2's `virt` board loads them, so one ELF boots under both. A `CpuUp`
 * argument goes to `a0`; `--trace` disassembles with the package's llvm-objdump-compatible disassembler.
 *
 * @example
 * ```ts
 * import { loongarch64, Vmm } from "@axvisor/axvisor";
 * const vmm = new Vmm({ arch: loongarch64 });
 * console.log(vmm.arch().name); // loongarch64
 * ```
 */
export const loongarch64: ArchBinding = defineArch<LoongArchVCpuCreateConfig, LoongArchVCpuSetupConfig>({
  name: "loongarch64",
  nptArch: "loongarch64",
  vcpu: LoongArchVCpu,
  createConfig: (info, ctx) => ({
    cpuId: info.vcpuId,
    dtbAddr: ctx.vm.config().imageConfig.dtbLoadGpa?.value ?? 0n,
    hal: ctx.hal,
    addrSpace: ctx.vm.addressSpace(),
  }),
  setupConfig: (info) => ({
    passthroughInterrupt: info.interruptMode === VMInterruptMode.Passthrough,
    // An emulated hart has no host timer to hand over.
    passthroughTimer: false,
  }),
  elfMachine: EM_LOONGARCH,
  paddrMask: QEMU_LOONGARCH_PADDR_MASK,
  // a0..a7 ($r4..$r11).
  argRegs: [4, 5, 6, 7, 8, 9, 10, 11],
  disassemble: (word, pc) => disassemble(word, pc),
});
