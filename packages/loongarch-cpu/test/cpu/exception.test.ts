import { describe, expect, it } from "vitest";
import { Ecode, EsubCode, ecodeName } from "../../src/index.js";

describe("exception codes", () => {
  it("match the manual's numbering and names", () => {
    expect([Ecode.PIL, Ecode.ADE, Ecode.ALE, Ecode.BCE, Ecode.SYS, Ecode.BRK, Ecode.INE, Ecode.IPE]).toEqual([
      1, 8, 9, 10, 11, 12, 13, 14,
    ]);
    expect([EsubCode.ADEF, EsubCode.ADEM]).toEqual([0, 1]);
    expect(ecodeName(Ecode.INE)).toBe("INE");
    expect(ecodeName(0x3f)).toBe("ECODE_0x3f");
  });
});
