/**
 * 64-bit integer helpers over int32 halves for the interpreter's rare operations (wide multiplies,
 * divisions, bit counts, CRC). Results go to the shared {@link R64} pair so nothing allocates.
 * Internal: not re-exported.
 *
 * @module
 */

/** Result of the last helper call: `R64[0]` = low half, `R64[1]` = high half (int32 each). */
export const R64: Int32Array = new Int32Array(2);

const TWO32 = 4294967296;

/** High 32 bits of the unsigned product of two 32-bit values. */
export function umulh32(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = ((a0 * b0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return (a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) | 0;
}

/** High 64 bits of the unsigned 128-bit product (a, b as lo/hi int32 pairs) into R64. */
export function mulhu64(alo: number, ahi: number, blo: number, bhi: number): void {
  // four 32x32 partial products as (lo, hi) uint32 pairs
  const p00h = umulh32(alo, blo) >>> 0;
  const p01l = Math.imul(alo, bhi) >>> 0;
  const p01h = umulh32(alo, bhi) >>> 0;
  const p10l = Math.imul(ahi, blo) >>> 0;
  const p10h = umulh32(ahi, blo) >>> 0;
  const p11l = Math.imul(ahi, bhi) >>> 0;
  const p11h = umulh32(ahi, bhi) >>> 0;
  const mid = p00h + p01l + p10l;
  const carry = Math.floor(mid / TWO32);
  const s = p11l + p01h + p10h + carry;
  R64[0] = s | 0;
  R64[1] = (p11h + Math.floor(s / TWO32)) | 0;
}

/** High 64 bits of the signed 128-bit product into R64. */
export function mulhs64(alo: number, ahi: number, blo: number, bhi: number): void {
  mulhu64(alo, ahi, blo, bhi);
  let lo = R64[0]!;
  let hi = R64[1]!;
  // signed high = unsigned high - (a < 0 ? b : 0) - (b < 0 ? a : 0)  (mod 2^64)
  if (ahi < 0) {
    const nlo = (lo - blo) | 0;
    hi = (hi - bhi - (lo >>> 0 < blo >>> 0 ? 1 : 0)) | 0;
    lo = nlo;
  }
  if (bhi < 0) {
    const nlo = (lo - alo) | 0;
    hi = (hi - ahi - (lo >>> 0 < alo >>> 0 ? 1 : 0)) | 0;
    lo = nlo;
  }
  R64[0] = lo;
  R64[1] = hi;
}

function toBig(lo: number, hi: number): bigint {
  return (BigInt(hi) << 32n) | BigInt(lo >>> 0);
}
function fromBig(v: bigint): void {
  R64[0] = Number(BigInt.asIntN(32, v));
  R64[1] = Number(BigInt.asIntN(32, v >> 32n));
}

/**
 * 64-bit division and remainder with QEMU's results for the architecturally undefined cases: a zero
 * divisor behaves like 1 (x / 0 = x, x % 0 = 0), and INT64_MIN / -1 = INT64_MIN, INT64_MIN % -1 = 0.
 * Result into R64.
 *
 * @param op - 0 div.d, 1 mod.d, 2 div.du, 3 mod.du.
 */
export function div64(op: number, alo: number, ahi: number, blo: number, bhi: number): void {
  // Small operands (both sign-extended 32-bit values, signed ops) take the number path.
  if (blo === 0 && bhi === 0) {
    // QEMU: divisor 0 is replaced by 1, so div gives the dividend and mod gives 0
    if (op === 0 || op === 2) {
      R64[0] = alo;
      R64[1] = ahi;
    } else {
      R64[0] = 0;
      R64[1] = 0;
    }
    return;
  }
  if (op < 2) {
    if (ahi === alo >> 31 && bhi === blo >> 31) {
      const q = op === 0 ? Math.trunc(alo / blo) : alo % blo;
      R64[0] = q | 0;
      R64[1] = Math.floor(q / TWO32) | 0;
      return;
    }
    const a = toBig(alo, ahi);
    const b = toBig(blo, bhi);
    if (b === -1n) {
      // INT64_MIN / -1 overflows: QEMU gives INT64_MIN (and 0 for the remainder)
      fromBig(op === 0 ? -a : 0n);
      return;
    }
    fromBig(op === 0 ? a / b : a % b);
    return;
  }
  if (ahi === 0 && bhi === 0) {
    const a = alo >>> 0;
    const b = blo >>> 0;
    R64[0] = (op === 2 ? Math.floor(a / b) : a % b) | 0;
    R64[1] = 0;
    return;
  }
  const a = BigInt.asUintN(64, toBig(alo, ahi));
  const b = BigInt.asUintN(64, toBig(blo, bhi));
  fromBig(op === 2 ? a / b : a % b);
}

/** Count of leading zeros of a 64-bit value. */
export function clz64(lo: number, hi: number): number {
  return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
}

/** Count of trailing zeros of a 32-bit value (32 for 0). */
export function ctz32(x: number): number {
  return x === 0 ? 32 : 31 - Math.clz32(x & -x);
}

/** Reverses the bits of a 32-bit value. */
export function bitrev32(x: number): number {
  let v = x;
  v = ((v >>> 1) & 0x55555555) | ((v & 0x55555555) << 1);
  v = ((v >>> 2) & 0x33333333) | ((v & 0x33333333) << 2);
  v = ((v >>> 4) & 0x0f0f0f0f) | ((v & 0x0f0f0f0f) << 4);
  v = ((v >>> 8) & 0x00ff00ff) | ((v & 0x00ff00ff) << 8);
  return (v >>> 16) | (v << 16) | 0;
}

/** Reverses the bits inside each byte of a 32-bit value. */
export function bitrevBytes32(x: number): number {
  let v = x;
  v = ((v >>> 1) & 0x55555555) | ((v & 0x55555555) << 1);
  v = ((v >>> 2) & 0x33333333) | ((v & 0x33333333) << 2);
  return ((v >>> 4) & 0x0f0f0f0f) | ((v & 0x0f0f0f0f) << 4) | 0;
}

/** Byte-swaps a 32-bit value. */
export function bswap32(x: number): number {
  return (x >>> 24) | ((x >>> 8) & 0xff00) | ((x & 0xff00) << 8) | (x << 24) | 0;
}

/** Swaps the bytes inside each halfword of a 32-bit value. */
export function bswapHalves32(x: number): number {
  return ((x >>> 8) & 0x00ff00ff) | ((x & 0x00ff00ff) << 8) | 0;
}

function crcTable(poly: number): Int32Array {
  const t = new Int32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ poly : c >>> 1;
    t[i] = c;
  }
  return t;
}
const CRC32 = crcTable(0xedb88320);
const CRC32C = crcTable(0x82f63b78);

/**
 * The `crc.w.*.w` / `crcc.w.*.w` update: reflected CRC of the low `bytes` bytes of (lo, hi) with state
 * `state`, no pre/post inversion. Returns the new state as int32.
 */
export function crcUpdate(castagnoli: boolean, lo: number, hi: number, bytes: number, state: number): number {
  const t = castagnoli ? CRC32C : CRC32;
  let c = state;
  for (let i = 0; i < bytes; i++) {
    const b = i < 4 ? (lo >>> (8 * i)) & 0xff : (hi >>> (8 * (i - 4))) & 0xff;
    c = t[(c ^ b) & 0xff]! ^ (c >>> 8);
  }
  return c | 0;
}
