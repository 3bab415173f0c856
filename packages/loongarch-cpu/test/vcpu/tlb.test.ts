import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GuestTlb, TLB_REFILL, type TlbEntry } from "../../src/index.js";

const V = 1n;
const D = 2n;
const PLV3 = 0xcn;
const G = 0x40n;
const NR = 1n << 61n;
const NX = 1n << 62n;
const RPLV = 1n << 63n;

function tlb16k(): GuestTlb {
  const t = new GuestTlb();
  t.stlbPs = 14;
  return t;
}

describe("GuestTlb", () => {
  it("translates the even and odd page of an entry, with the offset below PS", () => {
    const t = tlb16k();
    t.fill({
      vppn: 0x1_0000n,
      ps: 14,
      asid: 3,
      lo0: 0x8_0000n | V | D | PLV3,
      lo1: 0xc_0000n | V | D | PLV3,
    });
    expect(t.translate(0x1_2345n, 3, 3, 0)).toBe(0);
    expect(t.pa).toBe(0x8_2345n);
    expect(t.translate(0x1_6789n, 3, 0, 1)).toBe(0);
    expect(t.pa).toBe(0xc_2789n);
    expect(t.translate(0x1_8000n, 3, 0, 0)).toBe(TLB_REFILL);
    // another ASID misses unless the entry is global
    expect(t.translate(0x1_0000n, 4, 0, 0)).toBe(TLB_REFILL);
  });

  it("checks V, NX, PLV (RPLV), NR and D in the manual's order", () => {
    const t = tlb16k();
    const put = (lo: bigint) => t.write(2048, { vppn: 0n, ps: 14, asid: 0, lo0: lo, lo1: 0n });
    put(0n);
    expect([0, 1, 2].map((a) => t.translate(0n, 0, 0, a))).toEqual([1, 2, 3]);
    put(V | NX | NR);
    expect([0, 1, 2].map((a) => t.translate(0n, 0, 0, a))).toEqual([5, 4, 6]);
    put(V | D);
    expect(t.translate(0n, 0, 3, 0)).toBe(7);
    expect(t.translate(0n, 0, 0, 1)).toBe(0);
    put(V | D | PLV3 | RPLV);
    expect(t.translate(0n, 0, 0, 0)).toBe(7);
    expect(t.translate(0n, 0, 3, 0)).toBe(0);
    put(V | PLV3);
    expect(t.translate(0n, 0, 0, 0)).toBe(0);
    expect(t.translate(0n, 0, 0, 1)).toBe(4);
    // a PLV0-only, non-readable page loaded from PLV3: PPI comes before PNR (QEMU 7.2 reports PNR)
    put(V | NR);
    expect(t.translate(0n, 0, 3, 0)).toBe(7);
    expect(t.translate(0n, 0, 0, 0)).toBe(5);
    // NX still comes first for a fetch
    put(V | NX);
    expect(t.translate(0n, 0, 3, 2)).toBe(6);
  });

  it("searches the STLB set of the VA and the whole MTLB; G makes an entry match every ASID", () => {
    const t = tlb16k();
    const i = t.fill({ vppn: 0x4_8000n, ps: 14, asid: 1, lo0: V | G, lo1: V | G });
    expect(i % 256).toBe(t.setOf(0x4_8000n));
    expect(t.search(0x4_8000n, 9)).toBe(i);
    const m = t.fill({ vppn: 0x20_0000n, ps: 21, asid: 1, lo0: V, lo1: V });
    expect(m).toBe(2048);
    expect(t.search(0x3f_ffffn, 1)).toBe(2048);
    expect(t.read(i)?.lo0).toBe(V | G);
  });

  it("tlbclr/tlbflush clear one STLB set or the whole MTLB", () => {
    const t = tlb16k();
    const a = t.fill({ vppn: 0n, ps: 14, asid: 1, lo0: V, lo1: V });
    const g = t.fill({ vppn: 0n, ps: 14, asid: 1, lo0: V | G, lo1: V | G });
    t.clear(a, 1, false);
    expect(t.read(a)).toBeUndefined();
    expect(t.read(g)).toBeDefined();
    t.clear(a, 1, true);
    expect(t.read(g)).toBeUndefined();
  });

  it("invtlb implements ops 0–6 and rejects 7", () => {
    const entries: [TlbEntry, boolean][] = [
      [{ vppn: 0x10000n, ps: 14, asid: 1, lo0: V, lo1: V }, false],
      [{ vppn: 0x20000n, ps: 14, asid: 2, lo0: V, lo1: V }, false],
      [{ vppn: 0x10000n, ps: 14, asid: 3, lo0: V | G, lo1: V | G }, true],
    ];
    const expected: Record<number, boolean[]> = {
      0: [false, false, false],
      1: [false, false, false],
      2: [true, true, false],
      3: [false, false, true],
      4: [false, true, true],
      5: [false, true, true],
      6: [false, true, false],
    };
    for (let op = 0; op <= 6; op++) {
      const t = tlb16k();
      entries.forEach(([e], k) => {
        t.write(2048 + k, e);
      });
      expect(t.invalidate(op, 1, 0x10000n)).toBe(true);
      expect(entries.map((_, k) => t.read(2048 + k) !== undefined)).toEqual(expected[op]);
    }
    expect(tlb16k().invalidate(7, 0, 0n)).toBe(false);
  });

  it("property: a filled entry translates every address of its pair to PPN | offset", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 12, max: 30 }),
        fc.bigInt({ min: 0n, max: (1n << 47n) - 1n }),
        fc.bigInt({ min: 0n, max: (1n << 30n) - 1n }),
        (ps, va, ppn) => {
          const t = new GuestTlb();
          t.stlbPs = 14;
          const pa0 = (ppn << 12n) & ~((1n << BigInt(ps)) - 1n);
          t.fill({ vppn: va, ps, asid: 0, lo0: pa0 | V, lo1: (pa0 + (1n << BigInt(ps))) | V });
          expect(t.translate(va, 0, 0, 0)).toBe(0);
          const off = va & ((1n << BigInt(ps)) - 1n);
          const odd = (va >> BigInt(ps)) & 1n;
          expect(t.pa).toBe(pa0 + (odd << BigInt(ps)) + off);
        },
      ),
    );
  });
});

describe("GuestTlb multiple hits (undefined in the manual)", () => {
  it("an STLB and an MTLB entry for one address: the lowest index wins and the hit is counted", () => {
    const t = tlb16k();
    const stlb = t.fill({ vppn: 0x8000n, ps: 14, asid: 0, lo0: 0x10_0000n | V | D, lo1: 0n });
    t.write(2050, { vppn: 0n, ps: 21, asid: 0, lo0: 0x40_0000n | V | D, lo1: 0n });
    expect(t.matchesOf(0x8000n, 0)).toEqual([stlb, 2050]);
    expect(t.multipleHits).toBe(0);
    expect(t.search(0x8000n, 0)).toBe(stlb);
    expect(t.translate(0x8010n, 0, 0, 0)).toBe(0);
    expect(t.pa).toBe(0x10_0010n);
    expect(t.multipleHits).toBe(2);
    // the rest of the MTLB page has one match only
    expect(t.translate(0x10_0000n, 0, 0, 0)).toBe(0);
    expect(t.pa).toBe(0x50_0000n);
    expect(t.multipleHits).toBe(2);
    t.reset();
    expect(t.multipleHits).toBe(0);
  });

  it("two ways of one STLB set and two MTLB entries are multiple hits too; other ASIDs are not", () => {
    const t = tlb16k();
    const e = (asid: number, g: bigint): TlbEntry => ({ vppn: 0x4_0000n, ps: 14, asid, lo0: V | g, lo1: g });
    const a = t.fill(e(1, 0n));
    t.fill(e(2, 0n));
    expect(t.search(0x4_0000n, 1)).toBe(a);
    expect(t.multipleHits).toBe(0);
    const b = t.fill(e(2, G));
    expect(t.search(0x4_0000n, 1)).toBe(a);
    expect(t.matchesOf(0x4_0000n, 1)).toEqual([a, b]);
    expect(t.multipleHits).toBe(1);
    const m = new GuestTlb();
    m.write(2048 + 5, { vppn: 0n, ps: 20, asid: 0, lo0: V, lo1: V });
    m.write(2048 + 9, { vppn: 0n, ps: 22, asid: 0, lo0: V, lo1: V });
    expect(m.search(0x1000n, 0)).toBe(2048 + 5);
    expect(m.multipleHits).toBe(1);
  });

  it("a random set of entries: search returns the first of matchesOf and counts iff there are several", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            i: fc.integer({ min: 0, max: GuestTlb.SIZE - 1 }),
            vp: fc.integer({ min: 0, max: 3 }),
          }),
          {
            maxLength: 12,
          },
        ),
        fc.integer({ min: 0, max: 3 }),
        (entries, probe) => {
          const t = new GuestTlb();
          t.stlbPs = 12;
          for (const { i, vp } of entries)
            t.write(i, { vppn: BigInt(vp) << 13n, ps: 12, asid: 0, lo0: V, lo1: V });
          const va = BigInt(probe) << 13n;
          const all = t.matchesOf(va, 0);
          expect(t.search(va, 0)).toBe(all[0] ?? -1);
          expect(t.multipleHits).toBe(all.length > 1 ? 1 : 0);
        },
      ),
    );
  });
});

describe("GuestTlb: MISC.DWPL", () => {
  it("turns the PME check off at PLV0-2 whose bit is set, never at PLV3", () => {
    const t = tlb16k();
    t.write(2048, { vppn: 0n, ps: 14, asid: 0, lo0: V | PLV3, lo1: 0n });
    expect([0, 1, 2, 3].map((plv) => t.translate(0n, 0, plv, 1))).toEqual([4, 4, 4, 4]);
    t.writeProtectOff = 0b101;
    expect([0, 1, 2, 3].map((plv) => t.translate(0n, 0, plv, 1))).toEqual([0, 4, 0, 4]);
  });
});
