// Public surface of @axvisor/axvisor (the VMM of the axvisor application). Re-exports only; the CLI is not here.
export {
  type ArchBinding,
  type ArchBoard,
  type ArchVCpuContext,
  type CpuTier,
  defineArch,
  type GuestEvents,
  type KernelCmdlinePlacement,
  type VCpuIntrospection,
} from "./arch/binding.js";
export { loongarch64 } from "./arch/loongarch64.js";
export { LoongArchVirtBoard } from "./arch/loongarch64-virt-board.js";
export { archs, DEFAULT_ARCH, KNOWN_ARCHS, resolveArch } from "./arch/registry.js";
export { VmmError, type VmmErrorCode } from "./vmm/error.js";
export {
  defaultHypercallHandler,
  HyperCallCode,
  type HypercallHandler,
  type HypercallInfo,
} from "./vmm/hvc.js";
export { formatStatsTable, type VCpuStats } from "./vmm/stats.js";
export { type QemuVirtOptions, qemuVirtConfig, qemuVirtConfigToml } from "./vmm/virt-config.js";
export { ManagedVm, type VCpuTaskState, type VmState } from "./vmm/vm.js";
export { type VmImages, Vmm, type VmmEvent, type VmmOptions, type VmmRunOutcome } from "./vmm/vmm.js";
