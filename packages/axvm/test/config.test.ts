import { describe, expect, it } from "vitest";
import { AxVMConfig, AxVMConfigError, AxVMCrateConfig, PhysCpuList, VMType } from "../src/index.js";
import { LOONGARCH_CONFIG, RUST_TEST_CONFIG } from "./fixtures/configs.js";

describe("AxVMConfig", () => {
  it("converts the Rust test config (From<AxVMCrateConfig>)", () => {
    const c = new AxVMConfig(AxVMCrateConfig.fromToml(RUST_TEST_CONFIG));
    expect(c.id).toBe(12);
    expect(c.name).toBe("test_vm");
    expect(c.vmType).toBe(VMType.VMTRTOS);
    expect(c.cpuConfig.bspEntry.toString()).toBe("GPA:0xdeadbeef");
    expect(c.cpuConfig.apEntry.toString()).toBe("GPA:0xdeadbeef");
    expect(c.imageConfig.kernelLoadGpa.value).toBe(0xdeadbeefn);
    expect(c.imageConfig.dtbLoadGpa?.value).toBe(0xa000_0000n);
    expect(c.imageConfig.biosLoadGpa).toBeUndefined();
    expect(c.physCpuLs.getVcpuAffinitiesPcpuIds()).toEqual([
      [0, 3n, 0x500],
      [1, 4n, 0x501],
    ]);
    expect(c.interruptMode).toBe("passthrough");
    expect(c.passThroughDevices()).toHaveLength(2);
    expect(c.warnings).toEqual([]);
  });

  it("defaults placements and warns like Rust logs", () => {
    expect(new PhysCpuList(3).getVcpuAffinitiesPcpuIds()).toEqual([
      [0, undefined, 0],
      [1, undefined, 1],
      [2, undefined, 2],
    ]);
    const odd = new PhysCpuList(2, [7], [1n, 2n, 3n]);
    expect(odd.getVcpuAffinitiesPcpuIds()).toEqual([
      [0, 1n, 7],
      [1, 2n, 1],
    ]);
    expect(odd.warnings()).toEqual([
      "base.phys_cpu_ids has 1 entries but cpu_num is 2",
      "base.phys_cpu_sets has 3 entries but cpu_num is 2",
    ]);
    const unknownType = AxVMConfig.fromToml(LOONGARCH_CONFIG.replace("vm_type = 1", "vm_type = 7"));
    expect(unknownType.vmType).toBe(VMType.VMTRTOS);
    expect(unknownType.warnings).toEqual(["base.vm_type 7 is unknown; using 1 (VMTRTOS)"]);
  });

  it("rejects ids and counts beyond safe integers", () => {
    expect(() => AxVMConfig.fromToml(LOONGARCH_CONFIG.replace("id = 1", "id = 0x7fffffffffffffff"))).toThrow(
      AxVMConfigError,
    );
    expect(() => AxVMConfig.fromToml(LOONGARCH_CONFIG.replace("cpu_num = 1", "cpu_num = 100000"))).toThrow(
      "base.cpu_num: expected at most 4096, got integer 100000",
    );
  });

  it("edits passthrough devices and SPIs (remove removes, unlike Rust's retain bug)", () => {
    const c = AxVMConfig.fromToml(RUST_TEST_CONFIG);
    const [dev0, dev1] = c.passThroughDevices();
    if (dev0 === undefined || dev1 === undefined) throw new Error("fixture");
    c.removePassThroughDevice(dev0);
    expect(c.passThroughDevices()).toEqual([dev1]);
    c.addPassThroughDevice(dev0);
    expect(c.passThroughDevices()).toEqual([dev1, dev0]);
    c.clearPassThroughDevices();
    expect(c.passThroughDevices()).toEqual([]);
    c.addPassThroughSpi(33);
    expect(c.passThroughSpis()).toEqual([33]);
  });
});
