/**
 * The size of one page-table mapping (Rust `page_table_multiarch::PageSize`): 4 KiB, 2 MiB or 1 GiB.
 *
 * @example
 * ```ts
 * import { PageSize } from "@axvisor/axaddrspace";
 * const s: PageSize = PageSize.Size2M; // 0x200000
 * ```
 */
export type PageSize = 0x1000 | 0x20_0000 | 0x4000_0000;

/**
 * The {@link PageSize} values and helpers.
 *
 * @example
 * ```ts
 * import { PageSize } from "@axvisor/axaddrspace";
 * PageSize.isHuge(PageSize.Size1G);           // true
 * PageSize.isAligned(PageSize.Size2M, 0x40_0000n); // true
 * ```
 */
export const PageSize: {
  /** 4 KiB. */
  readonly Size4K: 0x1000;
  /** 2 MiB. */
  readonly Size2M: 0x20_0000;
  /** 1 GiB. */
  readonly Size1G: 0x4000_0000;
  /**
   * Whether the size is larger than 4 KiB.
   *
   * @param size - A page size.
   * @returns `true` for 2 MiB and 1 GiB.
   *
   * @example
   * ```ts
   * import { PageSize } from "@axvisor/axaddrspace";
   * console.log(PageSize.isHuge(PageSize.Size4K)); // false
   * ```
   */
  isHuge(size: PageSize): boolean;
  /**
   * Whether an address is aligned to the size.
   *
   * @param size - A page size.
   * @param addr - The address.
   * @returns `true` when `addr % size === 0`.
   *
   * @example
   * ```ts
   * import { PageSize } from "@axvisor/axaddrspace";
   * console.log(PageSize.isAligned(PageSize.Size1G, 0x8000_0000n)); // true
   * ```
   */
  isAligned(size: PageSize, addr: bigint | number): boolean;
  /**
   * The offset of an address inside its page.
   *
   * @param size - A page size.
   * @param addr - The address.
   * @returns `addr % size`.
   *
   * @example
   * ```ts
   * import { PageSize } from "@axvisor/axaddrspace";
   * console.log(PageSize.alignOffset(PageSize.Size2M, 0x20_1234n)); // 4660n
   * ```
   */
  alignOffset(size: PageSize, addr: bigint): bigint;
  /**
   * Formats a size as `"4K"`, `"2M"` or `"1G"`.
   *
   * @param size - A page size.
   * @returns The short name.
   *
   * @example
   * ```ts
   * import { PageSize } from "@axvisor/axaddrspace";
   * console.log(PageSize.format(PageSize.Size2M)); // 2M
   * ```
   */
  format(size: PageSize): string;
} = {
  Size4K: 0x1000,
  Size2M: 0x20_0000,
  Size1G: 0x4000_0000,
  isHuge(size: PageSize): boolean {
    return size > 0x1000;
  },
  isAligned(size: PageSize, addr: bigint | number): boolean {
    return typeof addr === "bigint" ? addr % BigInt(size) === 0n : addr % size === 0;
  },
  alignOffset(size: PageSize, addr: bigint): bigint {
    return addr % BigInt(size);
  },
  format(size: PageSize): string {
    return size === 0x1000 ? "4K" : size === 0x20_0000 ? "2M" : "1G";
  },
};
