import { PAGE_SIZE_4K } from "./consts.js";
import { hex, I64_MAX, I64_MIN, toAlign, toI64, toU64, U64_MAX_VALUE } from "./internal/u64.js";
import type { MemoryAddr } from "./memory-addr.js";

/**
 * The brand key that makes address types nominal: `Addr<"A">` carries `[addrBrand]: "A"`, so it is not
 * assignable to `Addr<"B">`. At run time it holds the type name on each address type's prototype.
 *
 * @example
 * ```ts
 * import { addrBrand, PhysAddr } from "@axvisor/memory-addr";
 * console.log(PhysAddr.from(0)[addrBrand]); // "PhysAddr"
 * ```
 */
export const addrBrand: unique symbol = Symbol("@axvisor/memory-addr.addrBrand");

/**
 * An immutable address value of the nominal type `N`, made by a class from {@link defineAddrType}.
 *
 * It carries the whole {@link MemoryAddr} method set, with `Self = Addr<N>`.
 *
 * @typeParam N - The type name, for example `"PhysAddr"`; it is what makes two address types distinct.
 *
 * @example
 * ```ts
 * import { type Addr, defineAddrType } from "@axvisor/memory-addr";
 * const GuestPhysAddr = defineAddrType("GuestPhysAddr", "GPA");
 * type GuestPhysAddr = Addr<"GuestPhysAddr">;
 * const gpa: GuestPhysAddr = GuestPhysAddr.from(0x8000_0000n);
 * console.log(gpa.toString()); // "GPA:0x80000000"
 * ```
 */
export interface Addr<N extends string> extends MemoryAddr<Addr<N>> {
  /**
   * The type-name brand (see {@link addrBrand}).
   *
   * @example
   * ```ts
   * import { addrBrand, VirtAddr } from "@axvisor/memory-addr";
   * console.log(VirtAddr.from(0)[addrBrand]); // "VirtAddr"
   * ```
   */
  readonly [addrBrand]: N;
}

/**
 * An address type: the "class" object returned by {@link defineAddrType} (Rust `def_usize_addr!` +
 * `def_usize_addr_formatter!`).
 *
 * @typeParam N - The type name.
 *
 * @example
 * ```ts
 * import { PhysAddr } from "@axvisor/memory-addr";
 * console.log(PhysAddr.typeName, PhysAddr.prefix, PhysAddr.ZERO.toString()); // "PhysAddr" "PA" "PA:0x0"
 * ```
 */
export interface AddrType<N extends string> {
  /**
   * The nominal type name given to {@link defineAddrType}.
   *
   * @example
   * ```ts
   * import { VirtAddr } from "@axvisor/memory-addr";
   * console.log(VirtAddr.typeName); // "VirtAddr"
   * ```
   */
  readonly typeName: N;

  /**
   * The prefix printed before `:0x…`.
   *
   * @example
   * ```ts
   * import { VirtAddr } from "@axvisor/memory-addr";
   * console.log(VirtAddr.prefix); // "VA"
   * ```
   */
  readonly prefix: string;

  /**
   * The address `0` (Rust `Default`).
   *
   * @example
   * ```ts
   * import { PhysAddr } from "@axvisor/memory-addr";
   * console.log(PhysAddr.ZERO.value); // 0n
   * ```
   */
  readonly ZERO: Addr<N>;

  /**
   * The address `U64_MAX`.
   *
   * @example
   * ```ts
   * import { PhysAddr } from "@axvisor/memory-addr";
   * console.log(PhysAddr.MAX.toString()); // "PA:0xffffffffffffffff"
   * ```
   */
  readonly MAX: Addr<N>;

  /**
   * Makes an address from a u64 (Rust `from_usize` / `From<usize>`).
   *
   * @param value - A bigint in `0n..=U64_MAX`, or a non-negative safe-integer number.
   * @returns The immutable address.
   * @throws {RangeError} When the value is negative, above `U64_MAX`, or a number that is not a safe integer.
   *
   * @example
   * ```ts
   * import { PhysAddr } from "@axvisor/memory-addr";
   * console.log(PhysAddr.from(0x1abc).toString()); // "PA:0x1abc"
   * console.log(PhysAddr.from(0xffff_ffff_ffff_f000n).toUpperHex()); // "PA:0xFFFFFFFFFFFFF000"
   * ```
   */
  from(value: bigint | number): Addr<N>;

  /**
   * Tests whether a value is an address of exactly this type (made by this factory call).
   *
   * @param x - Any value.
   * @returns `true` when `x` is an `Addr<N>` of this type.
   *
   * @example
   * ```ts
   * import { PhysAddr, VirtAddr } from "@axvisor/memory-addr";
   * console.log(PhysAddr.isInstance(PhysAddr.from(1)), PhysAddr.isInstance(VirtAddr.from(1))); // true false
   * ```
   */
  isInstance(x: unknown): x is Addr<N>;
}

// Internal symbol-keyed slot on each type's prototype holding the print prefix; not public API.
const PREFIX: unique symbol = Symbol("prefix");

const INSPECT: unique symbol = Symbol.for("nodejs.util.inspect.custom");

// One shared implementation; each defineAddrType call derives a class that only sets the slots above.
abstract class AddrBase<N extends string> implements Addr<N> {
  declare readonly [addrBrand]: N;
  declare readonly [PREFIX]: string;
  readonly value: bigint;

  constructor(value: bigint) {
    // The single validation point for every address value.
    if (typeof value !== "bigint" || value < 0n || value > U64_MAX_VALUE) {
      throw new RangeError(
        `${this[addrBrand]} value must be in 0..=0xffffffffffffffff, got ${typeof value === "bigint" ? hex(value) : String(value)}`,
      );
    }
    // Immutable by contract (`readonly`), not frozen: Object.freeze doubled the cost of every
    // arithmetic result in bench/addr.bench.ts. The shared ZERO/MAX singletons are frozen.
    this.value = value;
  }

  // Builds a value of the receiver's own address type.
  #make(v: bigint): Addr<N> {
    return new (this.constructor as new (v: bigint) => Addr<N>)(v);
  }

  toBigInt(): bigint {
    return this.value;
  }

  toNumber(): number {
    if (this.value > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new RangeError(`${this.toString()} exceeds Number.MAX_SAFE_INTEGER`);
    }
    return Number(this.value);
  }

  equals(other: Addr<N>): boolean {
    return this.value === other.value && this[addrBrand] === other[addrBrand];
  }

  compare(other: Addr<N>): -1 | 0 | 1 {
    return this.value < other.value ? -1 : this.value > other.value ? 1 : 0;
  }

  lt(other: Addr<N>): boolean {
    return this.value < other.value;
  }

  le(other: Addr<N>): boolean {
    return this.value <= other.value;
  }

  gt(other: Addr<N>): boolean {
    return this.value > other.value;
  }

  ge(other: Addr<N>): boolean {
    return this.value >= other.value;
  }

  alignDown(align: bigint | number): Addr<N> {
    const a = toAlign(align);
    return this.#make(this.value & ~(a - 1n));
  }

  alignUp(align: bigint | number): Addr<N> {
    const a = toAlign(align);
    const r = (this.value + a - 1n) & ~(a - 1n);
    if (r > U64_MAX_VALUE) {
      throw new RangeError(
        `overflow in \`MemoryAddr::align_up\`: ${this.toString()} aligned up to ${hex(a)}`,
      );
    }
    return this.#make(r);
  }

  alignOffset(align: bigint | number): bigint {
    return this.value & (toAlign(align) - 1n);
  }

  isAligned(align: bigint | number): boolean {
    return (this.value & (toAlign(align) - 1n)) === 0n;
  }

  alignDown4K(): Addr<N> {
    return this.#make(this.value & ~(PAGE_SIZE_4K - 1n));
  }

  alignUp4K(): Addr<N> {
    return this.alignUp(PAGE_SIZE_4K);
  }

  alignOffset4K(): bigint {
    return this.value & (PAGE_SIZE_4K - 1n);
  }

  isAligned4K(): boolean {
    return (this.value & (PAGE_SIZE_4K - 1n)) === 0n;
  }

  offset(delta: bigint | number): Addr<N> {
    const r = this.value + toI64(delta, "offset");
    if (r < 0n || r > U64_MAX_VALUE) {
      throw new RangeError(`overflow in \`MemoryAddr::offset\`: ${this.toString()} + ${hex(BigInt(delta))}`);
    }
    return this.#make(r);
  }

  offsetFrom(base: Addr<N>): bigint {
    const d = this.value - base.value;
    if (d < I64_MIN || d > I64_MAX) {
      throw new RangeError(
        `overflow in \`MemoryAddr::offset_from\`: ${this.toString()} - ${base.toString()}`,
      );
    }
    return d;
  }

  add(n: bigint | number): Addr<N> {
    const r = this.value + toU64(n, "addend");
    if (r > U64_MAX_VALUE) {
      throw new RangeError(`overflow in \`MemoryAddr::add\`: ${this.toString()} + ${hex(BigInt(n))}`);
    }
    return this.#make(r);
  }

  sub(n: bigint | number): Addr<N> {
    const r = this.value - toU64(n, "subtrahend");
    if (r < 0n) {
      throw new RangeError(`overflow in \`MemoryAddr::sub\`: ${this.toString()} - ${hex(BigInt(n))}`);
    }
    return this.#make(r);
  }

  subAddr(other: Addr<N>): bigint {
    const r = this.value - other.value;
    if (r < 0n) {
      throw new RangeError(`overflow in \`MemoryAddr::sub_addr\`: ${this.toString()} - ${other.toString()}`);
    }
    return r;
  }

  wrappingOffset(delta: bigint | number): Addr<N> {
    return this.#make(BigInt.asUintN(64, this.value + toI64(delta, "offset")));
  }

  wrappingAdd(n: bigint | number): Addr<N> {
    return this.#make(BigInt.asUintN(64, this.value + toU64(n, "addend")));
  }

  wrappingSub(n: bigint | number): Addr<N> {
    return this.#make(BigInt.asUintN(64, this.value - toU64(n, "subtrahend")));
  }

  wrappingSubAddr(other: Addr<N>): bigint {
    return BigInt.asUintN(64, this.value - other.value);
  }

  overflowingAdd(n: bigint | number): [Addr<N>, boolean] {
    const r = this.value + toU64(n, "addend");
    return r > U64_MAX_VALUE ? [this.#make(r - U64_MAX_VALUE - 1n), true] : [this.#make(r), false];
  }

  overflowingSub(n: bigint | number): [Addr<N>, boolean] {
    const r = this.value - toU64(n, "subtrahend");
    return r < 0n ? [this.#make(r + U64_MAX_VALUE + 1n), true] : [this.#make(r), false];
  }

  overflowingSubAddr(other: Addr<N>): [bigint, boolean] {
    const r = this.value - other.value;
    return r < 0n ? [r + U64_MAX_VALUE + 1n, true] : [r, false];
  }

  checkedAdd(n: bigint | number): Addr<N> | undefined {
    const r = this.value + toU64(n, "addend");
    return r > U64_MAX_VALUE ? undefined : this.#make(r);
  }

  checkedSub(n: bigint | number): Addr<N> | undefined {
    const r = this.value - toU64(n, "subtrahend");
    return r < 0n ? undefined : this.#make(r);
  }

  checkedSubAddr(other: Addr<N>): bigint | undefined {
    const r = this.value - other.value;
    return r < 0n ? undefined : r;
  }

  toString(): string {
    return `${this[PREFIX]}:0x${this.value.toString(16)}`;
  }

  toUpperHex(): string {
    return `${this[PREFIX]}:0x${this.value.toString(16).toUpperCase()}`;
  }

  // Lets Node's console.log and util.inspect print "PA:0x1000" (a plain symbol, so still isomorphic).
  [INSPECT](): string {
    return this.toString();
  }
}

/**
 * Defines a new nominal address type (Rust `def_usize_addr!` + `def_usize_addr_formatter!`).
 *
 * The returned object makes immutable {@link Addr} values over `bigint` (`0 <= v < 2^64`). Types with
 * different names are not assignable to each other, so a `GuestPhysAddr` cannot be passed where a
 * `HostPhysAddr` is expected. Declare a same-named type alias next to the constant, as shown below.
 *
 * Two calls with the same `name` give the same static type but different runtime types
 * (`isInstance` tells them apart); define each type once and export it.
 *
 * @param name - The type name, which also becomes the nominal brand (use a string literal).
 * @param prefix - What `toString()` prints before `:0x…`, for example `"GPA"`.
 * @returns The address type object.
 * @throws {TypeError} When `name` is empty or `prefix` is not a string.
 *
 * @example
 * ```ts
 * import { type Addr, defineAddrType } from "@axvisor/memory-addr";
 *
 * export const GuestPhysAddr = defineAddrType("GuestPhysAddr", "GPA");
 * export type GuestPhysAddr = Addr<"GuestPhysAddr">;
 *
 * const gpa = GuestPhysAddr.from(0x8000_1234n);
 * console.log(gpa.alignDown4K().toString()); // "GPA:0x80001000"
 * ```
 */
export function defineAddrType<N extends string>(name: N, prefix: string): AddrType<N> {
  if (typeof name !== "string" || name.length === 0) {
    throw new TypeError("defineAddrType: name must be a non-empty string");
  }
  if (typeof prefix !== "string") {
    throw new TypeError("defineAddrType: prefix must be a string");
  }
  class AddrOfType extends AddrBase<N> {}
  const make = (v: bigint): Addr<N> => new AddrOfType(v);
  Object.defineProperties(AddrOfType.prototype, {
    [addrBrand]: { value: name },
    [PREFIX]: { value: prefix },
    [Symbol.toStringTag]: { value: name },
  });
  Object.freeze(AddrOfType.prototype);
  Object.freeze(AddrOfType);
  const type: AddrType<N> = {
    typeName: name,
    prefix,
    ZERO: Object.freeze(make(0n)),
    MAX: Object.freeze(make(U64_MAX_VALUE)),
    from(value: bigint | number): Addr<N> {
      return make(toU64(value, `${name} value`));
    },
    isInstance(x: unknown): x is Addr<N> {
      return x instanceof AddrOfType;
    },
  };
  return Object.freeze(type);
}
