import { type AxVM, type PowerEvent, vmStatusAsStr } from "@axvisor/axvm";
import type { GuestEvents, IntrospectableVCpu } from "../arch/binding.js";
import type { MonitoredVCpu } from "./monitored-vcpu.js";
import type { VCpuCounters } from "./stats.js";

/**
 * A VM's state as the VMM reports it: axvm's `VMStatus` in lowercase, plus `failed` for a VM the
 * VMM stopped because of an error (its vCPU faulted in a way the VMM cannot handle, a device
 * failed, it exceeded its instruction limit, or it can never make progress again).
 *
 * @example
 * ```ts
 * import type { VmState } from "@axvisor/axvisor";
 * const s: VmState = "running";
 * ```
 */
export type VmState = "loading" | "loaded" | "running" | "suspended" | "stopping" | "stopped" | "failed";

/**
 * The scheduling state of one vCPU task.
 *
 * - `free`: created but not started (secondary vCPUs until a `CpuUp`).
 * - `runnable`: gets time slices.
 * - `halted`: waits for an interrupt (or its timer deadline) after a `Halt` exit.
 * - `down`: turned off by a `CpuDown` exit (a later `CpuUp` may start it again).
 * - `stopped`: its VM stopped.
 *
 * @example
 * ```ts
 * import type { VCpuTaskState } from "@axvisor/axvisor";
 * const s: VCpuTaskState = "halted";
 * ```
 */
export type VCpuTaskState = "free" | "runnable" | "halted" | "down" | "stopped";

/** One vCPU's task: scheduling state and counters. */
export class VCpuTask {
  readonly id: number;
  readonly monitor: MonitoredVCpu;
  readonly inner: IntrospectableVCpu;
  readonly counters: VCpuCounters;
  state: VCpuTaskState;
  /** Scheduler clock when it halted. */
  haltedAt = 0;
  /** Scheduler clock at which its own timer wakes it; `undefined`: only an interrupt does. */
  wakeAt: number | undefined;
  /** Instructions counted by slices when the arch vCPU does not report them. */
  instructionsFallback = 0;

  constructor(id: number, monitor: MonitoredVCpu, counters: VCpuCounters) {
    this.id = id;
    this.monitor = monitor;
    this.inner = monitor.inner;
    this.counters = counters;
    this.state = "free";
  }

  instructions(): number | undefined {
    return this.inner.instructionsRetired?.();
  }

  events(): GuestEvents | undefined {
    return this.inner.guestEvents?.();
  }

  jit(): { readonly compiled: number; readonly jitInstructions: number } | undefined {
    return this.inner.jitStats?.();
  }
}

/**
 * A VM under the VMM: the `AxVM` plus what axvisor keeps beside it (its vCPU tasks, and why it stopped).
 *
 * @example
 * ```ts
 * import type { ManagedVm } from "@axvisor/axvisor";
 * const line = (vm: ManagedVm): string => `${vm.id} ${vm.name} ${vm.state()}`;
 * ```
 */
export class ManagedVm {
  /** VM id (`[base] id`). */
  readonly id: number;
  /** VM name (`[base] name`). */
  readonly name: string;
  /** The VM. */
  readonly axvm: AxVM<unknown, unknown>;
  /** @internal */
  readonly tasks: VCpuTask[] = [];
  /** @internal */
  failure: string | undefined;
  /** @internal */
  stopReason: string | undefined;
  /** @internal */
  powerEvent: PowerEvent | undefined;

  /**
   * Wraps a VM; the VMM creates these (see {@link Vmm.createVm}).
   *
   * @param axvm - The VM.
   * @param name - Its name.
   * @example
   * ```ts
   * import { ManagedVm } from "@axvisor/axvisor";
   * import type { AxVM } from "@axvisor/axvm";
   * declare const axvm: AxVM;
   * const vm = new ManagedVm(axvm, "demo");
   * ```
   */
  constructor(axvm: AxVM<unknown, unknown>, name: string) {
    this.axvm = axvm;
    this.id = axvm.id();
    this.name = name;
  }

  /**
   * The VM's state.
   *
   * @returns `failed` when the VMM stopped it on an error, otherwise axvm's status in lowercase.
   * @example
   * ```ts
   * import type { ManagedVm } from "@axvisor/axvisor";
   * declare const vm: ManagedVm;
   * if (vm.state() === "failed") console.log(vm.reason());
   * ```
   */
  state(): VmState {
    if (this.failure !== undefined) return "failed";
    return vmStatusAsStr(this.axvm.vmStatus());
  }

  /**
   * Why the VM stopped or failed.
   *
   * @returns The failure reason, the stop reason (`powered off`, `reset requested`, `stopped by the user`), or `undefined` while it runs.
   * @example
   * ```ts
   * import type { ManagedVm } from "@axvisor/axvisor";
   * declare const vm: ManagedVm;
   * console.log(vm.reason() ?? "still running");
   * ```
   */
  reason(): string | undefined {
    return this.failure ?? this.stopReason;
  }

  /**
   * The scheduling state of each vCPU, by vCPU id.
   *
   * @returns One entry per vCPU.
   * @example
   * ```ts
   * import type { ManagedVm } from "@axvisor/axvisor";
   * declare const vm: ManagedVm;
   * console.log(vm.vcpuStates().join(", ")); // e.g. runnable, free
   * ```
   */
  vcpuStates(): VCpuTaskState[] {
    return this.tasks.map((t) => t.state);
  }

  /**
   * Guest instructions executed by all vCPUs of the VM.
   *
   * @returns The sum, counting a slice as its budget for vCPUs that do not report instructions.
   * @example
   * ```ts
   * import type { ManagedVm } from "@axvisor/axvisor";
   * declare const vm: ManagedVm;
   * console.log(vm.instructions());
   * ```
   */
  instructions(): number {
    let n = 0;
    for (const t of this.tasks) n += t.instructions() ?? t.instructionsFallback;
    return n;
  }
}
