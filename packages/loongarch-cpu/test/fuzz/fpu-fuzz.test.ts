// The FP differential fuzzer with a fixed seed: random F/D instruction blocks (edge values, all rounding
// modes) against qemu-loongarch64. A longer run: `pnpm --filter @axvisor/loongarch-cpu fuzz [seed]
// [batches] fp`.
import { describe, expect, it } from "vitest";
import { fuzzFp, genFpBlock, Rng } from "../helpers/fuzz.js";
import { toolAvailable } from "../helpers/tools.js";

const hasQemu = toolAvailable("qemu-loongarch64");

describe("FP fuzz generator", () => {
  it("is deterministic for a seed and fits a slot", () => {
    const a = genFpBlock(new Rng(3));
    expect(a).toEqual(genFpBlock(new Rng(3)));
    expect(a.words.length).toBeLessThanOrEqual(48);
  });
});

describe.skipIf(!hasQemu)("random FP blocks: qemu-loongarch64 vs interpreter", () => {
  it("256 blocks from seed 20261125 agree", { timeout: 120_000 }, () => {
    const report = fuzzFp(20261125, 2);
    expect(report.blocks).toBe(256);
    expect(report.failures, report.failures.join("\n\n")).toEqual([]);
  });
});
