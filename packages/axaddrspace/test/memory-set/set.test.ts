import { type VirtAddr, vaRange } from "@axvisor/memory-addr";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MappingError, MemoryArea, MemorySet } from "../../src/index.js";
import { MAX_ADDR, type MockPageTable, mockBackend, va } from "./mock-backend.js";

type MockSet = MemorySet<VirtAddr, number, MockPageTable>;

function area(start: number, size: number, flags: number): MemoryArea<VirtAddr, number, MockPageTable> {
  return new MemoryArea(va(start), size, flags, mockBackend);
}

function expectMappingError(fn: () => void, code: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MappingError);
    expect((e as MappingError).code).toBe(code);
    return;
  }
  throw new Error("expected a MappingError");
}

function mapEvenSlots(set: MockSet, pt: MockPageTable, flags: number): void {
  for (let start = 0; start < MAX_ADDR; start += 0x2000) set.map(area(start, 0x1000, flags), pt, false);
}

describe("MemorySet (ported from Rust memory_set tests)", () => {
  it("test_map_unmap", () => {
    const set: MockSet = new MemorySet();
    const pt = new Uint8Array(MAX_ADDR);
    mapEvenSlots(set, pt, 1);
    for (let start = 0x1000; start < MAX_ADDR; start += 0x2000) set.map(area(start, 0x1000, 2), pt, false);
    expect(set.len()).toBe(16);
    expect(pt.every((e) => e === 1 || e === 2)).toBe(true);

    const a = set.find(va(0x4100))!;
    expect(a.start().value).toBe(0x4000n);
    expect(a.end().value).toBe(0x5000n);
    expect(a.flags()).toBe(1);
    expect(pt[0x4200]).toBe(1);

    expectMappingError(() => set.map(area(0x4000, 0x4000, 3), pt, false), "AlreadyExists");
    set.map(area(0x4000, 0x4000, 3), pt, true);
    expect(set.len()).toBe(13);

    const b = set.find(va(0x4100))!;
    expect([b.start().value, b.end().value, b.flags()]).toEqual([0x4000n, 0x8000n, 3]);
    expect(pt.subarray(0x4000, 0x8000).every((e) => e === 3)).toBe(true);

    set.unmap(va(0x4000), 0x8000, pt);
    expect(set.len()).toBe(8);
    set.unmap(va(0), MAX_ADDR * 2, pt);
    expect(set.len()).toBe(0);
    expect(pt.every((e) => e === 0)).toBe(true);
  });

  it("test_unmap_split", () => {
    const set: MockSet = new MemorySet();
    const pt = new Uint8Array(MAX_ADDR);
    mapEvenSlots(set, pt, 1);
    expect(set.len()).toBe(8);

    for (let start = 0; start < MAX_ADDR; start += 0x2000) set.unmap(va(start + 0xc00), 0x1800, pt);
    expect(set.len()).toBe(8);
    for (const a of set.iter()) {
      if (a.start().value === 0n) expect(a.size()).toBe(0xc00n);
      else {
        expect(a.start().alignOffset4K()).toBe(0x400n);
        expect(a.end().alignOffset4K()).toBe(0xc00n);
        expect(a.size()).toBe(0x800n);
      }
      expect(pt.subarray(Number(a.start().value), Number(a.end().value)).every((e) => e === 1)).toBe(true);
    }

    for (let start = 0; start < MAX_ADDR; start += 0x2000) set.unmap(va(start + 0x800), 0x100, pt);
    expect(set.len()).toBe(16);
    for (const a of set.iter()) {
      const off = a.start().alignOffset4K();
      if (off === 0n) expect(a.size()).toBe(0x800n);
      else if (off === 0x400n) expect(a.size()).toBe(0x400n);
      else if (off === 0x900n) expect(a.size()).toBe(0x300n);
      else throw new Error(`unexpected area ${a}`);
      expect(pt.subarray(Number(a.start().value), Number(a.end().value)).every((e) => e === 1)).toBe(true);
    }
    const areas = [...set.iter()];
    for (let i = 0; i + 1 < areas.length; i += 2) {
      expect(
        pt.subarray(Number(areas[i]!.end().value), Number(areas[i + 1]!.start().value)).every((e) => e === 0),
      ).toBe(true);
    }

    set.unmap(va(0), MAX_ADDR, pt);
    expect(set.len()).toBe(0);
    expect(pt.every((e) => e === 0)).toBe(true);
  });

  it("test_protect", () => {
    const set: MockSet = new MemorySet();
    const pt = new Uint8Array(MAX_ADDR);
    const updateFlags =
      (newFlags: number) =>
      (old: number): number | undefined =>
        (old & 7) === (newFlags & 7) ? undefined : (newFlags & 7) | (old & ~7);
    mapEvenSlots(set, pt, 0x7);
    expect(set.len()).toBe(8);

    for (let start = 0; start < MAX_ADDR; start += 0x2000)
      set.protect(va(start + 0xc00), 0x1800, updateFlags(0x1), pt);
    expect(set.len()).toBe(23);
    for (const a of set.iter()) {
      const off = a.start().alignOffset4K();
      if (a.start().value === 0n) expect([a.size(), a.flags()]).toEqual([0xc00n, 0x7]);
      else if (off === 0n) expect([a.size(), a.flags()]).toEqual([0x400n, 0x1]);
      else if (off === 0x400n) expect([a.size(), a.flags()]).toEqual([0x800n, 0x7]);
      else if (off === 0xc00n) expect([a.size(), a.flags()]).toEqual([0x400n, 0x1]);
    }

    for (let start = 0; start < MAX_ADDR; start += 0x2000)
      set.protect(va(start + 0x800), 0x100, updateFlags(0x13), pt);
    expect(set.len()).toBe(39);
    for (const a of set.iter()) {
      const off = a.start().alignOffset4K();
      if (a.start().value === 0n) expect([a.size(), a.flags()]).toEqual([0x800n, 0x7]);
      else if (off === 0n) expect([a.size(), a.flags()]).toEqual([0x400n, 0x1]);
      else if (off === 0x400n) expect([a.size(), a.flags()]).toEqual([0x400n, 0x7]);
      else if (off === 0x800n) expect([a.size(), a.flags()]).toEqual([0x100n, 0x3]);
      else if (off === 0x900n) expect([a.size(), a.flags()]).toEqual([0x300n, 0x7]);
      else if (off === 0xc00n) expect([a.size(), a.flags()]).toEqual([0x400n, 0x1]);
    }
    // The page table follows the areas.
    for (const a of set.iter()) {
      expect(pt.subarray(Number(a.start().value), Number(a.end().value)).every((e) => e === a.flags())).toBe(
        true,
      );
    }

    // Unchanged flags: updateFlags returns undefined, nothing splits.
    for (let start = 0; start < MAX_ADDR; start += 0x2000)
      set.protect(va(start + 0x880), 0x80, updateFlags(0x3), pt);
    expect(set.len()).toBe(39);

    set.unmap(va(0), MAX_ADDR, pt);
    expect(set.len()).toBe(0);
    expect(pt.every((e) => e === 0)).toBe(true);
  });

  it("test_find_free_area", () => {
    const set: MockSet = new MemorySet();
    const pt = new Uint8Array(MAX_ADDR);
    mapEvenSlots(set, pt, 1);
    const limit = vaRange(0, MAX_ADDR);
    const table: [number, number, number, number | undefined][] = [
      [0, 0x1000, 1, 0x1000],
      [0x800, 0x800, 0x800, 0x1000],
      [0x1800, 0x800, 0x800, 0x1800],
      [0x1800, 0x1000, 0x1000, 0x3000],
      [0x2000, 0x1000, 0x1000, 0x3000],
      [0xf000, 0x1000, 0x1000, 0xf000],
      [0xf001, 0x1000, 0x1000, undefined],
    ];
    for (const [hint, size, align, want] of table) {
      expect(set.findFreeArea(va(hint), size, limit, align)?.value).toBe(
        want === undefined ? undefined : BigInt(want),
      );
    }
    // size not a multiple of align
    expect(set.findFreeArea(va(0), 0x1800, limit, 0x1000)).toBeUndefined();
  });
});

describe("MemorySet edge cases", () => {
  it("rejects empty areas and overflowing ranges; size 0 is a no-op", () => {
    const set: MockSet = new MemorySet();
    const pt = new Uint8Array(MAX_ADDR);
    expectMappingError(() => set.map(area(0x1000, 0, 1), pt, false), "InvalidParam");
    set.map(area(0x1000, 0x1000, 1), pt, false);
    expectMappingError(() => set.unmap(va(0xffff_ffff_ffff_f000n), 0x2000, pt), "InvalidParam");
    expectMappingError(() => set.protect(va(0xffff_ffff_ffff_f000n), 0x2000, () => 1, pt), "InvalidParam");
    set.unmap(va(0x1800), 0, pt);
    set.protect(va(0x1800), 0, () => 5, pt);
    expect(set.len()).toBe(1);
    expect(set.find(va(0x1800))?.flags()).toBe(1);
  });

  it("never merges adjacent areas with equal flags", () => {
    const set: MockSet = new MemorySet();
    const pt = new Uint8Array(MAX_ADDR);
    set.map(area(0x0, 0x1000, 1), pt, false);
    set.map(area(0x1000, 0x1000, 1), pt, false);
    expect(set.len()).toBe(2);
    set.protect(va(0), 0x2000, () => 2, pt);
    expect(set.len()).toBe(2);
  });

  it("backend failures become BadState", () => {
    const set: MockSet = new MemorySet();
    const pt = new Uint8Array(MAX_ADDR);
    pt[0x1010] = 9; // the mock refuses to map over non-zero bytes
    expectMappingError(() => set.map(area(0x1000, 0x1000, 1), pt, false), "BadState");
    expect(set.len()).toBe(0);
    set.map(area(0x2000, 0x2000, 1), pt, false);
    pt[0x2010] = 0; // the mock refuses to unmap zero bytes
    expectMappingError(() => set.unmap(va(0x2000), 0x1000, pt), "BadState");
    expectMappingError(() => set.clear(pt), "BadState");
    expect(set.len()).toBe(1);
  });

  it("overlaps, find, iteration order and toString", () => {
    const set: MockSet = new MemorySet();
    const pt = new Uint8Array(MAX_ADDR);
    set.map(area(0x3000, 0x1000, 1), pt, false);
    set.map(area(0x1000, 0x1000, 2), pt, false);
    expect(set.overlaps(vaRange(0x1fff, 0x3000))).toBe(true);
    expect(set.overlaps(vaRange(0x2000, 0x3000))).toBe(false);
    expect(set.overlaps(vaRange(0x3fff, 0x5000))).toBe(true);
    expect(set.find(va(0x2000))).toBeUndefined();
    expect(set.find(va(0x3fff))?.flags()).toBe(1);
    expect([...set].map((a) => a.start().value)).toEqual([0x1000n, 0x3000n]);
    expect(set.toString()).toBe(
      "[MemoryArea { va_range: VA:0x1000..VA:0x2000, flags: 2 }, MemoryArea { va_range: VA:0x3000..VA:0x4000, flags: 1 }]",
    );
    set.clear(pt);
    expect(set.isEmpty()).toBe(true);
    expect(pt.every((e) => e === 0)).toBe(true);
  });
});

describe("MemorySet agrees with a byte-level model (property)", () => {
  const SPACE = 0x400;
  type Op =
    | { op: "map"; start: number; size: number; flags: number; overlap: boolean }
    | { op: "unmap"; start: number; size: number }
    | { op: "protect"; start: number; size: number; flags: number };
  const start = fc.integer({ min: 0, max: SPACE - 1 });
  const size = fc.integer({ min: 0, max: 0x120 });
  const flags = fc.integer({ min: 1, max: 7 });
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ op: fc.constant("map" as const), start, size, flags, overlap: fc.boolean() }),
    fc.record({ op: fc.constant("unmap" as const), start, size }),
    fc.record({ op: fc.constant("protect" as const), start, size, flags }),
  );

  it("after every map / unmap / protect", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const set: MockSet = new MemorySet();
        const pt = new Uint8Array(MAX_ADDR);
        const model = new Uint8Array(MAX_ADDR);
        const same = () => {
          for (let i = 0; i < SPACE + 0x120; i++) if (pt[i] !== model[i]) return false;
          return true;
        };
        for (const o of ops) {
          const end = o.start + o.size;
          if (o.op === "map") {
            const overlaps = model.subarray(o.start, end).some((b) => b !== 0);
            if (o.size === 0)
              expectMappingError(() => set.map(area(o.start, 0, o.flags), pt, o.overlap), "InvalidParam");
            else if (overlaps && !o.overlap)
              expectMappingError(() => set.map(area(o.start, o.size, o.flags), pt, false), "AlreadyExists");
            else {
              set.map(area(o.start, o.size, o.flags), pt, o.overlap);
              model.fill(o.flags, o.start, end);
            }
          } else if (o.op === "unmap") {
            set.unmap(va(o.start), o.size, pt);
            model.fill(0, o.start, end);
          } else {
            // Skip areas whose low bit already matches (exercises the `undefined` path).
            const update = (old: number) => ((old & 1) === (o.flags & 1) ? undefined : o.flags);
            set.protect(va(o.start), o.size, update, pt);
            for (let i = o.start; i < end; i++) if (model[i] !== 0) model[i] = update(model[i]!) ?? model[i]!;
          }
          expect(same()).toBe(true);
          let prevEnd = -1;
          let covered = 0;
          for (const a of set.iter()) {
            const s = Number(a.start().value);
            const e = Number(a.end().value);
            expect(s).toBeGreaterThanOrEqual(prevEnd);
            for (let i = s; i < e; i++) if (model[i] !== a.flags()) expect.unreachable(`byte ${i} of ${a}`);
            covered += e - s;
            prevEnd = e;
          }
          let nonzero = 0;
          for (let i = 0; i < SPACE + 0x120; i++) if (model[i] !== 0) nonzero++;
          expect(covered).toBe(nonzero);
        }
      }),
      { numRuns: 500 },
    );
  });
});
