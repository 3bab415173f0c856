import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { FromWorker } from "../src/protocol.js";
import { parseGpa, VmRunner } from "../src/vm-runner.js";

const elf = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../guests/elf/${name}.elf`, import.meta.url)));

function harness() {
  const messages: FromWorker[] = [];
  const runner = new VmRunner((m) => messages.push(m));
  const text = (): string =>
    messages.flatMap((m) => (m.kind === "console" ? [new TextDecoder().decode(m.bytes)] : [])).join("");
  const last = <K extends FromWorker["kind"]>(kind: K) =>
    messages.filter((m): m is Extract<FromWorker, { kind: K }> => m.kind === kind).at(-1);
  const runAll = (): void => {
    for (let i = 0; i < 10_000 && runner.turn(50); i++) {}
  };
  return { messages, runner, text, last, runAll };
}

describe("VmRunner", () => {
  it("boots hello to its power-off and reports stats", () => {
    const h = harness();
    h.runner.boot({ kind: "boot", name: "hello.elf", kernel: elf("hello") });
    h.runAll();
    expect(h.text()).toContain("Hello from a LoongArch64 guest on the virt board!\r\n");
    expect(h.last("state")).toMatchObject({ state: "stopped", reason: "powered off" });
    const stats = h.last("stats")?.stats;
    expect(stats?.instructions).toBeGreaterThan(100);
    expect(stats?.exits["MmioWrite"]).toBeGreaterThan(50);
    // the LoongArch vCPU counts guest events: hello takes none
    expect(stats?.interrupts).toBe(0);
    expect(stats?.tlbRefills).toBe(0);
  });

  it("reports the TLB refills of the paging kernel and the interrupts of the timer kernel", () => {
    const paging = harness();
    paging.runner.boot({ kind: "boot", name: "paging.elf", kernel: elf("paging") });
    paging.runAll();
    expect(paging.last("state")).toMatchObject({ state: "stopped", reason: "powered off" });
    expect(paging.last("stats")?.stats.tlbRefills).toBeGreaterThan(0);
    const timer = harness();
    timer.runner.boot({ kind: "boot", name: "timer.elf", kernel: elf("timer") });
    timer.runAll();
    expect(timer.last("state")).toMatchObject({ state: "stopped", reason: "powered off" });
    expect(timer.last("stats")?.stats.interrupts).toBeGreaterThan(0);
  });

  it.each(["hello", "csr", "compute", "hypercall"])("runs %s to the same transcript as the CLI", (guest) => {
    const h = harness();
    h.runner.boot({ kind: "boot", name: `${guest}.elf`, kernel: elf(guest) });
    h.runAll();
    expect(h.last("state")).toMatchObject({ state: "stopped", reason: "powered off" });
    const cli = execFileSync(
      process.execPath,
      [
        fileURLToPath(new URL("../../../packages/axvisor/dist/cli.js", import.meta.url)),
        "run",
        "--kernel",
        fileURLToPath(new URL(`../../guests/elf/${guest}.elf`, import.meta.url)),
      ],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    expect(h.text()).toBe(cli);
  });

  it("echoes console input through the echo guest", () => {
    const h = harness();
    h.runner.boot({ kind: "boot", name: "echo.elf", kernel: elf("echo") });
    h.runner.turn(20);
    h.runner.input(new TextEncoder().encode("abc\r"));
    h.runner.turn(20);
    expect(h.text()).toContain("> ABC\r\n> ");
    h.runner.input(new TextEncoder().encode("exit\r"));
    h.runAll();
    expect(h.text()).toMatch(/EXIT\r\nbye\r\n$/);
    expect(h.last("state")?.state).toBe("stopped");
  });

  it("steps a paused guest instruction by instruction with disassembly", () => {
    const h = harness();
    h.runner.boot({ kind: "boot", name: "compute.elf", kernel: elf("compute") });
    h.runner.pause();
    expect(h.runner.runnable()).toBe(false);
    expect(h.runner.step(1)).toBe(1);
    expect(h.runner.step(5)).toBe(5);
    const trace = h.last("trace");
    expect(trace?.lines).toHaveLength(6);
    expect(trace?.lines[0]?.pc).toMatch(/^0x[0-9a-f]{16}$/);
    expect(trace?.lines.every((l) => l.text.length > 0)).toBe(true);
    expect(trace?.next?.pc).toMatch(/^0x/);
    h.runner.resume();
    expect(h.runner.runnable()).toBe(true);
  });

  it("steps exactly through a polling loop, whose UART reads exit to the VMM", () => {
    const h = harness();
    h.runner.boot({ kind: "boot", name: "echo.elf", kernel: elf("echo") });
    h.runner.turn(20);
    h.runner.pause();
    expect(h.runner.step(8)).toBe(8);
    expect(h.last("trace")?.lines).toHaveLength(8);
    expect(
      h
        .last("trace")
        ?.lines.map((l) => l.text)
        .join("\n"),
    ).toMatch(/ld\.bu/);
  });

  it("walks the nested page table of a GPA", () => {
    const h = harness();
    h.runner.boot({ kind: "boot", name: "hello.elf", kernel: elf("hello") });
    h.runAll();
    h.runner.describe();
    const view = h.last("addrspace")?.view;
    expect(view?.areas.length).toBeGreaterThan(0);
    expect(view?.devices.map((d) => d.start)).toContain("GPA:0x1fe001e0");
    h.runner.walk("0x200000");
    const walk = h.last("walk");
    expect(walk?.steps.at(-1)?.kind).toMatch(/leaf/);
    expect(walk?.result).toMatch(/^→ PA:0x/);
    h.runner.walk("0x1fe001e0");
    expect(h.last("walk")?.result).toMatch(/MMIO/);
    h.runner.walk("zz");
    expect(h.last("error")?.message).toMatch(/not a guest physical address/);
  });

  it("boots from an axvisor TOML config", () => {
    const h = harness();
    const toml = readFileSync(new URL("../../vms/hello.toml", import.meta.url), "utf8");
    h.runner.boot({ kind: "boot", name: "hello.elf", kernel: elf("hello"), toml });
    h.runAll();
    expect(h.text()).toContain("NS16550A UART");
  });

  it("parses GPAs as typed", () => {
    expect(parseGpa("0x1fe0_01e0")).toBe(0x1fe001e0n);
    expect(parseGpa("200000")).toBe(0x200000n);
    expect(parseGpa("4096d")).toBe(4096n);
    expect(parseGpa("0xg")).toBeUndefined();
  });
});
