// Model-based property test: random mapLinear / mapAlloc / unmap / protect / translate /
// handlePageFault sequences against a plain page map, on every architecture. Checks that both
// agree after every step and that no frame leaks after clear() and destroy().
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AddrSpace,
  AxError,
  GuestPhysAddr,
  HostPhysAddr,
  HostPhysMemory,
  MappingFlags,
  type NptArch,
} from "../../src/index.js";

const PAGES = 1024; // a 4 MiB guest: room for 2 MiB pages
const R = MappingFlags.READ;
const W = MappingFlags.WRITE;
const X = MappingFlags.EXECUTE;
const FLAGS = [R, R | W, R | X, R | W | X];

type Page =
  | { kind: "linear"; hpa: number; flags: number }
  | { kind: "alloc"; flags: number; frame?: number }
  | { kind: "lazy"; flags: number; frame?: number };

type Op =
  | { op: "mapLinear"; start: number; n: number; hpaPage: number; flags: number }
  | { op: "mapAlloc"; start: number; n: number; flags: number; populate: boolean }
  | { op: "unmap"; start: number; n: number }
  | { op: "protect"; start: number; n: number; flags: number }
  | { op: "translate"; page: number; offset: number }
  | { op: "fault"; page: number; offset: number; access: number };

const range = fc
  .tuple(fc.integer({ min: 0, max: PAGES - 1 }), fc.integer({ min: 1, max: 96 }))
  .map(([start, n]) => ({ start, n: Math.min(n, PAGES + 8 - start) })); // sometimes past the end
const hugeRange = fc.integer({ min: 0, max: 1 }).map((i) => ({ start: i * 512, n: 512 }));
const flags = fc.constantFrom(...FLAGS);

function opArbitrary(allowHuge: boolean): fc.Arbitrary<Op> {
  return fc.oneof(
    fc
      .tuple(allowHuge ? fc.oneof(range, hugeRange) : range, fc.integer({ min: 1, max: 8 }), flags)
      .map(([r, hugeUnits, f]) => ({
        op: "mapLinear" as const,
        ...r,
        hpaPage: 0x10_0000 + hugeUnits * 512,
        flags: f,
      })),
    fc
      .tuple(range, flags, fc.boolean())
      .map(([r, f, populate]) => ({ op: "mapAlloc" as const, ...r, flags: f, populate })),
    range.map((r) => ({ op: "unmap" as const, ...r })),
    fc.tuple(range, flags).map(([r, f]) => ({ op: "protect" as const, ...r, flags: f })),
    fc
      .tuple(fc.integer({ min: 0, max: PAGES + 4 }), fc.integer({ min: 0, max: 4095 }))
      .map(([page, offset]) => ({
        op: "translate" as const,
        page,
        offset,
      })),
    fc
      .tuple(
        fc.integer({ min: 0, max: PAGES + 4 }),
        fc.integer({ min: 0, max: 4095 }),
        fc.constantFrom(R, W, X, R | W),
      )
      .map(([page, offset, access]) => ({ op: "fault" as const, page, offset, access })),
  );
}

function expectAxError(fn: () => void, code: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AxError);
    expect((e as AxError).code).toBe(code);
    return;
  }
  throw new Error(`expected AxError ${code}`);
}

// `lowMemory`: host memory so small that maps and faults run out; a failed map or fault must change
// nothing (no area, no translation, no leaked frame).
function run(arch: NptArch, ops: Op[], lowMemory = false): void {
  const hpm = new HostPhysMemory({ maxBytes: lowMemory ? 256n << 10n : 64n << 20n });
  const failedCleanly = (e: unknown, start: number, n: number): void => {
    if (!lowMemory || !(e instanceof AxError) || e.code !== "BadState") throw e;
    for (let p = start; p < start + n; p++) expect(as.translateNumber(p * 4096)).toBe(-1);
    expect(as.findArea(gpa(start))).toBeUndefined();
  };
  const as = AddrSpace.newEmpty({
    levels: arch === "x86_64" ? 4 : 3,
    base: GuestPhysAddr.from(0),
    size: PAGES * 4096,
    hal: hpm,
    arch,
  });
  const model = new Map<number, Page>();
  let changes = 0;
  as.onChange(() => changes++);
  const gpa = (page: number, off = 0) => GuestPhysAddr.from(page * 4096 + off);
  const inSpace = (start: number, n: number) => start + n <= PAGES;
  const anyMapped = (start: number, n: number) => {
    for (let p = start; p < start + n; p++) if (model.has(p)) return true;
    return false;
  };

  const expectedTranslate = (page: number, off: number): number | undefined => {
    const m = model.get(page);
    if (!m) return undefined;
    if (m.kind === "linear") return m.hpa + off;
    return m.frame === undefined ? undefined : m.frame + off;
  };

  for (const o of ops) {
    switch (o.op) {
      case "mapLinear": {
        if (!inSpace(o.start, o.n))
          expectAxError(
            () => as.mapLinear(gpa(o.start), HostPhysAddr.from(o.hpaPage * 4096), o.n * 4096, o.flags),
            "InvalidInput",
          );
        else if (anyMapped(o.start, o.n))
          expectAxError(
            () => as.mapLinear(gpa(o.start), HostPhysAddr.from(o.hpaPage * 4096), o.n * 4096, o.flags),
            "AlreadyExists",
          );
        else {
          try {
            as.mapLinear(gpa(o.start), HostPhysAddr.from(o.hpaPage * 4096), o.n * 4096, o.flags);
          } catch (e) {
            failedCleanly(e, o.start, o.n);
            break;
          }
          for (let i = 0; i < o.n; i++)
            model.set(o.start + i, { kind: "linear", hpa: (o.hpaPage + i) * 4096, flags: o.flags });
        }
        break;
      }
      case "mapAlloc": {
        if (!inSpace(o.start, o.n))
          expectAxError(() => as.mapAlloc(gpa(o.start), o.n * 4096, o.flags, o.populate), "InvalidInput");
        else if (anyMapped(o.start, o.n))
          expectAxError(() => as.mapAlloc(gpa(o.start), o.n * 4096, o.flags, o.populate), "AlreadyExists");
        else {
          try {
            as.mapAlloc(gpa(o.start), o.n * 4096, o.flags, o.populate);
          } catch (e) {
            failedCleanly(e, o.start, o.n);
            break;
          }
          for (let i = 0; i < o.n; i++) {
            const page = o.start + i;
            model.set(
              page,
              o.populate
                ? { kind: "alloc", flags: o.flags, frame: as.translateNumber(page * 4096) }
                : { kind: "lazy", flags: o.flags },
            );
          }
        }
        break;
      }
      case "unmap": {
        if (!inSpace(o.start, o.n)) expectAxError(() => as.unmap(gpa(o.start), o.n * 4096), "InvalidInput");
        else {
          as.unmap(gpa(o.start), o.n * 4096);
          for (let i = 0; i < o.n; i++) model.delete(o.start + i);
        }
        break;
      }
      case "protect": {
        if (!inSpace(o.start, o.n))
          expectAxError(() => as.protect(gpa(o.start), o.n * 4096, o.flags), "InvalidInput");
        else {
          as.protect(gpa(o.start), o.n * 4096, o.flags);
          for (let i = 0; i < o.n; i++) {
            const m = model.get(o.start + i);
            if (m) m.flags = o.flags;
          }
        }
        break;
      }
      case "translate": {
        const got = as.translate(gpa(o.page, o.offset));
        const want = o.page < PAGES ? expectedTranslate(o.page, o.offset) : undefined;
        expect(got === undefined ? undefined : Number(got.value)).toBe(want);
        break;
      }
      case "fault": {
        const m = o.page < PAGES ? model.get(o.page) : undefined;
        const allowed = m !== undefined && MappingFlags.contains(m.flags, o.access);
        const want = allowed && m.kind === "lazy";
        const got = as.handlePageFault(gpa(o.page, o.offset), o.access);
        if (lowMemory && want && !got && m.kind === "lazy" && m.frame === undefined) {
          expect(as.translateNumber(o.page * 4096)).toBe(-1); // out of frames: nothing changed
          break;
        }
        expect(got).toBe(want);
        if (want && m.kind === "lazy" && m.frame === undefined) m.frame = as.translateNumber(o.page * 4096);
        break;
      }
    }
    // Present pages carry the model's flags.
    for (const [page, m] of model) {
      const pa = as.translateNumber(page * 4096);
      expect(pa).toBe(expectedTranslate(page, 0) ?? -1);
      if (pa >= 0) expect(as.pageTable().query(gpa(page))[1]).toBe(m.flags);
    }
  }

  // Areas cover exactly the modelled pages; frames are never shared.
  let covered = 0;
  for (const a of as.areas()) covered += Number(a.size() / 4096n);
  expect(covered).toBe(model.size);
  const frames = [...model.values()]
    .filter((m) => m.kind !== "linear" && m.frame !== undefined)
    .map((m) => (m as { frame: number }).frame);
  expect(new Set(frames).size).toBe(frames.length);
  for (let p = 0; p < PAGES; p++)
    expect(as.translateNumber(p * 4096 + 7)).toBe(expectedTranslate(p, 7) ?? -1);
  expect(changes).toBeGreaterThanOrEqual(0);

  // clear(): only page-table frames remain in use.
  as.clear();
  let tables = 1;
  as.pageTable().walk(512, (level, _i, _va, pte) => {
    if (level < as.levels - 1 && !as.pageTable().format.isHuge(pte)) tables++;
  });
  expect(hpm.stats.framesInUse).toBe(tables);
  for (let p = 0; p < PAGES; p++) expect(as.translateNumber(p * 4096)).toBe(-1);
  as.destroy();
  expect(hpm.stats.framesInUse).toBe(0);
}

describe("AddrSpace agrees with a reference model", () => {
  for (const arch of ["loongarch64", "x86_64", "aarch64", "riscv64"] as const) {
    it(`random operation sequences on ${arch}`, () => {
      fc.assert(
        fc.property(fc.array(opArbitrary(true), { minLength: 1, maxLength: 40 }), (ops) => run(arch, ops)),
        { numRuns: Number(process.env["MODEL_RUNS"] ?? 60) },
      );
    }, 300_000);
    it(`random operation sequences on ${arch} with host memory running out`, () => {
      fc.assert(
        fc.property(fc.array(opArbitrary(false), { minLength: 1, maxLength: 40 }), (ops) =>
          run(arch, ops, true),
        ),
        { numRuns: Number(process.env["MODEL_RUNS"] ?? 60) },
      );
    }, 300_000);
  }
});
