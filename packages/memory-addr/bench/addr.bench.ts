// Micro-benchmarks for the hot paths other packages lean on (address arithmetic in page-table walks
// and guest memory access). Each case does N operations per sample; divide the time by N for per-op cost.
import { bench, describe } from "vitest";
import { AddrRange, alignDown, PageIter4K, PhysAddr, pa } from "../src/index.js";

const N = 100_000;
const opts = { iterations: 20, time: 500 };

describe(`alignment (${N} ops per sample)`, () => {
  bench(
    "alignDown(bigint, 0x1000n)",
    () => {
      let x = 0n;
      for (let i = 0n; i < 100_000n; i++) x ^= alignDown(i * 0x1234n, 0x1000n);
      if (x < 0n) throw new Error("unreachable");
    },
    opts,
  );

  bench(
    "PhysAddr#alignDown4K()",
    () => {
      let a = pa(0x1234_5678);
      for (let i = 0; i < N; i++) a = a.alignDown4K().wrappingAdd(0x1fffn);
    },
    opts,
  );

  bench(
    "PhysAddr#alignUp(0x20_0000n)",
    () => {
      const a = pa(0x1234_5678);
      for (let i = 0; i < N; i++) a.alignUp(0x20_0000n);
    },
    opts,
  );
});

describe(`arithmetic (${N} ops per sample)`, () => {
  bench(
    "PhysAddr#add(0x1000n)",
    () => {
      let a = PhysAddr.ZERO;
      for (let i = 0; i < N; i++) a = a.add(0x1000n);
    },
    opts,
  );

  bench(
    "PhysAddr#add(0x1000) (number)",
    () => {
      let a = PhysAddr.ZERO;
      for (let i = 0; i < N; i++) a = a.add(0x1000);
    },
    opts,
  );

  bench(
    "PhysAddr#wrappingAdd(0x1000n)",
    () => {
      let a = PhysAddr.ZERO;
      for (let i = 0; i < N; i++) a = a.wrappingAdd(0x1000n);
    },
    opts,
  );

  bench(
    "PhysAddr#checkedAdd(0x1000n)",
    () => {
      let a = PhysAddr.ZERO;
      for (let i = 0; i < N; i++) a = a.checkedAdd(0x1000n) ?? a;
    },
    opts,
  );

  bench(
    "PhysAddr.from(number)",
    () => {
      for (let i = 0; i < N; i++) PhysAddr.from(i);
    },
    opts,
  );

  bench(
    "PhysAddr#lt + subAddr",
    () => {
      const hi = pa(0x8000_0000);
      let s = 0n;
      for (let i = 0; i < N; i++) {
        const lo = pa(i);
        if (lo.lt(hi)) s += hi.subAddr(lo);
      }
      if (s < 0n) throw new Error("unreachable");
    },
    opts,
  );
});

describe(`ranges and pages (${N} ops per sample)`, () => {
  const range = AddrRange.fromStartSize(pa(0x8000_0000), 0x1000_0000);
  const probe = pa(0x8800_0000);

  bench(
    "AddrRange#contains",
    () => {
      for (let i = 0; i < N; i++) range.contains(probe);
    },
    opts,
  );

  bench(
    "PageIter4K over 100k pages",
    () => {
      let n = 0;
      for (const _ of PageIter4K.new(pa(0), pa(0x1000 * N))!) n++;
      if (n !== N) throw new Error("bad count");
    },
    opts,
  );
});
