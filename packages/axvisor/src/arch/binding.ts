import type { HostPhysMemory, NptArch } from "@axvisor/axaddrspace";
import type { AxArchVCpu, AxArchVCpuConstructor } from "@axvisor/axvcpu";
import type {
  AxVM,
  AxVMConfig,
  BaseMmioDeviceOps,
  EmulatedDeviceConfig,
  VCpuCreateInfo,
  VCpuSetupInfo,
} from "@axvisor/axvm";

/**
 * What an architecture binding may use when it builds a vCPU's create or setup config: the VM
 * being initialised and the host physical memory its nested page table lives in.
 *
 * @example
 * ```ts
 * import type { ArchVCpuContext } from "@axvisor/axvisor";
 * const describe = (ctx: ArchVCpuContext): string => `VM ${ctx.vm.id()}`;
 * ```
 */
export interface ArchVCpuContext {
  /** The VM whose vCPU is being created (already has its memory regions mapped). */
  readonly vm: AxVM<unknown, unknown>;
  /** The host physical memory shared by all VMs of the VMM. */
  readonly hal: HostPhysMemory;
  /** The VM's board, when the binding builds one ({@link ArchBinding.board}). */
  readonly board?: ArchBoard;
  /** The execution tier asked for (`VmmOptions.cpuTier`); a binding without tiers ignores it. */
  readonly cpuTier?: CpuTier;
  /**
   * On the `"jit"` tier: instructions a guest code page runs interpreted before it is compiled
   * (`VmmOptions.jitHotInstructions`); a binding without a compiler tier ignores it.
   */
  readonly jitHotInstructions?: number;
}

/**
 * How an emulated vCPU executes guest code: `"interp"` interprets every instruction; `"jit"` compiles
 * hot guest code to WebAssembly and interprets the rest. Both give the same results and instruction
 * counts; `"jit"` is faster on long-running compute code.
 *
 * @example
 * ```ts
 * import type { CpuTier } from "@axvisor/axvisor";
 * const tier: CpuTier = "jit";
 * console.log(tier); // "jit"
 * ```
 */
export type CpuTier = "interp" | "jit";

/**
 * The per-VM board an architecture binding builds ({@link ArchBinding.board}): devices the board
 * always has (its interrupt controllers) and how emulated devices reach them.
 *
 * @example
 * ```ts
 * import type { ArchBoard } from "@axvisor/axvisor";
 * const levels: boolean[] = [];
 * const board: ArchBoard = {
 *   devices: [],
 *   interruptLine: (c) => (c.irqId === 2n ? (level) => levels.push(level) : undefined),
 * };
 * ```
 */
export interface ArchBoard {
  /** MMIO devices the VM gets besides its `emu_devices` (e.g. the interrupt controller). */
  readonly devices?: readonly BaseMmioDeviceOps[];
  /**
   * The interrupt-controller input an `emu_devices` entry's `irq_id` names, or `undefined` when it
   * is not connected (see `AxVMOptions.interruptLine`).
   */
  interruptLine?(config: EmulatedDeviceConfig): ((level: boolean) => void) | undefined;
  /** The device for an `InterruptController` `emu_devices` entry (see `AxVMOptions.interruptController`). */
  interruptController?(config: EmulatedDeviceConfig): BaseMmioDeviceOps | undefined;
}

/**
 * Optional capabilities of an architecture vCPU, beyond `AxArchVCpu`, that the VMM uses when they
 * exist: instruction counting (statistics, `--max-instructions`), time slices (fair scheduling),
 * idle handling (a halted vCPU waking on its own timer) and instruction tracing.
 * A vCPU without them still runs; the VMM then counts in `run()` calls.
 *
 * @example
 * ```ts
 * import type { VCpuIntrospection } from "@axvisor/axvisor";
 * class Counter implements VCpuIntrospection {
 *   #n = 0;
 *   instructionsRetired(): number {
 *     return this.#n;
 *   }
 * }
 * console.log(new Counter().instructionsRetired()); // 0
 * ```
 */
export interface VCpuIntrospection {
  /** Guest instructions executed since the vCPU was created. */
  instructionsRetired?(): number;
  /** The most instructions the next `run()` may execute before it returns `Nothing` (end of time slice). */
  setSliceBudget?(instructions: number): void;
  /**
   * After a `Halt` exit: how many instructions' worth of virtual time until the vCPU's own timer
   * would raise an interrupt, or `undefined` when no timer is armed (only an injected interrupt wakes it).
   */
  idleWakeDelay?(): number | undefined;
  /** Lets `ticks` instructions' worth of virtual time pass while the vCPU is idle (so its timer fires). */
  advanceIdle?(ticks: number): void;
  /** Whether an interrupt is pending and enabled, so a halted vCPU must resume. */
  hasPendingInterrupt?(): boolean;
  /** Installs (or removes with `undefined`) a hook called before each executed instruction. */
  setTracer?(tracer: ((pc: bigint, word: number) => void) | undefined): void;
  /** Releases what the vCPU holds outside itself (subscriptions); called when its VM is deleted. */
  dispose?(): void;
  /** What the guest's own exception machinery did (interrupts taken, TLB refills): never VM exits. */
  guestEvents?(): GuestEvents;
  /** Counters of a compiler tier, `undefined` while the vCPU interprets (shown by {@link Vmm.stats}). */
  jitStats?():
    | {
        /** Guest code regions compiled. */
        readonly compiled: number;
        /** Instructions executed in compiled code. */
        readonly jitInstructions: number;
      }
    | undefined;
}

/**
 * Counts of events a guest handles itself, reported by {@link VCpuIntrospection.guestEvents}.
 *
 * @example
 * ```ts
 * import type { GuestEvents } from "@axvisor/axvisor";
 * const quiet: GuestEvents = { interrupts: 0, exceptions: 0, tlbRefills: 0 };
 * console.log(quiet.interrupts); // 0
 * ```
 */
export interface GuestEvents {
  /** Interrupts the guest took. */
  readonly interrupts: number;
  /** Other exceptions delivered to the guest's handlers. */
  readonly exceptions: number;
  /** TLB refills the guest's refill handler served. */
  readonly tlbRefills: number;
}

/**
 * How the VMM wires one architecture in, the way axvisor selects an arch crate by `cfg`:
 * the vCPU class and the functions that build its configs (passed to `AxVMOptions`), the nested
 * page-table format, and what the loader and the CPU-up path need to know.
 *
 * @typeParam C - The vCPU's create config.
 * @typeParam S - The vCPU's setup config.
 * @example
 * ```ts
 * import type { ArchBinding } from "@axvisor/axvisor";
 * import type { AxArchVCpu } from "@axvisor/axvcpu";
 * declare const MyVCpu: new (vm: number, vcpu: number, c: undefined) => AxArchVCpu<undefined, undefined>;
 * const binding: ArchBinding<undefined, undefined> = {
 *   name: "toy",
 *   nptArch: "riscv64",
 *   vcpu: MyVCpu,
 *   createConfig: () => undefined,
 *   setupConfig: () => undefined,
 *   argRegs: [10, 11],
 * };
 * ```
 */
export interface ArchBinding<C = unknown, S = unknown> {
  /** Architecture name as the CLI spells it (e.g. `loongarch64`). */
  readonly name: string;
  /** The nested page-table format. */
  readonly nptArch: NptArch;
  /** Nested page-table levels (default 4). */
  readonly nptLevels?: 3 | 4;
  /** The `AxArchVCpu` implementation. */
  readonly vcpu: AxArchVCpuConstructor<C, S>;
  /** Builds each vCPU's create config. */
  createConfig(info: VCpuCreateInfo, ctx: ArchVCpuContext): C;
  /** Builds each vCPU's setup config. */
  setupConfig(info: VCpuSetupInfo, ctx: ArchVCpuContext): S;
  /**
   * Builds the board of a VM before its devices and vCPUs are created (interrupt controllers and
   * the wiring of device interrupts to them); the VMM passes it on in {@link ArchVCpuContext.board}.
   */
  board?(config: AxVMConfig): ArchBoard;
  /**
   * Where this architecture's boot protocol takes the kernel command line: the VMM writes a config's
   * `cmdline` there, NUL-terminated, before the vCPUs are created (`createConfig` then points the boot
   * vCPU at it). Absent: a `cmdline` is reported as a warning and not passed.
   */
  readonly cmdline?: KernelCmdlinePlacement;
  /**
   * Virtual-time ticks (instructions) per second of guest time, i.e. the frequency of the guest's
   * counter when one tick passes per instruction (default 100 MHz). Used to pace idle time to the wall
   * clock while a run waits for console input.
   */
  readonly clockHz?: number;
  /** ELF `e_machine` that kernels must have; any when absent. */
  readonly elfMachine?: number;
  /** Mask applied to ELF segment physical addresses (QEMU's `-kernel` behaviour); none when absent. */
  readonly paddrMask?: bigint;
  /** GPR indices of the argument registers: a `CpuUp` argument goes to the first. */
  readonly argRegs: readonly number[];
  /**
   * Whether every vCPU runs from reset, as the board's CPUs do (LoongArch: the guest parks its
   * secondaries on their IPI mailboxes). Otherwise (default) only vCPU 0 starts and the others wait
   * for a `CpuUp` exit, as axvisor does on architectures with a CPU-on call (PSCI, SBI HSM).
   */
  readonly startAllVcpus?: boolean;
  /** Disassembles one instruction word for `--trace`. */
  disassemble?(word: number, pc: bigint): string;
}

/**
 * Where an architecture places the kernel command line ({@link ArchBinding.cmdline}).
 *
 * @example
 * ```ts
 * import type { KernelCmdlinePlacement } from "@axvisor/axvisor";
 * // Linux/LoongArch: COMMAND_LINE_SIZE is 4096 bytes, NUL included
 * const placement: KernelCmdlinePlacement = { gpa: 0x10_0000n, maxBytes: 4096 };
 * ```
 */
export interface KernelCmdlinePlacement {
  /** Guest physical address of the string. */
  readonly gpa: bigint;
  /** The most bytes the kernel reads there, the terminating NUL included. */
  readonly maxBytes: number;
}

/** An arch vCPU with the optional capabilities the VMM looks for. */
export type IntrospectableVCpu = AxArchVCpu<unknown, unknown> & VCpuIntrospection;

/**
 * Erases a binding's config types so that it fits {@link ArchBinding} with `unknown` configs (what
 * `VmmOptions.arch` and the registry hold). Safe because the VMM only passes the values
 * `createConfig`/`setupConfig` return to the same binding's vCPU.
 *
 * @param binding - A binding with concrete config types.
 * @returns The same object.
 * @example
 * ```ts
 * import { defineArch, type ArchBinding } from "@axvisor/axvisor";
 * declare const typed: ArchBinding<{ hartId: number }, undefined>;
 * const erased: ArchBinding = defineArch(typed);
 * ```
 */
export function defineArch<C, S>(binding: ArchBinding<C, S>): ArchBinding {
  return binding as unknown as ArchBinding;
}
