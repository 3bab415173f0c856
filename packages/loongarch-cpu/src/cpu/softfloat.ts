/**
 * Exact IEEE 754 binary32/binary64 arithmetic on bit patterns, with the four LoongArch rounding modes and
 * the five exception flags. Every operation computes the exact result with BigInt (a sum, a product, a
 * quotient or square root with a sticky bit) and rounds it once, so `fma` is correctly rounded. It is
 * slow compared with JS doubles but FP instructions are rare in the guests this emulator runs.
 *
 * NaN rules follow QEMU 7.2's LoongArch target (no default-NaN mode): a signaling NaN operand wins over a
 * quiet one, then the first operand; `fma` prefers the addend; invalid operations without a NaN operand
 * give the default NaN `0x7ff8000000000000` / `0x7fc00000`. Tininess is detected after rounding.
 *
 * @module
 */

/**
 * FCSR rounding modes (FCSR0.RM, bits [9:8]).
 *
 * @example
 * ```ts
 * import { RoundingMode } from "@axvisor/loongarch-cpu";
 * console.log(RoundingMode.RNE, RoundingMode.RZ, RoundingMode.RP, RoundingMode.RM); // 0 1 2 3
 * ```
 */
export const RoundingMode = {
  /** Round to nearest, ties to even. */
  RNE: 0,
  /** Round toward zero. */
  RZ: 1,
  /** Round toward +infinity. */
  RP: 2,
  /** Round toward -infinity. */
  RM: 3,
} as const;

/**
 * FP exception bits, as they appear in FCSR0's Enables [4:0], Flags [20:16] and Cause [28:24] fields.
 *
 * @example
 * ```ts
 * import { FpFlag } from "@axvisor/loongarch-cpu";
 * console.log(FpFlag.I, FpFlag.U, FpFlag.O, FpFlag.Z, FpFlag.V); // 1 2 4 8 16
 * ```
 */
export const FpFlag = {
  /** Inexact. */
  I: 1,
  /** Underflow. */
  U: 2,
  /** Overflow. */
  O: 4,
  /** Division by zero. */
  Z: 8,
  /** Invalid operation. */
  V: 16,
} as const;

/** A binary floating-point format. */
export interface FloatFormat {
  /** Stored fraction bits (23 or 52). */
  readonly mbits: number;
  /** Exponent bits (8 or 11). */
  readonly ebits: number;
  /** Exponent bias (127 or 1023). */
  readonly bias: number;
}

/**
 * IEEE binary32.
 *
 * @example
 * ```ts
 * import { F32 } from "@axvisor/loongarch-cpu";
 * console.log(F32.mbits, F32.bias); // 23 127
 * ```
 */
export const F32: FloatFormat = Object.freeze({ mbits: 23, ebits: 8, bias: 127 });

/**
 * IEEE binary64.
 *
 * @example
 * ```ts
 * import { F64 } from "@axvisor/loongarch-cpu";
 * console.log(F64.mbits, F64.bias); // 52 1023
 * ```
 */
export const F64: FloatFormat = Object.freeze({ mbits: 52, ebits: 11, bias: 1023 });

function bitlen(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt((bitlen(n) >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/**
 * Correctly rounded IEEE arithmetic on bit patterns (bigint, the low 32 or 64 bits) with a rounding
 * mode and accumulated exception flags.
 *
 * @example
 * ```ts
 * import { F64, RoundingMode, SoftFloat } from "@axvisor/loongarch-cpu";
 * const sf = new SoftFloat();
 * const one = 0x3ff0000000000000n;
 * const tiny = 0x3ca0000000000000n; // 2^-53
 * console.log(sf.add(F64, one, tiny).toString(16), sf.flags); // "3ff0000000000000" 1
 * sf.rm = RoundingMode.RP;
 * console.log(sf.add(F64, one, tiny).toString(16)); // "3ff0000000000001"
 * ```
 */
export class SoftFloat {
  /** Rounding mode ({@link RoundingMode}). */
  rm = 0;
  /** Exception flags raised since the last reset ({@link FpFlag} bits). */
  flags = 0;

  /**
   * The default quiet NaN of a format.
   *
   * @param f - The format.
   * @returns `0x7fc00000` or `0x7ff8000000000000`.
   *
   * @example
   * ```ts
   * import { F32, SoftFloat } from "@axvisor/loongarch-cpu";
   * console.log(new SoftFloat().defaultNaN(F32).toString(16)); // "7fc00000"
   * ```
   */
  defaultNaN(f: FloatFormat): bigint {
    return ((1n << BigInt(f.ebits + 1)) - 1n) << BigInt(f.mbits - 1);
  }

  /**
   * Whether `x` is a NaN.
   *
   * @param f - The format.
   * @param x - The bit pattern.
   * @returns True for quiet and signaling NaNs.
   *
   * @example
   * ```ts
   * import { F64, SoftFloat } from "@axvisor/loongarch-cpu";
   * console.log(new SoftFloat().isNaN(F64, 0x7ff0000000000001n)); // true
   * ```
   */
  isNaN(f: FloatFormat, x: bigint): boolean {
    return this.expField(f, x) === (1 << f.ebits) - 1 && this.frac(f, x) !== 0n;
  }

  /**
   * Whether `x` is a signaling NaN (quiet bit clear).
   *
   * @param f - The format.
   * @param x - The bit pattern.
   * @returns True for signaling NaNs.
   *
   * @example
   * ```ts
   * import { F64, SoftFloat } from "@axvisor/loongarch-cpu";
   * console.log(new SoftFloat().isSNaN(F64, 0x7ff4000000000000n)); // true
   * ```
   */
  isSNaN(f: FloatFormat, x: bigint): boolean {
    return this.isNaN(f, x) && ((x >> BigInt(f.mbits - 1)) & 1n) === 0n;
  }

  private expField(f: FloatFormat, x: bigint): number {
    return Number((x >> BigInt(f.mbits)) & ((1n << BigInt(f.ebits)) - 1n));
  }
  private frac(f: FloatFormat, x: bigint): bigint {
    return x & ((1n << BigInt(f.mbits)) - 1n);
  }
  private sign(f: FloatFormat, x: bigint): number {
    return Number((x >> BigInt(f.mbits + f.ebits)) & 1n);
  }
  private signBit(f: FloatFormat): bigint {
    return 1n << BigInt(f.mbits + f.ebits);
  }
  private inf(f: FloatFormat, s: number): bigint {
    return (s ? this.signBit(f) : 0n) | (((1n << BigInt(f.ebits)) - 1n) << BigInt(f.mbits));
  }
  private zero(f: FloatFormat, s: number): bigint {
    return s ? this.signBit(f) : 0n;
  }
  private isInf(f: FloatFormat, x: bigint): boolean {
    return this.expField(f, x) === (1 << f.ebits) - 1 && this.frac(f, x) === 0n;
  }
  private isZero(f: FloatFormat, x: bigint): boolean {
    return (x & (this.signBit(f) - 1n)) === 0n;
  }
  private quiet(f: FloatFormat, x: bigint): bigint {
    return x | (1n << BigInt(f.mbits - 1));
  }
  /** Finite non-zero x as m * 2^e. */
  private unpack(f: FloatFormat, x: bigint): [bigint, number] {
    const ef = this.expField(f, x);
    const fr = this.frac(f, x);
    if (ef === 0) return [fr, 1 - f.bias - f.mbits];
    return [fr | (1n << BigInt(f.mbits)), ef - f.bias - f.mbits];
  }

  /** The NaN result of a two-operand operation with at least one NaN operand. */
  private pickNaN(f: FloatFormat, a: bigint, b: bigint): bigint {
    const sa = this.isSNaN(f, a);
    const sb = this.isSNaN(f, b);
    if (sa || sb) this.flags |= FpFlag.V;
    const r = sa ? a : sb ? b : this.isNaN(f, a) ? a : b;
    return this.quiet(f, r);
  }

  /**
   * Rounds `(-1)^sign * (m + ε) * 2^e` to the format, where ε (0 < ε < 1) is present when `sticky` is set.
   *
   * @param f - The format.
   * @param sign - 0 or 1.
   * @param m - The exact significand (non-negative).
   * @param e - The exponent of its least significant bit.
   * @param sticky - Whether non-zero bits below `m` were dropped.
   * @returns The rounded bit pattern (flags I, U, O raised as needed).
   *
   * @example
   * ```ts
   * import { F32, SoftFloat } from "@axvisor/loongarch-cpu";
   * console.log(new SoftFloat().roundPack(F32, 0, 3n, -1, false).toString(16)); // "3fc00000"
   * ```
   */
  roundPack(f: FloatFormat, sign: number, m: bigint, e: number, sticky: boolean): bigint {
    if (m === 0n && !sticky) return this.zero(f, sign);
    const p = f.mbits + 1;
    const n = bitlen(m);
    const E = e + n - 1;
    const emin = 1 - f.bias;
    const tinyBefore = E < emin;
    const shift = n - p + (tinyBefore ? emin - E : 0);
    const [q0, ri] = split(m, shift, sticky);
    const q = q0 + (this.roundUp(sign, q0, ri) ? 1n : 0n);
    const inexact = ri !== 0;
    let bits = tinyBefore ? q : (BigInt(E + f.bias - 1) << BigInt(f.mbits)) + q;
    const infBits = ((1n << BigInt(f.ebits)) - 1n) << BigInt(f.mbits);
    if (bits >= infBits) {
      this.flags |= FpFlag.O | FpFlag.I;
      const toInf = this.rm === 0 || (this.rm === 2 && sign === 0) || (this.rm === 3 && sign === 1);
      bits = toInf ? infBits : infBits - 1n;
      return (sign ? this.signBit(f) : 0n) | bits;
    }
    if (inexact) {
      this.flags |= FpFlag.I;
      if (tinyBefore) {
        // tininess after rounding: would rounding to p bits with an unbounded exponent reach 2^emin?
        let tiny = true;
        if (E === emin - 1) {
          const [u0, uri] = split(m, n - p, sticky);
          const u = u0 + (this.roundUp(sign, u0, uri) ? 1n : 0n);
          if (u === 1n << BigInt(p)) tiny = false;
        }
        if (tiny) this.flags |= FpFlag.U;
      }
    }
    return (sign ? this.signBit(f) : 0n) | bits;
  }

  private roundUp(sign: number, q: bigint, ri: number): boolean {
    switch (this.rm) {
      case 0:
        return ri === 3 || (ri === 2 && (q & 1n) === 1n);
      case 1:
        return false;
      case 2:
        return ri !== 0 && sign === 0;
      default:
        return ri !== 0 && sign === 1;
    }
  }

  /**
   * `a + b` (or `a - b` when `subtract`).
   *
   * @param f - The format.
   * @param a - First operand bits.
   * @param b - Second operand bits.
   * @param subtract - Negate `b` first.
   * @returns The rounded sum.
   *
   * @example
   * ```ts
   * import { F64, SoftFloat } from "@axvisor/loongarch-cpu";
   * console.log(new SoftFloat().add(F64, 0x3ff0000000000000n, 0x3ff0000000000000n).toString(16)); // "4000000000000000"
   * ```
   */
  add(f: FloatFormat, a: bigint, b: bigint, subtract = false): bigint {
    if (this.isNaN(f, a) || this.isNaN(f, b)) return this.pickNaN(f, a, b);
    const sa = this.sign(f, a);
    const sb = this.sign(f, b) ^ (subtract ? 1 : 0);
    const nb = subtract ? b ^ this.signBit(f) : b;
    if (this.isInf(f, a)) {
      if (this.isInf(f, b) && sa !== sb) {
        this.flags |= FpFlag.V;
        return this.defaultNaN(f);
      }
      return a;
    }
    if (this.isInf(f, b)) return nb;
    if (this.isZero(f, a) && this.isZero(f, b)) return this.zero(f, sa === sb ? sa : this.rm === 3 ? 1 : 0);
    if (this.isZero(f, a)) return nb;
    if (this.isZero(f, b)) return a;
    const [ma, ea] = this.unpack(f, a);
    const [mb, eb] = this.unpack(f, b);
    return this.sum(f, sa, ma, ea, sb, mb, eb, 0);
  }

  private sum(
    f: FloatFormat,
    sa: number,
    ma: bigint,
    ea: number,
    sb: number,
    mb: bigint,
    eb: number,
    negate: number,
  ): bigint {
    const e = Math.min(ea, eb);
    const A = (ma << BigInt(ea - e)) * (sa ? -1n : 1n);
    const B = (mb << BigInt(eb - e)) * (sb ? -1n : 1n);
    const s = A + B;
    if (s === 0n) return this.zero(f, (this.rm === 3 ? 1 : 0) ^ negate);
    return this.roundPack(f, (s < 0n ? 1 : 0) ^ negate, s < 0n ? -s : s, e, false);
  }

  /**
   * `a * b`.
   *
   * @param f - The format.
   * @param a - First operand bits.
   * @param b - Second operand bits.
   * @returns The rounded product.
   *
   * @example
   * ```ts
   * import { F32, SoftFloat } from "@axvisor/loongarch-cpu";
   * console.log(new SoftFloat().mul(F32, 0x40000000n, 0x40400000n).toString(16)); // "40c00000"
   * ```
   */
  mul(f: FloatFormat, a: bigint, b: bigint): bigint {
    if (this.isNaN(f, a) || this.isNaN(f, b)) return this.pickNaN(f, a, b);
    const s = this.sign(f, a) ^ this.sign(f, b);
    if (this.isInf(f, a) || this.isInf(f, b)) {
      if (this.isZero(f, a) || this.isZero(f, b)) {
        this.flags |= FpFlag.V;
        return this.defaultNaN(f);
      }
      return this.inf(f, s);
    }
    if (this.isZero(f, a) || this.isZero(f, b)) return this.zero(f, s);
    const [ma, ea] = this.unpack(f, a);
    const [mb, eb] = this.unpack(f, b);
    return this.roundPack(f, s, ma * mb, ea + eb, false);
  }

  /**
   * `a / b`.
   *
   * @param f - The format.
   * @param a - Dividend bits.
   * @param b - Divisor bits.
   * @returns The rounded quotient (Z for a finite non-zero dividend over zero).
   *
   * @example
   * ```ts
   * import { F64, SoftFloat } from "@axvisor/loongarch-cpu";
   * const sf = new SoftFloat();
   * console.log(sf.div(F64, 0x3ff0000000000000n, 0n).toString(16), sf.flags); // "7ff0000000000000" 8
   * ```
   */
  div(f: FloatFormat, a: bigint, b: bigint): bigint {
    if (this.isNaN(f, a) || this.isNaN(f, b)) return this.pickNaN(f, a, b);
    const s = this.sign(f, a) ^ this.sign(f, b);
    const ia = this.isInf(f, a);
    const ib = this.isInf(f, b);
    const za = this.isZero(f, a);
    const zb = this.isZero(f, b);
    if ((ia && ib) || (za && zb)) {
      this.flags |= FpFlag.V;
      return this.defaultNaN(f);
    }
    if (ia) return this.inf(f, s);
    if (zb) {
      this.flags |= FpFlag.Z;
      return this.inf(f, s);
    }
    if (za || ib) return this.zero(f, s);
    const [ma, ea] = this.unpack(f, a);
    const [mb, eb] = this.unpack(f, b);
    const k = Math.max(0, f.mbits + 4 + bitlen(mb) - bitlen(ma));
    const num = ma << BigInt(k);
    const q = num / mb;
    return this.roundPack(f, s, q, ea - eb - k, q * mb !== num);
  }

  /**
   * The square root of `a`.
   *
   * @param f - The format.
   * @param a - Operand bits.
   * @returns The rounded root (the default NaN and V for negative non-zero operands; `sqrt(-0) = -0`).
   *
   * @example
   * ```ts
   * import { F64, SoftFloat } from "@axvisor/loongarch-cpu";
   * console.log(new SoftFloat().sqrt(F64, 0x4010000000000000n).toString(16)); // "4000000000000000"
   * ```
   */
  sqrt(f: FloatFormat, a: bigint): bigint {
    if (this.isNaN(f, a)) return this.pickNaN(f, a, a);
    if (this.isZero(f, a)) return a;
    if (this.sign(f, a)) {
      this.flags |= FpFlag.V;
      return this.defaultNaN(f);
    }
    if (this.isInf(f, a)) return a;
    let [m, e] = this.unpack(f, a);
    if (e & 1) {
      m <<= 1n;
      e -= 1;
    }
    const k = Math.max(0, Math.ceil((2 * (f.mbits + 4) - bitlen(m)) / 2) + 1);
    const M = m << BigInt(2 * k);
    const r = isqrt(M);
    return this.roundPack(f, 0, r, (e - 2 * k) / 2, r * r !== M);
  }

  /**
   * Fused multiply-add `±(a * b ± c)` with a single rounding.
   *
   * @param f - The format.
   * @param a - Multiplicand bits.
   * @param b - Multiplier bits.
   * @param c - Addend bits.
   * @param negateC - Subtract `c` (fmsub, fnmsub).
   * @param negateResult - Negate the exact result before rounding (fnmadd, fnmsub; not applied to NaNs).
   * @returns The rounded result.
   *
   * @example
   * ```ts
   * import { F64, SoftFloat } from "@axvisor/loongarch-cpu";
   * // (1 + 2^-30)^2 - 1 = 2^-29 + 2^-60 exactly; a separate multiply would lose the 2^-60
   * const x = 0x3ff0000000400000n;
   * console.log(new SoftFloat().fma(F64, x, x, 0xbff0000000000000n).toString(16)); // "3e20000000200000"
   * ```
   */
  fma(f: FloatFormat, a: bigint, b: bigint, c: bigint, negateC = false, negateResult = false): bigint {
    const nanA = this.isNaN(f, a);
    const nanB = this.isNaN(f, b);
    const nanC = this.isNaN(f, c);
    const infZero = (this.isInf(f, a) && this.isZero(f, b)) || (this.isZero(f, a) && this.isInf(f, b));
    if (nanA || nanB || nanC) {
      if (infZero) this.flags |= FpFlag.V;
      if (this.isSNaN(f, a) || this.isSNaN(f, b) || this.isSNaN(f, c)) this.flags |= FpFlag.V;
      const r = this.isSNaN(f, c)
        ? c
        : this.isSNaN(f, a)
          ? a
          : this.isSNaN(f, b)
            ? b
            : nanC
              ? c
              : nanA
                ? a
                : b;
      return this.quiet(f, r);
    }
    if (infZero) {
      this.flags |= FpFlag.V;
      return this.defaultNaN(f);
    }
    const neg = negateResult ? 1 : 0;
    const sp = this.sign(f, a) ^ this.sign(f, b);
    const sc = this.sign(f, c) ^ (negateC ? 1 : 0);
    if (this.isInf(f, a) || this.isInf(f, b)) {
      if (this.isInf(f, c) && sc !== sp) {
        this.flags |= FpFlag.V;
        return this.defaultNaN(f);
      }
      return this.inf(f, sp ^ neg);
    }
    if (this.isInf(f, c)) return this.inf(f, sc ^ neg);
    const zp = this.isZero(f, a) || this.isZero(f, b);
    if (this.isZero(f, c)) {
      if (zp) return this.zero(f, (sp === sc ? sp : this.rm === 3 ? 1 : 0) ^ neg);
      const [ma, ea] = this.unpack(f, a);
      const [mb, eb] = this.unpack(f, b);
      return this.roundPack(f, sp ^ neg, ma * mb, ea + eb, false);
    }
    const [mc, ec] = this.unpack(f, c);
    if (zp) return this.roundPack(f, sc ^ neg, mc, ec, false);
    const [ma, ea] = this.unpack(f, a);
    const [mb, eb] = this.unpack(f, b);
    return this.sum(f, sp, ma * mb, ea + eb, sc, mc, ec, neg);
  }

  /**
   * `a * 2^n` (fscaleb), rounded.
   *
   * @param f - The format.
   * @param a - Operand bits.
   * @param n - The power of two.
   * @returns The scaled value.
   *
   * @example
   * ```ts
   * import { F64, SoftFloat } from "@axvisor/loongarch-cpu";
   * console.log(new SoftFloat().scale(F64, 0x3ff0000000000000n, 3).toString(16)); // "4020000000000000"
   * ```
   */
  scale(f: FloatFormat, a: bigint, n: number): bigint {
    if (this.isNaN(f, a)) return this.pickNaN(f, a, a);
    if (this.isInf(f, a) || this.isZero(f, a)) return a;
    const [m, e] = this.unpack(f, a);
    return this.roundPack(f, this.sign(f, a), m, e + n, false);
  }

  /**
   * Converts between formats (fcvt.s.d / fcvt.d.s). NaNs keep their payload's top bits and are quieted.
   *
   * @param from - Source format.
   * @param to - Destination format.
   * @param a - Operand bits.
   * @returns The converted, rounded value.
   *
   * @example
   * ```ts
   * import { F32, F64, SoftFloat } from "@axvisor/loongarch-cpu";
   * console.log(new SoftFloat().convert(F32, F64, 0x3fc00000n).toString(16)); // "3ff8000000000000"
   * ```
   */
  convert(from: FloatFormat, to: FloatFormat, a: bigint): bigint {
    const s = this.sign(from, a);
    if (this.isNaN(from, a)) {
      if (this.isSNaN(from, a)) this.flags |= FpFlag.V;
      const fr = this.frac(from, a);
      const payload =
        to.mbits >= from.mbits ? fr << BigInt(to.mbits - from.mbits) : fr >> BigInt(from.mbits - to.mbits);
      return this.quiet(to, this.inf(to, s) | payload);
    }
    if (this.isInf(from, a)) return this.inf(to, s);
    if (this.isZero(from, a)) return this.zero(to, s);
    const [m, e] = this.unpack(from, a);
    return this.roundPack(to, s, m, e, false);
  }

  /**
   * Converts a signed integer to the format (ffint), rounding per {@link SoftFloat.rm}.
   *
   * @param f - The format.
   * @param v - The integer.
   * @returns The float bits.
   *
   * @example
   * ```ts
   * import { F32, SoftFloat } from "@axvisor/loongarch-cpu";
   * console.log(new SoftFloat().fromInt(F32, -2n).toString(16)); // "c0000000"
   * ```
   */
  fromInt(f: FloatFormat, v: bigint): bigint {
    if (v === 0n) return 0n;
    return this.roundPack(f, v < 0n ? 1 : 0, v < 0n ? -v : v, 0, false);
  }

  /**
   * Converts to a signed integer of `bits` bits, rounding with `rm` (ftint*). Out of range values
   * saturate and raise only V; NaNs give 0 and V (as QEMU).
   *
   * @param f - The format.
   * @param a - Operand bits.
   * @param bits - 32 or 64.
   * @param rm - The rounding mode to use.
   * @returns The integer as a bigint in the signed range.
   *
   * @example
   * ```ts
   * import { F64, RoundingMode, SoftFloat } from "@axvisor/loongarch-cpu";
   * console.log(new SoftFloat().toInt(F64, 0xbff8000000000000n, 32, RoundingMode.RM)); // -2n
   * ```
   */
  toInt(f: FloatFormat, a: bigint, bits: number, rm: number): bigint {
    const max = (1n << BigInt(bits - 1)) - 1n;
    if (this.isNaN(f, a)) {
      this.flags |= FpFlag.V;
      return 0n;
    }
    const s = this.sign(f, a);
    if (this.isInf(f, a)) {
      this.flags |= FpFlag.V;
      return s ? -max - 1n : max;
    }
    if (this.isZero(f, a)) return 0n;
    const [m, e] = this.unpack(f, a);
    let q: bigint;
    let inexact = false;
    if (e >= 0) q = m << BigInt(e);
    else {
      const [q0, ri] = split(m, -e, false);
      const old = this.rm;
      this.rm = rm;
      q = q0 + (this.roundUp(s, q0, ri) ? 1n : 0n);
      this.rm = old;
      inexact = ri !== 0;
    }
    const v = s ? -q : q;
    if (v > max || v < -max - 1n) {
      this.flags |= FpFlag.V;
      return s ? -max - 1n : max;
    }
    if (inexact) this.flags |= FpFlag.I;
    return v;
  }

  /**
   * Rounds to an integral value in the current rounding mode (frint); raises I when the value changes.
   *
   * @param f - The format.
   * @param a - Operand bits.
   * @returns The integral float.
   *
   * @example
   * ```ts
   * import { F64, SoftFloat } from "@axvisor/loongarch-cpu";
   * console.log(new SoftFloat().roundToInt(F64, 0x3ff8000000000000n).toString(16)); // "4000000000000000"
   * ```
   */
  roundToInt(f: FloatFormat, a: bigint): bigint {
    if (this.isNaN(f, a)) return this.pickNaN(f, a, a);
    if (this.isInf(f, a) || this.isZero(f, a)) return a;
    const [m, e] = this.unpack(f, a);
    if (e >= 0) return a;
    const s = this.sign(f, a);
    const [q0, ri] = split(m, -e, false);
    const q = q0 + (this.roundUp(s, q0, ri) ? 1n : 0n);
    if (ri !== 0) this.flags |= FpFlag.I;
    if (q === 0n) return this.zero(f, s);
    return this.roundPack(f, s, q, 0, false);
  }

  /**
   * The exponent of `a` as a float (flogb): `floor(log2 |a|)`; `-inf` and Z for zeros, the default NaN
   * and V for negative values (QEMU computes a logarithm, which is invalid there).
   *
   * @param f - The format.
   * @param a - Operand bits.
   * @returns The result bits.
   *
   * @example
   * ```ts
   * import { F64, SoftFloat } from "@axvisor/loongarch-cpu";
   * console.log(new SoftFloat().logb(F64, 0x4020000000000000n).toString(16)); // "4008000000000000"
   * ```
   */
  logb(f: FloatFormat, a: bigint): bigint {
    if (this.isNaN(f, a)) return this.pickNaN(f, a, a);
    if (this.isZero(f, a)) {
      this.flags |= FpFlag.Z;
      return this.inf(f, 1);
    }
    if (this.sign(f, a)) {
      this.flags |= FpFlag.V;
      return this.defaultNaN(f);
    }
    if (this.isInf(f, a)) return a;
    const [m, e] = this.unpack(f, a);
    const E = e + bitlen(m) - 1;
    const saved = this.flags;
    const r = this.fromInt(f, BigInt(E));
    this.flags = saved;
    return r;
  }

  /**
   * IEEE comparison: -1 (less), 0 (equal), 1 (greater) or 2 (unordered). Raises V for signaling NaNs,
   * or for any NaN when `signaling`.
   *
   * @param f - The format.
   * @param a - First operand bits.
   * @param b - Second operand bits.
   * @param signaling - The signaling (`fcmp.s*`) variant.
   * @returns The relation.
   *
   * @example
   * ```ts
   * import { F64, SoftFloat } from "@axvisor/loongarch-cpu";
   * console.log(new SoftFloat().compare(F64, 0x8000000000000000n, 0n, false)); // 0
   * ```
   */
  compare(f: FloatFormat, a: bigint, b: bigint, signaling: boolean): number {
    if (this.isNaN(f, a) || this.isNaN(f, b)) {
      if (signaling || this.isSNaN(f, a) || this.isSNaN(f, b)) this.flags |= FpFlag.V;
      return 2;
    }
    const va = this.ordinal(f, a);
    const vb = this.ordinal(f, b);
    return va < vb ? -1 : va > vb ? 1 : 0;
  }

  private ordinal(f: FloatFormat, x: bigint): bigint {
    const mag = x & (this.signBit(f) - 1n);
    return this.sign(f, x) ? -mag : mag;
  }

  /**
   * IEEE 754-2008 maxNum/minNum (fmax/fmin), or their magnitude forms (fmaxa/fmina): a quiet NaN
   * operand is ignored, a signaling one gives a quiet NaN and V; `-0 < +0`.
   *
   * @param f - The format.
   * @param a - First operand bits.
   * @param b - Second operand bits.
   * @param max - Maximum (true) or minimum.
   * @param magnitude - Compare absolute values (ties fall back to the signed comparison).
   * @returns The selected operand.
   *
   * @example
   * ```ts
   * import { F64, SoftFloat } from "@axvisor/loongarch-cpu";
   * console.log(new SoftFloat().minMax(F64, 0x7ff8000000000000n, 0x3ff0000000000000n, true, false).toString(16)); // "3ff0000000000000"
   * ```
   */
  minMax(f: FloatFormat, a: bigint, b: bigint, max: boolean, magnitude: boolean): bigint {
    const na = this.isNaN(f, a);
    const nb = this.isNaN(f, b);
    if (na || nb) {
      if (!this.isSNaN(f, a) && !this.isSNaN(f, b)) {
        if (!na) return a;
        if (!nb) return b;
      }
      return this.pickNaN(f, a, b);
    }
    if (magnitude) {
      const ma = a & (this.signBit(f) - 1n);
      const mb = b & (this.signBit(f) - 1n);
      if (ma !== mb) return ma > mb === max ? a : b;
    }
    const c = this.compare(f, a, b, false);
    if (c === 0) {
      // -0 vs +0
      const aNeg = this.sign(f, a) === 1;
      return max ? (aNeg ? b : a) : aNeg ? a : b;
    }
    return c > 0 === max ? a : b;
  }

  /**
   * The fclass mask of `a`: bit 0 sNaN, 1 qNaN, 2 -inf, 3 -normal, 4 -subnormal, 5 -0, 6 +inf,
   * 7 +normal, 8 +subnormal, 9 +0.
   *
   * @param f - The format.
   * @param a - Operand bits.
   * @returns The class mask.
   *
   * @example
   * ```ts
   * import { F32, SoftFloat } from "@axvisor/loongarch-cpu";
   * console.log(new SoftFloat().classify(F32, 0xbfc00000n)); // 8
   * ```
   */
  classify(f: FloatFormat, a: bigint): number {
    const s = this.sign(f, a);
    if (this.isNaN(f, a)) return this.isSNaN(f, a) ? 1 : 2;
    if (this.isInf(f, a)) return s ? 4 : 64;
    if (this.isZero(f, a)) return s ? 32 : 512;
    if (this.expField(f, a) === 0) return s ? 16 : 256;
    return s ? 8 : 128;
  }
}

/** Splits m into m >> shift and a rounding indicator: 0 exact, 1 below half, 2 half, 3 above half. */
function split(m: bigint, shift: number, sticky: boolean): [bigint, number] {
  if (shift <= 0) return [m << BigInt(-shift), sticky ? 1 : 0];
  const s = BigInt(shift);
  const q = m >> s;
  const rem = m & ((1n << s) - 1n);
  const half = 1n << (s - 1n);
  if (rem === 0n) return [q, sticky ? 1 : 0];
  if (rem < half) return [q, 1];
  if (rem === half) return [q, sticky ? 3 : 2];
  return [q, 3];
}
