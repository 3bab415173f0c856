import { describe, expect, it } from "vitest";
import { MappingFlags } from "../src/index.js";

describe("MappingFlags", () => {
  it("has the Rust bit values", () => {
    expect([
      MappingFlags.READ,
      MappingFlags.WRITE,
      MappingFlags.EXECUTE,
      MappingFlags.USER,
      MappingFlags.DEVICE,
      MappingFlags.UNCACHED,
    ]).toEqual([1, 2, 4, 8, 16, 32]);
    expect(MappingFlags.empty).toBe(0);
    expect(MappingFlags.all).toBe(63);
  });
  it("contains / intersects / format", () => {
    const rw = MappingFlags.READ | MappingFlags.WRITE;
    expect(MappingFlags.contains(rw, MappingFlags.READ)).toBe(true);
    expect(MappingFlags.contains(rw, MappingFlags.READ | MappingFlags.EXECUTE)).toBe(false);
    expect(MappingFlags.contains(rw, 0)).toBe(true);
    expect(MappingFlags.intersects(rw, MappingFlags.EXECUTE)).toBe(false);
    expect(MappingFlags.format(rw)).toBe("READ | WRITE");
    expect(MappingFlags.format(0)).toBe("empty");
    expect(MappingFlags.format(MappingFlags.DEVICE | 0x40)).toBe("DEVICE | 0x40");
  });
});
