// Vitest setup file. With LA_CPU_TIER=jit (the second CI pass over test/vcpu, see .ci/run) the vCPU suites
// run on the compiler tier, and the tier compiles a page after a few hundred instructions instead of
// 200 000: the test guests are short, and with the default threshold nearly nothing would be compiled.
import { jitTuning } from "../../src/jit/jit-tier.js";

if (process.env["LA_CPU_TIER"] === "jit") {
  jitTuning.hotThreshold = 2;
  jitTuning.hotInstructions = Number(process.env["LA_JIT_HOT"] ?? 256);
}
