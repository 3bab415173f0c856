import { describe, expect, it } from "vitest";
import { ConsoleOutput, describeEvent } from "../../src/cli/output.js";

function sink() {
  const chunks: string[] = [];
  const stream = {
    write: (c: string | Uint8Array) => chunks.push(typeof c === "string" ? c : new TextDecoder().decode(c)),
  };
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => chunks.join("") };
}

describe("ConsoleOutput", () => {
  it("passes one VM's bytes through unchanged, buffered until a flush", () => {
    const s = sink();
    const out = new ConsoleOutput(s.stream, new Map([[1, "a"]]), false);
    const bytes = new TextEncoder().encode("hi\r\n");
    out.guest(1, bytes);
    bytes.fill(0); // the caller may reuse its buffer
    expect(s.text()).toBe("");
    out.flush();
    expect(s.text()).toBe("hi\r\n");
    out.flush();
    expect(s.text()).toBe("hi\r\n");
  });

  it("writes a large backlog without waiting for a flush, in order", () => {
    const s = sink();
    const out = new ConsoleOutput(s.stream, new Map(), false);
    for (let i = 0; i < 70_000; i++) out.guest(1, Uint8Array.of(0x30 + (i % 10)));
    expect(s.text().length).toBe(65_536);
    out.finish();
    expect(s.text().length).toBe(70_000);
    expect(s.text().slice(0, 12)).toBe("012345678901");
  });

  it("prefixes each line with the VM name, across chunks, and ends unfinished lines", () => {
    const s = sink();
    const out = new ConsoleOutput(
      s.stream,
      new Map([
        [1, "a"],
        [2, "b"],
      ]),
      true,
    );
    const enc = (t: string) => new TextEncoder().encode(t);
    out.guest(1, enc("one\ntw"));
    out.guest(2, enc("x\n"));
    out.guest(1, enc("o\n"));
    out.guest(2, enc("partial"));
    out.finish();
    expect(s.text()).toBe("[a] one\n[a] tw[b] x\no\n[b] partial\n");
  });

  it("clears the progress line before guest output", () => {
    const s = sink();
    const out = new ConsoleOutput(s.stream, new Map(), false);
    out.guest(1, new TextEncoder().encode("a"));
    out.progress("[axvisor] 1.0 s");
    out.guest(1, new TextEncoder().encode("x"));
    out.flush();
    expect(s.text()).toBe("a\r\x1b[K[axvisor] 1.0 s\r\x1b[Kx");
  });
});

describe("describeEvent", () => {
  it("describes traces and warnings, not state changes", () => {
    const names = new Map([[1, "vm"]]);
    expect(describeEvent({ kind: "exit", vmId: 1, vcpuId: 0, exit: { kind: "Halt" } }, names)).toBe(
      "[trace] vm/0 exit Halt",
    );
    expect(
      describeEvent(
        {
          kind: "instruction",
          vmId: 1,
          vcpuId: 0,
          pc: 0x200000n,
          word: 0x1a000003,
          text: "pcalau12i $sp, 0",
        },
        names,
      ),
    ).toBe("[trace] vm/0 0000000000200000: 1a000003  pcalau12i $sp, 0");
    expect(describeEvent({ kind: "hypercall", vmId: 1, vcpuId: 0, nr: 2n, args: [], ret: 0n }, names)).toBe(
      "[trace] vm/0 hypercall 0x2 -> 0",
    );
    expect(describeEvent({ kind: "warning", vmId: 1, message: "m" }, names)).toBe(
      "axvisor: warning: VM 1 (vm): m",
    );
    expect(describeEvent({ kind: "state", vmId: 1, state: "running" }, names)).toBeUndefined();
  });
});
