import {
  AccessWidth,
  AxError,
  GuestPhysAddr,
  Port,
  PortRange,
  SysRegAddr,
  SysRegAddrRange,
} from "@axvisor/axaddrspace";
import { AddrRange } from "@axvisor/memory-addr";
import { describe, expect, it } from "vitest";
import {
  AxVmDevices,
  type BaseMmioDeviceOps,
  type BasePortDeviceOps,
  type BaseSysRegDeviceOps,
  EmulatedDeviceType,
  Ns16550a,
  QemuGedPowerRegs,
} from "../../src/index.js";

function ram(name: string, base: bigint, size: number): BaseMmioDeviceOps & { log: string[] } {
  const log: string[] = [];
  return {
    name,
    log,
    emuType: () => EmulatedDeviceType.Dummy,
    addressRange: () => AddrRange.fromStartSize(GuestPhysAddr.from(base), size),
    handleRead: (a, w) => {
      log.push(`r ${a} ${w}`);
      return a.value - base;
    },
    handleWrite: (a, w, v) => {
      log.push(`w ${a} ${w} ${v}`);
    },
  };
}

describe("AxVmDevices", () => {
  it("dispatches MMIO by address range (half-open)", () => {
    const d = new AxVmDevices();
    const a = ram("a", 0x1000n, 0x100);
    const b = ram("b", 0x1100n, 0x100);
    d.addMmioDev(a);
    d.addMmioDev(b);
    expect(d.handleMmioRead(GuestPhysAddr.from(0x10ffn), AccessWidth.Byte)).toBe(0xffn);
    expect(d.handleMmioRead(GuestPhysAddr.from(0x1100n), AccessWidth.Word)).toBe(0n);
    d.handleMmioWrite(GuestPhysAddr.from(0x1180n), AccessWidth.Dword, 7n);
    expect(a.log).toEqual(["r GPA:0x10ff Byte"]);
    expect(b.log).toEqual(["r GPA:0x1100 Word", "w GPA:0x1180 Dword 7"]);
    expect(d.findMmioDev(GuestPhysAddr.from(0x1200n))).toBeUndefined();
    expect(d.mmioDevices()).toEqual([a, b]);
  });

  it("refuses overlapping devices, naming both", () => {
    const d = new AxVmDevices();
    d.addMmioDev(ram("low", 0x1000n, 0x100));
    let e: unknown;
    try {
      d.addMmioDev(ram("mid", 0x10f0n, 0x20));
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(AxError);
    expect((e as AxError).code).toBe("AlreadyExists");
    expect((e as AxError).message).toBe('MMIO device "mid" [0x10f0, 0x1110) overlaps "low" [0x1000, 0x1100)');
    expect(() => d.addMmioDev(ram("empty", 0x5000n, 0))).toThrow(/empty address range/);
    // The QEMU virt board devices do not overlap.
    d.addMmioDev(new Ns16550a());
    d.addMmioDev(new QemuGedPowerRegs());
    expect(() => d.addMmioDev(new Ns16550a({ base: 0x1fe001e4n }))).toThrow(/overlaps "ns16550a"/);
  });

  it("MMIO to no device is NotFound", () => {
    const d = new AxVmDevices();
    expect(() => d.handleMmioRead(GuestPhysAddr.from(0x42n), AccessWidth.Byte)).toThrow(
      "no emulated MMIO device at GPA:0x42 (read, Byte)",
    );
  });

  it("system-register and port ranges are inclusive", () => {
    const d = new AxVmDevices();
    const sys: BaseSysRegDeviceOps = {
      emuType: () => EmulatedDeviceType.Dummy,
      addressRange: () => SysRegAddrRange.new(SysRegAddr.new(0x20n), SysRegAddr.new(0x2fn)),
      handleRead: (a) => a.addr(),
      handleWrite: () => {},
    };
    const port: BasePortDeviceOps = {
      emuType: () => EmulatedDeviceType.Dummy,
      addressRange: () => PortRange.new(Port.new(0x3f8), Port.new(0x3ff)),
      handleRead: (p) => BigInt(p.number()),
      handleWrite: () => {},
    };
    d.addSysRegDev(sys);
    d.addPortDev(port);
    expect(d.handleSysRegRead(SysRegAddr.new(0x2fn), AccessWidth.Qword)).toBe(0x2fn);
    expect(() => d.handleSysRegRead(SysRegAddr.new(0x30n), AccessWidth.Qword)).toThrow(/system-register/);
    expect(d.handlePortRead(Port.new(0x3ff), AccessWidth.Byte)).toBe(0x3ffn);
    expect(() => d.addSysRegDev(sys)).toThrow(AxError);
    expect(() => d.addPortDev(port)).toThrow(AxError);
    expect(d.sysRegDevices()).toHaveLength(1);
    expect(d.portDevices()).toHaveLength(1);
    expect(d.findSysRegDev(SysRegAddr.new(0x20n))).toBe(sys);
    expect(d.findPortDev(Port.new(0x3f8))).toBe(port);
    d.handleSysRegWrite(SysRegAddr.new(0x21n), AccessWidth.Qword, 1n);
    d.handlePortWrite(Port.new(0x3f9), AccessWidth.Byte, 1n);
  });

  it("takeExit polls only the device that handled the last access", () => {
    const d = new AxVmDevices();
    const ged = new QemuGedPowerRegs();
    d.addMmioDev(ged);
    d.addMmioDev(ram("r", 0x1000n, 0x10));
    d.handleMmioWrite(GuestPhysAddr.from(0x100e001cn), AccessWidth.Byte, 0x34n);
    d.handleMmioRead(GuestPhysAddr.from(0x1000n), AccessWidth.Byte);
    expect(d.takeExit()).toBeUndefined();
    d.handleMmioWrite(GuestPhysAddr.from(0x100e001cn), AccessWidth.Byte, 0x34n);
    expect(d.takeExit()).toEqual({ kind: "SystemDown" });
    expect(d.takeExit()).toBeUndefined();
  });
});
