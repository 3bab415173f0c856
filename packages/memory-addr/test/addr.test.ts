import { describe, expect, it } from "vitest";
import { addrBrand, PhysAddr, pa, VirtAddr, va } from "../src/index.js";

describe("PhysAddr and VirtAddr", () => {
  it("print with the PA: / VA: prefixes (Rust def_usize_addr_formatter doc test)", () => {
    expect(PhysAddr.from(0x1abc).toString()).toBe("PA:0x1abc");
    expect(VirtAddr.from(0x1abc).toString()).toBe("VA:0x1abc");
    expect(PhysAddr.from(0x1abc).toUpperHex()).toBe("PA:0x1ABC");
    expect(VirtAddr.from(0x1abcn).toUpperHex()).toBe("VA:0x1ABC");
  });

  it("carry their names as brands", () => {
    expect(PhysAddr.typeName).toBe("PhysAddr");
    expect(VirtAddr.typeName).toBe("VirtAddr");
    expect(pa(0)[addrBrand]).toBe("PhysAddr");
    expect(va(0)[addrBrand]).toBe("VirtAddr");
  });

  it("pa / va are shorthands for from (Rust pa! / va!)", () => {
    expect(pa(0x1000).equals(PhysAddr.from(0x1000n))).toBe(true);
    expect(va(0x2000n).equals(VirtAddr.from(0x2000))).toBe(true);
    expect(() => pa(-1)).toThrow(RangeError);
    expect(() => va(2n ** 64n)).toThrow(RangeError);
  });

  it("def_usize_addr doc test: align_down(0x10) and align_up_4k", () => {
    const e = PhysAddr.from(0x1234);
    expect(e.value).toBe(0x1234n);
    expect(e.alignDown(0x10).equals(pa(0x1230))).toBe(true);
    expect(e.alignUp4K().equals(pa(0x2000))).toBe(true);
  });

  it("is the same runtime type on every import (one definition per type)", () => {
    expect(PhysAddr.isInstance(pa(1))).toBe(true);
    expect(VirtAddr.isInstance(pa(1))).toBe(false);
  });
});
