// Per-instruction semantics of the compiler tier against the interpreter on the differential fuzzer's
// random blocks (every integer format, edge values): with the hotness threshold at 1 every code page is
// compiled at its first dispatch, so each block runs in wasm up to its first instruction the compiler
// leaves to the interpreter. Output (register dumps and memory hashes), exit code, instruction count
// and final registers must equal the interpreter's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Cpu } from "../../src/cpu/interpreter.js";
import { assemble, LinuxUser, PagedMemory, Perm } from "../../src/index.js";
import { type JitTier, jitTuning } from "../../src/jit/jit-tier.js";
import { compileRegion } from "../../src/jit/region-compiler.js";
import { wasmApi } from "../../src/jit/wasm-api.js";
import { genBlock, patch, Rng, SLOTS } from "../helpers/fuzz.js";

const saved = { ...jitTuning };
beforeAll(() => {
  jitTuning.hotThreshold = 1;
  jitTuning.hotInstructions = 0;
  jitTuning.minRun = 0;
  jitTuning.entryThreshold = 1;
  jitTuning.maxRecompiles = 1000;
});
afterAll(() => Object.assign(jitTuning, saved));

function run(elf: Uint8Array, tier: "interp" | "jit") {
  const out: number[] = [];
  const proc = LinuxUser.load(elf, {
    argv: ["fuzz"],
    cpuTier: tier,
    io: { stdout: (b) => out.push(...b), stderr: () => {} },
  });
  const r = proc.run(500_000_000);
  const regs = Array.from({ length: 32 }, (_, i) => proc.cpu.getReg(i));
  const jit = (proc.cpu as unknown as { jit?: JitTier }).jit;
  return { out: new TextDecoder().decode(new Uint8Array(out)), r, regs, jit };
}

const wasm = () => wasmApi()!;

describe("compiled regions vs the interpreter on random blocks", () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`seed ${seed}: ${SLOTS} blocks`, () => {
      const rng = new Rng(seed * 7919);
      const blocks = Array.from({ length: SLOTS }, () => genBlock(rng));
      const elf = patch(blocks);
      const a = run(elf, "interp");
      const b = run(elf, "jit");
      expect(a.out.length).toBeGreaterThan(0);
      expect(b.out).toBe(a.out);
      expect(b.r).toEqual(a.r);
      expect(b.regs).toEqual(a.regs);
      expect(b.jit!.stats.compiled).toBeGreaterThan(0);
      expect(b.jit!.stats.jitInstructions).toBeGreaterThan(a.r.instructions / 4);
    });
  }
});

describe("compileRegion", () => {
  it("emits a module WebAssembly.validate accepts, for any page contents", () => {
    const rng = new Rng(42);
    for (let t = 0; t < 20; t++) {
      const words = new Int32Array(1024);
      const block = genBlock(rng).words;
      for (let i = 0; i < 1024; i++) words[i] = t % 2 === 0 ? block[i % block.length]! : rng.u32() | 0;
      const c = compileRegion(words, 0x20000000, t, [0, rng.int(1024)]);
      expect(wasm().validate(c.bytes)).toBe(true);
      expect(c.leaders[0]).toBe(1);
      expect(c.toLeader.every((d) => d >= 1)).toBe(true);
    }
  });
  it("compiles only what is reachable from the entries", () => {
    const words = new Int32Array(1024);
    words.set(new Int32Array(assemble("addi.d $a0, $a0, 1\nb 0").buffer));
    const c = compileRegion(words, 0, 0, [0]);
    expect(c.compiled).toBe(2);
    expect(wasm().validate(c.bytes)).toBe(true);
  });
});

describe("invalidation", () => {
  it("a guest store that rewrites compiled code takes effect (self-modifying code)", () => {
    // the loop adds 1 to $a0 until $a1 hits 0; halfway the code patches the addi into an addi of 100
    const src = `
      li.d $a0, 0
      li.d $a1, 2000
      la.local $t0, patch
      li.w $t1, 0x02c19084   # addi.d $a0, $a0, 100
    loop:
    patch:
      addi.d $a0, $a0, 1
      addi.d $a1, $a1, -1
      li.d $t2, 1000
      bne $a1, $t2, skip
      st.w $t1, $t0, 0
    skip:
      bnez $a1, loop
      break 0`;
    const words = assemble(src, { base: 0x10000n });
    const results = (["interp", "jit"] as const).map((tier) => {
      const mem = new PagedMemory();
      mem.map(0x10000n, 0x1000, Perm.READ | Perm.WRITE | Perm.EXEC);
      mem.write(0x10000n, new Uint8Array(words.buffer));
      const cpu = new Cpu(mem, { pc: 0x10000n, cpuTier: tier });
      cpu.run(1_000_000);
      const jit = (cpu as unknown as { jit?: JitTier }).jit;
      return { a0: cpu.getReg(4), n: cpu.instructionCount, ecode: cpu.exception?.ecode, jit: jit?.stats };
    });
    expect(results[0]!.a0).toBe(1000n + 1000n * 100n);
    expect(results[1]!.a0).toBe(results[0]!.a0);
    expect(results[1]!.n).toBe(results[0]!.n);
    expect(results[1]!.ecode).toBe(results[0]!.ecode);
    expect(results[1]!.jit!.invalidated).toBeGreaterThan(0);
    expect(results[1]!.jit!.compiled).toBeGreaterThan(1);
  });
  it("flushTlb after a remap makes compiled loads see the new page", () => {
    const src = `
      li.d $t0, 0x20000
      li.d $a1, 500
    loop:
      ld.d $a0, $t0, 0
      addi.d $a1, $a1, -1
      bnez $a1, loop
      break 0`;
    const words = assemble(src, { base: 0x10000n });
    const mem = new PagedMemory();
    mem.map(0x10000n, 0x1000, Perm.READ | Perm.EXEC);
    mem.map(0x20000n, 0x1000, Perm.READ | Perm.WRITE);
    mem.write(0x10000n, new Uint8Array(words.buffer));
    mem.write(0x20000n, Uint8Array.of(7));
    const cpu = new Cpu(mem, { pc: 0x10000n, cpuTier: "jit" });
    cpu.run(1000);
    expect(cpu.getReg(4)).toBe(7n);
    mem.unmap(0x20000n, 0x1000);
    mem.map(0x20000n, 0x1000, Perm.READ | Perm.WRITE);
    mem.write(0x20000n, Uint8Array.of(9));
    cpu.flushTlb();
    cpu.run(10);
    expect(cpu.getReg(4)).toBe(9n);
  });
});
