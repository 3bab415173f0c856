// examples/guests/src/fpu.c (EUEN.FPE, edge values in all rounding modes, hashes of sweeps) booted through
// AxVM on LoongArchVCpu; its console transcript must equal qemu-system-loongarch64's, run live.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { toolAvailable } from "../helpers/tools.js";
import { makeVm } from "./harness.js";

const ELF = join(dirname(fileURLToPath(import.meta.url)), "../../../../examples/guests/elf/fpu.elf");
const haveQemu = toolAvailable("qemu-system-loongarch64");

function ours(): { text: string; exit: string } {
  const h = makeVm({ kernel: readFileSync(ELF) });
  const exit = h.runUntilExit(10_000_000);
  return { text: Buffer.from(h.uart).toString("latin1"), exit: exit.kind };
}

describe("the FPU guest on AxVM + LoongArchVCpu", () => {
  it("enables the FPU, runs every sweep and powers off", { timeout: 120_000 }, () => {
    const run = ours();
    expect(run.exit).toBe("SystemDown");
    expect(run.text).toContain("fpu: EUEN.FPE enabled\r\n");
    expect(run.text).toContain("fma (1+2^-52)^2-1 tie   = 3cc0000000000000 fcsr 01010000\n");
    expect(run.text.endsWith("fpu: done\r\n")).toBe(true);
  });

  it.runIf(haveQemu)(
    "prints exactly what qemu-system-loongarch64 -M virt prints",
    { timeout: 120_000 },
    () => {
      const q = spawnSync(
        "qemu-system-loongarch64",
        ["-M", "virt", "-m", "1G", "-nographic", "-no-reboot", "-kernel", ELF],
        { timeout: 60_000, maxBuffer: 1 << 24, input: "" },
      );
      expect(q.status, q.stderr?.toString()).toBe(0);
      expect(ours().text).toBe(q.stdout.toString("latin1"));
    },
  );
});
