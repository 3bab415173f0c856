import { AddrRange } from "@axvisor/memory-addr";
import { describe, expect, it } from "vitest";
import {
  AccessWidth,
  type DeviceAddrRange,
  GuestPhysAddr,
  Port,
  PortRange,
  SysRegAddr,
  SysRegAddrRange,
} from "../../src/index.js";

describe("AccessWidth", () => {
  it("converts from and to sizes like Rust's TryFrom/From", () => {
    expect([1, 2, 4, 8].map((n) => AccessWidth.fromSize(n)?.name)).toEqual([
      "Byte",
      "Word",
      "Dword",
      "Qword",
    ]);
    for (const n of [0, 3, 5, 16, -1, 1.5]) expect(AccessWidth.fromSize(n)).toBeUndefined();
    expect(AccessWidth.Qword.size()).toBe(8);
    expect(AccessWidth.Byte.bitsRange()).toEqual([0, 8]);
    expect(AccessWidth.Word.bitsRange()).toEqual([0, 16]);
    expect(AccessWidth.Dword.bitsRange()).toEqual([0, 32]);
    expect(AccessWidth.Qword.bitsRange()).toEqual([0, 64]);
    expect(AccessWidth.Byte.compare(AccessWidth.Qword)).toBe(-1);
    expect(AccessWidth.Dword.compare(AccessWidth.Dword)).toBe(0);
    expect(`${AccessWidth.Word}`).toBe("Word");
  });
});

describe("Port and SysRegAddr", () => {
  it("format as Rust's Debug, {:x} and {:X}", () => {
    const p = Port.new(16);
    expect([p.toString(), p.toHex(), p.toUpperHex(), p.number()]).toEqual([
      "Port(16)",
      "Port(0x10)",
      "Port(0x10)",
      16,
    ]);
    expect(new Port(0x1f).toUpperHex()).toBe("Port(0x1F)");
    expect(() => new Port(0x10000)).toThrow(RangeError);
    const r = SysRegAddr.new(0xabc);
    expect([r.toString(), r.toHex(), r.toUpperHex(), r.addr()]).toEqual([
      "SysRegAddr(2748)",
      "SysRegAddr(0xabc)",
      "SysRegAddr(0xABC)",
      0xabcn,
    ]);
    expect(() => new SysRegAddr(-1)).toThrow(RangeError);
    expect(p.equals(new Port(16))).toBe(true);
    expect(p.compare(new Port(17))).toBe(-1);
    expect(r.compare(new SysRegAddr(1))).toBe(1);
  });
});

describe("device address ranges", () => {
  it("PortRange and SysRegAddrRange are inclusive; GPA ranges are half-open", () => {
    const ports: DeviceAddrRange<Port> = PortRange.new(new Port(0x3f8), new Port(0x3ff));
    expect([0x3f7, 0x3f8, 0x3ff, 0x400].map((n) => ports.contains(new Port(n)))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    const regs = SysRegAddrRange.new(new SysRegAddr(0x10), new SysRegAddr(0x20));
    expect([0xf, 0x10, 0x20, 0x21].map((n) => regs.contains(new SysRegAddr(n)))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(regs.toHex()).toBe("0x10..=0x20");
    expect(PortRange.new(new Port(1), new Port(2)).toString()).toBe("Port(1)..=Port(2)");
    const mmio: DeviceAddrRange<GuestPhysAddr> = AddrRange.new(
      GuestPhysAddr.from(0x1000),
      GuestPhysAddr.from(0x2000),
    );
    expect(mmio.contains(GuestPhysAddr.from(0x1fff))).toBe(true);
    expect(mmio.contains(GuestPhysAddr.from(0x2000))).toBe(false);
  });
});
