import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
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
  it("calls into its second page and runs on into it from the end of the first, 400 times each", () => {
    const cpu = runTraining((mem, pc) => new Cpu(mem, { pc }), new FlatMemory(0x10000n, 0x4000));
    // `far` (1 increment) and `tail` (2 more, then on into `far`) per iteration
    expect(cpu.getReg(31)).toBe(1600n);
  });
  it("runs every table instruction without a host exception", () => {
    const paged = new PagedMemory();
    paged.map(0x10000n, 0x4000, Perm.READ | Perm.WRITE | Perm.EXEC);
    expect(runSoup((mem, pc) => new Cpu(mem, { pc }), paged)).toBeGreaterThan(2000);
  });
  it("leaves V8 nothing to deoptimise when the interpreter first runs on another memory class", () => {
    // a vCPU's guest memory is such a class; with only this package's two memories in the training, V8
    // deoptimised the interpreter there ("wrong map") and could then keep it in slower OSR code
    // V8 compiles on the main thread here, so the outcome does not depend on when a background compile
    // ends; only what happens after the warm-up counts
    const fixture = join(dirname(fileURLToPath(import.meta.url)), "fixtures/foreign-memory-run.ts");
    const flags = ["--trace-opt", "--trace-deopt", "--no-concurrent-recompilation", "--no-concurrent-osr"];
    const r = spawnSync(process.execPath, [...flags, "--import", "tsx", fixture], {
      encoding: "utf8",
      timeout: 60_000,
      env: {},
    });
    expect(r.stdout, r.stderr).toContain("done 16000004");
    const interp = r.stdout.split("\n").filter((l) => l.includes("<JSFunction interpret "));
    // the interpreter ran optimised (a renamed function or another trace format must not pass)
    expect(interp.some((l) => l.includes("completed compiling"))).toBe(true);
    const after = r.stdout
      .slice(r.stdout.indexOf("warmed up\n"))
      .split("\n")
      .filter((l) => l.includes("<JSFunction interpret ") && l.includes("deoptimizing"));
    expect(after).toEqual([]);
  }, 70_000);
});
