import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  hex,
  I64_MAX,
  I64_MIN,
  isPowerOfTwo,
  toAlign,
  toI64,
  toU64,
  U64_MAX_VALUE,
} from "../../src/internal/u64.js";
import { u64 } from "../arbitraries.js";

describe("internal u64 helpers", () => {
  it("constants", () => {
    expect(U64_MAX_VALUE).toBe(0xffff_ffff_ffff_ffffn);
    expect(I64_MIN).toBe(-0x8000_0000_0000_0000n);
    expect(I64_MAX).toBe(0x7fff_ffff_ffff_ffffn);
  });

  it("hex formats signed values", () => {
    expect(hex(0n)).toBe("0x0");
    expect(hex(0x1abcn)).toBe("0x1abc");
    expect(hex(-0x10n)).toBe("-0x10");
  });

  it("toU64 accepts u64 bigints and non-negative safe integers only", () => {
    expect(toU64(0, "x")).toBe(0n);
    expect(toU64(U64_MAX_VALUE, "x")).toBe(U64_MAX_VALUE);
    expect(() => toU64(-1n, "size")).toThrow(/^size must be in/);
    expect(() => toU64(1n << 64n, "x")).toThrow(RangeError);
    expect(() => toU64(-0.5, "x")).toThrow(RangeError);
    expect(() => toU64(2 ** 60, "x")).toThrow(RangeError);
    expect(() => toU64(null as unknown as number, "x")).toThrow(TypeError);
  });

  it("toI64 accepts the signed 64-bit range and safe integers", () => {
    expect(toI64(-5, "d")).toBe(-5n);
    expect(toI64(I64_MIN, "d")).toBe(I64_MIN);
    expect(toI64(I64_MAX, "d")).toBe(I64_MAX);
    expect(() => toI64(I64_MAX + 1n, "d")).toThrow(RangeError);
    expect(() => toI64(I64_MIN - 1n, "d")).toThrow(RangeError);
    expect(() => toI64(Number.NaN, "d")).toThrow(RangeError);
    expect(() => toI64("1" as unknown as number, "d")).toThrow(TypeError);
  });

  it("isPowerOfTwo / toAlign agree with popcount == 1 (fast-check)", () => {
    fc.assert(
      fc.property(u64, (x) => {
        const pop = x.toString(2).replaceAll("0", "").length;
        expect(isPowerOfTwo(x)).toBe(pop === 1);
        if (pop === 1) expect(toAlign(x)).toBe(x);
        else expect(() => toAlign(x)).toThrow(RangeError);
      }),
    );
  });
});
