import { describe, expect, it } from "vitest";
import { Access, Cpu, type CpuMemory, Fault, StopReason, TLB_PAGE_SIZE } from "../../src/index.js";

describe("CpuMemory contract", () => {
  it("has distinct access kinds and negative fault codes", () => {
    expect(new Set(Object.values(Access)).size).toBe(3);
    for (const f of Object.values(Fault)) expect(f).toBeLessThan(0);
    expect(TLB_PAGE_SIZE).toBe(4096);
  });

  it("is asked once per page thanks to the CPU's TLB, and may grow its RAM array", () => {
    let ram = new Uint8Array(4096);
    let calls = 0;
    const mem: CpuMemory = {
      get ram() {
        return ram;
      },
      translate: (lo, hi, _a) => {
        calls++;
        if (hi !== 0 || lo < 0x1000 || lo >= 0x3000) return Fault.UNMAPPED;
        if (ram.length < 8192) {
          const grown = new Uint8Array(8192);
          grown.set(ram);
          ram = grown;
        }
        return lo - 0x1000;
      },
    };
    // a loop storing then loading the same address on page 0x2000, code on page 0x1000
    const code = [0x29c00085, 0x28c00086, 0x02fffce7, 0x47fff4ff, 0x002a0000]; // st.d a1,a0,0; ld.d a2,a0,0; addi.d a3,a3,-1; bnez a3,-12; break 0
    const cpu = new Cpu(mem, { pc: 0x1000n });
    code.forEach((w, i) => {
      new DataView(ram.buffer).setUint32(4 * i, w, true);
    });
    cpu.setReg(4, 0x2008n);
    cpu.setReg(5, 0x1234n);
    cpu.setReg(7, 100n);
    calls = 0;
    expect(cpu.run(10_000)).toBe(StopReason.EXCEPTION);
    expect(cpu.getReg(6)).toBe(0x1234n);
    expect(calls).toBeLessThanOrEqual(4);
  });
});
