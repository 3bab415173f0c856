// The performance monitors (perf-monitor.ts) and how LoongArchVCpu drives them: lazy counting per
// privilege level, cycles vs retired instructions over idle, the PMI level on ESTAT.IS[10] taken at the
// overflow instruction. QEMU 7.2 has no performance monitors (its CSRs read 0), so this follows the manual.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Csr, CsrFile, type LoongArchVCpu, PerfEvent, PerfMonitor } from "../../src/index.js";
import { bareVcpu, runToHypercall } from "./harness.js";

const TOP = 1n << 63n;

const bare = (src: string) => bareVcpu(src).vcpu;

/** Runs to the hypercall, letting idle time pass at each `idle`. */
const toHvcl = (vcpu: LoongArchVCpu) => runToHypercall(vcpu, true);

describe("PerfMonitor", () => {
  it("counts cycles or retired instructions only at the enabled privilege levels", () => {
    const c = new CsrFile();
    const pm = new PerfMonitor();
    c.write(Csr.PMCFG0, 0x1_0000n | BigInt(PerfEvent.CYCLES)); // PLV0
    c.write(Csr.PMCFG1, 0x8_0000n | BigInt(PerfEvent.INSTRUCTIONS)); // PLV3
    c.write(Csr.PMCFG2, 0x9_0001n); // PLV0 and PLV3, instructions
    c.write(Csr.PMCFG3, 0xf_0042n); // an event this model does not count
    pm.sync(c, 100, 60, 3); // [0,100) at PLV0: 100 cycles, 60 instructions
    pm.sync(c, 130, 90, 0); // [100,130) at PLV3
    expect(c.read(Csr.PMCNT0)).toBe(100n);
    expect(c.read(Csr.PMCNT1)).toBe(30n);
    expect(c.read(Csr.PMCNT2)).toBe(90n);
    expect(c.read(Csr.PMCNT3)).toBe(0n);
  });

  it("raises the PMI level while PMIEn and the top bit are set; the distance to the overflow", () => {
    const c = new CsrFile();
    expect(PerfMonitor.active(c)).toBe(false);
    c.write(Csr.PMCFG3, 0x11_0000n); // PMIEn, cycles at PLV0
    c.write(Csr.PMCNT3, TOP - 5n);
    expect(PerfMonitor.active(c)).toBe(true);
    expect(PerfMonitor.interruptPending(c)).toBe(false);
    expect(PerfMonitor.ticksToOverflow(c, 0)).toBe(5);
    expect(PerfMonitor.ticksToOverflow(c, 1)).toBeUndefined();
    const pm = new PerfMonitor();
    pm.sync(c, 5, 5, 0);
    expect(PerfMonitor.interruptPending(c)).toBe(true);
    expect(PerfMonitor.ticksToOverflow(c, 0)).toBeUndefined();
    // software clears the top bit to drop the request
    c.write(Csr.PMCNT3, 0n);
    expect(PerfMonitor.interruptPending(c)).toBe(false);
    // without PMIEn a set top bit requests nothing
    c.write(Csr.PMCFG3, 0x1_0000n);
    c.write(Csr.PMCNT3, TOP);
    expect(PerfMonitor.interruptPending(c)).toBe(false);
  });

  it("property: syncing in pieces equals syncing once (counts wrap modulo 2^64)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 10 }),
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        (steps, start) => {
          const a = new CsrFile();
          const b = new CsrFile();
          for (const c of [a, b]) {
            c.write(Csr.PMCFG0, 0x1_0000n);
            c.write(Csr.PMCNT0, start);
          }
          const pa = new PerfMonitor();
          const pb = new PerfMonitor();
          let t = 0;
          for (const s of steps) {
            t += s;
            pa.sync(a, t, t, 0);
          }
          pb.sync(b, t, t, 0);
          expect(a.read(Csr.PMCNT0)).toBe(b.read(Csr.PMCNT0));
          expect(b.read(Csr.PMCNT0)).toBe((start + BigInt(t)) & ((1n << 64n) - 1n));
        },
      ),
    );
  });
});

describe("LoongArchVCpu performance monitors", () => {
  it("a counter set 100 below the top bit interrupts (ESTAT.IS[10]) at the 100th instruction", () => {
    const vcpu = bare(
      [
        "li.d $t0, 0x201000",
        "csrwr $t0, 0xc",
        "li.d $t0, 0x400", // LIE: PMI
        "csrwr $t0, 0x4",
        "li.d $t0, 0x7fffffffffffff9c", // 2^63 - 100
        "csrwr $t0, 0x201",
        "li.d $t0, 0x110001", // instructions at PLV0, PMIEn
        "csrwr $t0, 0x200",
        "li.d $t0, 4",
        "csrxchg $t0, $t0, 0x0", // IE (instruction 1 after the PMCFG0 write)
        "loop: addi.d $s0, $s0, 1",
        "b loop",
        "@@",
        "csrrd $a1, 0x5",
        "csrrd $a2, 0x201",
        "li.d $a0, 1",
        "hvcl 0",
      ].join("\n"),
    );
    expect(toHvcl(vcpu)).toBe(1n);
    expect(vcpu.gpr(5) & 0x3f_1fffn).toBe(0x400n); // Ecode INT, IS[10]
    // 2 instructions (li.d is one here, csrxchg) + 98 loop instructions: s0 counts the addi.d ones
    expect(vcpu.gpr(23)).toBe(49n);
    expect(vcpu.gpr(6) >= TOP).toBe(true);
    expect(vcpu.guestEvents().interrupts).toBe(1);
  });

  it("PLV3 counting sees the user task only; cycles keep counting over idle, instructions do not", () => {
    const vcpu = bare(
      [
        "li.d $t0, 0x201000",
        "csrwr $t0, 0xc",
        "li.d $t0, 0x80001", // PMCFG0: instructions at PLV3
        "csrwr $t0, 0x200",
        "li.d $t0, 0x10000", // PMCFG1: cycles at PLV0
        "csrwr $t0, 0x202",
        "li.d $t0, 0x10001", // PMCFG2: instructions at PLV0
        "csrwr $t0, 0x204",
        "li.d $t0, 3",
        "csrwr $t0, 0x1",
        "la.pcrel $t0, user",
        "csrwr $t0, 0x6",
        "ertn",
        "user: addi.d $s0, $s0, 1",
        "addi.d $s0, $s0, 1",
        "addi.d $s0, $s0, 1",
        "syscall 0",
        "@@",
        "csrrd $s1, 0x201",
        "csrrd $s4, 0x203",
        "csrrd $s5, 0x205",
        "idle 0",
        "csrrd $s2, 0x203",
        "csrrd $s3, 0x205",
        "li.d $a0, 1",
        "hvcl 0",
      ].join("\n"),
    );
    const exit = vcpu.run();
    expect(exit.kind).toBe("Halt");
    vcpu.advanceIdle(1000);
    expect(toHvcl(vcpu)).toBe(1n);
    expect(vcpu.gpr(24)).toBe(4n); // three addi.d and the syscall that left PLV3
    // between the two pairs of reads: the same instructions, plus 1000 idle cycles
    expect(vcpu.gpr(25) - vcpu.gpr(27) - (vcpu.gpr(26) - vcpu.gpr(28))).toBe(1000n);
    expect(vcpu.gpr(26) - vcpu.gpr(28)).toBe(3n); // csrrd, csrrd (s5), idle
  });

  it("injectInterrupt(10) and the monitors drive IS[10] together", () => {
    const vcpu = bare("hvcl 0");
    vcpu.injectInterrupt(10);
    expect(vcpu.csrs.read(Csr.ESTAT) & 0x400n).toBe(0x400n);
    vcpu.clearInterrupt(10);
    expect(vcpu.csrs.read(Csr.ESTAT) & 0x400n).toBe(0n);
  });
});
