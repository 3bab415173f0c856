import type { AccessWidth } from "@axvisor/axaddrspace";

/** Mask of the low `w` bytes. */
export function widthMask(w: AccessWidth): bigint {
  return (1n << BigInt(w.size() * 8)) - 1n;
}

/**
 * Extends a `width`-byte value into a `regWidth`-byte register view, signed or unsigned, and returns
 * it zero-extended to 64 bits (the register receives exactly `regWidth` bytes of it).
 */
export function extendToRegister(
  value: bigint,
  width: AccessWidth,
  regWidth: AccessWidth,
  signed: boolean,
): bigint {
  const bits = BigInt(width.size() * 8);
  let v = value & ((1n << bits) - 1n);
  if (signed && (v >> (bits - 1n)) & 1n) v -= 1n << bits;
  return BigInt.asUintN(regWidth.size() * 8, v);
}
