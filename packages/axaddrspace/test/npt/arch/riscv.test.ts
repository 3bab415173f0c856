import { describe, expect, it } from "vitest";
import { MappingFlags, Rv64PTE } from "../../../src/index.js";

const { READ: R, WRITE: W, EXECUTE: X, USER: U } = MappingFlags;

// Hand-computed from the RISC-V privileged spec (Sv39/Sv48 PTE: V 0, R 1, W 2, X 3, U 4, G 5,
// A 6, D 7, PPN at 10..53 = physical address >> 12).
describe("Rv64PTE", () => {
  it("encodes leaf entries (V|A|D + permissions)", () => {
    expect(Rv64PTE.newPage(0x8020_0000n, R | X, false)).toBe(0x2008_00cbn);
    expect(Rv64PTE.newPage(0x8000_0000n, R | W | X | U, false)).toBe(0x2000_00dfn);
    expect(Rv64PTE.newPage(0x10_0000_0000_0000n, R | W, false)).toBe(0x0004_0000_0000_00c7n);
    expect(Rv64PTE.newPage(0x4000_0000n, R | W | X, true)).toBe(0x1000_00cfn);
    expect(Rv64PTE.newPage(0n, 0, false)).toBe(0n);
  });

  it("encodes tables as V only", () => {
    expect(Rv64PTE.newTable(0x8000_1000n)).toBe(0x2000_0401n);
    expect(Rv64PTE.isHuge(0x2000_0401n)).toBe(false);
    expect(Rv64PTE.isHuge(0x2008_00cbn)).toBe(true); // R|X above the last level = huge leaf
  });

  it("decodes", () => {
    expect(Rv64PTE.flags(0x2000_00dfn)).toBe(R | W | X | U);
    expect(Rv64PTE.flags(0x2000_00den)).toBe(0); // V clear
    expect(Rv64PTE.paddr(0x0004_0000_0000_00c7n)).toBe(0x10_0000_0000_0000n);
    expect(Rv64PTE.paddr(0x2008_00cbn)).toBe(0x8020_0000n);
    expect(Rv64PTE.isPresent(0x1n)).toBe(true);
  });

  it("set_flags / set_paddr / describe", () => {
    expect(Rv64PTE.setFlags(0x2000_00dfn, R, false)).toBe(0x2000_00c3n);
    expect(Rv64PTE.setPaddr(0x2000_00dfn, 0x1000n)).toBe(0x4dfn);
    expect(Rv64PTE.describe(0x2008_00cbn)).toBe("V R X A D PPN=0x80200 PA=0x80200000");
  });
});
