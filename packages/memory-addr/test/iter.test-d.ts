import { describe, expectTypeOf, it } from "vitest";
import { type PageIter, PageIter1G, PageIter4K, type PhysAddr, pa, type VirtAddr, va } from "../src/index.js";

describe("PageIter types", () => {
  it("yields the address type it was built from", () => {
    const it4k = PageIter4K.new(va(0), va(0x1000));
    expectTypeOf(it4k).toMatchTypeOf<PageIter<VirtAddr> | undefined>();
    for (const p of PageIter1G.new(pa(0), pa(0))!) expectTypeOf(p).toEqualTypeOf<PhysAddr>();
  });

  it("the fixed-size forms take no page size", () => {
    // @ts-expect-error PageIter4K fixes the page size
    PageIter4K.new(va(0), va(0x1000), 0x1000);
  });

  it("both ends must share a type", () => {
    // @ts-expect-error mixed address types
    PageIter4K.new(va(0), pa(0x1000));
  });
});
