// Public surface of @axvisor/memory-addr (mirrors Rust `memory_addr`). Re-exports only.

export { PhysAddr, pa, VirtAddr, va } from "./addr.js";
export {
  alignDown,
  alignDown4K,
  alignOffset,
  alignOffset4K,
  alignUp,
  alignUp4K,
  isAligned,
  isAligned4K,
} from "./align.js";
export { PAGE_SIZE_1G, PAGE_SIZE_2M, PAGE_SIZE_4K, U64_MAX } from "./consts.js";
export { type Addr, type AddrType, addrBrand, defineAddrType } from "./define-addr-type.js";
export { PageIter, PageIter1G, PageIter2M, PageIter4K } from "./iter.js";
export type { MemoryAddr } from "./memory-addr.js";
export { AddrRange, type PhysAddrRange, paRange, type VirtAddrRange, vaRange } from "./range.js";
