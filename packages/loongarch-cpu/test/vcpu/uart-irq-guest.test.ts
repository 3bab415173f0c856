// The interrupt path of QEMU 7.2's virt board end to end, without the axvisor VMM: AxVM + LoongArchVCpu
// with the PCH-PIC (axvm) feeding the EXTIOI of the VM's LoongArchVirtIocsr, the UART wired to pin 2.
// The uartirq guest programs both controllers the way Linux 6.12 does, checks what they show while the
// UART's line moves, then echoes console input from its receive-interrupt handler. Its transcript must
// equal qemu-system-loongarch64 -M virt's, fed the same input once the guest prompts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LoongArchPchPic } from "@axvisor/axvm";
import { describe, expect, it } from "vitest";
import { runInteractive } from "../../../../test-utils/interactive.js";
import { LoongArchVirtIocsr } from "../../src/index.js";
import { toolAvailable } from "../helpers/tools.js";
import { GUEST_ELF_DIR, makeVm } from "./harness.js";

const ELF = join(GUEST_ELF_DIR, "uartirq.elf");
const INPUT = "hello\nworld\nexit\n";
// the echo prompt (the banner has "->" in it, so a bare "> " comes too early)
const PROMPT = "ends.\r\n> ";
const haveQemu = toolAvailable("qemu-system-loongarch64");

interface Run {
  text: string;
  /** Halts ended by the receive interrupt (the guest slept until input arrived). */
  wokenByInput: number;
  iocsr: LoongArchVirtIocsr;
  pic: LoongArchPchPic;
}

/** Runs the guest on one vCPU; the input is offered once the prompt is out, polled like the VMM does. */
function runOurs(input: string): Run {
  const iocsr = new LoongArchVirtIocsr();
  const pic = new LoongArchPchPic({ output: (vector, level) => iocsr.extioi.setIrq(vector, level) });
  let pending: string | undefined = input;
  const text = (): string => Buffer.from(h.uart).toString("latin1");
  const h = makeVm({
    iocsr,
    devices: [pic],
    kernel: readFileSync(ELF),
    consoleSource: () => {
      if (pending === undefined || !text().includes(PROMPT)) return undefined;
      const s = pending;
      pending = undefined;
      return s;
    },
    interruptLine: (c) => (c.irqId < 64n ? (level) => pic.setIrq(Number(c.irqId), level) : undefined),
  });
  const { vm } = h;
  const vcpu = h.vcpu();
  let wokenByInput = 0;
  for (let slice = 0; slice < 10_000; slice++) {
    vcpu.setSliceBudget(50_000);
    const exit = vm.runVcpu(0);
    if (exit.kind === "SystemDown") {
      expect(h.power).toEqual(["PowerOff"]);
      return { text: text(), wokenByInput, iocsr, pic };
    }
    if (exit.kind === "Halt") {
      if (vcpu.hasPendingInterrupt()) continue;
      // what the VMM does between slices: deliver console input
      vm.pollConsoleInput();
      if (!vcpu.hasPendingInterrupt()) throw new Error(`halted with nothing to wake it:\n${text()}`);
      wokenByInput++;
    } else if (exit.kind !== "Nothing") throw new Error(`unexpected exit ${exit.kind}`);
  }
  throw new Error(`no power-off:\n${text()}`);
}

/** QEMU's transcript, the input written after the prompt appears (bytes sent earlier could be flushed by FCR). */
async function runQemu(input: string): Promise<string> {
  const r = await runInteractive(
    "qemu-system-loongarch64",
    ["-M", "virt", "-m", "1G", "-nographic", "-kernel", ELF],
    {
      prompt: PROMPT,
      input,
    },
  );
  if (r.status !== 0) throw new Error(`qemu exited ${r.status}:\n${r.stdout}`);
  return r.stdout;
}

describe("the uartirq guest on AxVM + LoongArchVCpu (PCH-PIC → EXTIOI → HWI1)", () => {
  it("sees the controllers as QEMU 7.2 models them and echoes input from its interrupt handler", () => {
    const run = runOurs(INPUT);
    expect(run.text).toContain("THRI on: pic isr=0x00000004 eio isr=0x0000000000000004 hwi=0x02\r\n");
    expect(run.text).toContain("EIO ISR cleared: pic isr=0x00000004 eio isr=0x0000000000000000 hwi=0x00\r\n");
    expect(run.text).toContain("> HELLO\r\n> WORLD\r\n> EXIT\r\nbye: 3 lines, 0 stray vectors\r\n");
    // the guest slept in idle until the input raised the receive interrupt
    expect(run.wokenByInput).toBeGreaterThan(0);
    // Linux's set-up: every vector to core 0, IP1; the UART pin unmasked and delivered as vector 2
    expect(run.iocsr.extioi.state().ipmap).toEqual([0x0202_0202, 0x0202_0202]);
    expect(run.pic.state().htmsiVector[2]).toBe(2);
    expect(run.pic.state().intMask & 4n).toBe(0n);
  });

  it.skipIf(!haveQemu && process.env["CI"] !== "true")(
    "prints exactly what qemu-system-loongarch64 -M virt prints for the same input",
    async () => {
      const qemu = await runQemu(INPUT);
      expect(runOurs(INPUT).text).toBe(qemu);
    },
    90_000,
  );
});
