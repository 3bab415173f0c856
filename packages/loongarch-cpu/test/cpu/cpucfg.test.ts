import { describe, expect, it } from "vitest";
import { cpucfgWord } from "../../src/index.js";

describe("cpucfgWord", () => {
  it("returns QEMU la464's words and 0 outside the table", () => {
    expect(cpucfgWord(0)).toBe(0x0014c010);
    expect(cpucfgWord(2)).toBe(0x0040c00f);
    expect(cpucfgWord(5)).toBe(0x00010001);
    expect(cpucfgWord(0x14)).toBe(0x060e000f);
    expect(cpucfgWord(0x15)).toBe(0);
    expect(cpucfgWord(1000)).toBe(0);
  });
});
