/**
 * The guest TLB of a LoongArch64 hart as la464 builds it (CSR.PRCFG3 = 0x8073f2): a set-associative
 * STLB of 8 ways × 256 sets whose page size is CSR.STLBPS, and a fully associative MTLB of 64 entries
 * each with its own page size. Indices 0–2047 name STLB entries (way · 256 + set), 2048–2111 the MTLB.
 * One entry maps an even/odd pair of pages (TLBELO0 / TLBELO1, selected by VA bit PS).
 *
 * This is the architectural state behind `tlbsrch`, `tlbrd`, `tlbwr`, `tlbfill`, `tlbclr`,
 * `tlbflush` and `invtlb` and the lookup of mapped-mode translation (Reference Manual vol. 1, §5.4,
 * §4.2.4). The CSR plumbing (which CSRs feed an operation) stays in the vCPU.
 *
 * @module
 */

/** STLB sets. */
const SETS = 256;
/** STLB ways. */
const WAYS = 8;
/** First MTLB index. */
const MTLB_BASE = SETS * WAYS;
/** MTLB entries. */
const MTLB_SIZE = 64;
/** VPPN bits of an entry: VA[47:13]. */
const VPPN_MASK_FULL = 0xffff_ffff_e000n;
/** PPN bits of a TLBELO: PA[47:12]. */
const PPN_MASK = 0xffff_ffff_f000n;

/**
 * One TLB entry in CSR form: what `tlbrd` returns and `tlbwr`/`tlbfill` take.
 *
 * @example
 * ```ts
 * import type { TlbEntry } from "@axvisor/loongarch-cpu";
 * // 16 KiB pages at VA 0x10000 (even) / 0x14000 (odd), ASID 1, both valid, PLV3, dirty
 * const e: TlbEntry = { vppn: 0x10000n, ps: 14, asid: 1, lo0: 0x80000n | 0x1fn, lo1: 0x84000n | 0x1fn };
 * ```
 */
export interface TlbEntry {
  /** VA[47:13] of the pair (TLBEHI's layout; lower bits ignored). */
  readonly vppn: bigint;
  /** Page size as log2 bytes (12–47). */
  readonly ps: number;
  /** ASID[9:0]. */
  readonly asid: number;
  /** TLBELO0: the even page (V[0] D[1] PLV[3:2] MAT[5:4] G[6] PPN[47:12] NR[61] NX[62] RPLV[63]). */
  readonly lo0: bigint;
  /** TLBELO1: the odd page. */
  readonly lo1: bigint;
}

/**
 * Result codes of {@link GuestTlb.translate}: 0 = translated ({@link GuestTlb.pa}), -1 = no entry (TLB
 * refill), otherwise the page-fault Ecode (PIL 1, PIS 2, PIF 3, PME 4, PNR 5, PNX 6, PPI 7).
 *
 * @example
 * ```ts
 * import { TLB_REFILL } from "@axvisor/loongarch-cpu";
 * console.log(TLB_REFILL); // -1
 * ```
 */
export const TLB_REFILL = -1;

/**
 * The STLB + MTLB of one hart.
 *
 * @example
 * ```ts
 * import { GuestTlb } from "@axvisor/loongarch-cpu";
 * const tlb = new GuestTlb();
 * tlb.stlbPs = 14;
 * tlb.fill({ vppn: 0x10000n, ps: 14, asid: 1, lo0: 0x80000n | 0x1fn, lo1: 0n });
 * console.log(tlb.translate(0x10123n, 1, 3, 0), tlb.pa.toString(16)); // 0 "80123"
 * // the odd page is invalid: PIL
 * console.log(tlb.translate(0x14000n, 1, 3, 0)); // 1
 * ```
 */
export class GuestTlb {
  /** Number of entries (STLB then MTLB). */
  static readonly SIZE: number = MTLB_BASE + MTLB_SIZE;
  /** First MTLB index (2048). */
  static readonly MTLB_BASE: number = MTLB_BASE;
  /** Page size of the STLB (CSR.STLBPS.PS). */
  stlbPs = 12;
  /** The physical address of the last successful {@link GuestTlb.translate}. */
  pa = 0n;
  /**
   * Lookups ({@link GuestTlb.search}, hence translations and `tlbsrch`) that found more than one matching
   * entry. The manual leaves a multiple hit undefined ("the processor behavior will be undefined");
   * this TLB uses the lowest-index match (STLB ways in order, then the MTLB, as QEMU does) and counts
   * the event here so a hypervisor or test can detect a guest that created overlapping entries.
   */
  multipleHits = 0;
  /**
   * CSR.MISC.DWPL0–2 (bits 0–2 here): at a privilege level whose bit is set, a store to a page with
   * D = 0 does not raise PME (the manual's "disable write protection check"; never at PLV3).
   */
  writeProtectOff = 0;

  private readonly e = new Uint8Array(GuestTlb.SIZE);
  private readonly ps = new Uint8Array(GuestTlb.SIZE);
  private readonly asid = new Uint16Array(GuestTlb.SIZE);
  private readonly g = new Uint8Array(GuestTlb.SIZE);
  private readonly vppn = new BigUint64Array(GuestTlb.SIZE);
  private readonly lo0 = new BigUint64Array(GuestTlb.SIZE);
  private readonly lo1 = new BigUint64Array(GuestTlb.SIZE);
  private mtlbNext = 0;
  private readonly stlbNext = new Uint8Array(SETS);

  /**
   * The STLB set a virtual address falls in under the current STLB page size.
   *
   * @param va - The virtual address.
   * @returns The set, 0–255.
   *
   * @example
   * ```ts
   * import { GuestTlb } from "@axvisor/loongarch-cpu";
   * const tlb = new GuestTlb();
   * tlb.stlbPs = 14;
   * console.log(tlb.setOf(0x8000n)); // 1
   * ```
   */
  setOf(va: bigint): number {
    return Number((va >> BigInt(this.stlbPs + 1)) & 0xffn);
  }

  /**
   * Finds the entry that maps `va` for `asid` (E = 1, G = 1 or ASID equal, VPPN equal above bit PS).
   * With several matches (undefined in the manual) it returns the lowest index and counts
   * {@link GuestTlb.multipleHits}.
   *
   * @param va - The virtual address (VA[47:13] are compared).
   * @param asid - The current ASID.
   * @returns The entry index, or -1.
   *
   * @example
   * ```ts
   * import { GuestTlb } from "@axvisor/loongarch-cpu";
   * const tlb = new GuestTlb();
   * tlb.write(2048, { vppn: 0x200000n, ps: 21, asid: 0, lo0: 0x41n, lo1: 0x41n });
   * console.log(tlb.search(0x3fffffn, 5), tlb.search(0x400000n, 5)); // 2048 -1
   * ```
   */
  search(va: bigint, asid: number): number {
    const set = this.setOf(va);
    let found = -1;
    // every way and the whole MTLB are looked at (as the hardware looks them up at once) to see a second hit
    for (let way = 0; way < WAYS; way++) {
      const i = way * SETS + set;
      if (!this.matches(i, va, asid)) continue;
      if (found >= 0) {
        this.multipleHits++;
        return found;
      }
      found = i;
    }
    for (let i = MTLB_BASE; i < GuestTlb.SIZE; i++) {
      if (!this.matches(i, va, asid)) continue;
      if (found >= 0) {
        this.multipleHits++;
        return found;
      }
      found = i;
    }
    return found;
  }

  /**
   * Every entry that matches `va` for `asid`, in index order (more than one is the manual's undefined
   * multiple hit).
   *
   * @param va - The virtual address.
   * @param asid - The current ASID.
   * @returns The matching indices.
   *
   * @example
   * ```ts
   * import { GuestTlb } from "@axvisor/loongarch-cpu";
   * const tlb = new GuestTlb();
   * tlb.stlbPs = 14;
   * tlb.fill({ vppn: 0x8000n, ps: 14, asid: 0, lo0: 0x41n, lo1: 0x41n });
   * tlb.write(2048, { vppn: 0n, ps: 21, asid: 0, lo0: 0x41n, lo1: 0x41n });
   * console.log(tlb.matchesOf(0x8000n, 0).join()); // "1,2048"
   * ```
   */
  matchesOf(va: bigint, asid: number): number[] {
    const out: number[] = [];
    const set = this.setOf(va);
    for (let way = 0; way < WAYS; way++)
      if (this.matches(way * SETS + set, va, asid)) out.push(way * SETS + set);
    for (let i = MTLB_BASE; i < GuestTlb.SIZE; i++) if (this.matches(i, va, asid)) out.push(i);
    return out;
  }

  private matches(i: number, va: bigint, asid: number): boolean {
    if (this.e[i] === 0 || (this.g[i] === 0 && this.asid[i] !== asid)) return false;
    const mask = ~((1n << BigInt(this.ps[i]! + 1)) - 1n) & VPPN_MASK_FULL;
    return ((va ^ this.vppn[i]!) & mask) === 0n;
  }

  /**
   * Translates a mapped-mode address with the manual's checks, in its order: V (PIL/PIS/PIF), NX on a
   * fetch (PNX), privilege (PPI: RPLV = 0 needs PLV ≤ entry PLV, RPLV = 1 needs equality), NR on a load
   * (PNR), D on a store (PME). (QEMU 7.2 tests NR before the privilege.)
   *
   * @param va - The virtual address.
   * @param asid - The current ASID.
   * @param plv - The current privilege level (CRMD.PLV).
   * @param access - 0 load, 1 store, 2 fetch (the interpreter's `Access`).
   * @returns 0 with {@link GuestTlb.pa} set, {@link TLB_REFILL}, or the page-fault Ecode.
   *
   * @example
   * ```ts
   * import { GuestTlb } from "@axvisor/loongarch-cpu";
   * const tlb = new GuestTlb();
   * // a PLV0-only read-only page: PLV3 gets PPI (7), a PLV0 store gets PME (4)
   * tlb.write(2048, { vppn: 0n, ps: 14, asid: 0, lo0: 0x40001n, lo1: 0n });
   * console.log(tlb.translate(0n, 0, 3, 0), tlb.translate(0n, 0, 0, 1)); // 7 4
   * ```
   */
  translate(va: bigint, asid: number, plv: number, access: number): number {
    const i = this.search(va, asid);
    if (i < 0) return TLB_REFILL;
    const ps = this.ps[i]!;
    const lo = (va >> BigInt(ps)) & 1n ? this.lo1[i]! : this.lo0[i]!;
    if ((lo & 1n) === 0n) return access === 1 ? 2 : access === 2 ? 3 : 1;
    if (access === 2 && (lo >> 62n) & 1n) return 6;
    // the manual checks the privilege before NR (QEMU 7.2 checks NR first)
    const epl = Number((lo >> 2n) & 3n);
    if ((lo >> 63n) & 1n ? plv !== epl : plv > epl) return 7;
    if (access === 0 && (lo >> 61n) & 1n) return 5;
    if (access === 1 && (lo & 2n) === 0n && (plv === 3 || ((this.writeProtectOff >> plv) & 1) === 0))
      return 4;
    const off = (1n << BigInt(ps)) - 1n;
    this.pa = (lo & PPN_MASK & ~off) | (va & off);
    return 0;
  }

  /**
   * Reads entry `index` (what `tlbrd` returns).
   *
   * @param index - 0–2111.
   * @returns The entry, or `undefined` when it does not exist (E = 0).
   *
   * @example
   * ```ts
   * import { GuestTlb } from "@axvisor/loongarch-cpu";
   * console.log(new GuestTlb().read(0)); // undefined
   * ```
   */
  read(index: number): TlbEntry | undefined {
    if (this.e[index] !== 1) return undefined;
    const g = BigInt(this.g[index]!) << 6n;
    // the G bit is one per entry; it reads back in both halves
    return {
      vppn: this.vppn[index]!,
      ps: this.ps[index]!,
      asid: this.asid[index]!,
      lo0: (this.lo0[index]! & ~0x40n) | g,
      lo1: (this.lo1[index]! & ~0x40n) | g,
    };
  }

  /**
   * Writes entry `index` (`tlbwr`); `undefined` invalidates it (TLBIDX.NE = 1). G is set when both
   * halves have G.
   *
   * @param index - 0–2111 (taken modulo the TLB size).
   * @param entry - The entry, or `undefined`.
   *
   * @example
   * ```ts
   * import { GuestTlb } from "@axvisor/loongarch-cpu";
   * const tlb = new GuestTlb();
   * tlb.write(5, { vppn: 0x2000n, ps: 12, asid: 3, lo0: 1n, lo1: 1n });
   * tlb.write(5, undefined);
   * console.log(tlb.read(5)); // undefined
   * ```
   */
  write(index: number, entry: TlbEntry | undefined): void {
    const i = index % GuestTlb.SIZE;
    if (entry === undefined) {
      this.e[i] = 0;
      return;
    }
    this.e[i] = 1;
    this.ps[i] = entry.ps & 0x3f;
    this.asid[i] = entry.asid & 0x3ff;
    this.g[i] = Number((entry.lo0 >> 6n) & (entry.lo1 >> 6n) & 1n);
    this.vppn[i] = entry.vppn & VPPN_MASK_FULL;
    this.lo0[i] = BigInt.asUintN(64, entry.lo0);
    this.lo1[i] = BigInt.asUintN(64, entry.lo1);
  }

  /**
   * Writes an entry where the hardware chooses (`tlbfill`): the STLB set of its VA when its page size
   * is the STLB's, else the MTLB. The way/slot is chosen round-robin (the manual leaves the choice to
   * the implementation; QEMU picks at random, so guests must not depend on it).
   *
   * @param entry - The entry.
   * @returns The index written.
   *
   * @example
   * ```ts
   * import { GuestTlb } from "@axvisor/loongarch-cpu";
   * const tlb = new GuestTlb();
   * console.log(tlb.fill({ vppn: 0n, ps: 21, asid: 0, lo0: 0n, lo1: 0n })); // 2048
   * ```
   */
  fill(entry: TlbEntry): number {
    let i: number;
    if ((entry.ps & 0x3f) === this.stlbPs) {
      const set = this.setOf(entry.vppn);
      const way = this.stlbNext[set]!;
      this.stlbNext[set] = (way + 1) % WAYS;
      i = way * SETS + set;
    } else {
      i = MTLB_BASE + this.mtlbNext;
      this.mtlbNext = (this.mtlbNext + 1) % MTLB_SIZE;
    }
    this.write(i, entry);
    return i;
  }

  /**
   * `tlbclr` (`global` false) and `tlbflush` (`global` true) for TLBIDX.Index = `index`: in the STLB
   * the whole set of that index, in the MTLB all of it; `tlbclr` drops only entries with G = 0 and
   * the given ASID, `tlbflush` every entry.
   *
   * @param index - TLBIDX.Index.
   * @param asid - CSR.ASID (for `tlbclr`).
   * @param global - `true` for `tlbflush`.
   *
   * @example
   * ```ts
   * import { GuestTlb } from "@axvisor/loongarch-cpu";
   * const tlb = new GuestTlb();
   * tlb.write(2050, { vppn: 0n, ps: 21, asid: 1, lo0: 0n, lo1: 0n });
   * tlb.clear(2048, 2, false);
   * console.log(tlb.read(2050) !== undefined); // true
   * tlb.clear(2048, 1, false);
   * console.log(tlb.read(2050)); // undefined
   * ```
   */
  clear(index: number, asid: number, global: boolean): void {
    const drop = (i: number) => {
      if (global || (this.g[i] === 0 && this.asid[i] === asid)) this.e[i] = 0;
    };
    if (index < MTLB_BASE) {
      const set = index % SETS;
      for (let way = 0; way < WAYS; way++) drop(way * SETS + set);
    } else for (let i = MTLB_BASE; i < GuestTlb.SIZE; i++) drop(i);
  }

  /**
   * `invtlb op, rj, rk`: invalidates entries by op — 0/1 all; 2 G = 1; 3 G = 0; 4 G = 0 and ASID;
   * 5 G = 0, ASID and VA; 6 (G = 1 or ASID) and VA.
   *
   * @param op - The operation, 0–6.
   * @param asid - GR[rj][9:0].
   * @param va - GR[rk].
   * @returns `false` for an op above 6 (the instruction raises INE).
   *
   * @example
   * ```ts
   * import { GuestTlb } from "@axvisor/loongarch-cpu";
   * const tlb = new GuestTlb();
   * tlb.write(2048, { vppn: 0x4000n, ps: 14, asid: 7, lo0: 0n, lo1: 0n });
   * console.log(tlb.invalidate(5, 7, 0x4000n), tlb.read(2048), tlb.invalidate(9, 0, 0n)); // true undefined false
   * ```
   */
  invalidate(op: number, asid: number, va: bigint): boolean {
    if (op < 0 || op > 6) return false;
    const a = asid & 0x3ff;
    for (let i = 0; i < GuestTlb.SIZE; i++) {
      if (this.e[i] === 0) continue;
      const g = this.g[i] === 1;
      const asidEq = this.asid[i] === a;
      let drop: boolean;
      switch (op) {
        case 2:
          drop = g;
          break;
        case 3:
          drop = !g;
          break;
        case 4:
          drop = !g && asidEq;
          break;
        case 5:
          drop = !g && asidEq && this.vaMatches(i, va);
          break;
        case 6:
          drop = (g || asidEq) && this.vaMatches(i, va);
          break;
        default:
          drop = true;
      }
      if (drop) this.e[i] = 0;
    }
    return true;
  }

  private vaMatches(i: number, va: bigint): boolean {
    const mask = ~((1n << BigInt(this.ps[i]! + 1)) - 1n) & VPPN_MASK_FULL;
    return ((va ^ this.vppn[i]!) & mask) === 0n;
  }

  /**
   * Invalidates every entry (reset).
   *
   * @example
   * ```ts
   * import { GuestTlb } from "@axvisor/loongarch-cpu";
   * new GuestTlb().reset();
   * ```
   */
  reset(): void {
    this.e.fill(0);
    this.multipleHits = 0;
    this.mtlbNext = 0;
    this.stlbNext.fill(0);
  }
}
