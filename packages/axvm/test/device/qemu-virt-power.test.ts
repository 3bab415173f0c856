import { AccessWidth, GuestPhysAddr } from "@axvisor/axaddrspace";
import { describe, expect, it } from "vitest";
import { type PowerEvent, QemuGedPowerRegs, QemuVirtPm } from "../../src/index.js";

const B = AccessWidth.Byte;
const at = (v: bigint) => GuestPhysAddr.from(v);

describe("QEMU virt power registers", () => {
  it("GED: 0x34 to sleep control powers off, 0x42 to reset resets", () => {
    const events: PowerEvent[] = [];
    const ged = new QemuGedPowerRegs({ onEvent: (e) => events.push(e) });
    expect(ged.addressRange().toString()).toBe("GPA:0x100e001c..GPA:0x100e001f");
    expect(ged.takeExit()).toBeUndefined();
    ged.handleWrite(at(0x100e001cn), B, 0x14n); // S5 without SLP_EN: nothing
    ged.handleWrite(at(0x100e001cn), B, 0x30n); // SLP_EN with S4: nothing
    ged.handleWrite(at(0x100e001dn), B, 0x34n); // sleep status: nothing
    expect(ged.lastEvent()).toBeUndefined();
    ged.handleWrite(at(0x100e001cn), B, 0x34n);
    expect(ged.lastEvent()).toBe("PowerOff");
    expect(ged.takeExit()).toEqual({ kind: "SystemDown" });
    expect(ged.takeExit()).toBeUndefined();
    ged.handleWrite(at(0x100e001en), B, 0x42n);
    expect(ged.lastEvent()).toBe("Reset");
    expect(events).toEqual(["PowerOff", "Reset"]);
    expect(ged.handleRead(at(0x100e001cn), B)).toBe(0n);
  });

  it("virt PM: 0xff at +0x10 powers off, 0x00 resets, other offsets ignored", () => {
    const pm = new QemuVirtPm();
    expect(pm.addressRange().toString()).toBe("GPA:0x10080000..GPA:0x10080100");
    pm.handleWrite(at(0x10080000n), B, 0xffn);
    pm.handleWrite(at(0x10080010n), B, 0x12n);
    expect(pm.takeExit()).toBeUndefined();
    pm.handleWrite(at(0x10080010n), B, 0xffn);
    expect(pm.lastEvent()).toBe("PowerOff");
    expect(pm.takeExit()).toEqual({ kind: "SystemDown" });
    pm.handleWrite(at(0x10080010n), B, 0x00n);
    expect(pm.lastEvent()).toBe("Reset");
    expect(pm.takeExit()).toEqual({ kind: "SystemDown" });
  });
});
