// Public surface of @axvisor/axaddrspace (mirrors Rust memory_set + axaddrspace + page_table_multiarch). Re-exports only.

export {
  GuestPhysAddr,
  type GuestPhysAddrRange,
  GuestVirtAddr,
  type GuestVirtAddrRange,
  HostPhysAddr,
  HostVirtAddr,
} from "./addr.js";
export {
  AddrSpace,
  type AddrSpaceArea,
  type AddrSpaceChangeListener,
  type AddrSpaceOptions,
} from "./address-space/addr-space.js";
export { Backend } from "./address-space/backend.js";
export { AccessWidth } from "./device/access-width.js";
export type { DeviceAddr, DeviceAddrRange } from "./device/device-addr.js";
export { Port } from "./device/port.js";
export { PortRange } from "./device/port-range.js";
export { SysRegAddr } from "./device/sys-reg-addr.js";
export { SysRegAddrRange } from "./device/sys-reg-addr-range.js";
export { AxError, type AxErrorKind } from "./error.js";
export { PhysFrame } from "./frame.js";
export type { AxMmHal, PagingHandler } from "./hal.js";
export {
  HostPhysMemory,
  type HostPhysMemoryOptions,
  type HostPhysMemoryStats,
  type WasmMemory,
} from "./host-phys-memory.js";
export { MappingFlags } from "./mapping-flags.js";
export { GuestMemoryAccessor, type GuestMemoryTranslator } from "./memory-accessor.js";
export { MemoryArea } from "./memory-set/area.js";
export type { MappingBackend } from "./memory-set/backend.js";
export { MappingError, type MappingErrorCode } from "./memory-set/mapping-error.js";
export { MemorySet } from "./memory-set/set.js";
export { A64PTEHV } from "./npt/arch/aarch64.js";
export { LoongArchPTE } from "./npt/arch/loongarch64.js";
export { Rv64PTE } from "./npt/arch/riscv.js";
export { EPTEntry } from "./npt/arch/x86-64.js";
export { NestedPageTable, type NptArch, nptFormat } from "./npt/nested-page-table.js";
export { PageSize } from "./npt/page-size.js";
export {
  PageTable64,
  type PageTable64Options,
  type PageTableWalkFn,
  type PageTableWalkStep,
} from "./npt/page-table64.js";
export { PagingError, type PagingErrorCode } from "./npt/paging-error.js";
export { PteFormat } from "./npt/pte.js";
