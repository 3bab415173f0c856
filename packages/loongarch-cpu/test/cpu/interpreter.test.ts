import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  Access,
  assemble,
  Cpu,
  type CpuMemory,
  Ecode,
  EsubCode,
  Fault,
  FlatMemory,
  LoongArchCpuError,
  Op,
  PagedMemory,
  Perm,
  StopReason,
} from "../../src/index.js";

const src = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), "../../src/cpu/interpreter.ts"),
  "utf8",
);
const BASE = 0x10000n;
const M64 = (1n << 64n) - 1n;
const s64 = (v: bigint) => BigInt.asIntN(64, v);
const u64 = (v: bigint) => BigInt.asUintN(64, v);
const sx32 = (v: bigint) => u64(BigInt.asIntN(32, v));

/** Assembles `code` at BASE, sets registers, runs to the end (a trailing break) and returns the CPU. */
function exec(code: string, regs: Record<number, bigint> = {}, extra = 0x2000): Cpu {
  const words = assemble(`${code}\nbreak 0`, { base: BASE });
  const mem = new FlatMemory(BASE, 0x1000 + extra);
  mem.write(BASE, new Uint8Array(words.buffer, words.byteOffset, words.byteLength));
  const cpu = new Cpu(mem, { pc: BASE });
  for (const [r, v] of Object.entries(regs)) cpu.setReg(Number(r), v);
  cpu.run(100_000);
  return cpu;
}

describe("Cpu switch", () => {
  it("every literal case label matches the Op id named in its comment", () => {
    const labels = [...src.matchAll(/case (\d+): (?:\{\s*)?\/\/ ([A-Z0-9_]+)/g)];
    expect(labels.length).toBeGreaterThan(200);
    const ops = Op as Readonly<Record<string, number>>;
    for (const [, num, name] of labels) expect(ops[name!], `case ${num} // ${name}`).toBe(Number(num));
  });
});

describe("Cpu registers and pc", () => {
  it("$zero reads 0 after any write and registers round-trip 64-bit values", () => {
    const cpu = exec("addi.d $zero, $zero, 5\nori $a0, $zero, 0x7ff\nadd.d $a1, $zero, $a0");
    expect(cpu.getReg(0)).toBe(0n);
    expect(cpu.getReg(4)).toBe(0x7ffn);
    expect(cpu.getReg(5)).toBe(0x7ffn);
    cpu.setReg(7, -1n);
    expect(cpu.getReg(7)).toBe(M64);
    expect(() => cpu.getReg(32)).toThrow(LoongArchCpuError);
    expect(() => cpu.setReg(-1, 0n)).toThrow(LoongArchCpuError);
  });

  it("counts instructions and stops at the budget", () => {
    const words = assemble("loop: addi.d $a0, $a0, 1\nb loop", { base: BASE });
    const mem = new FlatMemory(BASE, 0x1000);
    mem.write(BASE, new Uint8Array(words.buffer));
    const cpu = new Cpu(mem, { pc: BASE });
    expect(cpu.run(1001)).toBe(StopReason.BUDGET);
    expect(cpu.instructionCount).toBe(1001);
    expect(cpu.getReg(4)).toBe(501n);
    expect(cpu.step()).toBe(StopReason.BUDGET);
    expect(cpu.pc).toBe(BASE);
    expect(cpu.run(0)).toBe(StopReason.BUDGET);
    expect(cpu.run(Number.NaN)).toBe(StopReason.BUDGET);
    expect(cpu.instructionCount).toBe(1002);
  });
});

// BigInt reference semantics for two-operand 64-bit instructions
const REF: Record<string, (a: bigint, b: bigint) => bigint> = {
  "add.d": (a, b) => u64(a + b),
  "sub.d": (a, b) => u64(a - b),
  "add.w": (a, b) => sx32(a + b),
  "sub.w": (a, b) => sx32(a - b),
  slt: (a, b) => (s64(a) < s64(b) ? 1n : 0n),
  sltu: (a, b) => (a < b ? 1n : 0n),
  "mul.d": (a, b) => u64(a * b),
  "mulh.d": (a, b) => u64((s64(a) * s64(b)) >> 64n),
  "mulh.du": (a, b) => u64((a * b) >> 64n),
  "mul.w": (a, b) => sx32(a * b),
  "mulh.w": (a, b) => sx32((BigInt.asIntN(32, a) * BigInt.asIntN(32, b)) >> 32n),
  "mulh.wu": (a, b) => sx32((BigInt.asUintN(32, a) * BigInt.asUintN(32, b)) >> 32n),
  "mulw.d.w": (a, b) => u64(BigInt.asIntN(32, a) * BigInt.asIntN(32, b)),
  "mulw.d.wu": (a, b) => u64(BigInt.asUintN(32, a) * BigInt.asUintN(32, b)),
  "sll.d": (a, b) => u64(a << (b & 63n)),
  "srl.d": (a, b) => a >> (b & 63n),
  "sra.d": (a, b) => u64(s64(a) >> (b & 63n)),
  "rotr.d": (a, b) => {
    const s = b & 63n;
    return u64((a >> s) | (a << ((64n - s) & 63n)));
  },
  "sll.w": (a, b) => sx32(a << (b & 31n)),
  "srl.w": (a, b) => sx32(BigInt.asUintN(32, a) >> (b & 31n)),
  "sra.w": (a, b) => sx32(BigInt.asIntN(32, a) >> (b & 31n)),
  "div.d": (a, b) => (b === 0n ? a : s64(a) === -(1n << 63n) && s64(b) === -1n ? a : u64(s64(a) / s64(b))),
  "mod.d": (a, b) => (b === 0n || s64(b) === -1n ? 0n : u64(s64(a) % s64(b))),
  "div.du": (a, b) => (b === 0n ? a : a / b),
  "mod.du": (a, b) => (b === 0n ? 0n : a % b),
  maskeqz: (a, b) => (b === 0n ? 0n : a),
  masknez: (a, b) => (b !== 0n ? 0n : a),
  orn: (a, b) => u64(a | ~b),
  andn: (a, b) => a & ~b & M64,
  nor: (a, b) => ~(a | b) & M64,
};

const edge = fc.oneof(
  fc.constantFrom(
    0n,
    1n,
    M64,
    1n << 63n,
    (1n << 63n) - 1n,
    0x80000000n,
    0xffffffffn,
    0xffffffff80000000n,
    63n,
    64n,
  ),
  fc.bigInt({ min: 0n, max: M64 }),
);

describe("Cpu arithmetic against a BigInt model", () => {
  for (const [op, ref] of Object.entries(REF)) {
    it(op, () => {
      const words = assemble(`${op} $a2, $a0, $a1\nbreak 0`, { base: BASE });
      const mem = new FlatMemory(BASE, 0x1000);
      mem.write(BASE, new Uint8Array(words.buffer));
      fc.assert(
        fc.property(edge, edge, (a, b) => {
          const cpu = new Cpu(mem, { pc: BASE });
          cpu.setReg(4, a);
          cpu.setReg(5, b);
          cpu.run(10);
          return cpu.getReg(6) === ref(a, b);
        }),
        { numRuns: 300 },
      );
    });
  }

  it("uses QEMU's results for division by zero and INT_MIN / -1", () => {
    const cpu = exec(
      "div.d $t0, $a0, $zero\nmod.d $t1, $a0, $zero\ndiv.d $t2, $a1, $a2\nmod.d $t3, $a1, $a2\ndiv.w $t4, $a3, $a2\nmod.wu $t5, $a0, $zero",
      { 4: 77n, 5: 1n << 63n, 6: M64, 7: 0xffffffff80000000n },
    );
    expect([12, 13, 14, 15, 16, 17].map((r) => cpu.getReg(r))).toEqual([
      77n,
      0n,
      1n << 63n,
      0n,
      0xffffffff80000000n,
      0n,
    ]);
  });

  it("immediates, upper immediates and pc-relative forms", () => {
    const cpu = exec(
      "lu12i.w $t0, -1\nlu32i.d $t0, 0x12345\nlu52i.d $t1, $t0, -2048\npcaddu18i $t2, 1\npcalau12i $t3, 1\naddu16i.d $t4, $zero, -1\nsltui $t5, $zero, -1\nandi $t6, $t0, 0xfff",
    );
    expect(cpu.getReg(12)).toBe(0x12345fffff000n);
    expect(cpu.getReg(13)).toBe(0x80012345fffff000n);
    expect(cpu.getReg(14)).toBe(BASE + 12n + (1n << 18n));
    expect(cpu.getReg(15)).toBe(((BASE + 16n) & ~0xfffn) + 0x1000n);
    expect(cpu.getReg(16)).toBe(u64(-0x10000n));
    expect(cpu.getReg(17)).toBe(1n);
    expect(cpu.getReg(18)).toBe(0n);
  });

  it("bit-string, byte-pick and bit-count instructions", () => {
    const v = 0x123456789abcdef0n;
    const cpu = exec(
      "bstrpick.d $t0, $a0, 47, 8\nbstrins.d $t1, $a0, 39, 32\nbytepick.d $t2, $a0, $a1, 3\nclz.d $t3, $a1\nctz.d $t4, $a0\nrevb.d $t5, $a0\nbitrev.w $t6, $a0\ncto.w $t7, $a1",
      { 4: v, 5: 0xffn, 13: M64 },
    );
    expect(cpu.getReg(12)).toBe((v >> 8n) & ((1n << 40n) - 1n));
    expect(cpu.getReg(13)).toBe((M64 & ~(0xffn << 32n)) | ((v & 0xffn) << 32n));
    expect(cpu.getReg(14)).toBe(u64((0xffn << 24n) | (v >> 40n)));
    expect(cpu.getReg(15)).toBe(56n);
    expect(cpu.getReg(16)).toBe(4n);
    expect(cpu.getReg(17)).toBe(0xf0debc9a78563412n);
    expect(cpu.getReg(19)).toBe(8n);
  });

  it("crc.w.*.w and crcc.w.*.w update a reflected CRC without inversion", () => {
    const cpu = exec("crc.w.b.w $t0, $a0, $a1\ncrcc.w.w.w $t1, $a0, $a1", { 4: 0x61n, 5: 0xffffffffn });
    // CRC-32 of "a" is 0xe8b7be43 = ~update(0xffffffff, 0x61)
    expect(BigInt.asUintN(32, ~cpu.getReg(12))).toBe(0xe8b7be43n);
    expect(cpu.getReg(13) >> 32n === 0n || cpu.getReg(13) >> 32n === 0xffffffffn).toBe(true);
  });

  it("cpucfg reports QEMU la464 words and rdtime counts instructions", () => {
    const cpu = exec("li.w $t0, 1\ncpucfg $a0, $t0\nli.w $t0, 4\ncpucfg $a1, $t0\nrdtime.d $a2, $a3");
    expect(cpu.getReg(4)).toBe(0x03f2f2fen);
    expect(cpu.getReg(5)).toBe(0x05f5e100n);
    expect(cpu.getReg(6)).toBe(5n);
    expect(cpu.getReg(7)).toBe(0n);
  });
});

describe("Cpu memory and atomics", () => {
  it("loads and stores every width with sign/zero extension, also across pages", () => {
    const d = BASE + 0x1000n;
    const cpu = exec(
      "st.d $a1, $a0, 0\nld.b $t0, $a0, 7\nld.bu $t1, $a0, 7\nld.h $t2, $a0, 6\nld.wu $t3, $a0, 4\nst.d $a1, $a3, 0x7fc\nld.d $t4, $a3, 0x7fc\nldx.w $t5, $a0, $a2\nstx.h $a1, $a0, $a2\nld.hu $t6, $a0, 16",
      { 4: d, 5: 0x8081828384858687n, 6: 16n, 7: d + 0x800n },
    );
    expect(cpu.getReg(12)).toBe(u64(-128n));
    expect(cpu.getReg(13)).toBe(0x80n);
    expect(cpu.getReg(14)).toBe(u64(-0x7f7fn));
    expect(cpu.getReg(15)).toBe(0x80818283n);
    expect(cpu.getReg(16)).toBe(0x8081828384858687n);
    expect(cpu.getReg(18)).toBe(0x8687n);
    expect(cpu.readMemory(d + 0xffcn, 8)).toEqual(
      Uint8Array.of(0x87, 0x86, 0x85, 0x84, 0x83, 0x82, 0x81, 0x80),
    );
  });

  it("ll/sc succeed as a pair and sc without ll fails", () => {
    const cpu = exec(
      "ll.d $t0, $a0, 0\naddi.d $t0, $t0, 1\nsc.d $t0, $a0, 0\nli.w $t1, 9\nsc.d $t1, $a0, 0\nld.d $t2, $a0, 0",
      {
        4: BASE + 0x1000n,
      },
    );
    expect([cpu.getReg(12), cpu.getReg(13), cpu.getReg(14)]).toEqual([1n, 0n, 1n]);
  });

  it("am* return the old value and store the combination", () => {
    const cpu = exec(
      "st.d $a1, $a0, 0\namadd_db.d $t0, $a2, $a0\nld.d $t1, $a0, 0\nammin.wu $t2, $a2, $a0\nld.w $t3, $a0, 0\namswap.w $t4, $zero, $a0",
      { 4: BASE + 0x1000n, 5: 0xffffffffn, 6: 5n },
    );
    expect(cpu.getReg(12)).toBe(0xffffffffn);
    expect(cpu.getReg(13)).toBe(0x100000004n);
    expect(cpu.getReg(14)).toBe(4n);
    expect(cpu.getReg(15)).toBe(4n);
  });
});

describe("Cpu self-modifying code", () => {
  it("executes an instruction stored just before it runs", () => {
    // the store overwrites the `nop` at `patch` with `addi.d $a0, $a0, 42`
    const cpu = exec("pcaddi $t0, 3\nst.w $a1, $t0, 0\nnop\npatch: nop", { 5: 0x02c0a884n });
    expect(cpu.getReg(4)).toBe(42n);
  });

  it("runs code the host rewrote behind the CPU's back (the decoded-page cache checks every word)", () => {
    const mem = new FlatMemory(BASE, 0x1000);
    const load = (code: string) => {
      const words = assemble(`${code}\nbreak 0`, { base: BASE });
      mem.write(BASE, new Uint8Array(words.buffer, words.byteOffset, words.byteLength));
    };
    load("addi.d $a0, $a0, 1\nslli.w $a1, $a0, 4");
    const cpu = new Cpu(mem, { pc: BASE });
    cpu.run(10);
    expect([cpu.getReg(4), cpu.getReg(5)]).toEqual([1n, 16n]);
    // same page, same slots, new words, no flush: a device or loader writing guest RAM directly
    load("addi.d $a0, $a0, 7\next.w.b $a1, $a0");
    cpu.pc = BASE;
    cpu.run(10);
    expect([cpu.getReg(4), cpu.getReg(5)]).toEqual([8n, 8n]);
  });

  it("keeps decoding correctly after more code pages than its cache holds", () => {
    // 4097 pages of `addi.d $a0, $a0, 1; b +4092` chained page to page, then break
    const pages = 4100;
    const mem = new FlatMemory(BASE, pages * 4096);
    const add = assemble("addi.d $a0, $a0, 1\nb 4092");
    for (let p = 0; p < pages - 1; p++) mem.write(BASE + BigInt(p * 4096), new Uint8Array(add.buffer));
    mem.write(BASE + BigInt((pages - 1) * 4096), new Uint8Array(assemble("break 0").buffer));
    const cpu = new Cpu(mem, { pc: BASE });
    cpu.run(1_000_000);
    expect(cpu.exception?.ecode).toBe(Ecode.BRK);
    expect(cpu.getReg(4)).toBe(BigInt(pages - 1));
  });
});

describe("Cpu exceptions", () => {
  const raised = (code: string, regs: Record<number, bigint> = {}) => {
    const cpu = exec(code, regs);
    return cpu.exception;
  };
  it("INE for an undefined word, with the PC of the instruction", () => {
    const e = raised(".word 0xffffffff");
    expect(e?.ecode).toBe(Ecode.INE);
    expect(e?.pc).toBe(BASE);
    expect(e?.insn).toBe(0xffffffff);
  });
  it("BRK, SYS, IPE for privileged instructions (FPD/FPE: see fpu.test.ts)", () => {
    expect(raised("break 5")?.ecode).toBe(Ecode.BRK);
    expect(raised("syscall 0")?.ecode).toBe(Ecode.SYS);
    expect(raised("csrrd $a0, 0")?.ecode).toBe(Ecode.IPE);
  });
  it("ALE for misaligned ll/sc/am*, BCE for failed bound checks", () => {
    expect(raised("ll.w $t0, $a0, 0", { 4: BASE + 0x1002n })?.ecode).toBe(Ecode.ALE);
    expect(raised("amadd.d $t0, $t1, $a0", { 4: BASE + 0x1004n })?.ecode).toBe(Ecode.ALE);
    expect(raised("ldgt.d $t0, $a0, $a1", { 4: 1n, 5: 2n })?.ecode).toBe(Ecode.BCE);
    expect(raised("asrtle.d $a1, $a0", { 4: 1n, 5: 2n })?.ecode).toBe(Ecode.BCE);
  });
  it("ADE (ADEF) for a misaligned jump target, page faults with BADV for unmapped data", () => {
    const e = raised("jirl $ra, $a0, 0", { 4: BASE + 2n });
    expect([e?.ecode, e?.esubcode, e?.pc]).toEqual([Ecode.ADE, EsubCode.ADEF, BASE + 2n]);
    const l = raised("ld.w $t0, $a0, 8", { 4: 0x900000n });
    expect([l?.ecode, l?.badv, l?.pc]).toEqual([Ecode.PIL, 0x900008n, BASE]);
    expect(raised("st.b $t0, $a0, 0", { 4: 0x900000n })?.ecode).toBe(Ecode.PIS);
  });
  it("preldx, preld, dbar and ibar are no-ops", () => {
    const cpu = exec("preldx 0, $a0, $a1\npreld 0, $a0, 0\ndbar 0\nibar 0\nli.w $t0, 3", { 4: 0x900000n });
    expect(cpu.exception?.ecode).toBe(Ecode.BRK);
    expect(cpu.getReg(12)).toBe(3n);
  });
  it("random 32-bit words never throw a host exception", () => {
    const mem = new FlatMemory(BASE, 0x2000);
    const dv = new DataView(mem.ram.buffer);
    const cpu = new Cpu(mem);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.array(edge, { minLength: 32, maxLength: 32 }),
        (w, regs) => {
          dv.setUint32(0, w, true);
          cpu.flushTlb();
          regs.forEach((v, i) => {
            cpu.setReg(i, i === 21 ? BASE + 0x1000n : v);
          });
          cpu.pc = BASE;
          const stop = cpu.step();
          return stop === StopReason.BUDGET || stop === StopReason.EXCEPTION;
        },
      ),
      { numRuns: 20_000 },
    );
  });
});

describe("Cpu fetch translations", () => {
  it("keeps a page's fetch translation across branches until flushTlb, then translates again", () => {
    const mem = new PagedMemory();
    const rwx = Perm.READ | Perm.WRITE | Perm.EXEC;
    mem.map(0x10000n, 0x2000, rwx);
    // page A calls into page B and back, three times
    mem.write(
      0x10000n,
      new Uint8Array(
        assemble("li.w $s0, 3\nloop:\nbl 0xffc\naddi.w $s0, $s0, -1\nbnez $s0, loop\nbreak 0").buffer,
      ),
    );
    mem.write(0x11000n, new Uint8Array(assemble("addi.d $a0, $a0, 1\njr $ra").buffer));
    const translate = mem.translate.bind(mem);
    let fetches = 0;
    mem.translate = (lo, hi, access) => {
      if (access === Access.FETCH) fetches++;
      return translate(lo, hi, access);
    };
    const cpu = new Cpu(mem, { pc: 0x10000n });
    expect(cpu.run(100)).toBe(StopReason.EXCEPTION);
    expect(cpu.getReg(4)).toBe(3n);
    // one walk per page, not one per branch between them
    expect(fetches).toBe(2);
    // page B now maps a frame that subtracts; a flushed CPU fetches it from there
    mem.unmap(0x11000n, 0x1000);
    mem.map(0x11000n, 0x1000, rwx);
    mem.write(0x11000n, new Uint8Array(assemble("addi.d $a0, $a0, -10\njr $ra").buffer));
    cpu.flushTlb();
    cpu.pc = 0x10000n;
    expect(cpu.run(100)).toBe(StopReason.EXCEPTION);
    expect(cpu.getReg(4)).toBe(BigInt.asUintN(64, 3n - 30n));
    expect(fetches).toBe(4);
  });

  it("raises ADEF on a misaligned PC, in the fetch page and after a page crossing", () => {
    const mem = new FlatMemory(0n, 0x3000);
    const page = (w: number) => new Uint8Array(new Uint32Array(1024).fill(w).buffer);
    mem.write(0x1000n, page(0x02c00484)); // addi.d $a0, $a0, 1
    mem.write(0x2000n, page(0x02c004a5)); // addi.d $a1, $a1, 1
    for (const pc of [0x1ff2n, 0x1002n]) {
      const cpu = new Cpu(mem, { pc });
      expect(cpu.run(8)).toBe(StopReason.EXCEPTION);
      expect(cpu.exception).toMatchObject({ ecode: Ecode.ADE, esubcode: EsubCode.ADEF, badv: pc, pc });
      expect(cpu.getReg(4)).toBe(0n);
      // the aligned instruction next to it still decodes
      cpu.pc = pc & ~3n;
      expect(cpu.run(1)).toBe(StopReason.BUDGET);
      expect(cpu.getReg(4)).toBe(1n);
    }
  });

  it("sees RAM a PagedMemory moved while the CPU was stopped (its stores reach the new copy)", () => {
    const mem = new PagedMemory();
    mem.map(0x10000n, 0x3000, Perm.READ | Perm.WRITE | Perm.EXEC);
    mem.write(
      0x10000n,
      new Uint8Array(assemble("lu12i.w $a1, 0x12\nlu12i.w $t0, 0x11\njirl $zero, $t0, 0").buffer),
    );
    mem.write(0x11000n, new Uint8Array(assemble("st.d $a0, $a1, 0\nbreak 0").buffer));
    const cpu = new Cpu(mem, { pc: 0x10000n });
    cpu.setReg(4, 0x1111n);
    cpu.run(10);
    expect(mem.read(0x12000n, 2)).toEqual(Uint8Array.of(0x11, 0x11));
    // a host write into fresh lazy memory (what a read() system call does) grows the backing store
    mem.map(0x100000n, 64 << 20, Perm.READ | Perm.WRITE);
    mem.write(0x100000n, new Uint8Array(8 << 20).fill(1));
    cpu.pc = 0x10000n;
    cpu.setReg(4, 0x2222n);
    cpu.run(10);
    expect(mem.read(0x12000n, 2)).toEqual(Uint8Array.of(0x22, 0x22));
  });

  it("falls through from the last word of a page into the next page, or into a fetch fault there", () => {
    const mem = new PagedMemory();
    mem.map(0x10000n, 0x1000, Perm.READ | Perm.EXEC);
    mem.write(0x10ff8n, new Uint8Array(assemble("addi.d $a0, $a0, 1\naddi.d $a0, $a0, 2").buffer));
    const cpu = new Cpu(mem, { pc: 0x10ff8n });
    expect(cpu.run(10)).toBe(StopReason.EXCEPTION);
    expect(cpu.getReg(4)).toBe(3n);
    expect(cpu.pc).toBe(0x11000n);
    expect(cpu.exception?.badv).toBe(0x11000n);
    mem.map(0x11000n, 0x1000, Perm.READ | Perm.EXEC);
    mem.write(0x11000n, new Uint8Array(assemble("addi.d $a0, $a0, 4\nbreak 0").buffer));
    cpu.flushTlb();
    cpu.pc = 0x10ff8n;
    expect(cpu.run(10)).toBe(StopReason.EXCEPTION);
    expect(cpu.exception?.ecode).toBe(Ecode.BRK);
    expect(cpu.getReg(4)).toBe(10n);
  });
});

describe("Cpu device accesses (MMIO)", () => {
  // RAM at 0x10000 (4 KiB), a device page at 0x20000
  const ram = new FlatMemory(BASE, 0x1000);
  const mem: CpuMemory = {
    get ram() {
      return ram.ram;
    },
    translate: (lo, hi, access) =>
      hi === 0 && lo === 0x20000 && access !== Access.FETCH ? Fault.MMIO : ram.translate(lo, hi, access),
  };
  it("a load stops with the access and resumes with the value sign-extended", () => {
    const words = assemble("ld.h $a1, $a0, 6\nst.w $a1, $a0, 8\nbreak 0", { base: BASE });
    ram.write(BASE, new Uint8Array(words.buffer));
    const cpu = new Cpu(mem, { pc: BASE });
    cpu.setReg(4, 0x20000n);
    expect(cpu.run(100)).toBe(StopReason.MMIO);
    expect(cpu.mmio).toEqual({ addr: 0x20006n, size: 2, isWrite: false, data: 0n, reg: 5, signExtend: true });
    cpu.completeMmio(0x8001n);
    expect(cpu.getReg(5)).toBe(u64(-0x7fffn));
    expect(cpu.run(100)).toBe(StopReason.MMIO);
    expect(cpu.mmio).toMatchObject({ addr: 0x20008n, size: 4, isWrite: true, data: 0xffff8001n });
    cpu.completeMmio();
    expect(cpu.run(100)).toBe(StopReason.EXCEPTION);
    expect(() => cpu.completeMmio()).toThrow(LoongArchCpuError);
  });
});
