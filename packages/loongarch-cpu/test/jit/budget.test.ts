// Budgets stay exact on the compiler tier: a guest run in many small random slices stops at the same PC,
// with the same registers and instruction count, as on the interpreter after every slice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assemble, Cpu, PagedMemory, Perm } from "../../src/index.js";
import { jitTuning } from "../../src/jit/jit-tier.js";
import { Rng } from "../helpers/fuzz.js";

const saved = { ...jitTuning };
beforeAll(() => {
  jitTuning.hotThreshold = 2;
  jitTuning.hotInstructions = 0;
});
afterAll(() => Object.assign(jitTuning, saved));

const SRC = `
  li.d $t2, 0x20000
  li.d $a1, 3000
outer:
  li.d $t0, 7
inner:
  ld.d $t5, $t2, 0
  addi.d $t5, $t5, 3
  mul.d $t6, $t5, $t0
  st.d $t6, $t2, 8
  st.d $t5, $t2, 0
  addi.d $t0, $t0, -1
  bnez $t0, inner
  bl func
  addi.d $a1, $a1, -1
  bnez $a1, outer
  break 0
func:
  xor $a2, $a2, $t6
  rotri.d $a2, $a2, 7
  jirl $zero, $ra, 0`;

function make(tier: "interp" | "jit"): Cpu {
  const mem = new PagedMemory();
  mem.map(0x10000n, 0x1000, Perm.READ | Perm.EXEC);
  mem.map(0x20000n, 0x1000, Perm.READ | Perm.WRITE);
  mem.write(0x10000n, new Uint8Array(assemble(SRC, { base: 0x10000n }).buffer));
  return new Cpu(mem, { pc: 0x10000n, cpuTier: tier });
}

describe("budgets on the compiler tier", () => {
  it("random slices stop at the same state as the interpreter", () => {
    const a = make("interp");
    const b = make("jit");
    const rng = new Rng(5);
    for (let i = 0; i < 4000 && a.exception === undefined; i++) {
      // small slices stay on the interpreter (a region needs MIN_BUDGET); larger ones end inside regions
      const k = 1 + rng.int(i % 3 === 0 ? 5 : i % 3 === 1 ? 200 : 3000);
      expect(b.run(k)).toBe(a.run(k));
      expect(b.instructionCount).toBe(a.instructionCount);
      expect(b.pc).toBe(a.pc);
      expect(b.getReg(30)).toBe(a.getReg(30));
      expect(b.getReg(6)).toBe(a.getReg(6));
    }
    for (let r = 0; r < 32; r++) expect(b.getReg(r)).toBe(a.getReg(r));
    expect(b.readMemory(0x20000n, 16)).toEqual(a.readMemory(0x20000n, 16));
    const stats = (b as unknown as { jit: { stats: { jitInstructions: number } } }).jit.stats;
    expect(stats.jitInstructions).toBeGreaterThan(a.instructionCount / 3);
  });
});

describe("fallback", () => {
  it("a memory that cannot move into wasm memory runs on the interpreter", async () => {
    const { FlatMemory } = await import("../../src/index.js");
    const mem = new FlatMemory(0n, 4096);
    mem.write(0n, new Uint8Array(assemble("loop:\naddi.d $a0, $a0, 1\nb loop").buffer));
    const cpu = new Cpu(mem, { cpuTier: "jit" });
    cpu.run(1000);
    expect(cpu.getReg(4)).toBe(500n);
    expect((cpu as unknown as { jit?: unknown }).jit).toBeUndefined();
  });
});
