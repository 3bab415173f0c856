// `la64-user --cpu-tier interp|jit`: both tiers print the same output and exit code; a bad tier is a usage error.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { guestPath } from "../helpers/tools.js";

const bin = join(dirname(fileURLToPath(import.meta.url)), "../../src/bin/la64-user.ts");
const run = (args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", bin, ...args], { encoding: "utf8", env: {} });

describe("la64-user --cpu-tier", () => {
  it("runs a C program the same on both tiers", () => {
    const elf = guestPath("sort");
    const a = run(["--cpu-tier", "interp", elf]);
    const b = run(["--cpu-tier=jit", elf]);
    expect(a.stdout.length).toBeGreaterThan(0);
    expect(b.stdout).toBe(a.stdout);
    expect(b.status).toBe(a.status);
  });
  it("rejects an unknown tier", () => {
    const r = run(["--cpu-tier", "fast", guestPath("sort")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--cpu-tier must be interp or jit");
  });
});
