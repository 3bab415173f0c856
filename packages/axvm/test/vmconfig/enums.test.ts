import { describe, expect, it } from "vitest";
import {
  EmulatedDeviceType,
  emulatedDeviceTypeFromUsize,
  emulatedDeviceTypeName,
  emulatedDeviceTypeRemovable,
  VMInterruptMode,
  VMType,
  VmMemMappingType,
  vmTypeFromUsize,
} from "../../src/index.js";

describe("axvmconfig enums (Rust tests)", () => {
  it("test_vmtype_enum", () => {
    expect(vmTypeFromUsize(0n)).toBe(VMType.VMTHostVM);
    expect(vmTypeFromUsize(1)).toBe(VMType.VMTRTOS);
    expect(vmTypeFromUsize(2n)).toBe(VMType.VMTLinux);
    expect(vmTypeFromUsize(999n)).toBe(VMType.VMTRTOS);
    expect([VMType.VMTHostVM, VMType.VMTRTOS, VMType.VMTLinux]).toEqual([0, 1, 2]);
  });

  it("test_vm_mem_mapping_type", () => {
    expect([VmMemMappingType.MapAlloc, VmMemMappingType.MapIdentical, VmMemMappingType.MapReserved]).toEqual([
      0, 1, 2,
    ]);
  });

  it("test_emu_dev_type_from_usize: round trip for every type; unknown codes are undefined", () => {
    for (const t of Object.values(EmulatedDeviceType)) expect(emulatedDeviceTypeFromUsize(BigInt(t))).toBe(t);
    expect(emulatedDeviceTypeFromUsize(5)).toBeUndefined();
    expect(emulatedDeviceTypeFromUsize(0x100n)).toBeUndefined();
    expect(emulatedDeviceTypeFromUsize(-1n)).toBeUndefined();
  });

  it("test_emulated_device_type_removable", () => {
    const removable = ["InterruptController", "GPPTRedistributor", "VirtioBlk", "VirtioNet", "VirtioConsole"];
    for (const [name, t] of Object.entries(EmulatedDeviceType)) {
      expect(emulatedDeviceTypeRemovable(t)).toBe(removable.includes(name));
    }
  });

  it("test_emulated_device_type_display", () => {
    expect(emulatedDeviceTypeName(EmulatedDeviceType.Dummy)).toBe("meta device");
    expect(emulatedDeviceTypeName(EmulatedDeviceType.InterruptController)).toBe("interrupt controller");
    expect(emulatedDeviceTypeName(EmulatedDeviceType.Console)).toBe("console");
    expect(emulatedDeviceTypeName(EmulatedDeviceType.IVCChannel)).toBe("ivc channel");
    expect(emulatedDeviceTypeName(EmulatedDeviceType.GPPTRedistributor)).toBe(
      "gic partial passthrough redistributor",
    );
    expect(emulatedDeviceTypeName(EmulatedDeviceType.GPPTDistributor)).toBe(
      "gic partial passthrough distributor",
    );
    expect(emulatedDeviceTypeName(EmulatedDeviceType.GPPTITS)).toBe("gic partial passthrough its");
    expect(emulatedDeviceTypeName(EmulatedDeviceType.VirtioBlk)).toBe("virtio block");
    expect(emulatedDeviceTypeName(EmulatedDeviceType.VirtioNet)).toBe("virtio net");
    expect(emulatedDeviceTypeName(EmulatedDeviceType.VirtioConsole)).toBe("virtio console");
  });

  it("interrupt modes use the canonical TOML names", () => {
    expect(VMInterruptMode).toEqual({ NoIrq: "no_irq", Emulated: "emu", Passthrough: "passthrough" });
  });
});
