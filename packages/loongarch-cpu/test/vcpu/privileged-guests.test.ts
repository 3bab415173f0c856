// The privileged-architecture guests of examples/guests (exceptions, paging) booted through AxVM on
// LoongArchVCpu, their UART transcripts compared byte for byte with qemu-system-loongarch64 -M virt.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toolAvailable } from "../helpers/tools.js";
import { GUEST_ELF_DIR, makeVm } from "./harness.js";

const GUESTS = ["exceptions", "paging"] as const;
const haveQemu = toolAvailable("qemu-system-loongarch64");
if (!haveQemu && process.env["CI"] === "true") throw new Error("qemu-system-loongarch64 is required in CI");

function qemuTranscript(elf: string): string {
  const r = spawnSync(
    "qemu-system-loongarch64",
    ["-M", "virt", "-m", "1G", "-nographic", "-no-reboot", "-kernel", elf],
    {
      timeout: 60_000,
      maxBuffer: 1 << 24,
      input: "",
    },
  );
  expect(r.status, r.stderr?.toString()).toBe(0);
  return r.stdout.toString("latin1");
}

function ours(name: string): { text: string; exit: string; instructions: number } {
  const h = makeVm({ kernel: readFileSync(join(GUEST_ELF_DIR, `${name}.elf`)) });
  const exit = h.runUntilExit(100_000);
  return {
    text: Buffer.from(h.uart).toString("latin1"),
    exit: exit.kind,
    instructions: h.vcpu().instructionsRetired(),
  };
}

describe("privileged-architecture guests on AxVM + LoongArchVCpu", () => {
  it.each(GUESTS)("%s runs to power-off in under 2 M instructions", (name) => {
    const run = ours(name);
    expect(run.exit, run.text).toBe("SystemDown");
    expect(run.instructions).toBeLessThan(2_000_000);
  });

  it("the exception guest reports every class it provokes", () => {
    const text = ours("exceptions").text;
    for (const ecode of [
      "0x0b",
      "0x0c",
      "0x0d",
      "0x0e",
      "0x0f",
      "0x0a",
      "0x04",
      "0x01",
      "0x02",
      "0x03",
      "0x05",
      "0x07",
      "0x08",
    ]) {
      expect(text).toContain(`ECODE=${ecode}`);
    }
    expect(text).toContain("refill: loads 0x1111 0x2222");
  });

  it("the paging guest runs its PLV3 task through syscalls and page faults", () => {
    const text = ours("paging").text;
    for (const f of ["PIS", "PIL", "PME", "PIF", "PPI"]) expect(text).toContain(`  ${f}: `);
    expect(text).toContain("user exited with code 42");
  });

  it.runIf(haveQemu).each(GUESTS)("%s prints exactly what qemu-system-loongarch64 -M virt prints", (name) => {
    const elf = join(GUEST_ELF_DIR, `${name}.elf`);
    expect(ours(name).text).toBe(qemuTranscript(elf));
  });
});
