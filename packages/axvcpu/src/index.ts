export type { AxArchVCpu, AxArchVCpuConstructor, VCpuId, VMId } from "./arch-vcpu.js";
export type {
  AxVCpuExitKind,
  AxVCpuExitReason,
  ExitCpuDown,
  ExitCpuUp,
  ExitExternalInterrupt,
  ExitFailEntry,
  ExitHalt,
  ExitHypercall,
  ExitIoRead,
  ExitIoWrite,
  ExitMmioRead,
  ExitMmioWrite,
  ExitNestedPageFault,
  ExitNothing,
  ExitSendIpi,
  ExitSysRegRead,
  ExitSysRegWrite,
  ExitSystemDown,
} from "./exit.js";
export { formatExitReason } from "./exit.js";
export type { AxArchPerCpu, AxArchPerCpuConstructor } from "./percpu.js";
export { AxPerCpu } from "./percpu.js";
export {
  AxVCpu,
  clearCurrentVcpu,
  getCurrentVcpu,
  setCurrentVcpu,
  VCpuState,
  vcpuStateName,
} from "./vcpu.js";
