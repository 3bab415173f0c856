// Tier-differential test: every linux-user guest runs on the interpreter and on the WebAssembly compiler
// tier; stdout, exit code, instruction count and the final register state must be identical, and the
// compiler tier must actually have run most instructions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LinuxUser } from "../../src/index.js";
import { type JitTier, jitTuning } from "../../src/jit/jit-tier.js";
import { guestBytes } from "../helpers/run.js";

// the guests run a few hundred thousand to a few million instructions: below the default threshold
// (tuned for the cost of compiling on real workloads), the shorter ones would stay interpreted
const saved = jitTuning.hotInstructions;
beforeAll(() => {
  jitTuning.hotInstructions = 100_000;
});
afterAll(() => {
  jitTuning.hotInstructions = saved;
});

interface Outcome {
  stdout: string;
  code: number;
  status: string;
  instructions: number;
  regs: bigint[];
  pc: bigint;
  jit?: JitTier["stats"];
}

function runTier(name: string, args: string[], tier: "interp" | "jit", stdin = ""): Outcome {
  const out: number[] = [];
  let input = new TextEncoder().encode(stdin);
  const proc = LinuxUser.load(guestBytes(name), {
    argv: [name, ...args],
    cpuTier: tier,
    io: {
      stdout: (b) => out.push(...b),
      stderr: () => {},
      stdin: (max) => {
        const chunk = input.subarray(0, max);
        input = input.subarray(chunk.length);
        return chunk;
      },
    },
  });
  const r = proc.run(2_000_000_000);
  const regs: bigint[] = [];
  for (let i = 0; i < 32; i++) regs.push(proc.cpu.getReg(i));
  const jit = (proc.cpu as unknown as { jit?: JitTier }).jit;
  return {
    stdout: new TextDecoder().decode(new Uint8Array(out)),
    code: r.exitCode,
    status: r.status,
    instructions: r.instructions,
    regs,
    pc: proc.cpu.pc,
    ...(jit ? { jit: jit.stats } : {}),
  };
}

const cases: { elf: string; args: string[]; stdin?: string; hot?: boolean }[] = [
  { elf: "regdump", args: [] },
  { elf: "sort", args: [], hot: true },
  { elf: "hash", args: [], hot: true },
  { elf: "bignum", args: [], hot: true },
  { elf: "strings", args: [], hot: true },
  { elf: "misc", args: [], hot: true },
  { elf: "args", args: ["a", "b c"], stdin: "hi\n" },
  { elf: "args", args: ["segv"] },
  ...["break", "ine", "load", "store", "rostore", "fetch", "unaligned"].map((t) => ({
    elf: "traps",
    args: [t],
  })),
];

describe("tier differential: interp vs jit", () => {
  for (const c of cases) {
    it(`${c.elf} ${c.args.join(" ")}`, () => {
      const a = runTier(c.elf, c.args, "interp", c.stdin);
      const b = runTier(c.elf, c.args, "jit", c.stdin);
      expect(b.stdout).toBe(a.stdout);
      expect(b.code).toBe(a.code);
      expect(b.status).toBe(a.status);
      expect(b.instructions).toBe(a.instructions);
      expect(b.regs).toEqual(a.regs);
      expect(b.pc).toBe(a.pc);
      expect(b.jit).toBeDefined();
      if (c.hot) {
        expect(b.jit!.compiled).toBeGreaterThan(0);
        expect(b.jit!.jitInstructions).toBeGreaterThan(a.instructions / 4);
      }
    });
  }
});

describe("memory kinds", () => {
  it("compiles over a shared memory whose SharedArrayBuffer global is hidden (a page not cross-origin isolated)", async () => {
    const { Cpu, PagedMemory, Perm, assemble } = await import("../../src/index.js");
    const hidden = globalThis.SharedArrayBuffer;
    delete (globalThis as { SharedArrayBuffer?: unknown }).SharedArrayBuffer;
    try {
      const mem = new PagedMemory();
      mem.map(0x10000n, 0x4000, Perm.READ | Perm.WRITE | Perm.EXEC);
      const code = assemble(
        "li.d $a1, 200000\nloop:\naddi.d $a0, $a0, 1\naddi.d $a1, $a1, -1\nbnez $a1, loop\nbreak 0",
      );
      mem.write(0x10000n, new Uint8Array(code.buffer));
      const cpu = new Cpu(mem, { pc: 0x10000n, cpuTier: "jit", jitHotInstructions: 1000 });
      expect(Object.prototype.toString.call(mem.enableWasm()!.buffer)).toBe("[object SharedArrayBuffer]");
      while (cpu.run(1e6) === 0);
      expect(cpu.getReg(4)).toBe(200000n);
      expect(cpu.jitStats()!.compiled).toBeGreaterThan(0);
      expect(cpu.jitStats()!.jitInstructions).toBeGreaterThan(300_000);
    } finally {
      globalThis.SharedArrayBuffer = hidden;
    }
  });
});
