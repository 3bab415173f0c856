import { describe, expect, it } from "vitest";
import { LoongArchPTE, MappingFlags } from "../../../src/index.js";

const { READ: R, WRITE: W, EXECUTE: X, USER: U, DEVICE, UNCACHED } = MappingFlags;

// Expected values computed by hand from the LoongArch Reference Manual vol. 1 (page table entry:
// V 0, D 1, PLV 2-3, MAT 4-5 (0 SUC, 1 CC, 2 WUC), G/H 6, P 7, W 8, PPN 12.., NR 61, NX 62, RPLV 63).
describe("LoongArchPTE", () => {
  it("encodes leaf entries", () => {
    // V|D|MAT=CC|P|W = 0x193
    expect(LoongArchPTE.newPage(0x8000_0000n, R | W | X, false)).toBe(0x0000_0000_8000_0193n);
    // read-only: NX (bit 62) set, no W/D
    expect(LoongArchPTE.newPage(0x8000_0000n, R, false)).toBe(0x4000_0000_8000_0091n);
    // execute-only: NR (bit 61)
    expect(LoongArchPTE.newPage(0x1000n, X, false)).toBe(0x2000_0000_0000_1091n);
    // device: MAT=0 (strongly-ordered uncached)
    expect(LoongArchPTE.newPage(0x1fe0_0000n, R | W | DEVICE, false)).toBe(0x4000_0000_1fe0_0183n);
    // uncached without DEVICE: MAT=2 (weakly-ordered uncached)
    expect(LoongArchPTE.newPage(0x2000n, R | W | UNCACHED, false)).toBe(0x4000_0000_0000_21a3n);
    // user: PLV=3
    expect(LoongArchPTE.newPage(0x3000n, R | X | U, false)).toBe(0x0000_0000_0000_309dn);
    // huge: GH (bit 6)
    expect(LoongArchPTE.newPage(0x20_0000n, R | W | X, true)).toBe(0x0000_0000_0020_01d3n);
    // empty flags encode to the bare address (0 for a lazy entry)
    expect(LoongArchPTE.newPage(0n, 0, false)).toBe(0n);
    // address bits 12..47 only
    expect(LoongArchPTE.newPage(0xffff_ffff_f000n, R | W | X, false)).toBe(0x0000_ffff_ffff_f193n);
    expect(LoongArchPTE.newPage(0x1_0000_0000_0abcn, R | W | X, false)).toBe(0x193n);
  });

  it("encodes tables with the tgoskits stage-2 convention (V|P|MAT=CC)", () => {
    expect(LoongArchPTE.newTable(0x5000n)).toBe(0x5091n);
    expect(LoongArchPTE.isPresent(0x5091n)).toBe(true);
    expect(LoongArchPTE.isHuge(0x5091n)).toBe(false);
  });

  it("decodes flags, address, presence (V) and huge (GH)", () => {
    expect(LoongArchPTE.flags(0x0000_0000_8000_0193n)).toBe(R | W | X);
    expect(LoongArchPTE.flags(0x4000_0000_8000_0091n)).toBe(R);
    expect(LoongArchPTE.flags(0x2000_0000_0000_1091n)).toBe(X);
    expect(LoongArchPTE.flags(0x4000_0000_1fe0_0183n)).toBe(R | W | DEVICE);
    expect(LoongArchPTE.flags(0x4000_0000_0000_21a3n)).toBe(R | W | UNCACHED);
    expect(LoongArchPTE.flags(0x309dn)).toBe(R | X | U);
    expect(LoongArchPTE.flags(0x0192n)).toBe(0); // V clear → empty
    expect(LoongArchPTE.paddr(0x4000_ffff_ffff_f193n)).toBe(0xffff_ffff_f000n);
    expect(LoongArchPTE.isPresent(0x80n)).toBe(false); // P without V is not present here
    expect(LoongArchPTE.isPresent(0x1n)).toBe(true);
    expect(LoongArchPTE.isHuge(0x1d3n)).toBe(true);
    expect(LoongArchPTE.isUnused(0n)).toBe(true);
    expect(LoongArchPTE.isUnused(0x80n)).toBe(false);
  });

  it("set_flags keeps only the address; set_paddr keeps the flags", () => {
    const pte = 0x4000_0000_8000_0193n | (1n << 63n);
    expect(LoongArchPTE.setFlags(pte, R, false)).toBe(0x4000_0000_8000_0091n);
    expect(LoongArchPTE.setFlags(0x20_0000n, R | W | X, true)).toBe(0x20_01d3n);
    expect(LoongArchPTE.setPaddr(pte, 0x1234_5000n)).toBe(0xc000_0000_1234_5193n);
  });

  it("describes the raw fields", () => {
    expect(LoongArchPTE.describe(0xe000_0000_8000_01dfn)).toBe(
      "V D PLV=3 MAT=CC GH P W NR NX RPLV PA=0x80000000",
    );
    expect(LoongArchPTE.name).toBe("LoongArchPTE");
  });
});
