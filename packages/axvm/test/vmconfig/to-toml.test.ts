import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AxVMCrateConfig,
  AxVMCrateConfig as Config,
  EmulatedDeviceType,
  vmConfigTemplate,
  vmConfigToToml,
} from "../../src/index.js";
import { LOONGARCH_CONFIG, RUST_TEST_CONFIG } from "../fixtures/configs.js";

const u64 = fc.bigInt({ min: 0n, max: (1n << 63n) - 1n }); // TOML integers are i64
const text = fc.string({ unit: "binary", maxLength: 12 });
const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });

const config: fc.Arbitrary<AxVMCrateConfig> = fc.record({
  base: fc.record({
    id: u64,
    name: text,
    vmType: u64,
    cpuNum: u64,
    physCpuIds: opt(fc.array(u64, { maxLength: 3 })),
    physCpuSets: opt(fc.array(u64, { maxLength: 3 })),
  }),
  kernel: fc.record({
    entryPoint: u64,
    kernelPath: text,
    kernelLoadAddr: u64,
    biosPath: opt(text),
    biosLoadAddr: opt(u64),
    dtbPath: opt(text),
    dtbLoadAddr: opt(u64),
    ramdiskPath: opt(text),
    ramdiskLoadAddr: opt(u64),
    imageLocation: opt(text),
    cmdline: opt(text),
    diskPath: opt(text),
    memoryRegions: fc.array(
      fc.record({
        gpa: u64,
        size: u64,
        flags: u64,
        mapType: fc.constantFrom(0 as const, 1 as const, 2 as const),
      }),
      { maxLength: 3 },
    ),
  }),
  devices: fc.record({
    emuDevices: fc.array(
      fc.record({
        name: text,
        baseGpa: u64,
        length: u64,
        irqId: u64,
        emuType: fc.constantFrom(...Object.values(EmulatedDeviceType)),
        cfgList: fc.array(u64, { maxLength: 3 }),
      }),
      { maxLength: 2 },
    ),
    passthroughDevices: fc.array(
      fc.record({ name: text, baseGpa: u64, baseHpa: u64, length: u64, irqId: u64 }),
      { maxLength: 2 },
    ),
    interruptMode: fc.constantFrom("no_irq" as const, "emu" as const, "passthrough" as const),
    excludedDevices: fc.array(fc.array(text, { maxLength: 2 }), { maxLength: 2 }),
    passthroughAddresses: fc.array(fc.record({ baseGpa: u64, length: u64 }), { maxLength: 2 }),
  }),
});

describe("vmConfigToToml", () => {
  it("round-trips the fixtures", () => {
    for (const t of [RUST_TEST_CONFIG, LOONGARCH_CONFIG]) {
      const c = Config.fromToml(t);
      expect(Config.fromToml(vmConfigToToml(c))).toEqual(c);
    }
  });

  it("writes the positional schema with hex addresses", () => {
    const out = vmConfigToToml(Config.fromToml(LOONGARCH_CONFIG));
    expect(out).toContain("memory_regions = [\n    [0x0, 0x2000000, 0x7, 0],\n]");
    expect(out).toContain('emu_devices = [\n    ["uart0", 0x1fe001e0, 0x8, 2, 0x2, []],\n]');
    expect(out).toContain('interrupt_mode = "passthrough"');
  });

  it("law: fromToml(toToml(c)) equals c for any valid config", () => {
    fc.assert(
      fc.property(config, (c) => {
        expect(Config.fromToml(vmConfigToToml(c))).toEqual(c);
      }),
      { numRuns: 200 },
    );
  });
});

describe("vmConfigTemplate", () => {
  it("matches Rust get_vm_config_template and serialises to a valid config", () => {
    const c = vmConfigTemplate({
      id: 3n,
      name: "t",
      kernelPath: "k.bin",
      cpuNum: 2n,
      cmdline: "console=ttyS0",
    });
    expect(c.base.physCpuIds).toEqual([0n, 1n]);
    expect(c.base.physCpuSets).toBeUndefined();
    expect(c.kernel.entryPoint).toBe(0x20_0000n);
    expect(c.kernel.kernelLoadAddr).toBe(0x20_0000n);
    expect(c.kernel.imageLocation).toBe("fs");
    expect(c.kernel.memoryRegions).toEqual([]);
    expect(Config.fromToml(vmConfigToToml(c))).toEqual(c);
  });
});
