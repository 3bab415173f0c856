// A sorted sequence stored as a list of short arrays, so that inserting or removing near the front
// of tens of thousands of items costs O(√n) instead of moving the whole array (the role of Rust's
// BTreeMap in memory_set).

const MAX_CHUNK = 512;

/** A sequence kept sorted by `key`, with index-based access. */
export class SortedChunks<T> {
  #chunks: T[][] = [];
  #size = 0;
  readonly #key: (item: T) => bigint;

  constructor(key: (item: T) => bigint) {
    this.#key = key;
  }

  get length(): number {
    return this.#size;
  }

  /** The index of the first item whose key is >= v (`strict`: > v). */
  bound(v: bigint, strict: boolean): number {
    const key = this.#key;
    const chunks = this.#chunks;
    // The first chunk whose last key passes the test, by bisection.
    let lo = 0;
    let hi = chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = chunks[mid]!;
      const last = key(c[c.length - 1]!);
      if (strict ? last <= v : last < v) lo = mid + 1;
      else hi = mid;
    }
    let base = 0;
    for (let c = 0; c < lo; c++) base += chunks[c]!.length;
    const chunk = chunks[lo];
    if (chunk === undefined) return base;
    let a = 0;
    let b = chunk.length;
    while (a < b) {
      const mid = (a + b) >>> 1;
      const k = key(chunk[mid]!);
      if (strict ? k <= v : k < v) a = mid + 1;
      else b = mid;
    }
    return base + a;
  }

  at(index: number): T | undefined {
    if (index < 0) return undefined;
    let i = index;
    for (const chunk of this.#chunks) {
      if (i < chunk.length) return chunk[i];
      i -= chunk.length;
    }
    return undefined;
  }

  insertAt(index: number, item: T): void {
    let i = index;
    let c = 0;
    for (; c < this.#chunks.length; c++) {
      const chunk = this.#chunks[c]!;
      if (i <= chunk.length) break;
      i -= chunk.length;
    }
    if (c === this.#chunks.length) {
      if (c === 0) this.#chunks.push([item]);
      else this.#chunks[c - 1]!.push(item);
    } else {
      const chunk = this.#chunks[c]!;
      chunk.splice(i, 0, item);
      if (chunk.length > 2 * MAX_CHUNK) this.#chunks.splice(c + 1, 0, chunk.splice(MAX_CHUNK));
    }
    this.#size++;
  }

  removeRange(index: number, count: number): void {
    let i = index;
    let left = count;
    let c = 0;
    while (c < this.#chunks.length && left > 0) {
      const chunk = this.#chunks[c]!;
      if (i >= chunk.length) {
        i -= chunk.length;
        c++;
        continue;
      }
      const n = Math.min(left, chunk.length - i);
      chunk.splice(i, n);
      left -= n;
      this.#size -= n;
      if (chunk.length === 0) this.#chunks.splice(c, 1);
      else c++;
      i = 0;
    }
  }

  *from(index: number): IterableIterator<T> {
    let i = Math.max(0, index);
    for (const chunk of this.#chunks) {
      if (i >= chunk.length) {
        i -= chunk.length;
        continue;
      }
      for (; i < chunk.length; i++) yield chunk[i]!;
      i = 0;
    }
  }

  toArray(): T[] {
    return this.#chunks.flat();
  }

  clear(): void {
    this.#chunks = [];
    this.#size = 0;
  }
}
