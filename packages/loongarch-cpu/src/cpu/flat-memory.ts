/**
 * A contiguous block of guest RAM at a fixed guest address, readable, writable and executable.
 *
 * @module
 */

import { LoongArchCpuError } from "../error.js";
import { type CpuMemory, Fault } from "./memory.js";

/**
 * A contiguous block of guest RAM at a fixed guest address: every page inside is readable, writable
 * and executable, every address outside faults with {@link Fault}.UNMAPPED. Handy for tests and for
 * running assembled snippets.
 *
 * @example
 * ```ts
 * import { FlatMemory } from "@axvisor/loongarch-cpu";
 * const mem = new FlatMemory(0x10000n, 0x4000);
 * mem.write(0x10000n, Uint8Array.of(1, 2, 3));
 * console.log(mem.read(0x10001n, 2)); // Uint8Array(2) [ 2, 3 ]
 * ```
 */
export class FlatMemory implements CpuMemory {
  /** The RAM bytes; offset 0 is guest address {@link FlatMemory.base}. */
  readonly ram: Uint8Array;
  /** Guest address of the first byte. */
  readonly base: bigint;
  private readonly baseLo: number;
  private readonly baseHi: number;

  /**
   * Creates the block.
   *
   * @param base - Guest address of the first byte; must be 4 KiB aligned.
   * @param size - Size in bytes; rounded up to 4 KiB.
   * @throws {@link LoongArchCpuError} `InvalidArgument` if `base` is not 4 KiB aligned or `size` is not positive.
   *
   * @example
   * ```ts
   * import { FlatMemory } from "@axvisor/loongarch-cpu";
   * console.log(new FlatMemory(0n, 100).ram.length); // 4096
   * ```
   */
  constructor(base: bigint, size: number) {
    if (base < 0n || base % 4096n !== 0n || !(size > 0)) {
      throw new LoongArchCpuError("InvalidArgument", `FlatMemory: base must be 4 KiB aligned, size > 0`);
    }
    this.base = base;
    this.baseLo = Number(base & 0xffffffffn) | 0;
    this.baseHi = Number((base >> 32n) & 0xffffffffn) | 0;
    this.ram = new Uint8Array(Math.ceil(size / 4096) * 4096);
  }

  /**
   * Translates a page: its offset in {@link FlatMemory.ram}, or {@link Fault}.UNMAPPED outside the block.
   *
   * @param pageLo - Low 32 bits of the page address.
   * @param pageHi - High 32 bits of the page address.
   * @param _access - Ignored: every access is allowed.
   * @returns The page's offset in `ram`, or a negative {@link Fault}.
   *
   * @example
   * ```ts
   * import { Access, FlatMemory } from "@axvisor/loongarch-cpu";
   * const mem = new FlatMemory(0x2000n, 0x2000);
   * console.log(mem.translate(0x3000, 0, Access.READ), mem.translate(0x4000, 0, Access.READ)); // 4096 -1
   * ```
   */
  translate(pageLo: number, pageHi: number, _access: number): number {
    const off = (pageHi - this.baseHi) * 4294967296 + ((pageLo >>> 0) - (this.baseLo >>> 0));
    return off >= 0 && off < this.ram.length ? off : Fault.UNMAPPED;
  }

  /**
   * Copies bytes out of the block.
   *
   * @param addr - Guest address.
   * @param length - Number of bytes.
   * @returns A copy of the bytes.
   * @throws {@link LoongArchCpuError} `Unmapped` if the range leaves the block.
   *
   * @example
   * ```ts
   * import { FlatMemory } from "@axvisor/loongarch-cpu";
   * console.log(new FlatMemory(0n, 4096).read(8n, 4).length); // 4
   * ```
   */
  read(addr: bigint, length: number): Uint8Array {
    const off = this.offset(addr, length);
    return this.ram.slice(off, off + length);
  }

  /**
   * Copies bytes into the block.
   *
   * @param addr - Guest address.
   * @param bytes - The bytes to store.
   * @throws {@link LoongArchCpuError} `Unmapped` if the range leaves the block.
   *
   * @example
   * ```ts
   * import { FlatMemory } from "@axvisor/loongarch-cpu";
   * const mem = new FlatMemory(0n, 4096);
   * mem.write(16n, Uint8Array.of(0xaa));
   * console.log(mem.ram[16]); // 170
   * ```
   */
  write(addr: bigint, bytes: Uint8Array): void {
    this.ram.set(bytes, this.offset(addr, bytes.length));
  }

  private offset(addr: bigint, length: number): number {
    const off = addr - this.base;
    if (off < 0n || off + BigInt(length) > BigInt(this.ram.length)) {
      throw new LoongArchCpuError(
        "Unmapped",
        `address 0x${addr.toString(16)} (+${length}) is outside the memory`,
      );
    }
    return Number(off);
  }
}
