import { describe, expect, it } from "vitest";
import {
  AddrSpace,
  AxError,
  GuestPhysAddr,
  HostPhysAddr,
  HostPhysMemory,
  MappingFlags,
  type NptArch,
  PageSize,
} from "../../src/index.js";
import { MEMORY_LEN, MEMORY_START, MockHal } from "../test-utils.js";

const R = MappingFlags.READ;
const RW = MappingFlags.READ | MappingFlags.WRITE;
const gpa = (n: number | bigint): GuestPhysAddr => GuestPhysAddr.from(n);
const hpa = (n: number | bigint): HostPhysAddr => HostPhysAddr.from(n);
const BASE = 0x10000;
const SIZE = 0x10000;

function axCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AxError);
    return (e as AxError).code;
  }
  return "ok";
}

const ARCHES: NptArch[] = ["loongarch64", "x86_64", "aarch64", "riscv64"];

// Ports of the Rust axaddrspace tests/address_space.rs (mock HAL: bump allocator at 0x1000).
describe.each(ARCHES)("AddrSpace (Rust address_space tests) on %s", (arch) => {
  const setup = () => {
    const hal = new MockHal();
    const as = AddrSpace.newEmpty({ levels: 4, base: gpa(BASE), size: SIZE, hal, arch });
    return { hal, as };
  };

  it("test_addrspace_creation", () => {
    const { hal, as } = setup();
    expect(as.base().value).toBe(BigInt(BASE));
    expect(as.end().value).toBe(BigInt(BASE + SIZE));
    expect(as.size()).toBe(BigInt(SIZE));
    expect(hal.allocCount).toBe(1);
    expect(as.pageTableRoot().value).toBe(BigInt(MEMORY_START));
    as.destroy();
    expect(hal.deallocCount).toBe(1);
  });

  it("test_contains_range", () => {
    const { as } = setup();
    expect(as.containsRange(gpa(BASE), 0x1000)).toBe(true);
    expect(as.containsRange(gpa(BASE + 0x1000), 0x2000)).toBe(true);
    expect(as.containsRange(gpa(BASE), SIZE)).toBe(true);
    expect(as.containsRange(gpa(BASE - 0x1000), 0x1000)).toBe(false);
    expect(as.containsRange(gpa(BASE + SIZE), 0x1000)).toBe(false);
    expect(as.containsRange(gpa(BASE), SIZE + 0x1000)).toBe(false);
    expect(as.containsRange(gpa(BASE + 0x3000), 0xf000)).toBe(false);
  });

  it("test_map_linear", () => {
    const { as } = setup();
    as.mapLinear(gpa(0x18000), hpa(0x10000), 0x8000, RW);
    expect(as.translate(gpa(0x18000))?.value).toBe(0x10000n);
    expect(as.translate(gpa(0x19000))?.value).toBe(0x11000n);
  });

  it("test_map_alloc_populate", () => {
    const { hal, as } = setup();
    const before = hal.allocCount;
    as.mapAlloc(gpa(0x10000), 0x2000, RW, true);
    expect(hal.allocCount).toBeGreaterThan(before);
    const a = as.translate(gpa(0x10000))!.value;
    const b = as.translate(gpa(0x11000))!.value;
    expect(a).not.toBe(b);
    for (const p of [a, b]) {
      expect(p).toBeGreaterThanOrEqual(BigInt(MEMORY_START));
      expect(p).toBeLessThan(BigInt(MEMORY_START + MEMORY_LEN));
    }
  });

  it("test_map_alloc_lazy", () => {
    const { as } = setup();
    as.mapAlloc(gpa(0x12000), 0x1000, RW, false);
    expect(as.translate(gpa(0x12000))).toBeUndefined();
  });

  it("test_page_fault_handling", () => {
    const { hal, as } = setup();
    as.mapAlloc(gpa(0x14000), 0x1000, RW, false);
    const before = hal.allocCount;
    expect(as.handlePageFault(gpa(0x14000), R)).toBe(true);
    expect(hal.allocCount).toBeGreaterThan(before);
    expect(as.translate(gpa(0x14000))).toBeDefined();
  });

  it("test_unmap", () => {
    const { hal, as } = setup();
    as.mapAlloc(gpa(0x16000), 0x2000, RW, true);
    expect(as.translate(gpa(0x16000))).toBeDefined();
    const before = hal.deallocCount;
    as.unmap(gpa(0x16000), 0x2000);
    expect(as.translate(gpa(0x16000))).toBeUndefined();
    expect(as.translate(gpa(0x17000))).toBeUndefined();
    expect(hal.deallocCount).toBeGreaterThan(before);
  });

  it("test_clear", () => {
    const { hal, as } = setup();
    as.mapAlloc(gpa(0x10000), 0x1000, RW, true);
    as.mapAlloc(gpa(0x12000), 0x1000, RW, true);
    const before = hal.deallocCount;
    as.clear();
    expect(as.translate(gpa(0x10000))).toBeUndefined();
    expect(as.translate(gpa(0x12000))).toBeUndefined();
    expect(hal.deallocCount).toBe(before + 2);
    expect([...as.areas()]).toHaveLength(0);
  });

  it("test_translate", () => {
    const { as } = setup();
    as.mapAlloc(gpa(0x10000), 0x1000, RW, true);
    expect(as.translate(gpa(0x10000))).toBeDefined();
    expect(as.translate(gpa(0x10800))!.value % 0x1000n).toBe(0x800n);
    expect(as.translate(gpa(0x11000))).toBeUndefined();
    expect(as.translate(gpa(0x30000))).toBeUndefined();
  });

  it("test_translated_byte_buffer", () => {
    const { as } = setup();
    as.mapAlloc(gpa(0x10000), 0x2000, RW, true);
    const bufs = as.translatedByteBuffer(gpa(0x10000), 0x1100)!;
    expect(bufs.map((b) => b.length)).toEqual([0x1000, 0x100]);
    let i = 0;
    for (const b of bufs) for (let j = 0; j < b.length; j++) b[j] = i++ % 256;
    const again = as.translatedByteBuffer(gpa(0x10000), 0x1100)!;
    i = 0;
    for (const b of again) for (const x of b) expect(x).toBe(i++ % 256);
    expect(as.translatedByteBuffer(gpa(0x10000), 0x2000 + 0x1000)).toBeUndefined();
    expect(as.translatedByteBuffer(gpa(0x18000), 0x10)).toBeUndefined();
  });

  it("test_translate_and_get_limit", () => {
    const { as } = setup();
    as.mapAlloc(gpa(0x10000), 0x3000, RW, true);
    const [pa, limit] = as.translateAndGetLimit(gpa(0x11000))!;
    expect(pa.value).toBeGreaterThan(0n);
    expect(limit).toBe(0x3000n);
    expect(as.translateAndGetLimit(gpa(0x18000))).toBeUndefined();
    expect(as.translateAndGetLimit(gpa(0x30000))).toBeUndefined();
  });
});

describe("AddrSpace checks, errors and extensions", () => {
  const make = (arch: NptArch = "loongarch64", hal = new HostPhysMemory()) => ({
    hal,
    as: AddrSpace.newEmpty({ levels: 3, base: gpa(0), size: 1n << 30n, hal, arch }),
  });

  it("newEmpty validates levels, architecture and range", () => {
    const hal = new HostPhysMemory();
    expect(
      axCode(() => AddrSpace.newEmpty({ levels: 3, base: gpa(0), size: 0x1000, hal, arch: "x86_64" })),
    ).toBe("InvalidInput");
    expect(
      axCode(() => AddrSpace.newEmpty({ levels: 5, base: gpa(0), size: 0x1000, hal, arch: "riscv64" })),
    ).toBe("InvalidInput");
    expect(
      axCode(() => AddrSpace.newEmpty({ levels: 3, base: gpa(0), size: 1n << 40n, hal, arch: "riscv64" })),
    ).toBe("InvalidInput");
    const mock = new MockHal();
    mock.allocShouldFail = true;
    expect(
      axCode(() => AddrSpace.newEmpty({ levels: 4, base: gpa(0), size: 0x1000, hal: mock, arch: "aarch64" })),
    ).toBe("NoMemory");
    expect(hal.stats.framesInUse).toBe(0);
  });

  it("map/unmap/protect report range, alignment and overlap errors like Rust", () => {
    const { as } = make();
    expect(axCode(() => as.mapLinear(gpa(0x3fff_f000), hpa(0), 0x2000, RW))).toBe("InvalidInput");
    expect(axCode(() => as.mapLinear(gpa(0x1001), hpa(0), 0x1000, RW))).toBe("InvalidInput");
    expect(axCode(() => as.mapLinear(gpa(0x1000), hpa(0x10), 0x1000, RW))).toBe("InvalidInput");
    expect(axCode(() => as.mapAlloc(gpa(0x1000), 0x1001, RW, true))).toBe("InvalidInput");
    as.mapAlloc(gpa(0x1000), 0x2000, RW, true);
    expect(axCode(() => as.mapAlloc(gpa(0x2000), 0x2000, RW, true))).toBe("AlreadyExists");
    expect(axCode(() => as.unmap(gpa(0x1000), 0x800))).toBe("InvalidInput");
    expect(axCode(() => as.protect(gpa(0x4000_0000), 0x1000, R))).toBe("InvalidInput");
    expect(axCode(() => as.protect(gpa(0x1000), 0x10, R))).toBe("InvalidInput");
  });

  it("mapAlloc that runs out of memory fails with BadState and leaks nothing", () => {
    const hal = new HostPhysMemory({ maxBytes: 1 << 20 });
    const { as } = make("riscv64", hal);
    const base = hal.stats.framesInUse;
    expect(axCode(() => as.mapAlloc(gpa(0), 0x20_0000, RW, true))).toBe("BadState");
    expect(hal.stats.framesInUse).toBeLessThanOrEqual(base + 2); // only intermediate tables remain
    expect([...as.areas()]).toHaveLength(0);
    expect(as.translate(gpa(0))).toBeUndefined();
    as.destroy();
    expect(hal.stats.framesInUse).toBe(0);
  });

  it("linear mappings use huge pages, translate with offsets and split on partial unmap", () => {
    const { hal, as } = make("aarch64");
    as.mapLinear(gpa(0), hpa(0x8000_0000), 0x4000_0000, RW | MappingFlags.EXECUTE);
    expect(as.pageTable().query(gpa(0x1234))[2]).toBe(PageSize.Size1G);
    expect(as.translate(gpa(0x3fff_ffff))?.value).toBe(0xbfff_ffffn);
    const bufs = as.translatedByteBuffer(gpa(0), 0);
    expect(bufs).toEqual([]);
    as.unmap(gpa(0x20_1000), 0x1000);
    expect(as.translate(gpa(0x20_1000))).toBeUndefined();
    expect(as.translate(gpa(0x20_2000))?.value).toBe(0x8020_2000n);
    expect(as.translate(gpa(0x20_0fff))?.value).toBe(0x8020_0fffn);
    expect(as.translate(gpa(0x3000_0000))?.value).toBe(0xb000_0000n);
    expect([...as.areas()].map((a) => a.size())).toEqual([0x20_1000n, 0x3fdf_e000n]);
    as.destroy();
    expect(hal.stats.framesInUse).toBe(0);
  });

  it("mapLinear with hpa > gpa wraps the offset as Rust's usize arithmetic", () => {
    const { as } = make();
    as.mapLinear(gpa(0x1000), hpa(0x1_0000_0000), 0x1000, RW);
    expect(as.translate(gpa(0x1008))?.value).toBe(0x1_0000_0008n);
    expect([...as.areas()][0]!.backend().paVaOffset).toBe(BigInt.asUintN(64, 0x1000n - 0x1_0000_0000n));
  });

  it("handlePageFault follows the Rust rules", () => {
    const { hal, as } = make();
    as.mapAlloc(gpa(0x10_0000), 0x2000, R, false);
    as.mapAlloc(gpa(0x20_0000), 0x1000, RW, true);
    as.mapLinear(gpa(0x30_0000), hpa(0x30_0000), 0x1000, RW);
    expect(as.handlePageFault(gpa(0x4000_0000), R)).toBe(false); // outside the space
    expect(as.handlePageFault(gpa(0x50_0000), R)).toBe(false); // no area
    expect(as.handlePageFault(gpa(0x10_0000), RW)).toBe(false); // WRITE not allowed
    expect(as.handlePageFault(gpa(0x20_0000), R)).toBe(false); // populated
    expect(as.handlePageFault(gpa(0x30_0000), R)).toBe(false); // linear
    const used = hal.stats.framesInUse;
    expect(as.handlePageFault(gpa(0x10_1abc), R)).toBe(true);
    expect(hal.stats.framesInUse).toBe(used + 1);
    expect(as.pageTable().query(gpa(0x10_1000))[1]).toBe(R);
    // a second fault on a present page is resolved without a new frame
    expect(as.handlePageFault(gpa(0x10_1000), R)).toBe(true);
    expect(hal.stats.framesInUse).toBe(used + 1);
    expect(as.translate(gpa(0x10_0000))).toBeUndefined();
  });

  it("protect splits areas, updates present pages and later faults", () => {
    const { as } = make();
    as.mapAlloc(gpa(0), 0x4000, RW, false);
    as.handlePageFault(gpa(0x1000), MappingFlags.WRITE);
    as.protect(gpa(0x1000), 0x2000, R);
    expect([...as.areas()].map((a) => [a.start().value, a.size(), a.flags()])).toEqual([
      [0n, 0x1000n, RW],
      [0x1000n, 0x2000n, R],
      [0x3000n, 0x1000n, RW],
    ]);
    expect(as.pageTable().query(gpa(0x1000))[1]).toBe(R);
    expect(as.handlePageFault(gpa(0x2000), MappingFlags.WRITE)).toBe(false);
    expect(as.handlePageFault(gpa(0x2000), R)).toBe(true);
    expect(as.pageTable().query(gpa(0x2000))[1]).toBe(R);
    as.protect(gpa(0x1000), 0x2000, R); // unchanged flags: no split
    expect([...as.areas()]).toHaveLength(3);
  });

  it("onChange reports each change; the unsubscribe function works", () => {
    const { as } = make();
    const seen: string[] = [];
    const off = as.onChange((r) => seen.push(r.toString()));
    as.mapAlloc(gpa(0x1000), 0x1000, RW, false);
    as.handlePageFault(gpa(0x1000), R);
    as.protect(gpa(0x1000), 0x1000, R);
    as.unmap(gpa(0x1000), 0x1000);
    off();
    as.mapAlloc(gpa(0x1000), 0x1000, RW, false);
    expect(seen).toEqual([
      "GPA:0x1000..GPA:0x2000",
      "GPA:0x1000..GPA:0x2000",
      "GPA:0x1000..GPA:0x2000",
      "GPA:0x1000..GPA:0x2000",
    ]);
  });

  it("destroy frees every frame; toString mirrors Rust's Debug", () => {
    const hal = new HostPhysMemory();
    const as4 = AddrSpace.newEmpty({ levels: 4, base: gpa(0x1000), size: 0x10000, hal, arch: "x86_64" });
    as4.mapAlloc(gpa(0x2000), 0x1000, RW, true);
    expect(as4.toString()).toMatch(
      /^AddrSpace \{ va_range: GPA:0x1000\.\.GPA:0x11000, page_table_root: PA:0x[0-9a-f]+, areas: \[MemoryArea \{ va_range: GPA:0x2000\.\.GPA:0x3000, flags: 3 \}\] \}$/,
    );
    as4.destroy();
    expect(hal.stats.framesInUse).toBe(0);
    as4.destroy();
    expect(as4.toString()).toContain("destroyed");
  });
});
