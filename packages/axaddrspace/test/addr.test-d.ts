import { describe, expectTypeOf, it } from "vitest";
import {
  GuestPhysAddr as GPA,
  type GuestPhysAddr,
  type GuestVirtAddr,
  type HostPhysAddr,
} from "../src/index.js";

describe("address types are nominal", () => {
  it("a GuestPhysAddr is not a HostPhysAddr or a GuestVirtAddr", () => {
    expectTypeOf<GuestPhysAddr>().not.toEqualTypeOf<HostPhysAddr>();
    expectTypeOf<GuestPhysAddr>().not.toMatchTypeOf<HostPhysAddr>();
    expectTypeOf<GuestPhysAddr>().not.toMatchTypeOf<GuestVirtAddr>();
    expectTypeOf(GPA.from(1).add(1)).toEqualTypeOf<GuestPhysAddr>();
  });
});
