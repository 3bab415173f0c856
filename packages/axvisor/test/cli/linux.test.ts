// A Linux 6.12 kernel nobody here wrote (examples/linux, built from Debian's linux-source-6.12 into a cache
// outside git) boots to its /init under `axvisor run` and under qemu-system-loongarch64 -M virt; the
// console transcripts must be equal once printk timestamps and the build stamp are masked.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { runInteractive } from "../../../../test-utils/interactive.js";
import { type LinuxKernels, linuxKernels, maskLinuxTranscript } from "../../../../test-utils/linux-kernel.js";

const PKG = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const ROOT = resolve(PKG, "../..");
const CLI = join(PKG, "dist/cli.js");
const QEMU = "qemu-system-loongarch64";
const QEMU_ARGS = ["-M", "virt", "-m", "1G", "-nographic", "-no-reboot", "-kernel"];

const hasQemu = spawnSync(QEMU, ["--version"], { encoding: "utf8" }).status === 0;
if (!hasQemu && process.env["CI"] === "true") throw new Error(`${QEMU} is required in CI`);
if (!hasQemu) console.warn(`skipping the Linux boot tests: ${QEMU} is not installed`);
const kernels: LinuxKernels = hasQemu ? linuxKernels() : { skip: `${QEMU} is not installed` };
const ready = kernels.skip === undefined;

function axvisor(args: readonly string[]) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the package before the CLI tests`);
  return spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
}

function qemu(kernel: string) {
  return spawnSync(QEMU, [...QEMU_ARGS, kernel], { encoding: "utf8", input: "", timeout: 120_000 });
}

describe.skipIf(!ready)("Linux 6.12 (examples/linux) under axvisor and QEMU", () => {
  const k = kernels as { vmlinux: string; vmlinuxIrq: string };
  let reference = "";

  beforeAll(() => {
    const r = qemu(k.vmlinux);
    expect(r.status).toBe(0);
    reference = maskLinuxTranscript(r.stdout);
    expect(reference).toContain("hello from init");
  });

  it.each(["interp", "jit"])(
    "run --kernel vmlinux --cpu-tier %s boots to /init and powers off with QEMU's transcript",
    (tier) => {
      const r = axvisor(["run", "--kernel", k.vmlinux, "--cpu-tier", tier]);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(maskLinuxTranscript(r.stdout).split("\n")).toEqual(reference.split("\n"));
    },
  );

  it("examples/vms/linux.toml gives the same transcript", () => {
    const r = axvisor(["run", "examples/vms/linux.toml"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(maskLinuxTranscript(r.stdout).split("\n")).toEqual(reference.split("\n"));
  });

  it("--append reaches the kernel through a1: its command line gains the words, loglevel applies", () => {
    const extra = axvisor(["run", "--kernel", k.vmlinux, "--append", "axvisortest=1"]);
    expect(extra.status).toBe(0);
    expect(extra.stdout).toMatch(
      /Kernel command line: console=ttyS0,115200 earlycon swiotlb=noforce axvisortest=1\r?\n/,
    );
    expect(extra.stdout).toContain('Unknown kernel command line parameters "axvisortest=1"');
    const quiet = axvisor(["run", "--kernel", k.vmlinux, "--append", "loglevel=1"]);
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toContain("hello from init");
    expect(quiet.stdout).not.toContain("Run /init as init process");
    expect(quiet.stdout.split("\n").length).toBeLessThan(reference.split("\n").length / 2);
  });

  it("--stats reports instructions, exits by reason, interrupts and TLB refills", () => {
    const r = axvisor(["run", "--kernel", k.vmlinux, "--stats"]);
    expect(r.status).toBe(0);
    const header = r.stdout.split("\n").findIndex((l) => /^VM\s+name\s+vCPU\s+instructions/.test(l));
    expect(header).toBeGreaterThan(0);
    const cols = r.stdout.split("\n")[header] ?? "";
    expect(cols).toMatch(/IRQs\s+TLB refills\s+exits by reason/);
    const row = (r.stdout.split("\n")[header + 2] ?? "").trim().split(/\s+/);
    // VM id, name, vCPU, instructions, MIPS, time, IRQs, TLB refills, exits...
    const [, , , instructions, , , irqs, refills] = row;
    // QEMU counts about 12.35 M guest instructions from reset to power-off for this kernel
    expect(Number(instructions)).toBeGreaterThan(11_000_000);
    expect(Number(instructions)).toBeLessThan(14_000_000);
    expect(Number(irqs)).toBeGreaterThan(0);
    expect(Number(refills)).toBeGreaterThan(0);
    expect(row.join(" ")).toMatch(/MmioWrite×\d+/);
  });

  it("vmlinux-irq: the UART works by interrupt (PCH-PIC pin 2 -> EIOINTC -> HWI1) and reads typed input", async () => {
    const prompt = "init: type a line";
    const theirs = await runInteractive(QEMU, [...QEMU_ARGS, k.vmlinuxIrq], {
      prompt,
      input: "ping\n",
      cwd: ROOT,
    });
    expect(theirs.status).toBe(0);
    expect(theirs.stdout).toMatch(/ttyS0 at MMIO 0x1fe001e0 \(irq = [1-9]\d*,/);
    expect(theirs.stdout).toContain("init read: ping");
    // the kernel, and the same VM from its config (PCH-PIC as an InterruptController entry, the UART on pin 2)
    for (const args of [
      ["run", "--kernel", k.vmlinuxIrq],
      ["run", "examples/vms/linux-irq.toml"],
    ]) {
      const ours = await runInteractive(process.execPath, [CLI, ...args], {
        prompt,
        input: "ping\n",
        cwd: ROOT,
      });
      expect(ours.status, args.join(" ")).toBe(0);
      expect(maskLinuxTranscript(ours.stdout).split("\n")).toEqual(
        maskLinuxTranscript(theirs.stdout).split("\n"),
      );
    }
  });
});
