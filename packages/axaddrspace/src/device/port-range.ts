import type { DeviceAddrRange } from "./device-addr.js";
import type { Port } from "./port.js";

/**
 * An inclusive range of ports, `start..=end` (Rust `axaddrspace::device::PortRange`).
 *
 * @example
 * ```ts
 * import { Port, PortRange } from "@axvisor/axaddrspace";
 * const com1 = PortRange.new(new Port(0x3f8), new Port(0x3ff));
 * console.log(com1.contains(new Port(0x3ff)), com1.toHex()); // true 0x3f8..=0x3ff
 * ```
 */
export class PortRange implements DeviceAddrRange<Port> {
  /** The first port. */
  readonly start: Port;
  /** The last port (inclusive). */
  readonly end: Port;

  /**
   * Creates a range.
   *
   * @param start - The first port.
   * @param end - The last port, inclusive.
   */
  constructor(start: Port, end: Port) {
    this.start = start;
    this.end = end;
  }

  /**
   * Creates a range (Rust `PortRange::new`).
   *
   * @param start - The first port.
   * @param end - The last port, inclusive.
   * @returns The range.
   *
   * @example
   * ```ts
   * import { Port, PortRange } from "@axvisor/axaddrspace";
   * const com1 = new PortRange(new Port(0x3f8), new Port(0x3ff));
   * console.log(`${PortRange.new(new Port(1), new Port(2))}`); // Port(1)..=Port(2)
   * ```
   */
  static new(start: Port, end: Port): PortRange {
    return new PortRange(start, end);
  }

  /**
   * Whether `start <= port <= end`.
   *
   * @param port - The port.
   * @returns `true` when contained.
   *
   * @example
   * ```ts
   * import { Port, PortRange } from "@axvisor/axaddrspace";
   * const com1 = new PortRange(new Port(0x3f8), new Port(0x3ff));
   * console.log(com1.contains(new Port(0x3ff)), com1.contains(new Port(0x400))); // true false
   * ```
   */
  contains(port: Port): boolean {
    return this.start.value <= port.value && port.value <= this.end.value;
  }

  /**
   * Rust `{:x}`.
   *
   * @returns `"0x3f8..=0x3ff"`.
   *
   * @example
   * ```ts
   * import { Port, PortRange } from "@axvisor/axaddrspace";
   * const com1 = new PortRange(new Port(0x3f8), new Port(0x3ff));
   * console.log(com1.toHex()); // 0x3f8..=0x3ff
   * ```
   */
  toHex(): string {
    return `0x${this.start.value.toString(16)}..=0x${this.end.value.toString(16)}`;
  }

  /**
   * Formats as `"Port(1016)..=Port(1023)"`.
   *
   * @returns The range text.
   *
   * @example
   * ```ts
   * import { Port, PortRange } from "@axvisor/axaddrspace";
   * const com1 = new PortRange(new Port(0x3f8), new Port(0x3ff));
   * console.log(`${com1}`); // Port(1016)..=Port(1023)
   * ```
   */
  toString(): string {
    return `${this.start.toString()}..=${this.end.toString()}`;
  }
}
