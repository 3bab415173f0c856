/**
 * The performance monitors of LA64 (Reference Manual vol. 1, §7.6): four PMCFGn/PMCNTn pairs
 * (CPUCFG6: PMP = 1, PMVER = 1, PMNUM = 3, PMBITS = 63, UPM = 1) counting the architectural events
 * 0 (cycles) and 1 (retired instructions) at the privilege levels PMCFG.PLV0–3 enable, and the PMI
 * interrupt (ESTAT.IS[10]) while a counter with PMIEn has its top bit set.
 *
 * Counting is lazy: the counters in the CSR file are brought up to date ({@link PerfMonitor.sync})
 * whenever they are read or written, when the privilege level changes and at the vCPU's run-loop
 * boundaries, which the vCPU cuts at the next overflow ({@link PerfMonitor.ticksToOverflow}).
 * QEMU 7.2 has no performance monitors (the CSRs read 0), so they are tested against the manual only.
 *
 * @module
 */

import { Csr, type CsrFile, PERF_MONITORS } from "../cpu/csr.js";

/**
 * Event numbers (PMCFG.EvCode) the monitors count (the architecture-defined ones Linux's LoongArch PMU
 * driver uses); other codes count nothing.
 *
 * @example
 * ```ts
 * import { PerfEvent } from "@axvisor/loongarch-cpu";
 * console.log(PerfEvent.CYCLES, PerfEvent.INSTRUCTIONS); // 0 1
 * ```
 */
export const PerfEvent = {
  /** Core clock cycles: one per instruction, and one per stable-counter tick spent in `idle`. */
  CYCLES: 0,
  /** Retired instructions. */
  INSTRUCTIONS: 1,
} as const;

const TOP = 1n << 63n;
const U64 = (1n << 64n) - 1n;

/**
 * The performance-monitor state of one hart beyond its CSRs: the event totals at the last sync and the
 * privilege level counted since.
 *
 * @example
 * ```ts
 * import { Csr, CsrFile, PerfMonitor } from "@axvisor/loongarch-cpu";
 * const c = new CsrFile();
 * const pm = new PerfMonitor();
 * c.write(Csr.PMCFG0, 0x1_0001n); // retired instructions at PLV0
 * pm.sync(c, 100, 90, 0);
 * console.log(c.read(Csr.PMCNT0)); // 90n
 * ```
 */
export class PerfMonitor {
  #cycles = 0;
  #instret = 0;
  #plv = 0;

  /**
   * Starts counting from these totals (after a reset or when the counters are loaded).
   *
   * @param cycles - Cycles so far.
   * @param instret - Retired instructions so far.
   * @param plv - The current privilege level.
   *
   * @example
   * ```ts
   * import { PerfMonitor } from "@axvisor/loongarch-cpu";
   * new PerfMonitor().restart(0, 0, 0);
   * ```
   */
  restart(cycles: number, instret: number, plv: number): void {
    this.#cycles = cycles;
    this.#instret = instret;
    this.#plv = plv;
  }

  /**
   * Adds the events since the last sync to every counter enabled at the privilege level of that
   * period, then starts a new period at `plv`.
   *
   * @param c - The hart's CSRs (PMCFGn, PMCNTn).
   * @param cycles - Cycles so far (monotonic).
   * @param instret - Retired instructions so far (monotonic).
   * @param plv - The privilege level from now on.
   *
   * @example
   * ```ts
   * import { Csr, CsrFile, PerfMonitor } from "@axvisor/loongarch-cpu";
   * const c = new CsrFile();
   * const pm = new PerfMonitor();
   * c.write(Csr.PMCFG1, 0x8_0000n); // cycles at PLV3 only
   * pm.sync(c, 50, 50, 3); // 50 cycles at PLV0: not counted; PLV3 from now on
   * pm.sync(c, 80, 70, 0); // 30 cycles at PLV3
   * console.log(c.read(Csr.PMCNT1)); // 30n
   * ```
   */
  sync(c: CsrFile, cycles: number, instret: number, plv: number): void {
    const dc = cycles - this.#cycles;
    const di = instret - this.#instret;
    const bit = 16n + BigInt(this.#plv);
    this.#cycles = cycles;
    this.#instret = instret;
    this.#plv = plv;
    if (dc === 0 && di === 0) return;
    for (let n = 0; n < PERF_MONITORS; n++) {
      const cfg = c.read(Csr.PMCFG0 + 2 * n);
      if (((cfg >> bit) & 1n) === 0n) continue;
      const ev = Number(cfg & 0x3ffn);
      const d = ev === PerfEvent.CYCLES ? dc : ev === PerfEvent.INSTRUCTIONS ? di : 0;
      if (d === 0) continue;
      const r = Csr.PMCNT0 + 2 * n;
      c.set(r, (c.read(r) + BigInt(d)) & U64);
    }
  }

  /**
   * Whether a monitor requests the performance-monitor interrupt: PMIEn set and the counter's top bit
   * set (a level: software clears it by clearing that bit).
   *
   * @param c - The hart's CSRs.
   * @returns The level of ESTAT.IS[10] the monitors drive.
   *
   * @example
   * ```ts
   * import { Csr, CsrFile, PerfMonitor } from "@axvisor/loongarch-cpu";
   * const c = new CsrFile();
   * c.write(Csr.PMCFG2, 0x10_0000n); // PMIEn
   * c.write(Csr.PMCNT2, 1n << 63n);
   * console.log(PerfMonitor.interruptPending(c)); // true
   * ```
   */
  static interruptPending(c: CsrFile): boolean {
    for (let n = 0; n < PERF_MONITORS; n++) {
      if ((c.read(Csr.PMCFG0 + 2 * n) & 0x10_0000n) !== 0n && (c.read(Csr.PMCNT0 + 2 * n) & TOP) !== 0n) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether any monitor counts at some privilege level (when none does, the vCPU skips syncing).
   *
   * @param c - The hart's CSRs.
   * @returns `true` when some PMCFGn has a PLV enable bit set.
   *
   * @example
   * ```ts
   * import { CsrFile, PerfMonitor } from "@axvisor/loongarch-cpu";
   * console.log(PerfMonitor.active(new CsrFile())); // false
   * ```
   */
  static active(c: CsrFile): boolean {
    for (let n = 0; n < PERF_MONITORS; n++) if ((c.read(Csr.PMCFG0 + 2 * n) & 0xf_0000n) !== 0n) return true;
    return false;
  }

  /**
   * Instructions until the first interrupt-enabled monitor counting at `plv` sets its top bit (both
   * events advance by one per executed instruction).
   *
   * @param c - The hart's CSRs (synced).
   * @param plv - The current privilege level.
   * @returns The distance (at least 1), or `undefined` when no monitor can overflow into a PMI.
   *
   * @example
   * ```ts
   * import { Csr, CsrFile, PerfMonitor } from "@axvisor/loongarch-cpu";
   * const c = new CsrFile();
   * c.write(Csr.PMCFG0, 0x11_0001n); // instructions at PLV0, PMIEn
   * c.write(Csr.PMCNT0, (1n << 63n) - 10n);
   * console.log(PerfMonitor.ticksToOverflow(c, 0), PerfMonitor.ticksToOverflow(c, 3)); // 10 undefined
   * ```
   */
  static ticksToOverflow(c: CsrFile, plv: number): number | undefined {
    let best: bigint | undefined;
    for (let n = 0; n < PERF_MONITORS; n++) {
      const cfg = c.read(Csr.PMCFG0 + 2 * n);
      if ((cfg & 0x10_0000n) === 0n || ((cfg >> BigInt(16 + plv)) & 1n) === 0n) continue;
      const ev = Number(cfg & 0x3ffn);
      if (ev !== PerfEvent.CYCLES && ev !== PerfEvent.INSTRUCTIONS) continue;
      const cnt = c.read(Csr.PMCNT0 + 2 * n);
      // a set top bit is already pending (a level), nothing to wait for
      if ((cnt & TOP) !== 0n) continue;
      const d = TOP - cnt;
      if (best === undefined || d < best) best = d;
    }
    if (best === undefined) return undefined;
    return best > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(best);
  }
}
