import { AxVMConfig } from "@axvisor/axvm";
import { describe, expect, it } from "vitest";
import { qemuVirtConfig, qemuVirtConfigToml } from "../../src/index.js";

const MIB = 1n << 20n;

describe("qemuVirtConfig", () => {
  it("puts up to 256 MiB of RAM at GPA 0 and the rest at 0x9000_0000, like QEMU 7.2's virt", () => {
    const small = qemuVirtConfig({ memBytes: 64n * MIB });
    expect(small.kernel.memoryRegions.map((r) => [r.gpa, r.size, r.flags, r.mapType])).toEqual([
      [0n, 64n * MIB, 7n, 0],
    ]);
    const big = qemuVirtConfig();
    expect(big.kernel.memoryRegions.map((r) => [r.gpa, r.size])).toEqual([
      [0n, 256n * MIB],
      [0x9000_0000n, 768n * MIB],
    ]);
  });

  it("has the UART as emulated console, one pcpu id per vCPU, and the given names", () => {
    const c = qemuVirtConfig({
      id: 4,
      name: 'guest "x"',
      smp: 3,
      cmdline: "console=ttyS0",
      kernelPath: "a/b.elf",
    });
    expect(c.base.id).toBe(4n);
    expect(c.base.name).toBe('guest "x"');
    expect(c.base.physCpuIds).toEqual([0n, 1n, 2n]);
    expect(c.kernel.cmdline).toBe("console=ttyS0");
    expect(c.kernel.kernelPath).toBe("a/b.elf");
    expect(c.devices.emuDevices.map((d) => [d.name, d.baseGpa, d.length, d.emuType])).toEqual([
      ["uart0", 0x1fe0_01e0n, 8n, 2],
    ]);
    expect(new AxVMConfig(c).physCpuLs.cpuNum).toBe(3);
  });

  it("rejects sizes that are not 4 KiB multiples and vCPU counts out of range", () => {
    expect(() => qemuVirtConfigToml({ memBytes: 0n })).toThrow(RangeError);
    expect(() => qemuVirtConfigToml({ memBytes: 4097n })).toThrow(RangeError);
    expect(() => qemuVirtConfigToml({ smp: 0 })).toThrow(RangeError);
    expect(() => qemuVirtConfigToml({ smp: 65 })).toThrow(RangeError);
    expect(() => qemuVirtConfigToml({ smp: 1.5 })).toThrow(RangeError);
  });
});
