import { describe, expect, it } from "vitest";
import { EPTEntry, MappingFlags } from "../../../src/index.js";

const { READ: R, WRITE: W, EXECUTE: X, DEVICE } = MappingFlags;

// Hand-computed from the Intel SDM vol. 3C (EPT entries: R 0, W 1, X 2, memory type 3-5
// (0 UC, 6 WB), ignore PAT 6, page size 7, physical address 12..51).
describe("EPTEntry", () => {
  it("encodes leaf entries", () => {
    expect(EPTEntry.newPage(0x1234_5000n, R | W | X, false)).toBe(0x1234_5037n);
    expect(EPTEntry.newPage(0x1234_5000n, R | W, false)).toBe(0x1234_5033n);
    expect(EPTEntry.newPage(0x20_0000n, R, true)).toBe(0x20_00b1n);
    expect(EPTEntry.newPage(0x4000_0000n, R | W | X, true)).toBe(0x4000_00b7n);
    expect(EPTEntry.newPage(0xfee0_0000n, R | W | DEVICE, false)).toBe(0xfee0_0003n);
    expect(EPTEntry.newPage(0xf_ffff_ffff_f000n, R | W | X, false)).toBe(0x000f_ffff_ffff_f037n);
    expect(EPTEntry.newPage(0n, 0, false)).toBe(0n);
  });

  it("encodes tables as RWX", () => {
    expect(EPTEntry.newTable(0x7000n)).toBe(0x7007n);
    expect(EPTEntry.isHuge(0x7007n)).toBe(false);
  });

  it("decodes", () => {
    expect(EPTEntry.flags(0x1234_5037n)).toBe(R | W | X);
    expect(EPTEntry.flags(0xfee0_0003n)).toBe(R | W | DEVICE);
    expect(EPTEntry.paddr(0x000f_ffff_ffff_f037n)).toBe(0xf_ffff_ffff_f000n);
    expect(EPTEntry.isPresent(0x30n)).toBe(false); // no R/W/X
    expect(EPTEntry.isPresent(0x4n)).toBe(true);
    expect(EPTEntry.isHuge(0xb1n)).toBe(true);
  });

  it("set_flags / set_paddr", () => {
    expect(EPTEntry.setFlags(0x1234_5037n, R, false)).toBe(0x1234_5031n);
    expect(EPTEntry.setPaddr(0x1234_5037n, 0x5000n)).toBe(0x5037n);
    expect(EPTEntry.describe(0x20_01b7n)).toBe("R W X MT=WB HUGE A PA=0x200000");
  });
});
