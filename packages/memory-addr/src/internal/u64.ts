// Conversions and checks shared by every module. Kept internal: the public API exposes only the
// results (`U64_MAX`, RangeErrors with clear messages).

/** 2^64 - 1, the largest u64. */
export const U64_MAX_VALUE: bigint = (1n << 64n) - 1n;
/** The smallest i64 (Rust `isize::MIN` on a 64-bit target). */
export const I64_MIN: bigint = -(1n << 63n);
/** The largest i64 (Rust `isize::MAX` on a 64-bit target). */
export const I64_MAX: bigint = (1n << 63n) - 1n;

/** Formats a bigint as `0x…` for error messages. */
export function hex(v: bigint): string {
  return v < 0n ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`;
}

/**
 * Converts an unsigned argument (bigint, or a non-negative safe-integer number) to a u64 bigint.
 * Throws RangeError (TypeError for a non-numeric value) so misuse is never silently truncated.
 */
export function toU64(x: bigint | number, what: string): bigint {
  if (typeof x === "bigint") {
    if (x < 0n || x > U64_MAX_VALUE) {
      throw new RangeError(`${what} must be in 0..=0xffffffffffffffff, got ${hex(x)}`);
    }
    return x;
  }
  if (typeof x !== "number") {
    throw new TypeError(`${what} must be a bigint or a number, got ${typeof x}`);
  }
  if (!Number.isSafeInteger(x) || x < 0) {
    throw new RangeError(`${what} must be a non-negative safe integer or a bigint, got ${x}`);
  }
  return BigInt(x);
}

/** Converts a signed argument (bigint, or a safe-integer number) to an i64 bigint. */
export function toI64(x: bigint | number, what: string): bigint {
  if (typeof x === "bigint") {
    if (x < I64_MIN || x > I64_MAX) {
      throw new RangeError(`${what} must fit in a signed 64-bit integer, got ${hex(x)}`);
    }
    return x;
  }
  if (typeof x !== "number") {
    throw new TypeError(`${what} must be a bigint or a number, got ${typeof x}`);
  }
  if (!Number.isSafeInteger(x)) {
    throw new RangeError(`${what} must be a safe integer or a bigint, got ${x}`);
  }
  return BigInt(x);
}

/** True for 1, 2, 4, … 2^63 (the input is already a u64). */
export function isPowerOfTwo(a: bigint): boolean {
  return a !== 0n && (a & (a - 1n)) === 0n;
}

/** Converts and validates an alignment: a u64 power of two, else RangeError. */
export function toAlign(x: bigint | number): bigint {
  const a = toU64(x, "alignment");
  if (!isPowerOfTwo(a)) {
    throw new RangeError(`alignment must be a power of two, got ${hex(a)}`);
  }
  return a;
}
