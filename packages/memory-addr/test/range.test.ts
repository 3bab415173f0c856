import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AddrRange,
  PhysAddr,
  paRange,
  U64_MAX,
  type VirtAddr,
  type VirtAddrRange,
  va,
  vaRange,
} from "../src/index.js";
import { u64 } from "./arbitraries.js";

// Math.min/max do not take bigints.
const min = (x: bigint, y: bigint): bigint => (x < y ? x : y);
const max = (x: bigint, y: bigint): bigint => (x < y ? y : x);
const r = (a: number, b: number): VirtAddrRange => vaRange(a, b);

describe("AddrRange: the Rust memory_addr tests", () => {
  it("test_range_format", () => {
    const range = vaRange(0xfec000, 0xfff000);
    expect(range.toString()).toBe("VA:0xfec000..VA:0xfff000");
    expect(`${range}`).toBe("VA:0xfec000..VA:0xfff000");
    expect(range.toUpperHex()).toBe("VA:0xFEC000..VA:0xFFF000");
  });

  it("test_range", () => {
    const start = va(0x1000);
    const end = va(0x2000);
    const range = AddrRange.new(start, end);

    expect(r(0x1000, 0x1000).isEmpty()).toBe(true);
    expect(AddrRange.tryNew(va(0x1000), va(0xfff))).toBeUndefined(); // Rust: (0x1000..0xfff).is_empty()
    expect(range.isEmpty()).toBe(false);

    expect(range.start.equals(start)).toBe(true);
    expect(range.end.equals(end)).toBe(true);
    expect(range.size()).toBe(0x1000n);

    expect(range.contains(va(0x1000))).toBe(true);
    expect(range.contains(va(0x1080))).toBe(true);
    expect(range.contains(va(0x2000))).toBe(false);

    expect(range.containsRange(r(0xfff, 0x1fff))).toBe(false);
    expect(range.containsRange(r(0xfff, 0x2000))).toBe(false);
    expect(range.containsRange(r(0xfff, 0x2001))).toBe(false);
    expect(range.containsRange(r(0x1000, 0x1fff))).toBe(true);
    expect(range.containsRange(r(0x1000, 0x2000))).toBe(true);
    expect(range.containsRange(r(0x1000, 0x2001))).toBe(false);
    expect(range.containsRange(r(0x1001, 0x1fff))).toBe(true);
    expect(range.containsRange(r(0x1001, 0x2000))).toBe(true);
    expect(range.containsRange(r(0x1001, 0x2001))).toBe(false);
    expect(range.containsRange(AddrRange.fromStartSize(va(0xfff), 0x1))).toBe(false);
    expect(range.containsRange(AddrRange.fromStartSize(va(0x2000), 0x1))).toBe(false);

    expect(range.containedIn(r(0xfff, 0x2000))).toBe(true);
    expect(range.containedIn(r(0x1000, 0x2000))).toBe(true);
    expect(range.containedIn(r(0x1000, 0x2001))).toBe(true);

    expect(range.overlaps(r(0x800, 0x1000))).toBe(false);
    expect(range.overlaps(r(0x800, 0x1001))).toBe(true);
    expect(range.overlaps(r(0x1800, 0x2000))).toBe(true);
    expect(range.overlaps(r(0x1800, 0x2001))).toBe(true);
    expect(range.overlaps(r(0x2000, 0x2800))).toBe(false);
    expect(range.overlaps(r(0xfff, 0x2001))).toBe(true);

    // Rust `Default` is 0..0.
    const defaultRange = r(0, 0);
    expect(defaultRange.isEmpty()).toBe(true);
    expect(defaultRange.size()).toBe(0n);
    expect(defaultRange.start.equals(va(0))).toBe(true);
    expect(defaultRange.end.equals(va(0))).toBe(true);
  });

  it("the doc-test cases of contained_in and overlaps", () => {
    const range = r(0x1000, 0x2000);
    expect(range.containedIn(r(0x1001, 0x2001))).toBe(false);
    expect(range.containedIn(r(0xfff, 0x2001))).toBe(true);
    expect(range.overlaps(r(0xfff, 0xfff))).toBe(false);
    expect(range.overlaps(r(0x2000, 0x2000))).toBe(false);
    expect(range.overlaps(r(0xfff, 0x1000))).toBe(false);
    expect(range.overlaps(r(0xfff, 0x1001))).toBe(true);
    expect(range.overlaps(r(0x1fff, 0x2001))).toBe(true);
    // An empty range strictly inside another still "overlaps" (Rust's strict test, kept as is).
    expect(range.overlaps(r(0x1800, 0x1800))).toBe(true);
  });
});

describe("AddrRange: construction", () => {
  it("new throws when start > end; tryNew returns undefined", () => {
    expect(() => AddrRange.new(va(0x2000), va(0x1000))).toThrow(RangeError);
    expect(() => AddrRange.new(va(0x2000), va(0x1000))).toThrow(/start VA:0x2000 > end VA:0x1000/);
    expect(AddrRange.tryNew(va(0x2000), va(0x1000))).toBeUndefined();
    expect(AddrRange.tryNew(va(0x1000), va(0x2000))?.size()).toBe(0x1000n);
  });

  it("fromStartSize throws 'size too large' on overflow; tryFromStartSize returns undefined", () => {
    expect(AddrRange.fromStartSize(va(U64_MAX - 1n), 1).end.value).toBe(U64_MAX);
    expect(() => AddrRange.fromStartSize(va(U64_MAX), 1)).toThrow("size too large");
    expect(AddrRange.tryFromStartSize(va(U64_MAX), 1n)).toBeUndefined();
    expect(AddrRange.tryFromStartSize(va(0x1000), 0x1000n)?.toString()).toBe("VA:0x1000..VA:0x2000");
    expect(() => AddrRange.fromStartSize(va(0), -1)).toThrow(RangeError);
  });

  it("vaRange / paRange mirror va_range! / pa_range!", () => {
    expect(() => vaRange(0x2000, 0x1000)).toThrow("invalid address range in `va_range!`");
    expect(() => paRange(0x2000, 0x1000)).toThrow("invalid address range in `pa_range!`");
    expect(paRange(0x1000n, 0x2000n).start.equals(PhysAddr.from(0x1000))).toBe(true);
  });

  it("ranges are immutable and compare by value", () => {
    const a = r(0x1000, 0x2000);
    expect(Object.isFrozen(a)).toBe(true);
    expect(a.equals(AddrRange.fromStartSize(va(0x1000), 0x1000))).toBe(true);
    expect(a.equals(r(0x1000, 0x2001))).toBe(false);
    expect(a.equals(r(0x1001, 0x2000))).toBe(false);
  });
});

describe("AddrRange laws (fast-check)", () => {
  const range = fc
    .tuple(u64, u64)
    .map(([x, y]): VirtAddrRange => AddrRange.new(va(min(x, y)), va(max(x, y))));
  const addr = u64.map((x): VirtAddr => va(x));

  it("contains(a) iff start <= a < end; size = end - start; isEmpty iff size 0", () => {
    fc.assert(
      fc.property(range, addr, (rg, a) => {
        expect(rg.contains(a)).toBe(rg.start.value <= a.value && a.value < rg.end.value);
        expect(rg.size()).toBe(rg.end.value - rg.start.value);
        expect(rg.isEmpty()).toBe(rg.size() === 0n);
      }),
    );
  });

  it("containsRange and containedIn are converse; a range contains itself", () => {
    fc.assert(
      fc.property(range, range, (a, b) => {
        expect(a.containsRange(b)).toBe(b.containedIn(a));
        expect(a.containsRange(a)).toBe(true);
      }),
    );
  });

  it("overlaps is symmetric and, for non-empty ranges, means a shared address exists", () => {
    fc.assert(
      fc.property(range, range, (a, b) => {
        expect(a.overlaps(b)).toBe(b.overlaps(a));
        if (!a.isEmpty() && !b.isEmpty()) {
          const lo = max(a.start.value, b.start.value);
          const hi = min(a.end.value, b.end.value);
          expect(a.overlaps(b)).toBe(lo < hi);
        }
      }),
    );
  });

  it("fromStartSize agrees with checked addition", () => {
    fc.assert(
      fc.property(u64, u64, (s, n) => {
        const t = AddrRange.tryFromStartSize(va(s), n);
        if (s + n > U64_MAX) expect(t).toBeUndefined();
        else expect(t?.size()).toBe(n);
      }),
    );
  });
});
