/**
 * The LoongArch64 interpreter: register file, PC, software TLB and the execute loop.
 *
 * Registers are int32 halves in one `Int32Array` (`regs[2*i]` = low, `regs[2*i+1]` = high); slot 64/65
 * is the sink for writes to `$zero`, so `$r0` always reads 0 without a check. The execute loop is one
 * `switch` over the decoder's {@link Op} ids (literal case labels so V8 builds a jump table; a test
 * checks each label against the table). Nothing on the execution path uses BigInt or allocates: only
 * the rare 64-bit divisions fall back to BigInt helpers.
 *
 * @module
 */

import { LoongArchCpuError } from "../error.js";
import { decode } from "../isa/decode.js";
import { type JitStats, JitTier } from "../jit/jit-tier.js";
import { cpucfgWord } from "./cpucfg.js";
import { Ecode, EsubCode } from "./exception.js";
import { Fpu } from "./fpu.js";
import {
  bitrev32,
  bitrevBytes32,
  bswap32,
  bswapHalves32,
  clz64,
  crcUpdate,
  ctz32,
  div64,
  mulhs64,
  mulhu64,
  R64,
  umulh32,
} from "./int64.js";
import { Access, type CpuMemory, Fault } from "./memory.js";
import { StopReason, type StopReasonValue } from "./stop-reason.js";
import { warmUp } from "./warmup.js";

const TLB_BITS = 8;
const TLB_SIZE = 1 << TLB_BITS;
const TLB_MASK = TLB_SIZE - 1;
/** Tag of an empty TLB slot: never equal to a page address (whose low 12 bits are 0). */
const NO_TAG = 1;
const ZERO_SINK = 64;
// Op ids of the FP unit (fadd.s .. fstle.d) and of its loads/stores (fld.s ..)
const FP_FIRST = 240;
const FP_MEM_FIRST = 369;
const FP_LAST = 384;
/** Largest instruction budget of one {@link Cpu.run} call (keeps the counter a small integer). */
const MAX_SLICE = 1 << 30;
/** Host pages whose decoded instructions are kept at most (8 KiB each); the cache starts over when full. */
const MAX_CODE_PAGES = 4096;

/**
 * An exception raised by an instruction (the state a privileged layer would copy into ESTAT, ERA,
 * BADV and BADI).
 */
export interface CpuException {
  /** ESTAT.Ecode (see {@link Ecode}). */
  readonly ecode: number;
  /** ESTAT.EsubCode. */
  readonly esubcode: number;
  /** PC of the excepting instruction (ERA). */
  readonly pc: bigint;
  /** Faulting address for memory and fetch exceptions (BADV), otherwise 0n. */
  readonly badv: bigint;
  /** The instruction word (BADI), or 0 when the fetch itself failed. */
  readonly insn: number;
}

/**
 * A load or store to a device address that stopped the CPU ({@link StopReason}.MMIO). Mirrors KVM's
 * MMIO exit: the VM performs the access and calls {@link Cpu.completeMmio}.
 */
export interface MmioAccess {
  /** Guest address of the access. */
  readonly addr: bigint;
  /** Width in bytes (1, 2, 4 or 8). */
  readonly size: number;
  /** True for a store. */
  readonly isWrite: boolean;
  /** For stores: the value written (truncated to `size`); for loads 0n. */
  readonly data: bigint;
  /** For loads: the destination register number. */
  readonly reg: number;
  /** For loads: whether the value is sign-extended into the register. */
  readonly signExtend: boolean;
  /**
   * For loads: `reg` is the FP register f<reg> (`fld*`); {@link Cpu.completeMmio} writes the value there,
   * a single NaN-boxed with ones above bit 31 as `fld.s` does. Stores of FP registers are ordinary writes.
   */
  readonly fp?: boolean;
}

/**
 * Executes a privileged or virtualisation instruction for a layer that models privilege (the vCPU):
 * called by {@link Cpu} for every opcode it does not execute itself (CSR, IOCSR, TLB, cache,
 * `ertn`, `idle`, LVZ). {@link Cpu.pc} is the instruction's address while it runs.
 *
 * @param word - The instruction word.
 * @param op - Its {@link Op} id.
 * @returns 1 to continue with the next instruction, 2 when the hook set {@link Cpu.pc} itself, 0 when
 *   it stopped the CPU with {@link Cpu.raiseException}.
 *
 * @example
 * ```ts
 * import { assemble, Cpu, FlatMemory, Op, type PrivilegedHook } from "@axvisor/loongarch-cpu";
 * const mem = new FlatMemory(0n, 4096);
 * mem.write(0n, new Uint8Array(assemble("idle 0\nli.d $a0, 1\nbreak 0").buffer));
 * const cpu = new Cpu(mem);
 * // a hart at PLV0 where idle does nothing
 * const hook: PrivilegedHook = (_word, op) => (op === Op.IDLE ? 1 : 0);
 * cpu.privileged = hook;
 * cpu.run(10);
 * console.log(cpu.getReg(4)); // 1n
 * ```
 */
export type PrivilegedHook = (word: number, op: number) => number;

/** Options of {@link Cpu}. */
export interface CpuOptions {
  /** Initial PC (default 0n). */
  readonly pc?: bigint;
  /**
   * Run the one-off JIT training program when the first CPU of the process is created (default true):
   * about 0.1 s once, so that V8 optimises the interpreter loop without later deoptimisations.
   */
  readonly warmUp?: boolean;
  /**
   * Execution tier (default `"interp"`). `"jit"` compiles hot guest code pages to WebAssembly (see the
   * package README); it needs a memory that can move its RAM into a `WebAssembly.Memory`
   * (`PagedMemory`, the linux-user memory) and silently stays on the interpreter otherwise. Both tiers give identical
   * results and instruction counts.
   */
  readonly cpuTier?: "interp" | "jit";
  /**
   * On the `"jit"` tier: instructions a guest code page runs on the interpreter before it is compiled
   * (default 200 000, which only long-running code pays back; tests use a few hundred to compile
   * everything). Hot pages compile in the background with `WebAssembly.compile` where the host has it.
   */
  readonly jitHotInstructions?: number;
}

/**
 * A LoongArch64 hart running in user privilege (PLV3): the base integer ISA with precise exceptions.
 * Privileged instructions raise IPE unless a {@link PrivilegedHook} executes them; FP instructions run on
 * {@link Cpu.fpu} (FPD while {@link Cpu.fpEnabled} is false, FPE for exceptions enabled in FCSR0).
 *
 * @example
 * ```ts
 * import { assemble, Cpu, FlatMemory } from "@axvisor/loongarch-cpu";
 * const mem = new FlatMemory(0x1000n, 0x1000);
 * mem.write(0x1000n, new Uint8Array(assemble("li.d $a0, 40\naddi.d $a0, $a0, 2\nbreak 0").buffer));
 * const cpu = new Cpu(mem, { pc: 0x1000n });
 * cpu.run(1000);
 * console.log(cpu.getReg(4), cpu.exception?.ecode); // 42n 12
 * ```
 */
export class Cpu {
  /** General registers as int32 halves: `regs[2*i]` low, `regs[2*i+1]` high; entries 64–65 are scratch. */
  readonly regs: Int32Array = new Int32Array(66);
  /** The memory the CPU runs on. */
  readonly memory: CpuMemory;
  /** Instructions executed so far (every fetched instruction counts, including one that raises). */
  instructionCount = 0;
  /**
   * Executes the instructions the CPU does not execute itself (privileged and LVZ ones). Unset, they
   * raise IPE, as on a hart running at PLV3.
   */
  privileged: PrivilegedHook | undefined = undefined;
  /** The floating-point registers, condition flags and FCSR. */
  readonly fpu: Fpu = new Fpu();
  /**
   * Whether FP instructions execute (EUEN.FPE); when false they raise FPD. True by default (user mode,
   * where the kernel has enabled the FPU); a vCPU keeps it in step with its guest's EUEN.
   */
  fpEnabled = true;
  /** Added to the stable counter by `rdtime*` (CSR.CNTC, counter compensation); 0n outside a vCPU. */
  timeCompensation = 0n;
  /** The counter id `rdtime*` writes to `rj` (CSR.TID, 32 bits). */
  counterId = 0;
  /** `rdtime*` raise IPE (a vCPU sets it from CSR.MISC.DRDTL1–3 and the current PLV); false outside a vCPU. */
  rdtimeDenied = false;
  /**
   * Misaligned loads and stores raise ALE (a vCPU sets it from CSR.MISC.ALCL0–3 and the current PLV);
   * false outside a vCPU. While it is set the data TLB stays empty, so every access takes the checked
   * slow path and the aligned fast path pays nothing when it is clear.
   */
  alignCheck = false;

  /** The compiler tier, when enabled. */
  private readonly jit: JitTier | undefined;
  private pcLo = 0;
  private pcHi = 0;
  private ram: Uint8Array;
  private dv: DataView;
  private readonly rTagLo = new Int32Array(TLB_SIZE).fill(NO_TAG);
  private readonly rTagHi = new Int32Array(TLB_SIZE);
  private readonly rAdd = new Int32Array(TLB_SIZE);
  private readonly wTagLo = new Int32Array(TLB_SIZE).fill(NO_TAG);
  private readonly wTagHi = new Int32Array(TLB_SIZE);
  private readonly wAdd = new Int32Array(TLB_SIZE);
  /**
   * Fetch TLB: the last successful fetch translations of pages by guest page (direct-mapped like the data
   * TLB), with their decoded-instruction caches, so that a branch to another page costs no page walk.
   */
  private readonly fTagLo = new Int32Array(TLB_SIZE).fill(NO_TAG);
  private readonly fTagHi = new Int32Array(TLB_SIZE);
  private readonly fBase = new Int32Array(TLB_SIZE);
  private readonly fDec: Int32Array[] = [];
  private cTagLo = NO_TAG;
  private cTagHi = 0;
  private cBase = 0;
  /**
   * Decoded-instruction cache of the fetch page: for every 4-byte slot, the word last decoded there and
   * its Op id (`[word, op]` pairs). A slot is used only while memory still holds that word, so guest
   * stores, host writes (image loading, devices) and other vCPUs need no invalidation; word 0 decodes to
   * INVALID (0), so a zero-filled page is already correct.
   */
  private cDec: Int32Array = new Int32Array(2048);
  /** The decoded pages by host page offset (shared by every guest mapping of the page). */
  private readonly codePages = new Map<number, Int32Array>();

  private exc: CpuException | undefined;
  private mmioPending: MmioAccess | undefined;
  private stop: StopReasonValue = StopReason.BUDGET;
  private insn = 0;
  private mlo = 0;
  private mhi = 0;
  private llbit = 0;
  private llAddrLo = 0;
  private llAddrHi = 0;
  private llValLo = 0;
  private llValHi = 0;
  /** While an FP load runs: its destination f<n>, so a device address becomes an MMIO exit (else -1). */
  private fpMmioReg = -1;

  /**
   * Creates a CPU with all registers 0.
   *
   * @param memory - The guest memory.
   * @param options - Initial PC.
   *
   * @example
   * ```ts
   * import { Cpu, FlatMemory } from "@axvisor/loongarch-cpu";
   * const cpu = new Cpu(new FlatMemory(0n, 4096), { pc: 0n });
   * console.log(cpu.pc); // 0n
   * ```
   */
  constructor(memory: CpuMemory, options: CpuOptions = {}) {
    this.memory = memory;
    this.ram = memory.ram;
    this.dv = new DataView(this.ram.buffer, this.ram.byteOffset, this.ram.byteLength);
    this.pc = options.pc ?? 0n;
    if (options.warmUp !== false) warmUp((mem, pc) => new Cpu(mem, { pc, warmUp: false }));
    if (options.cpuTier === "jit")
      this.jit = JitTier.create(
        this,
        options.jitHotInstructions === undefined ? {} : { hotInstructions: options.jitHotInstructions },
      );
  }

  /**
   * The program counter.
   *
   * @example
   * ```ts
   * import { Cpu, FlatMemory } from "@axvisor/loongarch-cpu";
   * const cpu = new Cpu(new FlatMemory(0n, 4096));
   * cpu.pc = 0x120000000n;
   * console.log(cpu.pc.toString(16)); // "120000000"
   * ```
   */
  get pc(): bigint {
    return (BigInt(this.pcHi >>> 0) << 32n) | BigInt(this.pcLo >>> 0);
  }
  /**
   * Sets the program counter (wrapped to 64 bits).
   *
   * @param value - The new PC.
   *
   * @example
   * ```ts
   * import { Cpu, FlatMemory } from "@axvisor/loongarch-cpu";
   * const cpu = new Cpu(new FlatMemory(0n, 4096));
   * cpu.pc = 8n;
   * console.log(cpu.pc); // 8n
   * ```
   */
  set pc(value: bigint) {
    this.pcLo = Number(BigInt.asIntN(32, value));
    this.pcHi = Number(BigInt.asIntN(32, value >> 32n));
  }

  /**
   * Reads a general register as an unsigned 64-bit value.
   *
   * @param index - Register number 0–31.
   * @returns The value (0n for `$zero`).
   * @throws {@link LoongArchCpuError} `InvalidArgument` for a number outside 0–31.
   *
   * @example
   * ```ts
   * import { Cpu, FlatMemory } from "@axvisor/loongarch-cpu";
   * const cpu = new Cpu(new FlatMemory(0n, 4096));
   * cpu.setReg(4, -1n);
   * console.log(cpu.getReg(4).toString(16)); // "ffffffffffffffff"
   * ```
   */
  getReg(index: number): bigint {
    checkReg(index);
    return (BigInt(this.regs[2 * index + 1]! >>> 0) << 32n) | BigInt(this.regs[2 * index]! >>> 0);
  }

  /**
   * Writes a general register (wrapped to 64 bits; writes to `$zero` are ignored).
   *
   * @param index - Register number 0–31.
   * @param value - The value; taken modulo 2^64.
   * @throws {@link LoongArchCpuError} `InvalidArgument` for a number outside 0–31.
   *
   * @example
   * ```ts
   * import { Cpu, FlatMemory } from "@axvisor/loongarch-cpu";
   * const cpu = new Cpu(new FlatMemory(0n, 4096));
   * cpu.setReg(0, 5n);
   * cpu.setReg(1, 0x1_0000_0002n);
   * console.log(cpu.getReg(0), cpu.getReg(1)); // 0n 4294967298n
   * ```
   */
  setReg(index: number, value: bigint): void {
    checkReg(index);
    if (index === 0) return;
    this.regs[2 * index] = Number(BigInt.asIntN(32, value));
    this.regs[2 * index + 1] = Number(BigInt.asIntN(32, value >> 32n));
  }

  /**
   * The exception that stopped the last {@link Cpu.run}, if it stopped with {@link StopReason}.EXCEPTION.
   *
   * @example
   * ```ts
   * import { Cpu, Ecode, FlatMemory } from "@axvisor/loongarch-cpu";
   * const cpu = new Cpu(new FlatMemory(0n, 4096)); // memory is all zeros: word 0 is not an instruction
   * cpu.step();
   * console.log(cpu.exception?.ecode === Ecode.INE); // true
   * ```
   */
  get exception(): CpuException | undefined {
    return this.exc;
  }

  /**
   * The pending device access, if the last run stopped with {@link StopReason}.MMIO.
   *
   * @example
   * ```ts
   * import { Cpu, FlatMemory } from "@axvisor/loongarch-cpu";
   * console.log(new Cpu(new FlatMemory(0n, 4096)).mmio); // undefined
   * ```
   */
  get mmio(): MmioAccess | undefined {
    return this.mmioPending;
  }

  /**
   * Finishes the pending device access and moves past the instruction: for a load, `value` is written
   * to the destination register (sign- or zero-extended from the access width).
   *
   * @param value - The loaded value (ignored for stores).
   * @throws {@link LoongArchCpuError} `BadState` if no device access is pending.
   *
   * @example
   * ```ts
   * import { Cpu, FlatMemory } from "@axvisor/loongarch-cpu";
   * const cpu = new Cpu(new FlatMemory(0n, 4096));
   * try { cpu.completeMmio(0n); } catch (e) { console.log((e as Error).name); } // "LoongArchCpuError"
   * ```
   */
  completeMmio(value = 0n): void {
    const m = this.mmioPending;
    if (!m) throw new LoongArchCpuError("BadState", "completeMmio: no MMIO access is pending");
    if (!m.isWrite && m.fp === true) {
      const f = this.fpu.fpr;
      f[2 * m.reg] = Number(BigInt.asIntN(32, value));
      f[2 * m.reg + 1] = m.size === 8 ? Number(BigInt.asIntN(32, value >> 32n)) : -1;
    } else if (!m.isWrite && m.reg !== 0) {
      const bits = BigInt(m.size * 8);
      this.setReg(
        m.reg,
        m.signExtend ? BigInt.asIntN(Number(bits), value) : BigInt.asUintN(Number(bits), value),
      );
    }
    this.mmioPending = undefined;
    this.advancePc();
  }

  /**
   * Moves the PC past the current instruction (what a syscall handler does before resuming).
   *
   * @example
   * ```ts
   * import { Cpu, FlatMemory } from "@axvisor/loongarch-cpu";
   * const cpu = new Cpu(new FlatMemory(0n, 4096));
   * cpu.advancePc();
   * console.log(cpu.pc); // 4n
   * ```
   */
  advancePc(): void {
    this.pcLo = (this.pcLo + 4) | 0;
    if (this.pcLo === 0) this.pcHi = (this.pcHi + 1) | 0;
  }

  /**
   * Stops the current {@link Cpu.run} with an exception: for a {@link Cpu.privileged} hook (which then
   * returns 0) or a layer delivering faults. The exception's PC is {@link Cpu.pc}, its instruction word the
   * current one.
   *
   * @param ecode - ESTAT.Ecode.
   * @param esubcode - ESTAT.EsubCode.
   * @param badv - The faulting address, if any.
   *
   * @example
   * ```ts
   * import { Cpu, Ecode, FlatMemory } from "@axvisor/loongarch-cpu";
   * const cpu = new Cpu(new FlatMemory(0n, 4096));
   * cpu.raiseException(Ecode.INE);
   * console.log(cpu.exception?.ecode); // 13
   * ```
   */
  raiseException(ecode: number, esubcode = 0, badv = 0n): void {
    this.raise(ecode, esubcode, Number(BigInt.asIntN(32, badv)), Number(BigInt.asIntN(32, badv >> 32n)));
  }

  /**
   * Forgets every cached translation. Call it after the memory's mappings or permissions change.
   *
   * @example
   * ```ts
   * import { Cpu, FlatMemory } from "@axvisor/loongarch-cpu";
   * new Cpu(new FlatMemory(0n, 4096)).flushTlb();
   * ```
   */
  flushTlb(): void {
    this.jit?.flushTlb();
    this.rTagLo.fill(NO_TAG);
    this.wTagLo.fill(NO_TAG);
    this.fTagLo.fill(NO_TAG);
    this.cTagLo = NO_TAG;
    this.refreshRam();
  }

  /**
   * Reads guest memory through the CPU's translation (as loads would see it).
   *
   * @param addr - Guest virtual address.
   * @param length - Number of bytes.
   * @returns The bytes, or `undefined` if any byte is not readable.
   *
   * @example
   * ```ts
   * import { Cpu, FlatMemory } from "@axvisor/loongarch-cpu";
   * const cpu = new Cpu(new FlatMemory(0x1000n, 4096));
   * console.log(cpu.readMemory(0x1000n, 2), cpu.readMemory(0n, 1)); // Uint8Array(2) [ 0, 0 ] undefined
   * ```
   */
  readMemory(addr: bigint, length: number): Uint8Array | undefined {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      const off = this.byteOffset(addr + BigInt(i), Access.READ);
      if (off < 0) return undefined;
      out[i] = this.ram[off]!;
    }
    return out;
  }

  /**
   * Writes guest memory through the CPU's translation (as stores would).
   *
   * @param addr - Guest virtual address.
   * @param bytes - The bytes to write.
   * @returns `false` (and nothing written) if any byte is not writable.
   *
   * @example
   * ```ts
   * import { Cpu, FlatMemory } from "@axvisor/loongarch-cpu";
   * const cpu = new Cpu(new FlatMemory(0x1000n, 4096));
   * console.log(cpu.writeMemory(0x1000n, Uint8Array.of(7)), cpu.readMemory(0x1000n, 1)); // true Uint8Array(1) [ 7 ]
   * ```
   */
  writeMemory(addr: bigint, bytes: Uint8Array): boolean {
    const offs: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const off = this.byteOffset(addr + BigInt(i), Access.WRITE);
      if (off < 0) return false;
      offs.push(off);
    }
    for (let i = 0; i < bytes.length; i++) this.ram[offs[i]!] = bytes[i]!;
    // code compiled from these pages is stale now
    if (this.jit !== undefined) for (const off of offs) this.jit.noteWrite(off & -4096);
    return true;
  }

  /**
   * The execution tier in use: `"jit"` only when it was asked for and the memory could be shared with
   * WebAssembly (see {@link CpuOptions.cpuTier}).
   *
   * @example
   * ```ts
   * import { Cpu, FlatMemory } from "@axvisor/loongarch-cpu";
   * console.log(new Cpu(new FlatMemory(0n, 4096)).tier); // "interp"
   * ```
   */
  get tier(): "interp" | "jit" {
    return this.jit === undefined ? "interp" : "jit";
  }

  /**
   * Counters of the compiler tier (regions compiled and invalidated, instructions run in compiled
   * code), or `undefined` on the interpreter tier.
   *
   * @returns A snapshot of the counters.
   *
   * @example
   * ```ts
   * import { Cpu, FlatMemory } from "@axvisor/loongarch-cpu";
   * console.log(new Cpu(new FlatMemory(0n, 4096)).jitStats()); // undefined
   * ```
   */
  jitStats(): JitStats | undefined {
    return this.jit === undefined ? undefined : { ...this.jit.stats };
  }

  /**
   * Drops all code the compiler tier compiled (call when guest RAM was remapped under the CPU). A no-op
   * on the interpreter tier.
   *
   * @example
   * ```ts
   * import { Cpu, PagedMemory } from "@axvisor/loongarch-cpu";
   * new Cpu(new PagedMemory(), { cpuTier: "jit" }).invalidateCode();
   * ```
   */
  invalidateCode(): void {
    this.jit?.invalidateAll();
  }

  /**
   * Tells the compiler tier that the host may have written guest RAM directly (image loading, devices,
   * another vCPU): each compiled page compares its code with what it was compiled from before it next
   * runs. Stores the guest makes itself, and {@link Cpu.writeMemory}, need no such call.
   *
   * @example
   * ```ts
   * import { Cpu, PagedMemory } from "@axvisor/loongarch-cpu";
   * new Cpu(new PagedMemory(), { cpuTier: "jit" }).noteHostWrites();
   * ```
   */
  noteHostWrites(): void {
    this.jit?.noteHostWrites();
  }

  /**
   * Executes one instruction.
   *
   * @returns Why execution stopped ({@link StopReason}.BUDGET after a normal instruction).
   *
   * @example
   * ```ts
   * import { assemble, Cpu, FlatMemory } from "@axvisor/loongarch-cpu";
   * const mem = new FlatMemory(0n, 4096);
   * mem.write(0n, new Uint8Array(assemble("addi.d $t0, $zero, -1").buffer));
   * const cpu = new Cpu(mem);
   * cpu.step();
   * console.log(cpu.getReg(12).toString(16), cpu.pc); // "ffffffffffffffff" 4n
   * ```
   */
  step(): StopReasonValue {
    return this.run(1);
  }

  private byteOffset(addr: bigint, access: number): number {
    const a = BigInt.asUintN(64, addr);
    const lo = Number(BigInt.asIntN(32, a));
    const hi = Number(BigInt.asIntN(32, a >> 32n));
    const base = this.memory.translate(lo & -4096, hi, access);
    this.refreshRam();
    return base < 0 ? base : base + (lo & 4095);
  }

  private refreshRam(): void {
    const ram = this.memory.ram;
    if (ram !== this.ram) {
      this.ram = ram;
      this.dv = new DataView(ram.buffer, ram.byteOffset, ram.byteLength);
    }
  }

  private raise(ecode: number, esubcode: number, badvLo: number, badvHi: number): void {
    const big = (lo: number, hi: number) => (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
    this.exc = {
      ecode,
      esubcode,
      pc: this.pc,
      badv: big(badvLo, badvHi),
      insn: this.insn >>> 0,
    };
    this.stop = StopReason.EXCEPTION;
  }

  private memFault(code: number, lo: number, hi: number, access: number): void {
    if (code === Fault.BAD_ADDRESS) {
      this.raise(Ecode.ADE, access === Access.FETCH ? EsubCode.ADEF : EsubCode.ADEM, lo, hi);
    } else if (code === Fault.PROTECTION) {
      this.raise(
        access === Access.WRITE ? Ecode.PME : access === Access.FETCH ? Ecode.PNX : Ecode.PNR,
        0,
        lo,
        hi,
      );
    } else {
      this.raise(
        access === Access.WRITE ? Ecode.PIS : access === Access.FETCH ? Ecode.PIF : Ecode.PIL,
        0,
        lo,
        hi,
      );
    }
  }

  /** Translates the page of (lo, hi) and fills the TLB; returns the page's ram offset or a Fault. */
  private fill(lo: number, hi: number, access: number): number {
    const page = lo & -4096;
    const base = this.memory.translate(page, hi, access);
    this.refreshRam();
    if (base >= 0) {
      const i = (lo >>> 12) & TLB_MASK;
      if (access === Access.WRITE) {
        // a store is about to reach this page: drop code compiled from it
        if (this.jit !== undefined) this.jit.noteWrite(base);
        // an alignment check needs every access on the slow path: no tag may hit
        if (this.alignCheck) return base;
        this.wTagLo[i] = page;
        this.wTagHi[i] = hi;
        this.wAdd[i] = base;
      } else if (access === Access.READ && !this.alignCheck) {
        this.rTagLo[i] = page;
        this.rTagHi[i] = hi;
        this.rAdd[i] = base;
      }
    }
    return base;
  }

  /**
   * Loads `size` bytes at (lo, hi) into register slot `d` (sign-extended if `signed`). Returns false
   * when the access stopped the CPU (exception or MMIO).
   */
  private load(lo: number, hi: number, size: number, signed: number, d: number): boolean {
    if (!this.loadRaw(lo, hi, size, signed, d)) return false;
    let vlo = this.mlo;
    let vhi = this.mhi;
    if (size === 8) {
      // nothing to extend
    } else if (signed) {
      vlo = size === 4 ? vlo : size === 2 ? (vlo << 16) >> 16 : (vlo << 24) >> 24;
      vhi = vlo >> 31;
    } else {
      vhi = 0;
    }
    this.regs[d] = vlo;
    this.regs[d + 1] = vhi;
    return true;
  }

  /** Loads raw little-endian bytes into mlo/mhi (zero-extended). */
  private loadRaw(lo: number, hi: number, size: number, signed: number, d: number): boolean {
    if (this.alignCheck && (lo & (size - 1)) !== 0) {
      this.raise(Ecode.ALE, 0, lo, hi);
      return false;
    }
    const off = lo & 4095;
    if (off + size <= 4096) {
      const i = (lo >>> 12) & TLB_MASK;
      let base: number;
      if (this.rTagLo[i] === (lo & -4096) && this.rTagHi[i] === hi) base = this.rAdd[i]!;
      else {
        base = this.fill(lo, hi, Access.READ);
        if (base < 0) return this.loadFault(base, lo, hi, size, signed, d);
      }
      const a = base + off;
      const dv = this.dv;
      if (size === 8) {
        this.mlo = dv.getInt32(a, true);
        this.mhi = dv.getInt32(a + 4, true);
      } else {
        this.mlo = size === 4 ? dv.getInt32(a, true) : size === 2 ? dv.getUint16(a, true) : dv.getUint8(a);
        this.mhi = 0;
      }
      return true;
    }
    // crosses a page: byte by byte (either page may fault)
    let vlo = 0;
    let vhi = 0;
    for (let b = 0; b < size; b++) {
      const blo = (lo + b) | 0;
      const bhi = (hi + (blo >>> 0 < lo >>> 0 ? 1 : 0)) | 0;
      const base = this.fill(blo, bhi, Access.READ);
      if (base < 0) return this.loadFault(base, blo, bhi, size, signed, d, lo, hi);
      const v = this.ram[base + (blo & 4095)]!;
      if (b < 4) vlo |= v << (8 * b);
      else vhi |= v << (8 * (b - 4));
    }
    this.mlo = vlo | 0;
    this.mhi = vhi | 0;
    return true;
  }

  private loadFault(
    code: number,
    lo: number,
    hi: number,
    size: number,
    signed: number,
    d: number,
    startLo = lo,
    startHi = hi,
  ): boolean {
    if (code === Fault.MMIO && d < 0 && this.fpMmioReg >= 0) {
      this.mmioPending = {
        addr: (BigInt(startHi >>> 0) << 32n) | BigInt(startLo >>> 0),
        size,
        isWrite: false,
        data: 0n,
        reg: this.fpMmioReg,
        signExtend: false,
        fp: true,
      };
      this.stop = StopReason.MMIO;
      return false;
    }
    if (code === Fault.MMIO && d >= 0) {
      this.mmioPending = {
        addr: (BigInt(startHi >>> 0) << 32n) | BigInt(startLo >>> 0),
        size,
        isWrite: false,
        data: 0n,
        reg: d === ZERO_SINK ? 0 : d >> 1,
        signExtend: signed !== 0,
      };
      this.stop = StopReason.MMIO;
      return false;
    }
    this.memFault(code === Fault.MMIO ? Fault.BAD_ADDRESS : code, lo, hi, Access.READ);
    return false;
  }

  /** Stores the low `size` bytes of (vlo, vhi) at (lo, hi). Returns false when the CPU stopped. */
  private store(lo: number, hi: number, size: number, vlo: number, vhi: number, mmioOk = true): boolean {
    if (this.alignCheck && (lo & (size - 1)) !== 0) {
      this.raise(Ecode.ALE, 0, lo, hi);
      return false;
    }
    const off = lo & 4095;
    if (off + size <= 4096) {
      const i = (lo >>> 12) & TLB_MASK;
      let base: number;
      if (this.wTagLo[i] === (lo & -4096) && this.wTagHi[i] === hi) base = this.wAdd[i]!;
      else {
        base = this.fill(lo, hi, Access.WRITE);
        if (base < 0) return this.storeFault(base, lo, hi, size, vlo, vhi, lo, hi, mmioOk);
      }
      const a = base + off;
      const dv = this.dv;
      if (size === 8) {
        dv.setInt32(a, vlo, true);
        dv.setInt32(a + 4, vhi, true);
      } else if (size === 4) dv.setInt32(a, vlo, true);
      else if (size === 2) dv.setInt16(a, vlo, true);
      else dv.setInt8(a, vlo);
      return true;
    }
    // crosses a page: translate every byte first so a fault leaves memory unchanged
    const offs: number[] = [];
    for (let b = 0; b < size; b++) {
      const blo = (lo + b) | 0;
      const bhi = (hi + (blo >>> 0 < lo >>> 0 ? 1 : 0)) | 0;
      const base = this.fill(blo, bhi, Access.WRITE);
      if (base < 0) return this.storeFault(base, blo, bhi, size, vlo, vhi, lo, hi, mmioOk);
      offs.push(base + (blo & 4095));
    }
    for (let b = 0; b < size; b++) this.ram[offs[b]!] = b < 4 ? vlo >>> (8 * b) : vhi >>> (8 * (b - 4));
    return true;
  }

  private storeFault(
    code: number,
    lo: number,
    hi: number,
    size: number,
    vlo: number,
    vhi: number,
    startLo: number,
    startHi: number,
    mmioOk: boolean,
  ): boolean {
    if (code === Fault.MMIO && mmioOk) {
      const v = (BigInt(vhi >>> 0) << 32n) | BigInt(vlo >>> 0);
      this.mmioPending = {
        addr: (BigInt(startHi >>> 0) << 32n) | BigInt(startLo >>> 0),
        size,
        isWrite: true,
        data: BigInt.asUintN(size * 8, v),
        reg: 0,
        signExtend: false,
      };
      this.stop = StopReason.MMIO;
      return false;
    }
    this.memFault(code === Fault.MMIO ? Fault.BAD_ADDRESS : code, lo, hi, Access.WRITE);
    return false;
  }

  /** Fetch-side translation of the page of (lo, hi): sets the code cache, or raises. */
  private fetchPage(lo: number, hi: number): boolean {
    if ((lo & 3) !== 0) {
      this.insn = 0;
      this.raise(Ecode.ADE, EsubCode.ADEF, lo, hi);
      return false;
    }
    const i = (lo >>> 12) & TLB_MASK;
    if (this.fTagLo[i] === (lo & -4096) && this.fTagHi[i] === hi) {
      this.cTagLo = lo & -4096;
      this.cTagHi = hi;
      this.cBase = this.fBase[i]!;
      this.cDec = this.fDec[i]!;
      return true;
    }
    const base = this.memory.translate(lo & -4096, hi, Access.FETCH);
    this.refreshRam();
    if (base < 0) {
      this.insn = 0;
      this.memFault(base === Fault.MMIO ? Fault.BAD_ADDRESS : base, lo, hi, Access.FETCH);
      return false;
    }
    this.setFetchPage(lo, hi, base);
    this.fTagLo[i] = lo & -4096;
    this.fTagHi[i] = hi;
    this.fBase[i] = base;
    this.fDec[i] = this.cDec;
    return true;
  }

  /**
   * Makes the page of `lo`/`hi`, at host RAM offset `base` (a successful fetch translation), the current
   * fetch page: the compiler tier, which translated it already, calls this before it interprets there.
   */
  private setFetchPage(lo: number, hi: number, base: number): void {
    this.cTagLo = lo & -4096;
    this.cTagHi = hi;
    // an int32 like the TLB addends, so the fetch index stays an integer in optimised code
    this.cBase = base | 0;
    let page = this.codePages.get(base);
    if (page === undefined) {
      if (this.codePages.size >= MAX_CODE_PAGES) this.codePages.clear();
      page = new Int32Array(2048);
      this.codePages.set(base, page);
    }
    this.cDec = page;
  }

  /** Atomic read-modify-write of am*: returns false when the CPU stopped. */
  private amo(op: number, w: number, size: number): boolean {
    const r = this.regs;
    const j = (w >>> 4) & 62;
    const k = (w >>> 9) & 62;
    const d = (w & 31) << 1 || ZERO_SINK;
    const alo = r[j]!;
    const ahi = r[j + 1]!;
    const blo = r[k]!;
    const bhi = size === 8 ? r[k + 1]! : blo >> 31;
    if (alo & (size - 1)) {
      this.raise(Ecode.ALE, 0, alo, ahi);
      return false;
    }
    if (!this.loadRaw(alo, ahi, size, 0, -1)) return false;
    let olo = this.mlo;
    let ohi = size === 8 ? this.mhi : olo >> 31;
    let nlo: number;
    let nhi: number;
    switch (op) {
      case 0: // swap
        nlo = blo;
        nhi = bhi;
        break;
      case 1: {
        nlo = (olo + blo) | 0;
        nhi = (ohi + bhi + (nlo >>> 0 < olo >>> 0 ? 1 : 0)) | 0;
        break;
      }
      case 2:
        nlo = olo & blo;
        nhi = ohi & bhi;
        break;
      case 3:
        nlo = olo | blo;
        nhi = ohi | bhi;
        break;
      case 4:
        nlo = olo ^ blo;
        nhi = ohi ^ bhi;
        break;
      default: {
        // 5 max, 6 min, 7 max unsigned, 8 min unsigned
        let less: boolean;
        if (op < 7) less = ohi < bhi || (ohi === bhi && olo >>> 0 < blo >>> 0);
        else if (size === 8) less = ohi >>> 0 < bhi >>> 0 || (ohi === bhi && olo >>> 0 < blo >>> 0);
        else less = olo >>> 0 < blo >>> 0;
        const takeB = op === 5 || op === 7 ? less : !less && !(olo === blo && ohi === bhi);
        nlo = takeB ? blo : olo;
        nhi = takeB ? bhi : ohi;
      }
    }
    if (!this.store(alo, ahi, size, nlo, nhi, false)) return false;
    if (size === 4) {
      ohi = olo >> 31;
    }
    olo |= 0;
    r[d] = olo;
    r[d + 1] = ohi;
    return true;
  }

  /**
   * Runs until `budget` instructions have executed, an exception is raised, or a device access needs
   * the VM.
   *
   * @param budget - Maximum number of instructions to execute; values above 2^30 (including
   *   `Infinity`) run 2^30 instructions, so the counter stays a small integer. A budget below 1 runs
   *   nothing and returns {@link StopReason}.BUDGET.
   * @returns The {@link StopReason}. After EXCEPTION the PC points at the excepting instruction and
   *   {@link Cpu.exception} describes it; after MMIO see {@link Cpu.mmio}.
   *
   * @example
   * ```ts
   * import { assemble, Cpu, FlatMemory, StopReason } from "@axvisor/loongarch-cpu";
   * const mem = new FlatMemory(0n, 4096);
   * mem.write(0n, new Uint8Array(assemble("loop:\naddi.d $a0, $a0, 1\nb loop").buffer));
   * const cpu = new Cpu(mem);
   * console.log(cpu.run(1000) === StopReason.BUDGET, cpu.getReg(4)); // true 500n
   * ```
   */
  run(budget: number): StopReasonValue {
    return this.jit !== undefined ? this.jit.run(budget) : this.interpret(budget);
  }

  /**
   * Like {@link Cpu.run}, but always on the interpreter tier (the compiler tier uses it for cold code and
   * rare instructions).
   *
   * @param budget - Maximum number of instructions to execute (as for {@link Cpu.run}).
   * @returns The {@link StopReason}.
   *
   * @example
   * ```ts
   * import { assemble, Cpu, FlatMemory, StopReason } from "@axvisor/loongarch-cpu";
   * const mem = new FlatMemory(0n, 4096);
   * mem.write(0n, new Uint8Array(assemble("loop:\naddi.d $a0, $a0, 1\nb loop").buffer));
   * const cpu = new Cpu(mem);
   * console.log(cpu.interpret(10) === StopReason.BUDGET, cpu.getReg(4)); // true 5n
   * ```
   */
  interpret(budget: number): StopReasonValue {
    if (!(budget >= 1)) return StopReason.BUDGET;
    if (budget > MAX_SLICE) budget = MAX_SLICE;
    // an int32 (1..2^30): a float64 counter would cost a conversion per instruction in optimised code
    budget = Math.floor(budget) | 0;
    // the memory may have moved its RAM since the last run (a PagedMemory grows by copying)
    this.refreshRam();
    // ZERO_SINK and TLB_MASK as literals: optimised code loads and type-checks a module-level const at
    // each use, a local one is a constant
    const SINK = 64;
    const MASK = 255;
    const r = this.regs;
    let pcLo = this.pcLo;
    let pcHi = this.pcHi;
    let dv = this.dv;
    let cTagLo = this.cTagLo;
    let cTagHi = this.cTagHi;
    let cBase = this.cBase | 0;
    let cDec = this.cDec;
    const rTagLo = this.rTagLo;
    const rTagHi = this.rTagHi;
    const rAdd = this.rAdd;
    const wTagLo = this.wTagLo;
    const wTagHi = this.wTagHi;
    const wAdd = this.wAdd;
    let n = budget;
    // 1 when the PC may have left the fetch page (a jump, a page end, a rare instruction): the page check
    // then runs once, instead of at every instruction
    let ck = 1;
    this.stop = StopReason.BUDGET;
    this.exc = undefined;
    loop: while (n > 0) {
      if (ck !== 0) {
        ck = 0;
        // (a misaligned PC, from ertn or the host, takes the slow path too, which raises ADEF)
        if ((pcLo & -4096) !== cTagLo || pcHi !== cTagHi || (pcLo & 3) !== 0) {
          this.pcLo = pcLo;
          this.pcHi = pcHi;
          if (!this.fetchPage(pcLo, pcHi)) break;
          cTagLo = this.cTagLo;
          cTagHi = this.cTagHi;
          cBase = this.cBase | 0;
          cDec = this.cDec;
          dv = this.dv;
        }
      }
      const w = dv.getInt32(cBase + (pcLo & 4095), true);
      n--;
      // d: destination slot (writes to $zero go to the sink); j, k: source slots of rj, rk
      // the fetch page's decoded-instruction cache in front of the decoder tree
      const slot = (pcLo & 4095) >> 1;
      let op = cDec[slot | 1]!;
      if (cDec[slot] !== w) {
        op = decode(w);
        cDec[slot] = w;
        cDec[slot | 1] = op;
      }
      switch (op) {
        // ---- hot integer ops first ----
        case 42: {
          // ADDI_D
          const j = (w >>> 4) & 62;
          const imm = (w << 10) >> 20;
          const a = r[j]!;
          const lo = (a + imm) | 0;
          const hi = (r[j + 1]! + (imm >> 31) + (lo >>> 0 < a >>> 0 ? 1 : 0)) | 0;
          const d = (w & 31) << 1 || SINK;
          r[d] = lo;
          r[d + 1] = hi;
          break;
        }
        case 11: {
          // OR
          const j = (w >>> 4) & 62;
          const k = (w >>> 9) & 62;
          const lo = r[j]! | r[k]!;
          const hi = r[j + 1]! | r[k + 1]!;
          const d = (w & 31) << 1 || SINK;
          r[d] = lo;
          r[d + 1] = hi;
          break;
        }
        case 94: {
          // LD_D
          const j = (w >>> 4) & 62;
          const imm = (w << 10) >> 20;
          const a = r[j]!;
          const lo = (a + imm) | 0;
          const hi = (r[j + 1]! + (imm >> 31) + (lo >>> 0 < a >>> 0 ? 1 : 0)) | 0;
          const d = (w & 31) << 1 || SINK;
          const i = (lo >>> 12) & MASK;
          if (rTagLo[i] === (lo & -4096) && rTagHi[i] === hi && (lo & 4095) <= 4088) {
            const p = rAdd[i]! + (lo & 4095);
            r[d] = dv.getInt32(p, true);
            r[d + 1] = dv.getInt32(p + 4, true);
          } else {
            this.insn = w;
            this.pcLo = pcLo;
            this.pcHi = pcHi;
            const ok = this.load(lo, hi, 8, 1, d);
            dv = this.dv;
            if (!ok) break loop;
          }
          break;
        }
        case 98: {
          // ST_D
          const j = (w >>> 4) & 62;
          const imm = (w << 10) >> 20;
          const a = r[j]!;
          const lo = (a + imm) | 0;
          const hi = (r[j + 1]! + (imm >> 31) + (lo >>> 0 < a >>> 0 ? 1 : 0)) | 0;
          const s = (w & 31) << 1;
          const i = (lo >>> 12) & MASK;
          if (wTagLo[i] === (lo & -4096) && wTagHi[i] === hi && (lo & 4095) <= 4088) {
            const p = wAdd[i]! + (lo & 4095);
            dv.setInt32(p, r[s]!, true);
            dv.setInt32(p + 4, r[s + 1]!, true);
          } else {
            this.insn = w;
            this.pcLo = pcLo;
            this.pcHi = pcHi;
            const ok = this.store(lo, hi, 8, r[s]!, r[s + 1]!);
            dv = this.dv;
            if (!ok) break loop;
          }
          break;
        }
        case 90: {
          // BSTRPICK_D
          const j = (w >>> 4) & 62;
          const msb = (w >>> 16) & 63;
          const lsb = (w >>> 10) & 63;
          if (lsb > msb) {
            this.insn = w;
            this.pcLo = pcLo;
            this.pcHi = pcHi;
            this.raise(Ecode.INE, 0, 0, 0);
            break loop;
          }
          const alo = r[j]!;
          const ahi = r[j + 1]!;
          let lo: number;
          let hi: number;
          if (lsb === 0) {
            lo = alo;
            hi = ahi;
          } else if (lsb < 32) {
            lo = (alo >>> lsb) | (ahi << (32 - lsb));
            hi = ahi >>> lsb;
          } else {
            lo = ahi >>> (lsb - 32);
            hi = 0;
          }
          const width = msb - lsb + 1;
          if (width < 32) {
            lo &= (1 << width) - 1;
            hi = 0;
          } else if (width === 32) hi = 0;
          else if (width < 64) hi &= (1 << (width - 32)) - 1;
          const d = (w & 31) << 1 || SINK;
          r[d] = lo | 0;
          r[d + 1] = hi | 0;
          break;
        }
        case 33: {
          // ALSL_D
          const j = (w >>> 4) & 62;
          const k = (w >>> 9) & 62;
          const sa = ((w >>> 15) & 3) + 1;
          const alo = r[j]!;
          const slo = alo << sa;
          const shi = (r[j + 1]! << sa) | (alo >>> (32 - sa));
          const lo = (slo + r[k]!) | 0;
          const d = (w & 31) << 1 || SINK;
          r[d + 1] = (shi + r[k + 1]! + (lo >>> 0 < slo >>> 0 ? 1 : 0)) | 0;
          r[d] = lo;
          break;
        }
        case 34: {
          // LU12I_W
          const lo = (w >>> 5) << 12;
          const d = (w & 31) << 1 || SINK;
          r[d] = lo;
          r[d + 1] = lo >> 31;
          break;
        }
        case 38: // PCALAU12I
        case 39: {
          // PCADDU12I
          const olo = ((w << 7) >> 12) << 12;
          let lo = (pcLo + olo) | 0;
          const hi = (pcHi + (olo >> 31) + (lo >>> 0 < pcLo >>> 0 ? 1 : 0)) | 0;
          if (op === 38) lo &= -4096;
          const d = (w & 31) << 1 || SINK;
          r[d] = lo;
          r[d + 1] = hi;
          break;
        }
        case 55: {
          // SLLI_W
          const lo = r[(w >>> 4) & 62]! << ((w >>> 10) & 31);
          const d = (w & 31) << 1 || SINK;
          r[d] = lo;
          r[d + 1] = lo >> 31;
          break;
        }
        case 57: {
          // SRLI_W
          const lo = (r[(w >>> 4) & 62]! >>> ((w >>> 10) & 31)) | 0;
          const d = (w & 31) << 1 || SINK;
          r[d] = lo;
          r[d + 1] = lo >> 31;
          break;
        }
        case 59: {
          // SRAI_W
          const lo = r[(w >>> 4) & 62]! >> ((w >>> 10) & 31);
          const d = (w & 31) << 1 || SINK;
          r[d] = lo;
          r[d + 1] = lo >> 31;
          break;
        }
        case 63: {
          // EXT_W_H
          const lo = (r[(w >>> 4) & 62]! << 16) >> 16;
          const d = (w & 31) << 1 || SINK;
          r[d] = lo;
          r[d + 1] = lo >> 31;
          break;
        }
        case 64: {
          // EXT_W_B
          const lo = (r[(w >>> 4) & 62]! << 24) >> 24;
          const d = (w & 31) << 1 || SINK;
          r[d] = lo;
          r[d + 1] = lo >> 31;
          break;
        }
        case 50: {
          // SLL_D
          const j = (w >>> 4) & 62;
          const sh = r[(w >>> 9) & 62]! & 63;
          const alo = r[j]!;
          const ahi = r[j + 1]!;
          const d = (w & 31) << 1 || SINK;
          if (sh === 0) {
            r[d] = alo;
            r[d + 1] = ahi;
          } else if (sh < 32) {
            r[d + 1] = (ahi << sh) | (alo >>> (32 - sh));
            r[d] = alo << sh;
          } else {
            r[d + 1] = alo << (sh - 32);
            r[d] = 0;
          }
          break;
        }
        case 51: // SRL_D
        case 52: {
          // SRA_D
          const j = (w >>> 4) & 62;
          const sh = r[(w >>> 9) & 62]! & 63;
          const alo = r[j]!;
          const ahi = r[j + 1]!;
          const d = (w & 31) << 1 || SINK;
          if (sh === 0) {
            r[d] = alo;
            r[d + 1] = ahi;
          } else if (sh < 32) {
            r[d] = (alo >>> sh) | (ahi << (32 - sh));
            r[d + 1] = op === 52 ? ahi >> sh : ahi >>> sh;
          } else {
            r[d] = op === 52 ? ahi >> (sh - 32) : ahi >>> (sh - 32);
            r[d + 1] = op === 52 ? ahi >> 31 : 0;
          }
          break;
        }
        case 48: {
          // SRL_W
          const lo = (r[(w >>> 4) & 62]! >>> (r[(w >>> 9) & 62]! & 31)) | 0;
          const d = (w & 31) << 1 || SINK;
          r[d] = lo;
          r[d + 1] = lo >> 31;
          break;
        }
        case 49: {
          // SRA_W
          const lo = r[(w >>> 4) & 62]! >> (r[(w >>> 9) & 62]! & 31);
          const d = (w & 31) << 1 || SINK;
          r[d] = lo;
          r[d + 1] = lo >> 31;
          break;
        }
        case 61: {
          // ROTRI_W (Linux hashes with it)
          const a = r[(w >>> 4) & 62]!;
          const sh = (w >>> 10) & 31;
          const lo = (a >>> sh) | (a << (32 - sh));
          const d = (w & 31) << 1 || SINK;
          r[d] = lo;
          r[d + 1] = lo >> 31;
          break;
        }
        case 47: {
          // SLL_W
          const lo = r[(w >>> 4) & 62]! << (r[(w >>> 9) & 62]! & 31);
          const d = (w & 31) << 1 || SINK;
          r[d] = lo;
          r[d + 1] = lo >> 31;
          break;
        }
        case 35: {
          // LU32I_D
          const d = (w & 31) << 1 || SINK;
          r[d + 1] = (w << 7) >> 12;
          break;
        }
        case 36: {
          // LU52I_D
          const j = (w >>> 4) & 62;
          const lo = r[j]!;
          const hi = (r[j + 1]! & 0xfffff) | (((w >>> 10) & 0xfff) << 20);
          const d = (w & 31) << 1 || SINK;
          r[d] = lo;
          r[d + 1] = hi;
          break;
        }
        case 115: // DBAR: a hart's own accesses are in order already
          break;
        case 15: {
          // MUL_W
          const lo = Math.imul(r[(w >>> 4) & 62]!, r[(w >>> 9) & 62]!);
          const d = (w & 31) << 1 || SINK;
          r[d] = lo;
          r[d + 1] = lo >> 31;
          break;
        }
        case 56: {
          // SLLI_D
          const j = (w >>> 4) & 62;
          const sh = (w >>> 10) & 63;
          const alo = r[j]!;
          const ahi = r[j + 1]!;
          const d = (w & 31) << 1 || SINK;
          if (sh === 0) {
            r[d] = alo;
            r[d + 1] = ahi;
          } else if (sh < 32) {
            r[d + 1] = (ahi << sh) | (alo >>> (32 - sh));
            r[d] = alo << sh;
          } else {
            r[d + 1] = alo << (sh - 32);
            r[d] = 0;
          }
          break;
        }
        case 58: {
          // SRLI_D
          const j = (w >>> 4) & 62;
          const sh = (w >>> 10) & 63;
          const alo = r[j]!;
          const ahi = r[j + 1]!;
          const d = (w & 31) << 1 || SINK;
          if (sh === 0) {
            r[d] = alo;
            r[d + 1] = ahi;
          } else if (sh < 32) {
            r[d] = (alo >>> sh) | (ahi << (32 - sh));
            r[d + 1] = ahi >>> sh;
          } else {
            r[d] = ahi >>> (sh - 32);
            r[d + 1] = 0;
          }
          break;
        }
        case 60: {
          // SRAI_D
          const j = (w >>> 4) & 62;
          const sh = (w >>> 10) & 63;
          const alo = r[j]!;
          const ahi = r[j + 1]!;
          const d = (w & 31) << 1 || SINK;
          if (sh === 0) {
            r[d] = alo;
            r[d + 1] = ahi;
          } else if (sh < 32) {
            r[d] = (alo >>> sh) | (ahi << (32 - sh));
            r[d + 1] = ahi >> sh;
          } else {
            r[d] = ahi >> (sh - 32);
            r[d + 1] = ahi >> 31;
          }
          break;
        }
        case 195: {
          // BNEZ
          const j = (w >>> 4) & 62;
          if ((r[j]! | r[j + 1]!) !== 0) {
            const off = ((((w & 31) << 16) | ((w >>> 10) & 0xffff)) << 11) >> 9;
            const lo = (pcLo + off) | 0;
            pcHi = (pcHi + (off >> 31) + (lo >>> 0 < pcLo >>> 0 ? 1 : 0)) | 0;
            pcLo = lo;
            ck = 1;
            continue;
          }
          break;
        }
        case 194: {
          // BEQZ
          const j = (w >>> 4) & 62;
          if ((r[j]! | r[j + 1]!) === 0) {
            const off = ((((w & 31) << 16) | ((w >>> 10) & 0xffff)) << 11) >> 9;
            const lo = (pcLo + off) | 0;
            pcHi = (pcHi + (off >> 31) + (lo >>> 0 < pcLo >>> 0 ? 1 : 0)) | 0;
            pcLo = lo;
            ck = 1;
            continue;
          }
          break;
        }
        case 201: {
          // BEQ: one case per condition, no test chain
          const j = (w >>> 4) & 62;
          const s = (w & 31) << 1;
          const alo = r[j]!;
          const ahi = r[j + 1]!;
          const blo = r[s]!;
          const bhi = r[s + 1]!;
          if (alo === blo && ahi === bhi) {
            const off = ((w << 6) >> 16) << 2;
            const lo = (pcLo + off) | 0;
            pcHi = (pcHi + (off >> 31) + (lo >>> 0 < pcLo >>> 0 ? 1 : 0)) | 0;
            pcLo = lo;
            ck = 1;
            continue;
          }
          break;
        }
        case 202: {
          // BNE
          const j = (w >>> 4) & 62;
          const s = (w & 31) << 1;
          const alo = r[j]!;
          const ahi = r[j + 1]!;
          const blo = r[s]!;
          const bhi = r[s + 1]!;
          if (alo !== blo || ahi !== bhi) {
            const off = ((w << 6) >> 16) << 2;
            const lo = (pcLo + off) | 0;
            pcHi = (pcHi + (off >> 31) + (lo >>> 0 < pcLo >>> 0 ? 1 : 0)) | 0;
            pcLo = lo;
            ck = 1;
            continue;
          }
          break;
        }
        case 203: {
          // BLT
          const j = (w >>> 4) & 62;
          const s = (w & 31) << 1;
          const alo = r[j]!;
          const ahi = r[j + 1]!;
          const blo = r[s]!;
          const bhi = r[s + 1]!;
          if (ahi < bhi || (ahi === bhi && alo >>> 0 < blo >>> 0)) {
            const off = ((w << 6) >> 16) << 2;
            const lo = (pcLo + off) | 0;
            pcHi = (pcHi + (off >> 31) + (lo >>> 0 < pcLo >>> 0 ? 1 : 0)) | 0;
            pcLo = lo;
            ck = 1;
            continue;
          }
          break;
        }
        case 204: {
          // BGE
          const j = (w >>> 4) & 62;
          const s = (w & 31) << 1;
          const alo = r[j]!;
          const ahi = r[j + 1]!;
          const blo = r[s]!;
          const bhi = r[s + 1]!;
          if (ahi > bhi || (ahi === bhi && alo >>> 0 >= blo >>> 0)) {
            const off = ((w << 6) >> 16) << 2;
            const lo = (pcLo + off) | 0;
            pcHi = (pcHi + (off >> 31) + (lo >>> 0 < pcLo >>> 0 ? 1 : 0)) | 0;
            pcLo = lo;
            ck = 1;
            continue;
          }
          break;
        }
        case 205: {
          // BLTU
          const j = (w >>> 4) & 62;
          const s = (w & 31) << 1;
          const alo = r[j]!;
          const ahi = r[j + 1]!;
          const blo = r[s]!;
          const bhi = r[s + 1]!;
          if (ahi >>> 0 < bhi >>> 0 || (ahi === bhi && alo >>> 0 < blo >>> 0)) {
            const off = ((w << 6) >> 16) << 2;
            const lo = (pcLo + off) | 0;
            pcHi = (pcHi + (off >> 31) + (lo >>> 0 < pcLo >>> 0 ? 1 : 0)) | 0;
            pcLo = lo;
            ck = 1;
            continue;
          }
          break;
        }
        case 206: {
          // BGEU
          const j = (w >>> 4) & 62;
          const s = (w & 31) << 1;
          const alo = r[j]!;
          const ahi = r[j + 1]!;
          const blo = r[s]!;
          const bhi = r[s + 1]!;
          if (ahi >>> 0 > bhi >>> 0 || (ahi === bhi && alo >>> 0 >= blo >>> 0)) {
            const off = ((w << 6) >> 16) << 2;
            const lo = (pcLo + off) | 0;
            pcHi = (pcHi + (off >> 31) + (lo >>> 0 < pcLo >>> 0 ? 1 : 0)) | 0;
            pcLo = lo;
            ck = 1;
            continue;
          }
          break;
        }
        case 45: {
          // ORI
          const j = (w >>> 4) & 62;
          const lo = r[j]! | ((w >>> 10) & 0xfff);
          const hi = r[j + 1]!;
          const d = (w & 31) << 1 || SINK;
          r[d] = lo;
          r[d + 1] = hi;
          break;
        }
        case 44: {
          // ANDI
          const j = (w >>> 4) & 62;
          const d = (w & 31) << 1 || SINK;
          r[d] = r[j]! & ((w >>> 10) & 0xfff);
          r[d + 1] = 0;
          break;
        }
        case 46: {
          // XORI
          const j = (w >>> 4) & 62;
          const lo = r[j]! ^ ((w >>> 10) & 0xfff);
          const hi = r[j + 1]!;
          const d = (w & 31) << 1 || SINK;
          r[d] = lo;
          r[d + 1] = hi;
          break;
        }
        case 2: {
          // ADD_D
          const j = (w >>> 4) & 62;
          const k = (w >>> 9) & 62;
          const a = r[j]!;
          const lo = (a + r[k]!) | 0;
          const hi = (r[j + 1]! + r[k + 1]! + (lo >>> 0 < a >>> 0 ? 1 : 0)) | 0;
          const d = (w & 31) << 1 || SINK;
          r[d] = lo;
          r[d + 1] = hi;
          break;
        }
        case 4: {
          // SUB_D
          const j = (w >>> 4) & 62;
          const k = (w >>> 9) & 62;
          const a = r[j]!;
          const b = r[k]!;
          const hi = (r[j + 1]! - r[k + 1]! - (a >>> 0 < b >>> 0 ? 1 : 0)) | 0;
          const d = (w & 31) << 1 || SINK;
          r[d] = (a - b) | 0;
          r[d + 1] = hi;
          break;
        }
        case 1: {
          // ADD_W
          const lo = (r[(w >>> 4) & 62]! + r[(w >>> 9) & 62]!) | 0;
          const d = (w & 31) << 1 || SINK;
          r[d] = lo;
          r[d + 1] = lo >> 31;
          break;
        }
        case 3: {
          // SUB_W
          const lo = (r[(w >>> 4) & 62]! - r[(w >>> 9) & 62]!) | 0;
          const d = (w & 31) << 1 || SINK;
          r[d] = lo;
          r[d + 1] = lo >> 31;
          break;
        }
        case 41: {
          // ADDI_W
          const lo = (r[(w >>> 4) & 62]! + ((w << 10) >> 20)) | 0;
          const d = (w & 31) << 1 || SINK;
          r[d] = lo;
          r[d + 1] = lo >> 31;
          break;
        }
        case 12: {
          // XOR
          const j = (w >>> 4) & 62;
          const k = (w >>> 9) & 62;
          const lo = r[j]! ^ r[k]!;
          const hi = r[j + 1]! ^ r[k + 1]!;
          const d = (w & 31) << 1 || SINK;
          r[d] = lo;
          r[d + 1] = hi;
          break;
        }
        case 10: {
          // AND
          const j = (w >>> 4) & 62;
          const k = (w >>> 9) & 62;
          const lo = r[j]! & r[k]!;
          const hi = r[j + 1]! & r[k + 1]!;
          const d = (w & 31) << 1 || SINK;
          r[d] = lo;
          r[d + 1] = hi;
          break;
        }
        case 9: // NOR
        case 13: // ORN
        case 14: {
          // ANDN
          const j = (w >>> 4) & 62;
          const k = (w >>> 9) & 62;
          const alo = r[j]!;
          const ahi = r[j + 1]!;
          const blo = r[k]!;
          const bhi = r[k + 1]!;
          const op = (w >>> 15) & 3;
          const d = (w & 31) << 1 || SINK;
          // 0x00140000 nor (op 0), 0x00160000 orn (op 0), 0x00168000 andn (op 1); tell nor from orn by bit 17
          if ((w & 0x20000) === 0) {
            r[d] = ~(alo | blo);
            r[d + 1] = ~(ahi | bhi);
          } else if (op === 0) {
            r[d] = alo | ~blo;
            r[d + 1] = ahi | ~bhi;
          } else {
            r[d] = alo & ~blo;
            r[d + 1] = ahi & ~bhi;
          }
          break;
        }
        case 85: // MASKEQZ
        case 86: {
          // MASKNEZ
          const j = (w >>> 4) & 62;
          const k = (w >>> 9) & 62;
          const zero = (r[k]! | r[k + 1]!) === 0;
          const keep = (w & 0x8000) === 0 ? !zero : zero;
          const lo = keep ? r[j]! : 0;
          const hi = keep ? r[j + 1]! : 0;
          const d = (w & 31) << 1 || SINK;
          r[d] = lo;
          r[d + 1] = hi;
          break;
        }
        case 5: // SLT
        case 6: // SLTU
        case 7: // SLTI
        case 8: {
          // SLTUI
          const j = (w >>> 4) & 62;
          const alo = r[j]!;
          const ahi = r[j + 1]!;
          let blo: number;
          let bhi: number;
          let unsigned: boolean;
          if (w >>> 25 === 0) {
            const k = (w >>> 9) & 62;
            blo = r[k]!;
            bhi = r[k + 1]!;
            unsigned = (w & 0x8000) !== 0;
          } else {
            blo = (w << 10) >> 20;
            bhi = blo >> 31;
            unsigned = (w & 0x400000) !== 0;
          }
          const less = unsigned
            ? ahi >>> 0 < bhi >>> 0 || (ahi === bhi && alo >>> 0 < blo >>> 0)
            : ahi < bhi || (ahi === bhi && alo >>> 0 < blo >>> 0);
          const d = (w & 31) << 1 || SINK;
          r[d] = less ? 1 : 0;
          r[d + 1] = 0;
          break;
        }
        case 18: {
          // MUL_D
          const j = (w >>> 4) & 62;
          const k = (w >>> 9) & 62;
          const alo = r[j]!;
          const blo = r[k]!;
          // umulh32 inline (V8 does not inline calls into this large function reliably)
          const a0 = alo & 0xffff;
          const a1 = alo >>> 16;
          const b0 = blo & 0xffff;
          const b1 = blo >>> 16;
          const p01 = a0 * b1;
          const p10 = a1 * b0;
          const mid = ((a0 * b0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
          const h = (a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) | 0;
          const hi = (h + Math.imul(alo, r[k + 1]!) + Math.imul(r[j + 1]!, blo)) | 0;
          const d = (w & 31) << 1 || SINK;
          r[d] = Math.imul(alo, blo);
          r[d + 1] = hi;
          break;
        }
        case 99: {
          // LD_BU
          const j = (w >>> 4) & 62;
          const imm = (w << 10) >> 20;
          const a = r[j]!;
          const lo = (a + imm) | 0;
          const hi = (r[j + 1]! + (imm >> 31) + (lo >>> 0 < a >>> 0 ? 1 : 0)) | 0;
          const d = (w & 31) << 1 || SINK;
          const i = (lo >>> 12) & MASK;
          if (rTagLo[i] === (lo & -4096) && rTagHi[i] === hi && (lo & 4095) <= 4095) {
            const p = rAdd[i]! + (lo & 4095);
            const v = dv.getUint8(p);
            r[d] = v;
            r[d + 1] = 0;
          } else {
            this.insn = w;
            this.pcLo = pcLo;
            this.pcHi = pcHi;
            const ok = this.load(lo, hi, 1, 0, d);
            dv = this.dv;
            if (!ok) break loop;
          }
          break;
        }
        case 93: {
          // LD_W
          const j = (w >>> 4) & 62;
          const imm = (w << 10) >> 20;
          const a = r[j]!;
          const lo = (a + imm) | 0;
          const hi = (r[j + 1]! + (imm >> 31) + (lo >>> 0 < a >>> 0 ? 1 : 0)) | 0;
          const d = (w & 31) << 1 || SINK;
          const i = (lo >>> 12) & MASK;
          if (rTagLo[i] === (lo & -4096) && rTagHi[i] === hi && (lo & 4095) <= 4092) {
            const p = rAdd[i]! + (lo & 4095);
            const v = dv.getInt32(p, true);
            r[d] = v;
            r[d + 1] = v >> 31;
          } else {
            this.insn = w;
            this.pcLo = pcLo;
            this.pcHi = pcHi;
            const ok = this.load(lo, hi, 4, 1, d);
            dv = this.dv;
            if (!ok) break loop;
          }
          break;
        }
        case 100: {
          // LD_HU
          const j = (w >>> 4) & 62;
          const imm = (w << 10) >> 20;
          const a = r[j]!;
          const lo = (a + imm) | 0;
          const hi = (r[j + 1]! + (imm >> 31) + (lo >>> 0 < a >>> 0 ? 1 : 0)) | 0;
          const d = (w & 31) << 1 || SINK;
          const i = (lo >>> 12) & MASK;
          if (rTagLo[i] === (lo & -4096) && rTagHi[i] === hi && (lo & 4095) <= 4094) {
            const p = rAdd[i]! + (lo & 4095);
            const v = dv.getUint16(p, true);
            r[d] = v;
            r[d + 1] = 0;
          } else {
            this.insn = w;
            this.pcLo = pcLo;
            this.pcHi = pcHi;
            const ok = this.load(lo, hi, 2, 0, d);
            dv = this.dv;
            if (!ok) break loop;
          }
          break;
        }
        case 91: // LD_B
        case 101: // LD_WU
        case 117: // LDPTR_W
        case 119: {
          // LDPTR_D
          const j = (w >>> 4) & 62;
          const top = w >>> 22;
          const ptr = top < 0xa0;
          const imm = ptr ? ((w << 8) >> 18) << 2 : (w << 10) >> 20;
          const a = r[j]!;
          const lo = (a + imm) | 0;
          const hi = (r[j + 1]! + (imm >> 31) + (lo >>> 0 < a >>> 0 ? 1 : 0)) | 0;
          // ld.* opcodes 0xa0.. in bits [31:22]: size from bits [23:22], unsigned for 0xa8..0xaa
          const size = ptr ? ((w & 0x02000000) !== 0 ? 8 : 4) : 1 << (top & 3);
          const signed = ptr || top < 0xa8 ? 1 : 0;
          const d = (w & 31) << 1 || SINK;
          const i = (lo >>> 12) & MASK;
          if (rTagLo[i] === (lo & -4096) && rTagHi[i] === hi && (lo & 4095) <= 4096 - size) {
            const p = rAdd[i]! + (lo & 4095);
            if (size === 1) {
              const v = dv.getUint8(p);
              r[d] = signed ? (v << 24) >> 24 : v;
            } else if (size === 2) {
              const v = dv.getUint16(p, true);
              r[d] = signed ? (v << 16) >> 16 : v;
            } else if (size === 4) {
              r[d] = dv.getInt32(p, true);
            } else {
              r[d] = dv.getInt32(p, true);
              r[d + 1] = dv.getInt32(p + 4, true);
              break;
            }
            r[d + 1] = signed ? r[d]! >> 31 : 0;
          } else {
            this.insn = w;
            this.pcLo = pcLo;
            this.pcHi = pcHi;
            const ok = this.load(lo, hi, size, signed, d);
            dv = this.dv;
            if (!ok) break loop;
          }
          break;
        }
        case 95: // ST_B
        case 96: // ST_H
        case 97: // ST_W
        case 118: // STPTR_W
        case 120: {
          // STPTR_D
          const j = (w >>> 4) & 62;
          const top = w >>> 22;
          const ptr = top < 0xa0;
          const imm = ptr ? ((w << 8) >> 18) << 2 : (w << 10) >> 20;
          const a = r[j]!;
          const lo = (a + imm) | 0;
          const hi = (r[j + 1]! + (imm >> 31) + (lo >>> 0 < a >>> 0 ? 1 : 0)) | 0;
          const size = ptr ? ((w & 0x02000000) !== 0 ? 8 : 4) : 1 << (top & 3);
          const s = (w & 31) << 1;
          const i = (lo >>> 12) & MASK;
          if (wTagLo[i] === (lo & -4096) && wTagHi[i] === hi && (lo & 4095) <= 4096 - size) {
            const p = wAdd[i]! + (lo & 4095);
            if (size === 1) dv.setInt8(p, r[s]!);
            else if (size === 2) dv.setInt16(p, r[s]!, true);
            else if (size === 4) dv.setInt32(p, r[s]!, true);
            else {
              dv.setInt32(p, r[s]!, true);
              dv.setInt32(p + 4, r[s + 1]!, true);
            }
          } else {
            this.insn = w;
            this.pcLo = pcLo;
            this.pcHi = pcHi;
            const ok = this.store(lo, hi, size, r[s]!, r[s + 1]!);
            dv = this.dv;
            if (!ok) break loop;
          }
          break;
        }
        case 92: {
          // LD_H
          const j = (w >>> 4) & 62;
          const imm = (w << 10) >> 20;
          const a = r[j]!;
          const lo = (a + imm) | 0;
          const hi = (r[j + 1]! + (imm >> 31) + (lo >>> 0 < a >>> 0 ? 1 : 0)) | 0;
          const d = (w & 31) << 1 || SINK;
          const i = (lo >>> 12) & MASK;
          if (rTagLo[i] === (lo & -4096) && rTagHi[i] === hi && (lo & 4095) <= 4094) {
            const v = (dv.getUint16(rAdd[i]! + (lo & 4095), true) << 16) >> 16;
            r[d] = v;
            r[d + 1] = v >> 31;
          } else {
            this.insn = w;
            this.pcLo = pcLo;
            this.pcHi = pcHi;
            const ok = this.load(lo, hi, 2, 1, d);
            dv = this.dv;
            if (!ok) break loop;
          }
          break;
        }
        case 105: {
          // LDX_D
          const j = (w >>> 4) & 62;
          const k = (w >>> 9) & 62;
          const a = r[j]!;
          const lo = (a + r[k]!) | 0;
          const hi = (r[j + 1]! + r[k + 1]! + (lo >>> 0 < a >>> 0 ? 1 : 0)) | 0;
          const d = (w & 31) << 1 || SINK;
          const i = (lo >>> 12) & MASK;
          if (rTagLo[i] === (lo & -4096) && rTagHi[i] === hi && (lo & 4095) <= 4088) {
            const p = rAdd[i]! + (lo & 4095);
            r[d] = dv.getInt32(p, true);
            r[d + 1] = dv.getInt32(p + 4, true);
          } else {
            this.insn = w;
            this.pcLo = pcLo;
            this.pcHi = pcHi;
            const ok = this.load(lo, hi, 8, 1, d);
            dv = this.dv;
            if (!ok) break loop;
          }
          break;
        }
        case 110: {
          // LDX_BU
          const j = (w >>> 4) & 62;
          const k = (w >>> 9) & 62;
          const a = r[j]!;
          const lo = (a + r[k]!) | 0;
          const hi = (r[j + 1]! + r[k + 1]! + (lo >>> 0 < a >>> 0 ? 1 : 0)) | 0;
          const d = (w & 31) << 1 || SINK;
          const i = (lo >>> 12) & MASK;
          if (rTagLo[i] === (lo & -4096) && rTagHi[i] === hi && (lo & 4095) <= 4095) {
            const v = dv.getUint8(rAdd[i]! + (lo & 4095));
            r[d] = v;
            r[d + 1] = 0;
          } else {
            this.insn = w;
            this.pcLo = pcLo;
            this.pcHi = pcHi;
            const ok = this.load(lo, hi, 1, 0, d);
            dv = this.dv;
            if (!ok) break loop;
          }
          break;
        }
        case 103: {
          // LDX_H
          const j = (w >>> 4) & 62;
          const k = (w >>> 9) & 62;
          const a = r[j]!;
          const lo = (a + r[k]!) | 0;
          const hi = (r[j + 1]! + r[k + 1]! + (lo >>> 0 < a >>> 0 ? 1 : 0)) | 0;
          const d = (w & 31) << 1 || SINK;
          const i = (lo >>> 12) & MASK;
          if (rTagLo[i] === (lo & -4096) && rTagHi[i] === hi && (lo & 4095) <= 4094) {
            const v = (dv.getUint16(rAdd[i]! + (lo & 4095), true) << 16) >> 16;
            r[d] = v;
            r[d + 1] = v >> 31;
          } else {
            this.insn = w;
            this.pcLo = pcLo;
            this.pcHi = pcHi;
            const ok = this.load(lo, hi, 2, 1, d);
            dv = this.dv;
            if (!ok) break loop;
          }
          break;
        }
        case 111: {
          // LDX_HU
          const j = (w >>> 4) & 62;
          const k = (w >>> 9) & 62;
          const a = r[j]!;
          const lo = (a + r[k]!) | 0;
          const hi = (r[j + 1]! + r[k + 1]! + (lo >>> 0 < a >>> 0 ? 1 : 0)) | 0;
          const d = (w & 31) << 1 || SINK;
          const i = (lo >>> 12) & MASK;
          if (rTagLo[i] === (lo & -4096) && rTagHi[i] === hi && (lo & 4095) <= 4094) {
            const v = dv.getUint16(rAdd[i]! + (lo & 4095), true);
            r[d] = v;
            r[d + 1] = 0;
          } else {
            this.insn = w;
            this.pcLo = pcLo;
            this.pcHi = pcHi;
            const ok = this.load(lo, hi, 2, 0, d);
            dv = this.dv;
            if (!ok) break loop;
          }
          break;
        }
        case 102: // LDX_B
        case 104: // LDX_W
        case 112: {
          // LDX_WU
          const j = (w >>> 4) & 62;
          const k = (w >>> 9) & 62;
          const a = r[j]!;
          const lo = (a + r[k]!) | 0;
          const hi = (r[j + 1]! + r[k + 1]! + (lo >>> 0 < a >>> 0 ? 1 : 0)) | 0;
          const sel = (w >>> 18) & 15; // 0..3 ldx.b/h/w/d, 8..10 ldx.bu/hu/wu
          const size = 1 << (sel & 3);
          const signed = sel < 8 ? 1 : 0;
          const d = (w & 31) << 1 || SINK;
          const i = (lo >>> 12) & MASK;
          if (rTagLo[i] === (lo & -4096) && rTagHi[i] === hi && (lo & 4095) <= 4096 - size) {
            const p = rAdd[i]! + (lo & 4095);
            if (size === 1) {
              const v = dv.getUint8(p);
              r[d] = signed ? (v << 24) >> 24 : v;
            } else if (size === 2) {
              const v = dv.getUint16(p, true);
              r[d] = signed ? (v << 16) >> 16 : v;
            } else if (size === 4) {
              r[d] = dv.getInt32(p, true);
            } else {
              r[d] = dv.getInt32(p, true);
              r[d + 1] = dv.getInt32(p + 4, true);
              break;
            }
            r[d + 1] = signed ? r[d]! >> 31 : 0;
          } else {
            this.insn = w;
            this.pcLo = pcLo;
            this.pcHi = pcHi;
            const ok = this.load(lo, hi, size, signed, d);
            dv = this.dv;
            if (!ok) break loop;
          }
          break;
        }
        case 106: // STX_B
        case 107: // STX_H
        case 108: // STX_W
        case 109: {
          // STX_D
          const j = (w >>> 4) & 62;
          const k = (w >>> 9) & 62;
          const a = r[j]!;
          const lo = (a + r[k]!) | 0;
          const hi = (r[j + 1]! + r[k + 1]! + (lo >>> 0 < a >>> 0 ? 1 : 0)) | 0;
          const size = 1 << ((w >>> 18) & 3);
          const s = (w & 31) << 1;
          const i = (lo >>> 12) & MASK;
          if (wTagLo[i] === (lo & -4096) && wTagHi[i] === hi && (lo & 4095) <= 4096 - size) {
            const p = wAdd[i]! + (lo & 4095);
            if (size === 1) dv.setInt8(p, r[s]!);
            else if (size === 2) dv.setInt16(p, r[s]!, true);
            else if (size === 4) dv.setInt32(p, r[s]!, true);
            else {
              dv.setInt32(p, r[s]!, true);
              dv.setInt32(p + 4, r[s + 1]!, true);
            }
          } else {
            this.insn = w;
            this.pcLo = pcLo;
            this.pcHi = pcHi;
            const ok = this.store(lo, hi, size, r[s]!, r[s + 1]!);
            dv = this.dv;
            if (!ok) break loop;
          }
          break;
        }
        case 199: // B
        case 200: {
          // BL
          const off = ((((w & 0x3ff) << 16) | ((w >>> 10) & 0xffff)) << 6) >> 4;
          if (w & 0x04000000) {
            const rlo = (pcLo + 4) | 0;
            r[2] = rlo;
            r[3] = rlo === 0 ? (pcHi + 1) | 0 : pcHi;
          }
          const lo = (pcLo + off) | 0;
          pcHi = (pcHi + (off >> 31) + (lo >>> 0 < pcLo >>> 0 ? 1 : 0)) | 0;
          pcLo = lo;
          ck = 1;
          continue;
        }
        case 198: {
          // JIRL
          const j = (w >>> 4) & 62;
          const off = ((w << 6) >> 16) << 2;
          const a = r[j]!;
          const lo = (a + off) | 0;
          const hi = (r[j + 1]! + (off >> 31) + (lo >>> 0 < a >>> 0 ? 1 : 0)) | 0;
          const d = (w & 31) << 1 || SINK;
          const rlo = (pcLo + 4) | 0;
          r[d] = rlo;
          r[d + 1] = rlo === 0 ? (pcHi + 1) | 0 : pcHi;
          pcLo = lo;
          pcHi = hi;
          if (lo & 3) {
            this.insn = 0;
            this.pcLo = pcLo;
            this.pcHi = pcHi;
            this.raise(Ecode.ADE, EsubCode.ADEF, lo, hi);
            break loop;
          }
          ck = 1;
          continue;
        }
        case 0: {
          // INVALID
          this.insn = w;
          this.pcLo = pcLo;
          this.pcHi = pcHi;
          this.raise(Ecode.INE, 0, 0, 0);
          break loop;
        }
        default: {
          // everything else: rare instructions in a separate method (keeps this function small enough
          // for the optimising compiler)
          this.insn = w;
          this.pcLo = pcLo;
          this.pcHi = pcHi;
          // rebase the count so rdtime sees every instruction fetched so far
          this.instructionCount += budget - n;
          budget = n;
          const next = this.execRare(w, op);
          ck = 1;
          dv = this.dv;
          // a privileged instruction may have flushed the TLB (and the fetch page) under us
          cTagLo = this.cTagLo;
          cTagHi = this.cTagHi;
          cBase = this.cBase | 0;
          cDec = this.cDec;
          if (next === 0) break loop;
          if (next === 2) {
            pcLo = this.pcLo;
            pcHi = this.pcHi;
            continue;
          }
        }
      }
      pcLo = (pcLo + 4) | 0;
      if ((pcLo & 4095) === 0) {
        ck = 1;
        if (pcLo === 0) pcHi = (pcHi + 1) | 0;
      }
    }
    this.instructionCount += budget - n;
    if (this.stop === StopReason.BUDGET) {
      this.pcLo = pcLo;
      this.pcHi = pcHi;
    }
    this.cTagLo = cTagLo;
    this.cTagHi = cTagHi;
    this.cBase = cBase;
    return this.stop;
  }

  /**
   * Executes one of the less frequent instructions (this.pcLo/pcHi = its PC).
   * Returns 1 to continue with the next instruction, 2 when it set this.pc itself, 0 when the CPU stopped.
   */
  private execRare(w: number, op: number): number {
    const r = this.regs;
    const j = (w >>> 4) & 62;
    const k = (w >>> 9) & 62;
    const d = (w & 31) << 1 || ZERO_SINK;
    const alo = r[j]!;
    const ahi = r[j + 1]!;
    const blo = r[k]!;
    const bhi = r[k + 1]!;
    let lo = 0;
    let hi = 0;
    switch (op) {
      case 16: // MULH_W
        lo = mulhs32(alo, blo);
        hi = lo >> 31;
        break;
      case 17: // MULH_WU
        lo = umulh32(alo, blo);
        hi = lo >> 31;
        break;
      case 19: // MULH_D
        mulhs64(alo, ahi, blo, bhi);
        lo = R64[0]!;
        hi = R64[1]!;
        break;
      case 20: // MULH_DU
        mulhu64(alo, ahi, blo, bhi);
        lo = R64[0]!;
        hi = R64[1]!;
        break;
      case 21: // MULW_D_W
        lo = Math.imul(alo, blo);
        hi = mulhs32(alo, blo);
        break;
      case 22: // MULW_D_WU
        lo = Math.imul(alo, blo);
        hi = umulh32(alo, blo);
        break;
      case 23: // DIV_W
      case 24: {
        // MOD_W
        const isDiv = (w & 0x8000) === 0;
        if (blo === 0) lo = isDiv ? alo : 0;
        else if (alo === -0x80000000 && blo === -1) lo = isDiv ? alo : 0;
        else lo = isDiv ? (alo / blo) | 0 : (alo % blo) | 0;
        hi = lo >> 31;
        break;
      }
      case 25: // DIV_WU
      case 26: {
        // MOD_WU
        const isDiv = (w & 0x8000) === 0;
        const a = alo >>> 0;
        const b = blo >>> 0;
        if (b === 0) lo = isDiv ? alo : 0;
        else lo = (isDiv ? Math.floor(a / b) : a % b) | 0;
        hi = lo >> 31;
        break;
      }
      case 27: // DIV_D
      case 28: // MOD_D
      case 29: // DIV_DU
      case 30: // MOD_DU
        div64((w >>> 15) & 3, alo, ahi, blo, bhi);
        lo = R64[0]!;
        hi = R64[1]!;
        break;
      case 31: // ALSL_W
      case 32: {
        // ALSL_WU
        const sa = ((w >>> 15) & 3) + 1;
        lo = ((alo << sa) + blo) | 0;
        hi = w & 0x20000 ? 0 : lo >> 31;
        break;
      }
      case 37: // PCADDI
      case 40: {
        // PCADDU18I (pcalau12i and pcaddu12i are in the main switch)
        const si20 = (w << 7) >> 12;
        const pcaddi = op === 37;
        const olo = pcaddi ? si20 << 2 : si20 << 18;
        const ohi = pcaddi ? si20 >> 31 : si20 >> 14;
        const plo = this.pcLo;
        lo = (plo + olo) | 0;
        hi = (this.pcHi + ohi + (lo >>> 0 < plo >>> 0 ? 1 : 0)) | 0;
        break;
      }
      case 43: {
        // ADDU16I_D
        const imm = (w >>> 10) << 16;
        lo = (alo + imm) | 0;
        hi = (ahi + (imm >> 31) + (lo >>> 0 < alo >>> 0 ? 1 : 0)) | 0;
        break;
      }
      case 53: {
        // ROTR_W
        const sh = blo & 31;
        lo = (alo >>> sh) | (alo << (32 - sh)) | 0;
        hi = lo >> 31;
        break;
      }
      case 54: // ROTR_D
      case 62: {
        // ROTRI_D
        const sh = (w & 0x00400000 ? w >>> 10 : blo) & 63;
        shr64(alo, ahi, sh, false);
        lo = R64[0]!;
        hi = R64[1]!;
        shl64(alo, ahi, (64 - sh) & 63);
        if (sh !== 0) {
          lo |= R64[0]!;
          hi |= R64[1]!;
        }
        break;
      }
      case 65: // CLO_W
        lo = Math.clz32(~alo);
        break;
      case 66: // CLZ_W
        lo = Math.clz32(alo);
        break;
      case 67: // CTO_W
        lo = ctz32(~alo);
        break;
      case 68: // CTZ_W
        lo = ctz32(alo);
        break;
      case 69: // CLO_D
        lo = clz64(~alo, ~ahi);
        break;
      case 70: // CLZ_D
        lo = clz64(alo, ahi);
        break;
      case 71: // CTO_D
        lo = ~alo !== 0 ? ctz32(~alo) : 32 + ctz32(~ahi);
        break;
      case 72: // CTZ_D
        lo = alo !== 0 ? ctz32(alo) : 32 + ctz32(ahi);
        break;
      case 73: // REVB_2H
        lo = bswapHalves32(alo);
        hi = lo >> 31;
        break;
      case 74: // REVB_4H
        lo = bswapHalves32(alo);
        hi = bswapHalves32(ahi);
        break;
      case 75: // REVB_2W
        lo = bswap32(alo);
        hi = bswap32(ahi);
        break;
      case 76: // REVB_D
        lo = bswap32(ahi);
        hi = bswap32(alo);
        break;
      case 77: // REVH_2W
        lo = (alo >>> 16) | (alo << 16);
        hi = (ahi >>> 16) | (ahi << 16);
        break;
      case 78: // REVH_D
        lo = (ahi >>> 16) | (ahi << 16);
        hi = (alo >>> 16) | (alo << 16);
        break;
      case 79: // BITREV_4B
        lo = bitrevBytes32(alo);
        hi = lo >> 31;
        break;
      case 80: // BITREV_8B
        lo = bitrevBytes32(alo);
        hi = bitrevBytes32(ahi);
        break;
      case 81: // BITREV_W
        lo = bitrev32(alo);
        hi = lo >> 31;
        break;
      case 82: // BITREV_D
        lo = bitrev32(ahi);
        hi = bitrev32(alo);
        break;
      case 83: {
        // BYTEPICK_W
        const sa = ((w >>> 15) & 3) * 8;
        lo = sa === 0 ? blo : (blo << sa) | (alo >>> (32 - sa));
        hi = lo >> 31;
        break;
      }
      case 84: {
        // BYTEPICK_D
        const sa = ((w >>> 15) & 7) * 8;
        if (sa === 0) {
          lo = blo;
          hi = bhi;
        } else {
          shl64(blo, bhi, sa);
          lo = R64[0]!;
          hi = R64[1]!;
          shr64(alo, ahi, 64 - sa, false);
          lo |= R64[0]!;
          hi |= R64[1]!;
        }
        break;
      }
      case 87: // BSTRINS_W
      case 88: {
        // BSTRPICK_W
        const msb = (w >>> 16) & 31;
        const lsb = (w >>> 10) & 31;
        if (lsb > msb) return this.ine();
        const width = msb - lsb + 1;
        const ones = width === 32 ? -1 : (1 << width) - 1;
        if (w & 0x8000) lo = (alo >>> lsb) & ones;
        else {
          const mask = ones << lsb;
          lo = (r[d]! & ~mask) | ((alo << lsb) & mask);
        }
        lo |= 0;
        hi = lo >> 31;
        break;
      }
      case 89: {
        // BSTRINS_D
        const msb = (w >>> 16) & 63;
        const lsb = (w >>> 10) & 63;
        if (lsb > msb) return this.ine();
        // mask = ones(msb..lsb)
        ones64(msb, lsb);
        const mlo = R64[0]!;
        const mhi = R64[1]!;
        shl64(alo, ahi, lsb);
        lo = (r[d]! & ~mlo) | (R64[0]! & mlo);
        hi = (r[d + 1]! & ~mhi) | (R64[1]! & mhi);
        break;
      }
      case 113: // PRELD
      case 114: // PRELDX
      case 116: // IBAR
        return 1;
      case 121: // LDGT_B
      case 122: // LDGT_H
      case 123: // LDGT_W
      case 124: // LDGT_D
      case 125: // LDLE_B
      case 126: // LDLE_H
      case 127: // LDLE_W
      case 128: // LDLE_D
      case 129: // STGT_B
      case 130: // STGT_H
      case 131: // STGT_W
      case 132: // STGT_D
      case 133: // STLE_B
      case 134: // STLE_H
      case 135: // STLE_W
      case 136: {
        // STLE_D
        const sel = (w >>> 15) & 15; // 0..3 ldgt, 4..7 ldle, 8..11 stgt, 12..15 stle
        const size = 1 << (sel & 3);
        const gt = ahi > bhi || (ahi === bhi && alo >>> 0 > blo >>> 0);
        const okBound = (sel & 4) === 0 ? gt : !gt;
        if (!okBound) {
          this.raise(Ecode.BCE, 0, 0, 0);
          return 0;
        }
        if (sel < 8) {
          if (!this.load(alo, ahi, size, 1, d)) return 0;
        } else {
          const s = (w & 31) << 1;
          if (!this.store(alo, ahi, size, r[s]!, r[s + 1]!)) return 0;
        }
        return 1;
      }
      case 137: // LL_W
      case 139: {
        // LL_D
        const size = w & 0x02000000 ? 8 : 4;
        const off = ((w << 8) >> 18) << 2;
        const alo2 = (alo + off) | 0;
        const ahi2 = (ahi + (off >> 31) + (alo2 >>> 0 < alo >>> 0 ? 1 : 0)) | 0;
        if (alo2 & (size - 1)) {
          this.raise(Ecode.ALE, 0, alo2, ahi2);
          return 0;
        }
        if (!this.load(alo2, ahi2, size, 1, d)) return 0;
        this.llbit = 1;
        this.llAddrLo = alo2;
        this.llAddrHi = ahi2;
        this.llValLo = r[d]!;
        this.llValHi = r[d + 1]!;
        if (d === ZERO_SINK) {
          r[d] = 0;
          r[d + 1] = 0;
        }
        return 1;
      }
      case 138: // SC_W
      case 140: {
        // SC_D
        const size = w & 0x02000000 ? 8 : 4;
        const off = ((w << 8) >> 18) << 2;
        const alo2 = (alo + off) | 0;
        const ahi2 = (ahi + (off >> 31) + (alo2 >>> 0 < alo >>> 0 ? 1 : 0)) | 0;
        if (alo2 & (size - 1)) {
          this.raise(Ecode.ALE, 0, alo2, ahi2);
          return 0;
        }
        const s = (w & 31) << 1;
        let ok = 0;
        if (this.llbit && alo2 === this.llAddrLo && ahi2 === this.llAddrHi) {
          // like QEMU: a compare-and-exchange against the value ll read
          if (!this.loadRaw(alo2, ahi2, size, 1, -1)) return 0;
          const clo = this.mlo;
          const chi = size === 8 ? this.mhi : clo >> 31;
          if (clo === this.llValLo && chi === this.llValHi) {
            if (!this.store(alo2, ahi2, size, r[s]!, r[s + 1]!, false)) return 0;
            ok = 1;
          }
        }
        this.llbit = 0;
        lo = ok;
        hi = 0;
        break;
      }
      case 141: // AMSWAP_W
      case 142: // AMSWAP_D
      case 143: // AMADD_W
      case 144: // AMADD_D
      case 145: // AMAND_W
      case 146: // AMAND_D
      case 147: // AMOR_W
      case 148: // AMOR_D
      case 149: // AMXOR_W
      case 150: // AMXOR_D
      case 151: // AMMAX_W
      case 152: // AMMAX_D
      case 153: // AMMIN_W
      case 154: // AMMIN_D
      case 155: // AMMAX_WU
      case 156: // AMMAX_DU
      case 157: // AMMIN_WU
      case 158: // AMMIN_DU
      case 159: // AMSWAP_DB_W
      case 160: // AMSWAP_DB_D
      case 161: // AMADD_DB_W
      case 162: // AMADD_DB_D
      case 163: // AMAND_DB_W
      case 164: // AMAND_DB_D
      case 165: // AMOR_DB_W
      case 166: // AMOR_DB_D
      case 167: // AMXOR_DB_W
      case 168: // AMXOR_DB_D
      case 169: // AMMAX_DB_W
      case 170: // AMMAX_DB_D
      case 171: // AMMIN_DB_W
      case 172: // AMMIN_DB_D
      case 173: // AMMAX_DB_WU
      case 174: // AMMAX_DB_DU
      case 175: // AMMIN_DB_WU
      case 176: {
        // AMMIN_DB_DU
        // bits [19:15] enumerate the 36 am* encodings from 0x38600000 in steps of 0x8000
        let idx = ((w >>> 15) & 0xff) - 0xc0; // amswap.w = 0
        if (idx >= 18) idx -= 18; // _db forms behave the same on one core
        if (!this.amo(idx >> 1, w, idx & 1 ? 8 : 4)) return 0;
        return 1;
      }
      case 177: // CRC_W_B_W
      case 178: // CRC_W_H_W
      case 179: // CRC_W_W_W
      case 180: // CRC_W_D_W
      case 181: // CRCC_W_B_W
      case 182: // CRCC_W_H_W
      case 183: // CRCC_W_W_W
      case 184: {
        // CRCC_W_D_W
        const sel = (w >>> 15) & 7;
        lo = crcUpdate(sel >= 4, alo, ahi, 1 << (sel & 3), blo);
        hi = lo >> 31;
        break;
      }
      case 185: // BREAK
        this.raise(Ecode.BRK, 0, 0, 0);
        return 0;
      case 186: // DBCL
        this.raise(Ecode.BRK, 1, 0, 0);
        return 0;
      case 187: // SYSCALL
        this.raise(Ecode.SYS, 0, 0, 0);
        return 0;
      case 188: // ASRTLE_D
      case 189: {
        // ASRTGT_D
        const gt = ahi > bhi || (ahi === bhi && alo >>> 0 > blo >>> 0);
        if ((w & 0x8000 ? gt : !gt) === false) {
          this.raise(Ecode.BCE, 0, 0, 0);
          return 0;
        }
        return 1;
      }
      case 190: // RDTIMEL_W
      case 191: // RDTIMEH_W
      case 192: {
        // RDTIME_D: a virtual stable counter, one tick per executed instruction (deterministic), plus CNTC
        if (this.rdtimeDenied) {
          // CSR.MISC.DRDTL1-3 for the current PLV
          this.raise(Ecode.IPE, 0, 0, 0);
          return 0;
        }
        let tlo: number;
        let thi: number;
        if (this.timeCompensation === 0n) {
          const t = this.instructionCount;
          tlo = (t % 4294967296) | 0;
          thi = Math.floor(t / 4294967296) | 0;
        } else {
          const t = BigInt.asUintN(64, BigInt(this.instructionCount) + this.timeCompensation);
          tlo = Number(t & 0xffff_ffffn) | 0;
          thi = Number(t >> 32n) | 0;
        }
        const sel = (w >>> 10) & 3;
        if (sel === 0) {
          lo = tlo;
          hi = lo >> 31;
        } else if (sel === 1) {
          lo = thi;
          hi = lo >> 31;
        } else {
          lo = tlo;
          hi = thi;
        }
        // rj receives the counter ID (CSR.TID)
        const jj = (w >>> 4) & 62 || ZERO_SINK;
        r[jj] = this.counterId | 0;
        r[jj + 1] = 0;
        break;
      }
      case 193: // CPUCFG
        lo = ahi === 0 && alo >= 0 ? cpucfgWord(alo) : 0;
        hi = lo >> 31;
        break;
      case 196: // BCEQZ
      case 197: {
        // BCNEZ
        if (!this.fpEnabled) {
          this.raise(Ecode.FPD, 0, 0, 0);
          return 0;
        }
        const c = this.fpu.fcc[(w >>> 5) & 7]!;
        if ((c !== 0) !== (op === 197)) return 1;
        const off = ((((w & 31) << 16) | ((w >>> 10) & 0xffff)) << 11) >> 9;
        const tlo = (this.pcLo + off) | 0;
        this.pcHi = (this.pcHi + (off >> 31) + (tlo >>> 0 < this.pcLo >>> 0 ? 1 : 0)) | 0;
        this.pcLo = tlo;
        return 2;
      }
      default:
        if (op >= FP_FIRST && op <= FP_LAST) return this.execFp(w, op);
        if (this.privileged !== undefined) return this.privileged(w, op);
        // privileged (CSR, IOCSR, TLB, cache, ertn, idle) and LVZ instructions: this hart runs at PLV3
        this.raise(Ecode.IPE, 0, 0, 0);
        return 0;
    }
    r[d] = lo;
    r[d + 1] = hi;
    return 1;
  }

  /** The F/D instructions (Op ids FP_FIRST..FP_LAST): 1 done, 0 stopped (FPD, FPE, memory fault). */
  private execFp(w: number, op: number): number {
    if (!this.fpEnabled) {
      this.raise(Ecode.FPD, 0, 0, 0);
      return 0;
    }
    if (op < FP_MEM_FIRST) {
      const res = this.fpu.exec(w, op, this.regs);
      if (res === 1) return 1;
      this.raise(res === 0 ? Ecode.FPE : Ecode.INE, 0, 0, 0);
      return 0;
    }
    // fld/fst.{s,d} (si12), fldx/fstx, fldgt/fldle/fstgt/fstle
    const r = this.regs;
    const j = (w >>> 4) & 62;
    const k = (w >>> 9) & 62;
    const fd = (w & 31) << 1;
    const i = op - FP_MEM_FIRST;
    let lo: number;
    let hi: number;
    let size: number;
    let isStore: boolean;
    if (i < 8) {
      // 0-3: fld.s fst.s fld.d fst.d; 4-7: fldx.s fldx.d fstx.s fstx.d
      const off = i < 4 ? (w << 10) >> 20 : r[k]!;
      const offHi = i < 4 ? off >> 31 : r[k + 1]!;
      lo = (r[j]! + off) | 0;
      hi = (r[j + 1]! + offHi + (lo >>> 0 < r[j]! >>> 0 ? 1 : 0)) | 0;
      size = i < 4 ? (i & 2 ? 8 : 4) : i & 1 ? 8 : 4;
      isStore = i < 4 ? (i & 1) === 1 : i >= 6;
    } else {
      // 8-15: fldgt.s/d fldle.s/d fstgt.s/d fstle.s/d: bound check rj against rk (signed)
      const le = (i & 2) === 2;
      const gt = r[j + 1]! > r[k + 1]! || (r[j + 1] === r[k + 1] && r[j]! >>> 0 > r[k]! >>> 0);
      if (le === gt) {
        this.raise(Ecode.BCE, 0, 0, 0);
        return 0;
      }
      lo = r[j]!;
      hi = r[j + 1]!;
      size = i & 1 ? 8 : 4;
      isStore = i >= 12;
    }
    const f = this.fpu.fpr;
    if (isStore) return this.store(lo, hi, size, f[fd]!, f[fd + 1]!) ? 1 : 0;
    // a device address stops with an MMIO access naming f<fd> (as the integer loads do)
    this.fpMmioReg = fd >> 1;
    const loaded = this.loadRaw(lo, hi, size, 0, -1);
    this.fpMmioReg = -1;
    if (!loaded) return 0;
    f[fd] = this.mlo;
    // fld.s boxes the single in ones (as QEMU)
    f[fd + 1] = size === 8 ? this.mhi : -1;
    return 1;
  }

  private ine(): number {
    this.raise(Ecode.INE, 0, 0, 0);
    return 0;
  }
}

function checkReg(index: number): void {
  if (!Number.isInteger(index) || index < 0 || index > 31) {
    throw new LoongArchCpuError("InvalidArgument", `register number must be 0..31, got ${index}`);
  }
}

/** High 32 bits of the signed product of two 32-bit values. */
function mulhs32(a: number, b: number): number {
  let h = umulh32(a, b);
  if (a < 0) h = (h - b) | 0;
  if (b < 0) h = (h - a) | 0;
  return h;
}

/** 64-bit logical left shift (0..63) into R64. */
function shl64(lo: number, hi: number, sh: number): void {
  if (sh === 0) {
    R64[0] = lo;
    R64[1] = hi;
  } else if (sh < 32) {
    R64[1] = (hi << sh) | (lo >>> (32 - sh));
    R64[0] = lo << sh;
  } else {
    R64[1] = lo << (sh - 32);
    R64[0] = 0;
  }
}

/** 64-bit right shift (0..63), arithmetic or logical, into R64. */
function shr64(lo: number, hi: number, sh: number, arith: boolean): void {
  if (sh === 0) {
    R64[0] = lo;
    R64[1] = hi;
  } else if (sh < 32) {
    R64[0] = (lo >>> sh) | (hi << (32 - sh));
    R64[1] = arith ? hi >> sh : hi >>> sh;
  } else {
    R64[0] = arith ? hi >> (sh - 32) : hi >>> (sh - 32);
    R64[1] = arith ? hi >> 31 : 0;
  }
}

/** Mask with ones in bits msb..lsb (inclusive) into R64. */
function ones64(msb: number, lsb: number): void {
  const width = msb - lsb + 1;
  let lo: number;
  let hi: number;
  if (width >= 64) {
    lo = -1;
    hi = -1;
  } else if (width >= 32) {
    // shifts of -1, not (1 << n) - 1, which leaves int32 at n = 31 (a deoptimisation)
    lo = -1;
    hi = width === 32 ? 0 : -1 >>> (64 - width);
  } else {
    lo = -1 >>> (32 - width);
    hi = 0;
  }
  shl64(lo, hi, lsb);
}
