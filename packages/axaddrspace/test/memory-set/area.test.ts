import { describe, expect, it } from "vitest";
import { MemoryArea } from "../../src/index.js";
import { mockBackend, va } from "./mock-backend.js";

describe("MemoryArea", () => {
  it("accessors and Debug format", () => {
    const a = new MemoryArea(va(0x1000), 0x2000, 3, mockBackend);
    expect(a.start().value).toBe(0x1000n);
    expect(a.end().value).toBe(0x3000n);
    expect(a.size()).toBe(0x2000n);
    expect(a.flags()).toBe(3);
    expect(a.backend()).toBe(mockBackend);
    expect(a.vaRange().toString()).toBe("VA:0x1000..VA:0x3000");
    expect(a.toString()).toBe("MemoryArea { va_range: VA:0x1000..VA:0x3000, flags: 3 }");
  });
  it("throws when start + size overflows", () => {
    expect(() => new MemoryArea(va(0xffff_ffff_ffff_f000n), 0x2000, 1, mockBackend)).toThrow(RangeError);
  });
  it("split is metadata only and needs start < pos < end", () => {
    const a = new MemoryArea(va(0x1000), 0x2000, 3, mockBackend);
    expect(a.split(va(0x1000))).toBeUndefined();
    expect(a.split(va(0x3000))).toBeUndefined();
    const right = a.split(va(0x1800))!;
    expect([a.start().value, a.end().value, right.start().value, right.end().value]).toEqual([
      0x1000n,
      0x1800n,
      0x1800n,
      0x3000n,
    ]);
    expect(right.flags()).toBe(3);
  });
  it("shrinks unmap the cut part through the backend", () => {
    const pt = new Uint8Array(0x10000);
    const a = new MemoryArea(va(0x1000), 0x3000, 5, mockBackend);
    a.mapArea(pt);
    a.shrinkLeft(0x2000n, pt);
    expect(a.start().value).toBe(0x2000n);
    expect(pt[0x1000]).toBe(0);
    a.shrinkRight(0x1000n, pt);
    expect(a.end().value).toBe(0x3000n);
    expect(pt[0x3000]).toBe(0);
    expect(pt[0x2fff]).toBe(5);
    expect(() => a.shrinkRight(0x1000n, pt)).toThrow(RangeError);
  });
});
