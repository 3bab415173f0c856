/**
 * A system-register address (Rust `axaddrspace::device::SysRegAddr(usize)`); on LoongArch the IOCSR
 * address of an `iocsrrd`/`iocsrwr` exit.
 *
 * @example
 * ```ts
 * import { SysRegAddr } from "@axvisor/axaddrspace";
 * const r = new SysRegAddr(0x1020n);
 * console.log(r.toString(), r.toHex()); // SysRegAddr(4128) SysRegAddr(0x1020)
 * ```
 */
export class SysRegAddr {
  /** The address. */
  readonly value: bigint;

  /**
   * Creates an address.
   *
   * @param value - 0 ≤ value < 2^64.
   * @throws {RangeError} when out of range or not a safe integer.
   */
  constructor(value: bigint | number) {
    if (typeof value === "number" && !Number.isSafeInteger(value))
      throw new RangeError("value must be a safe integer");
    const v = BigInt(value);
    if (v < 0n || v >= 1n << 64n) throw new RangeError("a system-register address is a u64");
    this.value = v;
  }

  /**
   * Creates an address (Rust `SysRegAddr::new`).
   *
   * @param value - The address.
   * @returns The value.
   * @throws {RangeError} when out of range.
   *
   * @example
   * ```ts
   * import { SysRegAddr } from "@axvisor/axaddrspace";
   * console.log(SysRegAddr.new(0x420).value); // 1056n
   * ```
   */
  static new(value: bigint | number): SysRegAddr {
    return new SysRegAddr(value);
  }

  /**
   * The address (Rust `addr()`).
   *
   * @returns The address.
   *
   * @example
   * ```ts
   * import { SysRegAddr } from "@axvisor/axaddrspace";
   * console.log(new SysRegAddr(8).addr()); // 8n
   * ```
   */
  addr(): bigint {
    return this.value;
  }

  /**
   * Equality.
   *
   * @param other - The other address.
   * @returns `true` when equal.
   *
   * @example
   * ```ts
   * import { SysRegAddr } from "@axvisor/axaddrspace";
   * console.log(new SysRegAddr(8).equals(new SysRegAddr(8n))); // true
   * ```
   */
  equals(other: SysRegAddr): boolean {
    return this.value === other.value;
  }

  /**
   * Ordering.
   *
   * @param other - The other address.
   * @returns -1, 0 or 1.
   *
   * @example
   * ```ts
   * import { SysRegAddr } from "@axvisor/axaddrspace";
   * console.log(new SysRegAddr(1).compare(new SysRegAddr(2))); // -1
   * ```
   */
  compare(other: SysRegAddr): -1 | 0 | 1 {
    return this.value < other.value ? -1 : this.value > other.value ? 1 : 0;
  }

  /**
   * Rust `Debug`: decimal.
   *
   * @returns `"SysRegAddr(4128)"`.
   *
   * @example
   * ```ts
   * import { SysRegAddr } from "@axvisor/axaddrspace";
   * console.log(`${new SysRegAddr(0xabc)}`); // SysRegAddr(2748)
   * ```
   */
  toString(): string {
    return `SysRegAddr(${this.value})`;
  }

  /**
   * Rust `{:x}`.
   *
   * @returns `"SysRegAddr(0x1020)"`.
   *
   * @example
   * ```ts
   * import { SysRegAddr } from "@axvisor/axaddrspace";
   * console.log(new SysRegAddr(0xabc).toHex()); // SysRegAddr(0xabc)
   * ```
   */
  toHex(): string {
    return `SysRegAddr(0x${this.value.toString(16)})`;
  }

  /**
   * Rust `{:X}`.
   *
   * @returns `"SysRegAddr(0xABC)"`.
   *
   * @example
   * ```ts
   * import { SysRegAddr } from "@axvisor/axaddrspace";
   * console.log(new SysRegAddr(0xabc).toUpperHex()); // SysRegAddr(0xABC)
   * ```
   */
  toUpperHex(): string {
    return `SysRegAddr(0x${this.value.toString(16).toUpperCase()})`;
  }
}
