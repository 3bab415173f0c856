// The compiler tier on the VM path (LoongArchVCpu over HostPhysMemory): long guests run in lockstep on both
// tiers with identical exits, instruction counts, registers and UART output; and every way compiled code can
// go stale is caught: guest stores into code (other page and own page), host writes between runs, CRMD
// (DA -> paging), tlbwr, invtlb + tlbfill.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assemble, assembleOne } from "../../src/index.js";
import { jitTuning } from "../../src/jit/jit-tier.js";
import { GUEST_ELF_DIR, type Harness, makeVm } from "../vcpu/harness.js";

// compile early so that even the short guests run mostly compiled
const saved = { ...jitTuning };
beforeAll(() => {
  jitTuning.hotThreshold = 4;
  jitTuning.hotInstructions = 2000;
  // keep tiny regions (a two-instruction function) compiled, so that invalidation has something to drop
  jitTuning.minRun = 0;
});
afterAll(() => Object.assign(jitTuning, saved));

const LONG_GUESTS = [
  "compute",
  "fpu",
  "exceptions",
  "paging",
  "csr",
  "hello",
  ...readdirSync(GUEST_ELF_DIR)
    .filter((f) => f.startsWith("bench-") && f.endsWith(".elf"))
    .map((f) => f.slice(0, -4)),
];

function state(h: Harness): { count: number; pc: bigint; regs: bigint[] } {
  const v = h.vcpu();
  return {
    count: v.instructionsRetired(),
    pc: v.cpu.pc,
    regs: Array.from({ length: 32 }, (_, i) => v.gpr(i)),
  };
}

describe("tier differential on the VM path", () => {
  it.each(LONG_GUESTS)(
    "%s: same exits, counts, registers and output in lockstep",
    (name) => {
      const kernel = readFileSync(join(GUEST_ELF_DIR, `${name}.elf`));
      const a = makeVm({ kernel, cpuTier: "interp" });
      const b = makeVm({ kernel, cpuTier: "jit" });
      expect(b.vcpu().cpu.tier).toBe("jit");
      // an odd slice so that slices end inside compiled regions
      a.vcpu().setSliceBudget(77_777);
      b.vcpu().setSliceBudget(77_777);
      let exits = 0;
      for (; exits < 100_000; exits++) {
        const ea = a.vm.runVcpu(0);
        const eb = b.vm.runVcpu(0);
        expect(eb.kind).toBe(ea.kind);
        expect(state(b)).toEqual(state(a));
        if (ea.kind === "SystemDown") break;
      }
      expect(b.text()).toBe(a.text());
      expect(b.power).toEqual(["PowerOff"]);
      const stats = b.vcpu().cpu.jitStats()!;
      if (name === "compute" || name.startsWith("bench-")) {
        expect(stats.jitInstructions).toBeGreaterThan(state(b).count / 2);
      }
    },
    120_000,
  );
});

describe("host memory kinds", () => {
  it.each([true, false])("shared memory %s: the compiled guest runs as interpreted", (shared) => {
    const kernel = readFileSync(join(GUEST_ELF_DIR, "bench-crc.elf"));
    const run = (cpuTier: "interp" | "jit") => {
      const h = makeVm({ kernel, cpuTier, sharedMemory: shared });
      expect(h.hal.shared).toBe(shared);
      let exit = h.vm.runVcpu(0);
      for (let i = 0; i < 100_000 && exit.kind !== "SystemDown"; i++) exit = h.vm.runVcpu(0);
      expect(exit.kind).toBe("SystemDown");
      return { h, s: state(h) };
    };
    const a = run("interp");
    const b = run("jit");
    expect(b.s).toEqual(a.s);
    expect(b.h.text()).toBe(a.h.text());
    // the guest's stack and data grew host memory while compiled code ran
    expect(b.h.hal.stats.bytesReserved).toBeGreaterThan(1 << 20);
    expect(b.h.vcpu().cpu.jitStats()!.jitInstructions).toBeGreaterThan(b.s.count / 2);
  });
});

/** Calls F (at `$s2`) 3000 times, adding its a0 to s0. */
const CALL_LOOP = (label: string) => `
  li.d $s1, 3000
${label}:
  jirl $ra, $s2, 0
  add.d $s0, $s0, $a0
  addi.d $s1, $s1, -1
  bnez $s1, ${label}`;

const RET = (v: number) => assemble(`addi.d $a0, $zero, ${v}\njirl $zero, $ra, 0`);

/** Runs one guest on both tiers until its `hvcl`; `between` runs at each hypercall; returns s0 per tier. */
function both(
  code: Uint32Array,
  pages: Record<number, Uint32Array>,
  between?: (h: Harness, n: number) => void,
): { interp: bigint; jit: bigint; invalidated: number; compiled: number } {
  const out = { interp: 0n, jit: 0n, invalidated: 0, compiled: 0 };
  for (const tier of ["interp", "jit"] as const) {
    const h = makeVm({ code: new Uint8Array(code.buffer), cpuTier: tier });
    for (const [pa, words] of Object.entries(pages))
      h.vm.writeGuest(BigInt(pa), new Uint8Array(words.buffer));
    for (let n = 0; ; n++) {
      const exit = h.runUntilExit();
      expect(exit.kind).toBe("Hypercall");
      if (exit.kind !== "Hypercall" || exit.nr === 0n) break;
      between?.(h, n);
    }
    out[tier] = h.vcpu().gpr(23);
    if (tier === "jit") {
      out.invalidated = h.vcpu().cpu.jitStats()!.invalidated;
      out.compiled = h.vcpu().cpu.jitStats()!.compiled;
    }
  }
  return out;
}

describe("invalidation on the VM path", () => {
  it("a guest store into a compiled page in another page (then ibar) runs the new code", () => {
    const patch = assembleOne("addi.d $a0, $zero, 2");
    const code = assemble(`
      li.d $s0, 0
      li.d $s2, 0x201000
      ${CALL_LOOP("one")}
      li.w $t0, ${patch}
      st.w $t0, $s2, 0
      ibar 0
      ${CALL_LOOP("two")}
      li.d $a0, 0
      hvcl 0`);
    const r = both(code, { 2101248: RET(1) });
    expect(r.interp).toBe(9000n);
    expect(r.jit).toBe(9000n);
    expect(r.invalidated).toBeGreaterThan(0);
  });

  it("a guest store into the page it runs from runs the new code", () => {
    const patch = assembleOne("addi.d $a0, $zero, 2");
    // F sits in the same page as the loop (0x200800); the store patches it while that page is compiled
    const code = assemble(`
      li.d $s0, 0
      li.d $s2, 0x200800
      ${CALL_LOOP("one")}
      li.w $t0, ${patch}
      st.w $t0, $s2, 0
      ibar 0
      ${CALL_LOOP("two")}
      li.d $a0, 0
      hvcl 0`);
    const words = new Uint32Array(1024);
    words.set(code);
    words.set(RET(1), 512);
    const r = both(words, {});
    expect(r.interp).toBe(9000n);
    expect(r.jit).toBe(9000n);
    expect(r.invalidated).toBeGreaterThan(0);
  });

  it("a page whose code shares it with hot data stops being recompiled", () => {
    // every iteration stores into the code page (a data word at 0x200800)
    const code = assemble(`
      li.d $s0, 0
      li.d $s2, 0x200800
      li.d $s1, 200000
    loop:
      addi.d $s0, $s0, 3
      st.d $s0, $s2, 0
      addi.d $s1, $s1, -1
      bnez $s1, loop
      li.d $a0, 0
      hvcl 0`);
    const r = both(code, {});
    expect(r.interp).toBe(600000n);
    expect(r.jit).toBe(600000n);
    expect(r.compiled).toBeGreaterThan(1);
    expect(r.compiled).toBeLessThanOrEqual(jitTuning.maxInvalidations);
    expect(r.invalidated).toBe(r.compiled);
  });

  it("host writes into guest code between runs (a device, a loader) are seen", () => {
    const code = assemble(`
      li.d $s0, 0
      li.d $s2, 0x201000
      ${CALL_LOOP("one")}
      li.d $a0, 1
      hvcl 0
      ${CALL_LOOP("two")}
      li.d $a0, 0
      hvcl 0`);
    const r = both(code, { 2101248: RET(1) }, (h) => {
      h.vm.writeGuest(0x201000n, new Uint8Array(RET(5).buffer));
    });
    expect(r.interp).toBe(18000n);
    expect(r.jit).toBe(18000n);
    expect(r.invalidated).toBeGreaterThan(0);
  });

  it("CRMD (direct address mode -> paging), tlbwr and invtlb + tlbfill remap compiled code", () => {
    // VA 0x10000: PA 0x10000 in DA mode (returns 3), then through the TLB PA 0x300000 (1), after tlbwr
    // PA 0x301000 (2), after invtlb + tlbfill PA 0x302000 (4)
    const lo = (pa: number) => pa | 0x53; // V, D, MAT=1, G
    const code = assemble(`
      li.d $s0, 0
      li.d $s2, 0x10000
      ${CALL_LOOP("da")}
      li.d $t0, 0x9000000000000011
      csrwr $t0, 0x180
      li.d $t0, 0x9000000000000000
      pcaddi $t1, 3
      or $t1, $t1, $t0
      jirl $zero, $t1, 0
      li.d $t0, 0x10000
      csrwr $t0, 0x11
      li.d $t0, ${lo(0x300000)}
      csrwr $t0, 0x12
      csrwr $zero, 0x13
      li.d $t0, 0x0c000800
      csrwr $t0, 0x10
      tlbwr
      li.d $t0, 0xb0
      csrwr $t0, 0x0
      ${CALL_LOOP("tlb1")}
      li.d $t0, ${lo(0x301000)}
      csrwr $t0, 0x12
      li.d $t0, 0x0c000800
      csrwr $t0, 0x10
      tlbwr
      ${CALL_LOOP("tlb2")}
      invtlb 0, $zero, $zero
      li.d $t0, ${lo(0x302000)}
      csrwr $t0, 0x12
      li.d $t0, 0x0c000800
      csrwr $t0, 0x10
      tlbfill
      ${CALL_LOOP("tlb3")}
      li.d $a0, 0
      hvcl 0`);
    const r = both(code, { 65536: RET(3), 3145728: RET(1), 3149824: RET(2), 3153920: RET(4) });
    expect(r.interp).toBe(30000n);
    expect(r.jit).toBe(30000n);
    // the pages were compiled (and the remapped ones compiled again)
    expect(r.compiled).toBeGreaterThan(2);
  });
});
