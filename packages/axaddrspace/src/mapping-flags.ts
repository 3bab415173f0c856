/**
 * Mapping permissions and attributes: a plain number bitset with the bit values of Rust's
 * `page_table_entry::MappingFlags`.
 *
 * @example
 * ```ts
 * import { MappingFlags } from "@axvisor/axaddrspace";
 * const rw: MappingFlags = MappingFlags.READ | MappingFlags.WRITE;
 * ```
 */
export type MappingFlags = number;

const NAMES: readonly (readonly [number, string])[] = [
  [1, "READ"],
  [2, "WRITE"],
  [4, "EXECUTE"],
  [8, "USER"],
  [16, "DEVICE"],
  [32, "UNCACHED"],
];

/**
 * The `MappingFlags` bit values and helpers.
 *
 * @example
 * ```ts
 * import { MappingFlags } from "@axvisor/axaddrspace";
 * const f = MappingFlags.READ | MappingFlags.EXECUTE;
 * MappingFlags.contains(f, MappingFlags.READ); // true
 * MappingFlags.format(f); // "READ | EXECUTE"
 * ```
 */
export const MappingFlags: {
  /** Readable (bit 0). */
  readonly READ: 1;
  /** Writable (bit 1). */
  readonly WRITE: 2;
  /** Executable (bit 2). */
  readonly EXECUTE: 4;
  /** Accessible from user mode (bit 3). */
  readonly USER: 8;
  /** Device memory (bit 4). */
  readonly DEVICE: 16;
  /** Uncached memory (bit 5). */
  readonly UNCACHED: 32;
  /** No flags. */
  readonly empty: 0;
  /** All defined bits. */
  readonly all: 63;
  /**
   * Whether `flags` has every bit of `other`.
   *
   * @param flags - The flags to test.
   * @param other - The required bits.
   * @returns `(flags & other) === other`.
   *
   * @example
   * ```ts
   * import { MappingFlags } from "@axvisor/axaddrspace";
   * console.log(MappingFlags.contains(MappingFlags.READ | MappingFlags.WRITE, MappingFlags.WRITE)); // true
   * ```
   */
  contains(flags: MappingFlags, other: MappingFlags): boolean;
  /**
   * Whether `flags` and `other` share a bit.
   *
   * @param flags - The flags to test.
   * @param other - The bits to look for.
   * @returns `(flags & other) !== 0`.
   *
   * @example
   * ```ts
   * import { MappingFlags } from "@axvisor/axaddrspace";
   * console.log(MappingFlags.intersects(MappingFlags.READ, MappingFlags.WRITE | MappingFlags.EXECUTE)); // false
   * ```
   */
  intersects(flags: MappingFlags, other: MappingFlags): boolean;
  /**
   * Formats flags as `"READ | WRITE"`, `"empty"` for 0, unknown bits in hex.
   *
   * @param flags - The flags.
   * @returns The names joined by `" | "`.
   *
   * @example
   * ```ts
   * import { MappingFlags } from "@axvisor/axaddrspace";
   * console.log(MappingFlags.format(MappingFlags.READ | MappingFlags.DEVICE)); // READ | DEVICE
   * ```
   */
  format(flags: MappingFlags): string;
} = {
  READ: 1,
  WRITE: 2,
  EXECUTE: 4,
  USER: 8,
  DEVICE: 16,
  UNCACHED: 32,
  empty: 0,
  all: 63,
  contains(flags: MappingFlags, other: MappingFlags): boolean {
    return (flags & other) === other;
  },
  intersects(flags: MappingFlags, other: MappingFlags): boolean {
    return (flags & other) !== 0;
  },
  format(flags: MappingFlags): string {
    if (flags === 0) return "empty";
    const parts: string[] = [];
    let rest = flags;
    for (const [bit, name] of NAMES) {
      if (flags & bit) {
        parts.push(name);
        rest &= ~bit;
      }
    }
    if (rest !== 0) parts.push(`0x${(rest >>> 0).toString(16)}`);
    return parts.join(" | ");
  },
};
