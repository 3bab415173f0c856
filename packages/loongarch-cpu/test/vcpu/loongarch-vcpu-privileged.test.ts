// The privileged-architecture remainder of LoongArchVCpu (loongarch-vcpu.ts): machine-error entry and the
// MERRCTL path of ertn, debug mode (dbcl, DBG/DERA, ertn), LVZ GINTC (VIP/PIP/HC), FP loads and stores to
// device addresses (MMIO exits naming the FP register), and the PLV checks of CSR access. QEMU 7.2 has no
// machine errors, GINTC or a usable debug mode, so these follow the manual and are unit tests.
import { HostPhysMemory } from "@axvisor/axaddrspace";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assemble, Csr, Ecode, LoongArchVCpu } from "../../src/index.js";
import {
  bareVcpu,
  BARE_CODE as CODE,
  DEV,
  makeVm,
  PATTERN,
  patternDevice,
  runToHypercall as toHvcl,
} from "./harness.js";

const bytes = (src: string) => new Uint8Array(assemble(src).buffer);

/** A vCPU whose code starts at 0x200000; "@@" splits the source into 4 KiB pages. */
const bare = (src: string) => bareVcpu(src).vcpu;

describe("LoongArchVCpu machine errors (MERRCTL, MERRERA, ertn)", () => {
  // MERRENTRY = 0x201000; CRMD gets IE and WE; hvcl 0 hands over to the host, which injects the error
  const program = [
    "li.d $t0, 0x201000",
    "csrwr $t0, 0x93", // MERRENTRY
    "li.d $t0, 0x204",
    "csrxchg $t0, $t0, 0x0", // IE | WE
    "li.d $t0, 0x77",
    "csrwr $t0, 0x6", // ERA: must survive
    "li.d $a0, 0",
    "hvcl 0",
    "after: csrrd $s0, 0x0", // CRMD after ertn
    "csrrd $s1, 0x90", // MERRCTL after ertn
    "li.d $a0, 2",
    "hvcl 0",
    "@@",
    "csrrd $s2, 0x90", // MERRCTL in the handler
    "csrrd $s3, 0x94", // MERRERA
    "csrrd $s4, 0x0", // CRMD in the handler
    "csrrd $s5, 0x6", // ERA
    "csrrd $s6, 0x91", // MERRINFO1
    "li.d $a0, 1",
    "hvcl 0",
    "ertn",
  ].join("\n");

  it("entry saves CRMD into MERRCTL, goes to MERRENTRY in DA mode; ertn restores and returns to MERRERA", () => {
    const vcpu = bare(program);
    expect(toHvcl(vcpu)).toBe(0n);
    const resume = vcpu.cpu.pc;
    vcpu.injectMachineError({ info1: 0x1234n });
    expect(vcpu.cpu.pc).toBe(0x201000n);
    expect(toHvcl(vcpu)).toBe(1n);
    // IsMERR, PIE, PWE, PDA, PDATF = PDATM = 1, Cause = 1
    expect(vcpu.gpr(25)).toBe(0x1_0ad1n);
    expect(vcpu.gpr(26)).toBe(resume);
    expect(vcpu.gpr(27)).toBe(0x8n); // PLV0, IE 0, WE 0, DA 1, PG 0, DATF = DATM = 0
    expect(vcpu.gpr(28)).toBe(0x77n); // ERA untouched
    expect(vcpu.gpr(29)).toBe(0x1234n);
    expect(toHvcl(vcpu)).toBe(2n);
    expect(vcpu.gpr(23)).toBe(0x2acn); // CRMD back: DATF/DATM 1, DA, IE, WE
    expect(vcpu.gpr(24)).toBe(0x1_0ad0n); // IsMERR cleared, the rest kept
    expect(vcpu.guestEvents().exceptions).toBe(1);
  });

  it("software cannot set IsMERR, PIE or Cause; the handler may edit PPLV/PDATF before ertn", () => {
    const vcpu = bare(
      [
        "li.d $t0, -1",
        "csrwr $t0, 0x90",
        "csrrd $a1, 0x90",
        "li.d $a0, 0",
        "hvcl 0",
        "csrrd $s0, 0x0",
        "li.d $a0, 2",
        "hvcl 0",
        "@@",
        // PDATF = 2 (WUC) before returning
        "li.d $t0, 0x400",
        "li.d $t1, 0x600",
        "csrxchg $t0, $t1, 0x90",
        "ertn",
      ].join("\n"),
    );
    vcpu.csrs.set(Csr.MERRENTRY, 0x201000n);
    expect(toHvcl(vcpu)).toBe(0n);
    expect(vcpu.gpr(5)).toBe(0x1fcen);
    vcpu.csrs.set(Csr.MERRCTL, 0n);
    vcpu.injectMachineError({ cause: 0x7f, repairable: true });
    expect(vcpu.csrs.read(Csr.MERRCTL) >> 16n).toBe(0x7fn);
    expect(vcpu.csrs.read(Csr.MERRCTL) & 2n).toBe(2n);
    expect(toHvcl(vcpu)).toBe(2n);
    expect((vcpu.gpr(23) >> 5n) & 3n).toBe(2n);
  });

  it("a machine error inside the TLB-refill handler returns there first (MERR before TLBR in ertn)", () => {
    const vcpu = bare(
      [
        "li.d $a0, 0",
        "hvcl 0",
        "csrrd $s0, 0x8a", // TLBRERA still has IsTLBR
        "li.d $a0, 1",
        "hvcl 0",
        "ertn", // now the refill path: to TLBRERA.PC with paging on
        "@@",
        "ertn",
      ].join("\n"),
    );
    vcpu.csrs.set(Csr.MERRENTRY, 0x201000n);
    // pretend a refill handler runs: IsTLBR with a return PC
    vcpu.csrs.set(Csr.TLBRERA, 0x1234_5670n | 1n);
    expect(toHvcl(vcpu)).toBe(0n);
    vcpu.injectMachineError();
    expect(toHvcl(vcpu)).toBe(1n);
    expect(vcpu.gpr(23)).toBe(0x1234_5671n);
    expect(vcpu.csrs.read(Csr.MERRCTL) & 1n).toBe(0n);
  });
});

describe("LoongArchVCpu debug mode (dbcl, DBG, DERA, DSAVE)", () => {
  it("dbcl enters debug mode at EENTRY + 0x480 with DBG.DST/DCL and DERA; ertn returns to DERA", () => {
    const vcpu = bare(
      [
        "li.d $t0, 0x201000",
        "csrwr $t0, 0xc", // EENTRY
        "li.d $t0, 0x55",
        "csrwr $t0, 0x6", // ERA: a debug exception leaves it
        "at: dbcl 3",
        "csrrd $s2, 0x500", // DBG after ertn
        "csrrd $s3, 0x6",
        "li.d $a0, 2",
        "hvcl 0",
        "@@",
        ...Array.from({ length: 0x480 / 4 }, () => "nop"),
        "csrrd $s0, 0x500",
        "csrrd $s1, 0x501",
        "move $t1, $s1",
        "csrwr $t1, 0x502", // DSAVE is scratch
        "addi.d $t0, $s1, 4",
        "csrwr $t0, 0x501", // return past dbcl
        "li.d $a0, 1",
        "hvcl 0",
        "ertn",
      ].join("\n"),
    );
    expect(toHvcl(vcpu)).toBe(1n);
    expect(vcpu.gpr(23)).toBe(0xc_0203n); // Ecode 0xc, DCL, DRev 1, DST
    expect(vcpu.gpr(24)).toBe(CODE + 16n);
    expect(vcpu.csrs.read(Csr.DSAVE)).toBe(CODE + 16n);
    expect(toHvcl(vcpu)).toBe(2n);
    expect(vcpu.gpr(25)).toBe(2n); // DST, DCL, Ecode cleared; DRev stays
    expect(vcpu.gpr(26)).toBe(0x55n);
  });

  it("interrupts are held off in debug mode; DBG is read-only", () => {
    const vcpu = bare(
      ["li.d $t0, -1", "csrwr $t0, 0x500", "csrrd $a1, 0x500", "li.d $a0, 0", "hvcl 0", "spin: b spin"].join(
        "\n",
      ),
    );
    expect(toHvcl(vcpu)).toBe(0n);
    expect(vcpu.gpr(5)).toBe(2n);
    vcpu.csrs.set(Csr.DBG, 3n);
    vcpu.csrs.set(Csr.ECFG, 1n);
    vcpu.csrs.set(Csr.CRMD, vcpu.csrs.read(Csr.CRMD) | 4n);
    vcpu.injectInterrupt(0);
    const spin = vcpu.cpu.pc;
    vcpu.csrs.set(Csr.EENTRY, spin);
    vcpu.setSliceBudget(10);
    vcpu.run();
    expect(vcpu.guestEvents().interrupts).toBe(0);
    expect(vcpu.cpu.pc).toBe(spin);
    // out of debug mode the same line is taken at once
    vcpu.csrs.set(Csr.DBG, 2n);
    vcpu.run();
    expect(vcpu.guestEvents().interrupts).toBe(1);
  });
});

describe("LoongArchVCpu LVZ GINTC", () => {
  it("injectInterrupt(2..9) sets GINTC.VIP, which the guest sees in ESTAT.IS[9:2] and cannot clear", () => {
    const vcpu = bare("li.d $t0, 0\ncsrwr $t0, 0x5\ncsrrd $a1, 0x5\nli.d $a0, 0\nhvcl 0");
    vcpu.injectInterrupt(2);
    vcpu.injectInterrupt(9);
    expect(vcpu.gintc()).toBe(0x81n);
    expect(toHvcl(vcpu)).toBe(0n);
    expect(vcpu.gpr(5) & 0x3fcn).toBe(0x204n);
    vcpu.clearInterrupt(2);
    expect(vcpu.gintc()).toBe(0x80n);
    expect(vcpu.csrs.read(Csr.ESTAT) & 0x3fcn).toBe(0x200n);
  });

  it("PIP passes host lines through, HC clears a line and reads 0, VIP | (PIP & host) is the guest view", () => {
    const vcpu = bare("hvcl 0");
    const hwi = () => (vcpu.csrs.read(Csr.ESTAT) >> 2n) & 0xffn;
    vcpu.setHostInterrupt(3, true);
    vcpu.setHostInterrupt(5, true);
    expect(hwi()).toBe(0n);
    vcpu.setGintc(0x2801n); // PIP 3 and 5, VIP 0
    expect(vcpu.gintc()).toBe(0x2801n);
    expect(hwi()).toBe(0x29n);
    vcpu.setHostInterrupt(5, false);
    expect(hwi()).toBe(0x09n);
    vcpu.setGintc(0x09_2801n); // HC clears HWI0 (VIP) and HWI3 (latched host line)
    expect(vcpu.gintc()).toBe(0x2800n);
    expect(hwi()).toBe(0n);
    expect(() => vcpu.setHostInterrupt(8, true)).toThrow();
  });

  it("property: the guest's HWI bits always equal VIP | (PIP & host lines)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({
              op: fc.constant("gintc" as const),
              v: fc.bigInt({ min: 0n, max: (1n << 24n) - 1n }),
            }),
            fc.record({
              op: fc.constant("host" as const),
              line: fc.integer({ min: 0, max: 7 }),
              level: fc.boolean(),
            }),
            fc.record({
              op: fc.constant("inject" as const),
              line: fc.integer({ min: 2, max: 9 }),
              level: fc.boolean(),
            }),
          ),
          { maxLength: 20 },
        ),
        (ops) => {
          const vcpu = new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() });
          let vip = 0n;
          let pip = 0n;
          let host = 0n;
          for (const o of ops) {
            if (o.op === "gintc") {
              const hc = (o.v >> 16n) & 0xffn;
              vip = o.v & 0xffn & ~hc;
              pip = (o.v >> 8n) & 0xffn;
              host &= ~hc;
              vcpu.setGintc(o.v);
            } else if (o.op === "host") {
              host = o.level ? host | (1n << BigInt(o.line)) : host & ~(1n << BigInt(o.line));
              vcpu.setHostInterrupt(o.line, o.level);
            } else {
              const bit = 1n << BigInt(o.line - 2);
              vip = o.level ? vip | bit : vip & ~bit;
              if (o.level) vcpu.injectInterrupt(o.line);
              else vcpu.clearInterrupt(o.line);
            }
            expect(vcpu.gintc()).toBe(vip | (pip << 8n));
            expect((vcpu.csrs.read(Csr.ESTAT) >> 2n) & 0xffn).toBe(vip | (pip & host));
          }
        },
      ),
    );
  });

  it("a VIP line is taken as the guest's interrupt when ECFG.LIE and CRMD.IE allow", () => {
    const vcpu = bare(
      [
        "li.d $t0, 0x201000",
        "csrwr $t0, 0xc",
        "li.d $t0, 0x8", // LIE: HWI1
        "csrwr $t0, 0x4",
        "li.d $t0, 4",
        "csrxchg $t0, $t0, 0x0",
        "idle 0",
        "li.d $a0, 2",
        "hvcl 0",
        "@@",
        "csrrd $s0, 0x5",
        "li.d $a0, 1",
        "hvcl 0",
      ].join("\n"),
    );
    expect(vcpu.run().kind).toBe("Halt");
    vcpu.injectInterrupt(3);
    expect(toHvcl(vcpu)).toBe(1n);
    expect(vcpu.gpr(23) & 0x3fff_ffffn).toBe(0x8n); // Ecode INT, IS[3]
    expect(vcpu.guestEvents().interrupts).toBe(1);
  });
});

describe("LoongArchVCpu FP loads and stores to device addresses", () => {
  const fpProgram = (body: string) =>
    [`li.d $t0, ${DEV}`, "li.d $t1, 0x18", "li.d $t2, 1", "csrwr $t2, 0x2", body, "idle 0"].join("\n");

  it.each([
    ["fld.d $fa3, $t0, 8", 8, DEV + 8n],
    ["fld.s $fa3, $t0, 4", 4, DEV + 4n],
    ["fldx.d $fa3, $t0, $t1", 8, DEV + 0x18n],
    ["fldx.s $fa3, $t0, $t1", 4, DEV + 0x18n],
  ] as const)("%s exits with MmioRead naming f3 as register 35 (not ADE)", (insn, size, addr) => {
    const vcpu = bare(fpProgram(insn));
    const exit = vcpu.run();
    expect(exit.kind).toBe("MmioRead");
    if (exit.kind !== "MmioRead") return;
    expect(exit.reg).toBe(32 + 3);
    expect(exit.width.size()).toBe(size);
    expect(exit.addr.value).toBe(addr);
    expect(exit.signedExt).toBe(false);
    expect(vcpu.guestEvents().exceptions).toBe(0);
  });

  it("through AxVM the value lands in the FP register (fld.s NaN-boxed) and the PC moves on once", () => {
    const writes: [bigint, number, bigint][] = [];
    const h = makeVm({
      code: bytes(
        fpProgram(
          [
            "fld.d $fa0, $t0, 0",
            "fld.s $fa1, $t0, 8",
            "fldx.d $fa2, $t0, $t1",
            "movfr2gr.d $a0, $fa0",
            "movfr2gr.d $a1, $fa1",
            "movfr2gr.d $a2, $fa2",
            "fst.d $fa0, $t0, 0x20",
            "fst.s $fa1, $t0, 0x28",
            "fstx.d $fa2, $t0, $t1",
            "fstx.s $fa0, $t0, $t1",
          ].join("\n"),
        ),
      ),
      devices: [patternDevice((a, w, v) => writes.push([a, w.size(), v]))],
    });
    expect(h.runUntilExit().kind).toBe("Halt");
    const vcpu = h.vcpu();
    expect(vcpu.gpr(4)).toBe(PATTERN);
    expect(vcpu.gpr(5)).toBe(0xffff_ffff_0000_0000n | (PATTERN & 0xffff_ffffn));
    expect(vcpu.gpr(6)).toBe(PATTERN);
    expect(vcpu.gpr(32 + 1)).toBe(vcpu.gpr(5));
    expect(writes).toEqual([
      [DEV + 0x20n, 8, PATTERN],
      [DEV + 0x28n, 4, PATTERN & 0xffff_ffffn],
      [DEV + 0x18n, 8, PATTERN],
      [DEV + 0x18n, 4, PATTERN & 0xffff_ffffn],
    ]);
  });

  it("with EUEN.FPE off an FP load of a device address is FPD, not an exit", () => {
    const vcpu = bare(
      [
        "li.d $t0, 0x201000",
        "csrwr $t0, 0xc",
        `li.d $t0, ${DEV}`,
        "fld.d $fa0, $t0, 0",
        "@@",
        "csrrd $a1, 0x5",
        "li.d $a0, 1",
        "hvcl 0",
      ].join("\n"),
    );
    expect(toHvcl(vcpu)).toBe(1n);
    expect((vcpu.gpr(5) >> 16n) & 0x3fn).toBe(BigInt(Ecode.FPD));
  });
});

describe("LoongArchVCpu CSR access rules", () => {
  it("undefined CSRs read 0 and ignore writes (csrwr returns 0, no exception)", () => {
    const vcpu = bare(
      [
        "li.d $t0, -1",
        "csrwr $t0, 0x45",
        "csrrd $a1, 0x45",
        "li.d $t1, 3",
        "csrxchg $t1, $t1, 0x3ff",
        "li.d $a0, 0",
        "hvcl 0",
      ].join("\n"),
    );
    expect(toHvcl(vcpu)).toBe(0n);
    expect(vcpu.gpr(12)).toBe(0n); // t0 got the old value 0
    expect(vcpu.gpr(5)).toBe(0n);
    expect(vcpu.gpr(13)).toBe(0n);
    expect(vcpu.guestEvents().exceptions).toBe(0);
  });

  it("a CSR access outside PLV0 raises IPE, except csrrd of a counter that MISC.RPCNTL allows", () => {
    const user = (misc: number) =>
      bare(
        [
          "li.d $t0, 0x201000",
          "csrwr $t0, 0xc",
          `li.d $t0, ${misc}`,
          "csrwr $t0, 0x3", // MISC
          "li.d $t0, 0x1234",
          "csrwr $t0, 0x201", // PMCNT0
          "li.d $t0, 3",
          "csrwr $t0, 0x1", // PPLV 3
          "la.pcrel $t0, user",
          "csrwr $t0, 0x6",
          "ertn",
          "user: csrrd $a1, 0x201",
          "csrrd $a2, 0x200",
          "@@",
          "csrrd $s0, 0x5",
          "csrrd $s1, 0x6",
          "li.d $a0, 1",
          "hvcl 0",
        ].join("\n"),
      );
    const denied = user(0);
    expect(toHvcl(denied)).toBe(1n);
    expect((denied.gpr(23) >> 16n) & 0x3fn).toBe(BigInt(Ecode.IPE));
    const allowed = user(0x800); // RPCNTL3
    expect(toHvcl(allowed)).toBe(1n);
    expect(allowed.gpr(5)).toBe(0x1234n);
    // the configuration register stays privileged
    expect((allowed.gpr(23) >> 16n) & 0x3fn).toBe(BigInt(Ecode.IPE));
    expect(allowed.gpr(24)).toBe(denied.gpr(24) + 4n);
  });

  it("MISC.DRDTL3 makes rdtime at PLV3 raise IPE; PLV0 is never affected", () => {
    const user = (misc: number) =>
      bare(
        [
          "li.d $t0, 0x201000",
          "csrwr $t0, 0xc",
          `li.d $t0, ${misc}`,
          "csrwr $t0, 0x3",
          "rdtime.d $a3, $zero", // PLV0: always allowed
          "li.d $t0, 3",
          "csrwr $t0, 0x1",
          "la.pcrel $t0, user",
          "csrwr $t0, 0x6",
          "ertn",
          "user: rdtime.d $a1, $a2",
          "syscall 0",
          "@@",
          "csrrd $s0, 0x5",
          "li.d $a0, 1",
          "hvcl 0",
        ].join("\n"),
      );
    const allowed = user(0);
    expect(toHvcl(allowed)).toBe(1n);
    expect((allowed.gpr(23) >> 16n) & 0x3fn).toBe(BigInt(Ecode.SYS));
    expect(allowed.gpr(5)).toBeGreaterThan(0n);
    const denied = user(0x80); // DRDTL3
    expect(toHvcl(denied)).toBe(1n);
    expect((denied.gpr(23) >> 16n) & 0x3fn).toBe(BigInt(Ecode.IPE));
    expect(denied.gpr(7)).toBeGreaterThan(0n);
    expect(denied.gpr(5)).toBe(0n);
  });
});
