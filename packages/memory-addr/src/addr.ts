import { type Addr, type AddrType, defineAddrType } from "./define-addr-type.js";

/**
 * A physical memory address, printed as `PA:0x…` (Rust `memory_addr::PhysAddr`).
 *
 * @example
 * ```ts
 * import { PhysAddr } from "@axvisor/memory-addr";
 * const pa = PhysAddr.from(0x8020_0000n);
 * console.log(pa.toString(), pa.isAligned(0x20_0000n)); // "PA:0x80200000" true
 * ```
 */
export const PhysAddr: AddrType<"PhysAddr"> = defineAddrType("PhysAddr", "PA");
/**
 * The type of {@link PhysAddr} values.
 *
 * @example
 * ```ts
 * import { PhysAddr } from "@axvisor/memory-addr";
 * const pa: PhysAddr = PhysAddr.from(0x1000);
 * console.log(pa.toString()); // "PA:0x1000"
 * ```
 */
export type PhysAddr = Addr<"PhysAddr">;

/**
 * A virtual memory address, printed as `VA:0x…` (Rust `memory_addr::VirtAddr`).
 *
 * @example
 * ```ts
 * import { VirtAddr } from "@axvisor/memory-addr";
 * const va = VirtAddr.from(0xffff_8000_0000_1234n);
 * console.log(va.alignOffset4K()); // 564n (0x234)
 * ```
 */
export const VirtAddr: AddrType<"VirtAddr"> = defineAddrType("VirtAddr", "VA");
/**
 * The type of {@link VirtAddr} values.
 *
 * @example
 * ```ts
 * import { VirtAddr } from "@axvisor/memory-addr";
 * const va: VirtAddr = VirtAddr.from(0x1000);
 * console.log(va.toString()); // "VA:0x1000"
 * ```
 */
export type VirtAddr = Addr<"VirtAddr">;

/**
 * Shorthand for `PhysAddr.from(value)` (Rust macro `pa!`).
 *
 * @param value - A u64 bigint or a non-negative safe-integer number.
 * @returns The physical address.
 * @throws {RangeError} When the value is not a u64.
 *
 * @example
 * ```ts
 * import { pa } from "@axvisor/memory-addr";
 * console.log(pa(0x1000).toString()); // "PA:0x1000"
 * ```
 */
export function pa(value: bigint | number): PhysAddr {
  return PhysAddr.from(value);
}

/**
 * Shorthand for `VirtAddr.from(value)` (Rust macro `va!`).
 *
 * @param value - A u64 bigint or a non-negative safe-integer number.
 * @returns The virtual address.
 * @throws {RangeError} When the value is not a u64.
 *
 * @example
 * ```ts
 * import { va } from "@axvisor/memory-addr";
 * console.log(va(0x2000).toString()); // "VA:0x2000"
 * ```
 */
export function va(value: bigint | number): VirtAddr {
  return VirtAddr.from(value);
}
