/**
 * The WebAssembly compiler tier's driver: counts how often each guest code page is dispatched to, compiles
 * hot pages with {@link compileRegion}, runs compiled regions and hands everything else (cold code,
 * rare instructions, TLB misses that fault, MMIO, exceptions) to the interpreter for exactly as many
 * instructions as it takes to reach the next block leader. Instruction counts stay identical to the
 * interpreter's: regions return the exact number of instructions they executed and never exceed the
 * budget.
 *
 * Invalidation: a compiled page is a "code page" keyed by its host RAM offset; the first store to it (a
 * write-TLB fill in either tier; the JIT's write TLB refuses code pages) drops its region. `flushTlb`
 * empties the JIT's TLB and fetch cache.
 *
 * @module
 */

import type { Cpu } from "../cpu/interpreter.js";
import { Access, type CpuMemory } from "../cpu/memory.js";
import { StopReason, type StopReasonValue } from "../cpu/stop-reason.js";
import { compileRegion, JIT_TLB_SIZE, SCRATCH_PC, SCRATCH_RTLB, SCRATCH_WTLB } from "./region-compiler.js";
import { type JitCapableMemory, type WasmMemoryLike, wasmApi } from "./wasm-api.js";

/** Tuning knobs of the tier (module-wide; tests lower the thresholds to compile everything at once). */
export const jitTuning: { hotThreshold: number; coldSlice: number; entryThreshold: number } = {
  /** Dispatches to a cold page before it is compiled. */
  hotThreshold: 64,
  /** Interpreter slice while a page is cold. */
  coldSlice: 256,
  /** Times a non-leader entry must be seen before the region is recompiled with it as an entry. */
  entryThreshold: 4,
};
const MAX_SLICE = 1 << 30;
const NO_TAG = 1;

/** The interpreter state the tier reads and writes (private fields of Cpu, accessed by name). */
export interface JitHost {
  /** Register file (int32 halves). */
  readonly regs: Int32Array;
  /** The memory. */
  readonly memory: CpuMemory;
  /** Executed instructions. */
  instructionCount: number;
  /** Runs the interpreter. */
  interpret(budget: number): StopReasonValue;
  /** Drops the interpreter's write-TLB entries (so the next store to a new code page reaches fill). */
  flushWriteTlb(): void;
  /** Re-reads `memory.ram` after host memory grew. */
  syncRam(): void;
  /** Low/high halves of the PC. */
  pcLo: number;
  /** High half of the PC. */
  pcHi: number;
  /** Clears the exception/stop state at the start of a run. */
  resetStop(): void;
}

interface Region {
  readonly pageLo: number;
  readonly pageHi: number;
  readonly base: number;
  readonly run: (entry: number, budget: number) => number;
  readonly leaders: Uint8Array;
  readonly toLeader: Uint16Array;
  readonly extra: Set<number>;
  readonly misses: Map<number, number>;
}

/** Statistics of the compiler tier. */
export interface JitStats {
  /** Regions compiled (including recompilations). */
  compiled: number;
  /** Regions dropped by stores to their code. */
  invalidated: number;
  /** Instructions executed in compiled code. */
  jitInstructions: number;
  /** Region entries. */
  entries: number;
  /** Calls of the TLB-miss helper from compiled code. */
  tlbMisses: number;
}

/** The compiler tier of one CPU. */
export class JitTier {
  /** Counters. */
  readonly stats: JitStats = {
    compiled: 0,
    invalidated: 0,
    jitInstructions: 0,
    entries: 0,
    tlbMisses: 0,
  };
  private readonly host: JitHost;
  private readonly mem: WasmMemoryLike;
  private readonly regions = new Map<number, Region>();
  private readonly heat = new Map<number, number>();
  /** Slots dispatched to while a page was cold: the first region's entries. */
  private readonly coldEntries = new Map<number, Set<number>>();
  private regs64: Int32Array;
  private scratch32: Int32Array;
  private fLo = NO_TAG;
  private fHi = 0;
  private fBase = -1;

  /**
   * Creates the tier, or returns undefined when the memory cannot be shared with wasm.
   *
   * @param cpu - The CPU.
   * @returns The tier or undefined.
   */
  static create(cpu: Cpu): JitTier | undefined {
    const host = hostOf(cpu);
    const m = host.memory as Partial<JitCapableMemory> & CpuMemory;
    if (typeof m.enableWasm !== "function" || !wasmApi()) return undefined;
    const wasm = m.enableWasm();
    if (!wasm) return undefined;
    host.syncRam();
    return new JitTier(host, wasm);
  }

  private constructor(host: JitHost, mem: WasmMemoryLike) {
    this.host = host;
    this.mem = mem;
    this.scratch32 = new Int32Array(mem.buffer, 0, 16384);
    this.regs64 = host.regs.subarray(0, 64);
    this.flushTlb();
  }

  /** Empties the JIT's TLBs and fetch cache (page tables or mappings changed). */
  flushTlb(): void {
    const s = this.view();
    for (let i = 0; i < JIT_TLB_SIZE; i++) {
      s[(SCRATCH_RTLB >> 2) + 4 * i] = NO_TAG;
      s[(SCRATCH_WTLB >> 2) + 4 * i] = NO_TAG;
    }
    this.fLo = NO_TAG;
    this.fBase = -1;
  }

  /**
   * Called when either tier fills a write-TLB entry for the host page `base`: a store is about to reach
   * it, so any region compiled from it is dropped.
   *
   * @param base - Host RAM offset of the page.
   */
  noteWrite(base: number): void {
    if (this.regions.delete(base)) {
      this.stats.invalidated++;
      this.heat.delete(base);
    }
  }

  private view(): Int32Array {
    // growing the memory detaches the old buffer, which empties every view of it
    if (this.scratch32.length === 0) this.scratch32 = new Int32Array(this.mem.buffer, 0, 16384);
    return this.scratch32;
  }

  /** The miss helper imported by every region: fills the JIT TLB or refuses (returns 0). */
  private readonly miss = (lo: number, hi: number, access: number): number => {
    const host = this.host;
    this.stats.tlbMisses++;
    const base = host.memory.translate(lo & -4096, hi, access);
    if (base < 0) return 0;
    if (access === Access.WRITE && this.regions.has(base)) return 0;
    const s = this.view();
    const e =
      (((lo >>> 12) & (JIT_TLB_SIZE - 1)) << 2) +
      ((access === Access.WRITE ? SCRATCH_WTLB : SCRATCH_RTLB) >> 2);
    s[e] = lo & -4096;
    s[e + 1] = hi;
    s[e + 2] = host.memory.ram.byteOffset + base;
    return 1;
  };

  /**
   * Runs like {@link Cpu.run}, on compiled regions where possible.
   *
   * @param budget - Instruction budget.
   * @returns The stop reason.
   */
  run(budget: number): StopReasonValue {
    if (!(budget >= 1)) return StopReason.BUDGET;
    if (budget > MAX_SLICE) budget = MAX_SLICE;
    let n = Math.floor(budget);
    const host = this.host;
    host.resetStop();
    while (n > 0) {
      const pcLo = host.pcLo;
      const pcHi = host.pcHi;
      const page = pcLo & -4096;
      if (page !== this.fLo || pcHi !== this.fHi) {
        const base = host.memory.translate(page, pcHi, Access.FETCH);
        host.syncRam();
        if (base < 0 || pcLo & 3) {
          // let the interpreter raise the fetch fault
          return host.interpret(1);
        }
        this.fLo = page;
        this.fHi = pcHi;
        this.fBase = base;
      }
      const base = this.fBase;
      let region = this.regions.get(base);
      if (region !== undefined && (region.pageLo !== page || region.pageHi !== pcHi)) region = undefined;
      if (region === undefined) {
        const h = (this.heat.get(base) ?? 0) + 1;
        this.heat.set(base, h);
        let ce = this.coldEntries.get(base);
        if (ce === undefined) {
          ce = new Set();
          this.coldEntries.set(base, ce);
        }
        if (ce.size < 64) ce.add((pcLo & 4095) >> 2);
        if (h >= jitTuning.hotThreshold) {
          this.coldEntries.delete(base);
          if (this.compile(base, page, pcHi, ce)) continue;
        }
        const before = host.instructionCount;
        const stop = host.interpret(Math.min(n, jitTuning.coldSlice));
        n -= host.instructionCount - before;
        if (stop !== StopReason.BUDGET) return stop;
        continue;
      }
      const slot = (pcLo & 4095) >> 2;
      let done = 0;
      if (region.leaders[slot]) {
        this.view().set(this.regs64, 0);
        this.stats.entries++;
        done = region.run(slot, n);
        const v = this.view();
        const regs = this.regs64;
        for (let i = 2; i < 64; i++) regs[i] = v[i]!;
        host.pcLo = v[SCRATCH_PC >> 2]!;
        host.pcHi = v[(SCRATCH_PC >> 2) + 1]!;
        host.syncRam();
        host.instructionCount += done;
        this.stats.jitInstructions += done;
        n -= done;
      } else {
        const m = (region.misses.get(slot) ?? 0) + 1;
        region.misses.set(slot, m);
        if (m >= jitTuning.entryThreshold) {
          const extra = new Set(region.extra);
          extra.add(slot);
          if (this.compile(base, page, pcHi, extra)) continue;
        }
      }
      if (done === 0 && n > 0) {
        // the instruction at pc is not compiled (or the budget ends inside its block): interpret up to
        // the next leader
        const at = (host.pcLo & 4095) >> 2;
        const before = host.instructionCount;
        const stop = host.interpret(Math.min(n, region.toLeader[at] ?? 1));
        n -= host.instructionCount - before;
        if (stop !== StopReason.BUDGET) return stop;
      }
    }
    return StopReason.BUDGET;
  }

  private compile(base: number, pageLo: number, pageHi: number, extra: Set<number>): boolean {
    const host = this.host;
    const ram = host.memory.ram;
    const words = new Int32Array(1024);
    const dv = new DataView(ram.buffer, ram.byteOffset + base, 4096);
    for (let i = 0; i < 1024; i++) words[i] = dv.getInt32(4 * i, true);
    const api = wasmApi()!;
    const c = compileRegion(words, pageLo, pageHi, extra);
    let run: (entry: number, budget: number) => number;
    try {
      const mod = new api.Module(c.bytes);
      const inst = new api.Instance(mod, { e: { miss: this.miss, m: this.mem } });
      run = inst.exports["run"] as (entry: number, budget: number) => number;
    } catch {
      // never compile this page again
      this.heat.set(base, -(2 ** 52));
      return false;
    }
    this.regions.set(base, {
      pageLo,
      pageHi,
      base,
      run,
      leaders: c.leaders,
      toLeader: c.toLeader,
      extra,
      misses: new Map(),
    });
    this.stats.compiled++;
    // stores to this page must now reach a TLB fill so that they invalidate the region
    host.flushWriteTlb();
    const s = this.view();
    for (let i = 0; i < JIT_TLB_SIZE; i++) s[(SCRATCH_WTLB >> 2) + 4 * i] = NO_TAG;
    return true;
  }
}

/** The private interpreter state the tier needs, by name. */
interface CpuPrivate {
  pcLo: number;
  pcHi: number;
  exc: unknown;
  stop: number;
  readonly wTagLo: Int32Array;
  refreshRam(): void;
}

function hostOf(cpu: Cpu): JitHost {
  const c = cpu as unknown as CpuPrivate;
  return {
    regs: cpu.regs,
    memory: cpu.memory,
    get instructionCount() {
      return cpu.instructionCount;
    },
    set instructionCount(v: number) {
      cpu.instructionCount = v;
    },
    interpret: (budget) => cpu.interpret(budget),
    flushWriteTlb: () => {
      c.wTagLo.fill(NO_TAG);
    },
    syncRam: () => c.refreshRam(),
    get pcLo() {
      return c.pcLo;
    },
    set pcLo(v: number) {
      c.pcLo = v;
    },
    get pcHi() {
      return c.pcHi;
    },
    set pcHi(v: number) {
      c.pcHi = v;
    },
    resetStop: () => {
      c.exc = undefined;
      c.stop = StopReason.BUDGET;
    },
  };
}
