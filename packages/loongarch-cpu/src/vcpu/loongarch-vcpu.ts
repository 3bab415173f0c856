/**
 * `LoongArchVCpu`: the `AxArchVCpu` of `@axvisor/axvcpu` for LoongArch64, an emulated hart in the
 * guest mode of the LVZ extension. Guest code runs on the interpreter; what LVZ hardware would hand to
 * the root (a nested TLB fault, `hvcl`, `idle`, `iocsr*`) ends {@link LoongArchVCpu.run} with the VM
 * exit Linux KVM decodes from it; everything else (guest exceptions, CSRs, the timer) stays inside.
 *
 * @module
 */

import {
  AccessWidth,
  AxError,
  GuestPhysAddr,
  type HostPhysAddr,
  MappingFlags,
  SysRegAddr,
} from "@axvisor/axaddrspace";
import type { AxArchVCpu, AxVCpuExitReason } from "@axvisor/axvcpu";
import { Csr, CsrFile, w1cBits } from "../cpu/csr.js";
import { Ecode, EsubCode, ecodeName } from "../cpu/exception.js";
import { Cpu, type CpuException } from "../cpu/interpreter.js";
import { Access } from "../cpu/memory.js";
import { StopReason, type StopReasonValue } from "../cpu/stop-reason.js";
import { Op } from "../isa/table.js";
import type { CpuTier, JitStats } from "../jit/jit-tier.js";
import { GuestMemory, type HostMemoryView, type NestedAddrSpace } from "./guest-memory.js";
import type { IocsrBus } from "./iocsr.js";
import { PerfMonitor } from "./perf-monitor.js";
import { tlbInstruction } from "./tlb-ops.js";
import {
  fetchWatchHits,
  memoryAccessOf,
  memoryWatchHits,
  recordWatchHits,
  watchpointsArmed,
} from "./watchpoints.js";

/**
 * Create configuration of a {@link LoongArchVCpu}: the Rust `LoongArchVCpuCreateConfig`
 * (`cpu_id`, `dtb_addr`) plus the host services an emulated vCPU needs injected.
 *
 * @example
 * ```ts
 * import { AddrSpace, GuestPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
 * import type { LoongArchVCpuCreateConfig } from "@axvisor/loongarch-cpu";
 * const hal = new HostPhysMemory();
 * const addrSpace = AddrSpace.newEmpty({ levels: 4, base: GuestPhysAddr.from(0), size: 1n << 32n, hal, arch: "loongarch64" });
 * const config: LoongArchVCpuCreateConfig = { cpuId: 0, dtbAddr: 0n, hal, addrSpace };
 * ```
 */
export interface LoongArchVCpuCreateConfig {
  /** The core id (CSR.CPUID, CSR.TID). */
  readonly cpuId: number;
  /**
   * Guest physical address of a device tree, passed in `a1` when non-zero. QEMU 7.2's direct ELF boot
   * passes none (a0 = a1 = a2 = 0), so 0 gives the identical boot state.
   */
  readonly dtbAddr: bigint;
  /**
   * Guest physical address of the NUL-terminated kernel command line, passed in `a1` (instead of
   * `dtbAddr`): Linux's LoongArch `init_environ` copies the string a1 points at, and appends it to the
   * device tree's `bootargs`. Absent: a1 as `dtbAddr` says.
   */
  readonly cmdlineAddr?: bigint;
  /** Host physical memory holding the nested page table and guest RAM (a `HostPhysMemory`). */
  readonly hal: HostMemoryView;
  /**
   * The VM's address space (`AxVM.addressSpace()`): tells lazy RAM from devices on a nested miss and
   * flushes the software TLB on every mapping change. Without it a non-present leaf under existing
   * tables counts as lazy RAM, a missing table as a device, and the TLB is flushed on every `run()`.
   */
  readonly addrSpace?: NestedAddrSpace;
  /** Levels of the nested page table (default: `addrSpace.levels`, else 4 as `AxVM`'s default). */
  readonly nptLevels?: 3 | 4;
  /**
   * The VM's IOCSR space (one {@link LoongArchVirtIocsr} shared by all its vCPUs). When set, `iocsr*`
   * accesses it claims are served inside `run()` (IPIs between vCPUs raise ESTAT.IS[12] directly,
   * as KVM's in-kernel IPI device does); the others still exit with `SysRegRead`/`SysRegWrite`.
   */
  readonly iocsr?: IocsrBus;
  /**
   * Execution tier (default `"interp"`). `"jit"` compiles hot guest code to WebAssembly that runs on
   * `hal.memory` directly (see the package README); results and instruction counts are identical to the
   * interpreter's. `vcpu.cpu.tier` tells which tier runs: a `hal` without a `WebAssembly.Memory` and
   * frame allocator stays on the interpreter.
   */
  readonly cpuTier?: CpuTier;
  /**
   * On the `"jit"` tier: instructions a guest code page runs on the interpreter before it is compiled
   * (default 200 000; see `CpuOptions.jitHotInstructions`). A low value (a few hundred) compiles nearly
   * all code, which tests use to exercise the compiled code on short guests.
   */
  readonly jitHotInstructions?: number;
}

/**
 * Counts of what a guest's exception machinery did, from {@link LoongArchVCpu.guestEvents}.
 *
 * @example
 * ```ts
 * import type { GuestEventCounts } from "@axvisor/loongarch-cpu";
 * const none: GuestEventCounts = { interrupts: 0, exceptions: 0, tlbRefills: 0 };
 * console.log(none.tlbRefills); // 0
 * ```
 */
export interface GuestEventCounts {
  /** Interrupts taken (exception entry with Ecode INT). */
  readonly interrupts: number;
  /** Other exceptions delivered to the guest's handlers (syscalls, page faults, …). */
  readonly exceptions: number;
  /** TLB refills entered through TLBRENTRY. */
  readonly tlbRefills: number;
}

/**
 * Setup configuration of a {@link LoongArchVCpu} (Rust `LoongArchVCpuSetupConfig`). Recorded for the
 * interrupt and timer model; an emulated hart has no physical interrupts or timer to pass through.
 *
 * @example
 * ```ts
 * import type { LoongArchVCpuSetupConfig } from "@axvisor/loongarch-cpu";
 * const setup: LoongArchVCpuSetupConfig = { passthroughInterrupt: false, passthroughTimer: false };
 * ```
 */
export interface LoongArchVCpuSetupConfig {
  /** Pass the host's interrupts through to the guest. */
  readonly passthroughInterrupt: boolean;
  /** Give the guest the host's timer. */
  readonly passthroughTimer: boolean;
}

/** Instructions a `run()` executes at most before it returns `Nothing` (unless set otherwise). */
const DEFAULT_SLICE = 1_000_000;
/** ESTAT.IS bit of the timer interrupt. */
const TI_BIT = 11n;
/** ESTAT.IS bit of the performance-monitor interrupt. */
const PMI_BIT = 10n;
/** Offset of the debug exception entry from EENTRY (QEMU's choice: the manual names no debug entry). */
const DEBUG_ENTRY_OFFSET = 0x480n;
/** DBG cause bits: debug call, fetch watchpoint, load/store watchpoint (DEI is never raised here). */
const DBG_DCL = 0x200n;
const DBG_DFW = 0x400n;
const DBG_DMW = 0x800n;
/** The cause bits DEI/DCL/DFW/DMW and Ecode[21:16] of DBG. */
const DBG_CAUSE = 0x3f_0f00n;
/** The low 32 bits: addresses and the PC in 32-bit address mode. */
const VA32_MASK = 0xffff_ffffn;
/** Whether a CSR number is one of the implemented PMCFGn/PMCNTn. */
const isPerfCsr = (num: number): boolean => num >= Csr.PMCFG0 && num <= Csr.PMCNT3;
/** Whether a CSR number is a watchpoint configuration 3 (the one with the PLV enables). */
const isWatchCfg3 = (num: number): boolean =>
  ((num >= Csr.MWP0CFG1 && num < Csr.MWP0CFG1 + 64) || (num >= Csr.FWP0CFG1 && num < Csr.FWP0CFG1 + 64)) &&
  (num & 7) === 2;
/** LVZ's "guest sensitive privileged resource" ecode, used internally to stop the CPU for an exit. */
const GSPR = 0x16;
const ARG_REGS = [5, 6, 7, 8, 9, 10] as const;

const hex = (v: bigint | number): string => `0x${BigInt.asUintN(64, BigInt(v)).toString(16)}`;

/** Exceptions that report their address in BADV. */
const ADDRESS_ECODES = new Set<number>([
  Ecode.PIL,
  Ecode.PIS,
  Ecode.PIF,
  Ecode.PME,
  Ecode.PNR,
  Ecode.PNX,
  Ecode.PPI,
  Ecode.ADE,
  Ecode.ALE,
]);

/**
 * A LoongArch64 vCPU on the interpreter, implementing `AxArchVCpu` (Rust `loongarch_vcpu::LoongArchVCpu`).
 *
 * - **Boot state** (after {@link LoongArchVCpu.setup}): QEMU 7.2's direct ELF boot: PC = entry,
 *   CRMD = 0xa8 (direct address mode, PLV0), all GPRs 0 (a1 = `cmdlineAddr`, else `dtbAddr`, when non-zero), the `la464`
 *   CPUCFG words and CSR reset values.
 * - **Memory**: guest VA → GPA by the guest mode (DA: the low 48 bits, as QEMU; DMW windows in mapped
 *   mode), GPA → HPA by walking the nested page table in host memory, cached in the software TLB.
 * - **Exits** (as Linux KVM decodes them): a GPA in an area but not mapped (a lazy page, or an access
 *   the mapping forbids) → `NestedPageFault`; a GPA outside every area → `MmioRead` (`ld.*`, `ldx.*`,
 *   `ldptr.*`; `reg`, `width`, `signedExt`, `regWidth` = Qword) or `MmioWrite`; `hvcl` → `Hypercall`
 *   (KVM's ABI: `nr` = a0, `args` = a1–a6, result in a0); `idle` → `Halt` (unless an enabled line
 *   is pending); `iocsrrd.*` → `SysRegRead`, `iocsrwr.*` → `SysRegWrite` (the IOCSR address) unless
 *   the create config's `iocsr` space serves it (IPIs, mailboxes); the end of the time slice → `Nothing`.
 * - **Time and interrupts**: a stable counter of one tick per instruction (`rdtime*` add CNTC), the
 *   timer (TCFG/TVAL/TICLR, periodic or one-shot, ESTAT.IS[11]), software interrupts, vectored entry
 *   (ECFG.VS), `idle` woken by an enabled line; `advanceIdle` lets time pass while descheduled.
 *   A load's destination register (written with `setGpr`, as `AxVM.runVcpu` does) is taken when the
 *   next `run()` starts; the PC moves past the access exactly once.
 * - **Guest exceptions** go to the guest's EENTRY (TLBRENTRY for a TLB refill) as the manual
 *   describes. A guest whose exception vector faults at once (EENTRY = 0 in a bare-metal guest) makes
 *   `run()` throw `AxError("BadState", "guest faulted: ECODE=…, ERA=…, BADV=…")`.
 *
 * @example
 * ```ts
 * import { AddrSpace, GuestPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
 * import { assemble, LoongArchVCpu } from "@axvisor/loongarch-cpu";
 * const hal = new HostPhysMemory();
 * const as = AddrSpace.newEmpty({ levels: 4, base: GuestPhysAddr.from(0), size: 1n << 32n, hal, arch: "loongarch64" });
 * as.mapAlloc(GuestPhysAddr.from(0x200000), 0x1000, MappingFlags.READ | MappingFlags.WRITE | MappingFlags.EXECUTE, true);
 * const code = new Uint8Array(assemble("li.d $a0, 0x1fe001e0\nli.d $t0, 0x41\nst.b $t0, $a0, 0\nidle 0").buffer);
 * as.translatedByteBuffer(GuestPhysAddr.from(0x200000), code.length)![0]!.set(code);
 * const vcpu = new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal, addrSpace: as });
 * vcpu.setEntry(GuestPhysAddr.from(0x200000));
 * vcpu.setEptRoot(as.pageTableRoot());
 * vcpu.setup({ passthroughInterrupt: false, passthroughTimer: false });
 * const exit = vcpu.run(); // MmioWrite { addr: GPA:0x1fe001e0, width: Byte, data: 0x41 }
 * console.log(exit.kind, exit.kind === "MmioWrite" && exit.data); // "MmioWrite" 65n
 * console.log(vcpu.run().kind); // "Halt"
 * ```
 */
export class LoongArchVCpu implements AxArchVCpu<LoongArchVCpuCreateConfig, LoongArchVCpuSetupConfig> {
  /** The owning VM's id. */
  readonly vmId: number;
  /** This vCPU's id in its VM. */
  readonly vcpuId: number;
  /** The CSR file of the guest hart. */
  readonly csrs: CsrFile;
  /** The interpreter running the guest (registers, PC, software TLB). */
  readonly cpu: Cpu;
  /** The two-stage translation the interpreter runs on. */
  readonly memory: GuestMemory;

  readonly #config: LoongArchVCpuCreateConfig;
  #setup: LoongArchVCpuSetupConfig | undefined;
  #entry = 0n;
  #slice = DEFAULT_SLICE;
  #idleTicks = 0;
  #tlbDirty = true;
  readonly #events: { interrupts: number; exceptions: number; tlbRefills: number } = {
    interrupts: 0,
    exceptions: 0,
    tlbRefills: 0,
  };
  /** GPA page of the not-present nested fault the last run() returned (its fault-in needs no flush). */
  #faultInPage: bigint | undefined;
  #lastRam: Uint8Array | undefined;
  #unsubscribe: (() => void) | undefined;
  #exit: AxVCpuExitReason | undefined;
  /** Set when a CSR write made an interrupt takeable: the run loop takes it before the next instruction. */
  #recheckInterrupts = false;
  #pendingIocsrRead: { reg: number; size: number } | undefined;
  #modeKey = "";
  #timerDeadline = -1;
  #timerPeriod = 0;
  /** What TVAL reads while the timer is stopped (TCFG.En = 0 holds the count, the manual says). */
  #tvalHeld = 0;
  #lastVector: { pc: bigint; count: number; exc: CpuException } | undefined;
  #externalLines = new Set<number>();
  #tracer: ((pc: bigint, word: number) => void) | undefined;
  readonly #pmu = new PerfMonitor();
  /** Some PMCFGn is non-zero: the monitors need syncing and the PMI level recomputing. */
  #pmuUsed = false;
  /** ESTAT.IS[10] raised by `injectInterrupt(10)` (ORed with the monitors' level). */
  #pmiInjected = false;
  /** CRMD.WE and an enabled watchpoint: run one instruction at a time and check every access. */
  #watchArmed = false;
  /** MISC.ALCL/VA32L at the current PLV changed under a running chunk: the run loop must re-choose its path. */
  #restrictChanged = false;
  /** LVZ GINTC.VIP[7:0] and PIP[15:8] (root view; HC is a write-only command). */
  #gintc = 0n;
  /** The physical HWI0-7 levels of the host, seen by the guest where GINTC.PIP passes them. */
  #hostHwi = 0n;

  /**
   * Creates the vCPU (Rust `LoongArchVCpu::new`). It runs only after `setEptRoot` and `setup`.
   *
   * @param vmId - The owning VM.
   * @param vcpuId - The vCPU index in the VM.
   * @param config - Core id, device-tree address and host services.
   * @throws {AxError} `InvalidInput` for a bad core id or page-table level count.
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * const vcpu = new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() });
   * console.log(vcpu.vcpuId); // 0
   * ```
   */
  constructor(vmId: number, vcpuId: number, config: LoongArchVCpuCreateConfig) {
    if (!Number.isInteger(config.cpuId) || config.cpuId < 0 || config.cpuId > 0x1ff) {
      throw new AxError("InvalidInput", `LoongArchVCpu: cpuId ${config.cpuId} must be an integer in 0..511`);
    }
    const levels = config.nptLevels ?? config.addrSpace?.levels ?? 4;
    if (levels !== 3 && levels !== 4) {
      throw new AxError(
        "InvalidInput",
        `LoongArchVCpu: nested page tables have 3 or 4 levels, not ${levels}`,
      );
    }
    this.vmId = vmId;
    this.vcpuId = vcpuId;
    this.#config = config;
    this.csrs = new CsrFile(config.cpuId);
    this.memory = new GuestMemory(config.hal, levels, config.addrSpace);
    this.cpu = new Cpu(this.memory, {
      cpuTier: config.cpuTier ?? "interp",
      ...(config.jitHotInstructions === undefined ? {} : { jitHotInstructions: config.jitHotInstructions }),
    });
    this.cpu.privileged = (w, op) => this.#privileged(w, op);
    config.iocsr?.attach(config.cpuId, (line, level) =>
      level ? this.injectInterrupt(line) : this.clearInterrupt(line),
    );
    this.#unsubscribe = config.addrSpace?.onChange((range) => {
      // The page of a not-present fault has no cached translation, so filling it needs no flush.
      if (range.start.value === this.#faultInPage && range.end.value - range.start.value === 0x1000n) return;
      this.#tlbDirty = true;
    });
    this.#resetState();
  }

  /**
   * Sets the guest entry point (Rust `set_entry`): the PC the guest starts at, unmasked as QEMU does
   * (direct address mode ignores the high bits).
   *
   * @param entry - The entry address.
   *
   * @example
   * ```ts
   * import { GuestPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
   * import { LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * const vcpu = new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() });
   * vcpu.setEntry(GuestPhysAddr.from(0x200000));
   * console.log(vcpu.cpu.pc.toString(16)); // "200000"
   * ```
   */
  setEntry(entry: GuestPhysAddr): void {
    this.#entry = entry.value;
    this.cpu.pc = entry.value;
  }

  /**
   * Sets the root of the nested page table (Rust `set_ept_root`, GPGD under LVZ).
   *
   * @param eptRoot - Host physical address of the root table.
   * @throws {AxError} `InvalidInput` when the root is not 4 KiB aligned or outside 32-bit host memory.
   *
   * @example
   * ```ts
   * import { HostPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
   * import { LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * const vcpu = new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() });
   * vcpu.setEptRoot(HostPhysAddr.from(0x1000));
   * ```
   */
  setEptRoot(eptRoot: HostPhysAddr): void {
    const v = eptRoot.value;
    if ((v & 0xfffn) !== 0n || v >= 1n << 32n) {
      throw new AxError(
        "InvalidInput",
        `LoongArchVCpu: nested page-table root ${hex(v)} is not a 4K host frame`,
      );
    }
    this.memory.root = Number(v);
    this.#tlbDirty = true;
  }

  /**
   * Finishes initialisation (Rust `setup`): puts the hart in QEMU 7.2's direct-boot reset state at the
   * entry point.
   *
   * @param config - Interrupt and timer pass-through (recorded).
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { Csr, LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * const vcpu = new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() });
   * vcpu.setup({ passthroughInterrupt: false, passthroughTimer: false });
   * console.log(vcpu.csrs.read(Csr.CRMD).toString(16)); // "a8"
   * ```
   */
  setup(config: LoongArchVCpuSetupConfig): void {
    this.#setup = config;
    this.#resetState();
  }

  /**
   * The setup configuration, once {@link LoongArchVCpu.setup} ran.
   *
   * @returns The configuration or `undefined`.
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * console.log(new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() }).setupConfig()); // undefined
   * ```
   */
  setupConfig(): LoongArchVCpuSetupConfig | undefined {
    return this.#setup;
  }

  /**
   * Runs the guest until a VM exit or the end of the time slice (Rust `run`).
   *
   * @returns The exit (see the class description).
   * @throws {AxError} `BadState` before `setEptRoot`, or when the guest faults inside its own exception
   *   vector (the message names ECODE, ERA, BADV).
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * const vcpu = new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() });
   * // no nested page table yet
   * try { vcpu.run(); } catch (e) { console.log((e as Error).message); } // "LoongArchVCpu 0: run() before setEptRoot()"
   * ```
   */
  run(): AxVCpuExitReason {
    const cpu = this.cpu;
    const mem = this.memory;
    if (mem.root < 0) {
      throw new AxError("BadState", `LoongArchVCpu ${this.vcpuId}: run() before setEptRoot()`);
    }
    this.#completePending();
    // the host may have written guest RAM since the last run (devices, loaders, other vCPUs)
    cpu.noteHostWrites();
    const ram = this.#config.hal.u8();
    this.#faultInPage = undefined;
    if (this.#tlbDirty || this.#unsubscribe === undefined || ram !== this.#lastRam) {
      this.#lastRam = ram;
      this.#tlbDirty = false;
      cpu.flushTlb();
    }
    let left = this.#slice;
    for (;;) {
      this.#updateTimer();
      if (this.#pmuUsed) this.#updatePmi();
      this.#takeInterrupt();
      if (left <= 0) return { kind: "Nothing" };
      let chunk = left;
      if (this.#timerDeadline >= 0)
        chunk = Math.max(1, Math.min(chunk, this.#timerDeadline - cpu.instructionCount));
      if (this.#pmuUsed) {
        // stop where a monitor's top bit sets, so the PMI is taken on time
        const overflow = PerfMonitor.ticksToOverflow(this.csrs, Number(this.csrs.read(Csr.CRMD) & 3n));
        if (overflow !== undefined) chunk = Math.max(1, Math.min(chunk, overflow));
      }
      mem.nestedFault = false;
      mem.tlbRefill = false;
      mem.guestFault = 0;
      const start = cpu.instructionCount;
      this.#restrictChanged = false;
      // ALCL or VA32L at this PLV: the interpreter only (the compiler tier knows neither)
      const stop = this.#watchArmed
        ? this.#runWatched(chunk)
        : mem.va32
          ? this.#runVa32(chunk)
          : this.#tracer !== undefined
            ? this.#runTraced(chunk)
            : cpu.alignCheck
              ? cpu.interpret(chunk)
              : cpu.run(chunk);
      left -= cpu.instructionCount - start;
      if (stop === StopReason.BUDGET) continue;
      if (stop === StopReason.MMIO) return this.#mmioExit();
      const exit = this.#exit;
      if (exit !== undefined) {
        this.#exit = undefined;
        return exit;
      }
      if (this.#recheckInterrupts) {
        this.#recheckInterrupts = false;
        continue;
      }
      const e = cpu.exception;
      if (e === undefined) continue;
      if (mem.nestedFault) {
        const gpa = (BigInt(mem.faultGpaHi >>> 0) << 32n) | BigInt(mem.faultGpaLo >>> 0) | (e.badv & 0xfffn);
        const accessFlags =
          mem.faultAccess === Access.WRITE
            ? MappingFlags.WRITE
            : mem.faultAccess === Access.FETCH
              ? MappingFlags.EXECUTE
              : MappingFlags.READ;
        this.#faultInPage = mem.faultNotPresent ? gpa & ~0xfffn : undefined;
        return { kind: "NestedPageFault", addr: GuestPhysAddr.from(gpa), accessFlags };
      }
      this.#deliver(e, mem.tlbRefill);
    }
  }

  /**
   * Attaches the vCPU to the current physical CPU (nothing to do on an emulated host).
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() }).bind();
   * ```
   */
  bind(): void {}

  /**
   * Detaches the vCPU from the current physical CPU (nothing to do on an emulated host).
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() }).unbind();
   * ```
   */
  unbind(): void {}

  /**
   * Sets a general register (writes to `$zero` are ignored); numbers 32–63 name the FP registers
   * f0–f31 (the `reg` of the `MmioRead` exit of an FP load), written as raw 64 bits.
   *
   * @param reg - Register number 0–31, or 32 + n for fn.
   * @param val - The value (taken modulo 2^64).
   * @throws {AxError} `InvalidInput` for a register number outside 0–63.
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * const vcpu = new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() });
   * vcpu.setGpr(4, 42n);
   * console.log(vcpu.gpr(4)); // 42n
   * ```
   */
  setGpr(reg: number, val: bigint): void {
    if (!Number.isInteger(reg) || reg < 0 || reg > 63) {
      throw new AxError("InvalidInput", `LoongArchVCpu: no general register ${reg}`);
    }
    if (reg < 32) this.cpu.setReg(reg, val);
    else {
      // 32-63 name f0-f31 (the target of an FP load's MmioRead)
      this.cpu.fpu.setF(reg - 32, val);
    }
  }

  /**
   * Reads a general register; numbers 32–63 name the FP registers f0–f31 (raw 64 bits).
   *
   * @param reg - Register number 0–31, or 32 + n for fn.
   * @returns Its value as an unsigned 64-bit number.
   * @throws {AxError} `InvalidInput` for a register number outside 0–63.
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * console.log(new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() }).gpr(0)); // 0n
   * ```
   */
  gpr(reg: number): bigint {
    if (!Number.isInteger(reg) || reg < 0 || reg > 63) {
      throw new AxError("InvalidInput", `LoongArchVCpu: no general register ${reg}`);
    }
    return reg < 32 ? this.cpu.getReg(reg) : this.cpu.fpu.getF(reg - 32);
  }

  /**
   * Raises an interrupt line (KVM's LoongArch numbering = the ESTAT.IS bit: 0–1 SWI0–1, 2–9 HWI0–7,
   * 10 PMI, 11 timer, 12 IPI). The guest takes it when CRMD.IE and ECFG.LIE allow. HWI0–7 take LVZ's
   * GINTC.VIP path: level lines the guest cannot clear through ESTAT. Higher numbers are
   * external lines for an interrupt controller; they are recorded ({@link LoongArchVCpu.pendingLines})
   * until one is modelled.
   *
   * @param vector - The interrupt number (a non-negative integer).
   * @throws {AxError} `InvalidInput` for a negative or non-integer number.
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * const vcpu = new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() });
   * vcpu.injectInterrupt(2); // HWI0
   * // ECFG.LIE masks it
   * console.log(vcpu.hasPendingInterrupt()); // false
   * ```
   */
  injectInterrupt(vector: number): void {
    if (!Number.isInteger(vector) || vector < 0) {
      throw new AxError("InvalidInput", `LoongArchVCpu: bad interrupt number ${vector}`);
    }
    if (vector >= 2 && vector <= 9) {
      // HWI0-7: the hypervisor's path is GINTC.VIP (KVM's set_csr_gintc)
      this.#gintc |= 1n << BigInt(vector - 2);
      this.#syncGuestHwi();
    } else if (vector <= 12) {
      if (vector === Number(PMI_BIT)) this.#pmiInjected = true;
      const estat = this.csrs.read(Csr.ESTAT);
      this.csrs.set(Csr.ESTAT, estat | (1n << BigInt(vector)));
    } else this.#externalLines.add(vector);
  }

  /**
   * Lowers an interrupt line raised by {@link LoongArchVCpu.injectInterrupt} (KVM's negative-irq
   * `KVM_INTERRUPT`).
   *
   * @param vector - The interrupt number.
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * const vcpu = new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() });
   * vcpu.injectInterrupt(20);
   * vcpu.clearInterrupt(20);
   * console.log(vcpu.pendingLines()); // []
   * ```
   */
  clearInterrupt(vector: number): void {
    if (Number.isInteger(vector) && vector >= 2 && vector <= 9) {
      this.#gintc &= ~(1n << BigInt(vector - 2));
      this.#syncGuestHwi();
    } else if (Number.isInteger(vector) && vector >= 0 && vector <= 12) {
      if (vector === Number(PMI_BIT)) this.#pmiInjected = false;
      this.csrs.set(Csr.ESTAT, this.csrs.read(Csr.ESTAT) & ~(1n << BigInt(vector)));
      // the monitors may still hold the PMI line high
      if (vector === Number(PMI_BIT) && this.#pmuUsed) this.#updatePmi();
    } else this.#externalLines.delete(vector);
  }

  /**
   * The LVZ GINTC register as the hypervisor reads it (`csrrd` of CSR 0x52 in root mode): VIP[7:0],
   * the virtual HWI0–7 injected into the guest (what {@link LoongArchVCpu.injectInterrupt} of lines 2–9
   * sets), and PIP[15:8], the physical HWIs passed through; HC[23:16] reads 0 (a write-only command).
   *
   * @returns The GINTC value.
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * const vcpu = new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() });
   * vcpu.injectInterrupt(3); // HWI1
   * console.log(vcpu.gintc().toString(16)); // "2"
   * ```
   */
  gintc(): bigint {
    return this.#gintc;
  }

  /**
   * Writes the LVZ GINTC register from the hypervisor (`csrwr` of CSR 0x52 in root mode). The guest's
   * ESTAT.IS[9:2] is VIP | (PIP & the host's HWI levels): VIP[7:0] injects virtual HWI0–7, PIP[15:8]
   * passes the host's lines ({@link LoongArchVCpu.setHostInterrupt}) through, and a 1 in HC[23:16]
   * clears that HWI for the guest (its VIP bit and the latched host level) and reads back as 0.
   *
   * @param value - The new GINTC value (bits above 23 are ignored).
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { Csr, LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * const vcpu = new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() });
   * vcpu.setGintc(0x05n); // VIP: HWI0 and HWI2
   * console.log((vcpu.csrs.read(Csr.ESTAT) & 0x3fcn).toString(16)); // "14"
   * vcpu.setGintc(0x01_0005n); // HC clears HWI0
   * console.log(vcpu.gintc().toString(16)); // "4"
   * ```
   */
  setGintc(value: bigint): void {
    const v = BigInt.asUintN(64, value);
    const hc = (v >> 16n) & 0xffn;
    this.#gintc = v & 0xffffn & ~hc;
    this.#hostHwi &= ~hc;
    this.#syncGuestHwi();
  }

  /**
   * Drives one of the host's hardware interrupt lines HWI0–7 as the physical CPU sees it; the guest sees
   * the line (in ESTAT.IS[2 + hwi]) only while GINTC.PIP passes it through.
   *
   * @param hwi - The line, 0–7.
   * @param level - `true` raises, `false` lowers it.
   * @throws {AxError} `InvalidInput` for a line outside 0–7.
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { Csr, LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * const vcpu = new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() });
   * vcpu.setHostInterrupt(1, true);
   * console.log(vcpu.csrs.read(Csr.ESTAT) & 0x8n); // 0n: not passed through
   * vcpu.setGintc(0x200n); // PIP[1]
   * console.log(vcpu.csrs.read(Csr.ESTAT) & 0x8n); // 8n
   * ```
   */
  setHostInterrupt(hwi: number, level: boolean): void {
    if (!Number.isInteger(hwi) || hwi < 0 || hwi > 7) {
      throw new AxError("InvalidInput", `LoongArchVCpu: no host interrupt line HWI${hwi}`);
    }
    const bit = 1n << BigInt(hwi);
    this.#hostHwi = level ? this.#hostHwi | bit : this.#hostHwi & ~bit;
    this.#syncGuestHwi();
  }

  /**
   * Delivers a machine-error exception to the guest now (a host-detected error reported to the guest, as
   * the manual's entry does it): MERRCTL saves CRMD's PLV, IE, WE, DA, PG, DATF, DATM (PPLV, PIE, PWE, PDA,
   * PPG, PDATF, PDATM) and gets IsMERR = 1 and the cause; MERRERA = PC; MERRINFO1/2 = the information;
   * CRMD becomes PLV0, IE 0, WE 0, DA 1, PG 0, DATF = DATM = 0; the guest continues at MERRENTRY. Its
   * handler returns with `ertn`, which restores all of it from MERRCTL and MERRERA. ESTAT, ERA and PRMD
   * are left alone. QEMU 7.2 has no machine errors. In debug mode (DBG.DST = 1) the error is recorded as
   * DBG.Ecode 0xe instead (the manual's code there) and the debug handler runs again, MERR* untouched.
   *
   * @param options - `cause` (MERRCTL.Cause, default 1: cache checksum error, the one the manual
   *   defines), `repairable` (MERRCTL.Repairable), `info1`/`info2` (MERRINFO1/2, default 0).
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { Csr, LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * const vcpu = new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() });
   * vcpu.injectMachineError();
   * console.log(vcpu.csrs.read(Csr.MERRCTL).toString(16), vcpu.csrs.read(Csr.CRMD).toString(16)); // "10a81" "8"
   * ```
   */
  injectMachineError(
    options: { cause?: number; repairable?: boolean; info1?: bigint; info2?: bigint } = {},
  ): void {
    // finish a half-done device access first: MERRERA is the next instruction
    this.#completePending();
    const c = this.csrs;
    if ((c.read(Csr.DBG) & 1n) !== 0n) {
      this.#events.exceptions++;
      this.#debugModeException(0n, 0xe);
      return;
    }
    const crmd = c.read(Csr.CRMD);
    const saved =
      ((crmd & 3n) << 2n) | // PPLV
      (((crmd >> 2n) & 1n) << 4n) | // PIE
      (((crmd >> 9n) & 1n) << 6n) | // PWE
      (((crmd >> 3n) & 1n) << 7n) | // PDA
      (((crmd >> 4n) & 1n) << 8n) | // PPG
      (((crmd >> 5n) & 3n) << 9n) | // PDATF
      (((crmd >> 7n) & 3n) << 11n); // PDATM
    const cause = BigInt((options.cause ?? 1) & 0xff);
    c.set(Csr.MERRCTL, 1n | (options.repairable === true ? 2n : 0n) | saved | (cause << 16n));
    c.set(Csr.MERRERA, this.cpu.pc);
    c.set(Csr.MERRINFO1, options.info1 ?? 0n);
    c.set(Csr.MERRINFO2, options.info2 ?? 0n);
    c.set(Csr.CRMD, (crmd & ~0x3ffn) | 0x8n);
    this.cpu.pc = c.read(Csr.MERRENTRY);
    this.#events.exceptions++;
    this.#syncMode();
  }

  /**
   * External interrupt lines (numbers above 12) raised and not yet lowered, ascending.
   *
   * @returns The line numbers.
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * console.log(new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() }).pendingLines()); // []
   * ```
   */
  pendingLines(): number[] {
    return [...this.#externalLines].sort((a, b) => a - b);
  }

  /**
   * Sets the hypercall return value (a0).
   *
   * @param val - The value.
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * const vcpu = new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() });
   * vcpu.setReturnValue(-1n);
   * console.log(vcpu.gpr(4).toString(16)); // "ffffffffffffffff"
   * ```
   */
  setReturnValue(val: bigint): void {
    this.cpu.setReg(4, val);
  }

  /**
   * What the guest's own exception machinery has done since creation: interrupts taken, other exceptions
   * delivered to its handlers, and TLB refills entered (none of these is a VM exit).
   *
   * @returns A snapshot of the counts.
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * const vcpu = new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() });
   * console.log(vcpu.guestEvents().interrupts); // 0
   * ```
   */
  guestEvents(): GuestEventCounts {
    return { ...this.#events };
  }

  /**
   * Counters of the compiler tier (regions compiled, instructions run in compiled code), or `undefined`
   * when the vCPU runs on the interpreter tier. The VMM shows them in its statistics.
   *
   * @returns A snapshot of the counters, or undefined.
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * console.log(new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() }).jitStats()); // undefined
   * ```
   */
  jitStats(): JitStats | undefined {
    return this.cpu.jitStats();
  }

  /**
   * Guest instructions executed since creation (time spent idle not included).
   *
   * @returns The count.
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * console.log(new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() }).instructionsRetired()); // 0
   * ```
   */
  instructionsRetired(): number {
    return this.cpu.instructionCount - this.#idleTicks;
  }

  /**
   * Sets how many instructions the next `run()` calls may execute before returning `Nothing`.
   *
   * @param instructions - The slice length (>= 1).
   * @throws {AxError} `InvalidInput` for a slice below 1 or not an integer.
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() }).setSliceBudget(10_000);
   * ```
   */
  setSliceBudget(instructions: number): void {
    if (!Number.isSafeInteger(instructions) || instructions < 1) {
      throw new AxError(
        "InvalidInput",
        `LoongArchVCpu: time slice ${instructions} must be a positive integer`,
      );
    }
    this.#slice = instructions;
  }

  /**
   * After a `Halt`: how many stable-counter ticks (one per instruction) until the guest timer fires.
   *
   * @returns The delay, or `undefined` when the timer is off.
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * console.log(new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() }).idleWakeDelay()); // undefined
   * ```
   */
  idleWakeDelay(): number | undefined {
    if (this.#timerDeadline < 0) return undefined;
    return Math.max(0, this.#timerDeadline - this.cpu.instructionCount);
  }

  /**
   * Lets virtual time pass while the vCPU is idle: the stable counter (and the timer) advance.
   *
   * @param ticks - Stable-counter ticks (a non-negative integer).
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * const vcpu = new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() });
   * vcpu.advanceIdle(100);
   * console.log(vcpu.instructionsRetired()); // 0
   * ```
   */
  advanceIdle(ticks: number): void {
    if (!Number.isSafeInteger(ticks) || ticks <= 0) return;
    this.cpu.instructionCount += ticks;
    this.#idleTicks += ticks;
    this.#updateTimer();
    // idle cycles count as cycles (not as instructions) and may overflow a monitor
    if (this.#pmuUsed) this.#updatePmi();
  }

  /**
   * Whether an interrupt is pending and enabled in ECFG.LIE (what wakes `idle`, even with CRMD.IE = 0).
   *
   * @returns `true` when the halted vCPU should run again.
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * console.log(new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() }).hasPendingInterrupt()); // false
   * ```
   */
  hasPendingInterrupt(): boolean {
    this.#updateTimer();
    if (this.#pmuUsed) this.#updatePmi();
    return (this.csrs.read(Csr.ESTAT) & this.csrs.read(Csr.ECFG) & 0x1fffn) !== 0n;
  }

  /**
   * Installs (or removes) a hook called before every executed instruction with its PC and word (0
   * when the word cannot be read). Tracing runs one instruction at a time: slow, for `--trace`.
   *
   * @param tracer - The hook, or `undefined` to stop tracing.
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * const vcpu = new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() });
   * const seen: bigint[] = [];
   * vcpu.setTracer((pc) => seen.push(pc));
   * ```
   */
  setTracer(tracer: ((pc: bigint, word: number) => void) | undefined): void {
    this.#tracer = tracer;
  }

  /**
   * Stops listening to the address space (call when the VM is destroyed).
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() }).dispose();
   * ```
   */
  dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.cpu.invalidateCode();
    this.memory.releaseWasm();
  }

  // ---- internals ----

  #resetState(): void {
    const cpu = this.cpu;
    // drop a half-done device access (its register and PC are overwritten below)
    if (cpu.mmio !== undefined) cpu.completeMmio(0n);
    for (let i = 1; i < 32; i++) cpu.setReg(i, 0n);
    const a1 = this.#config.cmdlineAddr ?? this.#config.dtbAddr;
    if (a1 !== 0n) cpu.setReg(5, a1);
    cpu.pc = this.#entry;
    this.csrs.reset(this.#config.cpuId);
    this.#syncCounter();
    // EUEN resets to 0: FP instructions raise FPD until the guest sets EUEN.FPE
    cpu.fpu.reset();
    cpu.fpEnabled = false;
    this.memory.tlb.reset();
    this.#timerDeadline = -1;
    this.#timerPeriod = 0;
    this.#tvalHeld = 0;
    this.#exit = undefined;
    this.#recheckInterrupts = false;
    this.#pendingIocsrRead = undefined;
    this.#lastVector = undefined;
    this.#pmuUsed = false;
    this.#pmiInjected = false;
    this.#gintc = 0n;
    this.#hostHwi = 0n;
    this.memory.tlb.writeProtectOff = 0;
    this.#pmu.restart(cpu.instructionCount, cpu.instructionCount - this.#idleTicks, 0);
    this.#syncMode(true);
  }

  /** Brings the performance counters up to date and drives ESTAT.IS[10] from them (and injectInterrupt). */
  #updatePmi(): void {
    const c = this.csrs;
    const count = this.cpu.instructionCount;
    this.#pmu.sync(c, count, count - this.#idleTicks, Number(c.read(Csr.CRMD) & 3n));
    const level = this.#pmiInjected || PerfMonitor.interruptPending(c);
    const estat = c.read(Csr.ESTAT);
    c.set(Csr.ESTAT, level ? estat | (1n << PMI_BIT) : estat & ~(1n << PMI_BIT));
  }

  /** The guest's ESTAT.IS[9:2] under LVZ: GINTC.VIP | (GINTC.PIP & the host's HWI levels). */
  #syncGuestHwi(): void {
    const hwi = (this.#gintc & 0xffn) | ((this.#gintc >> 8n) & this.#hostHwi);
    const c = this.csrs;
    c.set(Csr.ESTAT, (c.read(Csr.ESTAT) & ~0x3fcn) | (hwi << 2n));
  }

  /**
   * Runs while a watchpoint is armed: one instruction at a time, checking the fetch watchpoints at the PC
   * and the load/store watchpoints against the access the instruction is about to make; a hit (unless
   * MWPS/FWPS.Skip swallows it) raises WPE with EsubCode WPEF or WPEM before the instruction executes.
   */
  #runWatched(budget: number): StopReasonValue {
    const cpu = this.cpu;
    const c = this.csrs;
    const reg = (n: number) => cpu.getReg(n);
    for (let i = 0; i < budget && this.#watchArmed; i++) {
      if (this.memory.va32) cpu.pc &= VA32_MASK;
      const pc = cpu.pc;
      const debugMode = (c.read(Csr.DBG) & 1n) !== 0n;
      const fetchHits = fetchWatchHits(c, pc, debugMode);
      if (fetchHits !== 0 && recordWatchHits(c, Csr.FWPS, fetchHits)) {
        this.#events.exceptions++;
        // in debug mode a hit is a debug exception (DBG.DFW); else WPE, a fetch-stage exception: no BADI,
        // and the manual does not list WPE among the BADV writers
        if (debugMode) this.#debugModeException(DBG_DFW, Ecode.WPE);
        else this.#enter(Ecode.WPE, EsubCode.WPEF, pc, undefined, undefined, Ecode.WPE);
        return StopReason.BUDGET;
      }
      const bytes = cpu.readMemory(pc, 4);
      // peeking must not leave a fault behind for the real fetch to be mistaken for
      this.memory.nestedFault = false;
      this.memory.tlbRefill = false;
      this.memory.guestFault = 0;
      const word = bytes === undefined ? 0 : new DataView(bytes.buffer).getUint32(0, true);
      const access = bytes === undefined ? undefined : memoryAccessOf(word, reg);
      if (access !== undefined) {
        const memHits = memoryWatchHits(c, access, debugMode);
        if (memHits !== 0 && recordWatchHits(c, Csr.MWPS, memHits)) {
          this.#events.exceptions++;
          if (debugMode) this.#debugModeException(DBG_DMW, Ecode.WPE);
          else this.#enter(Ecode.WPE, EsubCode.WPEM, pc, undefined, word, Ecode.WPE);
          return StopReason.BUDGET;
        }
      }
      this.#tracer?.(pc, word);
      const stop = cpu.interpret(1);
      if (stop !== StopReason.BUDGET) return stop;
      if (this.memory.va32) this.#va32Results(word);
    }
    return StopReason.BUDGET;
  }

  /**
   * Runs in 32-bit address mode (MISC.VA32L1-3 at the current PLV) one instruction at a time on the
   * interpreter, as the manual's "32-bit address mode in LA64" says: the PC stays zero-extended from 32
   * bits (so ERA is too), the 32-bit results of `bl`, `jirl` and the `pcadd*`/`pcalau12i` family are
   * sign-extended, and {@link GuestMemory.va32} zero-extends every data and fetch address.
   */
  #runVa32(budget: number): StopReasonValue {
    const cpu = this.cpu;
    for (let i = 0; i < budget && this.memory.va32 && !this.#watchArmed; i++) {
      cpu.pc &= VA32_MASK;
      const pc = cpu.pc;
      const bytes = cpu.readMemory(pc, 4);
      // peeking must not leave a fault behind for the real fetch to be mistaken for
      this.memory.nestedFault = false;
      this.memory.tlbRefill = false;
      this.memory.guestFault = 0;
      const word = bytes === undefined ? 0 : new DataView(bytes.buffer).getUint32(0, true);
      this.#tracer?.(pc, word);
      const stop = cpu.interpret(1);
      if (stop !== StopReason.BUDGET) return stop;
      this.#va32Results(word);
    }
    return StopReason.BUDGET;
  }

  /** After `word` ran in 32-bit address mode: sign-extends a link or PC-relative result, truncates the PC. */
  #va32Results(word: number): void {
    const cpu = this.cpu;
    const top6 = word >>> 26;
    // bl (0x15) links $ra; jirl (0x13) and pcaddi/pcalau12i/pcaddu12i/pcaddu18i (bits 31:25 = 0xc..0xf) rd
    const rd = top6 === 0x15 ? 1 : top6 === 0x13 || word >>> 27 === 0x3 ? word & 31 : 0;
    if (rd !== 0) cpu.setReg(rd, BigInt.asIntN(32, cpu.getReg(rd)));
    cpu.pc &= VA32_MASK;
  }

  /** Re-derives the translation mode from CRMD and the DMWs; flushes the TLB when it changed. */
  #syncMode(force = false): void {
    const c = this.csrs;
    // the privilege level or CRMD.WE may have changed: close the monitors' period, re-arm watchpoints
    if (this.#pmuUsed) this.#updatePmi();
    this.#watchArmed = watchpointsArmed(c);
    // MISC.DRDTL1-3: rdtime* at that PLV raises IPE
    const plv = c.read(Csr.CRMD) & 3n;
    const misc = c.read(Csr.MISC);
    this.cpu.rdtimeDenied = plv !== 0n && ((misc >> (4n + plv)) & 1n) !== 0n;
    // MISC.ALCL0-3 (alignment check) and VA32L1-3 (32-bit address mode) at the current PLV: both run on
    // the interpreter (see #runVa32), so compiled code never sees them
    const alignCheck = ((misc >> (12n + plv)) & 1n) !== 0n;
    const va32 = plv !== 0n && ((misc >> plv) & 1n) !== 0n;
    if (alignCheck !== this.cpu.alignCheck || va32 !== this.memory.va32) {
      this.cpu.alignCheck = alignCheck;
      this.memory.va32 = va32;
      this.#restrictChanged = true;
      this.cpu.flushTlb();
    }
    const crmd = c.read(Csr.CRMD);
    const dmw = [c.read(Csr.DMW0), c.read(Csr.DMW1), c.read(Csr.DMW2), c.read(Csr.DMW3)];
    const asid = c.read(Csr.ASID) & 0x3ffn;
    const stlbPs = c.read(Csr.STLBPS) & 0x3fn;
    const key = `${crmd & 0x1bn},${dmw.join(",")},${asid},${stlbPs}`;
    if (!force && key === this.#modeKey) return;
    this.#modeKey = key;
    this.memory.setMode(crmd, dmw, Number(asid));
    this.memory.tlb.stlbPs = Number(stlbPs);
    this.cpu.flushTlb();
  }

  /** Retires the instruction an exit left half-done, using what the VM wrote with setGpr. */
  #completePending(): void {
    const cpu = this.cpu;
    const m = cpu.mmio;
    if (m !== undefined) {
      // an FP load's value was written to f<reg> (setGpr(32 + reg)); completeMmio boxes a single
      const value = m.isWrite
        ? 0n
        : m.fp === true
          ? cpu.fpu.getF(m.reg)
          : m.reg === 0
            ? 0n
            : cpu.getReg(m.reg);
      cpu.completeMmio(value);
    }
    const io = this.#pendingIocsrRead;
    if (io !== undefined) {
      this.#pendingIocsrRead = undefined;
      // KVM completes iocsrrd.{b,h,w} sign-extended from the access width
      if (io.reg !== 0) cpu.setReg(io.reg, BigInt.asIntN(io.size * 8, cpu.getReg(io.reg)));
    }
  }

  #mmioExit(): AxVCpuExitReason {
    const m = this.cpu.mmio!;
    const width = AccessWidth.fromSize(m.size)!;
    const gpa = this.memory.guestPhys(m.addr) ?? m.addr;
    const addr = GuestPhysAddr.from(gpa);
    if (m.isWrite) return { kind: "MmioWrite", addr, width, data: m.data };
    return {
      kind: "MmioRead",
      addr,
      width,
      // FP loads name f<n> as register 32 + n (LoongArchVCpu.setGpr takes it)
      reg: m.fp === true ? 32 + m.reg : m.reg,
      regWidth: AccessWidth.Qword,
      signedExt: m.signExtend,
    };
  }

  #runTraced(budget: number): StopReasonValue {
    const cpu = this.cpu;
    const tracer = this.#tracer!;
    for (let i = 0; i < budget; i++) {
      const pc = cpu.pc;
      const bytes = cpu.readMemory(pc, 4);
      // peeking must not leave a fault behind for the real fetch to be mistaken for
      this.memory.nestedFault = false;
      this.memory.tlbRefill = false;
      this.memory.guestFault = 0;
      tracer(pc, bytes === undefined ? 0 : new DataView(bytes.buffer).getUint32(0, true));
      // tracing always runs on the interpreter, one instruction at a time
      const stop = cpu.interpret(1);
      if (stop !== StopReason.BUDGET) return stop;
    }
    return StopReason.BUDGET;
  }

  #updateTimer(): void {
    if (this.#timerDeadline < 0) return;
    const now = this.cpu.instructionCount;
    if (now < this.#timerDeadline) return;
    this.csrs.set(Csr.ESTAT, this.csrs.read(Csr.ESTAT) | (1n << TI_BIT));
    const period = this.#timerPeriod;
    if (period > 0) this.#timerDeadline = now + period - ((now - this.#timerDeadline) % period);
    else {
      // a one-shot timer stops at 0
      this.#timerDeadline = -1;
      this.#tvalHeld = 0;
    }
  }

  #armTimer(): void {
    const tcfg = this.csrs.read(Csr.TCFG);
    if ((tcfg & 1n) === 0n) {
      // stopping holds TVAL where it was (QEMU 7.2 reads garbage instead)
      if (this.#timerDeadline >= 0) {
        this.#updateTimer();
        if (this.#timerDeadline >= 0) this.#tvalHeld = this.#timerDeadline - this.cpu.instructionCount;
      }
      this.#timerDeadline = -1;
      return;
    }
    const init = Number(tcfg & 0xffff_ffff_fffcn);
    this.#timerDeadline = this.cpu.instructionCount + init;
    this.#timerPeriod = tcfg & 2n ? init : 0;
  }

  /** Mirrors CNTC and TID into the interpreter's `rdtime*`. */
  #syncCounter(): void {
    this.cpu.timeCompensation = this.csrs.read(Csr.CNTC);
    this.cpu.counterId = Number(this.csrs.read(Csr.TID));
  }

  /** Takes a pending, enabled interrupt: exception entry with Ecode INT. */
  #takeInterrupt(): void {
    const c = this.csrs;
    const crmd = c.read(Csr.CRMD);
    if ((crmd & 4n) === 0n) return;
    // debug mode (DBG.DST) holds interrupts off
    if ((c.read(Csr.DBG) & 1n) !== 0n) return;
    const pending = c.read(Csr.ESTAT) & c.read(Csr.ECFG) & 0x1fffn;
    if (pending === 0n) return;
    const irq = pending.toString(2).length - 1;
    this.#events.interrupts++;
    this.#enter(Ecode.INT, 0, this.cpu.pc, undefined, undefined, 64 + irq);
  }

  /** Delivers a guest exception raised by the interpreter to the guest's handler. */
  #deliver(e: CpuException, refill: boolean): void {
    const cpu = this.cpu;
    const last = this.#lastVector;
    if (last !== undefined && e.pc === last.pc && cpu.instructionCount - last.count <= 1) {
      const first = last.exc;
      throw new AxError(
        "BadState",
        `guest faulted: ECODE=${hex(first.ecode)} (${ecodeName(first.ecode)}), ESUBCODE=${first.esubcode}, ` +
          `ERA=${hex(first.pc)}, BADV=${hex(first.badv)}, BADI=${hex(first.insn)}; its handler at ` +
          `${hex(e.pc)} faulted too (ECODE=${hex(e.ecode)} (${ecodeName(e.ecode)}), BADV=${hex(e.badv)})`,
      );
    }
    // the guest TLB tells PPI apart (the interpreter only knows "unmapped" and "protection")
    const ecode = this.memory.guestFault !== 0 ? this.memory.guestFault : e.ecode;
    const fetch =
      ecode === Ecode.PIF || ecode === Ecode.PNX || (ecode === Ecode.ADE && e.esubcode === EsubCode.ADEF);
    // in 32-bit address mode BADV and TLBRBADV record the address with its high 32 bits 0
    const faultVa = this.memory.va32 ? e.badv & VA32_MASK : e.badv;
    const badv = ADDRESS_ECODES.has(ecode) ? faultVa : undefined;
    const dbcl = ecode === Ecode.BRK && e.esubcode === 1;
    if ((this.csrs.read(Csr.DBG) & 1n) !== 0n) {
      // the manual's DBG.Ecode codes: a TLB refill as 0x7, a debug call as 0xc
      this.#events.exceptions++;
      this.#debugModeException(dbcl ? DBG_DCL : 0n, refill ? Ecode.PPI : ecode);
    } else if (refill) {
      this.#events.tlbRefills++;
      this.#enterRefill(e.pc, faultVa);
    } else if (dbcl) {
      // dbcl (the interpreter reports it as BRK sub-code 1): a debug exception
      this.#events.exceptions++;
      this.#enterDebug(e.pc);
    } else {
      this.#events.exceptions++;
      this.#enter(ecode, e.esubcode, e.pc, badv, fetch ? undefined : e.insn, ecode);
    }
    this.#lastVector = { pc: cpu.pc, count: cpu.instructionCount, exc: e };
  }

  /** The manual's exception entry (QEMU `loongarch_cpu_do_interrupt`, non-refill case). */
  #enter(
    ecode: number,
    esubcode: number,
    era: bigint,
    badv: bigint | undefined,
    badi: number | undefined,
    vector: number,
  ): void {
    const c = this.csrs;
    const crmd = c.read(Csr.CRMD);
    // PRMD.{PPLV,PIE,PWE} <- CRMD.{PLV,IE,WE}; then PLV = 0, IE = 0, WE = 0
    c.set(Csr.PRMD, (c.read(Csr.PRMD) & ~0xfn) | (crmd & 0x7n) | ((crmd >> 6n) & 0x8n));
    c.set(Csr.CRMD, crmd & ~0x207n);
    c.set(Csr.ERA, era);
    const estat = c.read(Csr.ESTAT) & 0x1fffn;
    c.set(Csr.ESTAT, estat | (BigInt(ecode) << 16n) | (BigInt(esubcode) << 22n));
    if (badv !== undefined) c.set(Csr.BADV, badv);
    if (badi !== undefined) c.set(Csr.BADI, BigInt(badi >>> 0));
    const vs = Number((c.read(Csr.ECFG) >> 16n) & 7n);
    const offset = vs === 0 ? 0n : BigInt(vector * (1 << vs) * 4);
    this.cpu.pc = c.read(Csr.EENTRY) + offset;
    this.#syncMode();
  }

  /**
   * An exception while in debug mode (DBG.DST = 1). The manual records it in DBG only: a debug exception
   * (dbcl, a watchpoint hit) sets its cause bit DCL/DFW/DMW, and every exception writes its code to
   * DBG.Ecode (the previous cause bits and Ecode clear, so DBG tells the latest one). DERA is written only
   * when debug mode is entered, and the ordinary exception CSRs (CRMD, PRMD, ERA, ESTAT, BADV) are left
   * alone; the debug handler at EENTRY + 0x480 runs again.
   */
  #debugModeException(cause: bigint, ecode: number): void {
    const c = this.csrs;
    c.set(Csr.DBG, (c.read(Csr.DBG) & ~DBG_CAUSE) | cause | (BigInt(ecode) << 16n));
    this.cpu.pc = c.read(Csr.EENTRY) + DEBUG_ENTRY_OFFSET;
  }

  /**
   * Debug exception of `dbcl` outside debug mode: DBG.DST = 1 with DCL (the cause), DERA = PC, and the
   * handler runs at EENTRY + 0x480 (QEMU's entry; the manual names none), CRMD untouched. `ertn` in debug
   * mode returns to DERA and clears DST.
   */
  #enterDebug(pc: bigint): void {
    const c = this.csrs;
    const dbg = c.read(Csr.DBG);
    c.set(Csr.DERA, pc);
    // DST[0], DCL[9]; Ecode 0xc marks a debug call (as QEMU records it)
    c.set(Csr.DBG, (dbg & 0xfen) | 1n | 0x200n | (0xcn << 16n));
    this.cpu.pc = c.read(Csr.EENTRY) + DEBUG_ENTRY_OFFSET;
    this.#syncMode();
  }

  /** TLB-refill entry: runs the refill handler in direct address mode at TLBRENTRY. */
  #enterRefill(era: bigint, badv: bigint): void {
    const c = this.csrs;
    const crmd = c.read(Csr.CRMD);
    // TLBRPRMD.{PPLV,PIE,PWE(bit 4)} <- CRMD.{PLV,IE,WE}
    c.set(Csr.TLBRPRMD, (c.read(Csr.TLBRPRMD) & ~0x17n) | (crmd & 0x7n) | ((crmd >> 5n) & 0x10n));
    c.set(Csr.TLBRERA, (era & ~3n) | 1n);
    c.set(Csr.TLBRBADV, badv);
    // VPPN is VA[47:13] (VALEN = 48)
    c.set(Csr.TLBREHI, (c.read(Csr.TLBREHI) & 0x3fn) | (badv & 0xffff_ffff_e000n));
    // PLV0, IE off, DA on, PG off, WE off
    c.set(Csr.CRMD, (crmd & ~0x21fn) | 0x8n);
    this.cpu.pc = c.read(Csr.TLBRENTRY);
    this.#syncMode();
  }

  #csrRead(num: number): bigint {
    const c = this.csrs;
    switch (num) {
      case Csr.TVAL: {
        this.#updateTimer();
        return this.#timerDeadline < 0
          ? BigInt(this.#tvalHeld)
          : BigInt(Math.max(0, this.#timerDeadline - this.cpu.instructionCount));
      }
      case Csr.LLBCTL:
        // ROLLB shows the LLbit
        return (c.read(num) & ~1n) | BigInt(getLlbit(this.cpu));
      case Csr.PGD: {
        const v = c.read(Csr.TLBRERA) & 1n ? c.read(Csr.TLBRBADV) : c.read(Csr.BADV);
        return (v >> 47n) & 1n ? c.read(Csr.PGDH) : c.read(Csr.PGDL);
      }
      default:
        // the counters are brought up to date lazily
        if (this.#pmuUsed && isPerfCsr(num)) this.#updatePmi();
        return c.read(num);
    }
  }

  #csrWrite(num: number, value: bigint): void {
    const c = this.csrs;
    switch (num) {
      case Csr.TICLR:
        if (value & 1n) c.set(Csr.ESTAT, c.read(Csr.ESTAT) & ~(1n << TI_BIT));
        return;
      case Csr.TCFG:
        c.write(num, value);
        this.#armTimer();
        return;
      case Csr.CNTC:
      case Csr.TID:
        c.write(num, value);
        this.#syncCounter();
        return;
      case Csr.LLBCTL:
        // WCLLB: writing 1 clears the LLbit (and reads back 0)
        if (value & 2n) setLlbit(this.cpu, 0);
        c.write(num, value);
        return;
      case Csr.CRMD: {
        const old = c.read(Csr.CRMD);
        c.write(num, value);
        // Linux toggles CRMD.IE thousands of times per boot: that alone changes no translation state
        if (((old ^ c.read(Csr.CRMD)) & ~4n) !== 0n) this.#syncMode();
        return;
      }
      case Csr.ASID:
      case Csr.STLBPS:
      case Csr.DMW0:
      case Csr.DMW1:
      case Csr.DMW2:
      case Csr.DMW3:
        c.write(num, value);
        this.#syncMode();
        return;
      default:
        if (isPerfCsr(num)) {
          // count the period so far under the old configuration (none counted while all were off),
          // then recompute the PMI level
          if (this.#pmuUsed) this.#updatePmi();
          else {
            const count = this.cpu.instructionCount;
            this.#pmu.restart(count, count - this.#idleTicks, Number(c.read(Csr.CRMD) & 3n));
          }
          c.write(num, value);
          this.#pmuUsed = PerfMonitor.active(c) || PerfMonitor.interruptPending(c);
          this.#updatePmi();
          return;
        }
        if (num === Csr.MISC) {
          c.write(num, value);
          // DWPL0-2 turn the PME check off: writable translations cached under the old setting go
          this.memory.tlb.writeProtectOff = Number((c.read(Csr.MISC) >> 16n) & 7n);
          this.cpu.flushTlb();
          this.#syncMode();
          return;
        }
        if (isWatchCfg3(num)) {
          // DMOnly can only be changed in debug mode
          const old = c.read(num);
          const v = (c.read(Csr.DBG) & 1n) !== 0n ? value : (value & ~1n) | (old & 1n);
          c.write(num, v);
          this.#watchArmed = watchpointsArmed(c);
          return;
        }
        c.write(num, value);
    }
  }

  /**
   * After a write to CRMD, ECFG or ESTAT: when an interrupt has become takeable, stop after this
   * instruction so the run loop delivers it at once (instead of at the end of the time slice).
   */
  #afterCsrWrite(num: number, wasArmed: boolean): number {
    if (num === Csr.EUEN) this.cpu.fpEnabled = (this.csrs.read(Csr.EUEN) & 1n) !== 0n;
    if (this.#restrictChanged) {
      // MISC.ALCL/VA32L now apply (or no longer apply): the run loop re-chooses the tier from the next one
      this.#recheckInterrupts = true;
      this.cpu.advancePc();
      this.cpu.raiseException(GSPR);
      return 0;
    }
    if (this.#watchArmed && !wasArmed) {
      // a watchpoint became live: continue one instruction at a time from the next one
      this.#recheckInterrupts = true;
      this.cpu.advancePc();
      this.cpu.raiseException(GSPR);
      return 0;
    }
    // a TCFG write re-armed the timer, or a monitor may now overflow: the run loop must cut its
    // instruction chunk at the new deadline
    const rearmed = (num === Csr.TCFG && this.#timerDeadline >= 0) || (isPerfCsr(num) && this.#pmuUsed);
    if (!rearmed && num !== Csr.CRMD && num !== Csr.ECFG && num !== Csr.ESTAT) return 1;
    const c = this.csrs;
    const takeable =
      (c.read(Csr.CRMD) & 4n) !== 0n && (c.read(Csr.ESTAT) & c.read(Csr.ECFG) & 0x1fffn) !== 0n;
    if (!rearmed && !takeable) return 1;
    this.#recheckInterrupts = true;
    this.cpu.advancePc();
    this.cpu.raiseException(GSPR);
    return 0;
  }

  /** Stops the CPU after an instruction that ends in a VM exit (the PC already moved past it). */
  #stopWith(exit: AxVCpuExitReason): number {
    this.#exit = exit;
    this.cpu.advancePc();
    this.cpu.raiseException(GSPR);
    return 0;
  }

  /** MISC.ALCL at this PLV covers `iocsrrd`/`iocsrwr`.{h,w,d} too: a misaligned one raises ALE. */
  #iocsrMisaligned(addr: bigint, size: number): boolean {
    if (!this.cpu.alignCheck || (addr & BigInt(size - 1)) === 0n) return false;
    this.cpu.raiseException(Ecode.ALE, 0, addr);
    return true;
  }

  /** The privileged-instruction hook of the interpreter. */
  #privileged(w: number, op: number): number {
    const cpu = this.cpu;
    const c = this.csrs;
    const rd = w & 31;
    const rj = (w >>> 5) & 31;
    const plv = Number(c.read(Csr.CRMD) & 3n);
    if (plv !== 0) {
      // MISC.RPCNTL1-3 let PLV1-3 read the performance counters with csrrd
      const num = (w >>> 10) & 0x3fff;
      const counterRead =
        op === Op.CSRRD &&
        isPerfCsr(num) &&
        (num & 1) === 1 &&
        ((c.read(Csr.MISC) >> BigInt(8 + plv)) & 1n) !== 0n;
      if (!counterRead) {
        cpu.raiseException(Ecode.IPE);
        return 0;
      }
    }
    switch (op) {
      case Op.CSRRD:
        cpu.setReg(rd, this.#csrRead((w >>> 10) & 0x3fff));
        return 1;
      case Op.CSRWR: {
        const num = (w >>> 10) & 0x3fff;
        const armed = this.#watchArmed;
        const old = this.#csrRead(num);
        this.#csrWrite(num, cpu.getReg(rd));
        cpu.setReg(rd, old);
        return this.#afterCsrWrite(num, armed);
      }
      case Op.CSRXCHG: {
        const num = (w >>> 10) & 0x3fff;
        const armed = this.#watchArmed;
        const old = this.#csrRead(num);
        const mask = cpu.getReg(rj);
        // write-1-to-clear bits are cleared by rd & mask alone, never by the old value merged back
        this.#csrWrite(num, (old & ~mask & ~w1cBits(num)) | (cpu.getReg(rd) & mask));
        cpu.setReg(rd, old);
        return this.#afterCsrWrite(num, armed);
      }
      case Op.IOCSRRD_B:
      case Op.IOCSRRD_H:
      case Op.IOCSRRD_W:
      case Op.IOCSRRD_D: {
        const size = 1 << (op - Op.IOCSRRD_B);
        if (this.#iocsrMisaligned(cpu.getReg(rj), size)) return 0;
        const served = this.#config.iocsr?.read(this.#config.cpuId, cpu.getReg(rj), size);
        if (served !== undefined) {
          // sign-extended from the access width, as KVM completes iocsrrd.{b,h,w}
          cpu.setReg(rd, BigInt.asIntN(size * 8, served));
          return 1;
        }
        this.#pendingIocsrRead = { reg: rd, size };
        return this.#stopWith({ kind: "SysRegRead", addr: SysRegAddr.new(cpu.getReg(rj)), reg: rd });
      }
      case Op.IOCSRWR_B:
      case Op.IOCSRWR_H:
      case Op.IOCSRWR_W:
      case Op.IOCSRWR_D: {
        const size = 1 << (op - Op.IOCSRWR_B);
        if (this.#iocsrMisaligned(cpu.getReg(rj), size)) return 0;
        const value = BigInt.asUintN(size * 8, cpu.getReg(rd));
        if (this.#config.iocsr?.write(this.#config.cpuId, cpu.getReg(rj), size, value)) {
          // an IPI to this core may have made an interrupt takeable
          return this.#afterCsrWrite(Csr.ESTAT, this.#watchArmed);
        }
        return this.#stopWith({ kind: "SysRegWrite", addr: SysRegAddr.new(cpu.getReg(rj)), value });
      }
      case Op.IDLE:
        // like QEMU, idle falls through when an enabled interrupt is already pending (even with IE = 0)
        if ((c.read(Csr.ESTAT) & c.read(Csr.ECFG) & 0x1fffn) !== 0n) return 1;
        return this.#stopWith({ kind: "Halt" });
      case Op.HVCL: {
        const args = ARG_REGS.map((r) => cpu.getReg(r)) as unknown as readonly [
          bigint,
          bigint,
          bigint,
          bigint,
          bigint,
          bigint,
        ];
        return this.#stopWith({ kind: "Hypercall", nr: cpu.getReg(4), args });
      }
      case Op.ERTN:
        return this.#ertn();
      case Op.CACOP:
        // no caches are modelled
        return 1;
      case Op.TLBSRCH:
      case Op.TLBRD:
      case Op.TLBWR:
      case Op.TLBFILL:
      case Op.TLBCLR:
      case Op.TLBFLUSH:
      case Op.INVTLB:
      case Op.LDDIR:
      case Op.LDPTE:
        return tlbInstruction(op, w, c, cpu, this.memory);
      default:
        // gcsr*/gtlb* are root-only: a guest gets INE, as KVM injects it
        cpu.raiseException(Ecode.INE);
        return 0;
    }
  }

  #ertn(): number {
    const c = this.csrs;
    const crmd = c.read(Csr.CRMD);
    const tlbrera = c.read(Csr.TLBRERA);
    const merrctl = c.read(Csr.MERRCTL);
    const dbg = c.read(Csr.DBG);
    const armed = this.#watchArmed;
    // the manual's order: debug mode, then a machine error (it can interrupt a refill handler), then
    // a TLB refill, then any other exception
    if (dbg & 1n) {
      // leave debug mode: DST, the cause bits DEI/DCL/DFW/DMW and Ecode clear
      c.set(Csr.DBG, dbg & ~0x3f_0f01n);
      this.cpu.pc = c.read(Csr.DERA);
    } else if (merrctl & 1n) {
      // PPLV[3:2] PIE[4] PWE[6] PDA[7] PPG[8] PDATF[10:9] PDATM[12:11] back into CRMD
      const m = merrctl;
      const restored =
        ((m >> 2n) & 3n) |
        (((m >> 4n) & 1n) << 2n) |
        (((m >> 7n) & 1n) << 3n) |
        (((m >> 8n) & 1n) << 4n) |
        (((m >> 9n) & 3n) << 5n) |
        (((m >> 11n) & 3n) << 7n) |
        (((m >> 6n) & 1n) << 9n);
      c.set(Csr.CRMD, (crmd & ~0x3ffn) | restored);
      c.set(Csr.MERRCTL, m & ~1n);
      this.cpu.pc = c.read(Csr.MERRERA);
    } else if (tlbrera & 1n) {
      // back from the refill handler: paging on again
      const prmd = c.read(Csr.TLBRPRMD);
      c.set(Csr.CRMD, (crmd & ~0x21fn) | (prmd & 7n) | ((prmd & 0x10n) << 5n) | 0x10n);
      c.set(Csr.TLBRERA, tlbrera & ~1n);
      this.cpu.pc = tlbrera & ~3n;
    } else {
      const prmd = c.read(Csr.PRMD);
      c.set(Csr.CRMD, (crmd & ~0x207n) | (prmd & 7n) | ((prmd & 8n) << 6n));
      this.cpu.pc = c.read(Csr.ERA);
    }
    // ertn clears LLbit unless LLBCTL.KLO, which it clears instead
    const llb = c.read(Csr.LLBCTL);
    if (llb & 4n) c.set(Csr.LLBCTL, llb & ~4n);
    else setLlbit(this.cpu, 0);
    this.#syncMode();
    if ((this.#watchArmed && !armed) || this.#pmuUsed || this.#restrictChanged) {
      // CRMD.WE came back with a watchpoint set: check from the first instruction on; or the privilege
      // level changed under counting monitors: the run loop recomputes where the next overflow is
      this.#recheckInterrupts = true;
      this.cpu.raiseException(GSPR);
      return 0;
    }
    return 2;
  }
}

/** The interpreter's LLbit (set by ll.*, consumed by sc.*), which LLBCTL and ertn reach. */
function getLlbit(cpu: Cpu): number {
  return (cpu as unknown as { llbit: number }).llbit;
}

function setLlbit(cpu: Cpu, v: number): void {
  (cpu as unknown as { llbit: number }).llbit = v;
}
