import { describe, expectTypeOf, it } from "vitest";
import {
  AddrRange,
  type MemoryAddr,
  PageIter4K,
  type PhysAddr,
  pa,
  type VirtAddr,
  va,
} from "../src/index.js";

// Generic code written against the trait, as in Rust `fn f<A: MemoryAddr>(a: A)`.
function pageOf<A extends MemoryAddr<A>>(a: A): AddrRange<A> {
  return AddrRange.fromStartSize(a.alignDown4K(), 0x1000);
}

describe("MemoryAddr<Self>", () => {
  it("generic helpers keep the concrete address type", () => {
    expectTypeOf(pageOf(pa(0x1234))).toEqualTypeOf<AddrRange<PhysAddr>>();
    expectTypeOf(pageOf(va(0x1234))).toEqualTypeOf<AddrRange<VirtAddr>>();
    expectTypeOf(PageIter4K.new(pa(0), pa(0x1000))?.next().value).toEqualTypeOf<PhysAddr | undefined>();
  });

  it("a bigint is not a MemoryAddr", () => {
    // @ts-expect-error raw bigints must be wrapped in an address type first
    pageOf(0x1000n);
  });

  it("methods take bigint or number sizes", () => {
    expectTypeOf<MemoryAddr<PhysAddr>["add"]>().parameter(0).toEqualTypeOf<bigint | number>();
    expectTypeOf<MemoryAddr<PhysAddr>["subAddr"]>().parameter(0).toEqualTypeOf<PhysAddr>();
  });
});
