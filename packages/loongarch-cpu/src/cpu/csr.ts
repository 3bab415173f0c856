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
} as const;

const ALL = 0xffff_ffff_ffff_ffffn;
const PAGE_BASE = ~0xfffn & ALL;
const TLBELO = 0xe000_ffff_ffff_f07fn;

/** [number, write mask, QEMU-7.2 reset value]; a missing CSR reads 0 and ignores writes. */
const DEFS: readonly (readonly [number, bigint, bigint])[] = [
  [Csr.CRMD, 0x3ffn, 0xa8n],
  [Csr.PRMD, 0xfn, 0n],
  [Csr.EUEN, 0xfn, 0n],
  [Csr.MISC, 0x7_7777n, 0n],
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
  [Csr.TLBRENTRY, PAGE_BASE, 0n],
  [Csr.TLBRBADV, ALL, 0n],
  [Csr.TLBRERA, ~0x2n & ALL, 0n],
  [Csr.TLBRSAVE, ALL, 0n],
  [Csr.TLBRELO0, TLBELO, 0n],
  [Csr.TLBRELO1, TLBELO, 0n],
  [Csr.TLBREHI, 0xffff_ffff_e03fn, 0n],
  [Csr.TLBRPRMD, 0x17n, 0n],
  [Csr.MERRCTL, ALL, 0n],
  [Csr.MERRINFO1, ALL, 0n],
  [Csr.MERRINFO2, ALL, 0n],
  [Csr.MERRENTRY, PAGE_BASE, 0n],
  [Csr.MERRERA, ALL, 0n],
  [Csr.MERRSAVE, ALL, 0n],
  [Csr.CTAG, ALL, 0n],
  [Csr.DMW0, 0xf000_0000_0000_003fn, 0n],
  [Csr.DMW1, 0xf000_0000_0000_003fn, 0n],
  [Csr.DMW2, 0xf000_0000_0000_003fn, 0n],
  [Csr.DMW3, 0xf000_0000_0000_003fn, 0n],
  // performance counters PERFCTRL0..3 / PERFCNTR0..3
  ...Array.from({ length: 8 }, (_, i) => [0x200 + i, ALL, 0n] as const),
];

const CSR_SPACE = 1 << 14;
const MASKS = new BigUint64Array(CSR_SPACE);
const RESETS = new BigUint64Array(CSR_SPACE);
const EXISTS = new Uint8Array(CSR_SPACE);
for (const [num, mask, reset] of DEFS) {
  MASKS[num] = mask;
  RESETS[num] = reset;
  EXISTS[num] = 1;
}

/**
 * A CSR file: the stored value of every CSR, write masks applied, reset to QEMU 7.2's `la464` values.
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
   * Writes a CSR through its write mask (what `csrwr` does): bits outside the mask keep their value.
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
    if (mask !== 0n) this.values[num] = (old & ~mask) | (BigInt.asUintN(64, value) & mask);
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
