import { MappingFlags } from "../../mapping-flags.js";
import { hexPa, InPlacePaFormat, type PteFormat, type PteWords } from "../pte.js";

// Bit positions of the LoongArch64 PTE (LoongArch Reference Manual vol. 1, §5.4.5 "page table
// entry"); bits 61..63 live in the high word.
const V = 1 << 0;
const D = 1 << 1;
const PLVL = 1 << 2;
const PLVH = 1 << 3;
const MATL = 1 << 4;
const MATH = 1 << 5;
const GH = 1 << 6;
const P = 1 << 7;
const W = 1 << 8;
const G = 1 << 12;
const NR_HI = 1 << 29;
const NX_HI = 1 << 30;
const RPLV_HI = 1 << 31;

/**
 * The LoongArch64 page-table entry format used for the nested (stage-2) page table, the layout of
 * `page_table_entry::loongarch64` (V 0, D 1, PLV 2-3, MAT 4-5, GH 6, P 7, W 8, G 12, PPN 12..47,
 * NR 61, NX 62, RPLV 63).
 *
 * **Present-bit convention** (the two Rust sources differ; this package follows the stage-2
 * convention of tgoskits' `axaddrspace/src/npt/arch/loongarch64.rs`):
 * - an entry is present when **V** (bit 0) is set, the bit the hardware TLB checks;
 * - a table (directory) entry is `paddr | V | P | MATL`, so every level of a walk is validated the
 *   same way: V clear means "not mapped", GH set at a directory level means a 2 MiB / 1 GiB block,
 *   otherwise bits 12..47 hold the next table's physical address;
 * - leaf entries are `V | P` plus the flag bits (identical in both conventions).
 *
 * Upstream `page_table_entry` instead checks P for presence and stores tables as bare addresses.
 *
 * Flag mapping: READ clear → NR; WRITE → W | D; EXECUTE clear → NX; USER → PLV = 3; memory type:
 * coherent cached (MAT = 1) unless DEVICE; weakly-ordered uncached (MAT = 2) for UNCACHED without
 * DEVICE; strongly-ordered uncached (MAT = 0) for DEVICE. Empty flags encode to 0.
 *
 * @example
 * ```ts
 * import { LoongArchPTE, MappingFlags } from "@axvisor/axaddrspace";
 * const rwx = MappingFlags.READ | MappingFlags.WRITE | MappingFlags.EXECUTE;
 * LoongArchPTE.newPage(0x8000_0000n, rwx, false).toString(16); // "80000193"
 * ```
 */
export const LoongArchPTE: PteFormat = new (class LoongArchPteFormat extends InPlacePaFormat {
  readonly name = "LoongArchPTE";
  protected readonly paHiMask = 0xffff;

  protected leafFlags(flags: MappingFlags, huge: boolean, out: PteWords): void {
    let lo = 0;
    let hi = 0;
    if (flags !== 0) {
      lo = V | P;
      if (!(flags & MappingFlags.READ)) hi |= NR_HI;
      if (flags & MappingFlags.WRITE) lo |= W | D;
      if (!(flags & MappingFlags.EXECUTE)) hi |= NX_HI;
      if (flags & MappingFlags.USER) lo |= PLVL | PLVH;
      if (!(flags & MappingFlags.DEVICE)) lo |= flags & MappingFlags.UNCACHED ? MATH : MATL;
    }
    if (huge) lo |= GH;
    out.lo = lo;
    out.hi = hi;
  }

  protected tableFlags(out: PteWords): void {
    out.lo = V | P | MATL;
    out.hi = 0;
  }

  flagsOf(lo: number, hi: number): MappingFlags {
    if (!(lo & V)) return 0;
    let f = 0;
    if (!(hi & NR_HI)) f |= MappingFlags.READ;
    if (lo & W) f |= MappingFlags.WRITE;
    if (!(hi & NX_HI)) f |= MappingFlags.EXECUTE;
    if ((lo & (PLVL | PLVH)) === (PLVL | PLVH)) f |= MappingFlags.USER;
    if (!(lo & MATL)) f |= lo & MATH ? MappingFlags.UNCACHED : MappingFlags.DEVICE;
    return f;
  }

  presentOf(lo: number, _hi: number): boolean {
    return (lo & V) !== 0;
  }

  hugeOf(lo: number, _hi: number): boolean {
    return (lo & GH) !== 0;
  }

  describeOf(lo: number, hi: number): string {
    const parts: string[] = [];
    if (lo & V) parts.push("V");
    if (lo & D) parts.push("D");
    parts.push(`PLV=${(lo >>> 2) & 3}`, `MAT=${["SUC", "CC", "WUC", "3"][(lo >>> 4) & 3]}`);
    if (lo & GH) parts.push("GH");
    if (lo & P) parts.push("P");
    if (lo & W) parts.push("W");
    // Bit 12 is G only in a huge entry; elsewhere it is the lowest address bit.
    if (lo & GH && lo & G) parts.push("G");
    if (hi & NR_HI) parts.push("NR");
    if (hi & NX_HI) parts.push("NX");
    if (hi & RPLV_HI) parts.push("RPLV");
    parts.push(hexPa(this.paddrOf(lo, hi)));
    return parts.join(" ");
  }
})();
