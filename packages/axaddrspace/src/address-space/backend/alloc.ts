import { allocFrameNumber, deallocFrameNumber } from "../../internal/hal-fast.js";
import type { MappingFlags } from "../../mapping-flags.js";
import { PageSize } from "../../npt/page-size.js";
import type { PageTable64 } from "../../npt/page-table64.js";

function freePages(pt: PageTable64<"GuestPhysAddr">, start: number, end: number): void {
  for (let va = start; va < end; va += 4096) {
    const r = pt.unmapNumber(va);
    if (r > 0) deallocFrameNumber(pt.hal, pt.lastPaddr);
  }
}

/**
 * Populated: one fresh frame per 4 KiB page. Lazy: empty entries (flags 0, address 0) so that the
 * intermediate tables exist and a later fault only has to `remap`. On failure everything done so
 * far is undone, frames included (Rust leaks them).
 */
export function mapAlloc(
  pt: PageTable64<"GuestPhysAddr">,
  start: number,
  size: number,
  flags: MappingFlags,
  populate: boolean,
): boolean {
  const end = start + size;
  if (populate) {
    for (let va = start; va < end; va += 4096) {
      const frame = allocFrameNumber(pt.hal);
      if (frame < 0 || pt.mapNumber(va, frame, PageSize.Size4K, flags) < 0) {
        if (frame >= 0) deallocFrameNumber(pt.hal, frame);
        freePages(pt, start, va);
        return false;
      }
    }
    return true;
  }
  const stop = pt.mapEmptyRangeNumber(start, end);
  if (stop < end) {
    freePages(pt, start, stop);
    return false;
  }
  return true;
}

/** Unmaps page by page, freeing present frames; absent pages are fine; a huge page fails. */
export function unmapAlloc(pt: PageTable64<"GuestPhysAddr">, start: number, size: number): boolean {
  const end = start + size;
  for (let va = start; va < end; va += 4096) {
    const r = pt.unmapNumber(va);
    if (r > 0) {
      if (r !== PageSize.Size4K) return false;
      deallocFrameNumber(pt.hal, pt.lastPaddr);
    }
  }
  return true;
}

/**
 * Lazy areas get a zeroed frame on first touch. A page that is already present is left alone and
 * reported as handled (Rust would map a second frame and leak the first).
 */
export function handlePageFaultAlloc(
  pt: PageTable64<"GuestPhysAddr">,
  va: number,
  flags: MappingFlags,
  populate: boolean,
): boolean {
  if (populate) return false;
  if (pt.translateNumber(va) >= 0) return true;
  const frame = allocFrameNumber(pt.hal);
  if (frame < 0) return false;
  if (pt.remapNumber(va - (va % 4096), frame, flags) < 0) {
    deallocFrameNumber(pt.hal, frame);
    return false;
  }
  return true;
}
