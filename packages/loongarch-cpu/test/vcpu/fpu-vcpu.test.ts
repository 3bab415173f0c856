// The FPU inside LoongArchVCpu: FP instructions raise FPD until the guest sets EUEN.FPE, and an FP
// exception enabled in FCSR0 is delivered to the guest as FPE.
import { describe, expect, it } from "vitest";
import { Ecode, type LoongArchVCpu } from "../../src/index.js";
import { bareVcpu, BARE_CODE as CODE } from "./harness.js";

/** A vCPU whose exception handler (EENTRY = CODE + 0x1000) saves ESTAT/ERA in a0/a1 and halts. */
function boot(body: string): LoongArchVCpu {
  const src = [
    "li.d $t0, 0x201000",
    "csrwr $t0, 0xc",
    body,
    "idle 0",
    "@@",
    "csrrd $a0, 0x5",
    "csrrd $a1, 0x6",
    "csrwr $zero, 0x4",
    "idle 0",
  ].join("\n");
  return bareVcpu(src).vcpu;
}
const ecode = (v: LoongArchVCpu) => Number((v.gpr(4) >> 16n) & 0x3fn);

describe("LoongArchVCpu FPU", () => {
  it("raises FPD while EUEN.FPE = 0 (the reset value)", () => {
    const vcpu = boot("fadd.d $fa0, $fa1, $fa2");
    expect(vcpu.run().kind).toBe("Halt");
    expect(ecode(vcpu)).toBe(Ecode.FPD);
    expect(vcpu.gpr(5)).toBe(CODE + 8n); // ERA: the fadd.d after lu12i.w and csrwr
  });

  it("runs FP code once EUEN.FPE is set, and delivers enabled exceptions as FPE", () => {
    const vcpu = boot(
      [
        "li.w $t0, 1",
        "csrwr $t0, 0x2", // EUEN.FPE
        "li.d $t1, 0x3ff0000000000000",
        "movgr2fr.d $fa1, $t1",
        "fadd.d $fa3, $fa1, $fa1",
        "movfr2gr.d $s0, $fa3",
        "li.w $t0, 8",
        "movgr2fcsr $fcsr0, $t0", // Enables.Z
        "fdiv.d $fa0, $fa1, $fa2",
      ].join("\n"),
    );
    expect(vcpu.run().kind).toBe("Halt");
    expect(vcpu.gpr(23)).toBe(0x4000000000000000n);
    expect(ecode(vcpu)).toBe(Ecode.FPE);
    expect(vcpu.cpu.fpu.fcsr0 >>> 24).toBe(8);
  });
});
