// The random-instruction differential fuzzer with a fixed seed (3 batches of 128 blocks). A longer run:
// `pnpm --filter @axvisor/loongarch-cpu fuzz [seed] [batches]`.
import { describe, expect, it } from "vitest";
import { fuzz, genBlock, patch, Rng, SLOTS } from "../helpers/fuzz.js";
import { toolAvailable } from "../helpers/tools.js";

const hasQemu = toolAvailable("qemu-loongarch64");

describe("fuzz generator", () => {
  it("is deterministic for a seed and fills at most one slot per block", () => {
    const a = genBlock(new Rng(7));
    const b = genBlock(new Rng(7));
    expect(a).toEqual(b);
    expect(a.words.length).toBeLessThanOrEqual(48);
    expect(patch(Array.from({ length: SLOTS }, () => a)).length).toBeGreaterThan(0);
  });
});

describe.skipIf(!hasQemu)("random instruction blocks: qemu-loongarch64 vs interpreter", () => {
  it("384 blocks from seed 20261125 agree", { timeout: 120_000 }, () => {
    const report = fuzz(20261125, 3);
    expect(report.blocks).toBe(384);
    expect(report.failures, report.failures.join("\n\n")).toEqual([]);
  });
});
