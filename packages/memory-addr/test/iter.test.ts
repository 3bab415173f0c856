import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PageIter, PageIter1G, PageIter2M, PageIter4K, U64_MAX, type VirtAddr, va } from "../src/index.js";

const strs = (it: Iterable<VirtAddr> | undefined): string[] => Array.from(it ?? [], String);

describe("PageIter (Rust DynPageIter)", () => {
  it("yields start, start + ps, … below end (doc test)", () => {
    const it = PageIter.new(va(0x1000), va(0x3000), 0x1000);
    expect(it).toBeDefined();
    expect(it?.next()).toEqual({ value: va(0x1000), done: false });
    expect(it?.next().value?.toString()).toBe("VA:0x2000");
    expect(it?.next().done).toBe(true);
    expect(it?.next().done).toBe(true);
  });

  it("returns undefined for unaligned ends or a non-power-of-two page size", () => {
    expect(PageIter.new(va(0x1000), va(0x3001), 0x1000)).toBeUndefined();
    expect(PageIter.new(va(0x1001), va(0x3000), 0x1000)).toBeUndefined();
    expect(PageIter.new(va(0x1000), va(0x3000), 0x1001)).toBeUndefined();
    expect(PageIter.new(va(0x0), va(0x3000), 0x3000)).toBeUndefined();
    expect(PageIter.new(va(0x0), va(0x3000), 0)).toBeUndefined();
  });

  it("throws for a page size that is not a u64 at all", () => {
    expect(() => PageIter.new(va(0), va(0x1000), -0x1000)).toThrow(RangeError);
    expect(() => PageIter.new(va(0), va(0x1000), 1n << 64n)).toThrow(RangeError);
  });

  it("is iterable and empty when start >= end", () => {
    expect(strs(PageIter.new(va(0x4000), va(0x10000), 0x4000))).toEqual([
      "VA:0x4000",
      "VA:0x8000",
      "VA:0xc000",
    ]);
    expect(strs(PageIter.new(va(0x2000), va(0x2000), 0x1000))).toEqual([]);
    expect(strs(PageIter.new(va(0x3000), va(0x1000), 0x1000))).toEqual([]);
    const it = PageIter.new(va(0), va(0x2000), 0x1000);
    expect(it?.[Symbol.iterator]()).toBe(it);
    expect(it?.pageSize).toBe(0x1000n);
    expect(it?.end.toString()).toBe("VA:0x2000");
  });

  it("reaches the top page without overflowing", () => {
    const top = va(U64_MAX - 0xfffn);
    // end must itself be aligned, so the highest reachable end is the last page base.
    expect(strs(PageIter.new(va(U64_MAX - 0x2fffn), top, 0x1000))).toEqual([
      "VA:0xffffffffffffd000",
      "VA:0xffffffffffffe000",
    ]);
  });

  it("yields (end - start) / ps pages, each aligned and ascending (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.bigInt({ min: 0n, max: 64n }),
        fc.bigInt({ min: 0n, max: 64n }),
        fc.bigInt({ min: 0n, max: 1n << 20n }),
        (k, n, m, base) => {
          const ps = 1n << BigInt(k);
          const start = base * ps;
          if (start + (n + m) * ps > U64_MAX) return;
          const pages = [...(PageIter.new(va(start), va(start + n * ps), ps) ?? [])];
          expect(pages.length).toBe(Number(n));
          pages.forEach((p, i) => {
            expect(p.value).toBe(start + BigInt(i) * ps);
            expect(p.isAligned(ps)).toBe(true);
          });
        },
      ),
    );
  });
});

describe("PageIter4K / 2M / 1G (Rust PageIter<SIZE, A>)", () => {
  it("PageIter4K doc test", () => {
    const it = PageIter4K.new(va(0x1000), va(0x3000));
    expect(it?.next().value?.toString()).toBe("VA:0x1000");
    expect(it?.next().value?.toString()).toBe("VA:0x2000");
    expect(it?.next().done).toBe(true);
    expect(PageIter4K.new(va(0x1000), va(0x3001))).toBeUndefined();
    expect(PageIter4K.new(va(0x1000), va(0x3000))).toBeInstanceOf(PageIter);
  });

  it("PageIter2M", () => {
    expect(strs(PageIter2M.new(va(0x20_0000), va(0x60_0000)))).toEqual(["VA:0x200000", "VA:0x400000"]);
    expect(PageIter2M.new(va(0x1000), va(0x20_0000))).toBeUndefined();
    expect(PageIter2M.new(va(0), va(0x20_0000))?.pageSize).toBe(0x20_0000n);
  });

  it("PageIter1G", () => {
    expect(strs(PageIter1G.new(va(0), va(0x8000_0000)))).toEqual(["VA:0x0", "VA:0x40000000"]);
    expect(PageIter1G.new(va(0), va(0x20_0000))).toBeUndefined();
    expect(PageIter1G.new(va(0), va(0))?.pageSize).toBe(0x4000_0000n);
  });
});
