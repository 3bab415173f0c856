import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { A64PTEHV, EPTEntry, LoongArchPTE, MappingFlags, Rv64PTE } from "../../src/index.js";

const { READ: R, WRITE: W, EXECUTE: X, USER: U, DEVICE, UNCACHED } = MappingFlags;

describe("PteFormat (shared behaviour)", () => {
  const formats = [LoongArchPTE, EPTEntry, A64PTEHV, Rv64PTE];
  it("round-trips addresses and presence for every format", () => {
    fc.assert(
      fc.property(fc.constantFrom(...formats), fc.integer({ min: 0, max: 2 ** 36 - 1 }), (fmt, ppn) => {
        const pa = BigInt(ppn) * 0x1000n;
        const pte = fmt.newPage(pa, R | W | X, false);
        expect(fmt.paddr(pte)).toBe(pa);
        expect(fmt.isPresent(pte)).toBe(true);
        expect(fmt.paddr(fmt.newTable(pa))).toBe(pa);
        expect(fmt.paddr(fmt.setPaddr(pte, 0x5000n))).toBe(0x5000n);
      }),
    );
  });

  it("round-trips the flags each format can express", () => {
    const expressible: Record<string, number[]> = {
      LoongArchPTE: [R, R | W, R | X, R | W | X, X, R | U, R | W | DEVICE, R | W | UNCACHED, R | W | X | U],
      EPTEntry: [R, R | W, R | X, R | W | X, R | W | DEVICE],
      A64PTEHV: [R, R | W, R | X, R | W | X, R | W | DEVICE, R | W | DEVICE | UNCACHED],
      Rv64PTE: [R, R | W, R | X, R | W | X, X, R | U],
    };
    for (const fmt of formats) {
      for (const f of expressible[fmt.name]!) {
        expect(fmt.flags(fmt.newPage(0x1000n, f, false))).toBe(f);
        expect(fmt.flags(fmt.setFlags(fmt.newPage(0x1000n, R, false), f, false))).toBe(f);
      }
    }
  });

  it("rejects addresses outside [0, 2^53)", () => {
    expect(() => EPTEntry.newPage(-1n, R, false)).toThrow(RangeError);
    expect(() => EPTEntry.newTable(1n << 53n)).toThrow(RangeError);
  });
});
