import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  alignDown,
  alignDown4K,
  alignOffset,
  alignOffset4K,
  alignUp,
  alignUp4K,
  isAligned,
  isAligned4K,
} from "../src/index.js";
import { nonPow2, pow2, U64_MAX, u64 } from "./arbitraries.js";

describe("free alignment functions", () => {
  // Rust lib.rs `test_align`.
  it("test_align", () => {
    expect(alignDown(0x12345678n, 0x1000n)).toBe(0x12345000n);
    expect(alignUp(0x12345678n, 0x1000n)).toBe(0x12346000n);
    expect(alignOffset(0x12345678n, 0x1000n)).toBe(0x678n);
    expect(isAligned(0x12345000n, 0x1000n)).toBe(true);
    expect(isAligned(0x12345678n, 0x1000n)).toBe(false);

    expect(alignDown4K(0x12345678n)).toBe(0x12345000n);
    expect(alignUp4K(0x12345678n)).toBe(0x12346000n);
    expect(alignOffset4K(0x12345678n)).toBe(0x678n);
    expect(isAligned4K(0x12345000n)).toBe(true);
    expect(isAligned4K(0x12345678n)).toBe(false);
  });

  it("handles the u64 edges", () => {
    expect(alignDown(U64_MAX, 1n << 63n)).toBe(1n << 63n);
    expect(alignUp(0n, 1n << 63n)).toBe(0n);
    expect(alignUp(1n, 1n << 63n)).toBe(1n << 63n);
    expect(alignUp(U64_MAX, 1n)).toBe(U64_MAX);
    expect(alignUp(U64_MAX - 0xfffn, 0x1000n)).toBe(U64_MAX - 0xfffn);
  });

  it("throws RangeError when align_up overflows u64", () => {
    expect(() => alignUp(U64_MAX, 0x1000n)).toThrow(RangeError);
    expect(() => alignUp((1n << 63n) + 1n, 1n << 63n)).toThrow(/overflow in `align_up`/);
    expect(() => alignUp4K(U64_MAX - 0xffen)).toThrow(RangeError);
  });

  it("rejects a non-power-of-two alignment", () => {
    for (const f of [alignDown, alignUp, alignOffset, isAligned]) {
      expect(() => f(0x1000n, 0n)).toThrow(/power of two/);
      expect(() => f(0x1000n, 3n)).toThrow(RangeError);
      expect(() => f(0x1000n, 0x1001n)).toThrow(RangeError);
      expect(() => f(0x1000n, 1n << 64n)).toThrow(RangeError);
      expect(() => f(0x1000n, -4n)).toThrow(RangeError);
    }
  });

  it("rejects a value outside u64", () => {
    expect(() => alignDown(-1n, 0x1000n)).toThrow(RangeError);
    expect(() => alignDown(1n << 64n, 0x1000n)).toThrow(RangeError);
    expect(() => isAligned4K(-0x1000n)).toThrow(RangeError);
    // A number slipped past the types is misuse, not silently converted.
    expect(() => alignDown(0x1000 as unknown as bigint, 0x1000n)).toThrow(RangeError);
  });
});

describe("alignment laws (fast-check, whole u64 range)", () => {
  it("alignDown(x, a) <= x < alignDown(x, a) + a, and the result is aligned", () => {
    fc.assert(
      fc.property(u64, pow2, (x, a) => {
        const d = alignDown(x, a);
        return d <= x && x < d + a && isAligned(d, a) && d % a === 0n;
      }),
    );
  });

  it("alignUp(x, a) is the smallest aligned value >= x (or throws exactly when it would exceed u64)", () => {
    fc.assert(
      fc.property(u64, pow2, (x, a) => {
        const exact = ((x + a - 1n) / a) * a;
        if (exact > U64_MAX) {
          expect(() => alignUp(x, a)).toThrow(RangeError);
          return true;
        }
        const u = alignUp(x, a);
        return u === exact && u >= x && u - x < a && isAligned(u, a);
      }),
    );
  });

  it("alignUp and alignDown are idempotent and fix aligned values", () => {
    fc.assert(
      fc.property(u64, pow2, (x, a) => {
        const d = alignDown(x, a);
        expect(alignDown(d, a)).toBe(d);
        expect(alignUp(d, a)).toBe(d);
        if (isAligned(x, a)) expect(alignUp(x, a)).toBe(x);
        if (x + a - 1n <= U64_MAX) {
          const u = alignUp(x, a);
          expect(alignUp(u, a)).toBe(u);
        }
      }),
    );
  });

  it("alignOffset(x, a) = x - alignDown(x, a) = x mod a; isAligned iff offset is 0", () => {
    fc.assert(
      fc.property(u64, pow2, (x, a) => {
        const off = alignOffset(x, a);
        return off === x - alignDown(x, a) && off === x % a && isAligned(x, a) === (off === 0n);
      }),
    );
  });

  it("the 4K forms equal the general forms with PAGE_SIZE_4K", () => {
    fc.assert(
      fc.property(u64, (x) => {
        expect(alignDown4K(x)).toBe(alignDown(x, 0x1000n));
        expect(alignOffset4K(x)).toBe(alignOffset(x, 0x1000n));
        expect(isAligned4K(x)).toBe(isAligned(x, 0x1000n));
        if (x <= U64_MAX - 0xfffn) expect(alignUp4K(x)).toBe(alignUp(x, 0x1000n));
      }),
    );
  });

  it("every non-power-of-two alignment throws", () => {
    fc.assert(
      fc.property(u64, nonPow2, (x, a) => {
        expect(() => alignDown(x, a)).toThrow(RangeError);
        expect(() => isAligned(x, a)).toThrow(RangeError);
      }),
    );
  });
});
