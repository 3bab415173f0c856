/**
 * An x86 I/O port number (Rust `axaddrspace::device::Port(u16)`).
 *
 * @example
 * ```ts
 * import { Port } from "@axvisor/axaddrspace";
 * const p = new Port(0x1f);
 * console.log(p.toString(), p.toHex(), p.toUpperHex()); // Port(31) Port(0x1f) Port(0x1F)
 * ```
 */
export class Port {
  /** The port number. */
  readonly value: number;

  /**
   * Creates a port.
   *
   * @param value - 0..65535.
   * @throws {RangeError} when not a u16.
   */
  constructor(value: number) {
    if (!Number.isInteger(value) || value < 0 || value > 0xffff)
      throw new RangeError("a port number is a u16");
    this.value = value;
  }

  /**
   * Creates a port (Rust `Port::new`).
   *
   * @param value - 0..65535.
   * @returns The port.
   * @throws {RangeError} when not a u16.
   *
   * @example
   * ```ts
   * import { Port } from "@axvisor/axaddrspace";
   * console.log(Port.new(0x3f8).value); // 1016
   * ```
   */
  static new(value: number): Port {
    return new Port(value);
  }

  /**
   * The port number (Rust `number()`).
   *
   * @returns The number.
   *
   * @example
   * ```ts
   * import { Port } from "@axvisor/axaddrspace";
   * console.log(new Port(0x60).number()); // 96
   * ```
   */
  number(): number {
    return this.value;
  }

  /**
   * Equality.
   *
   * @param other - The other port.
   * @returns `true` for the same number.
   *
   * @example
   * ```ts
   * import { Port } from "@axvisor/axaddrspace";
   * console.log(new Port(1).equals(new Port(1))); // true
   * ```
   */
  equals(other: Port): boolean {
    return this.value === other.value;
  }

  /**
   * Ordering.
   *
   * @param other - The other port.
   * @returns -1, 0 or 1.
   *
   * @example
   * ```ts
   * import { Port } from "@axvisor/axaddrspace";
   * console.log(new Port(2).compare(new Port(1))); // 1
   * ```
   */
  compare(other: Port): -1 | 0 | 1 {
    return this.value < other.value ? -1 : this.value > other.value ? 1 : 0;
  }

  /**
   * Rust `Debug`: decimal.
   *
   * @returns `"Port(16)"`.
   *
   * @example
   * ```ts
   * import { Port } from "@axvisor/axaddrspace";
   * console.log(`${new Port(16)}`); // Port(16)
   * ```
   */
  toString(): string {
    return `Port(${this.value})`;
  }

  /**
   * Rust `{:x}`.
   *
   * @returns `"Port(0x1f)"`.
   *
   * @example
   * ```ts
   * import { Port } from "@axvisor/axaddrspace";
   * console.log(new Port(0x1f).toHex()); // Port(0x1f)
   * ```
   */
  toHex(): string {
    return `Port(0x${this.value.toString(16)})`;
  }

  /**
   * Rust `{:X}`.
   *
   * @returns `"Port(0x1F)"`.
   *
   * @example
   * ```ts
   * import { Port } from "@axvisor/axaddrspace";
   * console.log(new Port(0x1f).toUpperHex()); // Port(0x1F)
   * ```
   */
  toUpperHex(): string {
    return `Port(0x${this.value.toString(16).toUpperCase()})`;
  }
}
