import { MappingFlags } from "../../mapping-flags.js";
import { hexPa, InPlacePaFormat, type PteFormat, type PteWords } from "../pte.js";

// EPT entry bits (Intel SDM vol. 3C, §29.3.2, tables "Format of an EPT … Entry").
const R = 1 << 0;
const W = 1 << 1;
const X = 1 << 2;
const MEM_TYPE_SHIFT = 3;
const MEM_TYPE_WB = 6;
const MEM_TYPE_UC = 0;
const IGNORE_PAT = 1 << 6;
const HUGE = 1 << 7;
const ACCESSED = 1 << 8;
const DIRTY = 1 << 9;

/**
 * The Intel EPT entry format (`EPTEntry` in Rust `axaddrspace::npt::arch::x86_64`): R 0, W 1, X 2,
 * memory type 3-5 (write-back 6 unless DEVICE, then uncached 0), ignore-PAT 6, huge 7, physical
 * address bits 12..51. An entry is present when R, W or X is set; a table entry is `paddr | RWX`.
 * Only 4-level tables exist on x86_64.
 *
 * @example
 * ```ts
 * import { EPTEntry, MappingFlags } from "@axvisor/axaddrspace";
 * EPTEntry.newPage(0x20_0000n, MappingFlags.READ, true).toString(16); // "2000b1"
 * ```
 */
export const EPTEntry: PteFormat = new (class EptFormat extends InPlacePaFormat {
  readonly name = "EPTEntry";
  protected readonly paHiMask = 0xfffff;

  protected leafFlags(flags: MappingFlags, huge: boolean, out: PteWords): void {
    let lo = 0;
    if (flags !== 0) {
      if (flags & MappingFlags.READ) lo |= R;
      if (flags & MappingFlags.WRITE) lo |= W;
      if (flags & MappingFlags.EXECUTE) lo |= X;
      if (!(flags & MappingFlags.DEVICE)) lo |= MEM_TYPE_WB << MEM_TYPE_SHIFT;
    }
    if (huge) lo |= HUGE;
    out.lo = lo;
    out.hi = 0;
  }

  protected tableFlags(out: PteWords): void {
    out.lo = R | W | X;
    out.hi = 0;
  }

  flagsOf(lo: number, _hi: number): MappingFlags {
    let f = 0;
    if (lo & R) f |= MappingFlags.READ;
    if (lo & W) f |= MappingFlags.WRITE;
    if (lo & X) f |= MappingFlags.EXECUTE;
    if (((lo >>> MEM_TYPE_SHIFT) & 7) === MEM_TYPE_UC) f |= MappingFlags.DEVICE;
    return f;
  }

  presentOf(lo: number, _hi: number): boolean {
    return (lo & 7) !== 0;
  }

  hugeOf(lo: number, _hi: number): boolean {
    return (lo & HUGE) !== 0;
  }

  describeOf(lo: number, hi: number): string {
    const parts: string[] = [];
    if (lo & R) parts.push("R");
    if (lo & W) parts.push("W");
    if (lo & X) parts.push("X");
    const mt = (lo >>> MEM_TYPE_SHIFT) & 7;
    parts.push(`MT=${({ 0: "UC", 1: "WC", 4: "WT", 5: "WP", 6: "WB" } as Record<number, string>)[mt] ?? mt}`);
    if (lo & IGNORE_PAT) parts.push("IPAT");
    if (lo & HUGE) parts.push("HUGE");
    if (lo & ACCESSED) parts.push("A");
    if (lo & DIRTY) parts.push("D");
    parts.push(hexPa(this.paddrOf(lo, hi)));
    return parts.join(" ");
  }
})();
