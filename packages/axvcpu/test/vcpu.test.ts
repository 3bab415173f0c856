// Ports of Rust axvcpu src/test.rs, plus the state-machine paths the Rust tests skip (percpu).
import { AxError, GuestPhysAddr, HostPhysAddr } from "@axvisor/axaddrspace";
import { afterEach, describe, expect, it } from "vitest";
import {
  type AxArchVCpu,
  AxVCpu,
  type AxVCpuExitReason,
  clearCurrentVcpu,
  getCurrentVcpu,
  setCurrentVcpu,
  VCpuState,
  vcpuStateName,
} from "../src/index.js";

interface MockCreateConfig {
  log: string[];
  failNew?: boolean;
}
interface MockSetupConfig {
  fail?: boolean;
}

class MockArchVCpu implements AxArchVCpu<MockCreateConfig, MockSetupConfig> {
  entry: GuestPhysAddr | undefined;
  eptRoot: HostPhysAddr | undefined;
  isSetup = false;
  isBound = false;
  readonly registers: bigint[] = new Array<bigint>(16).fill(0n);
  readonly pendingInterrupts: number[] = [];
  returnValue = 0n;
  readonly log: string[];
  seenCurrent: unknown[] = [];
  nextExit: AxVCpuExitReason = { kind: "Halt" };
  onRun: (() => void) | undefined;

  constructor(
    readonly vmId: number,
    readonly vcpuId: number,
    config: MockCreateConfig,
  ) {
    if (config.failNew) throw new AxError("InvalidInput", "mock refuses");
    config.log.push("new");
    this.log = config.log;
  }
  setEntry(entry: GuestPhysAddr): void {
    this.log.push("set_entry");
    this.entry = entry;
  }
  setEptRoot(root: HostPhysAddr): void {
    this.log.push("set_ept_root");
    this.eptRoot = root;
  }
  setup(config: MockSetupConfig): void {
    this.log.push("setup");
    this.seenCurrent.push(getCurrentVcpu());
    if (config.fail || this.entry === undefined || this.eptRoot === undefined) {
      throw new AxError("InvalidInput", "setup failed");
    }
    this.isSetup = true;
  }
  run(): AxVCpuExitReason {
    this.log.push("run");
    this.onRun?.();
    if (!this.isBound) throw new AxError("BadState", "not bound");
    return this.nextExit;
  }
  bind(): void {
    this.log.push("bind");
    if (!this.isSetup) throw new AxError("BadState", "not set up");
    this.isBound = true;
  }
  unbind(): void {
    this.log.push("unbind");
    this.isBound = false;
  }
  setGpr(reg: number, val: bigint): void {
    this.log.push(`set_gpr(${reg}, ${val})`);
    if (reg < this.registers.length) this.registers[reg] = val;
  }
  injectInterrupt(vector: number): void {
    this.log.push(`inject_interrupt(${vector})`);
    this.pendingInterrupts.push(vector);
  }
  setReturnValue(val: bigint): void {
    this.log.push(`set_return_value(${val})`);
    this.returnValue = val;
  }
}

function createMockVcpu(vcpuId = 0): {
  vcpu: AxVCpu<MockCreateConfig, MockSetupConfig, MockArchVCpu>;
  log: string[];
} {
  const log: string[] = [];
  const vcpu = new AxVCpu(MockArchVCpu, 1, vcpuId, 0, undefined, { log });
  return { vcpu, log };
}

const entry = GuestPhysAddr.from(0x1000n);
const eptRoot = HostPhysAddr.from(0x2000n);

afterEach(() => clearCurrentVcpu());

describe("AxVCpu (Rust axvcpu tests)", () => {
  it("test_vcpu_creation", () => {
    const { vcpu, log } = createMockVcpu();
    expect(vcpu.id()).toBe(0);
    expect(vcpu.vmId()).toBe(1);
    expect(vcpu.favorPhysCpu()).toBe(0);
    expect(vcpu.physCpuSet()).toBeUndefined();
    expect(vcpu.state()).toBe(VCpuState.Created);
    expect(vcpu.isBsp()).toBe(true);
    expect(log).toEqual(["new"]);
  });

  it("test_vcpu_creation_failure: a failing arch constructor propagates", () => {
    expect(() => createMockVcpu()).not.toThrow();
    expect(() => new AxVCpu(MockArchVCpu, 1, 0, 0, undefined, { log: [], failNew: true })).toThrow(AxError);
  });

  it("test_vcpu_setup_lifecycle (arch calls in order)", () => {
    const { vcpu, log } = createMockVcpu();
    const arch = vcpu.getArchVcpu();
    arch.setEntry(entry);
    arch.setEptRoot(eptRoot);
    arch.setup({});
    expect(log).toEqual(["new", "set_entry", "set_ept_root", "setup"]);
  });

  it("test_vcpu_state_transitions", () => {
    const { vcpu } = createMockVcpu();
    vcpu.transitionState(VCpuState.Created, VCpuState.Free);
    expect(vcpu.state()).toBe(VCpuState.Free);
    vcpu.transitionState(VCpuState.Free, VCpuState.Ready);
    expect(vcpu.state()).toBe(VCpuState.Ready);
    expect(() => vcpu.transitionState(VCpuState.Running, VCpuState.Free)).toThrow(AxError);
    expect(vcpu.state()).toBe(VCpuState.Invalid);
  });

  it("wrong-state error is BadState and names the state it found", () => {
    const { vcpu } = createMockVcpu();
    vcpu.transitionState(VCpuState.Created, VCpuState.Free);
    let err: unknown;
    try {
      vcpu.run();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AxError);
    expect((err as AxError).code).toBe("BadState");
    expect((err as AxError).message).toContain("VCpu state is not Ready, but Free");
    expect(vcpu.state()).toBe(VCpuState.Invalid);
  });

  it("test_vcpu_setup_wrong_state: setState bypasses the machine; arch works regardless", () => {
    const { vcpu } = createMockVcpu();
    vcpu.transitionState(VCpuState.Created, VCpuState.Ready);
    expect(vcpu.state()).toBe(VCpuState.Ready);
    const arch = vcpu.getArchVcpu();
    arch.setEntry(entry);
    arch.setEptRoot(eptRoot);
    expect(() => arch.setup({})).not.toThrow();
    vcpu.setState(VCpuState.Blocked);
    expect(vcpu.state()).toBe(VCpuState.Blocked);
  });

  it("test_vcpu_bind_unbind / test_vcpu_run / test_arch_vcpu_lifecycle (through the arch vCPU)", () => {
    const { vcpu, log } = createMockVcpu();
    const arch = vcpu.getArchVcpu();
    arch.setEntry(entry);
    arch.setEptRoot(eptRoot);
    arch.setup({});
    arch.bind();
    expect(arch.run()).toEqual({ kind: "Halt" });
    arch.unbind();
    for (const call of ["set_entry", "set_ept_root", "setup", "bind", "run", "unbind"])
      expect(log).toContain(call);
  });

  it("test_vcpu_run_without_bind: the mock refuses", () => {
    const { vcpu } = createMockVcpu();
    const arch = vcpu.getArchVcpu();
    arch.setEntry(entry);
    arch.setEptRoot(eptRoot);
    arch.setup({});
    expect(() => arch.run()).toThrow(AxError);
  });

  it("test_vcpu_register_operations", () => {
    const { vcpu, log } = createMockVcpu();
    vcpu.setGpr(5, 0xdeadbeefn);
    vcpu.setReturnValue(42n);
    expect(vcpu.getArchVcpu().registers[5]).toBe(0xdeadbeefn);
    expect(vcpu.getArchVcpu().returnValue).toBe(42n);
    expect(log).toContain("set_gpr(5, 3735928559)");
    expect(log).toContain("set_return_value(42)");
  });

  it("test_vcpu_interrupt_injection", () => {
    const { vcpu, log } = createMockVcpu();
    vcpu.injectInterrupt(32);
    expect(log).toContain("inject_interrupt(32)");
    expect(vcpu.getArchVcpu().pendingInterrupts).toEqual([32]);
  });

  it("test_vcpu_bsp_identification", () => {
    expect(createMockVcpu(0).vcpu.isBsp()).toBe(true);
    expect(createMockVcpu(1).vcpu.isBsp()).toBe(false);
  });

  it("test_vcpu_cpu_affinity", () => {
    const vcpu = new AxVCpu(MockArchVCpu, 1, 0, 2, 0b1010n, { log: [] });
    expect(vcpu.favorPhysCpu()).toBe(2);
    expect(vcpu.physCpuSet()).toBe(0b1010n);
  });

  it("test_vcpu_state_display: discriminants and names", () => {
    expect([
      VCpuState.Invalid,
      VCpuState.Created,
      VCpuState.Free,
      VCpuState.Ready,
      VCpuState.Running,
      VCpuState.Blocked,
    ]).toEqual([0, 1, 2, 3, 4, 5]);
    expect(vcpuStateName(VCpuState.Running)).toBe("Running");
  });
});

describe("AxVCpu state machine (the paths Rust cannot test because of percpu)", () => {
  it("setup → bind → run → unbind, with current-vCPU set around each arch call", () => {
    const { vcpu, log } = createMockVcpu();
    vcpu.setup(entry, eptRoot, {});
    expect(vcpu.state()).toBe(VCpuState.Free);
    expect(vcpu.getArchVcpu().seenCurrent).toEqual([vcpu]);
    expect(getCurrentVcpu()).toBeUndefined();
    vcpu.bind();
    expect(vcpu.state()).toBe(VCpuState.Ready);
    let stateDuringRun: VCpuState | undefined;
    vcpu.getArchVcpu().onRun = () => {
      stateDuringRun = vcpu.state();
    };
    expect(vcpu.run()).toEqual({ kind: "Halt" });
    expect(stateDuringRun).toBe(VCpuState.Running);
    expect(vcpu.state()).toBe(VCpuState.Ready);
    vcpu.unbind();
    expect(vcpu.state()).toBe(VCpuState.Free);
    expect(log).toEqual(["new", "set_entry", "set_ept_root", "setup", "bind", "run", "unbind"]);
  });

  it("an arch failure leaves the vCPU Invalid and propagates the arch error", () => {
    const { vcpu } = createMockVcpu();
    expect(() => vcpu.setup(entry, eptRoot, { fail: true })).toThrow("setup failed");
    expect(vcpu.state()).toBe(VCpuState.Invalid);
    expect(getCurrentVcpu()).toBeUndefined();
  });

  it("setup twice fails with BadState naming Free", () => {
    const { vcpu } = createMockVcpu();
    vcpu.setup(entry, eptRoot, {});
    expect(() => vcpu.setup(entry, eptRoot, {})).toThrow(/not Created, but Free/);
  });

  it("refuses nested vCPU operations without corrupting the inner vCPU's state", () => {
    const a = createMockVcpu(0).vcpu;
    const b = createMockVcpu(1).vcpu;
    a.setup(entry, eptRoot, {});
    b.setup(entry, eptRoot, {});
    a.bind();
    b.bind();
    let inner: unknown;
    a.getArchVcpu().onRun = () => {
      try {
        b.run();
      } catch (e) {
        inner = e;
      }
    };
    a.run();
    expect(inner).toBeInstanceOf(AxError);
    expect((inner as AxError).code).toBe("BadState");
    expect((inner as AxError).message).toContain("Nested vcpu operation is not allowed");
    expect(b.state()).toBe(VCpuState.Ready);
    expect(a.state()).toBe(VCpuState.Ready);
  });

  it("withCurrentCpuSet refuses nesting too; set/clear bypass it", () => {
    const { vcpu } = createMockVcpu();
    setCurrentVcpu(vcpu);
    expect(getCurrentVcpu()).toBe(vcpu);
    expect(() => vcpu.withCurrentCpuSet(() => 1)).toThrow(/Nested/);
    clearCurrentVcpu();
    expect(vcpu.withCurrentCpuSet(() => getCurrentVcpu())).toBe(vcpu);
    expect(getCurrentVcpu()).toBeUndefined();
  });

  it("withStateTransition returns f's value", () => {
    const { vcpu } = createMockVcpu();
    expect(vcpu.withStateTransition(VCpuState.Created, VCpuState.Free, () => 7)).toBe(7);
    expect(vcpu.toString()).toBe("AxVCpu(vm 1, vcpu 0, Free)");
  });
});
