// The mock backend of the Rust memory_set tests: a byte per address, 0 = unmapped.
import { VirtAddr } from "@axvisor/memory-addr";
import type { MappingBackend } from "../../src/index.js";

export const MAX_ADDR = 0x10000;

export type MockPageTable = Uint8Array;

function span(start: VirtAddr, size: bigint, pt: MockPageTable): [number, number] {
  const s = Number(start.value);
  return [s, Math.min(pt.length, s + Number(size))];
}

export const mockBackend: MappingBackend<VirtAddr, number, MockPageTable> = {
  map(start, size, flags, pt) {
    const [s, e] = span(start, size, pt);
    for (let i = s; i < e; i++) {
      if (pt[i] !== 0) return false;
      pt[i] = flags;
    }
    return true;
  },
  unmap(start, size, pt) {
    const [s, e] = span(start, size, pt);
    for (let i = s; i < e; i++) {
      if (pt[i] === 0) return false;
      pt[i] = 0;
    }
    return true;
  },
  protect(start, size, flags, pt) {
    const [s, e] = span(start, size, pt);
    for (let i = s; i < e; i++) {
      if (pt[i] === 0) return false;
      pt[i] = flags;
    }
    return true;
  },
};

export const va = (n: number | bigint): VirtAddr => VirtAddr.from(n);
