import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

describe("public surface", () => {
  it("exports exactly the documented runtime names (the cross-package contract)", () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        "AddrRange",
        "PAGE_SIZE_1G",
        "PAGE_SIZE_2M",
        "PAGE_SIZE_4K",
        "PageIter",
        "PageIter1G",
        "PageIter2M",
        "PageIter4K",
        "PhysAddr",
        "U64_MAX",
        "VirtAddr",
        "addrBrand",
        "alignDown",
        "alignDown4K",
        "alignOffset",
        "alignOffset4K",
        "alignUp",
        "alignUp4K",
        "defineAddrType",
        "isAligned",
        "isAligned4K",
        "pa",
        "paRange",
        "va",
        "vaRange",
      ].sort(),
    );
  });
});
