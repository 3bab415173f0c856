import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bitrev32,
  bswap32,
  clz64,
  crcUpdate,
  ctz32,
  div64,
  mulhu64,
  R64,
  umulh32,
} from "../../src/cpu/int64.js";

const pair = (v: bigint): [number, number] => [
  Number(BigInt.asIntN(32, v)),
  Number(BigInt.asIntN(32, v >> 32n)),
];
const back = () => (BigInt(R64[1]! >>> 0) << 32n) | BigInt(R64[0]! >>> 0);
const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });

describe("int64 helpers", () => {
  it("umulh32 and mulhu64 match BigInt products", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 0xffffffff }),
        (a, b) => {
          expect(umulh32(a | 0, b | 0) >>> 0).toBe(Number((BigInt(a) * BigInt(b)) >> 32n));
        },
      ),
    );
    fc.assert(
      fc.property(u64, u64, (a, b) => {
        mulhu64(...pair(a), ...pair(b));
        expect(back()).toBe((a * b) >> 64n);
      }),
    );
  });
  it("div64 follows QEMU for zero divisors and overflow", () => {
    div64(0, ...pair(-(1n << 63n)), ...pair(-1n));
    expect(back()).toBe(1n << 63n);
    div64(3, ...pair(5n), 0, 0);
    expect(back()).toBe(0n);
    div64(2, ...pair(7n), 0, 0);
    expect(back()).toBe(7n);
    fc.assert(
      fc.property(
        u64,
        u64.filter((b) => b !== 0n),
        (a, b) => {
          div64(2, ...pair(a), ...pair(b));
          expect(back()).toBe(a / b);
          div64(1, ...pair(a), ...pair(b));
          const sa = BigInt.asIntN(64, a);
          const sb = BigInt.asIntN(64, b);
          expect(back()).toBe(sb === -1n ? 0n : BigInt.asUintN(64, sa % sb));
        },
      ),
    );
  });
  it("bit counts, reversals and CRC", () => {
    expect(clz64(0, 0)).toBe(64);
    expect(clz64(1, 0)).toBe(63);
    expect(ctz32(0)).toBe(32);
    expect(ctz32(8)).toBe(3);
    expect(bitrev32(1) >>> 0).toBe(0x80000000);
    expect(bswap32(0x11223344) >>> 0).toBe(0x44332211);
    // CRC-32("a") = 0xe8b7be43 with the usual pre/post inversion
    expect(~crcUpdate(false, 0x61, 0, 1, -1) >>> 0).toBe(0xe8b7be43);
  });
});
