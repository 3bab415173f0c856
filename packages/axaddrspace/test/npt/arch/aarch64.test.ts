import { describe, expect, it } from "vitest";
import { A64PTEHV, MappingFlags } from "../../../src/index.js";

const { READ: R, WRITE: W, EXECUTE: X, DEVICE, UNCACHED } = MappingFlags;

// Hand-computed from the Arm ARM (VMSAv8-64 stage-2 descriptors: bits[1:0] 0b11 page/table,
// 0b01 block; MemAttr[3:0] at 2..5; S2AP[1:0] at 6..7; SH at 8..9; AF 10; output address 12..47;
// XN 54).
describe("A64PTEHV", () => {
  it("encodes leaf entries", () => {
    // Normal WB (0b1111 → 0x3c), SH=0b10 (0x200), AF (0x400), S2AP=0b11 (0xc0), VALID|page (0x3)
    expect(A64PTEHV.newPage(0x4000_0000n, R | W | X, false)).toBe(0x0000_0000_4000_06ffn);
    // no EXECUTE → XN (bit 54)
    expect(A64PTEHV.newPage(0x4000_0000n, R | W, false)).toBe(0x0040_0000_4000_06ffn);
    expect(A64PTEHV.newPage(0x4000_1000n, R | X, false)).toBe(0x0000_0000_4000_167fn);
    // Device-nGnRnE (MemAttr 0)
    expect(A64PTEHV.newPage(0x0900_0000n, R | W | DEVICE, false)).toBe(0x0040_0000_0900_06c3n);
    // Normal, outer non-cacheable (MemAttr 0b0111)
    expect(A64PTEHV.newPage(0x0900_0000n, R | W | DEVICE | UNCACHED, false)).toBe(0x0040_0000_0900_06dfn);
    // 2 MiB block: bit 1 clear
    expect(A64PTEHV.newPage(0x4000_0000n, R | W | X, true)).toBe(0x0000_0000_4000_06fdn);
    expect(A64PTEHV.newPage(0xffff_ffff_f000n, R | W | X, false)).toBe(0x0000_ffff_ffff_f6ffn);
  });

  it("encodes tables as VALID|TABLE", () => {
    expect(A64PTEHV.newTable(0x8000n)).toBe(0x8003n);
    expect(A64PTEHV.isHuge(0x8003n)).toBe(false);
    expect(A64PTEHV.isHuge(0x4000_06fdn)).toBe(true);
  });

  it("decodes (following the manual)", () => {
    expect(A64PTEHV.flags(0x0000_0000_4000_06ffn)).toBe(R | W | X);
    expect(A64PTEHV.flags(0x0040_0000_4000_06ffn)).toBe(R | W);
    expect(A64PTEHV.flags(0x0000_0000_4000_167fn)).toBe(R | X);
    expect(A64PTEHV.flags(0x0040_0000_0900_06c3n)).toBe(R | W | DEVICE);
    expect(A64PTEHV.flags(0x0040_0000_0900_06dfn)).toBe(R | W | DEVICE | UNCACHED);
    expect(A64PTEHV.flags(0x63en)).toBe(0); // not VALID (a lazy entry)
    expect(A64PTEHV.isPresent(0x63en)).toBe(false);
    expect(A64PTEHV.paddr(0x0040_ffff_ffff_f6ffn)).toBe(0xffff_ffff_f000n);
  });

  it("set_flags / set_paddr / describe", () => {
    expect(A64PTEHV.setFlags(0x4000_06ffn, R, false)).toBe(0x0040_0000_4000_067fn);
    expect(A64PTEHV.setPaddr(0x0040_0000_4000_06ffn, 0x1000n)).toBe(0x0040_0000_0000_16ffn);
    expect(A64PTEHV.describe(0x0040_0000_4000_06fdn)).toBe(
      "VALID BLOCK MemAttr=0b1111 S2AP=0b11 SH=0b10 AF XN PA=0x40000000",
    );
  });
});
