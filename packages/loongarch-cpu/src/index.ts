// ---- ISA: instruction table, decoder, field extractors ----

// ---- CPU: interpreter, memory, exceptions ----
export { cpucfgWord } from "./cpu/cpucfg.js";
export { Csr, CsrFile } from "./cpu/csr.js";
export type { EcodeValue } from "./cpu/exception.js";
export { Ecode, EsubCode, ecodeName } from "./cpu/exception.js";
export { FlatMemory } from "./cpu/flat-memory.js";
export { Fpu } from "./cpu/fpu.js";
export type { CpuException, CpuOptions, MmioAccess, PrivilegedHook } from "./cpu/interpreter.js";
export { Cpu } from "./cpu/interpreter.js";
export type { AccessValue, CpuMemory } from "./cpu/memory.js";
export { Access, Fault, TLB_PAGE_SIZE } from "./cpu/memory.js";
export { PagedMemory, Perm } from "./cpu/paged-memory.js";
export { F32, F64, type FloatFormat, FpFlag, RoundingMode, SoftFloat } from "./cpu/softfloat.js";
export type { StopReasonValue } from "./cpu/stop-reason.js";
export { StopReason } from "./cpu/stop-reason.js";
export type { LoongArchCpuErrorCode } from "./error.js";
export { LoongArchCpuError } from "./error.js";
export type { AsmErrorCode } from "./isa/asm-error.js";
export { AsmError } from "./isa/asm-error.js";
export type { AssembledProgram, AssembleOptions } from "./isa/assemble.js";
export { assemble, assembleOne, assembleProgram } from "./isa/assemble.js";
export {
  cj,
  code15,
  csr,
  decode,
  hint5,
  lsbd,
  lsbw,
  msbd,
  msbw,
  offs14,
  offs16,
  offs21,
  offs26,
  ra,
  rd,
  rj,
  rk,
  sa2,
  sa3,
  si12,
  si14,
  si16,
  si20,
  ui5,
  ui6,
  ui8,
  ui12,
} from "./isa/decode.js";
export { disassemble } from "./isa/disassemble.js";
export type { OperandRange } from "./isa/operands.js";
export { encodeOperand, OPERAND_RANGES, operandValue } from "./isa/operands.js";
export { FPR_NAMES, GPR_NAMES, parseFpr, parseGpr } from "./isa/registers.js";
export type { InsnDef, InsnFormat, OperandKind, OpId } from "./isa/table.js";
export { FORMAT_OPERANDS, INSNS, InsnFlag, Op, RegUse } from "./isa/table.js";
// ---- compiler tier ----
export type { CpuTier, JitStats } from "./jit/jit-tier.js";
// ---- linux-user runner ----
export type { ElfImage, ElfSegment } from "./user/elf.js";
export { EM_LOONGARCH, elfFileOffset, parseElf, readElfSymbols } from "./user/elf.js";
export type { HostIo, LinuxUserOptions, LinuxUserResult } from "./user/linux-user.js";
export { GUEST_PAGE_SIZE, LinuxUser } from "./user/linux-user.js";
export type { ExtioiLineSink, ExtioiState } from "./vcpu/extioi.js";
export { EXTIOI_IOCSR_BASE, EXTIOI_IOCSR_END, EXTIOI_IRQS, LoongArchExtioi } from "./vcpu/extioi.js";
// ---- vCPU: AxArchVCpu on the interpreter ----
export type { HostMemoryView, NestedAddrSpace } from "./vcpu/guest-memory.js";
export { GuestMemory } from "./vcpu/guest-memory.js";
export type { IocsrBus, IocsrIrqSink, IpiCoreState } from "./vcpu/iocsr.js";
export { LoongArchVirtIocsr } from "./vcpu/iocsr.js";
export type {
  GuestEventCounts,
  LoongArchVCpuCreateConfig,
  LoongArchVCpuSetupConfig,
} from "./vcpu/loongarch-vcpu.js";
export { LoongArchVCpu } from "./vcpu/loongarch-vcpu.js";
export { PerfEvent, PerfMonitor } from "./vcpu/perf-monitor.js";
export type { TlbEntry } from "./vcpu/tlb.js";
export { GuestTlb, TLB_REFILL } from "./vcpu/tlb.js";
export type { MemoryAccessInfo } from "./vcpu/watchpoints.js";
export {
  fetchWatchHits,
  memoryAccessOf,
  memoryWatchHits,
  recordWatchHits,
  watchpointsArmed,
} from "./vcpu/watchpoints.js";
