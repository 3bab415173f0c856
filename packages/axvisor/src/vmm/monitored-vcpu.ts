import type { GuestPhysAddr, HostPhysAddr } from "@axvisor/axaddrspace";
import type { AxArchVCpu, AxArchVCpuConstructor, AxVCpuExitReason } from "@axvisor/axvcpu";
import type { IntrospectableVCpu } from "../arch/binding.js";

/** An arch vCPU wrapped so that the VMM sees every exit, also those `AxVM.runVcpu` handles itself. */
export interface MonitoredVCpu extends AxArchVCpu<unknown, unknown> {
  /** The wrapped arch vCPU. */
  readonly inner: IntrospectableVCpu;
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

    run(): AxVCpuExitReason {
      const exit = this.inner.run();
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
