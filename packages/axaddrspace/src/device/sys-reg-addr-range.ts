import type { DeviceAddrRange } from "./device-addr.js";
import type { SysRegAddr } from "./sys-reg-addr.js";

/**
 * An inclusive range of system-register addresses, `start..=end` (Rust
 * `axaddrspace::device::SysRegAddrRange`).
 *
 * @example
 * ```ts
 * import { SysRegAddr, SysRegAddrRange } from "@axvisor/axaddrspace";
 * const r = SysRegAddrRange.new(new SysRegAddr(0x1000), new SysRegAddr(0x10ff));
 * console.log(r.contains(new SysRegAddr(0x10ff)), r.toHex()); // true 0x1000..=0x10ff
 * ```
 */
export class SysRegAddrRange implements DeviceAddrRange<SysRegAddr> {
  /** The first address. */
  readonly start: SysRegAddr;
  /** The last address (inclusive). */
  readonly end: SysRegAddr;

  /**
   * Creates a range.
   *
   * @param start - The first address.
   * @param end - The last address, inclusive.
   */
  constructor(start: SysRegAddr, end: SysRegAddr) {
    this.start = start;
    this.end = end;
  }

  /**
   * Creates a range (Rust `SysRegAddrRange::new`).
   *
   * @param start - The first address.
   * @param end - The last address, inclusive.
   * @returns The range.
   *
   * @example
   * ```ts
   * import { SysRegAddr, SysRegAddrRange } from "@axvisor/axaddrspace";
   * const r = new SysRegAddrRange(new SysRegAddr(0x10), new SysRegAddr(0x1f));
   * console.log(SysRegAddrRange.new(new SysRegAddr(1), new SysRegAddr(2)).toHex()); // 0x1..=0x2
   * ```
   */
  static new(start: SysRegAddr, end: SysRegAddr): SysRegAddrRange {
    return new SysRegAddrRange(start, end);
  }

  /**
   * Whether `start <= addr <= end`.
   *
   * @param addr - The address.
   * @returns `true` when contained.
   *
   * @example
   * ```ts
   * import { SysRegAddr, SysRegAddrRange } from "@axvisor/axaddrspace";
   * const r = new SysRegAddrRange(new SysRegAddr(0x10), new SysRegAddr(0x1f));
   * console.log(r.contains(new SysRegAddr(0x1f)), r.contains(new SysRegAddr(0x20))); // true false
   * ```
   */
  contains(addr: SysRegAddr): boolean {
    return this.start.value <= addr.value && addr.value <= this.end.value;
  }

  /**
   * Rust `{:x}`.
   *
   * @returns `"0x1000..=0x10ff"`.
   *
   * @example
   * ```ts
   * import { SysRegAddr, SysRegAddrRange } from "@axvisor/axaddrspace";
   * const r = new SysRegAddrRange(new SysRegAddr(0x10), new SysRegAddr(0x1f));
   * console.log(r.toHex()); // 0x10..=0x1f
   * ```
   */
  toHex(): string {
    return `0x${this.start.value.toString(16)}..=0x${this.end.value.toString(16)}`;
  }

  /**
   * Formats as `"SysRegAddr(4096)..=SysRegAddr(4351)"`.
   *
   * @returns The range text.
   *
   * @example
   * ```ts
   * import { SysRegAddr, SysRegAddrRange } from "@axvisor/axaddrspace";
   * const r = new SysRegAddrRange(new SysRegAddr(0x10), new SysRegAddr(0x1f));
   * console.log(`${r}`); // SysRegAddr(16)..=SysRegAddr(31)
   * ```
   */
  toString(): string {
    return `${this.start.toString()}..=${this.end.toString()}`;
  }
}
