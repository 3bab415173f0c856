import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { F32, F64, FpFlag, RoundingMode, SoftFloat } from "../../src/index.js";

const { I, U, O, Z, V } = FpFlag;
const ONE = 0x3ff0000000000000n;
const MAX = 0x7fefffffffffffffn;
const INF = 0x7ff0000000000000n;
const NEG = 1n << 63n;
const QNAN = 0x7ff8000000000000n;

/** Runs `fn` with a fresh SoftFloat in rounding mode `rm`; returns [hex result, flags]. */
function run(rm: number, fn: (sf: SoftFloat) => bigint): [string, number] {
  const sf = new SoftFloat();
  sf.rm = rm;
  const r = fn(sf);
  return [r.toString(16), sf.flags];
}
const bitsOf = (x: number) => {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, x);
  return dv.getBigUint64(0);
};
const valOf = (b: bigint) => {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setBigUint64(0, b);
  return dv.getFloat64(0);
};

describe("SoftFloat rounding", () => {
  const tiny = 0x3ca0000000000000n; // 2^-53: half an ulp of 1
  it("rounds a tie to even, and directed modes by sign", () => {
    expect(run(RoundingMode.RNE, (s) => s.add(F64, ONE, tiny))).toEqual(["3ff0000000000000", I]);
    expect(run(RoundingMode.RZ, (s) => s.add(F64, ONE, tiny))).toEqual(["3ff0000000000000", I]);
    expect(run(RoundingMode.RP, (s) => s.add(F64, ONE, tiny))).toEqual(["3ff0000000000001", I]);
    expect(run(RoundingMode.RM, (s) => s.add(F64, ONE, tiny))).toEqual(["3ff0000000000000", I]);
    expect(run(RoundingMode.RM, (s) => s.add(F64, ONE | NEG, tiny | NEG))).toEqual(["bff0000000000001", I]);
    // 1 + 3*2^-53 is above the half: nearest rounds up
    expect(run(RoundingMode.RNE, (s) => s.add(F64, 0x3ff0000000000001n, tiny))).toEqual([
      "3ff0000000000002",
      I,
    ]);
  });
  it("overflows to infinity or the largest finite value by mode", () => {
    expect(run(RoundingMode.RNE, (s) => s.mul(F64, MAX, 0x4000000000000000n))).toEqual([
      "7ff0000000000000",
      O | I,
    ]);
    expect(run(RoundingMode.RZ, (s) => s.mul(F64, MAX, 0x4000000000000000n))).toEqual([
      "7fefffffffffffff",
      O | I,
    ]);
    expect(run(RoundingMode.RM, (s) => s.mul(F64, MAX, 0x4000000000000000n))).toEqual([
      "7fefffffffffffff",
      O | I,
    ]);
    expect(run(RoundingMode.RM, (s) => s.mul(F64, MAX | NEG, 0x4000000000000000n))).toEqual([
      "fff0000000000000",
      O | I,
    ]);
  });
  it("produces subnormals with underflow only when inexact", () => {
    // min subnormal / 2: a tie between 0 and the min subnormal
    expect(run(RoundingMode.RNE, (s) => s.mul(F64, 1n, 0x3fe0000000000000n))).toEqual(["0", U | I]);
    expect(run(RoundingMode.RP, (s) => s.mul(F64, 1n, 0x3fe0000000000000n))).toEqual(["1", U | I]);
    // exact subnormal result: no flags
    expect(run(RoundingMode.RNE, (s) => s.mul(F64, 2n, 0x3fe0000000000000n))).toEqual(["1", 0]);
    // QEMU-verified: 0x0010000000000001 * 0.5 -> 0x0008000000000000 with U and I
    expect(run(RoundingMode.RNE, (s) => s.mul(F64, 0x0010000000000001n, 0x3fe0000000000000n))).toEqual([
      "8000000000000",
      U | I,
    ]);
  });
  it("detects tininess after rounding, as QEMU (verified with qemu-loongarch64)", () => {
    // 2^-538 * -2^-538 + 2^-1022 = 2^-1022 - 2^-1076: rounds to 2^-1022 with an unbounded exponent,
    // so only I is raised (tininess before rounding would add U)
    expect(run(0, (s) => s.fma(F64, 0x1e50000000000000n, 0x9e50000000000000n, 0x0010000000000000n))).toEqual([
      "10000000000000",
      I,
    ]);
    // one ulp further down it stays tiny: U and I
    expect(
      run(RoundingMode.RZ, (s) => s.fma(F64, 0x1e50000000000000n, 0x9e50000000000000n, 0x0010000000000000n)),
    ).toEqual(["fffffffffffff", U | I]);
  });
  it("gives signed zeros as IEEE says", () => {
    expect(run(RoundingMode.RNE, (s) => s.add(F64, 0n, NEG))).toEqual(["0", 0]);
    expect(run(RoundingMode.RM, (s) => s.add(F64, 0n, NEG))).toEqual(["8000000000000000", 0]);
    expect(run(RoundingMode.RNE, (s) => s.add(F64, NEG, NEG))).toEqual(["8000000000000000", 0]);
    expect(run(RoundingMode.RNE, (s) => s.add(F64, ONE, ONE, true))).toEqual(["0", 0]);
    expect(run(RoundingMode.RM, (s) => s.add(F64, ONE, ONE, true))).toEqual(["8000000000000000", 0]);
    expect(run(RoundingMode.RNE, (s) => s.sqrt(F64, NEG))).toEqual(["8000000000000000", 0]);
    expect(run(RoundingMode.RNE, (s) => s.mul(F64, NEG, ONE))).toEqual(["8000000000000000", 0]);
  });
  it("handles NaN and infinity operands", () => {
    expect(run(0, (s) => s.add(F64, 0x7ff4000000000001n, ONE))).toEqual(["7ffc000000000001", V]);
    expect(run(0, (s) => s.add(F64, 0x7ff8000000000003n, 0x7ff4000000000005n))).toEqual([
      "7ffc000000000005",
      V,
    ]);
    expect(run(0, (s) => s.add(F64, 0x7ff8000000000123n, 0xfff8000000000456n))).toEqual([
      "7ff8000000000123",
      0,
    ]);
    expect(run(0, (s) => s.add(F64, INF, INF | NEG))).toEqual(["7ff8000000000000", V]);
    expect(run(0, (s) => s.mul(F64, INF, 0n))).toEqual(["7ff8000000000000", V]);
    expect(run(0, (s) => s.div(F64, ONE, 0n))).toEqual(["7ff0000000000000", Z]);
    expect(run(0, (s) => s.div(F64, ONE | NEG, 0n))).toEqual(["fff0000000000000", Z]);
    expect(run(0, (s) => s.div(F64, 0n, 0n))).toEqual(["7ff8000000000000", V]);
    expect(run(0, (s) => s.sqrt(F64, ONE | NEG))).toEqual(["7ff8000000000000", V]);
    expect(run(0, (s) => s.sqrt(F32, 0xbf800000n))).toEqual(["7fc00000", V]);
  });
  it("divides and takes square roots correctly rounded", () => {
    expect(run(0, (s) => s.div(F64, ONE, 0x4008000000000000n))).toEqual(["3fd5555555555555", I]);
    expect(run(RoundingMode.RP, (s) => s.div(F64, ONE, 0x4008000000000000n))).toEqual([
      "3fd5555555555556",
      I,
    ]);
    expect(run(0, (s) => s.sqrt(F64, 0x4000000000000000n))).toEqual(["3ff6a09e667f3bcd", I]);
    expect(run(RoundingMode.RZ, (s) => s.sqrt(F64, 0x4000000000000000n))).toEqual(["3ff6a09e667f3bcc", I]);
    expect(run(0, (s) => s.sqrt(F64, 1n))).toEqual(["1e60000000000000", 0]); // sqrt(2^-1074) = 2^-537
  });
  it("agrees with JS doubles in round-to-nearest (property)", () => {
    const dbl = fc.double({ noNaN: true });
    fc.assert(
      fc.property(dbl, dbl, (a, b) => {
        const sf = new SoftFloat();
        const A = bitsOf(a);
        const B = bitsOf(b);
        expect(valOf(sf.add(F64, A, B))).toBe(a + b);
        expect(valOf(sf.add(F64, A, B, true))).toBe(a - b);
        expect(valOf(sf.mul(F64, A, B))).toBe(a * b);
        if (!Number.isNaN(a / b)) expect(valOf(sf.div(F64, A, B))).toBe(a / b);
        if (a >= 0) expect(valOf(sf.sqrt(F64, A))).toBe(Math.sqrt(a));
        expect(valOf(sf.convert(F32, F64, sf.convert(F64, F32, A)))).toBe(Math.fround(a));
      }),
      { numRuns: 3000 },
    );
  });
});

// Exact value of a finite double as a rational n / 2^1100 (all doubles are multiples of 2^-1074).
function exact(b: bigint): bigint {
  const e = Number((b >> 52n) & 0x7ffn);
  const f = b & ((1n << 52n) - 1n);
  const m = e === 0 ? f : f | (1n << 52n);
  const v = m << BigInt((e === 0 ? 1 : e) - 1075 + 1100);
  return b >> 63n ? -v : v;
}
const abs = (x: bigint) => (x < 0n ? -x : x);
function nextUp(b: bigint): bigint {
  if (b === NEG) return 1n;
  return b >> 63n ? b - 1n : b + 1n;
}
function nextDown(b: bigint): bigint {
  if (b === 0n) return NEG | 1n;
  return b >> 63n ? b + 1n : b - 1n;
}

describe("SoftFloat fused multiply-add", () => {
  const sf = new SoftFloat();
  it("keeps the low bits a separate multiply loses", () => {
    // (1 + 2^-30)^2 - 1 = 2^-29 + 2^-60 exactly; a*b rounded first gives 2^-29
    const x = 0x3ff0000000400000n;
    expect(sf.fma(F64, x, x, ONE | NEG).toString(16)).toBe("3e20000000200000");
    // (1 + 2^-52)^2 - 1 = 2^-51 + 2^-104: a tie at the last place, to even
    expect(sf.fma(F64, 0x3ff0000000000001n, 0x3ff0000000000001n, ONE | NEG).toString(16)).toBe(
      "3cc0000000000000",
    );
    // (1 - 2^-53)(1 + 2^-52) - 1 = 2^-53 - 2^-105 exactly (a separate multiply gives 0)
    expect(sf.fma(F64, 0x3fefffffffffffffn, 0x3ff0000000000001n, ONE | NEG).toString(16)).toBe(
      "3c9ffffffffffffe",
    );
    // a*b + c where the product's low half decides the rounding direction of the sum
    expect(sf.fma(F64, 0x3ff0000000000001n, 0x3ff0000000000001n, 0x3cb0000000000000n).toString(16)).toBe(
      "3ff0000000000003",
    );
    // exact cancellation: +0 (or -0 when rounding down), and the sign of fnmadd
    expect(sf.fma(F64, ONE, ONE, ONE | NEG).toString(16)).toBe("0");
    sf.rm = RoundingMode.RM;
    expect(sf.fma(F64, ONE, ONE, ONE | NEG).toString(16)).toBe("8000000000000000");
    sf.rm = 0;
    expect(sf.fma(F64, ONE, ONE, ONE, false, true).toString(16)).toBe("c000000000000000");
    // inf * 0 + qNaN returns the NaN (with V); inf * 0 + 1 the default NaN; sNaN addend wins
    sf.flags = 0;
    expect(sf.fma(F64, INF, 0n, 0x7ff8000000000005n).toString(16)).toBe("7ff8000000000005");
    expect(sf.flags).toBe(V);
    expect(sf.fma(F64, INF, 0n, ONE).toString(16)).toBe("7ff8000000000000");
    expect(sf.fma(F64, 0x7ff4000000000003n, 0x7ff8000000000004n, 0x7ff4000000000005n).toString(16)).toBe(
      "7ffc000000000005",
    );
  });
  it("is the nearest double to the exact a*b+c, ties to even (property)", () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e150, max: 1e150 });
    fc.assert(
      fc.property(finite, finite, finite, (a, b, c) => {
        const s = new SoftFloat();
        const A = bitsOf(a);
        const B = bitsOf(b);
        const C = bitsOf(c);
        const r = s.fma(F64, A, B, C);
        if (((r >> 52n) & 0x7ffn) === 0x7ffn) return; // overflowed
        // exact a*b + c scaled by 2^2200
        const ex = exact(A) * exact(B) + (exact(C) << 1100n);
        const err = (x: bigint) => abs(ex - (exact(x) << 1100n));
        const e0 = err(r);
        for (const n of [nextUp(r), nextDown(r)]) {
          if (((n >> 52n) & 0x7ffn) === 0x7ffn) continue;
          const en = err(n);
          expect(e0 < en || (e0 === en && (r & 1n) === 0n)).toBe(true);
        }
        expect((s.flags & I) !== 0).toBe(e0 !== 0n);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("SoftFloat conversions and misc", () => {
  it("converts to integers with saturation and QEMU's NaN result", () => {
    const sf = new SoftFloat();
    expect(sf.toInt(F64, QNAN, 32, 0)).toBe(0n);
    expect(sf.flags).toBe(V);
    sf.flags = 0;
    expect(sf.toInt(F64, 0x43e0000000000000n, 64, 0)).toBe((1n << 63n) - 1n);
    expect(sf.toInt(F64, INF | NEG, 32, 0)).toBe(-(1n << 31n));
    expect(sf.flags).toBe(V);
    sf.flags = 0;
    expect(sf.toInt(F64, 0xc1e0000000100000n, 32, RoundingMode.RZ)).toBe(-(1n << 31n)); // -2^31 - 0.5
    expect(sf.flags).toBe(I);
    expect(sf.toInt(F64, 0x3ff8000000000000n, 32, RoundingMode.RNE)).toBe(2n); // 1.5
    expect(sf.toInt(F64, 0x4004000000000000n, 32, RoundingMode.RNE)).toBe(2n); // 2.5
    expect(sf.toInt(F64, 0xbff8000000000000n, 32, RoundingMode.RP)).toBe(-1n);
    expect(sf.toInt(F64, 0xbff8000000000000n, 32, RoundingMode.RM)).toBe(-2n);
  });
  it("converts integers and formats with rounding", () => {
    const sf = new SoftFloat();
    expect(sf.fromInt(F32, (1n << 24n) + 1n).toString(16)).toBe("4b800000");
    expect(sf.flags).toBe(I);
    sf.rm = RoundingMode.RP;
    expect(sf.fromInt(F32, (1n << 24n) + 1n).toString(16)).toBe("4b800001");
    expect(sf.convert(F64, F32, 0xfff4000012345671n).toString(16)).toBe("ffe00000"); // QEMU-verified
    expect(sf.convert(F32, F64, 0x12345671n).toString(16)).toBe("3a468ace20000000");
  });
  it("compares, selects and classifies", () => {
    const sf = new SoftFloat();
    expect(sf.compare(F64, NEG, 0n, false)).toBe(0);
    expect(sf.compare(F64, QNAN, 0n, false)).toBe(2);
    expect(sf.flags).toBe(0);
    expect(sf.compare(F64, QNAN, 0n, true)).toBe(2);
    expect(sf.flags).toBe(V);
    expect(sf.minMax(F64, NEG, 0n, true, false)).toBe(0n);
    expect(sf.minMax(F64, NEG, 0n, false, false)).toBe(NEG);
    expect(sf.minMax(F64, 0xc000000000000000n, 0x4000000000000000n, true, true)).toBe(0x4000000000000000n);
    expect(sf.minMax(F64, 0xc000000000000000n, 0x4000000000000000n, false, true)).toBe(0xc000000000000000n);
    expect(sf.minMax(F64, 0xc008000000000000n, 0x4000000000000000n, true, true)).toBe(0xc008000000000000n);
    expect(
      [QNAN, 0x7ff4000000000000n, INF | NEG, ONE | NEG, 1n | NEG, NEG, INF, ONE, 1n, 0n].map((x) =>
        sf.classify(F64, x),
      ),
    ).toEqual([2, 1, 4, 8, 16, 32, 64, 128, 256, 512]);
    expect(sf.logb(F64, 1n).toString(16)).toBe(bitsOf(-1074).toString(16));
    expect(sf.roundToInt(F64, 0xbfe0000000000000n).toString(16)).toBe("8000000000000000");
  });
});
