import { MappingFlags } from "../../mapping-flags.js";
import { PteFormat, type PteWords } from "../pte.js";

// Sv39/Sv48 PTE bits (RISC-V Privileged Architecture, §"Sv39: Page-Based 39-bit Virtual-Memory System").
const V = 1 << 0;
const R = 1 << 1;
const W = 1 << 2;
const X = 1 << 3;
const U = 1 << 4;
const G = 1 << 5;
const A = 1 << 6;
const D = 1 << 7;
const TWO22 = 4194304;

function ppnOf(lo: number, hi: number): number {
  // PPN is bits 10..53: 22 bits in the low word, 22 in the high word.
  return (lo >>> 10) + (hi & 0x3fffff) * TWO22;
}

function putPpn(pa: number, out: PteWords): void {
  const ppn = Math.floor(pa / 4096);
  out.lo = (out.lo | ((ppn % TWO22) << 10)) >>> 0;
  out.hi = (out.hi | (Math.floor(ppn / TWO22) & 0x3fffff)) >>> 0;
}

/**
 * The RISC-V Sv39 / Sv48 page-table entry (`Rv64PTE` in Rust `page_table_entry::riscv`): V 0, R 1,
 * W 2, X 3, U 4, G 5, A 6, D 7, PPN bits 10..53 (physical address >> 2). A leaf sets V | A | D plus
 * R/W/X/U; a table entry is V alone; presence is V; a leaf above the last level (R or X set) is a
 * huge page. Empty flags encode to 0.
 *
 * @example
 * ```ts
 * import { MappingFlags, Rv64PTE } from "@axvisor/axaddrspace";
 * Rv64PTE.newPage(0x8020_0000n, MappingFlags.READ | MappingFlags.EXECUTE, false).toString(16); // "200800cb"
 * ```
 */
export const Rv64PTE: PteFormat = new (class Rv64Format extends PteFormat {
  readonly name = "Rv64PTE";

  encodePage(pa: number, flags: MappingFlags, _huge: boolean, out: PteWords): void {
    let lo = 0;
    if (flags !== 0) {
      lo = V | A | D;
      if (flags & MappingFlags.READ) lo |= R;
      if (flags & MappingFlags.WRITE) lo |= W;
      if (flags & MappingFlags.EXECUTE) lo |= X;
      if (flags & MappingFlags.USER) lo |= U;
    }
    out.lo = lo;
    out.hi = 0;
    putPpn(pa, out);
  }

  encodeTable(pa: number, out: PteWords): void {
    out.lo = V;
    out.hi = 0;
    putPpn(pa, out);
  }

  paddrOf(lo: number, hi: number): number {
    return ppnOf(lo, hi) * 4096;
  }

  flagsOf(lo: number, _hi: number): MappingFlags {
    if (!(lo & V)) return 0;
    let f = 0;
    if (lo & R) f |= MappingFlags.READ;
    if (lo & W) f |= MappingFlags.WRITE;
    if (lo & X) f |= MappingFlags.EXECUTE;
    if (lo & U) f |= MappingFlags.USER;
    return f;
  }

  setPaddrOf(lo: number, hi: number, pa: number, out: PteWords): void {
    out.lo = lo & 0x3ff;
    out.hi = hi & ~0x3fffff;
    putPpn(pa, out);
  }

  setFlagsOf(lo: number, hi: number, flags: MappingFlags, huge: boolean, out: PteWords): void {
    const pa = this.paddrOf(lo, hi);
    this.encodePage(pa, flags, huge, out);
  }

  presentOf(lo: number, _hi: number): boolean {
    return (lo & V) !== 0;
  }

  hugeOf(lo: number, _hi: number): boolean {
    return (lo & (R | X)) !== 0;
  }

  describeOf(lo: number, hi: number): string {
    const names: [number, string][] = [
      [V, "V"],
      [R, "R"],
      [W, "W"],
      [X, "X"],
      [U, "U"],
      [G, "G"],
      [A, "A"],
      [D, "D"],
    ];
    const parts = names.filter(([bit]) => lo & bit).map(([, n]) => n);
    parts.push(`PPN=0x${ppnOf(lo, hi).toString(16)}`, `PA=0x${this.paddrOf(lo, hi).toString(16)}`);
    return parts.join(" ");
  }
})();
