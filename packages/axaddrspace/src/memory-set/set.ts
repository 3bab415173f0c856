import { AddrRange, type MemoryAddr } from "@axvisor/memory-addr";
import { toBigSize } from "../internal/size.js";
import { SortedChunks } from "../internal/sorted-chunks.js";
import { MemoryArea } from "./area.js";
import type { MappingBackend } from "./backend.js";
import { MappingError } from "./mapping-error.js";

/**
 * An ordered set of non-overlapping {@link MemoryArea}s (Rust `memory_set::MemorySet`, a BTreeMap
 * keyed by area start; here a sorted array searched by bisection).
 *
 * Semantics are Rust's exactly: `map` refuses overlaps unless told to unmap them first; `unmap` and
 * `protect` split areas on the left, right or both sides; adjacent areas are never merged;
 * `protect`'s `updateFlags` returning `undefined` skips an area entirely; unmapping holes is fine and
 * size 0 is a no-op. Failures are thrown as {@link MappingError}.
 *
 * One extension: `protect` with size 0 does nothing (Rust would insert an empty area and lose the
 * right part of a split).
 *
 * @typeParam A - The address type.
 * @typeParam F - The flags type.
 * @typeParam PT - The page-table type.
 * @typeParam B - The backend type.
 *
 * @example
 * ```ts
 * import { VirtAddr } from "@axvisor/memory-addr";
 * import { MemoryArea, MemorySet, type MappingBackend } from "@axvisor/axaddrspace";
 * const pt = new Uint8Array(0x10000);
 * const fill = (s: VirtAddr, n: bigint, v: number) => (pt.fill(v, Number(s.value), Number(s.value + n)), true);
 * const backend: MappingBackend<VirtAddr, number, Uint8Array> = {
 *   map: (s, n, f) => fill(s, n, f), unmap: (s, n) => fill(s, n, 0), protect: (s, n, f) => fill(s, n, f),
 * };
 * const set = new MemorySet<VirtAddr, number, Uint8Array>();
 * set.map(new MemoryArea(VirtAddr.from(0), 0x3000, 1, backend), pt, false);
 * set.unmap(VirtAddr.from(0x1000), 0x1000, pt); // splits into [0, 0x1000) and [0x2000, 0x3000)
 * console.log(set.len()); // 2
 * ```
 */
export class MemorySet<
  A extends MemoryAddr<A>,
  F,
  PT,
  B extends MappingBackend<A, F, PT> = MappingBackend<A, F, PT>,
> {
  readonly #areas: SortedChunks<MemoryArea<A, F, PT, B>> = new SortedChunks((a) => a.start().value);

  /**
   * The number of areas.
   *
   * @returns The count.
   *
   * @example
   * ```ts
   * import { VirtAddr, vaRange } from "@axvisor/memory-addr";
   * import { MemoryArea, MemorySet, type MappingBackend } from "@axvisor/axaddrspace";
   * const pt = new Uint8Array(0x10000);
   * const fill = (s: VirtAddr, n: bigint, v: number) => (pt.fill(v, Number(s.value), Number(s.value + n)), true);
   * const b: MappingBackend<VirtAddr, number, Uint8Array> = { map: (s, n, f) => fill(s, n, f), unmap: (s, n) => fill(s, n, 0), protect: (s, n, f) => fill(s, n, f) };
   * const set = new MemorySet<VirtAddr, number, Uint8Array>();
   * set.map(new MemoryArea(VirtAddr.from(0x1000), 0x3000, 1, b), pt, false);
   * console.log(set.len()); // 1
   * ```
   */
  len(): number {
    return this.#areas.length;
  }

  /**
   * Whether there are no areas.
   *
   * @returns `true` when empty.
   *
   * @example
   * ```ts
   * import { VirtAddr, vaRange } from "@axvisor/memory-addr";
   * import { MemoryArea, MemorySet, type MappingBackend } from "@axvisor/axaddrspace";
   * const pt = new Uint8Array(0x10000);
   * const fill = (s: VirtAddr, n: bigint, v: number) => (pt.fill(v, Number(s.value), Number(s.value + n)), true);
   * const b: MappingBackend<VirtAddr, number, Uint8Array> = { map: (s, n, f) => fill(s, n, f), unmap: (s, n) => fill(s, n, 0), protect: (s, n, f) => fill(s, n, f) };
   * const set = new MemorySet<VirtAddr, number, Uint8Array>();
   * set.map(new MemoryArea(VirtAddr.from(0x1000), 0x3000, 1, b), pt, false);
   * console.log(set.isEmpty()); // false
   * ```
   */
  isEmpty(): boolean {
    return this.#areas.length === 0;
  }

  /**
   * The areas in ascending address order.
   *
   * @returns An iterator over the areas.
   *
   * @example
   * ```ts
   * import { VirtAddr, vaRange } from "@axvisor/memory-addr";
   * import { MemoryArea, MemorySet, type MappingBackend } from "@axvisor/axaddrspace";
   * const pt = new Uint8Array(0x10000);
   * const fill = (s: VirtAddr, n: bigint, v: number) => (pt.fill(v, Number(s.value), Number(s.value + n)), true);
   * const b: MappingBackend<VirtAddr, number, Uint8Array> = { map: (s, n, f) => fill(s, n, f), unmap: (s, n) => fill(s, n, 0), protect: (s, n, f) => fill(s, n, f) };
   * const set = new MemorySet<VirtAddr, number, Uint8Array>();
   * set.map(new MemoryArea(VirtAddr.from(0x1000), 0x3000, 1, b), pt, false);
   * console.log([...set.iter()].map((a) => `${a.vaRange()}`)); // ["VA:0x1000..VA:0x4000"]
   * ```
   */
  iter(): IterableIterator<MemoryArea<A, F, PT, B>> {
    return this.#areas.toArray()[Symbol.iterator]();
  }

  /**
   * Iterates the areas in ascending order.
   *
   * @returns An iterator over the areas.
   *
   * @example
   * ```ts
   * import { VirtAddr, vaRange } from "@axvisor/memory-addr";
   * import { MemoryArea, MemorySet, type MappingBackend } from "@axvisor/axaddrspace";
   * const pt = new Uint8Array(0x10000);
   * const fill = (s: VirtAddr, n: bigint, v: number) => (pt.fill(v, Number(s.value), Number(s.value + n)), true);
   * const b: MappingBackend<VirtAddr, number, Uint8Array> = { map: (s, n, f) => fill(s, n, f), unmap: (s, n) => fill(s, n, 0), protect: (s, n, f) => fill(s, n, f) };
   * const set = new MemorySet<VirtAddr, number, Uint8Array>();
   * set.map(new MemoryArea(VirtAddr.from(0x1000), 0x3000, 1, b), pt, false);
   * for (const area of set) {
   *   console.log(area.flags()); // 1
   * }
   * ```
   */
  [Symbol.iterator](): IterableIterator<MemoryArea<A, F, PT, B>> {
    return this.iter();
  }

  /**
   * Whether `range` overlaps any area.
   *
   * @param range - The range to test.
   * @returns `true` on overlap.
   *
   * @example
   * ```ts
   * import { VirtAddr, vaRange } from "@axvisor/memory-addr";
   * import { MemoryArea, MemorySet, type MappingBackend } from "@axvisor/axaddrspace";
   * const pt = new Uint8Array(0x10000);
   * const fill = (s: VirtAddr, n: bigint, v: number) => (pt.fill(v, Number(s.value), Number(s.value + n)), true);
   * const b: MappingBackend<VirtAddr, number, Uint8Array> = { map: (s, n, f) => fill(s, n, f), unmap: (s, n) => fill(s, n, 0), protect: (s, n, f) => fill(s, n, f) };
   * const set = new MemorySet<VirtAddr, number, Uint8Array>();
   * set.map(new MemoryArea(VirtAddr.from(0x1000), 0x3000, 1, b), pt, false);
   * console.log(set.overlaps(vaRange(0x3fff, 0x5000)), set.overlaps(vaRange(0x4000, 0x5000))); // true false
   * ```
   */
  overlaps(range: AddrRange<A>): boolean {
    const i = this.#lowerBound(range.start.value);
    const before = this.#areas.at(i - 1);
    if (before?.vaRange().overlaps(range)) return true;
    const after = this.#areas.at(i);
    return after?.vaRange().overlaps(range) ?? false;
  }

  /**
   * The area containing `addr`.
   *
   * @param addr - The address.
   * @returns The area, or `undefined`.
   *
   * @example
   * ```ts
   * import { VirtAddr, vaRange } from "@axvisor/memory-addr";
   * import { MemoryArea, MemorySet, type MappingBackend } from "@axvisor/axaddrspace";
   * const pt = new Uint8Array(0x10000);
   * const fill = (s: VirtAddr, n: bigint, v: number) => (pt.fill(v, Number(s.value), Number(s.value + n)), true);
   * const b: MappingBackend<VirtAddr, number, Uint8Array> = { map: (s, n, f) => fill(s, n, f), unmap: (s, n) => fill(s, n, 0), protect: (s, n, f) => fill(s, n, f) };
   * const set = new MemorySet<VirtAddr, number, Uint8Array>();
   * set.map(new MemoryArea(VirtAddr.from(0x1000), 0x3000, 1, b), pt, false);
   * console.log(`${set.find(VirtAddr.from(0x2000))?.vaRange()}`, set.find(VirtAddr.from(0x4000))); // VA:0x1000..VA:0x4000 undefined
   * ```
   */
  find(addr: A): MemoryArea<A, F, PT, B> | undefined {
    const v = addr.value;
    const i = this.#upperBound(v) - 1;
    const a = this.#areas.at(i);
    return a !== undefined && v < a.end().value ? a : undefined;
  }

  /**
   * Finds a free range of `size` bytes, aligned to `align`, at or after `hint` and inside `limit`
   * (Rust `find_free_area`; first fit).
   *
   * @param hint - Where to start looking.
   * @param size - The size wanted; must be a multiple of `align`.
   * @param limit - The range the result must lie in.
   * @param align - The alignment (a power of two).
   * @returns The start address, or `undefined` when nothing fits or `size % align !== 0`.
   * @throws {RangeError} when `align` is not a power of two or aligning overflows.
   *
   * @example
   * ```ts
   * import { VirtAddr, vaRange } from "@axvisor/memory-addr";
   * import { MemoryArea, MemorySet, type MappingBackend } from "@axvisor/axaddrspace";
   * const pt = new Uint8Array(0x10000);
   * const fill = (s: VirtAddr, n: bigint, v: number) => (pt.fill(v, Number(s.value), Number(s.value + n)), true);
   * const b: MappingBackend<VirtAddr, number, Uint8Array> = { map: (s, n, f) => fill(s, n, f), unmap: (s, n) => fill(s, n, 0), protect: (s, n, f) => fill(s, n, f) };
   * const set = new MemorySet<VirtAddr, number, Uint8Array>();
   * set.map(new MemoryArea(VirtAddr.from(0x1000), 0x3000, 1, b), pt, false);
   * console.log(`${set.findFreeArea(VirtAddr.from(0), 0x2000, vaRange(0, 0x10000), 0x1000)}`); // VA:0x4000
   * ```
   */
  findFreeArea(hint: A, size: bigint | number, limit: AddrRange<A>, align: bigint | number): A | undefined {
    const sz = toBigSize(size);
    const al = toBigSize(align);
    if (al === 0n || sz % al !== 0n) return undefined;
    let lastEnd = (hint.gt(limit.start) ? hint : limit.start).alignUp(al);
    const i = this.#lowerBound(lastEnd.value);
    const prev = this.#areas.at(i - 1);
    if (prev !== undefined) lastEnd = (prev.end().gt(lastEnd) ? prev.end() : lastEnd).alignUp(al);
    for (const area of this.#areas.from(i)) {
      const end = lastEnd.checkedAdd(sz);
      if (end?.le(area.start())) return lastEnd;
      lastEnd = area.end().alignUp(al);
    }
    const end = lastEnd.checkedAdd(sz);
    return end?.le(limit.end) ? lastEnd : undefined;
  }

  /**
   * Adds an area and maps it through its backend (Rust `MemorySet::map`).
   *
   * @param area - The new area.
   * @param pageTable - The page table.
   * @param unmapOverlap - Unmap whatever overlaps first instead of failing.
   * @throws {MappingError} `InvalidParam` for an empty area, `AlreadyExists` on overlap without
   *   `unmapOverlap`, `BadState` when a backend fails.
   *
   * @example
   * ```ts
   * import { VirtAddr, vaRange } from "@axvisor/memory-addr";
   * import { MemoryArea, MemorySet, type MappingBackend } from "@axvisor/axaddrspace";
   * const pt = new Uint8Array(0x10000);
   * const fill = (s: VirtAddr, n: bigint, v: number) => (pt.fill(v, Number(s.value), Number(s.value + n)), true);
   * const b: MappingBackend<VirtAddr, number, Uint8Array> = { map: (s, n, f) => fill(s, n, f), unmap: (s, n) => fill(s, n, 0), protect: (s, n, f) => fill(s, n, f) };
   * const set = new MemorySet<VirtAddr, number, Uint8Array>();
   * set.map(new MemoryArea(VirtAddr.from(0x1000), 0x3000, 1, b), pt, false);
   * set.map(new MemoryArea(VirtAddr.from(0x2000), 0x1000, 7, b), pt, true); // replaces the overlap
   * console.log(set.len(), pt[0x2000]); // 3 7
   * ```
   */
  map(area: MemoryArea<A, F, PT, B>, pageTable: PT, unmapOverlap: boolean): void {
    if (area.vaRange().isEmpty()) throw new MappingError("InvalidParam", "cannot map an empty area");
    if (this.overlaps(area.vaRange())) {
      if (!unmapOverlap)
        throw new MappingError("AlreadyExists", `${area.vaRange().toString()} overlaps an existing area`);
      this.unmap(area.start(), area.size(), pageTable);
    }
    area.mapArea(pageTable);
    this.#insert(area);
  }

  /**
   * Unmaps `[start, start + size)`: removes the areas inside, shrinks or splits the areas across
   * its edges (Rust `MemorySet::unmap`). Holes are fine; size 0 does nothing.
   *
   * @param start - The start address.
   * @param size - The size in bytes.
   * @param pageTable - The page table.
   * @throws {MappingError} `InvalidParam` when `start + size` overflows; `BadState` when a backend fails
   *   (Rust panics for areas wholly inside the range; some areas may already be gone).
   *
   * @example
   * ```ts
   * import { VirtAddr, vaRange } from "@axvisor/memory-addr";
   * import { MemoryArea, MemorySet, type MappingBackend } from "@axvisor/axaddrspace";
   * const pt = new Uint8Array(0x10000);
   * const fill = (s: VirtAddr, n: bigint, v: number) => (pt.fill(v, Number(s.value), Number(s.value + n)), true);
   * const b: MappingBackend<VirtAddr, number, Uint8Array> = { map: (s, n, f) => fill(s, n, f), unmap: (s, n) => fill(s, n, 0), protect: (s, n, f) => fill(s, n, f) };
   * const set = new MemorySet<VirtAddr, number, Uint8Array>();
   * set.map(new MemoryArea(VirtAddr.from(0x1000), 0x3000, 1, b), pt, false);
   * set.unmap(VirtAddr.from(0x2000), 0x1000, pt);
   * console.log([...set].map((a) => `${a.vaRange()}`)); // ["VA:0x1000..VA:0x2000", "VA:0x3000..VA:0x4000"]
   * ```
   */
  unmap(start: A, size: bigint | number, pageTable: PT): void {
    const range = AddrRange.tryFromStartSize(start, size);
    if (range === undefined) throw new MappingError("InvalidParam", "start + size overflows");
    if (range.isEmpty()) return;
    const end = range.end;

    // Areas wholly inside the range form one run among those starting in [start, end).
    const first = this.#lowerBound(start.value);
    let last = first;
    for (const area of this.#areas.from(first)) {
      if (!area.vaRange().containedIn(range)) break;
      try {
        area.unmapArea(pageTable);
      } catch (e) {
        this.#areas.removeRange(first, last - first);
        throw e;
      }
      last++;
    }
    if (last > first) this.#areas.removeRange(first, last - first);

    // The area starting before `start` that reaches past it: shrink its right side or punch a hole.
    const i = this.#lowerBound(start.value);
    const before = this.#areas.at(i - 1);
    if (before !== undefined) {
      const beforeEnd = before.end();
      if (beforeEnd.gt(start)) {
        if (beforeEnd.le(end)) {
          before.shrinkRight(start.subAddr(before.start()), pageTable);
        } else {
          const right = before.split(end)!;
          before.shrinkRight(start.subAddr(before.start()), pageTable);
          this.#areas.insertAt(i, right);
        }
      }
    }

    // The first area starting at or after `start` that begins before `end`: shrink its left side.
    const j = this.#lowerBound(start.value);
    const after = this.#areas.at(j);
    if (after?.start().lt(end)) {
      after.shrinkLeft(after.end().subAddr(end), pageTable);
    }
  }

  /**
   * Changes flags over `[start, start + size)` (Rust `MemorySet::protect`). For each area,
   * `updateFlags(oldFlags)` gives the new flags, or `undefined` to leave the area alone (no split,
   * no backend call). Areas across the edges are split into left / middle / right pieces; only the
   * pieces inside the range change. Backend failures are ignored, as in Rust.
   *
   * @param start - The start address.
   * @param size - The size in bytes (0 does nothing).
   * @param updateFlags - Maps old flags to new flags, or `undefined` to skip.
   * @param pageTable - The page table.
   * @throws {MappingError} `InvalidParam` when `start + size` overflows.
   *
   * @example
   * ```ts
   * import { VirtAddr, vaRange } from "@axvisor/memory-addr";
   * import { MemoryArea, MemorySet, type MappingBackend } from "@axvisor/axaddrspace";
   * const pt = new Uint8Array(0x10000);
   * const fill = (s: VirtAddr, n: bigint, v: number) => (pt.fill(v, Number(s.value), Number(s.value + n)), true);
   * const b: MappingBackend<VirtAddr, number, Uint8Array> = { map: (s, n, f) => fill(s, n, f), unmap: (s, n) => fill(s, n, 0), protect: (s, n, f) => fill(s, n, f) };
   * const set = new MemorySet<VirtAddr, number, Uint8Array>();
   * set.map(new MemoryArea(VirtAddr.from(0x1000), 0x3000, 1, b), pt, false);
   * set.protect(VirtAddr.from(0x2000), 0x1000, (old) => (old === 3 ? undefined : 3), pt);
   * console.log([...set].map((a) => a.flags())); // [1, 3, 1]
   * ```
   */
  protect(start: A, size: bigint | number, updateFlags: (old: F) => F | undefined, pageTable: PT): void {
    const sz = toBigSize(size);
    const end = start.checkedAdd(sz);
    if (end === undefined) throw new MappingError("InvalidParam", "start + size overflows");
    if (sz === 0n) return;
    const toInsert: MemoryArea<A, F, PT, B>[] = [];
    // Areas ending at or before `start` are untouched; begin with the last one starting before it.
    const from = Math.max(0, this.#lowerBound(start.value) - 1);
    for (const area of this.#areas.from(from)) {
      const newFlags = updateFlags(area.flags());
      if (newFlags === undefined) continue;
      const areaStart = area.start();
      const areaEnd = area.end();
      if (areaStart.ge(end)) break;
      if (areaEnd.le(start)) continue;
      if (areaStart.ge(start) && areaEnd.le(end)) {
        area.protectArea(newFlags, pageTable);
        area.setFlags(newFlags);
      } else if (areaStart.lt(start) && areaEnd.gt(end)) {
        const right = area.split(end)!;
        area.setEnd(start);
        const middle = new MemoryArea<A, F, PT, B>(start, sz, area.flags(), area.backend());
        middle.protectArea(newFlags, pageTable);
        middle.setFlags(newFlags);
        toInsert.push(right, middle);
      } else if (areaEnd.gt(end)) {
        const right = area.split(end)!;
        area.protectArea(newFlags, pageTable);
        area.setFlags(newFlags);
        toInsert.push(right);
      } else {
        const right = area.split(start)!;
        right.protectArea(newFlags, pageTable);
        right.setFlags(newFlags);
        toInsert.push(right);
      }
    }
    for (const a of toInsert) this.#insert(a);
  }

  /**
   * Unmaps every area and empties the set (Rust `MemorySet::clear`).
   *
   * @param pageTable - The page table.
   * @throws {MappingError} `BadState` at the first backend failure, leaving the set unchanged.
   *
   * @example
   * ```ts
   * import { VirtAddr, vaRange } from "@axvisor/memory-addr";
   * import { MemoryArea, MemorySet, type MappingBackend } from "@axvisor/axaddrspace";
   * const pt = new Uint8Array(0x10000);
   * const fill = (s: VirtAddr, n: bigint, v: number) => (pt.fill(v, Number(s.value), Number(s.value + n)), true);
   * const b: MappingBackend<VirtAddr, number, Uint8Array> = { map: (s, n, f) => fill(s, n, f), unmap: (s, n) => fill(s, n, 0), protect: (s, n, f) => fill(s, n, f) };
   * const set = new MemorySet<VirtAddr, number, Uint8Array>();
   * set.map(new MemoryArea(VirtAddr.from(0x1000), 0x3000, 1, b), pt, false);
   * set.clear(pt);
   * console.log(set.len(), pt[0x1000]); // 0 0
   * ```
   */
  clear(pageTable: PT): void {
    for (const area of this.#areas.from(0)) area.unmapArea(pageTable);
    this.#areas.clear();
  }

  /**
   * Formats like Rust's `Debug`: the list of areas.
   *
   * @returns `"[MemoryArea { … }, …]"`.
   *
   * @example
   * ```ts
   * import { VirtAddr, vaRange } from "@axvisor/memory-addr";
   * import { MemoryArea, MemorySet, type MappingBackend } from "@axvisor/axaddrspace";
   * const pt = new Uint8Array(0x10000);
   * const fill = (s: VirtAddr, n: bigint, v: number) => (pt.fill(v, Number(s.value), Number(s.value + n)), true);
   * const b: MappingBackend<VirtAddr, number, Uint8Array> = { map: (s, n, f) => fill(s, n, f), unmap: (s, n) => fill(s, n, 0), protect: (s, n, f) => fill(s, n, f) };
   * const set = new MemorySet<VirtAddr, number, Uint8Array>();
   * set.map(new MemoryArea(VirtAddr.from(0x1000), 0x3000, 1, b), pt, false);
   * console.log(`${set}`); // [MemoryArea { va_range: VA:0x1000..VA:0x4000, flags: 1 }]
   * ```
   */
  toString(): string {
    return `[${this.#areas
      .toArray()
      .map((a) => a.toString())
      .join(", ")}]`;
  }

  #insert(area: MemoryArea<A, F, PT, B>): void {
    const i = this.#lowerBound(area.start().value);
    if (this.#areas.at(i)?.start().value === area.start().value)
      throw new MappingError("BadState", "duplicate area start");
    this.#areas.insertAt(i, area);
  }

  /** The index of the first area whose start is >= v. */
  #lowerBound(v: bigint): number {
    return this.#areas.bound(v, false);
  }

  /** The index of the first area whose start is > v. */
  #upperBound(v: bigint): number {
    return this.#areas.bound(v, true);
  }
}
