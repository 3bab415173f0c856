import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Csr, CsrFile } from "../../src/index.js";

describe("CsrFile", () => {
  it("resets to QEMU 7.2 la464 values (what the csr guest prints under QEMU)", () => {
    const c = new CsrFile();
    const want: [number, bigint][] = [
      [Csr.CRMD, 0xa8n],
      [Csr.PRMD, 0n],
      [Csr.EUEN, 0n],
      [Csr.ECFG, 0n],
      [Csr.ESTAT, 0n],
      [Csr.EENTRY, 0n],
      [Csr.TLBIDX, 0n],
      [Csr.ASID, 0xa0000n],
      [Csr.CPUID, 0n],
      [Csr.PRCFG1, 0n],
      [Csr.PRCFG2, 0n],
      [Csr.PRCFG3, 0x8073f2n],
      [Csr.TID, 0n],
      [Csr.TCFG, 0n],
      [Csr.LLBCTL, 0n],
      [Csr.TLBRENTRY, 0n],
      [Csr.DMW0, 0n],
      [Csr.DMW3, 0n],
    ];
    for (const [num, v] of want) expect(c.read(num), `CSR 0x${num.toString(16)}`).toBe(v);
  });

  it("applies write masks: read-only registers and fields keep their value", () => {
    const c = new CsrFile(3);
    expect(c.write(Csr.CPUID, 7n)).toBe(3n);
    expect(c.read(Csr.CPUID)).toBe(3n);
    c.write(Csr.PRCFG3, 0n);
    expect(c.read(Csr.PRCFG3)).toBe(0x8073f2n);
    c.write(Csr.ESTAT, -1n);
    expect(c.read(Csr.ESTAT)).toBe(3n);
    c.write(Csr.CRMD, -1n);
    expect(c.read(Csr.CRMD)).toBe(0x3ffn);
    c.write(Csr.DMW1, -1n);
    expect(c.read(Csr.DMW1)).toBe(0xf000_0000_0000_003fn);
  });

  it("unknown CSRs read 0 and ignore writes; set() bypasses the mask of known ones", () => {
    const c = new CsrFile();
    expect(c.has(0x7ff)).toBe(false);
    c.write(0x7ff, 5n);
    c.set(0x7ff, 5n);
    expect(c.read(0x7ff)).toBe(0n);
    c.set(Csr.ESTAT, 0xd0004n);
    expect(c.read(Csr.ESTAT)).toBe(0xd0004n);
  });

  it("write keeps bits outside the mask and takes bits inside it (law)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        (a, b) => {
          const c = new CsrFile();
          c.set(Csr.ECFG, a);
          c.write(Csr.ECFG, b);
          const mask = 0x7_1fffn;
          expect(c.read(Csr.ECFG)).toBe((a & ~mask) | (b & mask));
        },
      ),
    );
  });
});

describe("CsrFile: TLB entry-high masks", () => {
  it("TLBEHI and TLBREHI keep only VPPN = VA[47:13] (and TLBREHI.PS)", () => {
    const c = new CsrFile();
    c.write(Csr.TLBEHI, 0xffff_8000_1234_5fffn);
    c.write(Csr.TLBREHI, 0xffff_8000_1234_5fffn);
    expect(c.read(Csr.TLBEHI)).toBe(0x8000_1234_4000n);
    expect(c.read(Csr.TLBREHI)).toBe(0x8000_1234_403fn);
  });
});
