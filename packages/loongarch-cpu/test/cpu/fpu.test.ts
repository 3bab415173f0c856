import { describe, expect, it } from "vitest";
import { assemble, assembleOne, Cpu, Ecode, FlatMemory, Fpu, Op, StopReason } from "../../src/index.js";

const BASE = 0x10000n;

/** Runs `code` (+ a trailing break) with GPRs and FPRs preset; returns the CPU. */
function exec(
  code: string,
  gpr: Record<number, bigint> = {},
  fpr: Record<number, bigint> = {},
  fp = true,
): Cpu {
  const words = assemble(`${code}\nbreak 0`, { base: BASE });
  const mem = new FlatMemory(BASE, 0x2000);
  mem.write(BASE, new Uint8Array(words.buffer, words.byteOffset, words.byteLength));
  const cpu = new Cpu(mem, { pc: BASE });
  cpu.fpEnabled = fp;
  for (const [r, v] of Object.entries(gpr)) cpu.setReg(Number(r), v);
  for (const [r, v] of Object.entries(fpr)) cpu.fpu.setF(Number(r), v);
  cpu.run(10_000);
  return cpu;
}
const hex = (v: bigint) => v.toString(16);
const ONE = 0x3ff0000000000000n;
const TWO = 0x4000000000000000n;

// condition codes in the encoding order of fcmp.cond (bit 0 = signaling)
const CONDS: readonly [string, number][] = [
  ["caf", 0],
  ["saf", 1],
  ["clt", 2],
  ["slt", 3],
  ["ceq", 4],
  ["seq", 5],
  ["cle", 6],
  ["sle", 7],
  ["cun", 8],
  ["sun", 9],
  ["cult", 10],
  ["sult", 11],
  ["cueq", 12],
  ["sueq", 13],
  ["cule", 14],
  ["sule", 15],
  ["cne", 16],
  ["sne", 17],
  ["cor", 20],
  ["sor", 21],
  ["cune", 24],
  ["sune", 25],
];

describe("FPU instructions in the interpreter", () => {
  it("adds, multiplies, divides and fuses with FCSR rounding modes", () => {
    const cpu = exec(
      "fadd.d $fa0, $fa1, $fa2\nfmul.d $fa3, $fa2, $fa2\nfdiv.d $fa4, $fa1, $fa5\nfmadd.d $fa6, $fa2, $fa2, $fa1",
      {},
      {
        1: ONE,
        2: TWO,
        5: 0x4008000000000000n,
      },
    );
    expect([0, 3, 4, 6].map((i) => hex(cpu.fpu.getF(i)))).toEqual([
      "4008000000000000",
      "4010000000000000",
      "3fd5555555555555",
      "4014000000000000",
    ]);
    // FCSR.RM = RP through $fcsr3: 1/3 rounds up; the flags accumulate I, the cause is I
    const up = exec(
      "li.w $t0, 0x200\nmovgr2fcsr $fcsr3, $t0\nfdiv.d $fa4, $fa1, $fa5\nmovfcsr2gr $a0, $fcsr0",
      {},
      {
        1: ONE,
        5: 0x4008000000000000n,
      },
    );
    expect(hex(up.fpu.getF(4))).toBe("3fd5555555555556");
    expect(hex(up.getReg(4))).toBe("1010200");
  });

  it("boxes single results in ones, as QEMU 7.2", () => {
    const cpu = exec(
      "fadd.s $fa0, $fa1, $fa1\nfcopysign.s $fa2, $fa1, $fa3\nfrint.s $fa4, $fa1\nmovgr2fr.w $fa5, $a0",
      { 4: 5n },
      {
        1: 0x123456783f800000n,
        3: 0xabcdef0080000000n,
        5: 0x1122334455667788n,
      },
    );
    expect(hex(cpu.fpu.getF(0))).toBe("ffffffff40000000");
    expect(hex(cpu.fpu.getF(2))).toBe("abcdef00bf800000");
    expect(hex(cpu.fpu.getF(4))).toBe("3f800000");
    expect(hex(cpu.fpu.getF(5))).toBe("1122334400000005");
  });

  it("moves between register files, FCC and FCSR views", () => {
    const cpu = exec(
      "movgr2fr.d $fa0, $a0\nmovfr2gr.s $a1, $fa0\nmovfrh2gr.s $a2, $fa0\nmovgr2cf $fcc3, $a3\nmovcf2gr $a4, $fcc3\n" +
        "movgr2fcsr $fcsr0, $a5\nmovfcsr2gr $a6, $fcsr1\nmovfcsr2gr $a7, $fcsr2\nmovfcsr2gr $t0, $fcsr0",
      { 4: 0x80000000fffffffen, 7: 3n, 9: 0xffffffffn },
    );
    expect(hex(cpu.getReg(5))).toBe("fffffffffffffffe");
    expect(hex(cpu.getReg(6))).toBe("ffffffff80000000");
    expect(cpu.getReg(8)).toBe(1n);
    expect([10, 11, 12].map((r) => hex(cpu.getReg(r)))).toEqual(["1f", "1f1f0000", "1f1f031f"]);
  });

  it("loads and stores, boxing fld.s", () => {
    const cpu = exec(
      "fst.d $fa1, $a0, 8\nfld.s $fa2, $a0, 8\nfldx.d $fa3, $a0, $a1\nfstx.s $fa1, $a0, $a2",
      {
        4: BASE + 0x1000n,
        5: 8n,
        6: 16n,
      },
      { 1: 0x1122334455667788n },
    );
    expect(hex(cpu.fpu.getF(2))).toBe("ffffffff55667788");
    expect(hex(cpu.fpu.getF(3))).toBe("1122334455667788");
    expect([...cpu.readMemory(BASE + 0x1010n, 4)!]).toEqual([0x88, 0x77, 0x66, 0x55]);
    const ok = exec(
      "fst.d $fa1, $a0, 0\nfldgt.s $fa4, $a0, $a1\nfldle.d $fa5, $a0, $a2\nfstgt.s $fa1, $a0, $a1",
      {
        4: BASE + 0x1000n,
        5: 8n,
        6: BASE + 0x2000n,
      },
      { 1: 0x1122334455667788n },
    );
    expect(ok.exception?.ecode).toBe(Ecode.BRK);
    expect(hex(ok.fpu.getF(4))).toBe("ffffffff55667788");
    expect(hex(ok.fpu.getF(5))).toBe("1122334455667788");
    expect(exec("fstle.d $fa0, $a0, $a1", { 4: 3n, 5: 2n }).exception?.ecode).toBe(Ecode.BCE);
    const bad = exec("fldgt.d $fa0, $a0, $a1", { 4: 1n, 5: 2n });
    expect(bad.exception?.ecode).toBe(Ecode.BCE);
  });

  it("branches on FCC and selects", () => {
    const cpu = exec(
      "fcmp.clt.d $fcc1, $fa1, $fa2\nbcnez $fcc1, 8\nli.w $a0, 1\nfsel $fa3, $fa1, $fa2, $fcc1",
      {},
      {
        1: ONE,
        2: TWO,
      },
    );
    expect(cpu.getReg(4)).toBe(0n);
    expect(cpu.fpu.getF(3)).toBe(TWO);
    expect(cpu.fpu.fcc[1]).toBe(1);
  });

  it("implements all 22 fcmp conditions, the signaling ones raising V on quiet NaNs", () => {
    const NAN = 0x7ff8000000000000n;
    const cases: [bigint, bigint, string][] = [
      [ONE, TWO, "lt"],
      [TWO, TWO, "eq"],
      [TWO, ONE, "gt"],
      [NAN, ONE, "un"],
    ];
    for (const [name, c] of CONDS) {
      for (const [a, b, rel] of cases) {
        const cpu = exec(`fcmp.${name}.d $fcc0, $fa1, $fa2\nmovfcsr2gr $a0, $fcsr0`, {}, { 1: a, 2: b });
        const want =
          rel === "lt"
            ? (c & 0x12) !== 0
            : rel === "eq"
              ? (c & 4) !== 0
              : rel === "gt"
                ? (c & 0x10) !== 0
                : (c & 8) !== 0;
        expect([name, rel, cpu.fpu.fcc[0]]).toEqual([name, rel, want ? 1 : 0]);
        const v = (cpu.getReg(4) >> 24n) & 0x10n;
        expect([name, rel, v]).toEqual([name, rel, rel === "un" && (c & 1) === 1 ? 0x10n : 0n]);
      }
    }
  });

  it("raises FPD while the FPU is disabled and FPE for enabled exceptions", () => {
    expect(exec("fadd.d $fa0, $fa1, $fa2", {}, {}, false).exception?.ecode).toBe(Ecode.FPD);
    expect(exec("bceqz $fcc0, 8", {}, {}, false).exception?.ecode).toBe(Ecode.FPD);
    expect(exec("fld.d $fa0, $zero, 0", {}, {}, false).exception?.ecode).toBe(Ecode.FPD);
    // Enables.Z: 1/0 traps, fd unchanged, only Cause.Z set (flags untouched), as QEMU does
    const cpu = exec("li.w $t0, 8\nmovgr2fcsr $fcsr0, $t0\nfdiv.d $fa0, $fa1, $fa2", {}, { 0: 7n, 1: ONE });
    expect(cpu.exception?.ecode).toBe(Ecode.FPE);
    expect(cpu.exception?.esubcode).toBe(0);
    expect(cpu.fpu.getF(0)).toBe(7n);
    expect(hex(BigInt(cpu.fpu.fcsr0))).toBe("8000008");
    expect(cpu.pc).toBe(BASE + 8n);
  });

  it("still raises INE for words that are not instructions", () => {
    // movgr2fcsr with an FCSR number above 3 and fcmp with a reserved condition are not instructions
    for (const w of [0x0114c004, 0x0c190000, 0x0c1f0000]) {
      const cpu = exec(`.word ${w >>> 0}`);
      expect(cpu.exception?.ecode).toBe(Ecode.INE);
    }
  });

  it("exposes the unit as Fpu (documented example)", () => {
    const fpu = new Fpu();
    fpu.setF(1, ONE);
    fpu.setF(2, TWO);
    expect(fpu.exec(assembleOne("fadd.d $fa0, $fa1, $fa2"), Op.FADD_D, new Int32Array(66))).toBe(1);
    expect(hex(fpu.getF(0))).toBe("4008000000000000");
    expect(fpu.exec(0, Op.ADD_D, new Int32Array(66))).toBe(-1);
    expect(new Cpu(new FlatMemory(0n, 4096)).run(1)).toBe(StopReason.EXCEPTION);
  });
});
