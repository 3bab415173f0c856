import { describe, expect, it } from "vitest";
import { formatStatsTable, type VCpuStats } from "../../src/index.js";
import { VCpuCounters } from "../../src/vmm/stats.js";

describe("VCpuCounters", () => {
  it("counts exits by reason, most frequent first, and derives MIPS", () => {
    const c = new VCpuCounters();
    for (const k of ["MmioWrite", "Halt", "MmioWrite", "Nothing", "Nothing", "MmioWrite"]) c.countExit(k);
    c.runs = 3;
    c.wallMs = 2;
    const s = c.snapshot(1, "vm", 0, 4_000_000);
    expect(Object.entries(s.exits)).toEqual([
      ["MmioWrite", 3],
      ["Nothing", 2],
      ["Halt", 1],
    ]);
    expect(s.mips).toBe(2000);
    expect(c.snapshot(1, "vm", 0, undefined).mips).toBeUndefined();
    c.wallMs = 0;
    expect(c.snapshot(1, "vm", 0, 5).mips).toBeUndefined();
  });
});

describe("formatStatsTable", () => {
  it("aligns one row per vCPU under a header", () => {
    const rows: VCpuStats[] = [
      {
        vmId: 1,
        vmName: "hello",
        vcpuId: 0,
        instructions: 1234,
        runs: 1,
        exits: { MmioWrite: 20 },
        wallMs: 1.25,
        mips: 0.987,
        interrupts: 48,
        tlbRefills: 7,
      },
      {
        vmId: 12,
        vmName: "x",
        vcpuId: 1,
        instructions: undefined,
        runs: 0,
        exits: {},
        wallMs: 0,
        mips: undefined,
      },
    ];
    const lines = formatStatsTable(rows).split("\n");
    expect(lines[0]).toBe(
      "VM  name   vCPU  instructions  MIPS  time(ms)  IRQs  TLB refills  exits by reason",
    );
    expect(lines[2]).toBe(" 1  hello     0          1234  0.99       1.3    48            7  MmioWrite×20");
    expect(lines[3]).toBe("12  x         1             -     -       0.0     -            -  -");
    expect(lines.at(-1)).toBe("");
  });

  it("adds the jit tier's columns when some vCPU reports them", () => {
    const c = new VCpuCounters();
    const row = c.snapshot(1, "vm", 0, 10, undefined, { compiled: 3, jitInstructions: 7 });
    expect(row.jitCompiled).toBe(3);
    expect(row.jitInstructions).toBe(7);
    const other = c.snapshot(1, "vm", 1, 10);
    expect(other.jitCompiled).toBeUndefined();
    const lines = formatStatsTable([row, other]).split("\n");
    expect(lines[0]).toContain("TLB refills  JIT regions  JIT instructions  exits by reason");
    expect(lines[2]).toMatch(/ +3 +7 {2}-$/);
    expect(lines[3]).toMatch(/ +- +- {2}-$/);
  });
});
