import { PAGE_SIZE_1G, PAGE_SIZE_2M, PAGE_SIZE_4K } from "./consts.js";
import { isPowerOfTwo, toU64 } from "./internal/u64.js";
import type { MemoryAddr } from "./memory-addr.js";

// Rust's constructors return None rather than panicking for these, so the TS ones return undefined.
function validPages<A extends MemoryAddr<A>>(start: A, end: A, pageSize: bigint): boolean {
  return isPowerOfTwo(pageSize) && start.isAligned(pageSize) && end.isAligned(pageSize);
}

/**
 * An iterator over the page-aligned addresses `start, start + pageSize, …` below `end`
 * (Rust `DynPageIter`, and `PageIter<PAGE_SIZE, A>` through {@link PageIter4K}, {@link PageIter2M},
 * {@link PageIter1G}).
 *
 * It is an `IterableIterator`, so it works with `for … of`, spread and `Array.from`. Like every
 * iterator it is consumed once.
 *
 * @typeParam A - The address type.
 *
 * @example
 * ```ts
 * import { PageIter, va } from "@axvisor/memory-addr";
 * const pages = PageIter.new(va(0x2000), va(0x8000), 0x2000);
 * console.log([...(pages ?? [])].map(String)); // ["VA:0x2000", "VA:0x4000", "VA:0x6000"]
 * ```
 */
export class PageIter<A extends MemoryAddr<A>> implements IterableIterator<A, undefined> {
  /**
   * The step between yielded addresses, a power of two.
   *
   * @example
   * ```ts
   * import { PageIter4K, va } from "@axvisor/memory-addr";
   * console.log(PageIter4K.new(va(0), va(0x1000))?.pageSize); // 4096n
   * ```
   */
  readonly pageSize: bigint;

  /**
   * The exclusive upper bound.
   *
   * @example
   * ```ts
   * import { PageIter4K, va } from "@axvisor/memory-addr";
   * console.log(PageIter4K.new(va(0), va(0x3000))?.end.toString()); // "VA:0x3000"
   * ```
   */
  readonly end: A;

  #cur: A;

  /**
   * Used by {@link PageIter.new} and the fixed-size subclasses after validation.
   *
   * @param start - The first address (already aligned).
   * @param end - The exclusive bound (already aligned).
   * @param pageSize - A power of two.
   */
  protected constructor(start: A, end: A, pageSize: bigint) {
    this.#cur = start;
    this.end = end;
    this.pageSize = pageSize;
  }

  /**
   * Makes an iterator with a runtime page size (Rust `DynPageIter::new`).
   *
   * @param start - The first page; must be `pageSize`-aligned.
   * @param end - The exclusive bound; must be `pageSize`-aligned.
   * @param pageSize - The step; must be a power of two.
   * @returns The iterator, or `undefined` when `pageSize` is not a power of two or an end is unaligned.
   * @throws {RangeError} When `pageSize` is not a u64 at all (negative, too large, or not a safe integer).
   *
   * @example
   * ```ts
   * import { PageIter, pa } from "@axvisor/memory-addr";
   * const it = PageIter.new(pa(0x4000), pa(0x10000), 0x4000);
   * console.log([...(it ?? [])].map(String)); // ["PA:0x4000", "PA:0x8000", "PA:0xc000"]
   * console.log(PageIter.new(pa(0), pa(0x3000), 0x3000)); // undefined (not a power of two)
   * ```
   */
  static new<A extends MemoryAddr<A>>(start: A, end: A, pageSize: bigint | number): PageIter<A> | undefined {
    const ps = toU64(pageSize, "page size");
    return validPages(start, end, ps) ? new PageIter(start, end, ps) : undefined;
  }

  /**
   * Yields the next page address, stepping with the checked `add`.
   *
   * @returns `{ value, done: false }` while the current address is below `end`, then `{ done: true }`.
   *
   * @example
   * ```ts
   * import { PageIter4K, va } from "@axvisor/memory-addr";
   * const it = PageIter4K.new(va(0x1000), va(0x2000))!;
   * console.log(it.next().value?.toString(), it.next().done); // "VA:0x1000" true
   * ```
   */
  next(): IteratorResult<A, undefined> {
    const cur = this.#cur;
    if (cur.lt(this.end)) {
      this.#cur = cur.add(this.pageSize);
      return { value: cur, done: false };
    }
    return { value: undefined, done: true };
  }

  /**
   * Returns the iterator itself, so it can be used in `for … of`.
   *
   * @returns `this`.
   *
   * @example
   * ```ts
   * import { PageIter4K, va } from "@axvisor/memory-addr";
   * const seen: string[] = [];
   * for (const page of PageIter4K.new(va(0), va(0x2000))!) seen.push(page.toString());
   * console.log(seen); // ["VA:0x0", "VA:0x1000"]
   * ```
   */
  [Symbol.iterator](): this {
    return this;
  }
}

/**
 * A {@link PageIter} over 4 KiB pages (Rust `PageIter4K<A>`).
 *
 * @typeParam A - The address type.
 *
 * @example
 * ```ts
 * import { PageIter4K, va } from "@axvisor/memory-addr";
 * console.log(Array.from(PageIter4K.new(va(0x1000), va(0x4000))!, String)); // ["VA:0x1000", "VA:0x2000", "VA:0x3000"]
 * ```
 */
export class PageIter4K<A extends MemoryAddr<A>> extends PageIter<A> {
  /**
   * Used by {@link PageIter4K.new} after validation.
   *
   * @param start - The first address (already aligned).
   * @param end - The exclusive bound (already aligned).
   */
  protected constructor(start: A, end: A) {
    super(start, end, PAGE_SIZE_4K);
  }

  /**
   * Makes a 4 KiB page iterator (Rust `PageIter4K::new`).
   *
   * @param start - The first page; must be 4 KiB-aligned.
   * @param end - The exclusive bound; must be 4 KiB-aligned.
   * @returns The iterator, or `undefined` when `start` or `end` is unaligned.
   *
   * @example
   * ```ts
   * import { PageIter4K, va } from "@axvisor/memory-addr";
   * console.log(PageIter4K.new(va(0x1001), va(0x2000))); // undefined
   * ```
   */
  static override new<A extends MemoryAddr<A>>(start: A, end: A): PageIter4K<A> | undefined {
    return validPages(start, end, PAGE_SIZE_4K) ? new PageIter4K(start, end) : undefined;
  }
}

/**
 * A {@link PageIter} over 2 MiB pages (Rust `PageIter2M<A>`).
 *
 * @typeParam A - The address type.
 *
 * @example
 * ```ts
 * import { PageIter2M, pa } from "@axvisor/memory-addr";
 * console.log([...PageIter2M.new(pa(0), pa(0x40_0000))!].length); // 2
 * ```
 */
export class PageIter2M<A extends MemoryAddr<A>> extends PageIter<A> {
  /**
   * Used by {@link PageIter2M.new} after validation.
   *
   * @param start - The first address (already aligned).
   * @param end - The exclusive bound (already aligned).
   */
  protected constructor(start: A, end: A) {
    super(start, end, PAGE_SIZE_2M);
  }

  /**
   * Makes a 2 MiB page iterator (Rust `PageIter2M::new`).
   *
   * @param start - The first page; must be 2 MiB-aligned.
   * @param end - The exclusive bound; must be 2 MiB-aligned.
   * @returns The iterator, or `undefined` when `start` or `end` is unaligned.
   *
   * @example
   * ```ts
   * import { PageIter2M, pa } from "@axvisor/memory-addr";
   * console.log(PageIter2M.new(pa(0x1000), pa(0x20_0000))); // undefined
   * ```
   */
  static override new<A extends MemoryAddr<A>>(start: A, end: A): PageIter2M<A> | undefined {
    return validPages(start, end, PAGE_SIZE_2M) ? new PageIter2M(start, end) : undefined;
  }
}

/**
 * A {@link PageIter} over 1 GiB pages (Rust `PageIter1G<A>`).
 *
 * @typeParam A - The address type.
 *
 * @example
 * ```ts
 * import { PageIter1G, pa } from "@axvisor/memory-addr";
 * console.log(Array.from(PageIter1G.new(pa(0x4000_0000), pa(0xc000_0000))!, String)); // ["PA:0x40000000", "PA:0x80000000"]
 * ```
 */
export class PageIter1G<A extends MemoryAddr<A>> extends PageIter<A> {
  /**
   * Used by {@link PageIter1G.new} after validation.
   *
   * @param start - The first address (already aligned).
   * @param end - The exclusive bound (already aligned).
   */
  protected constructor(start: A, end: A) {
    super(start, end, PAGE_SIZE_1G);
  }

  /**
   * Makes a 1 GiB page iterator (Rust `PageIter1G::new`).
   *
   * @param start - The first page; must be 1 GiB-aligned.
   * @param end - The exclusive bound; must be 1 GiB-aligned.
   * @returns The iterator, or `undefined` when `start` or `end` is unaligned.
   *
   * @example
   * ```ts
   * import { PageIter1G, pa } from "@axvisor/memory-addr";
   * console.log(PageIter1G.new(pa(0), pa(0x20_0000))); // undefined
   * ```
   */
  static override new<A extends MemoryAddr<A>>(start: A, end: A): PageIter1G<A> | undefined {
    return validPages(start, end, PAGE_SIZE_1G) ? new PageIter1G(start, end) : undefined;
  }
}
