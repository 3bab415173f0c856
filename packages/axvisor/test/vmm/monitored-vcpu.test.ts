import { GuestPhysAddr, HostPhysAddr } from "@axvisor/axaddrspace";
import type { AxVCpuExitReason } from "@axvisor/axvcpu";
import { describe, expect, it } from "vitest";
import { type MonitoredVCpu, monitorArch } from "../../src/vmm/monitored-vcpu.js";
import { type FakeCreateConfig, FakeVCpu } from "../fixtures/fake-arch.js";

describe("monitorArch", () => {
  it("forwards every call to the wrapped vCPU and reports each exit", () => {
    const seen: [number, AxVCpuExitReason][] = [];
    const Monitored = monitorArch<FakeCreateConfig, undefined>(FakeVCpu, (id, exit) => seen.push([id, exit]));
    const instances: FakeVCpu[] = [];
    const programs = new Map([["0x1000", [{ op: "exit", exit: { kind: "SystemDown" } }] as const]]);
    const v = new Monitored(3, 2, { programs, instances });
    const inner = (v as unknown as MonitoredVCpu).inner as FakeVCpu;
    expect(instances).toEqual([inner]);
    v.setEntry(GuestPhysAddr.from(0x1000n));
    v.setEptRoot(HostPhysAddr.from(0n));
    v.setup(undefined);
    v.bind();
    v.setGpr(4, 9n);
    v.injectInterrupt(3);
    v.setReturnValue(5n);
    expect(v.run()).toEqual({ kind: "SystemDown" });
    v.unbind();
    expect(seen).toEqual([[2, { kind: "SystemDown" }]]);
    expect([inner.entry, inner.regs[4], inner.injected, inner.returns]).toEqual([0x1000n, 9n, [3], [5n]]);
  });

  it("spreads one time slice over the run() calls between MMIO exits", () => {
    const seen: string[] = [];
    const Monitored = monitorArch<FakeCreateConfig, undefined>(FakeVCpu, (_id, exit) => seen.push(exit.kind));
    const programs = new Map([
      [
        "0x1000",
        [
          { op: "putc", text: "abcdef" },
          { op: "spin", n: 100 },
        ] as const,
      ],
    ]);
    const v = new Monitored(1, 0, { programs, instances: [] });
    const m = v as unknown as MonitoredVCpu;
    v.setEntry(GuestPhysAddr.from(0x1000n));
    m.beginSlice(3);
    const kinds = [v.run().kind, v.run().kind, v.run().kind, v.run().kind];
    // Three one-instruction MMIO writes use the slice up; the fourth call ends it without running.
    expect(kinds).toEqual(["MmioWrite", "MmioWrite", "MmioWrite", "Nothing"]);
    expect(m.inner.instructionsRetired?.()).toBe(3);
    m.beginSlice(50);
    expect(v.run().kind).toBe("MmioWrite");
    expect(v.run().kind).toBe("MmioWrite");
    expect(v.run().kind).toBe("MmioWrite");
    // The spin gets what is left of the 50: 47 instructions, then Nothing.
    expect(v.run().kind).toBe("Nothing");
    expect(m.inner.instructionsRetired?.()).toBe(53);
    expect(seen).toEqual([
      "MmioWrite",
      "MmioWrite",
      "MmioWrite",
      "Nothing",
      "MmioWrite",
      "MmioWrite",
      "MmioWrite",
      "Nothing",
    ]);
  });
});
