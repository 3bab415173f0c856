import { describe, expect, it } from "vitest";
import { runTraining } from "../../src/cpu/warmup.js";
import { Cpu, Ecode } from "../../src/index.js";

describe("warmUp training program", () => {
  it("assembles and runs its whole loop to the final break", () => {
    const cpu = runTraining((mem, pc) => new Cpu(mem, { pc }));
    expect(cpu.exception?.ecode).toBe(Ecode.BRK);
    expect(cpu.getReg(24)).toBe(0n); // the loop counter ran down
    expect(cpu.instructionCount).toBeGreaterThan(200_000);
  });
});
