import { describe, expectTypeOf, it } from "vitest";
import {
  type Addr,
  type AddrType,
  defineAddrType,
  type MemoryAddr,
  PhysAddr,
  VirtAddr,
} from "../src/index.js";

const GuestPhysAddr = defineAddrType("GuestPhysAddr", "GPA");
type GuestPhysAddr = Addr<"GuestPhysAddr">;
// axaddrspace aliases HostPhysAddr to PhysAddr; here a distinct type proves nominality between two factories.
const HostPhysAddr = defineAddrType("HostPhysAddr", "HPA");
type HostPhysAddr = Addr<"HostPhysAddr">;

declare function mapHost(hpa: HostPhysAddr): void;
declare function needsPhys(pa: PhysAddr): void;

describe("nominal address types", () => {
  it("defineAddrType infers the literal name", () => {
    expectTypeOf(GuestPhysAddr).toEqualTypeOf<AddrType<"GuestPhysAddr">>();
    expectTypeOf(GuestPhysAddr.from(1)).toEqualTypeOf<GuestPhysAddr>();
    expectTypeOf(GuestPhysAddr.typeName).toEqualTypeOf<"GuestPhysAddr">();
  });

  it("GuestPhysAddr is not assignable to HostPhysAddr, nor the reverse", () => {
    expectTypeOf<GuestPhysAddr>().not.toMatchTypeOf<HostPhysAddr>();
    expectTypeOf<HostPhysAddr>().not.toMatchTypeOf<GuestPhysAddr>();
    // @ts-expect-error a guest physical address is not a host physical address
    mapHost(GuestPhysAddr.from(0x1000));
    mapHost(HostPhysAddr.from(0x1000));
  });

  it("PhysAddr and VirtAddr are distinct", () => {
    expectTypeOf<PhysAddr>().not.toMatchTypeOf<VirtAddr>();
    expectTypeOf<VirtAddr>().not.toMatchTypeOf<PhysAddr>();
    // @ts-expect-error a virtual address is not a physical address
    needsPhys(VirtAddr.from(0));
    needsPhys(PhysAddr.from(0));
    // @ts-expect-error comparisons only accept the same type
    PhysAddr.from(0).lt(VirtAddr.from(1));
    // @ts-expect-error subAddr only accepts the same type
    PhysAddr.from(0).subAddr(VirtAddr.from(0));
  });

  it("arithmetic returns the same nominal type", () => {
    const p = PhysAddr.from(0x1000);
    expectTypeOf(p.add(1)).toEqualTypeOf<PhysAddr>();
    expectTypeOf(p.alignDown4K()).toEqualTypeOf<PhysAddr>();
    expectTypeOf(p.checkedAdd(1)).toEqualTypeOf<PhysAddr | undefined>();
    expectTypeOf(p.overflowingSub(1)).toEqualTypeOf<[PhysAddr, boolean]>();
    expectTypeOf(p.wrappingSubAddr(p)).toEqualTypeOf<bigint>();
    expectTypeOf(p.offsetFrom(p)).toEqualTypeOf<bigint>();
    expectTypeOf(p.checkedSubAddr(p)).toEqualTypeOf<bigint | undefined>();
    expectTypeOf(p.compare(p)).toEqualTypeOf<-1 | 0 | 1>();
  });

  it("every address type is a MemoryAddr of itself", () => {
    expectTypeOf<PhysAddr>().toMatchTypeOf<MemoryAddr<PhysAddr>>();
    expectTypeOf<GuestPhysAddr>().toMatchTypeOf<MemoryAddr<GuestPhysAddr>>();
  });

  it("values are read-only", () => {
    const p = PhysAddr.from(1);
    // @ts-expect-error value is readonly
    p.value = 2n;
  });

  it("address parameters take bigint or number, never strings", () => {
    // @ts-expect-error strings are not addresses
    PhysAddr.from("0x1000");
    PhysAddr.from(0x1000);
    PhysAddr.from(0x1000n);
  });
});
