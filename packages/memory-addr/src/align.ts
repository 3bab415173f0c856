import { PAGE_SIZE_4K } from "./consts.js";
import { hex, isPowerOfTwo, U64_MAX_VALUE } from "./internal/u64.js";

// The free functions take bigints only (they sit on hot paths); the address methods accept numbers too.
function checkArgs(addr: bigint, align: bigint): void {
  if (typeof addr !== "bigint" || addr < 0n || addr > U64_MAX_VALUE) {
    throw new RangeError(`address must be a u64 bigint, got ${typeof addr === "bigint" ? hex(addr) : addr}`);
  }
  if (typeof align !== "bigint" || !isPowerOfTwo(align) || align > U64_MAX_VALUE) {
    throw new RangeError(
      `alignment must be a power of two, got ${typeof align === "bigint" ? hex(align) : align}`,
    );
  }
}

/**
 * Aligns `addr` downwards to `align` (Rust `align_down`): clears the low bits.
 *
 * @param addr - A u64 value.
 * @param align - The alignment; must be a power of two.
 * @returns The largest multiple of `align` that is `<= addr`.
 * @throws {RangeError} When `align` is not a power of two or `addr` is not a u64.
 *
 * @example
 * ```ts
 * import { alignDown } from "@axvisor/memory-addr";
 * console.log(alignDown(0x12345678n, 0x1000n).toString(16)); // "12345000"
 * ```
 */
export function alignDown(addr: bigint, align: bigint): bigint {
  checkArgs(addr, align);
  return addr & ~(align - 1n);
}

/**
 * Aligns `addr` upwards to `align` (Rust `align_up`).
 *
 * @param addr - A u64 value.
 * @param align - The alignment; must be a power of two.
 * @returns The smallest multiple of `align` that is `>= addr`.
 * @throws {RangeError} When `align` is not a power of two, `addr` is not a u64, or the result
 *   exceeds `U64_MAX` (Rust panics on this overflow in debug builds).
 *
 * @example
 * ```ts
 * import { alignUp } from "@axvisor/memory-addr";
 * console.log(alignUp(0x12345678n, 0x1000n).toString(16)); // "12346000"
 * console.log(alignUp(0x12345000n, 0x1000n).toString(16)); // "12345000" (already aligned)
 * ```
 */
export function alignUp(addr: bigint, align: bigint): bigint {
  checkArgs(addr, align);
  const r = (addr + align - 1n) & ~(align - 1n);
  if (r > U64_MAX_VALUE) {
    throw new RangeError(
      `overflow in \`align_up\`: ${hex(addr)} aligned up to ${hex(align)} exceeds 2^64 - 1`,
    );
  }
  return r;
}

/**
 * Returns the offset of `addr` within its `align`-sized block (Rust `align_offset`).
 *
 * @param addr - A u64 value.
 * @param align - The alignment; must be a power of two.
 * @returns `addr mod align`.
 * @throws {RangeError} When `align` is not a power of two or `addr` is not a u64.
 *
 * @example
 * ```ts
 * import { alignOffset } from "@axvisor/memory-addr";
 * console.log(alignOffset(0x12345678n, 0x1000n).toString(16)); // "678"
 * ```
 */
export function alignOffset(addr: bigint, align: bigint): bigint {
  checkArgs(addr, align);
  return addr & (align - 1n);
}

/**
 * Checks whether `addr` is a multiple of `align` (Rust `is_aligned`).
 *
 * @param addr - A u64 value.
 * @param align - The alignment; must be a power of two.
 * @returns `true` when `alignOffset(addr, align) === 0n`.
 * @throws {RangeError} When `align` is not a power of two or `addr` is not a u64.
 *
 * @example
 * ```ts
 * import { isAligned } from "@axvisor/memory-addr";
 * console.log(isAligned(0x12345000n, 0x1000n)); // true
 * console.log(isAligned(0x12345678n, 0x1000n)); // false
 * ```
 */
export function isAligned(addr: bigint, align: bigint): boolean {
  checkArgs(addr, align);
  return (addr & (align - 1n)) === 0n;
}

/**
 * Aligns `addr` downwards to 4 KiB (Rust `align_down_4k`).
 *
 * @param addr - A u64 value.
 * @returns `alignDown(addr, PAGE_SIZE_4K)`.
 * @throws {RangeError} When `addr` is not a u64.
 *
 * @example
 * ```ts
 * import { alignDown4K } from "@axvisor/memory-addr";
 * console.log(alignDown4K(0x12345678n).toString(16)); // "12345000"
 * ```
 */
export function alignDown4K(addr: bigint): bigint {
  return alignDown(addr, PAGE_SIZE_4K);
}

/**
 * Aligns `addr` upwards to 4 KiB (Rust `align_up_4k`).
 *
 * @param addr - A u64 value.
 * @returns `alignUp(addr, PAGE_SIZE_4K)`.
 * @throws {RangeError} When `addr` is not a u64 or the result exceeds `U64_MAX`.
 *
 * @example
 * ```ts
 * import { alignUp4K } from "@axvisor/memory-addr";
 * console.log(alignUp4K(0x12345678n).toString(16)); // "12346000"
 * ```
 */
export function alignUp4K(addr: bigint): bigint {
  return alignUp(addr, PAGE_SIZE_4K);
}

/**
 * Returns the offset of `addr` within its 4 KiB page (Rust `align_offset_4k`).
 *
 * @param addr - A u64 value.
 * @returns `addr & 0xfffn`.
 * @throws {RangeError} When `addr` is not a u64.
 *
 * @example
 * ```ts
 * import { alignOffset4K } from "@axvisor/memory-addr";
 * console.log(alignOffset4K(0x12345678n).toString(16)); // "678"
 * ```
 */
export function alignOffset4K(addr: bigint): bigint {
  return alignOffset(addr, PAGE_SIZE_4K);
}

/**
 * Checks whether `addr` is 4 KiB-aligned (Rust `is_aligned_4k`).
 *
 * @param addr - A u64 value.
 * @returns `true` when the low 12 bits are zero.
 * @throws {RangeError} When `addr` is not a u64.
 *
 * @example
 * ```ts
 * import { isAligned4K } from "@axvisor/memory-addr";
 * console.log(isAligned4K(0x12345000n)); // true
 * console.log(isAligned4K(0x12345678n)); // false
 * ```
 */
export function isAligned4K(addr: bigint): boolean {
  return isAligned(addr, PAGE_SIZE_4K);
}
