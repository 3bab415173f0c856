import { U64_MAX_VALUE } from "./internal/u64.js";

/**
 * The size of a 4 KiB page, `0x1000n` (Rust `PAGE_SIZE_4K`).
 *
 * @example
 * ```ts
 * import { PAGE_SIZE_4K } from "@axvisor/memory-addr";
 * console.log(PAGE_SIZE_4K === 4096n); // true
 * ```
 */
export const PAGE_SIZE_4K: bigint = 0x1000n;

/**
 * The size of a 2 MiB huge page, `0x20_0000n` (Rust `PAGE_SIZE_2M`).
 *
 * @example
 * ```ts
 * import { PAGE_SIZE_2M } from "@axvisor/memory-addr";
 * console.log(PAGE_SIZE_2M === 2n * 1024n * 1024n); // true
 * ```
 */
export const PAGE_SIZE_2M: bigint = 0x20_0000n;

/**
 * The size of a 1 GiB huge page, `0x4000_0000n` (Rust `PAGE_SIZE_1G`).
 *
 * @example
 * ```ts
 * import { PAGE_SIZE_1G } from "@axvisor/memory-addr";
 * console.log(PAGE_SIZE_1G === 1n << 30n); // true
 * ```
 */
export const PAGE_SIZE_1G: bigint = 0x4000_0000n;

/**
 * The largest address value, `2n ** 64n - 1n` (Rust `usize::MAX` on a 64-bit target).
 * Every address holds a value in `0n..=U64_MAX`.
 *
 * @example
 * ```ts
 * import { PhysAddr, U64_MAX } from "@axvisor/memory-addr";
 * console.log(PhysAddr.from(U64_MAX).toString()); // "PA:0xffffffffffffffff"
 * ```
 */
export const U64_MAX: bigint = U64_MAX_VALUE;
