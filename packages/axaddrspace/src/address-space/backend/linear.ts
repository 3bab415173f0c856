import type { MappingFlags } from "../../mapping-flags.js";
import type { PageTable64 } from "../../npt/page-table64.js";

const TWO53 = 2 ** 53;

/**
 * Maps `[start, start + size)` to `start - paVaOffset` (mod 2^64) with huge pages where possible.
 * On failure the pages mapped so far are removed again (Rust leaves them).
 */
export function mapLinear(
  pt: PageTable64<"GuestPhysAddr">,
  start: number,
  size: number,
  flags: MappingFlags,
  paVaOffset: bigint,
): boolean {
  const paStartBig = BigInt.asUintN(64, BigInt(start) - paVaOffset);
  if (paStartBig + BigInt(size) > BigInt(TWO53)) return false;
  const paStart = Number(paStartBig);
  let mappedEnd = start;
  const r = pt.mapRegionNumber(
    start,
    size,
    (va) => {
      mappedEnd = va;
      return paStart + (va - start);
    },
    flags,
    true,
  );
  if (r < 0) {
    if (mappedEnd > start) pt.unmapRegionNumber(start, mappedEnd - start, undefined);
    return false;
  }
  return true;
}

/**
 * Unmaps a linear region; huge pages straddling either end are split first (an extension: Rust
 * asserts when a region boundary cuts a huge page).
 */
export function unmapLinear(pt: PageTable64<"GuestPhysAddr">, start: number, size: number): boolean {
  if (pt.splitHugeAt(start) < 0 || pt.splitHugeAt(start + size) < 0) return false;
  return pt.unmapRegionNumber(start, size, undefined) >= 0;
}
