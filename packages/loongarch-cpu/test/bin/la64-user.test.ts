// The Node bin end to end: `la64-user prog.elf [args…]` prints the guest's stdout and exits with its code.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { guestPath, runQemu, toolAvailable } from "../helpers/tools.js";

const bin = join(dirname(fileURLToPath(import.meta.url)), "../../src/bin/la64-user.ts");
const run = (args: string[], input = "") =>
  spawnSync(process.execPath, ["--import", "tsx", bin, ...args], { input, encoding: "utf8", env: {} });
const hasQemu = toolAvailable("qemu-loongarch64");

describe("la64-user bin", () => {
  it("prints usage without arguments and fails on a missing file", () => {
    const r = run([]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("usage: la64-user");
    expect(run(["/nonexistent.elf"]).status).toBe(127);
  });
  it.skipIf(!hasQemu)("behaves like qemu-loongarch64 on a C program with arguments and stdin", () => {
    const elf = guestPath("args");
    const ours = run([elf, "one", "two"], "abc\n");
    const q = runQemu(elf, ["one", "two"], "abc\n");
    expect(ours.stdout).toBe(q.stdout.toString());
    expect(ours.status).toBe(q.code);
  });
});
