import { AxError } from "@axvisor/axaddrspace";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AxVMConfigError,
  AxVMCrateConfig,
  EmulatedDeviceType,
  VMInterruptMode,
  VmMemMappingType,
} from "../../src/index.js";
import { RUST_TEST_CONFIG } from "../fixtures/configs.js";

const MINIMAL = `
[base]
id = 1
name = "m"
vm_type = 1
cpu_num = 1
[kernel]
entry_point = 0x200000
kernel_path = "k"
kernel_load_addr = 0x200000
memory_regions = [[0x0, 0x1000000, 0x7, 0]]
[devices]
emu_devices = []
passthrough_devices = []
`;

function errorOf(text: string): AxVMConfigError {
  try {
    AxVMCrateConfig.fromToml(text);
  } catch (e) {
    if (e instanceof AxVMConfigError) return e;
    throw e;
  }
  throw new Error("expected the config to be rejected");
}

describe("AxVMCrateConfig.fromToml (Rust axvmconfig tests)", () => {
  it("test_config_deser", () => {
    const c = AxVMCrateConfig.fromToml(RUST_TEST_CONFIG);
    expect(c.base.id).toBe(12n);
    expect(c.base.name).toBe("test_vm");
    expect(c.base.vmType).toBe(1n);
    expect(c.base.cpuNum).toBe(2n);
    expect(c.base.physCpuIds).toEqual([0x500n, 0x501n]);
    expect(c.base.physCpuSets).toEqual([3n, 4n]);

    expect(c.kernel.entryPoint).toBe(0xdeadbeefn);
    expect(c.kernel.imageLocation).toBe("memory");
    expect(c.kernel.kernelPath).toBe("amazing-os.bin");
    expect(c.kernel.kernelLoadAddr).toBe(0xdeadbeefn);
    expect(c.kernel.dtbPath).toBe("impressive-board.dtb");
    expect(c.kernel.dtbLoadAddr).toBe(0xa000_0000n);
    expect(c.kernel.biosPath).toBeUndefined();
    expect(c.kernel.memoryRegions).toEqual([
      { gpa: 0x8000_0000n, size: 0x8000_0000n, flags: 0x7n, mapType: VmMemMappingType.MapIdentical },
    ]);

    expect(c.devices.passthroughDevices).toEqual([
      { name: "dev0", baseGpa: 0n, baseHpa: 0n, length: 0x0800_0000n, irqId: 1n },
      { name: "dev1", baseGpa: 0x0900_0000n, baseHpa: 0x0900_0000n, length: 0x0a00_0000n, irqId: 2n },
    ]);
    expect(c.devices.emuDevices).toEqual([
      {
        name: "dev2",
        baseGpa: 0x0800_0000n,
        length: 0x1_0000n,
        irqId: 0n,
        emuType: EmulatedDeviceType.GPPTDistributor,
        cfgList: [],
      },
      {
        name: "dev3",
        baseGpa: 0x0808_0000n,
        length: 0x1_0000n,
        irqId: 0n,
        emuType: EmulatedDeviceType.GPPTITS,
        cfgList: [],
      },
    ]);
    expect(c.devices.interruptMode).toBe(VMInterruptMode.Passthrough);
    expect(c.devices.excludedDevices).toEqual([]);
    expect(c.devices.passthroughAddresses).toEqual([]);
  });

  it("test_interrupt_mode_deser: default and every alias", () => {
    expect(AxVMCrateConfig.fromToml(MINIMAL).devices.interruptMode).toBe("no_irq");
    const cases: [string, VMInterruptMode][] = [
      ["emulated", "emu"],
      ["emu", "emu"],
      ["passthrough", "passthrough"],
      ["pt", "passthrough"],
      ["no_irq", "no_irq"],
      ["no", "no_irq"],
      ["none", "no_irq"],
    ];
    for (const [spelling, mode] of cases) {
      expect(
        AxVMCrateConfig.fromToml(`${MINIMAL}interrupt_mode = "${spelling}"\n`).devices.interruptMode,
      ).toBe(mode);
    }
  });

  it("test_config_from_toml_error_handling: syntax error and wrong type are InvalidInput", () => {
    const syntax = errorOf('\n[base\nid = "invalid"\n');
    expect(syntax).toBeInstanceOf(AxError);
    expect(syntax.code).toBe("InvalidInput");
    expect(syntax.path).toBeUndefined();
    expect(syntax.line).toBe(2);
    expect(syntax.message).toMatch(/^TOML syntax error at line 2, column \d+: /);
    const type = errorOf('[base]\nid = "not_a_number"\nname = "test"\nvm_type = 1\ncpu_num = 1\n');
    expect(type.code).toBe("InvalidInput");
    expect(type.message).toBe('base.id: expected a non-negative integer, got string "not_a_number"');
  });

  it("keeps u64 values exact beyond 2^53", () => {
    const c = AxVMCrateConfig.fromToml(
      MINIMAL.replace("entry_point = 0x200000", "entry_point = 0x9000000000200000"),
    );
    expect(c.kernel.entryPoint).toBe(0x9000_0000_0020_0000n);
    const big = AxVMCrateConfig.fromToml(
      MINIMAL.replace("kernel_load_addr = 0x200000", "kernel_load_addr = 0x7fffffffffffffff"),
    );
    expect(big.kernel.kernelLoadAddr).toBe(0x7fff_ffff_ffff_ffffn);
  });

  it("accepts inline tables with the Rust field names, and passthrough defaults", () => {
    const text = MINIMAL.replace(
      "memory_regions = [[0x0, 0x1000000, 0x7, 0]]",
      "memory_regions = [{ gpa = 0x1000, size = 0x2000, flags = 0xf, map_type = 2 }]",
    ).replace(
      "passthrough_devices = []",
      'passthrough_devices = [["/"], { name = "uart", base_gpa = 0x1fe00000, length = 0x1000 }]\npassthrough_addresses = [[0x1000_0000], []]\nexcluded_devices = [["/pcie"]]',
    );
    const c = AxVMCrateConfig.fromToml(text);
    expect(c.kernel.memoryRegions).toEqual([{ gpa: 0x1000n, size: 0x2000n, flags: 0xfn, mapType: 2 }]);
    expect(c.devices.passthroughDevices).toEqual([
      { name: "/", baseGpa: 0n, baseHpa: 0n, length: 0n, irqId: 0n },
      { name: "uart", baseGpa: 0x1fe0_0000n, baseHpa: 0n, length: 0x1000n, irqId: 0n },
    ]);
    expect(c.devices.passthroughAddresses).toEqual([
      { baseGpa: 0x1000_0000n, length: 0n },
      { baseGpa: 0n, length: 0n },
    ]);
    expect(c.devices.excludedDevices).toEqual([["/pcie"]]);
  });

  it("fromObject validates an already-parsed document", () => {
    expect(() => AxVMCrateConfig.fromObject({})).toThrow("base: missing required key (expected a table)");
    expect(() => AxVMCrateConfig.fromObject(5)).toThrow("config: expected a table, got float 5");
  });
});

// A table of malformed configs and the exact message each gets.
const BAD: [what: string, edit: (t: string) => string, path: string | undefined, message: string][] = [
  [
    "map_type out of range",
    (t) => t.replace("[[0x0, 0x1000000, 0x7, 0]]", "[[0x0, 0x1000000, 0x7, 5]]"),
    "kernel.memory_regions[0][3]",
    "kernel.memory_regions[0][3] (map_type): expected 0 (MapAlloc), 1 (MapIdentical) or 2 (MapReserved), got integer 5",
  ],
  [
    "memory region with 3 elements",
    (t) => t.replace("[[0x0, 0x1000000, 0x7, 0]]", "[[0x0, 0x1000000, 0x7]]"),
    "kernel.memory_regions[0]",
    "kernel.memory_regions[0]: expected 4 elements [gpa, size, flags, map_type], got an array of 3 elements",
  ],
  [
    "memory_regions not an array",
    (t) => t.replace("[[0x0, 0x1000000, 0x7, 0]]", '"lots"'),
    "kernel.memory_regions",
    'kernel.memory_regions: expected an array of [gpa, size, flags, map_type] entries, got string "lots"',
  ],
  [
    "negative size",
    (t) => t.replace("[[0x0, 0x1000000, 0x7, 0]]", "[[0x0, -4096, 0x7, 0]]"),
    "kernel.memory_regions[0][1]",
    "kernel.memory_regions[0][1] (size): expected a non-negative integer, got integer -4096",
  ],
  [
    "float address",
    (t) => t.replace("entry_point = 0x200000", "entry_point = 2.5"),
    "kernel.entry_point",
    "kernel.entry_point: expected a non-negative integer, got float 2.5",
  ],
  [
    "missing [kernel] key",
    (t) => t.replace('kernel_path = "k"\n', ""),
    "kernel.kernel_path",
    "kernel.kernel_path: missing required key (expected a string)",
  ],
  [
    "missing [devices] table",
    (t) => t.replace(/\[devices\][\s\S]*$/, ""),
    "devices",
    "devices: missing required key (expected a table)",
  ],
  [
    "unknown key in [base]",
    (t) => t.replace('name = "m"', 'name = "m"\ncpus = 4'),
    "base.cpus",
    'base.cpus: unknown key "cpus" in [base] (expected one of: id, name, vm_type, cpu_num, phys_cpu_ids, phys_cpu_sets)',
  ],
  [
    "unknown top-level table",
    (t) => `${t}\n[network]\nmac = "x"\n`,
    "network",
    'network: unknown key "network" in top level (expected one of: base, kernel, devices)',
  ],
  [
    "two unknown keys",
    (t) => t.replace("emu_devices = []", "emu_devices = []\nfoo = 1\nbar = 2"),
    "devices.foo",
    '[devices]: unknown keys "foo", "bar" (expected one of: emu_devices, passthrough_devices, interrupt_mode, excluded_devices, passthrough_addresses)',
  ],
  [
    "unknown key in an inline memory region",
    (t) =>
      t.replace(
        "[[0x0, 0x1000000, 0x7, 0]]",
        "[{ gpa = 0, size = 0x1000, flags = 7, map_type = 0, cache = 1 }]",
      ),
    "kernel.memory_regions[0].cache",
    'kernel.memory_regions[0].cache: unknown key "cache" in kernel.memory_regions[0] (expected one of: gpa, size, flags, map_type)',
  ],
  [
    "bad interrupt mode",
    (t) => `${t}interrupt_mode = "msi"\n`,
    "devices.interrupt_mode",
    'devices.interrupt_mode: expected one of "no_irq", "no", "none", "emu", "emulated", "passthrough", "pt", got string "msi"',
  ],
  [
    "unknown emu_type",
    (t) => t.replace("emu_devices = []", 'emu_devices = [["x", 0x1000, 0x10, 0, 0x5, []]]'),
    "devices.emu_devices[0][4]",
    "devices.emu_devices[0][4] (emu_type): expected 0 (Dummy), 1 (InterruptController), 2 (Console), 10 (IVCChannel), 32 (GPPTRedistributor), 33 (GPPTDistributor), 34 (GPPTITS), 48 (PPPTGlobal), 225 (VirtioBlk), 226 (VirtioNet) or 227 (VirtioConsole), got integer 5",
  ],
  [
    "emu device missing cfg_list",
    (t) => t.replace("emu_devices = []", 'emu_devices = [["x", 0x1000, 0x10, 0, 0x2]]'),
    "devices.emu_devices[0]",
    "devices.emu_devices[0]: expected 6 elements [name, base_gpa, length, irq_id, emu_type, cfg_list], got an array of 5 elements",
  ],
  [
    "passthrough device with no name",
    (t) => t.replace("passthrough_devices = []", "passthrough_devices = [[]]"),
    "devices.passthrough_devices[0]",
    "devices.passthrough_devices[0]: expected 1 to 5 elements [name, base_gpa, base_hpa, length, irq_id], got an array of 0 elements",
  ],
  [
    "passthrough device name not a string",
    (t) => t.replace("passthrough_devices = []", "passthrough_devices = [[0x1000, 0x1000]]"),
    "devices.passthrough_devices[0][0]",
    "devices.passthrough_devices[0][0] (name): expected a string, got integer 4096",
  ],
  [
    "phys_cpu_ids element not an integer",
    (t) => t.replace("cpu_num = 1", 'cpu_num = 1\nphys_cpu_ids = ["0"]'),
    "base.phys_cpu_ids[0]",
    'base.phys_cpu_ids[0]: expected a non-negative integer, got string "0"',
  ],
  [
    "[base] written as a value",
    (t) => t.replace(/\[base\][^[]*/, "base = 1\n"),
    "base",
    "base: expected a table, got integer 1",
  ],
  [
    "boolean name",
    (t) => t.replace('name = "m"', "name = true"),
    "base.name",
    "base.name: expected a string, got boolean true",
  ],
  [
    "excluded_devices not nested",
    (t) => t.replace("emu_devices = []", 'emu_devices = []\nexcluded_devices = ["/pcie"]'),
    "devices.excluded_devices[0]",
    'devices.excluded_devices[0]: expected an array of strings, got string "/pcie"',
  ],
  [
    "datetime instead of id",
    (t) => t.replace("id = 1", "id = 1979-05-27"),
    "base.id",
    "base.id: expected a non-negative integer, got a datetime",
  ],
];

describe("malformed configs", () => {
  it("the minimal config is valid", () => {
    expect(() => AxVMCrateConfig.fromToml(MINIMAL)).not.toThrow();
  });
  it.each(BAD)("%s", (_what, edit, path, message) => {
    const e = errorOf(edit(MINIMAL));
    expect(e.code).toBe("InvalidInput");
    expect(e.name).toBe("AxVMConfigError");
    expect(e.path).toBe(path);
    expect(e.message).toBe(message);
  });
  it("duplicate keys are TOML syntax errors with a position", () => {
    const e = errorOf(MINIMAL.replace("id = 1", "id = 1\nid = 2"));
    expect(e.path).toBeUndefined();
    expect(e.line).toBe(4);
    expect(e.cause).toBeDefined();
  });
});

describe("fromToml robustness", () => {
  it("law: any text parses or fails with AxVMConfigError, never anything else", () => {
    const lines = MINIMAL.split("\n");
    const mutated = fc
      .tuple(fc.nat({ max: lines.length - 1 }), fc.string({ maxLength: 20 }), fc.boolean())
      .map(([i, s, replace]) => {
        const copy = [...lines];
        copy.splice(i, replace ? 1 : 0, s);
        return copy.join("\n");
      });
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), mutated), (text) => {
        try {
          AxVMCrateConfig.fromToml(text);
        } catch (e) {
          expect(e).toBeInstanceOf(AxVMConfigError);
          expect((e as AxVMConfigError).message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
