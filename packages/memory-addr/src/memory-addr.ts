/**
 * The method set shared by every address type (Rust trait `MemoryAddr`).
 *
 * `Self` is the implementing address type, so arithmetic returns the same type and comparisons only
 * accept the same type. Values are immutable: every method returns a new address.
 *
 * Arithmetic comes in the Rust families: the plain form (`add`, `sub`, `offset`, `subAddr`,
 * `offsetFrom`) throws `RangeError` where Rust panics; `wrapping…` wraps modulo 2^64;
 * `overflowing…` returns `[result, overflowed]`; `checked…` returns `undefined` on overflow.
 *
 * Size, alignment and delta parameters accept a bigint or a safe-integer number.
 *
 * @typeParam Self - The implementing address type.
 *
 * @example
 * ```ts
 * import { type MemoryAddr, VirtAddr } from "@axvisor/memory-addr";
 * function pageBase<A extends MemoryAddr<A>>(a: A): A {
 *   return a.alignDown4K();
 * }
 * console.log(pageBase(VirtAddr.from(0x1234n)).toString()); // "VA:0x1000"
 * ```
 */
export interface MemoryAddr<Self> {
  /**
   * The address as a u64 bigint, `0n <= value <= U64_MAX` (Rust `as_usize`).
   *
   * @example
   * ```ts
   * import { PhysAddr } from "@axvisor/memory-addr";
   * console.log(PhysAddr.from(0x1234).value); // 4660n
   * ```
   */
  readonly value: bigint;

  /**
   * Returns the address as a bigint (same as {@link MemoryAddr.value}).
   *
   * @returns The u64 value.
   *
   * @example
   * ```ts
   * import { PhysAddr } from "@axvisor/memory-addr";
   * console.log(PhysAddr.from(0x1234).toBigInt() === 0x1234n); // true
   * ```
   */
  toBigInt(): bigint;

  /**
   * Returns the address as a JavaScript number.
   *
   * @returns The value as a number.
   * @throws {RangeError} When the value exceeds `Number.MAX_SAFE_INTEGER`.
   *
   * @example
   * ```ts
   * import { PhysAddr } from "@axvisor/memory-addr";
   * console.log(PhysAddr.from(0x1234n).toNumber()); // 4660
   * ```
   */
  toNumber(): number;

  /**
   * Tests equality of value (and type).
   *
   * @param other - An address of the same type.
   * @returns `true` when both hold the same value.
   *
   * @example
   * ```ts
   * import { PhysAddr } from "@axvisor/memory-addr";
   * console.log(PhysAddr.from(0x1000).equals(PhysAddr.from(0x1000n))); // true
   * ```
   */
  equals(other: Self): boolean;

  /**
   * Three-way comparison, usable as an `Array.prototype.sort` comparator.
   *
   * @param other - An address of the same type.
   * @returns `-1`, `0` or `1` when this address is below, equal to, or above `other`.
   *
   * @example
   * ```ts
   * import { PhysAddr } from "@axvisor/memory-addr";
   * const list = [PhysAddr.from(3), PhysAddr.from(1), PhysAddr.from(2)];
   * console.log(list.sort((a, b) => a.compare(b)).map(String)); // ["PA:0x1", "PA:0x2", "PA:0x3"]
   * ```
   */
  compare(other: Self): -1 | 0 | 1;

  /**
   * Less than.
   *
   * @param other - An address of the same type.
   * @returns `this < other`.
   *
   * @example
   * ```ts
   * import { PhysAddr } from "@axvisor/memory-addr";
   * console.log(PhysAddr.from(1).lt(PhysAddr.from(2))); // true
   * ```
   */
  lt(other: Self): boolean;

  /**
   * Less than or equal.
   *
   * @param other - An address of the same type.
   * @returns `this <= other`.
   *
   * @example
   * ```ts
   * import { PhysAddr } from "@axvisor/memory-addr";
   * console.log(PhysAddr.from(2).le(PhysAddr.from(2))); // true
   * ```
   */
  le(other: Self): boolean;

  /**
   * Greater than.
   *
   * @param other - An address of the same type.
   * @returns `this > other`.
   *
   * @example
   * ```ts
   * import { PhysAddr } from "@axvisor/memory-addr";
   * console.log(PhysAddr.from(2).gt(PhysAddr.from(1))); // true
   * ```
   */
  gt(other: Self): boolean;

  /**
   * Greater than or equal.
   *
   * @param other - An address of the same type.
   * @returns `this >= other`.
   *
   * @example
   * ```ts
   * import { PhysAddr } from "@axvisor/memory-addr";
   * console.log(PhysAddr.from(2).ge(PhysAddr.from(3))); // false
   * ```
   */
  ge(other: Self): boolean;

  /**
   * Aligns the address downwards (Rust `align_down`).
   *
   * @param align - A power of two.
   * @returns The largest `align`-aligned address `<=` this one.
   * @throws {RangeError} When `align` is not a power of two.
   *
   * @example
   * ```ts
   * import { VirtAddr } from "@axvisor/memory-addr";
   * console.log(VirtAddr.from(0x2fff).alignDown(0x1000).toString()); // "VA:0x2000"
   * ```
   */
  alignDown(align: bigint | number): Self;

  /**
   * Aligns the address upwards (Rust `align_up`).
   *
   * @param align - A power of two.
   * @returns The smallest `align`-aligned address `>=` this one.
   * @throws {RangeError} When `align` is not a power of two, or the result exceeds `U64_MAX`.
   *
   * @example
   * ```ts
   * import { VirtAddr } from "@axvisor/memory-addr";
   * console.log(VirtAddr.from(0x2001).alignUp(0x1000).toString()); // "VA:0x3000"
   * ```
   */
  alignUp(align: bigint | number): Self;

  /**
   * Returns the offset of the address within its `align`-sized block (Rust `align_offset`).
   *
   * @param align - A power of two.
   * @returns `value mod align`.
   * @throws {RangeError} When `align` is not a power of two.
   *
   * @example
   * ```ts
   * import { VirtAddr } from "@axvisor/memory-addr";
   * console.log(VirtAddr.from(0x2123).alignOffset(0x1000)); // 291n (0x123)
   * ```
   */
  alignOffset(align: bigint | number): bigint;

  /**
   * Checks whether the address is `align`-aligned (Rust `is_aligned`).
   *
   * @param align - A power of two.
   * @returns `true` when `alignOffset(align) === 0n`.
   * @throws {RangeError} When `align` is not a power of two.
   *
   * @example
   * ```ts
   * import { VirtAddr } from "@axvisor/memory-addr";
   * console.log(VirtAddr.from(0x2000).isAligned(0x1000)); // true
   * console.log(VirtAddr.from(0x2000).isAligned(0x10000)); // false
   * ```
   */
  isAligned(align: bigint | number): boolean;

  /**
   * Aligns the address downwards to 4 KiB (Rust `align_down_4k`).
   *
   * @returns The start of the 4 KiB page holding this address.
   *
   * @example
   * ```ts
   * import { VirtAddr } from "@axvisor/memory-addr";
   * console.log(VirtAddr.from(0x2fff).alignDown4K().toString()); // "VA:0x2000"
   * ```
   */
  alignDown4K(): Self;

  /**
   * Aligns the address upwards to 4 KiB (Rust `align_up_4k`).
   *
   * @returns The smallest 4 KiB-aligned address `>=` this one.
   * @throws {RangeError} When the result exceeds `U64_MAX`.
   *
   * @example
   * ```ts
   * import { VirtAddr } from "@axvisor/memory-addr";
   * console.log(VirtAddr.from(0x2fff).alignUp4K().toString()); // "VA:0x3000"
   * ```
   */
  alignUp4K(): Self;

  /**
   * Returns the offset of the address within its 4 KiB page (Rust `align_offset_4k`).
   *
   * @returns `value & 0xfffn`.
   *
   * @example
   * ```ts
   * import { VirtAddr } from "@axvisor/memory-addr";
   * console.log(VirtAddr.from(0x2fff).alignOffset4K()); // 4095n
   * ```
   */
  alignOffset4K(): bigint;

  /**
   * Checks whether the address is 4 KiB-aligned (Rust `is_aligned_4k`).
   *
   * @returns `true` when the low 12 bits are zero.
   *
   * @example
   * ```ts
   * import { VirtAddr } from "@axvisor/memory-addr";
   * console.log(VirtAddr.from(0x2000).isAligned4K()); // true
   * ```
   */
  isAligned4K(): boolean;

  /**
   * Adds a signed offset (Rust `offset`).
   *
   * @param delta - A signed 64-bit offset (bigint or safe-integer number).
   * @returns The moved address.
   * @throws {RangeError} "overflow in `MemoryAddr::offset`" when the result leaves `0..=U64_MAX`.
   *
   * @example
   * ```ts
   * import { VirtAddr } from "@axvisor/memory-addr";
   * console.log(VirtAddr.from(0x1234).offset(-0x34).toString()); // "VA:0x1200"
   * ```
   */
  offset(delta: bigint | number): Self;

  /**
   * Returns the signed distance `this - base` (Rust `offset_from`).
   *
   * @param base - The address to measure from.
   * @returns The signed difference, an i64.
   * @throws {RangeError} "overflow in `MemoryAddr::offset_from`" when the difference does not fit in an i64.
   *
   * @example
   * ```ts
   * import { VirtAddr } from "@axvisor/memory-addr";
   * const a = VirtAddr.from(0x1000);
   * console.log(a.offsetFrom(VirtAddr.from(0x1100))); // -256n
   * ```
   */
  offsetFrom(base: Self): bigint;

  /**
   * Adds an unsigned offset (Rust `add`).
   *
   * @param n - A u64 offset.
   * @returns `this + n`.
   * @throws {RangeError} "overflow in `MemoryAddr::add`" when the result exceeds `U64_MAX`.
   *
   * @example
   * ```ts
   * import { PhysAddr } from "@axvisor/memory-addr";
   * console.log(PhysAddr.from(0x1000).add(0x234).toString()); // "PA:0x1234"
   * ```
   */
  add(n: bigint | number): Self;

  /**
   * Subtracts an unsigned offset (Rust `sub`).
   *
   * @param n - A u64 offset.
   * @returns `this - n`.
   * @throws {RangeError} "overflow in `MemoryAddr::sub`" when the result would be negative.
   *
   * @example
   * ```ts
   * import { PhysAddr } from "@axvisor/memory-addr";
   * console.log(PhysAddr.from(0x1234).sub(0x234).toString()); // "PA:0x1000"
   * ```
   */
  sub(n: bigint | number): Self;

  /**
   * Returns the unsigned distance `this - other` (Rust `sub_addr`).
   *
   * @param other - An address `<=` this one.
   * @returns The difference as a u64.
   * @throws {RangeError} "overflow in `MemoryAddr::sub_addr`" when `other > this`.
   *
   * @example
   * ```ts
   * import { PhysAddr } from "@axvisor/memory-addr";
   * console.log(PhysAddr.from(0x3000).subAddr(PhysAddr.from(0x1000))); // 8192n
   * ```
   */
  subAddr(other: Self): bigint;

  /**
   * Adds a signed offset, wrapping modulo 2^64 (Rust `wrapping_offset`).
   *
   * @param delta - A signed 64-bit offset.
   * @returns `(this + delta) mod 2^64`.
   * @throws {RangeError} Only when `delta` itself is not an i64.
   *
   * @example
   * ```ts
   * import { VirtAddr } from "@axvisor/memory-addr";
   * console.log(VirtAddr.from(0).wrappingOffset(-1).toString()); // "VA:0xffffffffffffffff"
   * ```
   */
  wrappingOffset(delta: bigint | number): Self;

  /**
   * Adds an unsigned offset, wrapping modulo 2^64 (Rust `wrapping_add`).
   *
   * @param n - A u64 offset.
   * @returns `(this + n) mod 2^64`.
   * @throws {RangeError} Only when `n` itself is not a u64.
   *
   * @example
   * ```ts
   * import { U64_MAX, VirtAddr } from "@axvisor/memory-addr";
   * console.log(VirtAddr.from(U64_MAX).wrappingAdd(2).toString()); // "VA:0x1"
   * ```
   */
  wrappingAdd(n: bigint | number): Self;

  /**
   * Subtracts an unsigned offset, wrapping modulo 2^64 (Rust `wrapping_sub`).
   *
   * @param n - A u64 offset.
   * @returns `(this - n) mod 2^64`.
   * @throws {RangeError} Only when `n` itself is not a u64.
   *
   * @example
   * ```ts
   * import { VirtAddr } from "@axvisor/memory-addr";
   * console.log(VirtAddr.from(1).wrappingSub(2).toString()); // "VA:0xffffffffffffffff"
   * ```
   */
  wrappingSub(n: bigint | number): Self;

  /**
   * Returns `this - other` wrapping modulo 2^64 (Rust `wrapping_sub_addr`).
   *
   * @param other - Another address of the same type.
   * @returns `(this - other) mod 2^64`.
   *
   * @example
   * ```ts
   * import { VirtAddr } from "@axvisor/memory-addr";
   * console.log(VirtAddr.from(0).wrappingSubAddr(VirtAddr.from(1)) === 2n ** 64n - 1n); // true
   * ```
   */
  wrappingSubAddr(other: Self): bigint;

  /**
   * Adds an unsigned offset and reports overflow (Rust `overflowing_add`).
   *
   * @param n - A u64 offset.
   * @returns `[wrappingAdd(n), overflowed]`.
   * @throws {RangeError} Only when `n` itself is not a u64.
   *
   * @example
   * ```ts
   * import { U64_MAX, VirtAddr } from "@axvisor/memory-addr";
   * const [r, overflowed] = VirtAddr.from(U64_MAX).overflowingAdd(1);
   * console.log(r.toString(), overflowed); // "VA:0x0" true
   * ```
   */
  overflowingAdd(n: bigint | number): [Self, boolean];

  /**
   * Subtracts an unsigned offset and reports overflow (Rust `overflowing_sub`).
   *
   * @param n - A u64 offset.
   * @returns `[wrappingSub(n), overflowed]`.
   * @throws {RangeError} Only when `n` itself is not a u64.
   *
   * @example
   * ```ts
   * import { VirtAddr } from "@axvisor/memory-addr";
   * const [r, overflowed] = VirtAddr.from(0x100).overflowingSub(0x10);
   * console.log(r.toString(), overflowed); // "VA:0xf0" false
   * ```
   */
  overflowingSub(n: bigint | number): [Self, boolean];

  /**
   * Returns `this - other` and reports overflow (Rust `overflowing_sub_addr`).
   *
   * @param other - Another address of the same type.
   * @returns `[wrappingSubAddr(other), other > this]`.
   *
   * @example
   * ```ts
   * import { VirtAddr } from "@axvisor/memory-addr";
   * console.log(VirtAddr.from(0x100).overflowingSubAddr(VirtAddr.from(0x200))[1]); // true
   * ```
   */
  overflowingSubAddr(other: Self): [bigint, boolean];

  /**
   * Adds an unsigned offset, or returns `undefined` on overflow (Rust `checked_add`).
   *
   * @param n - A u64 offset.
   * @returns `this + n`, or `undefined` when it exceeds `U64_MAX`.
   * @throws {RangeError} Only when `n` itself is not a u64.
   *
   * @example
   * ```ts
   * import { U64_MAX, VirtAddr } from "@axvisor/memory-addr";
   * console.log(VirtAddr.from(U64_MAX).checkedAdd(1)); // undefined
   * ```
   */
  checkedAdd(n: bigint | number): Self | undefined;

  /**
   * Subtracts an unsigned offset, or returns `undefined` on underflow (Rust `checked_sub`).
   *
   * @param n - A u64 offset.
   * @returns `this - n`, or `undefined` when it would be negative.
   * @throws {RangeError} Only when `n` itself is not a u64.
   *
   * @example
   * ```ts
   * import { VirtAddr } from "@axvisor/memory-addr";
   * console.log(VirtAddr.from(0x100).checkedSub(0x200)); // undefined
   * ```
   */
  checkedSub(n: bigint | number): Self | undefined;

  /**
   * Returns `this - other`, or `undefined` when `other > this` (Rust `checked_sub_addr`).
   *
   * @param other - Another address of the same type.
   * @returns The u64 difference or `undefined`.
   *
   * @example
   * ```ts
   * import { VirtAddr } from "@axvisor/memory-addr";
   * console.log(VirtAddr.from(0x300).checkedSubAddr(VirtAddr.from(0x100))); // 512n
   * ```
   */
  checkedSubAddr(other: Self): bigint | undefined;

  /**
   * Formats the address as its prefix, a colon and lower-case hex (Rust `{:?}` / `{:x}`).
   *
   * @returns For example `"PA:0x1abc"`.
   *
   * @example
   * ```ts
   * import { PhysAddr } from "@axvisor/memory-addr";
   * console.log(`${PhysAddr.from(0x1abc)}`); // "PA:0x1abc"
   * ```
   */
  toString(): string;

  /**
   * Formats the address with upper-case hex digits (Rust `{:X}`); the `0x` stays lower-case.
   *
   * @returns For example `"PA:0x1ABC"`.
   *
   * @example
   * ```ts
   * import { PhysAddr } from "@axvisor/memory-addr";
   * console.log(PhysAddr.from(0x1abc).toUpperHex()); // "PA:0x1ABC"
   * ```
   */
  toUpperHex(): string;
}
