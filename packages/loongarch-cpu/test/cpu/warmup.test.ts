import { describe, expect, it } from "vitest";
import { runSoup, runTraining } from "../../src/cpu/warmup.js";
import { Cpu, Ecode, FlatMemory, PagedMemory, Perm } from "../../src/index.js";

describe("warmUp training program", () => {
  it("assembles and runs its whole loop to the final break", () => {
    const cpu = runTraining((mem, pc) => new Cpu(mem, { pc }), new FlatMemory(0x10000n, 0x4000));
    expect(cpu.exception?.ecode).toBe(Ecode.BRK);
    expect(cpu.getReg(24)).toBe(0n); // the loop counter ran down
    expect(cpu.instructionCount).toBeGreaterThan(30_000);
  });
  it("runs every table instruction without a host exception", () => {
    const paged = new PagedMemory();
    paged.map(0x10000n, 0x4000, Perm.READ | Perm.WRITE | Perm.EXEC);
    expect(runSoup((mem, pc) => new Cpu(mem, { pc }), paged)).toBeGreaterThan(2000);
  });
});
