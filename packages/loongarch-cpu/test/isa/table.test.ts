import { describe, expect, it } from "vitest";
import { FORMAT_OPERANDS, INSNS, InsnFlag, Op, RegUse } from "../../src/index.js";

describe("instruction table", () => {
  it("has the 229 base entries of the reference table plus the 10 LVZ and 145 FP ones", () => {
    expect(INSNS.length).toBe(1 + 229 + 10 + 145);
    expect(Object.keys(Op).length).toBe(INSNS.length);
  });

  it("keeps Op ids and INSNS indices in step", () => {
    for (const [name, id] of Object.entries(Op)) {
      expect(INSNS[id]?.name).toBe(name);
      expect(INSNS[id]?.id).toBe(id);
    }
  });

  it("has unique mnemonics and encodings that fit their masks", () => {
    const seen = new Set<string>();
    for (const d of INSNS.slice(1)) {
      expect(seen.has(d.mnemonic)).toBe(false);
      seen.add(d.mnemonic);
      expect((d.match & ~d.mask) >>> 0).toBe(0);
      expect(d.match).toBeGreaterThanOrEqual(0);
      expect(d.mask).toBeGreaterThan(0);
      expect(d.operands).toBe(FORMAT_OPERANDS[d.format]);
      expect(d.name).toBe(d.mnemonic.toUpperCase().replaceAll(".", "_"));
    }
  });

  it("spells the names the CPU helper relies on", () => {
    for (const name of [
      "ADD_W",
      "AMSWAP_DB_D",
      "CRC_W_B_W",
      "BSTRPICK_D",
      "CSRRD",
      "ERTN",
      "HVCL",
      "BCEQZ",
    ]) {
      expect(Op).toHaveProperty(name);
    }
  });

  it("marks loads, stores and branches with sizes and flags", () => {
    const ld = INSNS[Op.LD_HU]!;
    expect(ld.flags & (InsnFlag.LOAD | InsnFlag.UNSIGNED)).toBe(InsnFlag.LOAD | InsnFlag.UNSIGNED);
    expect(ld.memBytes).toBe(2);
    expect(INSNS[Op.STX_D]!.flags & InsnFlag.STORE).toBe(InsnFlag.STORE);
    expect(INSNS[Op.STX_D]!.memBytes).toBe(8);
    expect(INSNS[Op.AMADD_DB_W]!.flags & InsnFlag.ATOMIC).toBe(InsnFlag.ATOMIC);
    expect(INSNS[Op.AMADD_DB_W]!.memBytes).toBe(4);
    expect(INSNS[Op.BLTU]!.flags & InsnFlag.COND).toBe(InsnFlag.COND);
    expect(INSNS[Op.JIRL]!.flags & InsnFlag.INDIRECT).toBe(InsnFlag.INDIRECT);
    expect(INSNS[Op.CSRXCHG]!.flags & InsnFlag.PRIV).toBe(InsnFlag.PRIV);
    expect(INSNS[Op.ADD_D]!.flags).toBe(0);
    // Every memory instruction has a size and vice versa.
    for (const d of INSNS) {
      const mem = (d.flags & (InsnFlag.LOAD | InsnFlag.STORE)) !== 0;
      expect(d.memBytes > 0).toBe(mem);
    }
  });
});

describe("register data flow", () => {
  const use = (op: number): [number, number] => [INSNS[op]!.reads, INSNS[op]!.writes];
  const { RD, RJ, RK, RA } = RegUse;

  it("matches the semantics of representative instructions", () => {
    expect(use(Op.ADD_D)).toEqual([RJ | RK, RD]);
    expect(use(Op.ADDI_D)).toEqual([RJ, RD]);
    expect(use(Op.LU12I_W)).toEqual([0, RD]);
    expect(use(Op.LU32I_D)).toEqual([RD, RD]);
    expect(use(Op.LU52I_D)).toEqual([RJ, RD]);
    expect(use(Op.BSTRINS_D)).toEqual([RD | RJ, RD]);
    expect(use(Op.BSTRPICK_D)).toEqual([RJ, RD]);
    expect(use(Op.LD_W)).toEqual([RJ, RD]);
    expect(use(Op.LDX_D)).toEqual([RJ | RK, RD]);
    expect(use(Op.ST_B)).toEqual([RD | RJ, 0]);
    expect(use(Op.STX_W)).toEqual([RD | RJ | RK, 0]);
    expect(use(Op.STPTR_D)).toEqual([RD | RJ, 0]);
    expect(use(Op.STGT_D)).toEqual([RD | RJ | RK, 0]);
    expect(use(Op.LL_D)).toEqual([RJ, RD]);
    expect(use(Op.SC_W)).toEqual([RD | RJ, RD]);
    expect(use(Op.AMSWAP_DB_D)).toEqual([RJ | RK, RD]);
    expect(use(Op.BEQ)).toEqual([RJ | RD, 0]);
    expect(use(Op.BNEZ)).toEqual([RJ, 0]);
    expect(use(Op.B)).toEqual([0, 0]);
    expect(use(Op.BL)).toEqual([0, RA]);
    expect(use(Op.JIRL)).toEqual([RJ, RD]);
    expect(use(Op.CSRRD)).toEqual([0, RD]);
    expect(use(Op.CSRWR)).toEqual([RD, RD]);
    expect(use(Op.CSRXCHG)).toEqual([RD | RJ, RD]);
    expect(use(Op.IOCSRRD_W)).toEqual([RJ, RD]);
    expect(use(Op.IOCSRWR_D)).toEqual([RD | RJ, 0]);
    expect(use(Op.RDTIME_D)).toEqual([0, RD | RJ]);
    expect(use(Op.CPUCFG)).toEqual([RJ, RD]);
    expect(use(Op.ASRTLE_D)).toEqual([RJ | RK, 0]);
    expect(use(Op.PRELD)).toEqual([RJ, 0]);
    expect(use(Op.INVTLB)).toEqual([RJ | RK, 0]);
    expect(use(Op.LDPTE)).toEqual([RJ, 0]);
    expect(use(Op.SYSCALL)).toEqual([0, 0]);
    expect(use(Op.ERTN)).toEqual([0, 0]);
    // FP registers are not general registers
    expect(use(Op.FADD_D)).toEqual([0, 0]);
    expect(use(Op.FST_D)).toEqual([RJ, 0]);
    expect(use(Op.FSTX_S)).toEqual([RJ | RK, 0]);
    expect(use(Op.FLD_S)).toEqual([RJ, 0]);
    expect(use(Op.MOVFR2GR_D)).toEqual([0, RD]);
    expect(use(Op.MOVGR2FR_W)).toEqual([RJ, 0]);
    expect(use(Op.MOVGR2FCSR)).toEqual([RJ, 0]);
  });

  it("only names fields the instruction has", () => {
    for (const d of INSNS) {
      const fields = new Set<string>(d.operands);
      for (const [bit, name] of [
        [RD, "rd"],
        [RJ, "rj"],
        [RK, "rk"],
      ] as const) {
        if ((d.reads | d.writes) & bit) expect([d.mnemonic, fields.has(name)]).toEqual([d.mnemonic, true]);
      }
    }
  });
});
