import { AccessWidth, GuestPhysAddr } from "@axvisor/axaddrspace";
import { AxVMConfig } from "@axvisor/axvm";
import { describe, expect, it } from "vitest";
import { Vmm, VmmError, type VmmEvent, type VmmOptions } from "../../src/index.js";
import { fakeArch, fakeToml, type Step } from "../fixtures/fake-arch.js";

const KERNEL = { kernel: new Uint8Array(16), kernelName: "fake.bin" };
const decoder = new TextDecoder();

function setup(
  programs: Record<string, readonly Step[]>,
  vms: readonly { id: number; name: string; cpus?: number }[] = [{ id: 1, name: "vm1" }],
  extra: Partial<VmmOptions> = {},
) {
  const { binding, instances } = fakeArch(programs);
  const out = new Map<number, string>();
  const events: VmmEvent[] = [];
  const vmm = new Vmm({
    arch: binding,
    console: (id, bytes) => out.set(id, (out.get(id) ?? "") + decoder.decode(bytes)),
    onEvent: (e) => events.push(e),
    sliceInstructions: 1000,
    ...extra,
  });
  for (const v of vms) vmm.createVm(AxVMConfig.fromToml(fakeToml(v.id, v.name, v.cpus ?? 1)), KERNEL);
  return { vmm, instances, out, events };
}

const cpu = (instances: ReturnType<typeof fakeArch>["instances"], vmId: number, vcpuId: number) => {
  const found = instances.find((i) => i.vmId === vmId && i.vcpuId === vcpuId);
  if (found === undefined) throw new Error(`no fake vCPU ${vmId}/${vcpuId}`);
  return found;
};

describe("Vmm lifecycle", () => {
  it("creates a loaded VM, boots it, prints through the UART and stops on power-off", () => {
    const { vmm, out, events } = setup({ "0x200000": [{ op: "putc", text: "hi\n" }, { op: "poweroff" }] });
    const vm = vmm.vm(1);
    expect(vm?.state()).toBe("loaded");
    expect(vm?.vcpuStates()).toEqual(["free"]);
    vmm.startVm(1);
    expect(vm?.vcpuStates()).toEqual(["runnable"]);
    expect(vmm.run()).toBe("done");
    expect(out.get(1)).toBe("hi\n");
    expect(vm?.state()).toBe("stopped");
    expect(vm?.reason()).toBe("powered off");
    expect(events.filter((e) => e.kind === "state").map((e) => (e.kind === "state" ? e.state : ""))).toEqual([
      "loaded",
      "running",
      "stopped",
    ]);
  });

  it("starts only vCPU 0 (axvisor), or every vCPU on request (QEMU reset)", () => {
    const { vmm, out } = setup(
      { "0x200000": [{ op: "putc", text: "x" }, { op: "spin", n: 5000 }, { op: "poweroff" }] },
      [
        { id: 1, name: "bsp-only", cpus: 2 },
        { id: 2, name: "all", cpus: 2 },
      ],
    );
    vmm.startVm(1);
    vmm.startVm(2, { allVcpus: true });
    expect(vmm.vm(1)?.vcpuStates()).toEqual(["runnable", "free"]);
    expect(vmm.vm(2)?.vcpuStates()).toEqual(["runnable", "runnable"]);
    vmm.run();
    expect([out.get(1), out.get(2)]).toEqual(["x", "xx"]);
  });

  it("starts every vCPU by default when the arch binding says its CPUs all run from reset", () => {
    const { binding } = fakeArch({ "0x200000": [{ op: "spin", n: 10 }] });
    const vmm = new Vmm({ arch: { ...binding, startAllVcpus: true } });
    vmm.createVm(AxVMConfig.fromToml(fakeToml(1, "all", 3)), KERNEL);
    vmm.startVm(1);
    expect(vmm.vm(1)?.vcpuStates()).toEqual(["runnable", "runnable", "runnable"]);
    vmm.createVm(AxVMConfig.fromToml(fakeToml(2, "bsp", 3)), KERNEL);
    vmm.startVm(2, { allVcpus: false });
    expect(vmm.vm(2)?.vcpuStates()).toEqual(["runnable", "free", "free"]);
  });

  it("reports a reset request as the stop reason", () => {
    const { vmm } = setup({ "0x200000": [{ op: "reset" }] });
    vmm.startVm(1);
    vmm.run();
    expect(vmm.vm(1)?.reason()).toMatch(/reset/);
  });

  it("stops on a SystemDown exit", () => {
    const { vmm } = setup({ "0x200000": [{ op: "exit", exit: { kind: "SystemDown" } }] });
    vmm.startVm(1);
    expect(vmm.run()).toBe("done");
    expect(vmm.vm(1)?.state()).toBe("stopped");
  });

  it("refuses duplicate ids, unknown VMs and wrong states with VmmError codes", () => {
    const { vmm } = setup({ "0x200000": [{ op: "spin", n: 1e9 }] });
    const err = (f: () => void): string => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(VmmError);
        return (e as VmmError).code;
      }
      return "no error";
    };
    expect(err(() => vmm.createVm(AxVMConfig.fromToml(fakeToml(1, "again")), KERNEL))).toBe("AlreadyExists");
    expect(err(() => vmm.startVm(9))).toBe("NotFound");
    expect(err(() => vmm.resumeVm(1))).toBe("BadState");
    expect(err(() => vmm.suspendVm(1))).toBe("BadState");
    vmm.startVm(1);
    expect(err(() => vmm.startVm(1))).toBe("BadState");
    expect(err(() => vmm.deleteVm(1))).toBe("BadState");
    vmm.stopVm(1);
    expect(err(() => vmm.stopVm(1))).toBe("BadState");
    expect(vmm.vm(1)?.reason()).toBe("stopped by the user");
    vmm.deleteVm(1);
    expect(vmm.vms()).toEqual([]);
  });

  it("suspends and resumes: a suspended VM gets no time slices", () => {
    const { vmm, instances } = setup({ "0x200000": [{ op: "spin", n: 1e9 }] });
    vmm.startVm(1);
    vmm.run({ maxRounds: 3 });
    const fake = cpu(instances, 1, 0);
    expect(fake.instructionsRetired()).toBe(3000);
    vmm.suspendVm(1);
    expect(vmm.vm(1)?.state()).toBe("suspended");
    expect(vmm.run({ maxRounds: 5 })).toBe("done");
    expect(fake.instructionsRetired()).toBe(3000);
    vmm.resumeVm(1);
    vmm.run({ maxRounds: 2 });
    expect(fake.instructionsRetired()).toBe(5000);
    vmm.deleteVm(1, { force: true });
    expect(vmm.vm(1)).toBeUndefined();
    expect(fake.disposed).toBe(true);
  });

  it("rejects images the config cannot place and destroys the half-built VM", () => {
    const { binding } = fakeArch({});
    const vmm = new Vmm({ arch: binding });
    const config = AxVMConfig.fromToml(fakeToml(1, "x"));
    expect(() => vmm.createVm(config, { kernel: new Uint8Array(4), dtb: new Uint8Array(4) })).toThrow(
      /dtb_load_addr/,
    );
    expect(vmm.vms()).toEqual([]);
    const bad = Uint8Array.of(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0);
    expect(() =>
      vmm.createVm(AxVMConfig.fromToml(fakeToml(2, "y")), { kernel: bad, kernelName: "bad.elf" }),
    ).toThrow(/bad\.elf/);
  });

  it("validates its options", () => {
    const { binding } = fakeArch({});
    expect(() => new Vmm({ arch: binding, sliceInstructions: 0 })).toThrow(RangeError);
    expect(() => new Vmm({ arch: binding, maxInstructions: -1 })).toThrow(RangeError);
  });
});

describe("Vmm exit handling (axvisor vcpu_run table)", () => {
  it("Hypercall: the handler's value, or -1 when it throws, goes to the return register", () => {
    const hc = (nr: bigint): Step => ({
      op: "exit",
      exit: { kind: "Hypercall", nr, args: [1n, 2n, 0n, 0n, 0n, 0n] },
    });
    const { vmm, instances, events } = setup({ "0x200000": [hc(2n), hc(99n), { op: "poweroff" }] });
    vmm.startVm(1);
    vmm.run();
    expect(cpu(instances, 1, 0).returns).toEqual([0n, -1n]);
    expect(events.filter((e) => e.kind === "hypercall")).toHaveLength(2);

    const custom = setup({ "0x200000": [hc(7n), { op: "poweroff" }] }, undefined, {
      hypercall: (c) => c.nr + c.args[0] + c.args[1],
    });
    custom.vmm.startVm(1);
    custom.vmm.run();
    expect(cpu(custom.instances, 1, 0).returns).toEqual([10n]);
  });

  it("FailEntry fails the VM", () => {
    const { vmm } = setup({
      "0x200000": [{ op: "exit", exit: { kind: "FailEntry", hardwareEntryFailureReason: 7n } }],
    });
    vmm.startVm(1);
    expect(vmm.run()).toBe("done");
    expect(vmm.vm(1)?.state()).toBe("failed");
    expect(vmm.vm(1)?.reason()).toMatch(/failed to enter the guest \(reason 0x7\)/);
  });

  it("ExternalInterrupt and Nothing just continue", () => {
    const { vmm, out } = setup({
      "0x200000": [
        { op: "exit", exit: { kind: "ExternalInterrupt", vector: 3n } },
        { op: "putc", text: "ok" },
        { op: "poweroff" },
      ],
    });
    vmm.startVm(1);
    vmm.run();
    expect(out.get(1)).toBe("ok");
  });

  it("CpuUp starts the secondary vCPU at its entry with the argument; the caller gets 0", () => {
    const up: Step = {
      op: "exit",
      exit: { kind: "CpuUp", targetCpu: 1n, entryPoint: GuestPhysAddr.from(0x30_0000n), arg: 42n },
    };
    const { vmm, instances, out } = setup(
      {
        "0x200000": [{ op: "putc", text: "A" }, up, { op: "halt" }],
        "0x300000": [{ op: "putc", text: "B" }, { op: "poweroff" }],
      },
      [{ id: 1, name: "smp", cpus: 2 }],
    );
    vmm.startVm(1);
    expect(vmm.vm(1)?.vcpuStates()).toEqual(["runnable", "free"]);
    expect(vmm.run()).toBe("done");
    expect(out.get(1)).toBe("AB");
    const ap = cpu(instances, 1, 1);
    expect(ap.entry).toBe(0x30_0000n);
    expect(ap.regs[4]).toBe(42n);
    expect(cpu(instances, 1, 0).returns).toEqual([0n]);
  });

  it("CpuUp to a CPU the VM does not have fails the VM", () => {
    const up: Step = {
      op: "exit",
      exit: { kind: "CpuUp", targetCpu: 5n, entryPoint: GuestPhysAddr.from(0n), arg: 0n },
    };
    const { vmm } = setup({ "0x200000": [up] });
    vmm.startVm(1);
    vmm.run();
    expect(vmm.vm(1)?.reason()).toMatch(/no vCPU on physical CPU 5/);
  });

  it("Halt waits for an injected interrupt; with nothing to wake it the run is idle", () => {
    const { vmm, out, instances } = setup({
      "0x200000": [{ op: "putc", text: "1" }, { op: "halt" }, { op: "putc", text: "2" }, { op: "poweroff" }],
    });
    vmm.startVm(1);
    expect(vmm.run()).toBe("idle");
    expect(out.get(1)).toBe("1");
    expect(vmm.vm(1)?.vcpuStates()).toEqual(["halted"]);
    expect(vmm.hasWork()).toBe(false);
    vmm.injectInterrupt(1, 0, 9);
    expect(cpu(instances, 1, 0).injected).toEqual([9]);
    expect(vmm.run()).toBe("done");
    expect(out.get(1)).toBe("12");
  });

  it("Halt with an armed timer: virtual time jumps to the deadline and the vCPU resumes", () => {
    const { vmm, out, instances } = setup({
      "0x200000": [{ op: "halt", wakeAfter: 5000 }, { op: "putc", text: "woke" }, { op: "poweroff" }],
    });
    vmm.startVm(1);
    expect(vmm.run()).toBe("done");
    expect(out.get(1)).toBe("woke");
    expect(cpu(instances, 1, 0).idleTicks).toBe(5000);
  });

  it("a halted vCPU keeps waiting while others run, and wakes at its deadline", () => {
    const { vmm, instances } = setup(
      {
        "1:0x200000": [{ op: "halt", wakeAfter: 2500 }, { op: "putc", text: "x" }, { op: "poweroff" }],
        "2:0x200000": [{ op: "spin", n: 1e9 }],
      },
      [
        { id: 1, name: "sleeper" },
        { id: 2, name: "spinner" },
      ],
    );
    vmm.startVm(1);
    vmm.startVm(2);
    vmm.run({ until: () => vmm.vm(1)?.state() === "stopped" });
    // Deadline 1 + 2500: the spinner's third slice passes it, the sleeper runs (and powers off) in round 4,
    // whose spinner slice also runs before the stop condition is checked.
    expect(cpu(instances, 2, 0).instructionsRetired()).toBe(4000);
    expect(cpu(instances, 1, 0).idleTicks).toBeGreaterThanOrEqual(2500);
  });

  it("SendIPI injects into the target vCPU and wakes it", () => {
    const up: Step = {
      op: "exit",
      exit: { kind: "CpuUp", targetCpu: 1n, entryPoint: GuestPhysAddr.from(0x30_0000n), arg: 0n },
    };
    const ipi: Step = {
      op: "exit",
      exit: {
        kind: "SendIPI",
        targetCpu: 1n,
        targetCpuAux: 0n,
        sendToAll: false,
        sendToSelf: false,
        vector: 12n,
      },
    };
    const { vmm, instances, out } = setup(
      {
        "0x200000": [up, { op: "spin", n: 3000 }, ipi, { op: "halt" }],
        "0x300000": [{ op: "halt" }, { op: "putc", text: "ipi" }, { op: "poweroff" }],
      },
      [{ id: 1, name: "smp", cpus: 2 }],
    );
    vmm.startVm(1);
    expect(vmm.run()).toBe("done");
    expect(cpu(instances, 1, 1).injected).toEqual([12]);
    expect(out.get(1)).toBe("ipi");
  });

  it("SendIPI to all and to self", () => {
    const up: Step = {
      op: "exit",
      exit: { kind: "CpuUp", targetCpu: 1n, entryPoint: GuestPhysAddr.from(0x30_0000n), arg: 0n },
    };
    const ipi = (all: boolean, self: boolean): Step => ({
      op: "exit",
      exit: {
        kind: "SendIPI",
        targetCpu: 0n,
        targetCpuAux: 0n,
        sendToAll: all,
        sendToSelf: self,
        vector: 1n,
      },
    });
    const { vmm, instances } = setup(
      {
        "0x200000": [up, ipi(true, false), ipi(false, true), { op: "poweroff" }],
        "0x300000": [{ op: "halt" }],
      },
      [{ id: 1, name: "smp", cpus: 2 }],
    );
    vmm.startVm(1);
    vmm.run();
    expect(cpu(instances, 1, 1).injected).toEqual([1]);
    expect(cpu(instances, 1, 0).injected).toEqual([1]);
  });

  it("CpuDown takes the vCPU off the run queue", () => {
    const { vmm } = setup({ "0x200000": [{ op: "exit", exit: { kind: "CpuDown", state: 0n } }] });
    vmm.startVm(1);
    expect(vmm.run()).toBe("idle");
    expect(vmm.vm(1)?.vcpuStates()).toEqual(["down"]);
  });
});

describe("Vmm isolation, fairness and limits", () => {
  it("a faulting VM fails with a reason while the other VM runs to power-off", () => {
    const { vmm, out } = setup(
      {
        "1:0x200000": [
          { op: "putc", text: "a" },
          { op: "fault", gpa: 0x4000_0000n },
        ],
        "2:0x200000": [{ op: "spin", n: 5000 }, { op: "putc", text: "b" }, { op: "poweroff" }],
      },
      [
        { id: 1, name: "bad" },
        { id: 2, name: "good" },
      ],
    );
    vmm.startVm(1);
    vmm.startVm(2);
    expect(vmm.run()).toBe("done");
    expect(vmm.vm(1)?.state()).toBe("failed");
    expect(vmm.vm(1)?.reason()).toMatch(/NestedPageFault \{ addr: GPA:0x40000000/);
    expect(vmm.vm(2)?.state()).toBe("stopped");
    expect(out.get(2)).toBe("b");
  });

  it("a vCPU that throws fails only its VM", () => {
    const { vmm } = setup(
      {
        "1:0x200000": [{ op: "throw", message: "decoder exploded" }],
        "2:0x200000": [{ op: "poweroff" }],
      },
      [
        { id: 1, name: "bad" },
        { id: 2, name: "good" },
      ],
    );
    vmm.startVm(1);
    vmm.startVm(2);
    vmm.run();
    expect(vmm.vm(1)?.reason()).toBe("vCPU 0: decoder exploded");
    expect(vmm.vm(2)?.reason()).toBe("powered off");
  });

  it("an access to an address no device answers fails the VM", () => {
    const read: Step = {
      op: "exit",
      exit: {
        kind: "MmioRead",
        addr: GuestPhysAddr.from(0x1fe0_0000n),
        width: AccessWidth.Byte,
        reg: 4,
        regWidth: AccessWidth.Qword,
        signedExt: false,
      },
    };
    const { vmm } = setup({ "0x200000": [read] });
    vmm.startVm(1);
    vmm.run();
    expect(vmm.vm(1)?.state()).toBe("failed");
    expect(vmm.vm(1)?.reason()).toMatch(/^vCPU 0: /);
  });

  it("schedules VMs fairly: equal time slices per round", () => {
    const { vmm, instances } = setup({ "0x200000": [{ op: "spin", n: 1e9 }] }, [
      { id: 1, name: "a" },
      { id: 2, name: "b" },
      { id: 3, name: "c" },
    ]);
    for (const id of [1, 2, 3]) vmm.startVm(id);
    expect(vmm.run({ maxRounds: 50 })).toBe("limit");
    expect([1, 2, 3].map((id) => cpu(instances, id, 0).instructionsRetired())).toEqual([
      50_000, 50_000, 50_000,
    ]);
  });

  it("a guest that only does MMIO still yields at the end of its slice", () => {
    // Every putc is an MMIO exit that AxVM.runVcpu handles without returning: the slice spans them.
    const { vmm, out } = setup(
      {
        "1:0x200000": [{ op: "putc", text: "." }, { op: "loop" }],
        "2:0x200000": [{ op: "putc", text: "b" }, { op: "poweroff" }],
      },
      [
        { id: 1, name: "poller" },
        { id: 2, name: "other" },
      ],
    );
    vmm.startVm(1);
    vmm.startVm(2);
    expect(vmm.run({ maxRounds: 4 })).toBe("limit");
    expect(out.get(1)).toBe(".".repeat(4000));
    expect(out.get(2)).toBe("b");
    expect(vmm.stats()[0]?.exits).toEqual({ MmioWrite: 4000, Nothing: 4 });
  });

  it("fails a VM that reaches the instruction limit", () => {
    const { vmm } = setup({ "0x200000": [{ op: "spin", n: 1e9 }] }, undefined, { maxInstructions: 2500 });
    vmm.startVm(1);
    expect(vmm.run()).toBe("done");
    expect(vmm.vm(1)?.instructions()).toBe(2500);
    expect(vmm.vm(1)?.reason()).toBe("instruction limit of 2500 reached");
  });

  it("runAsync yields to the event loop and finishes", async () => {
    let yields = 0;
    let t = 0;
    const { vmm } = setup({ "0x200000": [{ op: "spin", n: 20_000 }, { op: "poweroff" }] }, undefined, {
      now: () => (t += 1),
    });
    vmm.startVm(1);
    await expect(vmm.runAsync({ chunkMs: 3, onYield: () => yields++ })).resolves.toBe("done");
    expect(yields).toBeGreaterThan(0);
    const aborted = setup({ "0x200000": [{ op: "spin", n: 1e9 }] });
    aborted.vmm.startVm(1);
    await expect(aborted.vmm.runAsync({ signal: { aborted: true } })).resolves.toBe("limit");
  });
});

describe("Vmm power registers declared in the config", () => {
  const write = (addr: bigint, data = 0x34n) =>
    ({
      op: "exit",
      exit: { kind: "MmioWrite", addr: GuestPhysAddr.from(addr), width: AccessWidth.Byte, data },
    }) as const;
  const toml = (entries: string) =>
    fakeToml(1, "vm1").replace(
      'emu_devices = [["uart0", 0x1fe001e0, 0x8, 2, 0x2, []]]',
      `emu_devices = [["uart0", 0x1fe001e0, 0x8, 2, 0x2, []], ${entries}]`,
    );

  it("a qemu-ged-power meta device moves the GED register; the default one is then absent", () => {
    for (const [addr, reason] of [
      [0x1010_0000n, "powered off"],
      [0x100e_001cn, "vCPU 0: no emulated MMIO device at GPA:0x100e001c (write, Byte)"],
    ] as const) {
      const { binding } = fakeArch({ "0x200000": [write(addr), { op: "spin", n: 1e9 }] });
      const vmm = new Vmm({ arch: binding, maxInstructions: 10_000 });
      vmm.createVm(AxVMConfig.fromToml(toml('["qemu-ged-power", 0x10100000, 0x3, 0, 0x0, []]')), KERNEL);
      vmm.startVm(1);
      vmm.run();
      expect(vmm.vm(1)?.reason()).toBe(reason);
    }
  });

  it("declared power registers exist even with qemuVirtPower: false; other meta devices are skipped with a warning", () => {
    const { binding } = fakeArch({ "0x200000": [write(0x1008_0010n, 0xffn), { op: "spin", n: 1e9 }] });
    const events: VmmEvent[] = [];
    const vmm = new Vmm({ arch: binding, qemuVirtPower: false, onEvent: (e) => events.push(e) });
    vmm.createVm(
      AxVMConfig.fromToml(
        toml('["qemu-virt-pm", 0x10080000, 0x100, 0, 0x0, []], ["gpio", 0x1fe00500, 0x8, 0, 0x0, []]'),
      ),
      KERNEL,
    );
    vmm.startVm(1);
    vmm.run();
    expect(vmm.vm(1)?.reason()).toBe("powered off");
    expect(
      events.some(
        (e) => e.kind === "warning" && e.message.includes('"gpio": meta device (0x0) is not emulated'),
      ),
    ).toBe(true);
  });
});

describe("Vmm idle time while waiting for input", () => {
  // The guest arms its UART's receive interrupt (IER = 1), then idles until a timer 10 ms of guest time away.
  const armIer = {
    op: "exit",
    exit: { kind: "MmioWrite", addr: GuestPhysAddr.from(0x1fe0_01e1n), width: AccessWidth.Byte, data: 1n },
  } as const;
  const program = (arm: boolean) => ({
    "0x200000": [
      ...(arm ? [armIer] : []),
      { op: "halt", wakeAfter: 1_000_000 },
      { op: "poweroff" },
    ] as Step[],
  });
  /** A VMM whose board connects the UART's interrupt line (to nothing), so input could wake the guest. */
  function wired(arm: boolean, now: () => number) {
    const { binding, instances } = fakeArch(program(arm));
    const vmm = new Vmm({ arch: { ...binding, board: () => ({ interruptLine: () => () => {} }) }, now });
    vmm.createVm(AxVMConfig.fromToml(fakeToml(1, "vm1")), KERNEL);
    vmm.startVm(1);
    return { vmm, instances };
  }

  it("runAsync paces idle jumps to the host clock while input may wake the guest", async () => {
    // the fake binding has no clockHz: 100 MHz, so one host millisecond allows 100 000 ticks of idle time
    let t = 0;
    const paced = wired(true, () => t);
    let sleeps = 0;
    const outcome = paced.vmm.runAsync({
      chunkMs: 1,
      idleMs: 0,
      waitForInput: () => true,
      onYield: () => {
        sleeps++;
        t += 2; // two host milliseconds per wait: the 10 ms deadline needs five of them
      },
    });
    await expect(outcome).resolves.toBe("done");
    expect(sleeps).toBeGreaterThanOrEqual(5);
    expect(cpu(paced.instances, 1, 0).idleTicks).toBe(1_000_000);
  });

  it("skips idle time at once when no input can come or none could wake the guest", async () => {
    for (const [arm, input] of [
      [true, false],
      [false, true],
    ] as const) {
      const free = wired(arm, () => 0);
      let waits = 0;
      await expect(free.vmm.runAsync({ onYield: () => waits++, waitForInput: () => input })).resolves.toBe(
        "done",
      );
      expect(waits).toBe(0);
      expect(cpu(free.instances, 1, 0).idleTicks).toBe(1_000_000);
    }
  });

  it("a guest idle forever ends the run when input could not wake it, even while input may come", async () => {
    const { binding } = fakeArch({ "0x200000": [{ op: "halt" }] });
    const vmm = new Vmm({ arch: binding });
    vmm.createVm(AxVMConfig.fromToml(fakeToml(1, "vm1")), KERNEL);
    vmm.startVm(1);
    await expect(vmm.runAsync({ waitForInput: () => true })).resolves.toBe("idle");
  });
});

describe("Vmm statistics and tracing", () => {
  it("counts instructions, runs and every exit by reason, also those handled inside runVcpu", () => {
    let t = 0;
    const { vmm } = setup(
      { "0x200000": [{ op: "spin", n: 2500 }, { op: "putc", text: "abc" }, { op: "poweroff" }] },
      undefined,
      {
        now: () => (t += 0.5),
      },
    );
    vmm.startVm(1);
    vmm.run();
    const [s] = vmm.stats();
    expect(s?.vmName).toBe("vm1");
    expect(s?.instructions).toBe(2504);
    expect(s?.runs).toBe(3);
    expect(s?.exits).toEqual({ MmioWrite: 4, Nothing: 2 });
    expect(s?.wallMs).toBe(1.5);
    expect(s?.mips).toBeCloseTo(2504 / 1.5 / 1000);
  });

  it("reports every exit with traceExits, and warns when the vCPU cannot trace instructions", () => {
    const { vmm, events } = setup(
      { "0x200000": [{ op: "putc", text: "z" }, { op: "poweroff" }] },
      undefined,
      {
        traceExits: true,
        traceInstructions: true,
      },
    );
    vmm.startVm(1);
    vmm.run();
    const exits = events.flatMap((e) => (e.kind === "exit" ? [e.exit.kind] : []));
    expect(exits).toEqual(["MmioWrite", "MmioWrite"]);
    expect(events.some((e) => e.kind === "warning" && /cannot trace instructions/.test(e.message))).toBe(
      true,
    );
  });
});

describe("Vmm with the example guests", () => {
  it("loads a real guest ELF where its program headers say and enters at e_entry", async () => {
    const { readFileSync } = await import("node:fs");
    const { resolve } = await import("node:path");
    const elf = new Uint8Array(
      readFileSync(resolve(import.meta.dirname, "../../../../examples/guests/elf/hello.elf")),
    );
    const { binding, instances } = fakeArch({});
    const vmm = new Vmm({ arch: binding });
    const vm = vmm.createVm(AxVMConfig.fromToml(fakeToml(1, "hello")), {
      kernel: elf,
      kernelName: "hello.elf",
    });
    // The first PT_LOAD of hello.elf sits at file offset 0x10000 and physical address 0x200000.
    expect(vm.axvm.readFromGuest(GuestPhysAddr.from(0x20_0000n), 64)).toEqual(elf.subarray(0x10000, 0x10040));
    expect(cpu(instances, 1, 0).entry).toBe(0x20_0000n);
  });
});
