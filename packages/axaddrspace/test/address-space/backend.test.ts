import { describe, expect, it } from "vitest";
import {
  Backend,
  GuestPhysAddr,
  HostPhysMemory,
  MappingFlags,
  NestedPageTable,
  PageSize,
} from "../../src/index.js";

const RW = MappingFlags.READ | MappingFlags.WRITE;
const gpa = (n: number | bigint): GuestPhysAddr => GuestPhysAddr.from(n);

function setup() {
  const hal = new HostPhysMemory({ maxBytes: 8n << 20n });
  return { hal, npt: NestedPageTable.new(3, "riscv64", hal) };
}

describe("Backend", () => {
  it("Linear maps gpa → gpa - offset with huge pages and wraps the offset mod 2^64", () => {
    const { npt } = setup();
    const b = Backend.newLinear(-0x4000_0000n);
    expect(b.paVaOffset).toBe(0xffff_ffff_c000_0000n);
    expect(b.toString()).toBe("Linear { pa_va_offset: 0xffffffffc0000000 }");
    expect(b.map(gpa(0), 0x40_0000n, RW, npt)).toBe(true);
    expect(npt.query(gpa(0x20_0000))).toEqual([npt.translate(gpa(0x20_0000)), RW, PageSize.Size2M]);
    expect(npt.translate(gpa(0x12_3456))?.value).toBe(0x4012_3456n);
    expect(b.handlePageFault(gpa(0), MappingFlags.READ, npt)).toBe(false);
    expect(b.protect(gpa(0x1000), 0x1000n, MappingFlags.READ, npt)).toBe(true); // splits the 2M page
    expect(npt.query(gpa(0x1000))[1]).toBe(MappingFlags.READ);
    expect(npt.query(gpa(0x2000))[1]).toBe(RW);
    expect(b.unmap(gpa(0), 0x40_0000n, npt)).toBe(true);
    expect(b.unmap(gpa(0), 0x1000n, npt)).toBe(false); // not mapped
  });

  it("Linear map to a host range beyond 2^53 fails", () => {
    const { npt } = setup();
    expect(Backend.newLinear(-(1n << 60n)).map(gpa(0), 0x1000n, RW, npt)).toBe(false);
  });

  it("Alloc populate allocates a frame per page and frees them on unmap", () => {
    const { hal, npt } = setup();
    const b = Backend.newAlloc(true);
    const base = hal.stats.framesInUse;
    expect(b.map(gpa(0x10_0000), 0x4000n, RW, npt)).toBe(true);
    expect(hal.stats.framesInUse - base).toBe(4 + 2);
    expect(b.handlePageFault(gpa(0x10_0000), MappingFlags.READ, npt)).toBe(false);
    expect(b.unmap(gpa(0x10_0000), 0x4000n, npt)).toBe(true);
    expect(hal.stats.framesInUse - base).toBe(2);
    expect(b.toString()).toBe("Alloc { populate: true }");
  });

  it("Alloc lazy maps empty entries; a fault maps one zeroed frame; running out fails cleanly", () => {
    const { hal, npt } = setup();
    const b = Backend.newAlloc(false);
    expect(b.map(gpa(0), 0x2000n, RW, npt)).toBe(true);
    expect(npt.translate(gpa(0))).toBeUndefined();
    expect(b.handlePageFault(gpa(0x1234), RW, npt)).toBe(true);
    expect(npt.translate(gpa(0x1234))).toBeDefined();
    // Exhaust memory: the next fault fails and leaks nothing.
    while (hal.allocFrame());
    const used = hal.stats.framesInUse;
    expect(b.handlePageFault(gpa(0), RW, npt)).toBe(false);
    expect(hal.stats.framesInUse).toBe(used);
    expect(Backend.newAlloc(true).map(gpa(0x10_0000), 0x1000n, RW, npt)).toBe(false);
    expect(hal.stats.framesInUse).toBe(used);
  });

  it("Alloc unmap refuses huge pages", () => {
    const { npt } = setup();
    Backend.newLinear(0n).map(gpa(0x20_0000), 0x20_0000n, RW, npt);
    expect(Backend.newAlloc(false).unmap(gpa(0x20_0000), 0x1000n, npt)).toBe(false);
  });
});
