// The LoongArch64 wiring, the one place the application imports @axvisor/loongarch-cpu
// (axvisor picks its arch crate by cfg the same way).
import { EM_LOONGARCH, QEMU_LOONGARCH_PADDR_MASK, VMInterruptMode } from "@axvisor/axvm";
import {
  disassemble,
  LoongArchVCpu,
  type LoongArchVCpuCreateConfig,
  type LoongArchVCpuSetupConfig,
  LoongArchVirtIocsr,
} from "@axvisor/loongarch-cpu";
import { type ArchBinding, defineArch } from "./binding.js";
import { LoongArchVirtBoard } from "./loongarch64-virt-board.js";

// Below the kernel's usual load address (0x200000), in RAM on every virt layout; Linux copies it in
// init_environ before it allocates any memory. COMMAND_LINE_SIZE is 4096 on LoongArch.
const CMDLINE = { gpa: 0x10_0000n, maxBytes: 4096 } as const;

// One IOCSR space (IPI mailboxes, misc registers, EXTIOI) per VM, shared by its vCPUs: the board's,
// or (a VMM that builds no board) one per VM object.
const iocsrs = new WeakMap<object, LoongArchVirtIocsr>();
function iocsrOf(vm: object): LoongArchVirtIocsr {
  let io = iocsrs.get(vm);
  if (io === undefined) {
    io = new LoongArchVirtIocsr();
    iocsrs.set(vm, io);
  }
  return io;
}

/**
 * The LoongArch64 binding: `LoongArchVCpu` from `@axvisor/loongarch-cpu` on a LoongArch nested page
 * table. Each vCPU's CSR.CPUID is its vCPU id (QEMU numbers its CPUs the same way); `a1` carries
 * `dtb_load_addr` when the config has one. A `cmdline` (the config's, or `--append`) is written
 * NUL-terminated at GPA 0x100000 and the boot vCPU's `a1` points at it, as Linux's `init_environ` reads
 * it (QEMU 7.2 ignores `-append` for an ELF booted without firmware). ELF kernels must be `EM_LOONGARCH` and are placed at
 * `p_paddr & 0x1fffffff`, as QEMU 7.2's `virt` board loads them, so one ELF boots under both. A `CpuUp`
 * argument goes to `a0`; `--trace` disassembles with the package's llvm-objdump-compatible disassembler.
 *
 * SMP: the vCPUs of a VM share one `LoongArchVirtIocsr` (QEMU virt's IOCSR space), so a guest's IPIs
 * and mailbox writes reach the other vCPUs inside `run()`, with no VM exit, as KVM's in-kernel IPI
 * device does; an IPI raises ESTAT.IS[12] on its target and the VMM wakes it at its next round.
 * LoongArch has no `CpuUp` exit: under QEMU 7.2 every CPU starts at the ELF entry at reset and the
 * guest parks its secondaries on the IPI mailbox itself, so every vCPU starts at boot (`startAllVcpus`,
 * for config files and `--kernel --smp N` alike), which runs `-smp N` guests exactly as QEMU does.
 *
 * Interrupts: each VM gets a {@link LoongArchVirtBoard}, QEMU 7.2's interrupt path — the PCH-PIC at
 * 0x10000000 whose outputs feed the EXTIOI in the shared IOCSR space, which drives the vCPUs' HWI
 * lines — and an emulated device's `irq_id` is its PCH-PIC pin (the UART's is 2, as on QEMU's board).
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
    // Linux reads the command line from a1 on the boot CPU only
    ...(ctx.vm.config().cmdline !== undefined && info.vcpuId === 0 ? { cmdlineAddr: CMDLINE.gpa } : {}),
    hal: ctx.hal,
    addrSpace: ctx.vm.addressSpace(),
    iocsr: ctx.board instanceof LoongArchVirtBoard ? ctx.board.iocsr : iocsrOf(ctx.vm),
    ...(ctx.cpuTier === undefined ? {} : { cpuTier: ctx.cpuTier }),
    ...(ctx.jitHotInstructions === undefined ? {} : { jitHotInstructions: ctx.jitHotInstructions }),
  }),
  setupConfig: (info) => ({
    passthroughInterrupt: info.interruptMode === VMInterruptMode.Passthrough,
    // An emulated hart has no host timer to hand over.
    passthroughTimer: false,
  }),
  board: (config) => new LoongArchVirtBoard(config),
  cmdline: CMDLINE,
  // the stable counter runs at QEMU virt's 100 MHz, one tick per instruction
  clockHz: 100_000_000,
  elfMachine: EM_LOONGARCH,
  paddrMask: QEMU_LOONGARCH_PADDR_MASK,
  // a0..a7 ($r4..$r11).
  argRegs: [4, 5, 6, 7, 8, 9, 10, 11],
  startAllVcpus: true,
  disassemble: (word, pc) => disassemble(word, pc),
});
