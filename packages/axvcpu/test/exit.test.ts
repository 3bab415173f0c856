import { AccessWidth, GuestPhysAddr, MappingFlags, Port, SysRegAddr } from "@axvisor/axaddrspace";
import { describe, expect, it } from "vitest";
import { type AxVCpuExitReason, formatExitReason } from "../src/index.js";

describe("AxVCpuExitReason", () => {
  it("test_exit_reason_debug_format: contains MmioRead and 0x1000", () => {
    const exit: AxVCpuExitReason = {
      kind: "MmioRead",
      addr: GuestPhysAddr.from(0x1000n),
      width: AccessWidth.Dword,
      reg: 5,
      regWidth: AccessWidth.Qword,
      signedExt: false,
    };
    const s = formatExitReason(exit);
    expect(s).toContain("MmioRead");
    expect(s).toContain("0x1000");
    expect(s).toBe("MmioRead { addr: GPA:0x1000, width: Dword, reg: 5, regWidth: Qword, signedExt: false }");
  });

  it("test_exit_reason_hypercall", () => {
    const exit: AxVCpuExitReason = { kind: "Hypercall", nr: 42n, args: [1n, 2n, 3n, 4n, 5n, 6n] };
    if (exit.kind !== "Hypercall") throw new Error("narrowing");
    expect(exit.nr).toBe(42n);
    expect(exit.args[0]).toBe(1n);
    expect(exit.args[5]).toBe(6n);
    expect(formatExitReason(exit)).toBe("Hypercall { nr: 0x2a, args: [0x1, 0x2, 0x3, 0x4, 0x5, 0x6] }");
  });

  it("formats every variant readably", () => {
    const gpa = GuestPhysAddr.from(0x9000n);
    const cases: [AxVCpuExitReason, string][] = [
      [
        { kind: "MmioWrite", addr: gpa, width: AccessWidth.Byte, data: 0x41n },
        "MmioWrite { addr: GPA:0x9000, width: Byte, data: 0x41 }",
      ],
      [
        { kind: "SysRegRead", addr: SysRegAddr.new(0x20n), reg: 4 },
        "SysRegRead { addr: SysRegAddr(0x20), reg: 4 }",
      ],
      [
        { kind: "SysRegWrite", addr: SysRegAddr.new(0x20n), value: 1n },
        "SysRegWrite { addr: SysRegAddr(0x20), value: 0x1 }",
      ],
      [
        { kind: "IoRead", port: Port.new(0x3f8), width: AccessWidth.Byte },
        "IoRead { port: Port(0x3f8), width: Byte }",
      ],
      [
        { kind: "IoWrite", port: Port.new(0x3f8), width: AccessWidth.Byte, data: 7n },
        "IoWrite { port: Port(0x3f8), width: Byte, data: 0x7 }",
      ],
      [{ kind: "ExternalInterrupt", vector: 32n }, "ExternalInterrupt { vector: 0x20 }"],
      [
        { kind: "NestedPageFault", addr: gpa, accessFlags: MappingFlags.READ | MappingFlags.WRITE },
        "NestedPageFault { addr: GPA:0x9000, accessFlags: READ | WRITE }",
      ],
      [{ kind: "Halt" }, "Halt"],
      [
        { kind: "CpuUp", targetCpu: 1n, entryPoint: gpa, arg: 0n },
        "CpuUp { targetCpu: 0x1, entryPoint: GPA:0x9000, arg: 0x0 }",
      ],
      [{ kind: "CpuDown", state: 0n }, "CpuDown { state: 0x0 }"],
      [{ kind: "SystemDown" }, "SystemDown"],
      [{ kind: "Nothing" }, "Nothing"],
      [
        { kind: "FailEntry", hardwareEntryFailureReason: 3n },
        "FailEntry { hardwareEntryFailureReason: 0x3 }",
      ],
      [
        { kind: "SendIPI", targetCpu: 1n, targetCpuAux: 0n, sendToAll: false, sendToSelf: true, vector: 2n },
        "SendIPI { targetCpu: 0x1, targetCpuAux: 0x0, sendToAll: false, sendToSelf: true, vector: 0x2 }",
      ],
    ];
    for (const [exit, text] of cases) expect(formatExitReason(exit)).toBe(text);
  });
});
