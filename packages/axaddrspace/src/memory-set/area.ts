import { AddrRange, type MemoryAddr } from "@axvisor/memory-addr";
import type { MappingBackend } from "./backend.js";
import { MappingError } from "./mapping-error.js";

/**
 * A contiguous range of addresses with the same flags and backend (Rust `memory_set::MemoryArea`).
 *
 * @typeParam A - The address type.
 * @typeParam F - The flags type.
 * @typeParam PT - The page-table type.
 * @typeParam B - The backend type.
 *
 * @example
 * ```ts
 * import { VirtAddr } from "@axvisor/memory-addr";
 * import { MemoryArea, type MappingBackend } from "@axvisor/axaddrspace";
 * const backend: MappingBackend<VirtAddr, number, Uint8Array> = { map: () => true, unmap: () => true, protect: () => true };
 * const area = new MemoryArea(VirtAddr.from(0x1000), 0x2000, 1, backend);
 * console.log(area.toString()); // "MemoryArea { va_range: VA:0x1000..VA:0x3000, flags: 1 }"
 * ```
 */
export class MemoryArea<
  A extends MemoryAddr<A>,
  F,
  PT,
  B extends MappingBackend<A, F, PT> = MappingBackend<A, F, PT>,
> {
  #range: AddrRange<A>;
  #flags: F;
  readonly #backend: B;

  /**
   * Creates an area covering `[start, start + size)`. Nothing is mapped until a memory set maps it.
   *
   * @param start - The start address.
   * @param size - The size in bytes.
   * @param flags - The mapping flags.
   * @param backend - The mapping backend.
   * @throws {RangeError} when `start + size` overflows.
   */
  constructor(start: A, size: bigint | number, flags: F, backend: B) {
    this.#range = AddrRange.fromStartSize(start, size);
    this.#flags = flags;
    this.#backend = backend;
  }

  /**
   * The address range.
   *
   * @returns `[start, end)`.
   *
   * @example
   * ```ts
   * import { VirtAddr } from "@axvisor/memory-addr";
   * import { MemoryArea, type MappingBackend } from "@axvisor/axaddrspace";
   * const backend: MappingBackend<VirtAddr, number, null> = { map: () => true, unmap: () => true, protect: () => true };
   * const area = new MemoryArea(VirtAddr.from(0x1000), 0x2000, 5, backend);
   * console.log(`${area.vaRange()}`); // VA:0x1000..VA:0x3000
   * ```
   */
  vaRange(): AddrRange<A> {
    return this.#range;
  }

  /**
   * The mapping flags.
   *
   * @returns The flags.
   *
   * @example
   * ```ts
   * import { VirtAddr } from "@axvisor/memory-addr";
   * import { MemoryArea, type MappingBackend } from "@axvisor/axaddrspace";
   * const backend: MappingBackend<VirtAddr, number, null> = { map: () => true, unmap: () => true, protect: () => true };
   * const area = new MemoryArea(VirtAddr.from(0x1000), 0x2000, 5, backend);
   * console.log(area.flags()); // 5
   * ```
   */
  flags(): F {
    return this.#flags;
  }

  /**
   * The start address.
   *
   * @returns The first address of the area.
   *
   * @example
   * ```ts
   * import { VirtAddr } from "@axvisor/memory-addr";
   * import { MemoryArea, type MappingBackend } from "@axvisor/axaddrspace";
   * const backend: MappingBackend<VirtAddr, number, null> = { map: () => true, unmap: () => true, protect: () => true };
   * const area = new MemoryArea(VirtAddr.from(0x1000), 0x2000, 5, backend);
   * console.log(`${area.start()}`); // VA:0x1000
   * ```
   */
  start(): A {
    return this.#range.start;
  }

  /**
   * The end address (exclusive).
   *
   * @returns The first address after the area.
   *
   * @example
   * ```ts
   * import { VirtAddr } from "@axvisor/memory-addr";
   * import { MemoryArea, type MappingBackend } from "@axvisor/axaddrspace";
   * const backend: MappingBackend<VirtAddr, number, null> = { map: () => true, unmap: () => true, protect: () => true };
   * const area = new MemoryArea(VirtAddr.from(0x1000), 0x2000, 5, backend);
   * console.log(`${area.end()}`); // VA:0x3000
   * ```
   */
  end(): A {
    return this.#range.end;
  }

  /**
   * The size in bytes.
   *
   * @returns `end - start`.
   *
   * @example
   * ```ts
   * import { VirtAddr } from "@axvisor/memory-addr";
   * import { MemoryArea, type MappingBackend } from "@axvisor/axaddrspace";
   * const backend: MappingBackend<VirtAddr, number, null> = { map: () => true, unmap: () => true, protect: () => true };
   * const area = new MemoryArea(VirtAddr.from(0x1000), 0x2000, 5, backend);
   * console.log(area.size()); // 8192n
   * ```
   */
  size(): bigint {
    return this.#range.size();
  }

  /**
   * The mapping backend.
   *
   * @returns The backend.
   *
   * @example
   * ```ts
   * import { VirtAddr } from "@axvisor/memory-addr";
   * import { MemoryArea, type MappingBackend } from "@axvisor/axaddrspace";
   * const backend: MappingBackend<VirtAddr, number, null> = { map: () => true, unmap: () => true, protect: () => true };
   * const area = new MemoryArea(VirtAddr.from(0x1000), 0x2000, 5, backend);
   * console.log(area.backend() === backend); // true
   * ```
   */
  backend(): B {
    return this.#backend;
  }

  /**
   * Formats like Rust's `Debug`.
   *
   * @returns `"MemoryArea { va_range: …, flags: … }"`.
   *
   * @example
   * ```ts
   * import { VirtAddr } from "@axvisor/memory-addr";
   * import { MemoryArea, type MappingBackend } from "@axvisor/axaddrspace";
   * const backend: MappingBackend<VirtAddr, number, null> = { map: () => true, unmap: () => true, protect: () => true };
   * const area = new MemoryArea(VirtAddr.from(0x1000), 0x2000, 5, backend);
   * console.log(`${area}`); // MemoryArea { va_range: VA:0x1000..VA:0x3000, flags: 5 }
   * ```
   */
  toString(): string {
    return `MemoryArea { va_range: ${this.#range.toString()}, flags: ${String(this.#flags)} }`;
  }

  // ---- crate-private operations of Rust (used by MemorySet) ----

  /** @internal */
  setFlags(flags: F): void {
    this.#flags = flags;
  }

  /** @internal */
  setEnd(end: A): void {
    this.#range = AddrRange.new(this.#range.start, end);
  }

  /** @internal */
  mapArea(pageTable: PT): void {
    if (!this.#backend.map(this.start(), this.size(), this.#flags, pageTable))
      throw new MappingError("BadState");
  }

  /** @internal */
  unmapArea(pageTable: PT): void {
    if (!this.#backend.unmap(this.start(), this.size(), pageTable)) throw new MappingError("BadState");
  }

  /** Rust ignores the backend's answer here. @internal */
  protectArea(newFlags: F, pageTable: PT): void {
    this.#backend.protect(this.start(), this.size(), newFlags, pageTable);
  }

  /** Unmaps the left part so that `newSize` bytes remain. @internal */
  shrinkLeft(newSize: bigint, pageTable: PT): void {
    const size = this.size();
    if (!(newSize > 0n && newSize < size)) throw new RangeError("shrinkLeft: 0 < newSize < size required");
    const unmapSize = size - newSize;
    if (!this.#backend.unmap(this.start(), unmapSize, pageTable)) throw new MappingError("BadState");
    this.#range = AddrRange.new(this.#range.start.wrappingAdd(unmapSize), this.#range.end);
  }

  /** Unmaps the right part so that `newSize` bytes remain. @internal */
  shrinkRight(newSize: bigint, pageTable: PT): void {
    const size = this.size();
    if (!(newSize > 0n && newSize < size)) throw new RangeError("shrinkRight: 0 < newSize < size required");
    const unmapSize = size - newSize;
    if (!this.#backend.unmap(this.start().wrappingAdd(newSize), unmapSize, pageTable))
      throw new MappingError("BadState");
    this.#range = AddrRange.new(this.#range.start, this.#range.end.wrappingSub(unmapSize));
  }

  /** Metadata-only split at `pos`: this keeps `[start, pos)`, the result is `[pos, end)`. @internal */
  split(pos: A): MemoryArea<A, F, PT, B> | undefined {
    if (this.start().lt(pos) && pos.lt(this.end())) {
      const right = new MemoryArea<A, F, PT, B>(
        pos,
        this.end().wrappingSubAddr(pos),
        this.#flags,
        this.#backend,
      );
      this.#range = AddrRange.new(this.#range.start, pos);
      return right;
    }
    return undefined;
  }
}
