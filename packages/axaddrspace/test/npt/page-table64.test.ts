import type { Addr } from "@axvisor/memory-addr";
import { describe, expect, it } from "vitest";
import {
  A64PTEHV,
  EPTEntry,
  GuestPhysAddr,
  HostPhysAddr,
  HostPhysMemory,
  LoongArchPTE,
  MappingFlags,
  PageSize,
  PageTable64,
  PagingError,
  type PteFormat,
  Rv64PTE,
} from "../../src/index.js";

const RW = MappingFlags.READ | MappingFlags.WRITE;
const RWX = RW | MappingFlags.EXECUTE;
const gpa = (n: number | bigint): GuestPhysAddr => GuestPhysAddr.from(n);
const hpa = (n: number | bigint): HostPhysAddr => HostPhysAddr.from(n);

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PagingError);
    return (e as PagingError).code;
  }
  return "ok";
}

const CONFIGS: [string, PteFormat, 3 | 4][] = [
  ["loongarch64 L3", LoongArchPTE, 3],
  ["loongarch64 L4", LoongArchPTE, 4],
  ["x86_64 EPT L4", EPTEntry, 4],
  ["aarch64 L3", A64PTEHV, 3],
  ["aarch64 L4", A64PTEHV, 4],
  ["riscv64 Sv39", Rv64PTE, 3],
  ["riscv64 Sv48", Rv64PTE, 4],
];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each(CONFIGS)("PageTable64 %s", (_name, format, levels) => {
  const make = (hal = new HostPhysMemory()) => ({
    hal,
    pt: PageTable64.tryNew({ format, levels, hal, addrType: GuestPhysAddr }),
  });

  it("maps, queries, protects and unmaps a 4K page", () => {
    const { hal, pt } = make();
    expect(hal.stats.framesInUse).toBe(1);
    pt.map(gpa(0x1234_5000), hpa(0x8000_0000), PageSize.Size4K, RW);
    expect(hal.stats.framesInUse).toBe(levels); // root + one table per lower level
    const [pa, flags, size] = pt.query(gpa(0x1234_5abc));
    expect([pa.value, flags, size]).toEqual([0x8000_0abcn, RW, PageSize.Size4K]);
    expect(pt.translateNumber(0x1234_5abc)).toBe(0x8000_0abc);
    expect(codeOf(() => pt.map(gpa(0x1234_5000), hpa(0x9000_0000), PageSize.Size4K, RW))).toBe(
      "AlreadyMapped",
    );
    expect(pt.protect(gpa(0x1234_5000), MappingFlags.READ)).toBe(PageSize.Size4K);
    expect(pt.query(gpa(0x1234_5000))[1]).toBe(MappingFlags.READ);
    const [upa, uflags, usize] = pt.unmap(gpa(0x1234_5000));
    expect([upa.value, uflags, usize]).toEqual([0x8000_0000n, MappingFlags.READ, PageSize.Size4K]);
    expect(codeOf(() => pt.query(gpa(0x1234_5000)))).toBe("NotMapped");
    expect(codeOf(() => pt.unmap(gpa(0x1234_5000)))).toBe("NotMapped");
    expect(codeOf(() => pt.protect(gpa(0x1234_5000), RW))).toBe("NotMapped");
    expect(codeOf(() => pt.query(gpa(0x7000_0000)))).toBe("NotMapped"); // missing tables
    expect(pt.translateNumber(0x7000_0000)).toBe(-1);
    pt.destroy();
    expect(hal.stats.framesInUse).toBe(0);
  });

  it("aligns the target down to the page size", () => {
    const { pt } = make();
    pt.map(gpa(0x20_0000), hpa(0x4020_1234), PageSize.Size2M, RW);
    const [pa, , size] = pt.query(gpa(0x20_0010));
    expect([pa.value, size]).toEqual([0x4020_0010n, PageSize.Size2M]);
  });

  it("mapRegion uses 1G, then 2M, then 4K pages as alignment and size allow", () => {
    const { hal, pt } = make();
    const size = 0x4000_0000 + 0x20_0000 + 0x1000;
    pt.mapRegion(gpa(0x4000_0000), (va) => hpa(va.value + 0x4000_0000n), size, RWX, true);
    expect(pt.query(gpa(0x4000_0000))[2]).toBe(PageSize.Size1G);
    expect(pt.query(gpa(0x8000_0000))[2]).toBe(PageSize.Size2M);
    expect(pt.query(gpa(0x8020_0000))[2]).toBe(PageSize.Size4K);
    expect(pt.query(gpa(0x7fff_ffff))[0].value).toBe(0xbfff_ffffn);
    // a 4K map inside the huge page meets it
    expect(codeOf(() => pt.map(gpa(0x4000_1000), hpa(0), PageSize.Size4K, RW))).toBe("MappedToHugePage");
    expect(codeOf(() => pt.mapRegion(gpa(0x123), () => hpa(0), 0x1000, RW, true))).toBe("NotAligned");
    expect(codeOf(() => pt.mapRegion(gpa(0x1000), () => hpa(0), 0x123, RW, true))).toBe("NotAligned");
    // misaligned physical side: 4K pages only
    pt.mapRegion(gpa(0x20_0000), (va) => hpa(va.value + 0x1000n), 0x20_0000, RW, true);
    expect(pt.query(gpa(0x20_0000))[2]).toBe(PageSize.Size4K);
    pt.unmapRegion(gpa(0x4000_0000), size);
    pt.unmapRegion(gpa(0x20_0000), 0x20_0000);
    expect(codeOf(() => pt.unmapRegion(gpa(0x20_0000), 0x1000))).toBe("NotMapped");
    pt.destroy();
    expect(hal.stats.framesInUse).toBe(0);
  });

  it("remap rewrites absent entries when tables exist; protectRegion skips absent pages", () => {
    const { pt } = make();
    pt.mapRegion(gpa(0x10_0000), () => hpa(0), 0x4000, 0, false); // lazy entries
    expect(codeOf(() => pt.query(gpa(0x10_0000)))).toBe("NotMapped");
    expect(pt.remap(gpa(0x10_1234), hpa(0x5000), RW)).toBe(PageSize.Size4K);
    expect(pt.query(gpa(0x10_1234))[0].value).toBe(0x5234n);
    expect(codeOf(() => pt.remap(gpa(0x7000_0000), hpa(0x5000), RW))).toBe("NotMapped");
    pt.protectRegion(gpa(0x10_0000), 0x4000, MappingFlags.READ);
    expect(pt.query(gpa(0x10_1000))[1]).toBe(MappingFlags.READ);
    expect(codeOf(() => pt.query(gpa(0x10_2000)))).toBe("NotMapped");
    pt.protectRegion(gpa(0x7000_0000), 0x2000, RW); // missing tables: skipped
  });

  it("splits a huge page so that part of it can change", () => {
    const { pt } = make();
    pt.mapRegion(gpa(0x4000_0000), (va) => hpa(va.value), 0x4000_0000, RW, true);
    expect(pt.splitHugeAt(0x4000_3000)).toBe(0);
    expect(pt.query(gpa(0x4000_3000))[2]).toBe(PageSize.Size4K);
    expect(pt.query(gpa(0x4020_0000))[2]).toBe(PageSize.Size2M);
    expect(pt.query(gpa(0x7fe0_0000))[0].value).toBe(0x7fe0_0000n);
    expect(pt.query(gpa(0x4000_2fff))[0].value).toBe(0x4000_2fffn);
  });

  it("falls back to smaller pages where an emptied table still occupies a huge slot", () => {
    const { pt } = make();
    pt.map(gpa(0x4000_0000), hpa(0x1000), PageSize.Size4K, RW);
    pt.unmap(gpa(0x4000_0000)); // the tables under the 1G and 2M slots stay
    pt.mapRegion(gpa(0x4000_0000), (va) => hpa(va.value), 0x4000_0000, RW, true);
    expect(pt.query(gpa(0x4000_0000))[2]).toBe(PageSize.Size4K); // the slot with a leftover 4K table
    expect(pt.query(gpa(0x4020_0000))[2]).toBe(PageSize.Size2M);
    expect(pt.translateNumber(0x7fff_fff0)).toBe(0x7fff_fff0);
    pt.unmapRegion(gpa(0x4000_0000), 0x4000_0000);
    expect(pt.translateNumber(0x4000_0000)).toBe(-1);
  });

  it("walk visits present entries with their addresses; trace records one step per level", () => {
    const { pt } = make();
    pt.map(gpa(0x1000), hpa(0x10_0000), PageSize.Size4K, RW);
    pt.map(gpa(0x40_0000), hpa(0x20_0000), PageSize.Size2M, RW);
    const leaves: [number, bigint][] = [];
    pt.walk(512, (level, _i, va, pte) => {
      if (level === levels - 1 || format.isHuge(pte)) leaves.push([level, va.value]);
    });
    expect(leaves).toEqual([
      [levels - 1, 0x1000n],
      [levels - 2, 0x40_0000n],
    ]);
    let n = 0;
    pt.walk(1, () => n++);
    expect(n).toBe(levels); // one entry per table on the first path
    const steps = pt.trace(gpa(0x1abc));
    expect(steps.map((s) => s.kind)).toEqual([...Array(levels - 1).fill("table"), "leaf"]);
    expect(steps[levels - 1]!.bits).toBe(format.newPage(0x10_0000n, RW, false));
    const huge = pt.trace(gpa(0x40_0000));
    expect(huge.at(-1)!.kind).toBe("huge-leaf");
    expect(pt.trace(gpa(0x7000_0000)).at(-1)!.kind).toBe("not-mapped");
  });

  it("fails with NoMemory when tables cannot be allocated, and after destroy is unusable", () => {
    const hal = new HostPhysMemory({ maxBytes: 65536 });
    for (let i = 0; i < 14; i++) hal.allocFrame();
    const pt = PageTable64.tryNew({ format, levels, hal, addrType: GuestPhysAddr });
    expect(codeOf(() => pt.map(gpa(0x1000), hpa(0x1000), PageSize.Size4K, RW))).toBe("NoMemory");
    expect(codeOf(() => PageTable64.tryNew({ format, levels, hal, addrType: GuestPhysAddr }))).toBe(
      "NoMemory",
    );
    pt.destroy();
    expect(pt.isDestroyed()).toBe(true);
    expect(() => pt.rootPaddr()).toThrow(/destroyed/);
    pt.destroy();
  });

  // Port of page_table_multiarch's test_dealloc_*: random map/unmap, then every frame is freed.
  it("frees every table frame on destroy after random map/unmap (test_dealloc)", () => {
    const hal = new HostPhysMemory();
    const pt = PageTable64.tryNew({ format, levels, hal, addrType: GuestPhysAddr });
    const rng = mulberry32(1234);
    const vaPages = 2 ** (9 * levels);
    const pages = new Map<number, number>();
    for (let i = 0; i < 2048; i++) {
      if (rng() < 0.75 || pages.size === 0) {
        let va: number;
        do va = Math.floor(rng() * vaPages) * 4096;
        while (pages.has(va));
        const pa = Math.floor(rng() * 2 ** 24) * 4096;
        pt.map(gpa(va), hpa(pa), PageSize.Size4K, RW);
        pages.set(va, pa);
      } else {
        const [va, pa] = pages.entries().next().value!;
        expect(pt.unmap(gpa(va))[0].value).toBe(BigInt(pa));
        pages.delete(va);
      }
    }
    for (const [va, pa] of pages) expect(pt.translateNumber(va + 5)).toBe(pa + 5);
    expect(hal.stats.framesInUse).toBeGreaterThan(1);
    pt.destroy();
    expect(hal.stats.framesInUse).toBe(0);
    expect(hal.stats.framesFreed).toBe(hal.stats.framesAllocated);
  });
});

describe("PageTable64 (general)", () => {
  it("rejects bad levels and ignores input bits above 47", () => {
    const hal = new HostPhysMemory();
    expect(() =>
      PageTable64.tryNew({ format: LoongArchPTE, levels: 5 as 4, hal, addrType: GuestPhysAddr }),
    ).toThrow(RangeError);
    const pt = PageTable64.tryNew({ format: LoongArchPTE, levels: 4, hal, addrType: GuestPhysAddr });
    expect(pt.vaSpan()).toBe(1n << 48n);
    pt.map(gpa(0x1000), hpa(0x2000), PageSize.Size4K, RW);
    expect(pt.query(gpa(0xffff_0000_0000_1000n))[0].value).toBe(0x2000n);
    const addr: Addr<"GuestPhysAddr"> = gpa(0x1000);
    expect(pt.rootPaddr().value % 4096n).toBe(0n);
    expect(pt.trace(addr)).toHaveLength(4);
  });
});
