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

  it("CPUCFG6 advertises the four 64-bit performance monitors the vCPU implements (QEMU 7.2: 0)", () => {
    const w = cpucfgWord(6);
    expect(w & 1).toBe(1); // PMP
    expect((w >> 1) & 7).toBe(1); // PMVER
    expect(((w >> 4) & 0xf) + 1).toBe(4); // PMNUM + 1
    expect(((w >> 8) & 0x3f) + 1).toBe(64); // PMBITS + 1
    expect((w >> 14) & 1).toBe(1); // UPM
    expect(w >>> 15).toBe(0);
  });
});
