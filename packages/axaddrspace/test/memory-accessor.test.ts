import { describe, expect, it } from "vitest";
import {
  AddrSpace,
  AxError,
  GuestMemoryAccessor,
  type GuestMemoryTranslator,
  GuestPhysAddr,
  HostPhysAddr,
  HostPhysMemory,
  MappingFlags,
} from "../src/index.js";

const gpa = (n: number | bigint): GuestPhysAddr => GuestPhysAddr.from(n);

// Ports of the Rust axaddrspace tests/memory_accessor.rs: a translator mapping guest [base, base+len)
// onto host memory at `hostBase`.
function translator(
  base: number,
  hostBase: number,
  len: number,
  counter?: { n: number },
): GuestMemoryTranslator {
  return {
    translateAndGetLimit(addr) {
      if (counter) counter.n++;
      const v = Number(addr.value);
      if (v < base || v >= base + len) return undefined;
      return [HostPhysAddr.from(hostBase + (v - base)), BigInt(len)];
    },
  };
}

function setup(): { hpm: HostPhysMemory; host: number } {
  const hpm = new HostPhysMemory();
  const host = Number(hpm.allocFrames(4)!.value);
  return { hpm, host };
}

describe("GuestMemoryAccessor", () => {
  it("test_basic_read_write_operations", () => {
    const { hpm, host } = setup();
    const counter = { n: 0 };
    const mem = new GuestMemoryAccessor(translator(0x1000, host, 0x4000, counter), hpm);
    mem.writeU32(gpa(0x1100), 0xdeadbeef);
    expect(mem.readU32(gpa(0x1100))).toBe(0xdeadbeef);
    expect(counter.n).toBeGreaterThan(0);
    const data = Uint8Array.from([1, 2, 3, 4, 5]);
    mem.writeBuffer(gpa(0x1200), data);
    const back = new Uint8Array(5);
    mem.readBuffer(gpa(0x1200), back);
    expect([...back]).toEqual([1, 2, 3, 4, 5]);
    expect(() => mem.readU32(gpa(0x9000))).toThrow(AxError);
    expect(() => mem.writeBuffer(gpa(0x9000), data)).toThrow(/not mapped/);
  });

  it("typed accessors are little-endian and cover u8..u64", () => {
    const { hpm, host } = setup();
    const mem = new GuestMemoryAccessor(translator(0, host, 0x4000), hpm);
    mem.writeU64(gpa(0x10), 0x0102_0304_0506_0708n);
    expect(mem.readU8(gpa(0x10))).toBe(0x08);
    expect(mem.readU16(gpa(0x10))).toBe(0x0708);
    expect(mem.readU32(gpa(0x14))).toBe(0x0102_0304);
    expect(mem.readU64(gpa(0x10))).toBe(0x0102_0304_0506_0708n);
    mem.writeU8(gpa(0x10), 0x1ff);
    mem.writeU16(gpa(0x12), 0xbeef);
    expect(mem.readU32(gpa(0x10))).toBe(0xbeef_07ff);
    mem.writeU64(gpa(0x20), -1n);
    expect(mem.readU64(gpa(0x20))).toBe(0xffff_ffff_ffff_ffffn);
    expect(hpm.dataView().getUint32(host + 0x10, true)).toBe(0xbeef_07ff);
  });

  it("test_two_vm_isolation", () => {
    const { hpm, host } = setup();
    const vm1 = new GuestMemoryAccessor(translator(0x1000, host, 0x1000), hpm);
    const vm2 = new GuestMemoryAccessor(translator(0x1000, host + 0x2000, 0x1000), hpm);
    vm1.writeU32(gpa(0x1000), 0x1111_1111);
    vm2.writeU32(gpa(0x1000), 0x2222_2222);
    expect(vm1.readU32(gpa(0x1000))).toBe(0x1111_1111);
    expect(vm2.readU32(gpa(0x1000))).toBe(0x2222_2222);
  });

  it("test_cross_page_access", () => {
    const { hpm, host } = setup();
    const mem = new GuestMemoryAccessor(translator(0, host, 0x4000), hpm);
    const data = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
    mem.writeBuffer(gpa(4096 - 8), data);
    for (let i = 0; i < 16; i++) expect(mem.readU8(gpa(4096 - 8 + i))).toBe(i + 1);
    const back = new Uint8Array(16);
    mem.readBuffer(gpa(4096 - 8), back);
    expect([...back]).toEqual([...data]);
  });

  it("test_region_boundary_edge_cases", () => {
    const { hpm, host } = setup();
    const mem = new GuestMemoryAccessor(translator(0x1000, host, 0x1000), hpm);
    mem.readBuffer(gpa(0x1000), new Uint8Array(0));
    mem.writeBuffer(gpa(0x5000), new Uint8Array(0));
    mem.writeU8(gpa(0x1fff), 0x42);
    expect(mem.readU8(gpa(0x1fff))).toBe(0x42);
    mem.writeU8(gpa(0x1000), 0x24);
    expect(mem.readU8(gpa(0x1000))).toBe(0x24);
    // a typed write that would run past the region changes nothing
    expect(() => mem.writeU32(gpa(0x1ffe), 0xffff_ffff)).toThrow(AxError);
    expect(mem.readU8(gpa(0x1fff))).toBe(0x42);
  });

  it("follows non-contiguous frames across pages of an address space", () => {
    const hpm = new HostPhysMemory();
    const as = AddrSpace.newEmpty({
      levels: 3,
      base: gpa(0),
      size: 0x10_0000,
      hal: hpm,
      arch: "loongarch64",
    });
    as.mapAlloc(gpa(0x1000), 0x1000, MappingFlags.READ | MappingFlags.WRITE, true);
    hpm.allocFrame(); // make the next frame non-contiguous
    as.mapAlloc(gpa(0x2000), 0x1000, MappingFlags.READ | MappingFlags.WRITE, true);
    expect(as.translate(gpa(0x2000))!.value - as.translate(gpa(0x1000))!.value).not.toBe(0x1000n);
    const mem = as.accessor();
    expect(as.accessor()).toBe(mem);
    mem.writeU64(gpa(0x1ffc), 0x1122_3344_5566_7788n);
    expect(mem.readU32(gpa(0x2000))).toBe(0x1122_3344);
    expect(mem.readU64(gpa(0x1ffc))).toBe(0x1122_3344_5566_7788n);
    const bufs = as.translatedByteBuffer(gpa(0x1ffc), 8)!;
    expect(bufs.map((b) => b.length)).toEqual([4, 4]);
    expect([...bufs[1]!]).toEqual([0x44, 0x33, 0x22, 0x11]);
  });
});
