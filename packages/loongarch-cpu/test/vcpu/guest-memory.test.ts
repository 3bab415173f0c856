import {
  AddrSpace,
  GuestPhysAddr,
  HostPhysAddr,
  HostPhysMemory,
  MappingFlags,
  PageSize,
} from "@axvisor/axaddrspace";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Access, Fault, GuestMemory } from "../../src/index.js";

const RWX = MappingFlags.READ | MappingFlags.WRITE | MappingFlags.EXECUTE;
const gpa = (v: bigint | number) => GuestPhysAddr.from(v);

function space(levels: 3 | 4) {
  const hal = new HostPhysMemory({ maxBytes: 64n << 20n });
  const as = AddrSpace.newEmpty({ levels, base: gpa(0), size: 1n << 36n, hal, arch: "loongarch64" });
  const mem = new GuestMemory(hal, levels, as);
  mem.root = Number(as.pageTableRoot().value);
  return { hal, as, mem };
}

const split = (v: bigint): [number, number] => [
  Number(BigInt.asIntN(32, v)),
  Number(BigInt.asIntN(32, v >> 32n)),
];

describe("GuestMemory", () => {
  it.each([3, 4] as const)("agrees with AddrSpace.translate on every mapped page (%i levels)", (levels) => {
    const { hal, as, mem } = space(levels);
    as.mapAlloc(gpa(0x200000), 0x4000, RWX, true);
    const frame = hal.allocFrame()!;
    as.mapLinear(gpa(0x4000_0000), frame, 0x1000, MappingFlags.READ);
    for (const p of [0x200000n, 0x201000n, 0x203000n, 0x4000_0000n]) {
      const [lo, hi] = split(p);
      expect(mem.translate(lo, hi, Access.READ)).toBe(Number(as.translate(gpa(p))!.value));
    }
  });

  it("DA mode masks guest virtual addresses to 48 bits, as QEMU 7.2 does", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (va) => {
        const { mem } = space(4);
        expect(mem.guestPhys(va)).toBe(va & 0xffff_ffff_ffffn);
      }),
      { numRuns: 50 },
    );
  });

  it("reports permission failures as nested faults with the access kind", () => {
    const { as, mem } = space(4);
    as.mapAlloc(gpa(0x200000), 0x1000, MappingFlags.READ, true);
    expect(mem.translate(0x200000, 0, Access.READ)).toBeGreaterThan(0);
    expect(mem.translate(0x200000, 0, Access.WRITE)).toBe(Fault.UNMAPPED);
    expect(mem.nestedFault).toBe(true);
    expect(mem.faultAccess).toBe(Access.WRITE);
    mem.nestedFault = false;
    expect(mem.translate(0x200000, 0, Access.FETCH)).toBe(Fault.UNMAPPED);
    expect(mem.nestedFault).toBe(true);
  });

  it("tells lazy RAM (an area) from a device (no area)", () => {
    const { as, mem } = space(4);
    as.mapAlloc(gpa(0x300000), 0x1000, RWX, false);
    expect(mem.translate(0x300000, 0, Access.READ)).toBe(Fault.UNMAPPED);
    expect(mem.nestedFault).toBe(true);
    expect(mem.faultGpaLo).toBe(0x300000);
    mem.nestedFault = false;
    expect(mem.translate(0x1fe00000, 0, Access.READ)).toBe(Fault.MMIO);
    expect(mem.nestedFault).toBe(false);
  });

  it("translates through DMW windows in mapped mode and misses the TLB elsewhere", () => {
    const { as, mem } = space(4);
    as.mapAlloc(gpa(0x200000), 0x1000, RWX, true);
    mem.setMode(0xb0n, [0n, 0x9000_0000_0000_0011n, 0n, 0n]);
    const [lo, hi] = split(0x9000_0000_0020_0000n);
    expect(mem.translate(lo, hi, Access.READ)).toBe(Number(as.translate(gpa(0x200000))!.value));
    expect(mem.translate(0x200000, 0, Access.READ)).toBe(Fault.UNMAPPED);
    expect(mem.tlbRefill).toBe(true);
    const [blo, bhi] = split(0x1234_0000_0000_0000n);
    expect(mem.translate(blo, bhi, Access.READ)).toBe(Fault.BAD_ADDRESS);
    // a window for PLV0 only does not serve PLV3
    mem.setMode(0xb3n, [0n, 0x9000_0000_0000_0011n, 0n, 0n]);
    mem.tlbRefill = false;
    expect(mem.translate(lo, hi, Access.READ)).toBe(Fault.BAD_ADDRESS);
  });

  it("follows 2 MiB huge leaf entries", () => {
    const { hal, as, mem } = space(4);
    // grow host memory past 4 MiB so that a 2 MiB-aligned host block exists
    for (let i = 0; i < 1100; i++) hal.allocFrame();
    as.pageTable().map(gpa(0x8000_0000), HostPhysAddr.from(0x20_0000), PageSize.Size2M, RWX);
    expect(as.pageTable().query(gpa(0x8000_0000))[2]).toBe(PageSize.Size2M);
    const hpa = mem.translate(0x8001_3000 | 0, 0, Access.READ);
    expect(hpa).toBe(Number(as.translate(gpa(0x8001_3000))!.value));
  });
});
