import { describe, expectTypeOf, it } from "vitest";
import {
  AddrRange,
  type PhysAddr,
  type PhysAddrRange,
  pa,
  type VirtAddr,
  type VirtAddrRange,
  va,
} from "../src/index.js";

declare function mapPhys(r: PhysAddrRange): void;

describe("AddrRange types", () => {
  it("infers the address type from its ends", () => {
    expectTypeOf(AddrRange.new(pa(0), pa(1))).toEqualTypeOf<AddrRange<PhysAddr>>();
    expectTypeOf(AddrRange.tryNew(va(0), va(1))).toEqualTypeOf<AddrRange<VirtAddr> | undefined>();
    expectTypeOf(AddrRange.fromStartSize(va(0), 1).start).toEqualTypeOf<VirtAddr>();
  });

  it("AddrRange<PhysAddr> and AddrRange<VirtAddr> are distinct", () => {
    expectTypeOf<VirtAddrRange>().not.toMatchTypeOf<PhysAddrRange>();
    expectTypeOf<PhysAddrRange>().not.toMatchTypeOf<VirtAddrRange>();
    // @ts-expect-error a virtual range is not a physical range
    mapPhys(AddrRange.new(va(0), va(0x1000)));
    mapPhys(AddrRange.new(pa(0), pa(0x1000)));
  });

  it("rejects mixed ends and mixed operands", () => {
    // @ts-expect-error both ends must have the same address type
    AddrRange.new(pa(0), va(1));
    const r = AddrRange.new(pa(0), pa(0x1000));
    // @ts-expect-error a VirtAddr is not in a physical range
    r.contains(va(0));
    // @ts-expect-error ranges of different types do not compare
    r.overlaps(AddrRange.new(va(0), va(1)));
  });

  it("has no public constructor", () => {
    // @ts-expect-error use AddrRange.new / tryNew / fromStartSize
    new AddrRange(pa(0), pa(1));
  });
});
