import type { GuestPhysAddr, HostPhysAddr } from "@axvisor/axaddrspace";
import type { AxVCpuExitReason } from "./exit.js";

/** Identifier of a VM (Rust `axvisor_api::vmm::VMId`, a `usize`). */
export type VMId = number;

/** Identifier of a vCPU inside its VM (Rust `axvisor_api::vmm::VCpuId`, a `usize`). */
export type VCpuId = number;

/**
 * The architecture-specific half of a virtual CPU (Rust trait `AxArchVCpu`).
 *
 * An implementation (for example `LoongArchVCpu` in `@axvisor/loongarch-cpu`) runs guest code and
 * reports VM exits. Failures are thrown as `AxError` (the Rust `AxResult` error side).
 * `CreateConfig` is what its constructor takes ({@link AxArchVCpuConstructor}); `SetupConfig` is
 * what {@link AxArchVCpu.setup} takes.
 *
 * @typeParam CreateConfig - the architecture's create configuration (Rust `A::CreateConfig`).
 * @typeParam SetupConfig - the architecture's setup configuration (Rust `A::SetupConfig`).
 * @example
 * ```ts
 * import type { AxArchVCpu, AxVCpuExitReason } from "@axvisor/axvcpu";
 * class HaltingVCpu implements AxArchVCpu<void, void> {
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
 * ```
 */
// biome-ignore lint/correctness/noUnusedVariables: CreateConfig names the constructor's config type, as Rust's associated type does.
export interface AxArchVCpu<CreateConfig = unknown, SetupConfig = unknown> {
  /**
   * Sets the guest entry point. Called once, before {@link AxArchVCpu.setup}.
   *
   * @param entry - the guest address where execution starts.
   * @throws {AxError} when the architecture rejects the entry.
   */
  setEntry(entry: GuestPhysAddr): void;
  /**
   * Sets the root of the second-stage (nested) page table.
   *
   * @param eptRoot - host physical address of the root table.
   * @throws {AxError} when the architecture rejects the root.
   */
  setEptRoot(eptRoot: HostPhysAddr): void;
  /**
   * Finishes initialisation.
   *
   * @param config - the architecture's setup configuration.
   * @throws {AxError} when setup fails.
   */
  setup(config: SetupConfig): void;
  /**
   * Runs the guest until the next VM exit. Synchronous: it returns when the guest exits.
   *
   * @returns why the guest stopped.
   * @throws {AxError} when the vCPU cannot run.
   */
  run(): AxVCpuExitReason;
  /**
   * Attaches the vCPU to the current physical CPU.
   *
   * @throws {AxError} when binding fails.
   */
  bind(): void;
  /**
   * Detaches the vCPU from the current physical CPU.
   *
   * @throws {AxError} when unbinding fails.
   */
  unbind(): void;
  /**
   * Sets a general-purpose register.
   *
   * @param reg - register index.
   * @param val - the 64-bit value (`usize` in Rust).
   */
  setGpr(reg: number, val: bigint): void;
  /**
   * Queues an interrupt for the guest.
   *
   * @param vector - interrupt vector or line number.
   * @throws {AxError} when the interrupt cannot be injected.
   */
  injectInterrupt(vector: number): void;
  /**
   * Sets the hypercall return-value register.
   *
   * @param val - the value to return to the guest.
   */
  setReturnValue(val: bigint): void;
}

/**
 * The constructor side of an architecture vCPU: Rust's `A::new(vm_id, vcpu_id, create_config)`.
 *
 * A class implementing {@link AxArchVCpu} whose constructor takes these three arguments fits this
 * shape; VMs and {@link AxVCpu} receive it injected, so arch-neutral code never imports an architecture.
 *
 * @typeParam CreateConfig - the create configuration.
 * @typeParam SetupConfig - the setup configuration.
 * @typeParam V - the concrete vCPU type constructed.
 * @example
 * ```ts
 * import type { AxArchVCpu, AxArchVCpuConstructor, AxVCpuExitReason } from "@axvisor/axvcpu";
 * class NopVCpu implements AxArchVCpu<{ bootHartId: number }, void> {
 *   constructor(readonly vmId: number, readonly vcpuId: number, readonly cfg: { bootHartId: number }) {}
 *   setEntry(): void {}
 *   setEptRoot(): void {}
 *   setup(): void {}
 *   run(): AxVCpuExitReason { return { kind: "Nothing" }; }
 *   bind(): void {}
 *   unbind(): void {}
 *   setGpr(): void {}
 *   injectInterrupt(): void {}
 *   setReturnValue(): void {}
 * }
 * const ctor: AxArchVCpuConstructor<{ bootHartId: number }, void> = NopVCpu;
 * const vcpu = new ctor(1, 0, { bootHartId: 0 });
 * ```
 */
export interface AxArchVCpuConstructor<
  CreateConfig = unknown,
  SetupConfig = unknown,
  V extends AxArchVCpu<CreateConfig, SetupConfig> = AxArchVCpu<CreateConfig, SetupConfig>,
> {
  /**
   * Creates the architecture vCPU (Rust `AxArchVCpu::new`).
   *
   * @param vmId - the owning VM.
   * @param vcpuId - the vCPU index in the VM.
   * @param config - the create configuration.
   * @returns the new vCPU.
   * @throws {AxError} when creation fails.
   */
  new (vmId: VMId, vcpuId: VCpuId, config: CreateConfig): V;
}
