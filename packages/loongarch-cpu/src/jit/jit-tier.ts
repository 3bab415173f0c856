/**
 * The WebAssembly compiler tier's driver. Cold code runs on the interpreter in slices whose instructions
 * are charged to the 4 KiB guest code page the slice started in; a page that has run
 * {@link jitTuning}.hotInstructions is compiled with {@link compileRegion}. Compiled regions run until
 * they leave their page or meet an instruction they do not compile; the interpreter then runs exactly up
 * to the next block leader. Instruction counts stay identical to the interpreter's: regions return the
 * exact number of instructions they executed and never exceed the budget. Pages whose regions return
 * too often (FP code) are demoted to the interpreter; entries found late (jump-table targets) are
 * compiled in by a recompile.
 *
 * Invalidation: a region is keyed by its page's host RAM offset (and checked against the guest virtual
 * page); the first store to it (a write-TLB fill in either tier; the JIT's write TLB refuses code pages)
 * drops it. `flushTlb` empties the JIT's TLBs and fetch cache (translation changed); `noteHostWrites`
 * makes every region compare its page with the words it was compiled from before it runs again.
 *
 * Memory: generated code imports the CPU memory's `WebAssembly.Memory` (`PagedMemory`, or the host
 * physical memory of a vCPU) and keeps its register file and TLBs in a scratch area of it
 * (`jitScratchBase`).
 *
 * @module
 */

import type { Cpu } from "../cpu/interpreter.js";
import { Access, type CpuMemory } from "../cpu/memory.js";
import { StopReason, type StopReasonValue } from "../cpu/stop-reason.js";
import {
  compileRegion,
  JIT_TLB_SIZE,
  MIN_BUDGET,
  SCRATCH_PC,
  SCRATCH_RTLB,
  SCRATCH_SIZE,
  SCRATCH_WTLB,
} from "./region-compiler.js";
import { type JitCapableMemory, type WasmMemoryLike, wasmApi } from "./wasm-api.js";

/** Tuning knobs of the tier (module-wide; tests lower the thresholds to compile everything at once). */
export const jitTuning: {
  hotThreshold: number;
  hotInstructions: number;
  hotShare: number;
  coldSlice: number;
  entryThreshold: number;
  maxRecompiles: number;
  minRun: number;
  maxInvalidations: number;
} = {
  /** Dispatches to a cold page before it is compiled. */
  hotThreshold: 64,
  /**
   * Instructions interpreted from slices that started in a cold page before it is compiled (if it also
   * ran {@link jitTuning}.hotShare of everything since it first ran, else 10 times as many). A region
   * costs a few milliseconds of main-thread time (code generation, V8's baseline compile) and tens of
   * milliseconds of V8's optimising compiler in the background, which only code that keeps running pays
   * back (so short programs stay on the interpreter).
   */
  hotInstructions: 200_000,
  /**
   * Least share of all instructions executed since a cold page first ran that the page must account for
   * to be compiled before it ran 10 × hotInstructions: a hot loop dominates what runs, while code that
   * comes back only now and then (most of a booting kernel) would not pay its compile back.
   */
  hotShare: 0.5,
  /** Interpreter slice while a page is cold. */
  coldSlice: 2048,
  /** Times a non-leader entry must be seen before the region is recompiled with it as an entry. */
  entryThreshold: 32,
  /** Recompilations of one page for new entries, at most (then such entries stay interpreted). */
  maxRecompiles: 8,
  /**
   * Least average instructions per region entry (measured over 256 entries): a page whose compiled code
   * returns to the dispatcher more often (FP code, exits on every few instructions) goes back to the
   * interpreter for good, since every entry costs a register copy each way.
   */
  minRun: 12,
  /** Invalidations of one page by stores after which it stays on the interpreter. */
  maxInvalidations: 8,
};
const MAX_SLICE = 1 << 30;
/** The smallest valid module (magic and version): what the tier compiles to learn the host yields. */
const EMPTY_MODULE = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
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
  /**
   * Makes the page of `lo`/`hi` at host offset `base` the interpreter's fetch page unless it already is
   * (saves the interpreter a page walk each time the tier hands it a page it last left for a region).
   */
  primeFetch(lo: number, hi: number, base: number): void;
}

interface Region {
  readonly pageLo: number;
  readonly pageHi: number;
  readonly base: number;
  readonly run: (entry: number, budget: number) => number;
  readonly leaders: Uint8Array;
  readonly toLeader: Uint16Array;
  readonly inline: Uint8Array;
  readonly extra: Set<number>;
  readonly misses: Map<number, number>;
  /** The page's words when it was compiled (what {@link JitTier.noteHostWrites} re-checks). */
  readonly words: Int32Array;
  /** The host-write epoch the words were last checked in. */
  checked: number;
  /** Entries in the current measuring window. */
  windowEntries: number;
  /** Instructions run in the current measuring window. */
  windowRan: number;
}

/** Entries of the tier's own fetch-translation cache (guest virtual page → host page). */
const FETCH_CACHE = 64;

/**
 * An execution tier: `"interp"` (the interpreter only) or `"jit"` (hot guest code compiled to
 * WebAssembly, everything else on the interpreter). Both give identical results and instruction counts.
 *
 * @example
 * ```ts
 * import type { CpuTier } from "@axvisor/loongarch-cpu";
 * const tier: CpuTier = "jit";
 * console.log(tier); // "jit"
 * ```
 */
export type CpuTier = "interp" | "jit";

/**
 * Counters of the compiler tier ({@link Cpu.jitStats}).
 *
 * @example
 * ```ts
 * import { assemble, Cpu, PagedMemory, Perm } from "@axvisor/loongarch-cpu";
 * const mem = new PagedMemory();
 * mem.map(0x10000n, 4096, Perm.READ | Perm.EXEC);
 * mem.write(0x10000n, new Uint8Array(assemble("loop:\naddi.d $a0, $a0, 1\nb loop").buffer));
 * const cpu = new Cpu(mem, { pc: 0x10000n, cpuTier: "jit" });
 * cpu.run(1_000_000);
 * console.log(cpu.jitStats()!.jitInstructions > 0); // true
 * ```
 */
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
  /** Pages sent back to the interpreter because their compiled code ran too little per entry. */
  demoted: number;
}

/** Per-CPU settings of the tier ({@link JitTier.create}). */
export interface JitOptions {
  /** Instructions a cold page runs on the interpreter before it is compiled (default {@link jitTuning}.hotInstructions). */
  readonly hotInstructions?: number;
  /**
   * Compile with `WebAssembly.compile` off the main thread while the interpreter keeps running the page
   * (default true where the host has it). The module is installed at the first dispatch after its promise
   * settled, so the host must turn its event loop (the VMM's `runAsync` does): the tier compiles an
   * empty module asynchronously when it is created and compiles synchronously until that one has
   * settled (a host that never yields, like a plain `run()` loop, never waits). A page that runs another
   * `16 * hotInstructions` while its module compiles is compiled synchronously.
   */
  readonly asyncCompile?: boolean;
}

/** A region whose module is being compiled asynchronously. */
interface Pending {
  readonly pageLo: number;
  readonly pageHi: number;
  readonly words: Int32Array;
  readonly extra: Set<number>;
  readonly code: ReturnType<typeof compileRegion>;
  /** The compiled module once the promise resolved. */
  module: object | undefined;
  /** The compile promise rejected. */
  failed: boolean;
  /** Instructions the page ran on the interpreter while waiting. */
  waited: number;
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
    demoted: 0,
  };
  private readonly host: JitHost;
  private readonly mem: WasmMemoryLike;
  /** Whether `mem` is a shared memory (the modules' import type must match). */
  private readonly sharedMemory: boolean;
  private readonly regions = new Map<number, Region>();
  private readonly heat = new Map<number, number>();
  /** Slots dispatched to while a page was cold: the first region's entries. */
  private readonly coldEntries = new Map<number, Set<number>>();
  /** Instructions interpreted from slices that started in each cold page. */
  private readonly work = new Map<number, number>();
  /** The CPU's instruction count when each cold page first ran (see {@link jitTuning}.hotShare). */
  private readonly since = new Map<number, number>();
  /** Recompilations per page for new entries. */
  private readonly recompiles = new Map<number, number>();
  /** Regions dropped per page by stores. */
  private readonly drops = new Map<number, number>();
  private regs64: Int32Array;
  private scratch32: Int32Array;
  private readonly scratchBase: number;
  private fLo = NO_TAG;
  private fHi = 0;
  private fBase = -1;
  private readonly fcLo = new Int32Array(FETCH_CACHE).fill(NO_TAG);
  private readonly fcHi = new Int32Array(FETCH_CACHE);
  private readonly fcBase = new Int32Array(FETCH_CACHE);
  /** Bumped by {@link JitTier.noteHostWrites}: regions re-check their words once per epoch. */
  private epoch = 0;
  /** Instructions a cold page runs before it is compiled. */
  private readonly hot: number;
  /** Whether hot pages compile with `WebAssembly.compile`. */
  private readonly async: boolean;
  /** Pages whose module is being compiled asynchronously. */
  private readonly pending = new Map<number, Pending>();
  /** The probe compile has settled: the host turns its event loop, so hot pages compile asynchronously. */
  private settled = false;

  /**
   * Creates the tier, or returns undefined when the memory cannot be shared with wasm.
   *
   * @param cpu - The CPU.
   * @param options - Per-CPU settings.
   * @returns The tier or undefined.
   */
  static create(cpu: Cpu, options: JitOptions = {}): JitTier | undefined {
    const host = hostOf(cpu);
    const m = host.memory as Partial<JitCapableMemory> & CpuMemory;
    if (typeof m.enableWasm !== "function" || !wasmApi()) return undefined;
    const wasm = m.enableWasm();
    if (!wasm) return undefined;
    host.syncRam();
    return new JitTier(host, wasm, m.jitScratchBase ?? 0, options);
  }

  private constructor(host: JitHost, mem: WasmMemoryLike, scratchBase: number, options: JitOptions) {
    this.hot = Math.max(0, options.hotInstructions ?? jitTuning.hotInstructions);
    this.async = (options.asyncCompile ?? true) && typeof wasmApi()?.compile === "function";
    if (this.async) {
      wasmApi()!.compile!(EMPTY_MODULE).then(
        () => {
          this.settled = true;
        },
        () => {},
      );
    }
    this.host = host;
    this.mem = mem;
    // not `instanceof`: a browser page that is not cross-origin isolated may have shared wasm memories
    // but hide the SharedArrayBuffer global
    this.sharedMemory = Object.prototype.toString.call(mem.buffer) === "[object SharedArrayBuffer]";
    this.scratchBase = scratchBase;
    this.scratch32 = new Int32Array(mem.buffer, scratchBase, SCRATCH_SIZE >> 2);
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
    this.fcLo.fill(NO_TAG);
  }

  /** Drops every compiled region and all hotness (mappings of guest RAM changed under the tier). */
  invalidateAll(): void {
    this.stats.invalidated += this.regions.size;
    this.regions.clear();
    this.heat.clear();
    this.work.clear();
    this.since.clear();
    this.recompiles.clear();
    this.drops.clear();
    this.coldEntries.clear();
    this.pending.clear();
    this.flushTlb();
  }

  /**
   * The host may have written guest RAM directly (loaders, devices, another vCPU): every region
   * compares its page with the words it was compiled from before it next runs, and is dropped if they
   * differ.
   */
  noteHostWrites(): void {
    if (this.regions.size > 0) this.epoch++;
  }

  /**
   * Called when either tier fills a write-TLB entry for the host page `base`: a store is about to reach
   * it, so any region compiled from it is dropped.
   *
   * @param base - Host RAM offset of the page.
   */
  noteWrite(base: number): void {
    // a module still compiling was built from words that may be changing: it is checked when it lands
    if (this.regions.delete(base)) {
      this.stats.invalidated++;
      this.dropped(base);
    }
  }

  /**
   * Whether a page that ran `worked` instructions is worth compiling: it ran at least
   * {@link jitTuning}.hotShare of everything executed since it first ran (a hot loop, not code that
   * comes back now and then over a long run, like most of a booting kernel), or 10 times the threshold.
   */
  private pays(base: number, worked: number): boolean {
    if (worked >= 10 * this.hot) return true;
    const elapsed = this.host.instructionCount - (this.since.get(base) ?? 0);
    return worked >= elapsed * jitTuning.hotShare;
  }

  /** Counts a region of the page dropped by a store; the page goes cold (or stays interpreted). */
  private dropped(base: number): void {
    this.work.delete(base);
    this.since.delete(base);
    // a page that keeps being written (code and hot data sharing it) is not worth compiling again
    const k = (this.drops.get(base) ?? 0) + 1;
    this.drops.set(base, k);
    if (k >= jitTuning.maxInvalidations) this.heat.set(base, -(2 ** 52));
    else this.heat.delete(base);
  }

  private view(): Int32Array {
    // growing a plain memory detaches the old buffer, which empties every view of it (a shared memory's
    // old buffer keeps covering the scratch area)
    if (this.scratch32.length === 0)
      this.scratch32 = new Int32Array(this.mem.buffer, this.scratchBase, SCRATCH_SIZE >> 2);
    return this.scratch32;
  }

  /** Whether the page of `region` still holds the words it was compiled from. */
  private unchanged(region: Region): boolean {
    const ram = this.host.memory.ram;
    const now = new Int32Array(ram.buffer, ram.byteOffset + region.base, 1024);
    const was = region.words;
    for (let i = 0; i < 1024; i++) if (now[i] !== was[i]) return false;
    return true;
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
    // host address of the page minus its guest address: compiled code adds the guest address
    s[e + 2] = (host.memory.ram.byteOffset + base - (lo & -4096)) | 0;
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
        const k = (pcLo >>> 12) & (FETCH_CACHE - 1);
        let base: number;
        if (this.fcLo[k] === page && this.fcHi[k] === pcHi) base = this.fcBase[k]!;
        else {
          base = host.memory.translate(page, pcHi, Access.FETCH);
          host.syncRam();
          if (base < 0 || pcLo & 3) {
            // let the interpreter raise the fetch fault
            return host.interpret(1);
          }
          this.fcLo[k] = page;
          this.fcHi[k] = pcHi;
          this.fcBase[k] = base;
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
        const worked = this.work.get(base) ?? 0;
        const p = this.pending.size > 0 ? this.pending.get(base) : undefined;
        if (p !== undefined) {
          if (this.land(base, p, page, pcHi)) continue;
        } else if (h >= jitTuning.hotThreshold && worked >= this.hot && this.pays(base, worked)) {
          this.coldEntries.delete(base);
          this.work.delete(base);
          this.since.delete(base);
          if (this.settled) this.compileAsync(base, page, pcHi, ce);
          else if (this.compile(base, page, pcHi, ce)) continue;
        }
        const before = host.instructionCount;
        host.primeFetch(pcLo, pcHi, base);
        const stop = host.interpret(Math.min(n, jitTuning.coldSlice));
        const ran = host.instructionCount - before;
        n -= ran;
        if (p !== undefined) p.waited += ran;
        else {
          if (worked === 0) this.since.set(base, before);
          this.work.set(base, worked + ran);
        }
        if (stop !== StopReason.BUDGET) return stop;
        continue;
      }
      if (region.checked !== this.epoch) {
        if (!this.unchanged(region)) {
          this.noteWrite(base);
          continue;
        }
        region.checked = this.epoch;
      }
      const slot = (pcLo & 4095) >> 2;
      let interp = true;
      if (n < MIN_BUDGET) {
        // a region needs MIN_BUDGET instructions of budget to start; the tail of a slice is interpreted
        const before = host.instructionCount;
        host.primeFetch(pcLo, pcHi, base);
        const stop = host.interpret(n);
        n -= host.instructionCount - before;
        if (stop !== StopReason.BUDGET) return stop;
        continue;
      }
      if (region.leaders[slot]) {
        this.view().set(this.regs64, 0);
        this.stats.entries++;
        const done = region.run(slot, n);
        const v = this.view();
        const regs = this.regs64;
        for (let i = 2; i < 64; i++) regs[i] = v[i]!;
        const nLo = v[SCRATCH_PC >> 2]!;
        const nHi = v[(SCRATCH_PC >> 2) + 1]!;
        host.pcLo = nLo;
        host.pcHi = nHi;
        host.syncRam();
        host.instructionCount += done;
        this.stats.jitInstructions += done;
        n -= done;
        if (done > 0) {
          // stopped in its own page at a non-leader: interpret up to the next leader below, after
          // counting a missed entry if the code there is compiled (a jump-table target, say)
          const ns = (nLo & 4095) >> 2;
          interp = (nLo & -4096) === page && nHi === pcHi && !region.leaders[ns];
          if (interp && region.inline[ns] && this.missed(region, ns, base, page, pcHi)) continue;
        }
        region.windowRan += done;
        if (++region.windowEntries >= 256) {
          if (region.windowRan < 256 * jitTuning.minRun) {
            this.regions.delete(base);
            this.heat.set(base, -(2 ** 52));
            this.stats.demoted++;
          }
          region.windowEntries = 0;
          region.windowRan = 0;
        }
      } else if (this.missed(region, slot, base, page, pcHi)) continue;
      if (interp && n > 0) {
        // the instruction at pc is not compiled (or the budget ends inside its block): interpret up to
        // the next leader
        const at = (host.pcLo & 4095) >> 2;
        const before = host.instructionCount;
        // still in this page: the interpreter's fetch page may be another one it last left for a region
        if ((host.pcLo & -4096) === page && host.pcHi === pcHi) host.primeFetch(host.pcLo, pcHi, base);
        const stop = host.interpret(Math.min(n, region.toLeader[at] ?? 1));
        n -= host.instructionCount - before;
        if (stop !== StopReason.BUDGET) return stop;
      }
    }
    return StopReason.BUDGET;
  }

  /** Counts an entry at a non-leader slot; recompiles (returning true) once it is hot enough. */
  private missed(region: Region, slot: number, base: number, page: number, pageHi: number): boolean {
    const m = (region.misses.get(slot) ?? 0) + 1;
    region.misses.set(slot, m);
    const r = this.recompiles.get(base) ?? 0;
    if (m < jitTuning.entryThreshold || r >= jitTuning.maxRecompiles) return false;
    this.recompiles.set(base, r + 1);
    // every slot missed more than once joins, so a jump table's targets need few recompilations
    const extra = new Set(region.extra);
    for (const [s, count] of region.misses) if (count > 1 || s === slot) extra.add(s);
    return this.compile(base, page, pageHi, extra);
  }

  /** The page's words now. */
  private wordsOf(base: number): Int32Array {
    const ram = this.host.memory.ram;
    const words = new Int32Array(1024);
    const dv = new DataView(ram.buffer, ram.byteOffset + base, 4096);
    for (let i = 0; i < 1024; i++) words[i] = dv.getInt32(4 * i, true);
    return words;
  }

  /** Starts compiling the page with `WebAssembly.compile`; the interpreter keeps running it meanwhile. */
  private compileAsync(base: number, pageLo: number, pageHi: number, extra: Set<number>): void {
    const words = this.wordsOf(base);
    const code = compileRegion(words, pageLo, pageHi, extra, this.scratchBase, this.sharedMemory);
    const p: Pending = { pageLo, pageHi, words, extra, code, module: undefined, failed: false, waited: 0 };
    this.pending.set(base, p);
    wasmApi()!.compile!(code.bytes).then(
      (m) => {
        p.module = m;
      },
      () => {
        p.failed = true;
      },
    );
  }

  /**
   * Installs a pending module once it is ready (or compiles it synchronously once the page has waited
   * long enough); returns true when the page now has a region.
   */
  private land(base: number, p: Pending, pageLo: number, pageHi: number): boolean {
    if (p.pageLo !== pageLo || p.pageHi !== pageHi) {
      // another guest page now maps there: start over
      this.pending.delete(base);
      return false;
    }
    if (p.failed) {
      this.pending.delete(base);
      this.heat.set(base, -(2 ** 52));
      return false;
    }
    if (p.module === undefined && p.waited < 16 * this.hot) return false;
    this.pending.delete(base);
    const now = this.wordsOf(base);
    for (let i = 0; i < 1024; i++) {
      if (now[i] !== p.words[i]) {
        // stored to while compiling: counts as a region compiled and dropped by a store
        this.stats.compiled++;
        this.stats.invalidated++;
        this.dropped(base);
        return false;
      }
    }
    return this.compile(base, pageLo, pageHi, p.extra, p.words, p.code, p.module);
  }

  private compile(
    base: number,
    pageLo: number,
    pageHi: number,
    extra: Set<number>,
    words: Int32Array = this.wordsOf(base),
    c: ReturnType<typeof compileRegion> = compileRegion(
      words,
      pageLo,
      pageHi,
      extra,
      this.scratchBase,
      this.sharedMemory,
    ),
    module?: object,
  ): boolean {
    const host = this.host;
    const api = wasmApi()!;
    let run: (entry: number, budget: number) => number;
    try {
      const mod = module ?? new api.Module(c.bytes);
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
      inline: c.inline,
      extra,
      misses: new Map(),
      words,
      checked: this.epoch,
      windowEntries: 0,
      windowRan: 0,
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
  cTagLo: number;
  cTagHi: number;
  refreshRam(): void;
  setFetchPage(lo: number, hi: number, base: number): void;
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
    primeFetch: (lo, hi, base) => {
      if (c.cTagLo !== (lo & -4096) || c.cTagHi !== hi) c.setFetchPage(lo, hi, base);
    },
  };
}
