// Longer differential fuzzing run on demand:
//   pnpm --filter @axvisor/loongarch-cpu fuzz [seed] [batches] [fp]
// (defaults: a time-based seed, 20 batches of 128 blocks; `fp` fuzzes F/D instruction blocks instead of
// integer ones). Prints shrunk reproducers for mismatches and exits 1 if there were any.
import { fuzz, fuzzFp, SLOTS } from "../test/helpers/fuzz.js";

const seed = Number(process.argv[2] ?? Date.now() % 1_000_000_007);
const batches = Number(process.argv[3] ?? 20);
const t0 = performance.now();
const report = process.argv[4] === "fp" ? fuzzFp(seed, batches) : fuzz(seed, batches);
const secs = ((performance.now() - t0) / 1000).toFixed(1);
for (const f of report.failures) console.log(`${f}\n`);
console.log(
  `fuzz: seed ${seed}, ${report.blocks} blocks (${batches} x ${SLOTS}), ${report.failures.length} mismatches, ${secs} s`,
);
process.exitCode = report.failures.length > 0 ? 1 : 0;
