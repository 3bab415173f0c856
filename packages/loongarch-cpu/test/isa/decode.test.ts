import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decode, INSNS, Op } from "../../src/index.js";

// Reference decoder: a linear scan picking the matching entry with the most fixed bits.
const DEFS = INSNS.slice(1).map((d) => ({ ...d, bits: d.mask.toString(2).replaceAll("0", "").length }));
function slowDecode(word: number): number {
  let best = 0;
  let bestBits = -1;
  for (const d of DEFS) {
    if ((word & d.mask) >>> 0 === d.match && d.bits > bestBits) {
      best = d.id;
      bestBits = d.bits;
    }
  }
  return best;
}

const u32 = fc.integer({ min: 0, max: 0xffffffff });

describe("decode", () => {
  it("decodes every entry's match to itself", () => {
    for (const d of INSNS.slice(1)) {
      const expected = d.id === Op.CSRXCHG ? Op.CSRRD : d.id === Op.GCSRXCHG ? Op.GCSRRD : d.id; // rj = 0 there
      expect(INSNS[decode(d.match)]!.mnemonic).toBe(INSNS[expected]!.mnemonic);
    }
  });

  it("decodes every entry with random operand fields to itself", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: INSNS.length - 1 }), u32, (id, bits) => {
        const d = INSNS[id]!;
        const w = (d.match | (bits & ~d.mask)) >>> 0;
        let expected = id;
        if (id === Op.CSRXCHG || id === Op.GCSRXCHG) {
          const rj = (w >>> 5) & 31;
          const base = id === Op.CSRXCHG ? Op.CSRRD : Op.GCSRRD;
          if (rj < 2) expected = base + rj; // csrrd/csrwr sit right before csrxchg
        }
        expect(decode(w)).toBe(expected);
        expect(decode(w | 0)).toBe(expected); // int32 input works too
      }),
      { numRuns: 20000 },
    );
  });

  it("gives csrrd/csrwr priority over csrxchg", () => {
    expect(decode(0x04000004)).toBe(Op.CSRRD); // csrrd $a0, 0
    expect(decode(0x04000024)).toBe(Op.CSRWR); // csrwr $a0, 0
    expect(decode(0x04000044)).toBe(Op.CSRXCHG); // csrxchg $a0, $tp, 0
    expect(decode(0x05000024)).toBe(Op.GCSRWR);
    expect(decode(0x050003e4)).toBe(Op.GCSRXCHG);
  });

  it("returns INVALID for words that match no entry", () => {
    for (const w of [0, 0xffffffff, 0x00000400, 0x06482804, 0x00010001, 0x06440001, 0x48000200, 0x80000000]) {
      expect(decode(w)).toBe(Op.INVALID);
    }
  });

  it("agrees with a linear reference decoder on random words, and never throws", () => {
    fc.assert(
      fc.property(u32, (w) => {
        expect(decode(w)).toBe(slowDecode(w));
      }),
      { numRuns: 50000 },
    );
  });

  it("agrees with the reference decoder on every value of the top 17 bits", () => {
    // Covers every opcode slice with the low bits set to a few patterns (0, all ones, mixed).
    for (let hi = 0; hi < 1 << 17; hi++) {
      for (const lo of [0, 0x7fff, 0x2a5a]) {
        const w = ((hi << 15) | lo) >>> 0;
        const got = decode(w);
        if (got !== slowDecode(w)) expect(got, `word 0x${w.toString(16)}`).toBe(slowDecode(w));
      }
    }
  });

  it("tolerates non-integer input", () => {
    expect(decode(Number.NaN)).toBe(Op.INVALID);
    expect(decode(2 ** 40)).toBe(Op.INVALID);
  });
});
