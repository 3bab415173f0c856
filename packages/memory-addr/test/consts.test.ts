import { describe, expect, it } from "vitest";
import { PAGE_SIZE_1G, PAGE_SIZE_2M, PAGE_SIZE_4K, U64_MAX } from "../src/index.js";

describe("constants", () => {
  it("match the Rust crate", () => {
    expect(PAGE_SIZE_4K).toBe(0x1000n);
    expect(PAGE_SIZE_2M).toBe(0x20_0000n);
    expect(PAGE_SIZE_1G).toBe(0x4000_0000n);
    expect(U64_MAX).toBe(0xffff_ffff_ffff_ffffn);
    expect(U64_MAX).toBe(2n ** 64n - 1n);
  });
});
