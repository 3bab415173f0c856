import { AxVMConfig } from "@axvisor/axvm";
import { describe, expect, it } from "vitest";
import { ManagedVm, Vmm } from "../../src/index.js";
import { fakeArch, fakeToml } from "../fixtures/fake-arch.js";

describe("ManagedVm", () => {
  it("reports the VM's state, vCPU task states, instructions and reason", () => {
    const { binding } = fakeArch({ "0x200000": [{ op: "spin", n: 1500 }, { op: "poweroff" }] });
    const vmm = new Vmm({ arch: binding, sliceInstructions: 1000 });
    const vm = vmm.createVm(AxVMConfig.fromToml(fakeToml(7, "seven", 2)), { kernel: new Uint8Array(8) });
    expect(vm).toBeInstanceOf(ManagedVm);
    expect([vm.id, vm.name, vm.state(), vm.reason()]).toEqual([7, "seven", "loaded", undefined]);
    expect(vm.vcpuStates()).toEqual(["free", "free"]);
    vmm.startVm(7);
    vmm.run();
    expect(vm.instructions()).toBe(1501);
    expect([vm.state(), vm.reason()]).toEqual(["stopped", "powered off"]);
    expect(vm.vcpuStates()).toEqual(["stopped", "stopped"]);
    vmm.failVm(7, "later failure");
    expect([vm.state(), vm.reason()]).toEqual(["failed", "later failure"]);
  });
});
