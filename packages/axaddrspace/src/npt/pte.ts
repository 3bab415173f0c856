import type { MappingFlags } from "../mapping-flags.js";

const TWO32 = 4294967296;

/**
 * The two 32-bit halves of a 64-bit page-table entry, used by the allocation-free fast paths.
 *
 * @internal
 */
export interface PteWords {
  /** Bits 0..31. */
  lo: number;
  /** Bits 32..63. */
  hi: number;
}

function split(bits: bigint): [number, number] {
  const v = BigInt.asUintN(64, bits);
  return [Number(v & 0xffff_ffffn), Number(v >> 32n)];
}

function join(lo: number, hi: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

function checkPaddr(paddr: bigint): number {
  if (paddr < 0n || paddr >= 1n << 53n) throw new RangeError("paddr must be in [0, 2^53)");
  return Number(paddr);
}

/**
 * A page-table entry format: how one architecture encodes a 64-bit entry (mirrors Rust's
 * `GenericPTE` trait; the entry itself is a plain `bigint`).
 *
 * Implementations: {@link LoongArchPTE}, {@link EPTEntry}, {@link A64PTEHV}, {@link Rv64PTE}. Each
 * works on the entry's two 32-bit halves internally so that table walks never allocate a BigInt.
 *
 * @example
 * ```ts
 * import { EPTEntry, MappingFlags } from "@axvisor/axaddrspace";
 * const pte = EPTEntry.newPage(0x1234_5000n, MappingFlags.READ | MappingFlags.WRITE, false);
 * console.log(pte.toString(16));                    // "12345033"
 * console.log(EPTEntry.paddr(pte).toString(16));    // "12345000"
 * ```
 */
export abstract class PteFormat {
  /** The Rust type this format mirrors, e.g. `"EPTEntry"`. */
  abstract readonly name: string;

  /**
   * Encodes a leaf entry (Rust `GenericPTE::new_page`).
   *
   * @param paddr - The target physical address (bits outside the format's address field are dropped).
   * @param flags - The mapping flags.
   * @param isHuge - Whether the entry maps a 2 MiB or 1 GiB block.
   * @returns The entry bits.
   * @throws {RangeError} when `paddr` is negative or not below 2^53.
   *
   * @example
   * ```ts
   * import { LoongArchPTE, MappingFlags } from "@axvisor/axaddrspace";
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(LoongArchPTE.newPage(0x8000n, RW, false).toString(16)); // 4000000000008193
   * ```
   */
  newPage(paddr: bigint, flags: MappingFlags, isHuge: boolean): bigint {
    const out: PteWords = { lo: 0, hi: 0 };
    this.encodePage(checkPaddr(paddr), flags, isHuge, out);
    return join(out.lo, out.hi);
  }

  /**
   * Encodes an entry pointing at a next-level table (Rust `GenericPTE::new_table`).
   *
   * @param paddr - The physical address of the next-level table.
   * @returns The entry bits.
   * @throws {RangeError} when `paddr` is negative or not below 2^53.
   *
   * @example
   * ```ts
   * import { LoongArchPTE, MappingFlags } from "@axvisor/axaddrspace";
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(LoongArchPTE.newTable(0x2000n).toString(16)); // 2091
   * ```
   */
  newTable(paddr: bigint): bigint {
    const out: PteWords = { lo: 0, hi: 0 };
    this.encodeTable(checkPaddr(paddr), out);
    return join(out.lo, out.hi);
  }

  /**
   * The physical address field.
   *
   * @param bits - The entry.
   * @returns The physical address it points at.
   *
   * @example
   * ```ts
   * import { LoongArchPTE, MappingFlags } from "@axvisor/axaddrspace";
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(LoongArchPTE.paddr(0x4000_0000_0000_8193n).toString(16)); // 8000
   * ```
   */
  paddr(bits: bigint): bigint {
    const [lo, hi] = split(bits);
    return BigInt(this.paddrOf(lo, hi));
  }

  /**
   * Decodes the mapping flags.
   *
   * @param bits - The entry.
   * @returns The flags.
   *
   * @example
   * ```ts
   * import { LoongArchPTE, MappingFlags } from "@axvisor/axaddrspace";
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(MappingFlags.format(LoongArchPTE.flags(0x4000_0000_0000_8193n))); // READ | WRITE
   * ```
   */
  flags(bits: bigint): MappingFlags {
    const [lo, hi] = split(bits);
    return this.flagsOf(lo, hi);
  }

  /**
   * Replaces the physical address, keeping every other bit.
   *
   * @param bits - The entry.
   * @param paddr - The new address.
   * @returns The new entry.
   * @throws {RangeError} when `paddr` is negative or not below 2^53.
   *
   * @example
   * ```ts
   * import { LoongArchPTE, MappingFlags } from "@axvisor/axaddrspace";
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(LoongArchPTE.setPaddr(0x4000_0000_0000_8193n, 0x9000n).toString(16)); // 4000000000009193
   * ```
   */
  setPaddr(bits: bigint, paddr: bigint): bigint {
    const [lo, hi] = split(bits);
    const out: PteWords = { lo: 0, hi: 0 };
    this.setPaddrOf(lo, hi, checkPaddr(paddr), out);
    return join(out.lo, out.hi);
  }

  /**
   * Replaces the flags, keeping only the physical address (as Rust `set_flags` does).
   *
   * @param bits - The entry.
   * @param flags - The new flags.
   * @param isHuge - Whether the entry is a huge leaf.
   * @returns The new entry.
   *
   * @example
   * ```ts
   * import { LoongArchPTE, MappingFlags } from "@axvisor/axaddrspace";
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(LoongArchPTE.setFlags(0x4000_0000_0000_8193n, MappingFlags.READ, false).toString(16)); // 4000000000008091
   * ```
   */
  setFlags(bits: bigint, flags: MappingFlags, isHuge: boolean): bigint {
    const [lo, hi] = split(bits);
    const out: PteWords = { lo: 0, hi: 0 };
    this.setFlagsOf(lo, hi, flags, isHuge, out);
    return join(out.lo, out.hi);
  }

  /**
   * Whether the entry is all zero.
   *
   * @param bits - The entry.
   * @returns `bits === 0n`.
   *
   * @example
   * ```ts
   * import { LoongArchPTE, MappingFlags } from "@axvisor/axaddrspace";
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(LoongArchPTE.isUnused(0n), LoongArchPTE.isUnused(0x80n)); // true false
   * ```
   */
  isUnused(bits: bigint): boolean {
    return BigInt.asUintN(64, bits) === 0n;
  }

  /**
   * Whether the entry is present (valid) in this format's convention.
   *
   * @param bits - The entry.
   * @returns `true` when present.
   *
   * @example
   * ```ts
   * import { LoongArchPTE, MappingFlags } from "@axvisor/axaddrspace";
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(LoongArchPTE.isPresent(0x8193n), LoongArchPTE.isPresent(0x8192n)); // true false
   * ```
   */
  isPresent(bits: bigint): boolean {
    const [lo, hi] = split(bits);
    return this.presentOf(lo, hi);
  }

  /**
   * Whether a non-leaf-level entry maps a block (huge page) instead of a table.
   *
   * @param bits - The entry.
   * @returns `true` for a huge leaf.
   *
   * @example
   * ```ts
   * import { LoongArchPTE, MappingFlags } from "@axvisor/axaddrspace";
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(LoongArchPTE.isHuge(LoongArchPTE.newPage(0x20_0000n, RW, true))); // true
   * ```
   */
  isHuge(bits: bigint): boolean {
    const [lo, hi] = split(bits);
    return this.hugeOf(lo, hi);
  }

  /**
   * Names the raw fields of an entry, for page-table dumps.
   *
   * @param bits - The entry.
   * @returns A human-readable decoding such as `"V P MAT=CC W D NX PA=0x1000"`.
   *
   * @example
   * ```ts
   * import { LoongArchPTE, MappingFlags } from "@axvisor/axaddrspace";
   * const RW = MappingFlags.READ | MappingFlags.WRITE;
   * console.log(LoongArchPTE.describe(0x4000_0000_0000_8193n)); // V D PLV=0 MAT=CC P W NX PA=0x8000
   * ```
   */
  describe(bits: bigint): string {
    const [lo, hi] = split(bits);
    return this.describeOf(lo, hi);
  }

  /** @internal */
  abstract encodePage(pa: number, flags: MappingFlags, huge: boolean, out: PteWords): void;
  /** @internal */
  abstract encodeTable(pa: number, out: PteWords): void;
  /** @internal */
  abstract paddrOf(lo: number, hi: number): number;
  /** @internal */
  abstract flagsOf(lo: number, hi: number): MappingFlags;
  /** @internal */
  abstract setPaddrOf(lo: number, hi: number, pa: number, out: PteWords): void;
  /** @internal */
  abstract setFlagsOf(lo: number, hi: number, flags: MappingFlags, huge: boolean, out: PteWords): void;
  /** @internal */
  abstract presentOf(lo: number, hi: number): boolean;
  /** @internal */
  abstract hugeOf(lo: number, hi: number): boolean;
  /** @internal */
  abstract describeOf(lo: number, hi: number): string;
}

/**
 * A format whose physical address field is bits 12..(32 + `paHiBits`) in place (LoongArch, EPT,
 * AArch64); subclasses supply only the flag encodings.
 *
 * @internal
 */
export abstract class InPlacePaFormat extends PteFormat {
  /** Mask of the address bits in the high word. */
  protected abstract readonly paHiMask: number;
  /** Encodes the flag bits of a leaf entry into `out` (address bits zero). */
  protected abstract leafFlags(flags: MappingFlags, huge: boolean, out: PteWords): void;
  /** Encodes the flag bits of a table entry into `out` (address bits zero). */
  protected abstract tableFlags(out: PteWords): void;

  /** @internal */
  encodePage(pa: number, flags: MappingFlags, huge: boolean, out: PteWords): void {
    this.leafFlags(flags, huge, out);
    out.lo = (out.lo | (pa & 0xfffff000)) >>> 0;
    out.hi = (out.hi | (Math.floor(pa / TWO32) & this.paHiMask)) >>> 0;
  }
  /** @internal */
  encodeTable(pa: number, out: PteWords): void {
    this.tableFlags(out);
    out.lo = (out.lo | (pa & 0xfffff000)) >>> 0;
    out.hi = (out.hi | (Math.floor(pa / TWO32) & this.paHiMask)) >>> 0;
  }
  /** @internal */
  paddrOf(lo: number, hi: number): number {
    return ((lo & 0xfffff000) >>> 0) + (hi & this.paHiMask) * TWO32;
  }
  /** @internal */
  setPaddrOf(lo: number, hi: number, pa: number, out: PteWords): void {
    out.lo = ((lo & 0xfff) | (pa & 0xfffff000)) >>> 0;
    out.hi = ((hi & ~this.paHiMask) | (Math.floor(pa / TWO32) & this.paHiMask)) >>> 0;
  }
  /** @internal */
  setFlagsOf(lo: number, hi: number, flags: MappingFlags, huge: boolean, out: PteWords): void {
    this.leafFlags(flags, huge, out);
    out.lo = (out.lo | (lo & 0xfffff000)) >>> 0;
    out.hi = (out.hi | (hi & this.paHiMask)) >>> 0;
  }
}

/** Formats a physical address for {@link PteFormat.describe}. @internal */
export function hexPa(pa: number): string {
  return `PA=0x${pa.toString(16)}`;
}
