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
});
