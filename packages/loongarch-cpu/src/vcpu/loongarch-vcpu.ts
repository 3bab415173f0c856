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
import { Csr, CsrFile } from "../cpu/csr.js";
import { Ecode, EsubCode, ecodeName } from "../cpu/exception.js";
import { Cpu, type CpuException } from "../cpu/interpreter.js";
import { Access } from "../cpu/memory.js";
import { StopReason, type StopReasonValue } from "../cpu/stop-reason.js";
import { Op } from "../isa/table.js";
import { GuestMemory, type HostMemoryView, type NestedAddrSpace } from "./guest-memory.js";
import type { IocsrBus } from "./iocsr.js";
import { tlbInstruction } from "./tlb-ops.js";

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
 *   CRMD = 0xa8 (direct address mode, PLV0), all GPRs 0 (a1 = `cmdlineAddr`, else `dtbAddr`, when non-zero), the
 *   `la464` CPUCFG words and CSR reset values.
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
    this.cpu = new Cpu(this.memory);
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
      this.#takeInterrupt();
      if (left <= 0) return { kind: "Nothing" };
      let chunk = left;
      if (this.#timerDeadline >= 0)
        chunk = Math.max(1, Math.min(chunk, this.#timerDeadline - cpu.instructionCount));
      mem.nestedFault = false;
      mem.tlbRefill = false;
      mem.guestFault = 0;
      const start = cpu.instructionCount;
      const stop = this.#tracer === undefined ? cpu.run(chunk) : this.#runTraced(chunk);
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
   * Sets a general register (writes to `$zero` are ignored).
   *
   * @param reg - Register number 0–31.
   * @param val - The value (taken modulo 2^64).
   * @throws {AxError} `InvalidInput` for a register number outside 0–31.
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
    if (!Number.isInteger(reg) || reg < 0 || reg > 31) {
      throw new AxError("InvalidInput", `LoongArchVCpu: no general register ${reg}`);
    }
    this.cpu.setReg(reg, val);
  }

  /**
   * Reads a general register.
   *
   * @param reg - Register number 0–31.
   * @returns Its value as an unsigned 64-bit number.
   * @throws {AxError} `InvalidInput` for a register number outside 0–31.
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { LoongArchVCpu } from "@axvisor/loongarch-cpu";
   * console.log(new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() }).gpr(0)); // 0n
   * ```
   */
  gpr(reg: number): bigint {
    if (!Number.isInteger(reg) || reg < 0 || reg > 31) {
      throw new AxError("InvalidInput", `LoongArchVCpu: no general register ${reg}`);
    }
    return this.cpu.getReg(reg);
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
    if (vector <= 12) {
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
    if (Number.isInteger(vector) && vector >= 0 && vector <= 12) {
      this.csrs.set(Csr.ESTAT, this.csrs.read(Csr.ESTAT) & ~(1n << BigInt(vector)));
    } else this.#externalLines.delete(vector);
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
    this.#syncMode(true);
  }

  /** Re-derives the translation mode from CRMD and the DMWs; flushes the TLB when it changed. */
  #syncMode(force = false): void {
    const c = this.csrs;
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
    if (m !== undefined) cpu.completeMmio(m.isWrite || m.reg === 0 ? 0n : cpu.getReg(m.reg));
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
      reg: m.reg,
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
      const stop = cpu.step();
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
    const badv = ADDRESS_ECODES.has(ecode) ? e.badv : undefined;
    if (refill) {
      this.#events.tlbRefills++;
      this.#enterRefill(e.pc, e.badv);
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
      case Csr.ASID:
      case Csr.STLBPS:
      case Csr.CRMD:
      case Csr.DMW0:
      case Csr.DMW1:
      case Csr.DMW2:
      case Csr.DMW3:
        c.write(num, value);
        this.#syncMode();
        return;
      default:
        c.write(num, value);
    }
  }

  /**
   * After a write to CRMD, ECFG or ESTAT: when an interrupt has become takeable, stop after this
   * instruction so the run loop delivers it at once (instead of at the end of the time slice).
   */
  #afterCsrWrite(num: number): number {
    if (num === Csr.EUEN) this.cpu.fpEnabled = (this.csrs.read(Csr.EUEN) & 1n) !== 0n;
    // a TCFG write re-armed the timer: the run loop must cut its instruction chunk at the new deadline
    const rearmed = num === Csr.TCFG && this.#timerDeadline >= 0;
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

  /** The privileged-instruction hook of the interpreter. */
  #privileged(w: number, op: number): number {
    const cpu = this.cpu;
    const c = this.csrs;
    const rd = w & 31;
    const rj = (w >>> 5) & 31;
    if ((c.read(Csr.CRMD) & 3n) !== 0n) {
      cpu.raiseException(Ecode.IPE);
      return 0;
    }
    switch (op) {
      case Op.CSRRD:
        cpu.setReg(rd, this.#csrRead((w >>> 10) & 0x3fff));
        return 1;
      case Op.CSRWR: {
        const num = (w >>> 10) & 0x3fff;
        const old = this.#csrRead(num);
        this.#csrWrite(num, cpu.getReg(rd));
        cpu.setReg(rd, old);
        return this.#afterCsrWrite(num);
      }
      case Op.CSRXCHG: {
        const num = (w >>> 10) & 0x3fff;
        const old = this.#csrRead(num);
        const mask = cpu.getReg(rj);
        this.#csrWrite(num, (old & ~mask) | (cpu.getReg(rd) & mask));
        cpu.setReg(rd, old);
        return this.#afterCsrWrite(num);
      }
      case Op.IOCSRRD_B:
      case Op.IOCSRRD_H:
      case Op.IOCSRRD_W:
      case Op.IOCSRRD_D: {
        const size = 1 << (op - Op.IOCSRRD_B);
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
        const value = BigInt.asUintN(size * 8, cpu.getReg(rd));
        if (this.#config.iocsr?.write(this.#config.cpuId, cpu.getReg(rj), size, value)) {
          // an IPI to this core may have made an interrupt takeable
          return this.#afterCsrWrite(Csr.ESTAT);
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
    if (tlbrera & 1n) {
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
