import type { VirtAddr } from "@axvisor/memory-addr";
import { describe, expectTypeOf, it } from "vitest";
import {
  type AddrSpace,
  type AddrSpaceArea,
  Backend,
  type GuestPhysAddr,
  type HostPhysAddr,
  type MappingBackend,
  type MappingFlags,
  type MemoryArea,
  MemorySet,
  type NestedPageTable,
} from "../../src/index.js";

describe("MemorySet / MemoryArea typing", () => {
  it("areas carry the address, flags and backend types", () => {
    const set = new MemorySet<VirtAddr, number, Uint8Array>();
    expectTypeOf(set.find).parameter(0).toEqualTypeOf<VirtAddr>();
    expectTypeOf(set.find).returns.toEqualTypeOf<MemoryArea<VirtAddr, number, Uint8Array> | undefined>();
    expectTypeOf<MemoryArea<VirtAddr, number, Uint8Array>["flags"]>().returns.toEqualTypeOf<number>();
    expectTypeOf<AddrSpaceArea>().toEqualTypeOf<
      MemoryArea<GuestPhysAddr, MappingFlags, NestedPageTable, Backend>
    >();
    expectTypeOf(Backend.newAlloc(true)).toMatchTypeOf<
      MappingBackend<GuestPhysAddr, MappingFlags, NestedPageTable>
    >();
  });
  it("AddrSpace speaks guest physical in, host physical out", () => {
    expectTypeOf<AddrSpace["translate"]>().parameter(0).toEqualTypeOf<GuestPhysAddr>();
    expectTypeOf<AddrSpace["translate"]>().returns.toEqualTypeOf<HostPhysAddr | undefined>();
    expectTypeOf<AddrSpace["mapLinear"]>().parameter(1).toEqualTypeOf<HostPhysAddr>();
  });
});
