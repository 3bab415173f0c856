import { describe, expect, it } from "vitest";
import { StopReason } from "../../src/index.js";

describe("StopReason", () => {
  it("has three distinct reasons, BUDGET being 0", () => {
    expect(StopReason.BUDGET).toBe(0);
    expect(new Set([StopReason.BUDGET, StopReason.EXCEPTION, StopReason.MMIO]).size).toBe(3);
  });
});
