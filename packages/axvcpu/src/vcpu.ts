import { AxError, type GuestPhysAddr, type HostPhysAddr } from "@axvisor/axaddrspace";
import type { AxArchVCpu, AxArchVCpuConstructor, VCpuId, VMId } from "./arch-vcpu.js";
import type { AxVCpuExitReason } from "./exit.js";

/**
 * The states of the {@link AxVCpu} state machine, with Rust's discriminants.
 *
 * `Created → Free` (setup) `→ Ready` (bind) `→ Running` (run) `→ Ready`, `Ready → Free` (unbind);
 * `Invalid` after any failed transition; `Blocked` exists but the wrapper never enters it.
 *
 * @example
 * ```ts
 * import { VCpuState, vcpuStateName } from "@axvisor/axvcpu";
 * VCpuState.Ready; // 3
 * vcpuStateName(VCpuState.Ready); // "Ready"
 * ```
 */
export const VCpuState: {
  /** An error occurred during a state transition. */
  readonly Invalid: 0;
  /** Created, not yet set up. */
  readonly Created: 1;
  /** Set up, not bound to a physical CPU. */
  readonly Free: 2;
  /** Bound to a physical CPU, ready to run. */
  readonly Ready: 3;
  /** Executing guest code. */
  readonly Running: 4;
  /** Blocked (never used by the wrapper). */
  readonly Blocked: 5;
} = { Invalid: 0, Created: 1, Free: 2, Ready: 3, Running: 4, Blocked: 5 } as const;

/** One of the {@link VCpuState} values. */
export type VCpuState = (typeof VCpuState)[keyof typeof VCpuState];

const STATE_NAMES = ["Invalid", "Created", "Free", "Ready", "Running", "Blocked"] as const;

/**
 * The name of a state, as Rust's `Debug` prints it.
 *
 * @param state - a {@link VCpuState} value.
 * @returns `"Invalid"`, `"Created"`, `"Free"`, `"Ready"`, `"Running"` or `"Blocked"`.
 * @example
 * ```ts
 * import { VCpuState, vcpuStateName } from "@axvisor/axvcpu";
 * vcpuStateName(VCpuState.Free); // "Free"
 * ```
 */
export function vcpuStateName(state: VCpuState): (typeof STATE_NAMES)[number] {
  return STATE_NAMES[state];
}

// The "current vCPU" of this physical CPU. A JS realm (main thread or worker) is one physical CPU.
let currentVCpu: AxVCpu<unknown, unknown> | undefined;

/**
 * The vCPU whose architecture code is running on this (physical) CPU, if any.
 *
 * Set around every call {@link AxVCpu} makes into the architecture vCPU, so architecture code can
 * find its wrapper (Rust `get_current_vcpu`).
 *
 * @typeParam C - the create config type expected.
 * @typeParam S - the setup config type expected.
 * @returns the current vCPU or `undefined`.
 * @example
 * ```ts
 * import { getCurrentVcpu } from "@axvisor/axvcpu";
 * getCurrentVcpu(); // undefined outside vCPU operations
 * ```
 */
export function getCurrentVcpu<C = unknown, S = unknown>(): AxVCpu<C, S> | undefined {
  return currentVCpu as AxVCpu<C, S> | undefined;
}

/**
 * Marks `vcpu` as current on this CPU (Rust `unsafe set_current_vcpu`): it bypasses nesting checks.
 *
 * @param vcpu - the vCPU to make current.
 * @example
 * ```ts
 * import { clearCurrentVcpu, getCurrentVcpu, setCurrentVcpu, type AxVCpu } from "@axvisor/axvcpu";
 * declare const vcpu: AxVCpu<void, void>;
 * setCurrentVcpu(vcpu);
 * clearCurrentVcpu();
 * ```
 */
export function setCurrentVcpu<C, S>(vcpu: AxVCpu<C, S>): void {
  currentVCpu = vcpu as AxVCpu<unknown, unknown>;
}

/**
 * Clears the current vCPU of this CPU (Rust `unsafe clear_current_vcpu`).
 *
 * @example
 * ```ts
 * import { clearCurrentVcpu, getCurrentVcpu } from "@axvisor/axvcpu";
 * clearCurrentVcpu();
 * getCurrentVcpu(); // undefined
 * ```
 */
export function clearCurrentVcpu(): void {
  currentVCpu = undefined;
}

/**
 * The architecture-neutral virtual CPU (Rust `axvcpu::AxVCpu`): identity, affinity and the state
 * machine around an {@link AxArchVCpu}.
 *
 * State-machine calls in the wrong state set the state to `Invalid` and throw `AxError` `BadState`
 * ("VCpu state is not Ready, but Free": the message names the state found, unlike Rust, which
 * prints the state after it has been overwritten with `Invalid`). A failing architecture call also
 * leaves the vCPU `Invalid`.
 *
 * @typeParam C - the architecture's create configuration.
 * @typeParam S - the architecture's setup configuration.
 * @typeParam A - the concrete architecture vCPU.
 * @example
 * ```ts
 * import { GuestPhysAddr, HostPhysAddr } from "@axvisor/axaddrspace";
 * import { AxVCpu, type AxArchVCpu, type AxVCpuExitReason } from "@axvisor/axvcpu";
 * class HaltVCpu implements AxArchVCpu<void, void> {
 *   constructor(_vm: number, _id: number, _cfg: void) {}
 *   setEntry(): void {}
 *   setEptRoot(): void {}
 *   setup(): void {}
 *   run(): AxVCpuExitReason { return { kind: "Halt" }; }
 *   bind(): void {}
 *   unbind(): void {}
 *   setGpr(): void {}
 *   injectInterrupt(): void {}
 *   setReturnValue(): void {}
 * }
 * const vcpu = new AxVCpu(HaltVCpu, 1, 0, 0, undefined, undefined);
 * vcpu.setup(GuestPhysAddr.from(0x200000n), HostPhysAddr.from(0x1000n), undefined);
 * vcpu.bind();
 * vcpu.run(); // { kind: "Halt" }
 * vcpu.unbind();
 * ```
 */
export class AxVCpu<C, S, A extends AxArchVCpu<C, S> = AxArchVCpu<C, S>> {
  readonly #vmId: VMId;
  readonly #vcpuId: VCpuId;
  readonly #favorPhysCpu: number;
  readonly #physCpuSet: bigint | undefined;
  #state: VCpuState = VCpuState.Created;
  readonly #arch: A;

  /**
   * Creates the vCPU in state `Created` and constructs its architecture half (Rust `AxVCpu::new`).
   *
   * @param arch - the architecture vCPU constructor.
   * @param vmId - the owning VM.
   * @param vcpuId - this vCPU's index; 0 is the bootstrap processor.
   * @param favorPhysCpu - the physical CPU this vCPU prefers.
   * @param physCpuSet - bitmask of physical CPUs allowed to run it, `undefined` for any.
   * @param createConfig - handed to the architecture constructor.
   * @throws {AxError} when the architecture constructor fails.
   */
  constructor(
    // The intersection gives TypeScript an inference site for S (A alone only fixes C).
    arch: AxArchVCpuConstructor<C, S, A> & AxArchVCpuConstructor<C, S>,
    vmId: VMId,
    vcpuId: VCpuId,
    favorPhysCpu: number,
    physCpuSet: bigint | undefined,
    createConfig: C,
  ) {
    this.#vmId = vmId;
    this.#vcpuId = vcpuId;
    this.#favorPhysCpu = favorPhysCpu;
    this.#physCpuSet = physCpuSet;
    this.#arch = new arch(vmId, vcpuId, createConfig);
  }

  /**
   * This vCPU's index in its VM.
   *
   * @returns the vCPU id.
   */
  id(): VCpuId {
    return this.#vcpuId;
  }

  /**
   * The owning VM's id.
   *
   * @returns the VM id.
   */
  vmId(): VMId {
    return this.#vmId;
  }

  /**
   * The physical CPU this vCPU prefers (kept for schedulers; unused by the wrapper).
   *
   * @returns the physical CPU id.
   */
  favorPhysCpu(): number {
    return this.#favorPhysCpu;
  }

  /**
   * The bitmask of physical CPUs that may run this vCPU.
   *
   * @returns the mask, or `undefined` when unrestricted.
   */
  physCpuSet(): bigint | undefined {
    return this.#physCpuSet;
  }

  /**
   * Whether this is the bootstrap processor (vCPU 0).
   *
   * @returns `true` for vCPU 0.
   */
  isBsp(): boolean {
    return this.#vcpuId === 0;
  }

  /**
   * The current state.
   *
   * @returns a {@link VCpuState}.
   */
  state(): VCpuState {
    return this.#state;
  }

  /**
   * Forces the state, bypassing the state machine (Rust `unsafe set_state`).
   *
   * @param state - the new state.
   */
  setState(state: VCpuState): void {
    this.#state = state;
  }

  /**
   * Runs `f` with the state moving `from → to` (Rust `with_state_transition`).
   *
   * If the state is not `from`, the state becomes `Invalid` and `BadState` is thrown naming the
   * state found. If `f` throws, the state becomes `Invalid` and the error propagates.
   *
   * @typeParam T - what `f` returns.
   * @param from - the required current state.
   * @param to - the state after `f` succeeds.
   * @param f - the work to do.
   * @returns what `f` returned.
   * @throws {AxError} `BadState` on a wrong state; whatever `f` throws.
   */
  withStateTransition<T>(from: VCpuState, to: VCpuState, f: () => T): T {
    const found = this.#state;
    if (found !== from) {
      this.#state = VCpuState.Invalid;
      throw new AxError(
        "BadState",
        `VCpu state is not ${vcpuStateName(from)}, but ${vcpuStateName(found)} (vCPU ${this.#vcpuId} of VM ${this.#vmId})`,
      );
    }
    let result: T;
    try {
      result = f();
    } catch (e) {
      this.#state = VCpuState.Invalid;
      throw e;
    }
    this.#state = to;
    return result;
  }

  /**
   * Runs `f` with this vCPU as the current vCPU of this CPU (Rust `with_current_cpu_set`).
   *
   * @typeParam T - what `f` returns.
   * @param f - the work to do.
   * @returns what `f` returned.
   * @throws {AxError} `BadState` when another vCPU operation is already in progress (nesting).
   */
  withCurrentCpuSet<T>(f: () => T): T {
    this.#refuseNesting();
    setCurrentVcpu(this);
    try {
      return f();
    } finally {
      clearCurrentVcpu();
    }
  }

  /**
   * Calls into the architecture vCPU with the state moving `from → to` and this vCPU current
   * (Rust `manipulate_arch_vcpu`). Nesting is refused before the state is touched.
   *
   * @typeParam T - what `f` returns.
   * @param from - the required current state.
   * @param to - the state after `f` succeeds.
   * @param f - receives the architecture vCPU.
   * @returns what `f` returned.
   * @throws {AxError} `BadState` on a wrong state or nesting; whatever `f` throws.
   */
  manipulateArchVcpu<T>(from: VCpuState, to: VCpuState, f: (arch: A) => T): T {
    this.#refuseNesting();
    return this.withStateTransition(from, to, () => this.withCurrentCpuSet(() => f(this.#arch)));
  }

  /**
   * Moves the state `from → to` without calling the architecture (Rust `transition_state`).
   *
   * @param from - the required current state.
   * @param to - the new state.
   * @throws {AxError} `BadState` when the state is not `from` (the state becomes `Invalid`).
   */
  transitionState(from: VCpuState, to: VCpuState): void {
    this.withStateTransition(from, to, () => undefined);
  }

  /**
   * The architecture vCPU, bypassing the state machine (Rust `get_arch_vcpu`).
   *
   * @returns the architecture vCPU.
   */
  getArchVcpu(): A {
    return this.#arch;
  }

  /**
   * Sets entry, nested page-table root, then runs the architecture setup: `Created → Free`.
   *
   * @param entry - the guest entry point.
   * @param eptRoot - the nested page-table root.
   * @param setupConfig - the architecture setup configuration.
   * @throws {AxError} `BadState` unless `Created`; any architecture error (state becomes `Invalid`).
   */
  setup(entry: GuestPhysAddr, eptRoot: HostPhysAddr, setupConfig: S): void {
    this.manipulateArchVcpu(VCpuState.Created, VCpuState.Free, (arch) => {
      arch.setEntry(entry);
      arch.setEptRoot(eptRoot);
      arch.setup(setupConfig);
    });
  }

  /**
   * Binds to the current physical CPU: `Free → Ready`.
   *
   * @throws {AxError} `BadState` unless `Free`; any architecture error.
   */
  bind(): void {
    this.manipulateArchVcpu(VCpuState.Free, VCpuState.Ready, (arch) => arch.bind());
  }

  /**
   * Unbinds from the current physical CPU: `Ready → Free`.
   *
   * @throws {AxError} `BadState` unless `Ready`; any architecture error.
   */
  unbind(): void {
    this.manipulateArchVcpu(VCpuState.Ready, VCpuState.Free, (arch) => arch.unbind());
  }

  /**
   * Runs the guest until a VM exit: `Ready → Running → Ready`.
   *
   * @returns the exit reason.
   * @throws {AxError} `BadState` unless `Ready`; any architecture error (state becomes `Invalid`).
   */
  run(): AxVCpuExitReason {
    this.#refuseNesting();
    this.transitionState(VCpuState.Ready, VCpuState.Running);
    return this.manipulateArchVcpu(VCpuState.Running, VCpuState.Ready, (arch) => arch.run());
  }

  /**
   * Sets the entry point directly (no state check), e.g. for a secondary vCPU started by `CpuUp`.
   *
   * @param entry - the guest entry point.
   * @throws {AxError} any architecture error.
   */
  setEntry(entry: GuestPhysAddr): void {
    this.#arch.setEntry(entry);
  }

  /**
   * Sets a general-purpose register (no state check).
   *
   * @param reg - register index.
   * @param val - the value.
   */
  setGpr(reg: number, val: bigint): void {
    this.#arch.setGpr(reg, val);
  }

  /**
   * Injects an interrupt (no state check).
   *
   * @param vector - the interrupt vector or line.
   * @throws {AxError} any architecture error.
   */
  injectInterrupt(vector: number): void {
    this.#arch.injectInterrupt(vector);
  }

  /**
   * Sets the hypercall return value (no state check).
   *
   * @param val - the value.
   */
  setReturnValue(val: bigint): void {
    this.#arch.setReturnValue(val);
  }

  /**
   * A short description, e.g. `AxVCpu(vm 1, vcpu 0, Ready)`.
   *
   * @returns the description.
   */
  toString(): string {
    return `AxVCpu(vm ${this.#vmId}, vcpu ${this.#vcpuId}, ${vcpuStateName(this.#state)})`;
  }

  #refuseNesting(): void {
    const cur = currentVCpu;
    if (cur !== undefined) {
      throw new AxError(
        "BadState",
        `Nested vcpu operation is not allowed: ${cur.toString()} is already current while operating on ${this.toString()}`,
      );
    }
  }
}
