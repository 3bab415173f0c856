import { MappingFlags } from "../../mapping-flags.js";
import { hexPa, InPlacePaFormat, type PteFormat, type PteWords } from "../pte.js";

// VMSAv8-64 stage-2 descriptor bits (Arm ARM D8.3 "Translation table descriptor formats").
const VALID = 1 << 0;
const NON_BLOCK = 1 << 1;
const MEMATTR_SHIFT = 2;
const S2AP_R = 1 << 6;
const S2AP_W = 1 << 7;
const SH_SHIFT = 8;
const AF = 1 << 10;
const XN_HI = 1 << 22; // bit 54

// MemAttr[3:0] (bits 2..5): [3:2] outer, [1:0] inner attributes.
const ATTR_NORMAL_WB = 0b1111; // outer and inner write-back
const ATTR_NORMAL_OUTER_NC = 0b0111; // outer non-cacheable, inner write-back
const ATTR_DEVICE_NGNRNE = 0b0000;
const SH_OUTER = 0b10; // the "SHAREABLE" bit 9 of the Rust flags

/**
 * The AArch64 stage-2 (VMSAv8-64) descriptor format (`A64PTEHV` in Rust
 * `axaddrspace::npt::arch::aarch64`): VALID 0, NON_BLOCK (table / page) 1, MemAttr 2-5, S2AP 6-7
 * (bit 6 read, bit 7 write), SH 8-9, AF 10, output address 12..47, XN 54.
 *
 * Encoding follows Rust: READ → VALID | S2AP[0]; WRITE → S2AP[1]; memory attributes Normal
 * write-back (0b1111), Normal outer non-cacheable (0b0111) for DEVICE | UNCACHED, Device-nGnRnE
 * (0b0000) for DEVICE; outer shareable; AF always; NON_BLOCK unless huge. A table entry is
 * `paddr | NON_BLOCK | VALID`; presence is VALID; a block (huge) entry has NON_BLOCK clear.
 *
 * Deviations from the Rust code, following the architecture manual instead: a mapping without
 * EXECUTE sets XN (Rust never does, leaving every page executable); decoding reports WRITE when
 * S2AP[1] is set (Rust inverts it), reports DEVICE | UNCACHED for the outer non-cacheable
 * attribute (Rust panics on it), and returns empty flags when VALID is clear.
 *
 * @example
 * ```ts
 * import { A64PTEHV, MappingFlags } from "@axvisor/axaddrspace";
 * const rw = MappingFlags.READ | MappingFlags.WRITE;
 * A64PTEHV.newPage(0x4000_0000n, rw, false).toString(16); // "400000000040006ff"
 * ```
 */
export const A64PTEHV: PteFormat = new (class A64Stage2Format extends InPlacePaFormat {
  readonly name = "A64PTEHV";
  protected readonly paHiMask = 0xffff;

  protected leafFlags(flags: MappingFlags, huge: boolean, out: PteWords): void {
    let attr = ATTR_NORMAL_WB;
    if (flags & MappingFlags.DEVICE)
      attr = flags & MappingFlags.UNCACHED ? ATTR_NORMAL_OUTER_NC : ATTR_DEVICE_NGNRNE;
    let lo = (attr << MEMATTR_SHIFT) | (SH_OUTER << SH_SHIFT) | AF;
    let hi = 0;
    if (flags & MappingFlags.READ) lo |= VALID | S2AP_R;
    if (flags & MappingFlags.WRITE) lo |= S2AP_W;
    if (flags !== 0 && !(flags & MappingFlags.EXECUTE)) hi |= XN_HI;
    if (!huge) lo |= NON_BLOCK;
    out.lo = lo;
    out.hi = hi;
  }

  protected tableFlags(out: PteWords): void {
    out.lo = NON_BLOCK | VALID;
    out.hi = 0;
  }

  flagsOf(lo: number, hi: number): MappingFlags {
    if (!(lo & VALID)) return 0;
    let f = 0;
    if (lo & S2AP_R) f |= MappingFlags.READ;
    if (lo & S2AP_W) f |= MappingFlags.WRITE;
    if (!(hi & XN_HI)) f |= MappingFlags.EXECUTE;
    const attr = (lo >>> MEMATTR_SHIFT) & 0xf;
    if ((attr & 0b1100) === 0) f |= MappingFlags.DEVICE;
    else if (attr === ATTR_NORMAL_OUTER_NC) f |= MappingFlags.DEVICE | MappingFlags.UNCACHED;
    return f;
  }

  presentOf(lo: number, _hi: number): boolean {
    return (lo & VALID) !== 0;
  }

  hugeOf(lo: number, _hi: number): boolean {
    return (lo & NON_BLOCK) === 0;
  }

  describeOf(lo: number, hi: number): string {
    const parts: string[] = [];
    if (lo & VALID) parts.push("VALID");
    parts.push(lo & NON_BLOCK ? "TABLE/PAGE" : "BLOCK");
    parts.push(`MemAttr=0b${((lo >>> MEMATTR_SHIFT) & 0xf).toString(2).padStart(4, "0")}`);
    parts.push(
      `S2AP=0b${((lo >>> 6) & 3).toString(2).padStart(2, "0")}`,
      `SH=0b${((lo >>> SH_SHIFT) & 3).toString(2).padStart(2, "0")}`,
    );
    if (lo & AF) parts.push("AF");
    if (hi & XN_HI) parts.push("XN");
    parts.push(hexPa(this.paddrOf(lo, hi)));
    return parts.join(" ");
  }
})();
