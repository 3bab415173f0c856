import { PhysAddr, VirtAddr } from "@axvisor/memory-addr";
import { describe, expect, it } from "vitest";
import { GuestPhysAddr, GuestVirtAddr, HostPhysAddr, HostVirtAddr } from "../src/index.js";

describe("address types", () => {
  it("format with the Rust prefixes", () => {
    expect(GuestPhysAddr.from(0x8000_1234n).toString()).toBe("GPA:0x80001234");
    expect(GuestVirtAddr.from(0xabcn).toUpperHex()).toBe("GVA:0xABC");
    expect(HostPhysAddr.from(0x1000).toString()).toBe("PA:0x1000");
    expect(HostVirtAddr.from(0x1000).toString()).toBe("VA:0x1000");
  });
  it("host types are memory-addr's PhysAddr / VirtAddr; guest types are distinct", () => {
    expect(HostPhysAddr).toBe(PhysAddr);
    expect(HostVirtAddr).toBe(VirtAddr);
    expect(GuestPhysAddr.isInstance(GuestPhysAddr.from(1))).toBe(true);
    expect(GuestPhysAddr.isInstance(HostPhysAddr.from(1))).toBe(false);
    expect(GuestPhysAddr.from(0x1fff).alignDown4K().value).toBe(0x1000n);
  });
});
