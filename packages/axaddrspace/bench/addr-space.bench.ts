import { bench, describe } from "vitest";
import {
  AddrSpace,
  GuestPhysAddr,
  HostPhysAddr,
  HostPhysMemory,
  LoongArchPTE,
  MappingFlags,
  PageSize,
  PageTable64,
} from "../src/index.js";

const RW = MappingFlags.READ | MappingFlags.WRITE;
const RWX = RW | MappingFlags.EXECUTE;
const GiB = 1n << 30n;

function newSpace(hpm: HostPhysMemory, sizeBytes: bigint): AddrSpace {
  return AddrSpace.newEmpty({
    levels: 4,
    base: GuestPhysAddr.from(0),
    size: sizeBytes,
    hal: hpm,
    arch: "loongarch64",
  });
}

describe("linear map 4 GiB (huge pages)", () => {
  const hpm = new HostPhysMemory();
  bench(
    "mapLinear 4 GiB with 1 GiB pages + destroy",
    () => {
      const as = newSpace(hpm, 8n * GiB);
      as.mapLinear(GuestPhysAddr.from(0), HostPhysAddr.from(4n * GiB), 4n * GiB, RWX);
      as.destroy();
    },
    { iterations: 200 },
  );
  bench(
    "mapLinear 4 GiB with 2 MiB pages (host side only 2 MiB-aligned) + destroy",
    () => {
      const as = newSpace(hpm, 8n * GiB);
      as.mapLinear(GuestPhysAddr.from(0), HostPhysAddr.from(4n * GiB + 0x20_0000n), 4n * GiB, RWX);
      as.destroy();
    },
    { iterations: 20 },
  );
});

describe("map and unmap 64 Ki 4K pages", () => {
  const hpm = new HostPhysMemory();
  bench(
    "AddrSpace.mapAlloc(populate) 256 MiB + unmap",
    () => {
      const as = newSpace(hpm, GiB);
      as.mapAlloc(GuestPhysAddr.from(0), 0x1000_0000, RW, true);
      as.unmap(GuestPhysAddr.from(0), 0x1000_0000);
      as.destroy();
    },
    { iterations: 10 },
  );
  bench(
    "AddrSpace: 65536 one-page mapAlloc(populate) areas, then 65536 unmaps",
    () => {
      const as = newSpace(hpm, GiB);
      for (let i = 0; i < 65536; i++) as.mapAlloc(GuestPhysAddr.from(i * 4096), 4096, RW, true);
      for (let i = 0; i < 65536; i++) as.unmap(GuestPhysAddr.from(i * 4096), 4096);
      as.destroy();
    },
    { iterations: 3 },
  );
  bench(
    "PageTable64.map × 65536 (4K) + unmap × 65536",
    () => {
      const pt = PageTable64.tryNew({ format: LoongArchPTE, levels: 4, hal: hpm, addrType: GuestPhysAddr });
      for (let i = 0; i < 65536; i++) pt.mapNumber(i * 4096, 0x1000_0000 + i * 4096, PageSize.Size4K, RW);
      for (let i = 0; i < 65536; i++) pt.unmapNumber(i * 4096);
      pt.destroy();
    },
    { iterations: 10 },
  );
});

describe("protect that splits areas", () => {
  const hpm = new HostPhysMemory();
  bench(
    "1024 single-page protects inside one 16 MiB lazy area (→ 2049 areas)",
    () => {
      const as = newSpace(hpm, GiB);
      as.mapAlloc(GuestPhysAddr.from(0), 0x100_0000, RW, false);
      for (let i = 0; i < 1024; i++)
        as.protect(GuestPhysAddr.from(i * 0x4000 + 0x1000), 0x1000, MappingFlags.READ);
      as.destroy();
    },
    { iterations: 10 },
  );
});

describe("1 M random translate calls", () => {
  const hpm = new HostPhysMemory();
  const as = newSpace(hpm, 2n * GiB);
  as.mapLinear(GuestPhysAddr.from(0), HostPhysAddr.from(0x1_0000_0000n), GiB, RWX); // 1 GiB huge page
  as.mapAlloc(GuestPhysAddr.from(GiB), 0x400_0000, RW, true); // 16 Ki 4K pages
  let seed = 42;
  const rnd = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const nums = Array.from({ length: 65536 }, () => Math.floor(rnd() * (Number(GiB) + 0x400_0000)));
  const addrs = nums.map((n) => GuestPhysAddr.from(n));
  let sink = 0;
  bench(
    "AddrSpace.translate(GuestPhysAddr) × 1 M",
    () => {
      for (let r = 0; r < 16; r++) for (const a of addrs) if (as.translate(a) !== undefined) sink++;
    },
    { iterations: 5 },
  );
  bench(
    "AddrSpace.translateNumber(number) × 1 M",
    () => {
      for (let r = 0; r < 16; r++) for (const n of nums) sink += as.translateNumber(n) >= 0 ? 1 : 0;
      // Keep the results observable so the loops are not optimised away.
      if (sink < 0) throw new Error("unreachable");
    },
    { iterations: 5 },
  );
});
