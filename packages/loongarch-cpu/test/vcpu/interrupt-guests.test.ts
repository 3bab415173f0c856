// The timer and SMP guests of examples/guests on AxVM + LoongArchVCpu with one LoongArchVirtIocsr per
// VM, run by a small round-robin scheduler with virtual time (as the axvisor VMM runs vCPUs), their
// console transcripts compared byte for byte with qemu-system-loongarch64 -M virt [-smp N].
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type LoongArchVCpu, LoongArchVirtIocsr } from "../../src/index.js";
import { toolAvailable } from "../helpers/tools.js";
import { GUEST_ELF_DIR, makeVm } from "./harness.js";

const haveQemu = toolAvailable("qemu-system-loongarch64");

interface SmpRun {
  text: string;
  power: string[];
  vcpus: LoongArchVCpu[];
  iocsr: LoongArchVirtIocsr;
}

/** Boots `elf` on `cpus` vCPUs that all start at its entry (QEMU 7.2's -smp reset state) and runs to power-off. */
export function runSmp(elf: Uint8Array, cpus: number, slice = 20_000, maxRounds = 100_000): SmpRun {
  const iocsr = new LoongArchVirtIocsr();
  const { vm, uart, power } = makeVm({ memMiB: 256, cpus, iocsr, kernel: elf });
  const vcpus = vm.vcpuList().map((v) => v.getArchVcpu() as unknown as LoongArchVCpu);
  // virtual time: the sum of the instructions run, as the axvisor VMM counts it
  let now = 0;
  const haltedAt: (number | undefined)[] = vcpus.map(() => undefined);
  const wakeAt: (number | undefined)[] = vcpus.map(() => undefined);
  const wake = (i: number): void => {
    const idle = now - haltedAt[i]!;
    if (idle > 0) vcpus[i]!.advanceIdle(idle);
    haltedAt[i] = undefined;
    wakeAt[i] = undefined;
  };
  for (let round = 0; round < maxRounds; round++) {
    let ran = false;
    for (let i = 0; i < vcpus.length; i++) {
      const v = vcpus[i]!;
      if (haltedAt[i] !== undefined) {
        if (v.hasPendingInterrupt() || (wakeAt[i] !== undefined && wakeAt[i]! <= now)) wake(i);
        else continue;
      }
      v.setSliceBudget(slice);
      const before = v.instructionsRetired();
      const exit = vm.runVcpu(i);
      now += v.instructionsRetired() - before;
      ran = true;
      if (exit.kind === "SystemDown")
        return { text: Buffer.from(uart).toString("latin1"), power, vcpus, iocsr };
      if (exit.kind === "Halt") {
        if (v.hasPendingInterrupt()) continue;
        haltedAt[i] = now;
        const delay = v.idleWakeDelay();
        wakeAt[i] = delay === undefined ? undefined : now + delay;
      } else if (exit.kind !== "Nothing") throw new Error(`vCPU ${i}: unexpected exit ${exit.kind}`);
    }
    if (ran) continue;
    const next = Math.min(...wakeAt.filter((w): w is number => w !== undefined));
    if (!Number.isFinite(next)) throw new Error("every vCPU waits for an interrupt nothing can raise");
    now = Math.max(now, next);
  }
  throw new Error(`no power-off after ${maxRounds} rounds: ${Buffer.from(uart).toString("latin1")}`);
}

function qemu(elf: string, cpus: number): string {
  const r = spawnSync(
    "qemu-system-loongarch64",
    ["-M", "virt", "-m", "1G", "-smp", String(cpus), "-nographic", "-no-reboot", "-kernel", elf],
    { timeout: 60_000, maxBuffer: 1 << 24, input: "" },
  );
  expect(r.status, r.stderr?.toString()).toBe(0);
  return r.stdout.toString("latin1");
}

const TIMER = join(GUEST_ELF_DIR, "timer.elf");
const SMP = join(GUEST_ELF_DIR, "smp.elf");

describe("the timer guest", () => {
  it("counts periodic and one-shot timer interrupts and a software interrupt, waking from idle", () => {
    const run = runSmp(readFileSync(TIMER), 1);
    expect(run.power).toEqual(["PowerOff"]);
    expect(run.text).toBe(
      [
        "periodic: ticks = 5",
        "one-shot: ticks = 1",
        "software interrupts: 1",
        "woke with IE = 0, timer pending: 1",
        "taken with IE = 0: 0",
        "after TICLR: 0",
        "stray interrupts: 0",
        "",
      ].join("\r\n"),
    );
  });

  it.runIf(haveQemu)("prints exactly what qemu-system-loongarch64 -M virt prints", () => {
    expect(runSmp(readFileSync(TIMER), 1).text).toBe(qemu(TIMER, 1));
  });
});

describe("the SMP guest", () => {
  it.each([1, 2, 4])("starts %i vCPUs through the IPI mailbox and sums across them with atomics", (n) => {
    const run = runSmp(readFileSync(SMP), n);
    expect(run.text).toBe(`cpus: ${n}\r\ntotal: 14791050804\r\nhits: ${n * 1000}\r\n`);
    // every secondary left its mailbox holding the entry it was sent to
    for (let cpu = 1; cpu < n; cpu++) expect(run.iocsr.read(cpu, 0x1020n, 8)).not.toBe(0n);
  });

  it("gives the same transcript with any time slice (no timing leaks into the output)", () => {
    const elf = readFileSync(SMP);
    expect(runSmp(elf, 4, 997).text).toBe(runSmp(elf, 4, 50_000).text);
  });

  it.runIf(haveQemu).each([1, 2, 4])(
    "prints exactly what qemu-system-loongarch64 -M virt -smp %i prints",
    (n) => {
      expect(runSmp(readFileSync(SMP), n).text).toBe(qemu(SMP, n));
    },
  );
});
