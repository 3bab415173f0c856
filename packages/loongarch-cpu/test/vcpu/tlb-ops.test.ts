// The TLB and page-walk instructions, mapped-mode faults, exception entry and ertn on a LoongArchVCpu,
// including what QEMU 7.2 gets wrong and the guests therefore leave out (KLO, ADEF, PNX on fetch,
// ldpte keeping NR/NX).
import { describe, expect, it } from "vitest";
import { Csr, Ecode } from "../../src/index.js";
import { bareVcpu } from "./harness.js";

/** A vCPU with 1 MiB of RAM at 0x200000; "@@" starts the next 4 KiB page of code. */
const bare = (src: string) => bareVcpu(src, { codeBytes: 0x100000 });

/** Exception vector at 0x201000 that stops the run with idle after recording nothing. */
const VECTOR = "li.d $t8, 0x201000\ncsrwr $t8, 0xc\n";

describe("TLB instructions", () => {
  it("tlbwr/tlbsrch/tlbrd round-trip an MTLB entry; tlbwr with NE invalidates", () => {
    const { vcpu } = bare(
      [
        "li.d $t0, 0x12340000\ncsrwr $t0, 0x11", // TLBEHI
        "li.d $t0, 0x4000000000080013\ncsrwr $t0, 0x12",
        "li.d $t0, 0x84013\ncsrwr $t0, 0x13",
        "li.d $t0, 0x0e000802\ncsrwr $t0, 0x10", // PS 14, index 2050
        "tlbwr",
        "li.d $t0, 0\ncsrwr $t0, 0x10\ncsrwr $t0, 0x11\ncsrwr $t0, 0x12",
        "li.d $t0, 0x12344000\ncsrwr $t0, 0x11\ntlbsrch\ncsrrd $a0, 0x10",
        "tlbrd\ncsrrd $a1, 0x11\ncsrrd $a2, 0x12\ncsrrd $a3, 0x13\ncsrrd $a4, 0x10",
        "li.d $t0, 0x80000802\ncsrwr $t0, 0x10\ntlbwr\ntlbsrch\ncsrrd $a5, 0x10",
        "idle 0",
      ].join("\n"),
    );
    expect(vcpu.run().kind).toBe("Halt");
    expect(vcpu.gpr(4)).toBe(2050n);
    expect(vcpu.gpr(5)).toBe(0x12340000n);
    expect(vcpu.gpr(6)).toBe(0x4000000000080013n);
    expect(vcpu.gpr(7)).toBe(0x84013n);
    expect(vcpu.gpr(8)).toBe(0x0e000802n);
    expect(vcpu.gpr(9) >> 31n).toBe(1n);
  });

  it("invtlb with an op above 6 raises INE", () => {
    const { vcpu } = bare(`${VECTOR}invtlb 7, $zero, $zero@@idle 0`);
    expect(vcpu.run().kind).toBe("Halt");
    expect((vcpu.csrs.read(Csr.ESTAT) >> 16n) & 0x3fn).toBe(BigInt(Ecode.INE));
  });

  it("a TLB refill walks the tables with lddir/ldpte (keeping NR/NX as the manual says) and tlbfill", () => {
    // 3 levels, 16 KiB pages: PT 14/11, Dir1 25/11, Dir3 36/11; tables at 0x240000, 0x250000, 0x260000
    const { vcpu, poke } = bare(
      [
        "li.d $t0, 0x5e56e\ncsrwr $t0, 0x1c", // PWCL: 14 | 11<<5 | 25<<10 | 11<<15
        "li.d $t0, 0x2e4\ncsrwr $t0, 0x1d", // PWCH: 36 | 11<<6
        "li.d $t0, 0x240000\ncsrwr $t0, 0x19",
        "li.d $t0, 14\ncsrwr $t0, 0x1e",
        "li.d $t0, 0x202000\ncsrwr $t0, 0x88", // TLBRENTRY
        "li.d $t0, 0x11\ncsrwr $t0, 0x180", // DMW0: segment 0 at PLV0
        "li.d $t0, 0x10\ncsrwr $t0, 0x0", // PG on
        "li.d $t1, 0xffff800000004000\nld.d $a0, $t1, 8", // odd page of the pair
        "csrrd $a1, 0x8c\ncsrrd $a2, 0x8d\ncsrrd $a3, 0x8e",
        "idle 0",
        "@@",
        "@@csrwr $t0, 0x8b\ncsrrd $t0, 0x1b\nlddir $t0, $t0, 3\nlddir $t0, $t0, 1",
        "ldpte $t0, 0\nldpte $t0, 1\ntlbfill\ncsrrd $t0, 0x8b\nertn",
      ].join("\n"),
    );
    // VA 0xffff800000004000: Dir3 index (va >> 36) & 0x7ff = 0 (bit 47 is above the walk), Dir1 0, PT index 1
    const pgdh = 0x240000n;
    vcpu.csrs.write(Csr.PGDH, pgdh);
    poke(pgdh, 0x250000n);
    poke(0x250000n, 0x260000n);
    poke(0x260000n, 0x2a0000n | 0x13n | (1n << 61n));
    poke(0x260008n, 0x2a4000n | 0x13n | (1n << 62n));
    poke(0x2a4008n, 0xfeedn);
    expect(vcpu.run().kind).toBe("Halt");
    expect(vcpu.gpr(4)).toBe(0xfeedn);
    expect(vcpu.gpr(5)).toBe(0x2a0013n | (1n << 61n));
    expect(vcpu.gpr(6)).toBe(0x2a4013n | (1n << 62n));
    expect(vcpu.gpr(7) & 0x3fn).toBe(14n);
    expect(vcpu.csrs.read(Csr.TLBRERA) & 1n).toBe(0n);
  });
});

describe("exceptions the guests leave out (QEMU 7.2 deviates)", () => {
  it("a misaligned PC raises ADEF with ERA = BADV = the PC and no BADI", () => {
    const { vcpu } = bare(`${VECTOR}pcaddi $t0, 0\naddi.d $t0, $t0, 2\njr $t0@@idle 0`);
    expect(vcpu.run().kind).toBe("Halt");
    const c = vcpu.csrs;
    expect((c.read(Csr.ESTAT) >> 16n) & 0x1ffn).toBe(BigInt(Ecode.ADE));
    expect((c.read(Csr.ESTAT) >> 22n) & 0x1ffn).toBe(0n);
    expect(c.read(Csr.ERA)).toBe(c.read(Csr.BADV));
    expect(c.read(Csr.ERA) & 3n).toBe(2n);
  });

  it("a fetch from an NX page raises PNX", () => {
    const { vcpu } = bare(
      [
        VECTOR,
        "li.d $t0, 0x11\ncsrwr $t0, 0x180\nli.d $t0, 14\ncsrwr $t0, 0x1e",
        "li.d $t0, 0xffff800000000000\ncsrwr $t0, 0x11",
        "li.d $t0, 0x4000000000280003\ncsrwr $t0, 0x12\ncsrwr $zero, 0x13",
        "li.d $t0, 0x0e000800\ncsrwr $t0, 0x10\ntlbwr",
        "li.d $t0, 0x10\ncsrwr $t0, 0x0",
        "li.d $t1, 0xffff800000000000\njr $t1",
        "@@idle 0",
      ].join("\n"),
    );
    expect(vcpu.run().kind).toBe("Halt");
    expect((vcpu.csrs.read(Csr.ESTAT) >> 16n) & 0x3fn).toBe(BigInt(Ecode.PNX));
    expect(vcpu.csrs.read(Csr.BADV)).toBe(0xffff800000000000n);
  });

  it("ertn clears the LLbit unless LLBCTL.KLO, which it clears; ROLLB shows the LLbit", () => {
    const run = (klo: boolean) => {
      const { vcpu } = bare(
        [
          "li.d $t8, 0x201000\ncsrwr $t8, 0xc",
          "li.d $s0, 0x280000\nll.d $t0, $s0, 0\ncsrrd $a2, 0x60",
          "syscall 0",
          "addi.d $t0, $t0, 5\nsc.d $t0, $s0, 0\nmove $a0, $t0\ncsrrd $a1, 0x60\nidle 0",
          `@@csrrd $t1, 0x6\naddi.d $t1, $t1, 4\ncsrwr $t1, 0x6\nli.d $t1, ${klo ? 4 : 0}\ncsrwr $t1, 0x60\nertn`,
        ].join("\n"),
      );
      expect(vcpu.run().kind).toBe("Halt");
      return [vcpu.gpr(4), vcpu.gpr(5), vcpu.gpr(6) & 1n];
    };
    expect(run(false)).toEqual([0n, 0n, 1n]);
    expect(run(true)).toEqual([1n, 0n, 1n]);
  });

  it("exception entry saves PLV/IE/WE in PRMD and ertn restores them; ECFG.VS spaces the vectors", () => {
    const { vcpu } = bare(
      [
        "li.d $t8, 0x201000\ncsrwr $t8, 0xc\nli.d $t0, 0x20000\ncsrwr $t0, 0x4", // VS = 2: 16 bytes
        "li.d $t0, 0x204\ncsrxchg $t0, $t0, 0x0", // WE, IE (ECFG.LIE = 0: nothing pending)
        "syscall 0\ncsrrd $a1, 0x0\nidle 0",
        `@@${"nop\n".repeat(44)}csrrd $a0, 0x1\ncsrrd $t1, 0x6\naddi.d $t1, $t1, 4\ncsrwr $t1, 0x6\ncsrrd $a2, 0x0\nertn`,
      ].join("\n"),
    );
    expect(vcpu.run().kind).toBe("Halt");
    expect(vcpu.gpr(4) & 0xfn).toBe(0xcn); // PWE, PIE
    expect(vcpu.gpr(6) & 0x207n).toBe(0n); // in the handler: PLV0, IE 0, WE 0
    expect(vcpu.gpr(5) & 0x207n).toBe(0x204n);
  });
});

describe("tlbsrch and translation with multiple matching entries (undefined in the manual)", () => {
  it("tlbsrch reports the lowest matching index, the access uses it, and GuestTlb counts the hits", () => {
    const { vcpu } = bare(
      [
        "li.d $t0, 0xe\ncsrwr $t0, 0x1e", // STLBPS = 14
        "li.d $t0, 0x400000\ncsrwr $t0, 0x11", // TLBEHI: VA 0x400000
        "li.d $t0, 0x200013\ncsrwr $t0, 0x12", // even page -> PA 0x200000, V D PLV0 CC
        "li.d $t0, 0\ncsrwr $t0, 0x13",
        "li.d $t0, 0x0e000805\ncsrwr $t0, 0x10", // MTLB index 2053, PS 14
        "tlbwr",
        "li.d $t0, 0x0e000000\ncsrwr $t0, 0x10",
        "tlbfill", // the same pair into the STLB
        "tlbsrch\ncsrrd $a0, 0x10",
        "idle 0",
      ].join("\n"),
    );
    expect(vcpu.run().kind).toBe("Halt");
    const idx = Number(vcpu.gpr(4) & 0xfffn);
    expect(vcpu.gpr(4) >> 31n).toBe(0n); // found (NE = 0)
    expect(idx).toBeLessThan(2048); // the STLB copy
    expect(vcpu.memory.tlb.matchesOf(0x400000n, 0)).toEqual([idx, 2053]);
    expect(vcpu.memory.tlb.multipleHits).toBe(1);
  });
});

describe("MISC.DWPL through the vCPU", () => {
  it("a PLV0 store to a D = 0 page raises PME, and completes once MISC.DWPL0 is set", () => {
    const run = (misc: number) => {
      const { vcpu } = bare(
        [
          VECTOR,
          `li.d $t0, ${misc}\ncsrwr $t0, 0x3`,
          "li.d $t0, 0x11\ncsrwr $t0, 0x180\nli.d $t0, 14\ncsrwr $t0, 0x1e",
          "li.d $t0, 0xffff800000000000\ncsrwr $t0, 0x11",
          "li.d $t0, 0x280011\ncsrwr $t0, 0x12\ncsrwr $zero, 0x13", // V, CC, PLV0, D = 0
          "li.d $t0, 0x0e000800\ncsrwr $t0, 0x10\ntlbwr",
          "li.d $t0, 0x10\ncsrwr $t0, 0x0",
          "li.d $t1, 0xffff800000000000\nli.d $t2, 7\nst.d $t2, $t1, 0\nld.d $a0, $t1, 0\nidle 0",
          "@@idle 0",
        ].join("\n"),
      );
      expect(vcpu.run().kind).toBe("Halt");
      return vcpu;
    };
    const strict = run(0);
    expect((strict.csrs.read(Csr.ESTAT) >> 16n) & 0x3fn).toBe(BigInt(Ecode.PME));
    const relaxed = run(0x1_0000);
    expect(relaxed.gpr(4)).toBe(7n);
    expect(relaxed.guestEvents().exceptions).toBe(0);
  });
});
