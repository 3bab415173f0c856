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

describe("CsrFile: the manual's CSR list", () => {
  // every CSR of the manual's overview table that LA64 implements here (4 monitors, 8+8 watchpoints)
  const listed = [
    ...[
      0x0, 0x1, 0x2, 0x3, 0x4, 0x5, 0x6, 0x7, 0x8, 0xc, 0x10, 0x11, 0x12, 0x13, 0x18, 0x19, 0x1a, 0x1b, 0x1c,
    ],
    ...[0x1d, 0x1e, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x40, 0x41, 0x42, 0x43, 0x44, 0x60, 0x80, 0x81],
    ...[0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x98],
    ...Array.from({ length: 16 }, (_, n) => 0x30 + n),
    ...Array.from({ length: 4 }, (_, n) => 0x180 + n),
    ...Array.from({ length: 8 }, (_, n) => 0x200 + n),
    0x300,
    0x301,
    0x380,
    0x381,
    ...Array.from({ length: 8 }, (_, n) =>
      [0, 1, 2, 3].flatMap((k) => [0x310 + 8 * n + k, 0x390 + 8 * n + k]),
    ).flat(),
    0x500,
    0x501,
    0x502,
  ];

  it("implements every listed CSR", () => {
    const c = new CsrFile();
    for (const num of listed) expect(c.has(num), `CSR 0x${num.toString(16)}`).toBe(true);
    expect(listed.length).toBe(new Set(listed).size);
  });

  it("treats unlisted and unimplemented numbers as the manual says: reads 0, writes change nothing", () => {
    const c = new CsrFile();
    // monitors 4-31, watchpoints 8-13, the LVZ root registers (a guest sees no LVZ), holes
    for (const num of [0x208, 0x23f, 0x350, 0x3d0, 0x15, 0x16, 0x50, 0x52, 0x53, 0x9, 0x45, 0x503, 0x3fff]) {
      expect(c.has(num)).toBe(false);
      c.write(num, -1n);
      expect(c.read(num)).toBe(0n);
    }
  });

  it("has the manual's reset values for the registers QEMU 7.2 lacks", () => {
    const c = new CsrFile();
    expect(c.read(Csr.MWPC)).toBe(8n);
    expect(c.read(Csr.FWPC)).toBe(8n);
    expect(c.read(Csr.DBG)).toBe(2n); // DRev = 1
    for (const num of [Csr.PMCFG0, Csr.PMCNT3, Csr.MWPS, Csr.FWPS, Csr.DERA, Csr.DSAVE, Csr.MERRCTL]) {
      expect(c.read(num)).toBe(0n);
    }
  });

  it("write masks follow the field attributes", () => {
    const c = new CsrFile();
    const after = (num: number) => {
      c.write(num, -1n);
      return c.read(num);
    };
    expect(after(Csr.MISC)).toBe(0x7_feeen); // VA32L, DRDTL, RPCNTL, ALCL, DWPL; R0 bits stay 0
    expect(after(Csr.MERRCTL)).toBe(0x1fcen); // IsMERR, PIE and Cause are read-only
    expect(after(Csr.MERRENTRY)).toBe(0xffff_ffff_f000n); // PA[PALEN-1:12]
    expect(after(Csr.TLBRENTRY)).toBe(0xffff_ffff_f000n);
    expect(after(Csr.PMCFG1)).toBe(0x1f_03ffn); // EvCode, PLV0-3, PMIEn
    expect(after(Csr.PMCNT1)).toBe((1n << 64n) - 1n);
    expect(after(Csr.MWPC)).toBe(8n);
    expect(after(Csr.FWPC)).toBe(8n);
    expect(after(Csr.MWP0CFG1 + 8 * 7 + 2)).toBe(0xf9fn); // DMOnly PLV0-3 LCL LoadEn StoreEn Size
    expect(after(Csr.MWP0CFG1 + 3)).toBe(0x3ffn);
    expect(after(Csr.FWP0CFG1 + 2)).toBe(0x9fn); // DMOnly PLV0-3 LCL
    expect(after(Csr.FWP0CFG1 + 8 * 3 + 3)).toBe(0x3ffn);
    expect(after(Csr.FWP0CFG1 + 1)).toBe((1n << 64n) - 1n);
    expect(after(Csr.DBG)).toBe(2n); // all read-only
    expect(after(Csr.DERA)).toBe((1n << 64n) - 1n);
    expect(after(Csr.DSAVE)).toBe((1n << 64n) - 1n);
  });

  it("MWPS/FWPS: the hit status is write-1-to-clear, Skip is read-write", () => {
    const c = new CsrFile();
    for (const num of [Csr.MWPS, Csr.FWPS]) {
      c.set(num, 0xa5n);
      c.write(num, 0x1_0000n); // writing 0 to status bits leaves them
      expect(c.read(num)).toBe(0x1_00a5n);
      c.write(num, 0x21n); // clears bits 0 and 5 and Skip
      expect(c.read(num)).toBe(0x84n);
      c.write(num, 0xffff_ffffn); // bits 8-15 and 17+ are read-only 0
      expect(c.read(num)).toBe(0x1_0000n);
    }
  });
});
