import { describe, expect, it } from "vitest";
import { PageSize } from "../../src/index.js";

describe("PageSize", () => {
  it("has the Rust values and helpers", () => {
    expect([PageSize.Size4K, PageSize.Size2M, PageSize.Size1G]).toEqual([0x1000, 0x20_0000, 0x4000_0000]);
    expect(PageSize.isHuge(PageSize.Size4K)).toBe(false);
    expect(PageSize.isHuge(PageSize.Size2M)).toBe(true);
    expect(PageSize.isAligned(PageSize.Size2M, 0x40_0000n)).toBe(true);
    expect(PageSize.isAligned(PageSize.Size2M, 0x40_1000)).toBe(false);
    expect(PageSize.alignOffset(PageSize.Size1G, 0x4000_1234n)).toBe(0x1234n);
    expect([PageSize.Size4K, PageSize.Size2M, PageSize.Size1G].map(PageSize.format)).toEqual([
      "4K",
      "2M",
      "1G",
    ]);
  });
});
