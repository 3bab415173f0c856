// The LoongArch64 binding of @axvisor/axvisor with one change: each vCPU can be held to a step cap
// (its time slices never exceed it), so the page can single-step and trace a guest while the
// unchanged VMM schedules it. Everything else (configs, loader mask, disassembler) is the binding's own.
import type { AxVCpuExitReason } from "@axvisor/axvcpu";
import { type ArchBinding, defineArch, loongarch64 } from "@axvisor/axvisor";
import {
  LoongArchVCpu,
  type LoongArchVCpuCreateConfig,
  type LoongArchVCpuSetupConfig,
} from "@axvisor/loongarch-cpu";

/**
 * A LoongArch vCPU that can be held to a step limit: it stops (a `Nothing` exit, the end of a time
 * slice) once it has retired `stepUntil` instructions. The VMM may call `run()` several times per
 * slice (after each MMIO exit), so the limit is absolute, not per call.
 */
export class SteppableVCpu extends LoongArchVCpu {
  /** Stop at this many retired instructions; `undefined`: run whole VMM slices. */
  stepUntil: number | undefined;

  override setSliceBudget(instructions: number): void {
    const left = this.stepUntil === undefined ? instructions : this.stepUntil - this.instructionsRetired();
    super.setSliceBudget(Math.max(1, Math.min(instructions, left)));
  }

  override run(): AxVCpuExitReason {
    if (this.stepUntil !== undefined && this.instructionsRetired() >= this.stepUntil)
      return { kind: "Nothing" };
    return super.run();
  }
}

/**
 * The playground's arch binding: `loongarch64` with {@link SteppableVCpu}s.
 *
 * @param created - Receives every vCPU the VMM creates (the runner steps and traces them).
 * @returns The binding to pass to `new Vmm({ arch })`.
 */
export function steppableArch(created: SteppableVCpu[]): ArchBinding {
  // The registry erases config types; these are the binding's real ones.
  const base = loongarch64 as unknown as ArchBinding<LoongArchVCpuCreateConfig, LoongArchVCpuSetupConfig>;
  return defineArch<LoongArchVCpuCreateConfig, LoongArchVCpuSetupConfig>({
    ...base,
    vcpu: class extends SteppableVCpu {
      constructor(vmId: number, vcpuId: number, config: LoongArchVCpuCreateConfig) {
        super(vmId, vcpuId, config);
        created.push(this);
      }
    },
  });
}
