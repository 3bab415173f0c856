/**
 * The floating-point unit: 32 64-bit FP registers, the 8 condition flags, FCSR0 and the execution of
 * every F/D instruction except the FP loads and stores (which need the CPU's memory path).
 *
 * Single-precision results are written the way QEMU 7.2 writes them: arithmetic, conversions to single,
 * `fmov.s`, `fabs.s`, `fneg.s` and `fld.s` set the upper 32 bits to ones (NaN boxing); `fcopysign.s`,
 * `frint.s` and `fclass.s` clear them; `movgr2fr.w` keeps them. Each arithmetic instruction replaces
 * FCSR0.Cause with its exceptions; enabled ones raise FPE (the destination is left unchanged and the
 * Flags are not updated), the others are accumulated in FCSR0.Flags.
 *
 * @module
 */

import { Op } from "../isa/table.js";
import { F32, F64, SoftFloat } from "./softfloat.js";

/** Write masks of the four FCSR views (`$fcsr0`: all defined fields, 1 Enables, 2 Flags+Cause, 3 RM). */
const FCSR_MASK = [0x1f1f031f, 0x1f, 0x1f1f0000, 0x300] as const;
const NANBOX = 0xffffffffn << 32n;

/**
 * The FP register file and FCSR of one hart, and the executor of the FP instructions.
 *
 * @example
 * ```ts
 * import { Fpu, Op, assembleOne } from "@axvisor/loongarch-cpu";
 * const fpu = new Fpu();
 * fpu.setF(1, 0x3ff0000000000000n); // 1.0
 * fpu.setF(2, 0x4000000000000000n); // 2.0
 * fpu.exec(assembleOne("fadd.d $fa0, $fa1, $fa2"), Op.FADD_D, new Int32Array(66));
 * console.log(fpu.getF(0).toString(16)); // "4008000000000000"
 * ```
 */
export class Fpu {
  /** FP registers as int32 halves: `fpr[2*i]` low, `fpr[2*i+1]` high. */
  readonly fpr: Int32Array = new Int32Array(64);
  /** Condition flags FCC0–FCC7 (0 or 1). */
  readonly fcc: Uint8Array = new Uint8Array(8);
  /** FCSR0: Enables [4:0], RM [9:8], Flags [20:16], Cause [28:24]. */
  fcsr0 = 0;
  private readonly sf = new SoftFloat();

  /**
   * Reads an FP register as an unsigned 64-bit pattern.
   *
   * @param i - Register number 0–31.
   * @returns The bits.
   *
   * @example
   * ```ts
   * import { Fpu } from "@axvisor/loongarch-cpu";
   * console.log(new Fpu().getF(3)); // 0n
   * ```
   */
  getF(i: number): bigint {
    return (BigInt(this.fpr[2 * i + 1]! >>> 0) << 32n) | BigInt(this.fpr[2 * i]! >>> 0);
  }

  /**
   * Writes an FP register (taken modulo 2^64).
   *
   * @param i - Register number 0–31.
   * @param v - The bits.
   *
   * @example
   * ```ts
   * import { Fpu } from "@axvisor/loongarch-cpu";
   * const f = new Fpu();
   * f.setF(0, -1n);
   * console.log(f.getF(0).toString(16)); // "ffffffffffffffff"
   * ```
   */
  setF(i: number, v: bigint): void {
    this.fpr[2 * i] = Number(BigInt.asIntN(32, v));
    this.fpr[2 * i + 1] = Number(BigInt.asIntN(32, v >> 32n));
  }

  /**
   * Writes FCSR view `n` as `movgr2fcsr` does: only the view's bits change.
   *
   * @param n - The view 0–3.
   * @param value - The value (low 32 bits used).
   *
   * @example
   * ```ts
   * import { Fpu } from "@axvisor/loongarch-cpu";
   * const f = new Fpu();
   * f.writeFcsr(3, 0x300);
   * console.log(f.fcsr0.toString(16), f.readFcsr(3).toString(16)); // "300" "300"
   * ```
   */
  writeFcsr(n: number, value: number): void {
    const m = FCSR_MASK[n & 3]!;
    this.fcsr0 = ((this.fcsr0 & ~m) | (value & m)) >>> 0;
  }

  /**
   * Reads FCSR view `n` as `movfcsr2gr` does.
   *
   * @param n - The view 0–3.
   * @returns The view's bits of FCSR0.
   *
   * @example
   * ```ts
   * import { Fpu } from "@axvisor/loongarch-cpu";
   * console.log(new Fpu().readFcsr(0)); // 0
   * ```
   */
  readFcsr(n: number): number {
    return (this.fcsr0 & FCSR_MASK[n & 3]!) >>> 0;
  }

  /**
   * Resets the register file and FCSR0 to 0.
   *
   * @example
   * ```ts
   * import { Fpu } from "@axvisor/loongarch-cpu";
   * const f = new Fpu();
   * f.fcsr0 = 0x100;
   * f.reset();
   * console.log(f.fcsr0); // 0
   * ```
   */
  reset(): void {
    this.fpr.fill(0);
    this.fcc.fill(0);
    this.fcsr0 = 0;
  }

  /**
   * Executes one FP instruction other than the loads and stores (`fld*`/`fst*`) and `bceqz`/`bcnez`.
   *
   * @param w - The instruction word.
   * @param op - Its {@link Op} id.
   * @param regs - The CPU's general registers (int32 halves, as {@link Cpu.regs}).
   * @returns 1 when done, 0 when an enabled FP exception must be raised (FPE; FCSR0.Cause is set and the
   *   destination is unchanged), -1 when `op` is not an instruction of this unit.
   *
   * @example
   * ```ts
   * import { Fpu, Op, assembleOne } from "@axvisor/loongarch-cpu";
   * const fpu = new Fpu();
   * fpu.fcsr0 = 0x8; // Enables.Z
   * fpu.setF(1, 0x3ff0000000000000n);
   * console.log(fpu.exec(assembleOne("fdiv.d $fa0, $fa1, $fa2"), Op.FDIV_D, new Int32Array(66))); // 0
   * console.log((fpu.fcsr0 >>> 24).toString(16)); // "8"
   * ```
   */
  exec(w: number, op: number, regs: Int32Array): number {
    const d = w & 31;
    const j = (w >>> 5) & 31;
    const k = (w >>> 10) & 31;
    const sf = this.sf;
    // moves and bit operations: no FCSR update
    switch (op) {
      case Op.FABS_S:
        this.setF(d, NANBOX | (this.getF(j) & 0x7fffffffn));
        return 1;
      case Op.FABS_D:
        this.setF(d, this.getF(j) & 0x7fffffffffffffffn);
        return 1;
      case Op.FNEG_S:
        this.setF(d, NANBOX | ((this.getF(j) ^ 0x80000000n) & 0xffffffffn));
        return 1;
      case Op.FNEG_D:
        this.setF(d, this.getF(j) ^ (1n << 63n));
        return 1;
      case Op.FMOV_S:
        this.setF(d, NANBOX | (this.getF(j) & 0xffffffffn));
        return 1;
      case Op.FMOV_D:
        this.setF(d, this.getF(j));
        return 1;
      case Op.FCOPYSIGN_S:
        // QEMU 7.2 takes bits 63:31 from fk (its upper half is not cleared or boxed)
        this.setF(d, (this.getF(j) & 0x7fffffffn) | (this.getF(k) & 0xffffffff80000000n));
        return 1;
      case Op.FCOPYSIGN_D:
        this.setF(d, (this.getF(j) & 0x7fffffffffffffffn) | (this.getF(k) & (1n << 63n)));
        return 1;
      case Op.FCLASS_S:
        this.setF(d, BigInt(sf.classify(F32, this.getF(j) & 0xffffffffn)));
        return 1;
      case Op.FCLASS_D:
        this.setF(d, BigInt(sf.classify(F64, this.getF(j))));
        return 1;
      case Op.MOVGR2FR_W:
        this.fpr[2 * d] = regs[2 * j]!;
        return 1;
      case Op.MOVGR2FR_D:
        this.fpr[2 * d] = regs[2 * j]!;
        this.fpr[2 * d + 1] = regs[2 * j + 1]!;
        return 1;
      case Op.MOVGR2FRH_W:
        this.fpr[2 * d + 1] = regs[2 * j]!;
        return 1;
      case Op.MOVFR2GR_S:
        setGpr(regs, d, this.fpr[2 * j]!, this.fpr[2 * j]! >> 31);
        return 1;
      case Op.MOVFR2GR_D:
        setGpr(regs, d, this.fpr[2 * j]!, this.fpr[2 * j + 1]!);
        return 1;
      case Op.MOVFRH2GR_S:
        setGpr(regs, d, this.fpr[2 * j + 1]!, this.fpr[2 * j + 1]! >> 31);
        return 1;
      case Op.MOVGR2FCSR:
        this.writeFcsr(d, regs[2 * j]!);
        return 1;
      case Op.MOVFCSR2GR: {
        const v = this.readFcsr(j) | 0;
        setGpr(regs, d, v, v >> 31);
        return 1;
      }
      case Op.MOVFR2CF:
        this.fcc[d & 7] = this.fpr[2 * j]! & 1;
        return 1;
      case Op.MOVCF2FR:
        this.fpr[2 * d] = this.fcc[j & 7]!;
        this.fpr[2 * d + 1] = 0;
        return 1;
      case Op.MOVGR2CF:
        this.fcc[d & 7] = regs[2 * j]! & 1;
        return 1;
      case Op.MOVCF2GR:
        setGpr(regs, d, this.fcc[j & 7]!, 0);
        return 1;
      case Op.FSEL: {
        const src = this.fcc[(w >>> 15) & 7] ? k : j;
        this.fpr[2 * d] = this.fpr[2 * src]!;
        this.fpr[2 * d + 1] = this.fpr[2 * src + 1]!;
        return 1;
      }
    }
    // arithmetic: exact result, then FCSR0.Cause/Flags and possibly FPE
    sf.flags = 0;
    sf.rm = (this.fcsr0 >>> 8) & 3;
    let r: bigint;
    let fcc = -1;
    if (op >= Op.FADD_S && op <= Op.FSCALEB_D) {
      const dbl = ((op - Op.FADD_S) & 1) === 1;
      const f = dbl ? F64 : F32;
      const a = this.arg(j, dbl);
      const b = this.arg(k, dbl);
      switch ((op - Op.FADD_S) >> 1) {
        case 0:
          r = sf.add(f, a, b);
          break;
        case 1:
          r = sf.add(f, a, b, true);
          break;
        case 2:
          r = sf.mul(f, a, b);
          break;
        case 3:
          r = sf.div(f, a, b);
          break;
        case 4:
          r = sf.minMax(f, a, b, true, false);
          break;
        case 5:
          r = sf.minMax(f, a, b, false, false);
          break;
        case 6:
          r = sf.minMax(f, a, b, true, true);
          break;
        case 7:
          r = sf.minMax(f, a, b, false, true);
          break;
        default: {
          // fscaleb: the integer in fk, clamped as QEMU does (the result saturates long before)
          const n = dbl ? this.getF(k) : BigInt.asIntN(32, b);
          const lim = dbl ? 0x1000n : 0x200n;
          const sn = BigInt.asIntN(64, n);
          r = sf.scale(f, a, Number(sn > lim ? lim : sn < -lim ? -lim : sn));
        }
      }
      r = dbl ? r : NANBOX | r;
    } else if (op >= Op.FLOGB_S && op <= Op.FRSQRT_D && op !== Op.FCLASS_S && op !== Op.FCLASS_D) {
      const dbl = ((op - Op.FABS_S) & 1) === 1;
      const f = dbl ? F64 : F32;
      const a = this.arg(j, dbl);
      const one = dbl ? 0x3ff0000000000000n : 0x3f800000n;
      if (op === Op.FLOGB_S || op === Op.FLOGB_D) {
        r = sf.logb(f, a);
        sf.flags &= ~1; // QEMU masks the inexact of its logarithm
      } else if (op === Op.FSQRT_S || op === Op.FSQRT_D) r = sf.sqrt(f, a);
      else if (op === Op.FRECIP_S || op === Op.FRECIP_D) r = sf.div(f, one, a);
      else r = sf.div(f, one, sf.sqrt(f, a)); // frsqrt: QEMU rounds twice
      r = dbl ? r : NANBOX | r;
    } else if (op === Op.FCVT_S_D) r = NANBOX | sf.convert(F64, F32, this.getF(j));
    else if (op === Op.FCVT_D_S) r = sf.convert(F32, F64, this.arg(j, false));
    else if (op >= Op.FTINTRM_W_S && op <= Op.FTINT_L_D) {
      const i = op - Op.FTINTRM_W_S;
      const mode = i >> 2;
      // ftintrm, ftintrp, ftintrz, ftintrne, ftint (FCSR.RM)
      const rm = mode === 0 ? 3 : mode === 1 ? 2 : mode === 2 ? 1 : mode === 3 ? 0 : sf.rm;
      const dbl = (i & 1) === 1;
      const long = (i & 2) === 2;
      const v = sf.toInt(dbl ? F64 : F32, this.arg(j, dbl), long ? 64 : 32, rm);
      // QEMU 7.2 zero-extends the int32 of ftintrz.w.s and ftintrne.w.s, sign-extends the others
      r = !long && !dbl && (mode === 2 || mode === 3) ? BigInt.asUintN(32, v) : BigInt.asUintN(64, v);
    } else if (op >= Op.FFINT_S_W && op <= Op.FFINT_D_L) {
      const i = op - Op.FFINT_S_W;
      const v = i & 1 ? BigInt.asIntN(64, this.getF(j)) : BigInt(this.fpr[2 * j]!);
      r = i & 2 ? sf.fromInt(F64, v) : NANBOX | sf.fromInt(F32, v);
    } else if (op === Op.FRINT_S) r = sf.roundToInt(F32, this.arg(j, false));
    else if (op === Op.FRINT_D) r = sf.roundToInt(F64, this.getF(j));
    else if (op >= Op.FMADD_S && op <= Op.FNMSUB_D) {
      const i = op - Op.FMADD_S;
      const dbl = (i & 1) === 1;
      const f = dbl ? F64 : F32;
      const kind = i >> 1; // fmadd, fmsub, fnmadd, fnmsub
      const a = (w >>> 15) & 31;
      r = sf.fma(f, this.arg(j, dbl), this.arg(k, dbl), this.arg(a, dbl), (kind & 1) === 1, kind >= 2);
      r = dbl ? r : NANBOX | r;
    } else if (op >= Op.FCMP_CAF_S && op <= Op.FCMP_SUNE_D) {
      const dbl = op >= Op.FCMP_CAF_D;
      const cond = (w >>> 15) & 31;
      const rel = sf.compare(dbl ? F64 : F32, this.arg(j, dbl), this.arg(k, dbl), (cond & 1) === 1);
      // cond bits: 1 LT, 2 EQ, 3 UN, 4 LT|GT
      const lt = (cond & 0x12) !== 0;
      const eq = (cond & 0x4) !== 0;
      const un = (cond & 0x8) !== 0;
      const gt = (cond & 0x10) !== 0;
      fcc = (rel === -1 ? lt : rel === 0 ? eq : rel === 1 ? gt : un) ? 1 : 0;
      r = 0n;
    } else return -1;
    const cause = sf.flags;
    this.fcsr0 = ((this.fcsr0 & ~0x1f000000) | (cause << 24)) >>> 0;
    if ((this.fcsr0 & cause & 0x1f) !== 0) return 0;
    this.fcsr0 = (this.fcsr0 | (cause << 16)) >>> 0;
    if (fcc >= 0) this.fcc[d & 7] = fcc;
    else this.setF(d, r);
    return 1;
  }

  /** An operand: the whole register for double, its low 32 bits for single. */
  private arg(i: number, dbl: boolean): bigint {
    return dbl ? this.getF(i) : BigInt(this.fpr[2 * i]! >>> 0);
  }
}

function setGpr(regs: Int32Array, d: number, lo: number, hi: number): void {
  if (d === 0) return;
  regs[2 * d] = lo;
  regs[2 * d + 1] = hi;
}
