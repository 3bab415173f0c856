import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

describe("the barrel", () => {
  it("exports the contract's runtime values", () => {
    const names = [
      "AccessWidth",
      "AddrSpace",
      "AxError",
      "A64PTEHV",
      "Backend",
      "EPTEntry",
      "GuestMemoryAccessor",
      "GuestPhysAddr",
      "GuestVirtAddr",
      "HostPhysAddr",
      "HostPhysMemory",
      "HostVirtAddr",
      "LoongArchPTE",
      "MappingError",
      "MappingFlags",
      "MemoryArea",
      "MemorySet",
      "NestedPageTable",
      "PageSize",
      "PageTable64",
      "PagingError",
      "PhysFrame",
      "Port",
      "PortRange",
      "PteFormat",
      "Rv64PTE",
      "SysRegAddr",
      "SysRegAddrRange",
      "nptFormat",
    ];
    expect(Object.keys(api).sort()).toEqual([...names].sort());
  });
});
