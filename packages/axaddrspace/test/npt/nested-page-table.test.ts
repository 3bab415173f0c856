import { describe, expect, it } from "vitest";
import {
  A64PTEHV,
  AxError,
  EPTEntry,
  GuestPhysAddr,
  HostPhysAddr,
  HostPhysMemory,
  LoongArchPTE,
  MappingError,
  MappingFlags,
  NestedPageTable,
  type NptArch,
  nptFormat,
  PageSize,
  PagingError,
  Rv64PTE,
} from "../../src/index.js";

const RW = MappingFlags.READ | MappingFlags.WRITE;
const gpa = (n: number | bigint): GuestPhysAddr => GuestPhysAddr.from(n);
const hpa = (n: number | bigint): HostPhysAddr => HostPhysAddr.from(n);

describe("NestedPageTable", () => {
  it("selects the format of each architecture", () => {
    expect(nptFormat("loongarch64")).toBe(LoongArchPTE);
    expect(nptFormat("x86_64")).toBe(EPTEntry);
    expect(nptFormat("aarch64")).toBe(A64PTEHV);
    expect(nptFormat("riscv64")).toBe(Rv64PTE);
    expect(() => nptFormat("mips" as NptArch)).toThrow(AxError);
  });

  it("new() errors as in Rust", () => {
    const hal = new HostPhysMemory();
    const err = (fn: () => unknown): [string, string] => {
      try {
        fn();
      } catch (e) {
        return [(e as AxError).code, (e as AxError).message];
      }
      return ["ok", ""];
    };
    expect(err(() => NestedPageTable.new(3, "x86_64", hal))).toEqual([
      "InvalidInput",
      "L3 not supported on x86_64",
    ]);
    expect(err(() => NestedPageTable.new(2, "riscv64", hal))).toEqual([
      "InvalidInput",
      "Invalid page table level",
    ]);
    const full = new HostPhysMemory({ maxBytes: 65536 });
    while (full.allocFrame());
    expect(err(() => NestedPageTable.new(4, "aarch64", full))[0]).toBe("NoMemory");
    const npt = NestedPageTable.new(4, "x86_64", hal);
    expect([npt.levels, npt.arch, npt.format, npt.hal]).toEqual([4, "x86_64", EPTEntry, hal]);
  });

  it("wraps paging errors as MappingError BadState and returns booleans where Rust does", () => {
    const npt = NestedPageTable.new(3, "loongarch64", new HostPhysMemory());
    npt.map(gpa(0x1000), hpa(0x8000), PageSize.Size4K, RW);
    try {
      npt.map(gpa(0x1000), hpa(0x8000), PageSize.Size4K, RW);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MappingError);
      expect((e as MappingError).code).toBe("BadState");
      expect((e as MappingError).cause).toBeInstanceOf(PagingError);
    }
    expect(npt.translate(gpa(0x1010))?.value).toBe(0x8010n);
    expect(npt.remap(gpa(0x1000), hpa(0x9000), MappingFlags.READ)).toBe(true);
    expect(npt.query(gpa(0x1000))).toEqual([hpa(0x9000), MappingFlags.READ, PageSize.Size4K]);
    expect(npt.remap(gpa(0x4000_0000), hpa(0x9000), RW)).toBe(false);
    expect(npt.protectRegion(gpa(0x1000), 0x1000, RW)).toBe(true);
    expect(npt.unmap(gpa(0x1000))[0].value).toBe(0x9000n);
    expect(() => npt.unmap(gpa(0x1000))).toThrow(MappingError);
    expect(npt.translate(gpa(0x1000))).toBeUndefined();
    npt.mapRegion(gpa(0x20_0000), (g) => hpa(g.value), 0x20_0000, RW, true);
    expect(npt.trace(gpa(0x20_0000)).at(-1)?.kind).toBe("huge-leaf");
    let n = 0;
    npt.walk(512, () => n++);
    expect(n).toBeGreaterThan(0);
    npt.unmapRegion(gpa(0x20_0000), 0x20_0000);
    expect(() => npt.unmapRegion(gpa(0x20_0000), 0x1000)).toThrow(MappingError);
    expect(() => npt.mapRegion(gpa(0x123), () => hpa(0), 0x1000, RW, false)).toThrow(MappingError);
    npt.destroy();
    expect(npt.pageTable.isDestroyed()).toBe(true);
  });
});
