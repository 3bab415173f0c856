/**
 * The control and status registers (CSRs) of a LoongArch64 hart: their numbers, which of them exist,
 * their write masks and the reset values of QEMU 7.2's `la464` CPU model.
 *
 * Side effects (TLB flushes on CRMD/DMW/ASID writes, the timer, ESTAT interrupt bits) belong to the
 * layer that owns the hart (the vCPU); this file only stores values.
 *
 * @module
 */

/**
 * CSR numbers (LoongArch Reference Manual vol. 1, ch. 7), as `csrrd`/`csrwr`/`csrxchg` encode them.
 *
 * @example
 * ```ts
 * import { Csr } from "@axvisor/loongarch-cpu";
 * console.log(Csr.CRMD, Csr.EENTRY, Csr.DMW0.toString(16)); // 0 12 "180"
 * ```
 */
export const Csr = {
  /** Current mode: PLV[1:0], IE[2], DA[3], PG[4], DATF[6:5], DATM[8:7], WE[9]. */
  CRMD: 0x0,
  /** Pre-exception mode: PPLV[1:0], PIE[2], PWE[3]. */
  PRMD: 0x1,
  /** Extended unit enables: FPE[0], SXE[1], ASXE[2], BTE[3]. */
  EUEN: 0x2,
  /** Miscellaneous per-PLV controls. */
  MISC: 0x3,
  /** Exception configuration: LIE[12:0], VS[18:16]. */
  ECFG: 0x4,
  /** Exception status: IS[12:0], Ecode[21:16], EsubCode[30:22]. */
  ESTAT: 0x5,
  /** Exception return address. */
  ERA: 0x6,
  /** Bad virtual address. */
  BADV: 0x7,
  /** Bad instruction word. */
  BADI: 0x8,
  /** Exception entry base. */
  EENTRY: 0xc,
  /** TLB index: Index[11:0], PS[29:24], NE[31]. */
  TLBIDX: 0x10,
  /** TLB entry high: VPPN[47:13]. */
  TLBEHI: 0x11,
  /** TLB entry low 0 (even page). */
  TLBELO0: 0x12,
  /** TLB entry low 1 (odd page). */
  TLBELO1: 0x13,
  /** Address-space id: ASID[9:0], ASIDBITS[23:16] (read-only, 10). */
  ASID: 0x18,
  /** Page-table base for the lower half. */
  PGDL: 0x19,
  /** Page-table base for the upper half. */
  PGDH: 0x1a,
  /** Page-table base of the faulting address (read-only). */
  PGD: 0x1b,
  /** Page-walk controller, low. */
  PWCL: 0x1c,
  /** Page-walk controller, high. */
  PWCH: 0x1d,
  /** STLB page size. */
  STLBPS: 0x1e,
  /** Reduced virtual-address configuration. */
  RVACFG: 0x1f,
  /** Core id (read-only). */
  CPUID: 0x20,
  /** Privileged resource configuration 1 (read-only). */
  PRCFG1: 0x21,
  /** Privileged resource configuration 2 (read-only). */
  PRCFG2: 0x22,
  /** Privileged resource configuration 3 (read-only). */
  PRCFG3: 0x23,
  /** First of the 16 scratch registers SAVE0–SAVE15 (0x30–0x3f). */
  SAVE0: 0x30,
  /** Timer id. */
  TID: 0x40,
  /** Timer configuration: En[0], Periodic[1], InitVal[47:2]. */
  TCFG: 0x41,
  /** Timer value (read-only). */
  TVAL: 0x42,
  /** Counter compensation. */
  CNTC: 0x43,
  /** Timer interrupt clear: write 1 to bit 0. */
  TICLR: 0x44,
  /** LLbit control: ROLLB[0], WCLLB[1], KLO[2]. */
  LLBCTL: 0x60,
  /** Implementation-specific control 1. */
  IMPCTL1: 0x80,
  /** Implementation-specific control 2. */
  IMPCTL2: 0x81,
  /** TLB-refill exception entry. */
  TLBRENTRY: 0x88,
  /** TLB-refill bad virtual address. */
  TLBRBADV: 0x89,
  /** TLB-refill return address: IsTLBR[0], PC[63:2]. */
  TLBRERA: 0x8a,
  /** TLB-refill scratch. */
  TLBRSAVE: 0x8b,
  /** TLB-refill entry low 0. */
  TLBRELO0: 0x8c,
  /** TLB-refill entry low 1. */
  TLBRELO1: 0x8d,
  /** TLB-refill entry high: PS[5:0], VPPN[47:13]. */
  TLBREHI: 0x8e,
  /** TLB-refill pre-exception mode. */
  TLBRPRMD: 0x8f,
  /** Machine-error control. */
  MERRCTL: 0x90,
  /** Machine-error information 1. */
  MERRINFO1: 0x91,
  /** Machine-error information 2. */
  MERRINFO2: 0x92,
  /** Machine-error entry. */
  MERRENTRY: 0x93,
  /** Machine-error return address. */
  MERRERA: 0x94,
  /** Machine-error scratch. */
  MERRSAVE: 0x95,
  /** Cache tag. */
  CTAG: 0x98,
  /** Direct-mapping window 0: PLV0–3 enables [3:0], MAT[5:4], VSEG[63:60]. */
  DMW0: 0x180,
  /** Direct-mapping window 1. */
  DMW1: 0x181,
  /** Direct-mapping window 2. */
  DMW2: 0x182,
  /** Direct-mapping window 3. */
  DMW3: 0x183,
  /**
   * Performance monitor configuration 0 (Linux: PERFCTRL0): EvCode[9:0], PLV0–PLV3 count enables
   * [19:16], PMIEn[20]. Monitor n has PMCFGn at 0x200 + 2n and PMCNTn at 0x201 + 2n; four are implemented.
   */
  PMCFG0: 0x200,
  /** Performance monitor counter 0 (Linux: PERFCNTR0): a 64-bit count; bit 63 set raises PMI when enabled. */
  PMCNT0: 0x201,
  /** Performance monitor configuration 1. */
  PMCFG1: 0x202,
  /** Performance monitor counter 1. */
  PMCNT1: 0x203,
  /** Performance monitor configuration 2. */
  PMCFG2: 0x204,
  /** Performance monitor counter 2. */
  PMCNT2: 0x205,
  /** Performance monitor configuration 3. */
  PMCFG3: 0x206,
  /** Performance monitor counter 3. */
  PMCNT3: 0x207,
  /** Load/store watchpoint overall controller: Num[5:0] (read-only, 8). */
  MWPC: 0x300,
  /** Load/store watchpoint overall status: Status[7:0] (write 1 to clear), Skip[16]. */
  MWPS: 0x301,
  /**
   * Load/store watchpoint 0 configuration 1 (VAddr). Watchpoint n has CFG1–CFG4 at 0x310 + 8n … 0x313 + 8n:
   * VAddr, Mask, CFG3 = DMOnly[0] PLV0–3[4:1] LCL[7] LoadEn[8] StoreEn[9] Size[11:10], CFG4 = ASID[9:0].
   */
  MWP0CFG1: 0x310,
  /** Fetch watchpoint overall controller: Num[5:0] (read-only, 8). */
  FWPC: 0x380,
  /** Fetch watchpoint overall status: Status[7:0] (write 1 to clear), Skip[16]. */
  FWPS: 0x381,
  /**
   * Fetch watchpoint 0 configuration 1 (VAddr). Watchpoint n has CFG1–CFG4 at 0x390 + 8n … 0x393 + 8n:
   * VAddr, Mask, CFG3 = DMOnly[0] PLV0–3[4:1] LCL[7], CFG4 = ASID[9:0].
   */
  FWP0CFG1: 0x390,
  /** Debug register (read-only): DST[0] (in debug mode), DRev[7:1], DEI[8], DCL[9], DFW[10], DMW[11], Ecode[21:16]. */
  DBG: 0x500,
  /** Debug exception return address. */
  DERA: 0x501,
  /** Debug data save register. */
  DSAVE: 0x502,
  /**
   * LVZ guest TLB control (root only: not in a guest's CSR file, where it reads 0 as on a CPU without LVZ).
   */
  GTLBC: 0x15,
  /** LVZ TLB read guest info (root only). */
  TRGP: 0x16,
  /** LVZ guest status: VM[0], PVM[1], GID[23:16] (root only). */
  GSTAT: 0x50,
  /** LVZ guest configuration (root only). */
  GCFG: 0x51,
  /**
   * LVZ guest interrupt control (root only): VIP[7:0] virtual HWI0–7 the guest sees in ESTAT.IS[9:2],
   * PIP[15:8] physical HWIs passed through, HC[23:16] clear commands. See `LoongArchVCpu.gintc`.
   */
  GINTC: 0x52,
  /** LVZ guest counter compensation (root only). */
  GCNTC: 0x53,
} as const;

/** Number of performance monitors (CPUCFG6.PMNUM + 1). */
export const PERF_MONITORS = 4;
/** Number of load/store and of fetch watchpoints (MWPC.Num, FWPC.Num). */
export const WATCHPOINTS = 8;

const ALL = 0xffff_ffff_ffff_ffffn;
const PAGE_BASE = ~0xfffn & ALL;
const TLBELO = 0xe000_ffff_ffff_f07fn;

/** PPN of a physical entry address: PA[PALEN-1:12] with PALEN = 48. */
const PHYS_PAGE = 0xffff_ffff_f000n;
/** Debug mechanism version DBG.DRev = 1 ("the initial version"). */
const DBG_RESET = 0x2n;

/**
 * [number, write mask, reset value] (the manual's field attributes; the reset values those of QEMU 7.2's
 * la464 where it has the register); a missing CSR reads 0 and ignores writes.
 */
const DEFS: readonly (readonly [number, bigint, bigint])[] = [
  [Csr.CRMD, 0x3ffn, 0xa8n],
  [Csr.PRMD, 0xfn, 0n],
  [Csr.EUEN, 0xfn, 0n],
  // VA32L1-3 [3:1], DRDTL1-3 [7:5], RPCNTL1-3 [11:9], ALCL0-3 [15:12], DWPL0-2 [18:16]
  [Csr.MISC, 0x7_feeen, 0n],
  [Csr.ECFG, 0x7_1fffn, 0n],
  // only the software-interrupt bits IS[1:0] are writable
  [Csr.ESTAT, 0x3n, 0n],
  [Csr.ERA, ALL, 0n],
  [Csr.BADV, ALL, 0n],
  [Csr.BADI, 0xffff_ffffn, 0n],
  [Csr.EENTRY, PAGE_BASE, 0n],
  [Csr.TLBIDX, 0xbf00_0fffn, 0n],
  // VPPN = VA[47:13] (VALEN = 48)
  [Csr.TLBEHI, 0xffff_ffff_e000n, 0n],
  [Csr.TLBELO0, TLBELO, 0n],
  [Csr.TLBELO1, TLBELO, 0n],
  [Csr.ASID, 0x3ffn, 0xa_0000n],
  [Csr.PGDL, PAGE_BASE, 0n],
  [Csr.PGDH, PAGE_BASE, 0n],
  [Csr.PGD, 0n, 0n],
  [Csr.PWCL, 0xffff_ffffn, 0n],
  [Csr.PWCH, 0xff_ffffn, 0n],
  [Csr.STLBPS, 0x3fn, 0n],
  [Csr.RVACFG, 0xfn, 0n],
  [Csr.CPUID, 0n, 0n],
  // QEMU 7.2 leaves PRCFG1/2 at 0 (the csr guest prints that); PRCFG3 describes its TLB
  [Csr.PRCFG1, 0n, 0n],
  [Csr.PRCFG2, 0n, 0n],
  [Csr.PRCFG3, 0n, 0x80_73f2n],
  ...Array.from({ length: 16 }, (_, i) => [Csr.SAVE0 + i, ALL, 0n] as const),
  [Csr.TID, 0xffff_ffffn, 0n],
  [Csr.TCFG, 0xffff_ffff_ffffn, 0n],
  [Csr.TVAL, 0n, 0n],
  [Csr.CNTC, ALL, 0n],
  [Csr.TICLR, 0n, 0n],
  [Csr.LLBCTL, 0x4n, 0n],
  [Csr.IMPCTL1, ALL, 0n],
  [Csr.IMPCTL2, ALL, 0n],
  [Csr.TLBRENTRY, PHYS_PAGE, 0n],
  [Csr.TLBRBADV, ALL, 0n],
  [Csr.TLBRERA, ~0x2n & ALL, 0n],
  [Csr.TLBRSAVE, ALL, 0n],
  [Csr.TLBRELO0, TLBELO, 0n],
  [Csr.TLBRELO1, TLBELO, 0n],
  [Csr.TLBREHI, 0xffff_ffff_e03fn, 0n],
  [Csr.TLBRPRMD, 0x17n, 0n],
  // Repairable[1], PPLV[3:2], PWE[6], PDA[7], PPG[8], PDATF[10:9], PDATM[12:11]; IsMERR[0], PIE[4] and
  // Cause[23:16] are read-only (the manual's attributes: only a machine-error entry sets them)
  [Csr.MERRCTL, 0x1fcen, 0n],
  [Csr.MERRINFO1, ALL, 0n],
  [Csr.MERRINFO2, ALL, 0n],
  [Csr.MERRENTRY, PHYS_PAGE, 0n],
  [Csr.MERRERA, ALL, 0n],
  [Csr.MERRSAVE, ALL, 0n],
  [Csr.CTAG, ALL, 0n],
  [Csr.DMW0, 0xf000_0000_0000_003fn, 0n],
  [Csr.DMW1, 0xf000_0000_0000_003fn, 0n],
  [Csr.DMW2, 0xf000_0000_0000_003fn, 0n],
  [Csr.DMW3, 0xf000_0000_0000_003fn, 0n],
  // performance monitors: PMCFGn = EvCode[9:0], PLV0-3[19:16], PMIEn[20]; PMCNTn 64 bits
  ...Array.from({ length: PERF_MONITORS }, (_, n) => [
    [Csr.PMCFG0 + 2 * n, 0x1f_03ffn, 0n] as const,
    [Csr.PMCNT0 + 2 * n, ALL, 0n] as const,
  ]).flat(),
  [Csr.MWPC, 0n, BigInt(WATCHPOINTS)],
  [Csr.MWPS, 0x1_0000n, 0n],
  [Csr.FWPC, 0n, BigInt(WATCHPOINTS)],
  [Csr.FWPS, 0x1_0000n, 0n],
  ...Array.from({ length: WATCHPOINTS }, (_, n) => [
    [Csr.MWP0CFG1 + 8 * n, ALL, 0n] as const,
    [Csr.MWP0CFG1 + 8 * n + 1, ALL, 0n] as const,
    // DMOnly[0] is writable only in debug mode (the vCPU enforces that)
    [Csr.MWP0CFG1 + 8 * n + 2, 0xf9fn, 0n] as const,
    [Csr.MWP0CFG1 + 8 * n + 3, 0x3ffn, 0n] as const,
    [Csr.FWP0CFG1 + 8 * n, ALL, 0n] as const,
    [Csr.FWP0CFG1 + 8 * n + 1, ALL, 0n] as const,
    [Csr.FWP0CFG1 + 8 * n + 2, 0x9fn, 0n] as const,
    [Csr.FWP0CFG1 + 8 * n + 3, 0x3ffn, 0n] as const,
  ]).flat(),
  [Csr.DBG, 0n, DBG_RESET],
  [Csr.DERA, ALL, 0n],
  [Csr.DSAVE, ALL, 0n],
];

/** Write-1-to-clear fields: the hit status bits of MWPS/FWPS. */
const W1C_DEFS: readonly (readonly [number, bigint])[] = [
  [Csr.MWPS, BigInt((1 << WATCHPOINTS) - 1)],
  [Csr.FWPS, BigInt((1 << WATCHPOINTS) - 1)],
];

const CSR_SPACE = 1 << 14;
const MASKS = new BigUint64Array(CSR_SPACE);
const RESETS = new BigUint64Array(CSR_SPACE);
const EXISTS = new Uint8Array(CSR_SPACE);
const W1C = new BigUint64Array(CSR_SPACE);
for (const [num, mask, reset] of DEFS) {
  MASKS[num] = mask;
  RESETS[num] = reset;
  EXISTS[num] = 1;
}
for (const [num, bits] of W1C_DEFS) W1C[num] = bits;

/**
 * The write-1-to-clear bits of a CSR (0 for most): `csrxchg` must keep them out of its merge, where
 * the unmasked old ones would otherwise be written back as 1 and clear themselves.
 */
export function w1cBits(num: number): bigint {
  return W1C[num] ?? 0n;
}

/**
 * A CSR file: the stored value of every CSR of LA64 (the manual's list; four performance monitors, eight
 * load/store and eight fetch watchpoints), write masks applied, reset to QEMU 7.2's `la464` values (and
 * the manual's for the registers QEMU 7.2 lacks: MWPC/FWPC.Num = 8, DBG.DRev = 1).
 *
 * Unknown CSR numbers read 0 and ignore writes (the manual's rule, which KVM follows); read-only
 * fields keep their value. Registers whose value is computed (PGD, TVAL, ESTAT's interrupt bits) are
 * stored here but refreshed by the owner of the file.
 *
 * @example
 * ```ts
 * import { Csr, CsrFile } from "@axvisor/loongarch-cpu";
 * const csrs = new CsrFile();
 * console.log(csrs.read(Csr.CRMD).toString(16), csrs.read(Csr.ASID).toString(16)); // "a8" "a0000"
 * csrs.write(Csr.ASID, 0xffff_ffffn);
 * console.log(csrs.read(Csr.ASID).toString(16)); // "a03ff"
 * ```
 */
export class CsrFile {
  /** The stored values, indexed by CSR number (14-bit space). */
  readonly values: BigUint64Array = new BigUint64Array(CSR_SPACE);

  /**
   * Creates a CSR file in its reset state.
   *
   * @param cpuId - The core id reported by CSR.CPUID (and the reset value of TID).
   *
   * @example
   * ```ts
   * import { Csr, CsrFile } from "@axvisor/loongarch-cpu";
   * console.log(new CsrFile(2).read(Csr.CPUID)); // 2n
   * ```
   */
  constructor(cpuId = 0) {
    this.reset(cpuId);
  }

  /**
   * Restores every CSR to its reset value.
   *
   * @param cpuId - The core id for CPUID and TID.
   *
   * @example
   * ```ts
   * import { Csr, CsrFile } from "@axvisor/loongarch-cpu";
   * const csrs = new CsrFile();
   * csrs.write(Csr.EENTRY, 0x1000n);
   * csrs.reset();
   * console.log(csrs.read(Csr.EENTRY)); // 0n
   * ```
   */
  reset(cpuId = 0): void {
    this.values.set(RESETS);
    this.values[Csr.CPUID] = BigInt(cpuId) & 0x1ffn;
    this.values[Csr.TID] = BigInt.asUintN(32, BigInt(cpuId));
  }

  /**
   * Whether `num` is a CSR this hart implements.
   *
   * @param num - A CSR number.
   * @returns `true` for an implemented CSR.
   *
   * @example
   * ```ts
   * import { CsrFile } from "@axvisor/loongarch-cpu";
   * console.log(new CsrFile().has(0x0), new CsrFile().has(0x7)); // true true
   * ```
   */
  has(num: number): boolean {
    return EXISTS[num] === 1;
  }

  /**
   * Reads a CSR as stored.
   *
   * @param num - A CSR number (0–0x3fff).
   * @returns Its value, or 0n for an unimplemented CSR.
   *
   * @example
   * ```ts
   * import { Csr, CsrFile } from "@axvisor/loongarch-cpu";
   * console.log(new CsrFile().read(Csr.PRCFG3).toString(16)); // "8073f2"
   * ```
   */
  read(num: number): bigint {
    return this.values[num] ?? 0n;
  }

  /**
   * Writes a CSR through its write mask (what `csrwr` does): bits outside the mask keep their value;
   * write-1-to-clear fields (the MWPS/FWPS hit status) are cleared where `value` has ones.
   *
   * @param num - A CSR number (0–0x3fff).
   * @param value - The new value (taken modulo 2^64).
   * @returns The value before the write.
   *
   * @example
   * ```ts
   * import { Csr, CsrFile } from "@axvisor/loongarch-cpu";
   * const csrs = new CsrFile();
   * console.log(csrs.write(Csr.EENTRY, 0x1234n), csrs.read(Csr.EENTRY).toString(16)); // 0n "1000"
   * ```
   */
  write(num: number, value: bigint): bigint {
    const old = this.values[num] ?? 0n;
    const mask = MASKS[num] ?? 0n;
    const v = BigInt.asUintN(64, value);
    if (mask !== 0n) this.values[num] = (old & ~mask) | (v & mask);
    // write-1-to-clear status bits (MWPS/FWPS): writing 0 leaves them
    const w1c = W1C[num] ?? 0n;
    if (w1c !== 0n) this.values[num] = (this.values[num] ?? 0n) & ~(v & w1c);
    return old;
  }

  /**
   * Sets a CSR to a value regardless of its write mask (what the hardware itself does on exception
   * entry, for example). Unimplemented numbers are ignored.
   *
   * @param num - A CSR number.
   * @param value - The value (taken modulo 2^64).
   *
   * @example
   * ```ts
   * import { Csr, CsrFile } from "@axvisor/loongarch-cpu";
   * const csrs = new CsrFile();
   * csrs.set(Csr.ESTAT, 0xd0000n);
   * console.log(csrs.read(Csr.ESTAT).toString(16)); // "d0000"
   * ```
   */
  set(num: number, value: bigint): void {
    if (EXISTS[num] === 1) this.values[num] = BigInt.asUintN(64, value);
  }
}
