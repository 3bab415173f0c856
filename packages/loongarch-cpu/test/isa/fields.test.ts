import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as F from "../../src/isa/fields.js";

const u32 = fc.integer({ min: 0, max: 0xffffffff });

describe("field extractors", () => {
  it("match the documented examples", () => {
    expect(F.rd(0x02c00484)).toBe(4);
    expect(F.rj(0x02c00484)).toBe(4);
    expect(F.rk(0x00150c85)).toBe(3);
    expect(F.ra(0x08118820)).toBe(3);
    expect(F.ui5(0x00408c84)).toBe(3);
    expect(F.ui6(0x0041fc84)).toBe(63);
    expect(F.ui8(0x06400c84)).toBe(3);
    expect(F.ui12(0x03bffc84)).toBe(4095);
    expect(F.si12(0x02fffc84)).toBe(-1);
    expect(F.si14(0x24fffc84)).toBe(-1);
    expect(F.offs14(0x24fffc84)).toBe(-4);
    expect(F.si16(0x13fffc84)).toBe(-1);
    expect(F.si20(0x15ffffe4)).toBe(-1);
    expect(F.offs16(0x5bfffc85)).toBe(-4);
    expect(F.offs21(0x43fffc9f)).toBe(-4);
    expect(F.offs26(0x53ffffff)).toBe(-4);
    expect(F.msbw(0x007f0084)).toBe(31);
    expect(F.lsbw(0x00607c84)).toBe(31);
    expect(F.msbd(0x00ff0084)).toBe(63);
    expect(F.lsbd(0x00c0fc84)).toBe(63);
    expect(F.sa2(0x002d8c85)).toBe(3);
    expect(F.sa3(0x000f8c85)).toBe(7);
    expect(F.csr(0x04000404)).toBe(1);
    expect(F.code15(0x002b0000)).toBe(0);
    expect(F.hint5(0x2ac00000)).toBe(0);
    expect(F.cj(0x480000e0)).toBe(7);
  });

  it("agree with a bigint/bit-string reference on random words", () => {
    const bits = (w: number, hi: number, lo: number): number => Math.floor(w / 2 ** lo) % 2 ** (hi - lo + 1);
    const sext = (v: number, width: number): number => (v >= 2 ** (width - 1) ? v - 2 ** width : v);
    fc.assert(
      fc.property(u32, (w) => {
        expect(F.rd(w)).toBe(bits(w, 4, 0));
        expect(F.rj(w)).toBe(bits(w, 9, 5));
        expect(F.rk(w)).toBe(bits(w, 14, 10));
        expect(F.ra(w)).toBe(bits(w, 19, 15));
        expect(F.ui12(w)).toBe(bits(w, 21, 10));
        expect(F.si12(w)).toBe(sext(bits(w, 21, 10), 12));
        expect(F.si14(w)).toBe(sext(bits(w, 23, 10), 14));
        expect(F.offs14(w)).toBe(4 * sext(bits(w, 23, 10), 14));
        expect(F.si16(w)).toBe(sext(bits(w, 25, 10), 16));
        expect(F.si20(w)).toBe(sext(bits(w, 24, 5), 20));
        expect(F.offs16(w)).toBe(4 * sext(bits(w, 25, 10), 16));
        expect(F.offs21(w)).toBe(4 * sext(bits(w, 4, 0) * 2 ** 16 + bits(w, 25, 10), 21));
        expect(F.offs26(w)).toBe(4 * sext(bits(w, 9, 0) * 2 ** 16 + bits(w, 25, 10), 26));
        expect(F.csr(w)).toBe(bits(w, 23, 10));
        expect(F.code15(w)).toBe(bits(w, 14, 0));
        expect(F.msbd(w)).toBe(bits(w, 21, 16));
        expect(F.lsbd(w)).toBe(bits(w, 15, 10));
        expect(F.cj(w)).toBe(bits(w, 7, 5));
      }),
      { numRuns: 5000 },
    );
  });
});
