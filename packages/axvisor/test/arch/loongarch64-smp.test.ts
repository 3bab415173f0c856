// SMP and timer guests on the loongarch64 binding: vCPUs of a VM share one IOCSR space (IPI mailboxes),
// every vCPU starts at the ELF entry as under QEMU 7.2 -smp N, and `axvisor run --kernel x.elf --smp N`
// prints exactly what qemu-system-loongarch64 -M virt -smp N prints.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { AxVMConfig } from "@axvisor/axvm";
import { describe, expect, it } from "vitest";
import { loongarch64, qemuVirtConfig, Vmm } from "../../src/index.js";

const PKG = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const ROOT = resolve(PKG, "../..");
const CLI = join(PKG, "dist/cli.js");
const ELF_DIR = join(ROOT, "examples/guests/elf");
const QEMU = "qemu-system-loongarch64";
const hasQemu = spawnSync(QEMU, ["--version"], { encoding: "utf8" }).status === 0;
if (!hasQemu && process.env["CI"] === "true") throw new Error(`${QEMU} is required in CI`);
if (!hasQemu) console.warn(`skipping the QEMU -smp differential tests: ${QEMU} is not installed`);

function runVmm(name: string, smp: number): { text: string; reason: string | undefined } {
  let text = "";
  const vmm = new Vmm({
    arch: loongarch64,
    console: (_id, bytes) => (text += new TextDecoder().decode(bytes)),
  });
  const vm = vmm.createVm(new AxVMConfig(qemuVirtConfig({ name, smp, memBytes: 256n << 20n })), {
    kernel: new Uint8Array(readFileSync(join(ELF_DIR, `${name}.elf`))),
  });
  vmm.startVm(vm.id, { allVcpus: true });
  expect(vmm.run({ maxRounds: 1_000_000 })).toBe("done");
  return { text, reason: vm.reason() };
}

describe("SMP on the loongarch64 binding", () => {
  it.each([1, 2, 4])("the smp guest starts %i vCPUs through the IPI mailbox and sums with atomics", (n) => {
    const run = runVmm("smp", n);
    expect(run.text).toBe(`cpus: ${n}\r\ntotal: 14791050804\r\nhits: ${n * 1000}\r\n`);
    expect(run.reason).toBe("powered off");
  });

  it("the timer guest wakes from idle on its timer (the VMM skips the idle time)", () => {
    expect(runVmm("timer", 1).text).toContain("periodic: ticks = 5\r\none-shot: ticks = 1\r\n");
  });

  it("each VM has its own IOCSR space: two SMP VMs side by side do not see each other's IPIs", () => {
    const text = ["", "", ""];
    const vmm = new Vmm({ arch: loongarch64, console: (id, b) => (text[id] += new TextDecoder().decode(b)) });
    for (const id of [1, 2]) {
      const vm = vmm.createVm(
        new AxVMConfig(qemuVirtConfig({ id, name: `smp${id}`, smp: 2, memBytes: 64n << 20n })),
        {
          kernel: new Uint8Array(readFileSync(join(ELF_DIR, "smp.elf"))),
        },
      );
      vmm.startVm(vm.id, { allVcpus: true });
    }
    expect(vmm.run({ maxRounds: 1_000_000 })).toBe("done");
    expect(text.slice(1)).toEqual(Array(2).fill("cpus: 2\r\ntotal: 14791050804\r\nhits: 2000\r\n"));
  });

  it.runIf(hasQemu).each(["2", "4"])(
    "axvisor run --kernel smp.elf --smp %s prints what QEMU prints with the same -smp",
    (n) => {
      if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the package before the CLI tests`);
      const elf = join(ELF_DIR, "smp.elf");
      const qemu = spawnSync(QEMU, ["-M", "virt", "-m", "1G", "-smp", n, "-nographic", "-kernel", elf], {
        encoding: "utf8",
        input: "",
        timeout: 60_000,
      });
      expect(qemu.status).toBe(0);
      const ours = spawnSync(process.execPath, [CLI, "run", "--kernel", elf, "--smp", n], {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 120_000,
      });
      expect(ours.stderr).toBe("");
      expect(ours.stdout).toBe(qemu.stdout);
      expect(ours.status).toBe(0);
    },
  );
});
