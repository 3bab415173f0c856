import { describe, expect, it } from "vitest";
import { FORMAT_OPERANDS, INSNS, InsnFlag, Op } from "../../src/index.js";

describe("instruction table", () => {
  it("has the 229 base entries of the reference table plus the 10 LVZ ones", () => {
    expect(INSNS.length).toBe(1 + 229 + 10);
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
