import type { GuestPhysAddr, HostPhysAddr } from "@axvisor/axaddrspace";
import type { AxArchVCpu, AxArchVCpuConstructor, AxVCpuExitReason } from "@axvisor/axvcpu";
import type { IntrospectableVCpu } from "../arch/binding.js";

/** An arch vCPU wrapped so that the VMM sees every exit, also those `AxVM.runVcpu` handles itself. */
export interface MonitoredVCpu extends AxArchVCpu<unknown, unknown> {
  /** The wrapped arch vCPU. */
  readonly inner: IntrospectableVCpu;
  /**
   * Starts a time slice of `budget` instructions. `AxVM.runVcpu` calls `run()` again after every
   * MMIO exit; the slice spans all those calls, so a guest polling a device still yields on time.
   */
  beginSlice(budget: number): void;
}

/**
 * Wraps an arch vCPU class: each `run()` result is reported to `onExit` before AxVM sees it.
 * A wrapper (rather than a hook in AxVM) keeps the arch-neutral packages unaware of the VMM.
 */
export function monitorArch<C, S>(
  Inner: AxArchVCpuConstructor<C, S>,
  onExit: (vcpuId: number, exit: AxVCpuExitReason) => void,
): AxArchVCpuConstructor<C, S> {
  return class Monitored implements AxArchVCpu<C, S>, MonitoredVCpu {
    readonly inner: IntrospectableVCpu;
    readonly #vcpuId: number;
    #budget: number | undefined;
    #start = 0;
    #calls = 0;

    constructor(vmId: number, vcpuId: number, config: C) {
      this.inner = new Inner(vmId, vcpuId, config) as IntrospectableVCpu;
      this.#vcpuId = vcpuId;
    }

    setEntry(entry: GuestPhysAddr): void {
      this.inner.setEntry(entry);
    }

    setEptRoot(eptRoot: HostPhysAddr): void {
      this.inner.setEptRoot(eptRoot);
    }

    setup(config: S): void {
      this.inner.setup(config);
    }

    beginSlice(budget: number): void {
      this.#budget = budget;
      this.#start = this.inner.instructionsRetired?.() ?? 0;
      this.#calls = 0;
    }

    run(): AxVCpuExitReason {
      let exit: AxVCpuExitReason;
      if (this.#budget === undefined) exit = this.inner.run();
      else {
        // Without an instruction count, each run() counts as one instruction.
        const retired = this.inner.instructionsRetired?.();
        const used = retired === undefined ? this.#calls : retired - this.#start;
        const left = this.#budget - used;
        this.#calls++;
        if (left <= 0) exit = { kind: "Nothing" };
        else {
          this.inner.setSliceBudget?.(left);
          exit = this.inner.run();
        }
      }
      onExit(this.#vcpuId, exit);
      return exit;
    }

    bind(): void {
      this.inner.bind();
    }

    unbind(): void {
      this.inner.unbind();
    }

    setGpr(reg: number, val: bigint): void {
      this.inner.setGpr(reg, val);
    }

    injectInterrupt(vector: number): void {
      this.inner.injectInterrupt(vector);
    }

    setReturnValue(val: bigint): void {
      this.inner.setReturnValue(val);
    }
  };
}
