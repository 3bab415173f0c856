// Shared fast-check arbitraries covering the whole u64 range, with extra weight on the edges
// (0, small values, values near 2^64) where overflow bugs live.
import fc from "fast-check";

export const U64_MAX: bigint = (1n << 64n) - 1n;
export const I64_MIN: bigint = -(1n << 63n);
export const I64_MAX: bigint = (1n << 63n) - 1n;

export const u64: fc.Arbitrary<bigint> = fc.oneof(
  fc.bigInt({ min: 0n, max: U64_MAX }),
  fc.bigInt({ min: 0n, max: 0x1_0000n }),
  fc.bigInt({ min: U64_MAX - 0x1_0000n, max: U64_MAX }),
  fc.constantFrom(0n, 1n, U64_MAX, U64_MAX - 1n, 1n << 63n, (1n << 63n) - 1n),
);

export const i64: fc.Arbitrary<bigint> = fc.oneof(
  fc.bigInt({ min: I64_MIN, max: I64_MAX }),
  fc.bigInt({ min: -0x1_0000n, max: 0x1_0000n }),
  fc.constantFrom(0n, 1n, -1n, I64_MIN, I64_MAX),
);

/** Powers of two 2^0 … 2^63 (every valid u64 alignment). */
export const pow2: fc.Arbitrary<bigint> = fc.integer({ min: 0, max: 63 }).map((k) => 1n << BigInt(k));

/** u64 values that are not powers of two. */
export const nonPow2: fc.Arbitrary<bigint> = u64.filter((a) => a === 0n || (a & (a - 1n)) !== 0n);
