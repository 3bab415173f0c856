/** Converts a size argument to bigint, rejecting unsafe numbers. */
export function toBigSize(size: bigint | number): bigint {
  if (typeof size === "bigint") return size;
  if (!Number.isSafeInteger(size)) throw new RangeError("size must be a safe integer");
  return BigInt(size);
}
