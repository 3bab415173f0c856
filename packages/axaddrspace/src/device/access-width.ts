/**
 * The width of a device access (Rust `axaddrspace::device::AccessWidth`): Byte (1), Word (2),
 * Dword (4) or Qword (8). Values are the four singletons, ordered by size.
 *
 * @example
 * ```ts
 * import { AccessWidth } from "@axvisor/axaddrspace";
 * const w = AccessWidth.fromSize(4)!;
 * console.log(w.name, w.size(), w.bitsRange()); // Dword 4 [0, 32]
 * ```
 */
export class AccessWidth {
  /** 8-bit access. */
  static readonly Byte: AccessWidth = new AccessWidth("Byte", 1);
  /** 16-bit access. */
  static readonly Word: AccessWidth = new AccessWidth("Word", 2);
  /** 32-bit access. */
  static readonly Dword: AccessWidth = new AccessWidth("Dword", 4);
  /** 64-bit access. */
  static readonly Qword: AccessWidth = new AccessWidth("Qword", 8);

  /** The variant name. */
  readonly name: "Byte" | "Word" | "Dword" | "Qword";
  readonly #size: 1 | 2 | 4 | 8;

  private constructor(name: "Byte" | "Word" | "Dword" | "Qword", size: 1 | 2 | 4 | 8) {
    this.name = name;
    this.#size = size;
  }

  /**
   * The width for a byte count (Rust `TryFrom<usize>`).
   *
   * @param size - 1, 2, 4 or 8.
   * @returns The width, or `undefined` for any other size.
   *
   * @example
   * ```ts
   * import { AccessWidth } from "@axvisor/axaddrspace";
   * console.log(AccessWidth.fromSize(2)?.name, AccessWidth.fromSize(3)); // Word undefined
   * ```
   */
  static fromSize(size: number): AccessWidth | undefined {
    switch (size) {
      case 1:
        return AccessWidth.Byte;
      case 2:
        return AccessWidth.Word;
      case 4:
        return AccessWidth.Dword;
      case 8:
        return AccessWidth.Qword;
      default:
        return undefined;
    }
  }

  /**
   * The size in bytes (Rust `size()` / `From<AccessWidth> for usize`).
   *
   * @returns 1, 2, 4 or 8.
   *
   * @example
   * ```ts
   * import { AccessWidth } from "@axvisor/axaddrspace";
   * console.log(AccessWidth.Dword.size()); // 4
   * ```
   */
  size(): 1 | 2 | 4 | 8 {
    return this.#size;
  }

  /**
   * The bit range the access covers, half-open (Rust `bits_range()`: `0..8`, `0..16`, …).
   *
   * @returns `[0, 8 × size]`.
   *
   * @example
   * ```ts
   * import { AccessWidth } from "@axvisor/axaddrspace";
   * console.log(AccessWidth.Word.bitsRange()); // [0, 16]
   * ```
   */
  bitsRange(): [number, number] {
    return [0, this.#size * 8];
  }

  /**
   * Orders by size (Rust derives `Ord`).
   *
   * @param other - The other width.
   * @returns -1, 0 or 1.
   *
   * @example
   * ```ts
   * import { AccessWidth } from "@axvisor/axaddrspace";
   * console.log(AccessWidth.Byte.compare(AccessWidth.Qword)); // -1
   * ```
   */
  compare(other: AccessWidth): -1 | 0 | 1 {
    return this.#size < other.#size ? -1 : this.#size > other.#size ? 1 : 0;
  }

  /**
   * The variant name, as Rust's `Debug`.
   *
   * @returns `"Byte"`, `"Word"`, `"Dword"` or `"Qword"`.
   *
   * @example
   * ```ts
   * import { AccessWidth } from "@axvisor/axaddrspace";
   * console.log(`${AccessWidth.Qword}`); // Qword
   * ```
   */
  toString(): string {
    return this.name;
  }
}
