import { PhysAddr, VirtAddr } from "./addr.js";
import type { MemoryAddr } from "./memory-addr.js";

/**
 * A half-open address range `[start, end)` (Rust `memory_addr::AddrRange`). Immutable.
 *
 * Build one with {@link AddrRange.new} or {@link AddrRange.fromStartSize} (they throw on misuse) or
 * their `try…` forms (they return `undefined`).
 *
 * @typeParam A - The address type; both ends have the same type.
 *
 * @example
 * ```ts
 * import { AddrRange, VirtAddr } from "@axvisor/memory-addr";
 * const r = AddrRange.fromStartSize(VirtAddr.from(0xfec000), 0x13000);
 * console.log(r.toString(), r.size()); // "VA:0xfec000..VA:0xfff000" 77824n
 * ```
 */
export class AddrRange<A extends MemoryAddr<A>> {
  /**
   * The first address in the range (inclusive).
   *
   * @example
   * ```ts
   * import { AddrRange, pa } from "@axvisor/memory-addr";
   * console.log(AddrRange.new(pa(0x1000), pa(0x2000)).start.toString()); // "PA:0x1000"
   * ```
   */
  readonly start: A;

  /**
   * The first address after the range (exclusive).
   *
   * @example
   * ```ts
   * import { AddrRange, pa } from "@axvisor/memory-addr";
   * console.log(AddrRange.new(pa(0x1000), pa(0x2000)).end.toString()); // "PA:0x2000"
   * ```
   */
  readonly end: A;

  private constructor(start: A, end: A) {
    this.start = start;
    this.end = end;
    Object.freeze(this);
  }

  /**
   * Makes the range `[start, end)` (Rust `AddrRange::new`).
   *
   * @param start - The first address.
   * @param end - The address after the last one; must be `>= start`.
   * @returns The range.
   * @throws {RangeError} When `start > end`.
   *
   * @example
   * ```ts
   * import { AddrRange, va } from "@axvisor/memory-addr";
   * console.log(AddrRange.new(va(0x1000), va(0x3000)).size()); // 8192n
   * ```
   */
  static new<A extends MemoryAddr<A>>(start: A, end: A): AddrRange<A> {
    if (start.gt(end)) {
      throw new RangeError(`invalid \`AddrRange\`: start ${start.toString()} > end ${end.toString()}`);
    }
    return new AddrRange(start, end);
  }

  /**
   * Makes the range `[start, end)`, or returns `undefined` when `start > end` (Rust `AddrRange::try_new`).
   *
   * @param start - The first address.
   * @param end - The address after the last one.
   * @returns The range, or `undefined`.
   *
   * @example
   * ```ts
   * import { AddrRange, va } from "@axvisor/memory-addr";
   * console.log(AddrRange.tryNew(va(0x3000), va(0x1000))); // undefined
   * ```
   */
  static tryNew<A extends MemoryAddr<A>>(start: A, end: A): AddrRange<A> | undefined {
    return start.gt(end) ? undefined : new AddrRange(start, end);
  }

  /**
   * Makes the range `[start, start + size)` (Rust `AddrRange::from_start_size`).
   *
   * @param start - The first address.
   * @param size - The length in bytes, a u64 (bigint or safe-integer number).
   * @returns The range.
   * @throws {RangeError} "size too large" when `start + size` exceeds `U64_MAX`.
   *
   * @example
   * ```ts
   * import { AddrRange, pa } from "@axvisor/memory-addr";
   * console.log(AddrRange.fromStartSize(pa(0x8000_0000), 0x1000).toString()); // "PA:0x80000000..PA:0x80001000"
   * ```
   */
  static fromStartSize<A extends MemoryAddr<A>>(start: A, size: bigint | number): AddrRange<A> {
    const end = start.checkedAdd(size);
    if (end === undefined) {
      throw new RangeError(`size too large: ${start.toString()} + ${String(size)} overflows`);
    }
    return new AddrRange(start, end);
  }

  /**
   * Makes the range `[start, start + size)`, or returns `undefined` on overflow
   * (Rust `AddrRange::try_from_start_size`).
   *
   * @param start - The first address.
   * @param size - The length in bytes, a u64.
   * @returns The range, or `undefined` when `start + size` exceeds `U64_MAX`.
   * @throws {RangeError} Only when `size` itself is not a u64.
   *
   * @example
   * ```ts
   * import { AddrRange, pa, U64_MAX } from "@axvisor/memory-addr";
   * console.log(AddrRange.tryFromStartSize(pa(U64_MAX), 2)); // undefined
   * ```
   */
  static tryFromStartSize<A extends MemoryAddr<A>>(
    start: A,
    size: bigint | number,
  ): AddrRange<A> | undefined {
    const end = start.checkedAdd(size);
    return end === undefined ? undefined : new AddrRange(start, end);
  }

  /**
   * Tests whether the range holds no address (`start >= end`).
   *
   * @returns `true` for an empty range.
   *
   * @example
   * ```ts
   * import { AddrRange, va } from "@axvisor/memory-addr";
   * console.log(AddrRange.new(va(0x1000), va(0x1000)).isEmpty()); // true
   * ```
   */
  isEmpty(): boolean {
    return this.start.ge(this.end);
  }

  /**
   * The length of the range in bytes (`end - start`).
   *
   * @returns The size as a u64.
   *
   * @example
   * ```ts
   * import { AddrRange, va } from "@axvisor/memory-addr";
   * console.log(AddrRange.new(va(0x1000), va(0x2000)).size()); // 4096n
   * ```
   */
  size(): bigint {
    return this.end.wrappingSubAddr(this.start);
  }

  /**
   * Tests whether `addr` lies in the range (`start <= addr < end`).
   *
   * @param addr - The address to test.
   * @returns `true` when it is inside.
   *
   * @example
   * ```ts
   * import { AddrRange, va } from "@axvisor/memory-addr";
   * const r = AddrRange.new(va(0x1000), va(0x2000));
   * console.log(r.contains(va(0x1fff)), r.contains(va(0x2000))); // true false
   * ```
   */
  contains(addr: A): boolean {
    return this.start.le(addr) && addr.lt(this.end);
  }

  /**
   * Tests whether `other` lies wholly inside this range (`start <= other.start && other.end <= end`).
   *
   * @param other - The range to test.
   * @returns `true` when this range covers `other`.
   *
   * @example
   * ```ts
   * import { AddrRange, va } from "@axvisor/memory-addr";
   * const r = AddrRange.new(va(0x1000), va(0x3000));
   * console.log(r.containsRange(AddrRange.new(va(0x1000), va(0x2000)))); // true
   * ```
   */
  containsRange(other: AddrRange<A>): boolean {
    return this.start.le(other.start) && other.end.le(this.end);
  }

  /**
   * Tests whether this range lies wholly inside `other` (the reverse of {@link AddrRange.containsRange}).
   *
   * @param other - The enclosing candidate.
   * @returns `true` when `other` covers this range.
   *
   * @example
   * ```ts
   * import { AddrRange, va } from "@axvisor/memory-addr";
   * const r = AddrRange.new(va(0x1000), va(0x2000));
   * console.log(r.containedIn(AddrRange.new(va(0), va(0x2000)))); // true
   * ```
   */
  containedIn(other: AddrRange<A>): boolean {
    return other.start.le(this.start) && this.end.le(other.end);
  }

  /**
   * Tests whether the two ranges share an address (`start < other.end && other.start < end`).
   * Touching ranges do not overlap.
   *
   * @param other - The other range.
   * @returns `true` when they overlap.
   *
   * @example
   * ```ts
   * import { AddrRange, va } from "@axvisor/memory-addr";
   * const r = AddrRange.new(va(0x1000), va(0x2000));
   * console.log(r.overlaps(AddrRange.new(va(0x1800), va(0x2800)))); // true
   * console.log(r.overlaps(AddrRange.new(va(0x2000), va(0x3000)))); // false
   * ```
   */
  overlaps(other: AddrRange<A>): boolean {
    return this.start.lt(other.end) && other.start.lt(this.end);
  }

  /**
   * Tests whether both ends are equal.
   *
   * @param other - The other range.
   * @returns `true` when `start` and `end` match.
   *
   * @example
   * ```ts
   * import { AddrRange, va } from "@axvisor/memory-addr";
   * const a = AddrRange.new(va(0x1000), va(0x2000));
   * console.log(a.equals(AddrRange.fromStartSize(va(0x1000), 0x1000))); // true
   * ```
   */
  equals(other: AddrRange<A>): boolean {
    return this.start.equals(other.start) && this.end.equals(other.end);
  }

  /**
   * Formats the range as `start..end` with lower-case hex (Rust `{:?}` / `{:x}`).
   *
   * @returns For example `"VA:0xfec000..VA:0xfff000"`.
   *
   * @example
   * ```ts
   * import { AddrRange, va } from "@axvisor/memory-addr";
   * console.log(`${AddrRange.new(va(0xfec000), va(0xfff000))}`); // "VA:0xfec000..VA:0xfff000"
   * ```
   */
  toString(): string {
    return `${this.start.toString()}..${this.end.toString()}`;
  }

  /**
   * Formats the range with upper-case hex digits (Rust `{:X}`).
   *
   * @returns For example `"VA:0xFEC000..VA:0xFFF000"`.
   *
   * @example
   * ```ts
   * import { AddrRange, va } from "@axvisor/memory-addr";
   * console.log(AddrRange.new(va(0xfec000), va(0xfff000)).toUpperHex()); // "VA:0xFEC000..VA:0xFFF000"
   * ```
   */
  toUpperHex(): string {
    return `${this.start.toUpperHex()}..${this.end.toUpperHex()}`;
  }
}

/**
 * A range of physical addresses (Rust `PhysAddrRange`).
 *
 * @example
 * ```ts
 * import { AddrRange, pa, type PhysAddrRange } from "@axvisor/memory-addr";
 * const ram: PhysAddrRange = AddrRange.fromStartSize(pa(0x8000_0000), 0x100_0000);
 * console.log(ram.toString()); // "PA:0x80000000..PA:0x81000000"
 * ```
 */
export type PhysAddrRange = AddrRange<PhysAddr>;

/**
 * A range of virtual addresses (Rust `VirtAddrRange`).
 *
 * @example
 * ```ts
 * import { AddrRange, va, type VirtAddrRange } from "@axvisor/memory-addr";
 * const r: VirtAddrRange = AddrRange.new(va(0x1000), va(0x2000));
 * console.log(r.size()); // 4096n
 * ```
 */
export type VirtAddrRange = AddrRange<VirtAddr>;

/**
 * Makes a {@link VirtAddrRange} from two raw values (Rust macro `va_range!`).
 *
 * @param start - The first address, a u64 (bigint or safe-integer number).
 * @param end - The address after the last one; must be `>= start`.
 * @returns The range.
 * @throws {RangeError} "invalid address range in `va_range!`" when `start > end`, or when a value is not a u64.
 *
 * @example
 * ```ts
 * import { vaRange } from "@axvisor/memory-addr";
 * console.log(vaRange(0xfec000, 0xfff000).toUpperHex()); // "VA:0xFEC000..VA:0xFFF000"
 * ```
 */
export function vaRange(start: bigint | number, end: bigint | number): VirtAddrRange {
  const r = AddrRange.tryNew(VirtAddr.from(start), VirtAddr.from(end));
  if (r === undefined) throw new RangeError("invalid address range in `va_range!`");
  return r;
}

/**
 * Makes a {@link PhysAddrRange} from two raw values (Rust macro `pa_range!`).
 *
 * @param start - The first address, a u64 (bigint or safe-integer number).
 * @param end - The address after the last one; must be `>= start`.
 * @returns The range.
 * @throws {RangeError} "invalid address range in `pa_range!`" when `start > end`, or when a value is not a u64.
 *
 * @example
 * ```ts
 * import { paRange } from "@axvisor/memory-addr";
 * console.log(paRange(0x8000_0000, 0x8010_0000).size()); // 1048576n
 * ```
 */
export function paRange(start: bigint | number, end: bigint | number): PhysAddrRange {
  const r = AddrRange.tryNew(PhysAddr.from(start), PhysAddr.from(end));
  if (r === undefined) throw new RangeError("invalid address range in `pa_range!`");
  return r;
}
