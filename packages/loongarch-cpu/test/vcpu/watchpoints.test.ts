// Hardware watchpoints (watchpoints.ts) and the WPE exceptions LoongArchVCpu raises from them. QEMU 7.2
// implements no watchpoint CSRs (they read 0 and ignore writes there), so this follows the manual.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assemble,
  Csr,
  CsrFile,
  Ecode,
  EsubCode,
  fetchWatchHits,
  memoryAccessOf,
  memoryWatchHits,
  recordWatchHits,
  watchpointsArmed,
} from "../../src/index.js";
import { bareVcpu, BARE_CODE as CODE, runToHypercall as toHvcl } from "./harness.js";

const word = (src: string) => assemble(src)[0]!;

const bare = (src: string) => bareVcpu(src).vcpu;

/** A CSR file with CRMD.WE set (PLV0). */
function weOn(): CsrFile {
  const c = new CsrFile();
  c.write(Csr.CRMD, c.read(Csr.CRMD) | 0x200n);
  return c;
}

describe("memoryAccessOf", () => {
  const regs = (n: number) => [0n, 0n, 0n, 0n, 0x1000n, 0x20n, 0n, 0n][n] ?? 0n;
  it.each([
    ["ld.b $a2, $a0, -1", 0xfffn, 1, true, false],
    ["st.h $a2, $a0, 6", 0x1006n, 2, false, true],
    ["ldx.wu $a2, $a0, $a1", 0x1020n, 4, true, false],
    ["stx.d $a2, $a0, $a1", 0x1020n, 8, false, true],
    ["ldptr.d $a2, $a0, 8", 0x1008n, 8, true, false],
    ["stptr.w $a2, $a0, -8", 0xff8n, 4, false, true],
    ["ll.w $a2, $a0, 4", 0x1004n, 4, true, false],
    ["sc.d $a2, $a0, 0", 0x1000n, 8, false, true],
    ["amadd.w $a2, $a1, $a0", 0x1000n, 4, true, true],
    ["amswap_db.d $a2, $a1, $a0", 0x1000n, 8, true, true],
    ["ldgt.w $a2, $a0, $a1", 0x1000n, 4, true, false],
    ["stle.d $a2, $a0, $a1", 0x1000n, 8, false, true],
    ["fld.s $fa0, $a0, 16", 0x1010n, 4, true, false],
    ["fstx.d $fa0, $a0, $a1", 0x1020n, 8, false, true],
  ] as const)("%s accesses %s (%i bytes)", (src, addr, size, load, store) => {
    expect(memoryAccessOf(word(src), regs)).toEqual({ addr, size, load, store });
  });

  it("non-memory instructions, preld and privileged accesses have none", () => {
    for (const src of [
      "addi.d $a0, $a0, 1",
      "preld 0, $a0, 0",
      "iocsrrd.w $a0, $a1",
      "lddir $a0, $a1, 1",
      "b 8",
    ]) {
      expect(memoryAccessOf(word(src), regs)).toBeUndefined();
    }
  });
});

describe("watchpoint hit tests", () => {
  it("need CRMD.WE, the PLV enable, LoadEn/StoreEn, and the ASID when LCL", () => {
    const c = new CsrFile();
    c.write(Csr.MWP0CFG1, 0x2000n);
    c.write(Csr.MWP0CFG1 + 2, 0x102n); // LoadEn, PLV0, Size 0
    const ld = { addr: 0x2000n, size: 8, load: true, store: false };
    expect(memoryWatchHits(c, ld, false)).toBe(0); // WE off
    expect(watchpointsArmed(c)).toBe(false);
    c.write(Csr.CRMD, c.read(Csr.CRMD) | 0x200n);
    expect(watchpointsArmed(c)).toBe(true);
    expect(memoryWatchHits(c, ld, false)).toBe(1);
    expect(memoryWatchHits(c, { ...ld, load: false, store: true }, false)).toBe(0);
    c.write(Csr.CRMD, c.read(Csr.CRMD) | 3n); // PLV3
    expect(memoryWatchHits(c, ld, false)).toBe(0);
    c.write(Csr.CRMD, c.read(Csr.CRMD) & ~3n);
    c.write(Csr.MWP0CFG1 + 2, 0x182n); // LCL
    c.write(Csr.MWP0CFG1 + 3, 5n);
    expect(memoryWatchHits(c, ld, false)).toBe(0);
    c.write(Csr.ASID, 5n);
    expect(memoryWatchHits(c, ld, false)).toBe(1);
    // DMOnly: only in debug mode
    c.set(Csr.MWP0CFG1 + 2, 0x183n);
    expect(memoryWatchHits(c, ld, false)).toBe(0);
    expect(memoryWatchHits(c, ld, true)).toBe(1);
  });

  it("compare the address outside Mask and the bytes of the manual's mbyten/bytemask tables", () => {
    const c = weOn();
    const at = (addr: bigint, size: number) =>
      memoryWatchHits(c, { addr, size, load: true, store: false }, false);
    c.write(Csr.MWP0CFG1, 0x3006n);
    c.write(Csr.MWP0CFG1 + 1, 0x7n); // compare the doubleword
    // Size 3: byte 6 only
    c.write(Csr.MWP0CFG1 + 2, 0xd02n);
    expect(at(0x3006n, 1)).toBe(1);
    expect(at(0x3005n, 1)).toBe(0);
    expect(at(0x3006n, 2)).toBe(1); // half at 6: mbyten 0xc0
    expect(at(0x3004n, 4)).toBe(1);
    expect(at(0x3000n, 4)).toBe(0);
    expect(at(0x3000n, 8)).toBe(1);
    expect(at(0x3008n, 8)).toBe(0); // another doubleword
    // Size 2: the half at 6 (bytemask 0x3f); Size 1: the word at 4 (0x0f); Size 0: all 8 bytes
    c.write(Csr.MWP0CFG1 + 2, 0x902n);
    expect(at(0x3007n, 1)).toBe(1);
    expect(at(0x3005n, 1)).toBe(0);
    c.write(Csr.MWP0CFG1 + 2, 0x502n);
    expect(at(0x3004n, 1)).toBe(1);
    expect(at(0x3003n, 1)).toBe(0);
    c.write(Csr.MWP0CFG1 + 2, 0x102n);
    expect(at(0x3000n, 1)).toBe(1);
    // without Mask the low bits take part in the address compare
    c.write(Csr.MWP0CFG1 + 1, 0n);
    expect(at(0x3000n, 1)).toBe(0);
    expect(at(0x3006n, 1)).toBe(1);
  });

  it("fetch watchpoints compare the PC outside Mask; several can hit at once", () => {
    const c = weOn();
    c.write(Csr.FWP0CFG1, 0x4000n);
    c.write(Csr.FWP0CFG1 + 1, 0xfffn);
    c.write(Csr.FWP0CFG1 + 2, 0x2n);
    c.write(Csr.FWP0CFG1 + 8 * 7, 0x4ff0n);
    c.write(Csr.FWP0CFG1 + 8 * 7 + 2, 0x2n);
    expect(fetchWatchHits(c, 0x4ff0n, false)).toBe(0x81);
    expect(fetchWatchHits(c, 0x4004n, false)).toBe(1);
    expect(fetchWatchHits(c, 0x5000n, false)).toBe(0);
  });

  it("property: a doubleword watchpoint (Mask 7, Size 0) hits exactly the accesses touching its 8 bytes", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 0x40n }), fc.constantFrom(1, 2, 4, 8), (addr, size) => {
        const c = weOn();
        c.write(Csr.MWP0CFG1, 0x20n);
        c.write(Csr.MWP0CFG1 + 1, 7n);
        c.write(Csr.MWP0CFG1 + 2, 0x302n);
        const hit = memoryWatchHits(c, { addr, size, load: false, store: true }, false);
        expect(hit).toBe((addr & ~7n) === 0x20n ? 1 : 0);
      }),
    );
  });

  it("recordWatchHits: Skip swallows one hit, otherwise the status bits set", () => {
    const c = new CsrFile();
    expect(recordWatchHits(c, Csr.MWPS, 0x5)).toBe(true);
    expect(c.read(Csr.MWPS)).toBe(5n);
    c.write(Csr.MWPS, 0x1_0005n);
    expect(c.read(Csr.MWPS)).toBe(0x1_0000n);
    expect(recordWatchHits(c, Csr.MWPS, 0x2)).toBe(false);
    expect(c.read(Csr.MWPS)).toBe(0n);
  });
});

describe("LoongArchVCpu watchpoint exceptions", () => {
  // EENTRY at 0x201000: the handler records ESTAT/ERA/BADI/PRMD/status, sets Skip and returns
  const handler = (status: number) => [
    "@@",
    "csrrd $s1, 0x5",
    "csrrd $s2, 0x6",
    "csrrd $s3, 0x8",
    "csrrd $s4, 0x1",
    `csrrd $s5, ${status}`,
    "csrrd $s6, 0x0",
    "addi.d $s0, $s0, 1",
    `li.d $t0, 0x1ffff`, // clear the status, set Skip
    `csrwr $t0, ${status}`,
    "ertn",
  ];
  const setup = ["li.d $t0, 0x201000", "csrwr $t0, 0xc", "la.pcrel $t0, target"];

  it("a fetch watchpoint raises WPE/WPEF before the instruction; Skip lets it run after ertn", () => {
    const vcpu = bare(
      [
        ...setup,
        "csrwr $t0, 0x3a0", // FWP2CFG1 = target
        "li.d $t0, 0x2",
        "csrwr $t0, 0x3a2", // FWP2CFG3: PLV0
        "li.d $t0, 0x200",
        "csrxchg $t0, $t0, 0x0", // WE
        "nop",
        "target: addi.d $a1, $a1, 1",
        "li.d $a0, 1",
        "hvcl 0",
        ...handler(0x381),
      ].join("\n"),
    );
    expect(toHvcl(vcpu)).toBe(1n);
    expect(vcpu.gpr(23)).toBe(1n); // one exception
    expect(vcpu.gpr(5)).toBe(1n); // the instruction ran once
    expect((vcpu.gpr(24) >> 16n) & 0x1ffn).toBe(BigInt(Ecode.WPE | (EsubCode.WPEF << 6)));
    expect(vcpu.gpr(25)).toBe(CODE + 0x28n); // ERA = target (the 11th instruction)
    expect(vcpu.gpr(27) & 8n).toBe(8n); // PRMD.PWE saved
    expect(vcpu.gpr(28)).toBe(4n); // FWPS: watchpoint 2
    expect(vcpu.gpr(29) & 0x200n).toBe(0n); // WE off in the handler
    expect(vcpu.csrs.read(Csr.FWPS)).toBe(0n); // Skip consumed
    expect(vcpu.csrs.read(Csr.CRMD) & 0x200n).toBe(0x200n); // WE back after ertn
  });

  it("a store watchpoint raises WPE/WPEM with BADI; a load to the same place with StoreEn only does not", () => {
    const vcpu = bare(
      [
        "li.d $t0, 0x201000",
        "csrwr $t0, 0xc",
        "li.d $t0, 0x208000",
        "csrwr $t0, 0x318", // MWP1CFG1
        "li.d $t0, 0x7",
        "csrwr $t0, 0x319", // MWP1CFG2: the doubleword
        "li.d $t0, 0x202",
        "csrwr $t0, 0x31a", // MWP1CFG3: StoreEn, PLV0, Size 0
        "li.d $t0, 0x200",
        "csrxchg $t0, $t0, 0x0",
        "li.d $t1, 0x208004",
        "ld.w $a2, $t1, 0",
        "li.d $a3, 9",
        "target: st.w $a3, $t1, 0",
        "ld.w $a1, $t1, 0",
        "li.d $a0, 1",
        "hvcl 0",
        ...handler(0x301),
      ].join("\n"),
    );
    expect(toHvcl(vcpu)).toBe(1n);
    expect(vcpu.gpr(23)).toBe(1n);
    expect(vcpu.gpr(5)).toBe(9n); // the store completed after the handler
    expect((vcpu.gpr(24) >> 16n) & 0x1ffn).toBe(BigInt(Ecode.WPE | (EsubCode.WPEM << 6)));
    expect(vcpu.gpr(26)).toBe(BigInt(word("st.w $a3, $t1, 0") >>> 0)); // BADI
    expect(vcpu.gpr(28)).toBe(2n); // MWPS: watchpoint 1
  });

  it("with CRMD.WE = 0 nothing hits, and the run is not single-stepped", () => {
    const vcpu = bare(
      [
        ...setup,
        "csrwr $t0, 0x390",
        "li.d $t0, 0x2",
        "csrwr $t0, 0x392",
        "target: addi.d $a1, $a1, 1",
        "li.d $a0, 1",
        "hvcl 0",
        ...handler(0x381),
      ].join("\n"),
    );
    expect(toHvcl(vcpu)).toBe(1n);
    expect(vcpu.gpr(23)).toBe(0n);
    expect(vcpu.csrs.read(Csr.FWPS)).toBe(0n);
  });

  it.each([
    ["MWPS", Csr.MWPS],
    ["FWPS", Csr.FWPS],
  ])("csrxchg on the W1C status of %s clears only the hit bits that rd & mask names", (_, csr) => {
    const vcpu = bare(
      [
        "lu12i.w $t0, 0x10", // Skip only: hit bits outside the mask must survive
        "or $t1, $t0, $zero",
        `csrxchg $t0, $t1, ${csr}`,
        `csrrd $a1, ${csr}`,
        "li.d $t0, 0x6", // rd clears 1 and 2, the mask only lets 2 through
        "li.d $t1, 0x4",
        `csrxchg $t0, $t1, ${csr}`,
        `csrrd $a2, ${csr}`,
        "li.d $a0, 1",
        "hvcl 0",
      ].join("\n"),
    );
    vcpu.csrs.set(csr, 0x7n); // watchpoints 0-2 have hit
    expect(toHvcl(vcpu)).toBe(1n);
    expect(vcpu.gpr(5)).toBe(0x1_0007n);
    expect(vcpu.gpr(6)).toBe(0x1_0003n);
  });

  it("DMOnly cannot be set outside debug mode", () => {
    const vcpu = bare(
      ["li.d $t0, 0x1f", "csrwr $t0, 0x392", "csrrd $a1, 0x392", "li.d $a0, 1", "hvcl 0"].join("\n"),
    );
    expect(toHvcl(vcpu)).toBe(1n);
    expect(vcpu.gpr(5)).toBe(0x1en);
  });
});
