#!/usr/bin/env node
// Reads the JSON report of the last `pnpm test` and prints the plain `N passed, N failed` line.
// In CI a skipped test counts as a failure: tests that need QEMU or clang must run there.
import { readFileSync } from "node:fs";

const path = process.argv[2] ?? ".cache/vitest-report.json";
let report;
try {
  report = JSON.parse(readFileSync(path, "utf8"));
} catch (err) {
  console.error(`test-summary: cannot read ${path}: ${err.message}`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
let failed = (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0);
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
if (process.env.CI === "true" && skipped > 0) {
  const names = [];
  for (const file of report.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status === "pending" || t.status === "skipped" || t.status === "todo") names.push(t.fullName);
    }
  }
  console.error(`test-summary: ${skipped} test(s) skipped under CI=true, which counts as failure:`);
  for (const n of names.slice(0, 50)) console.error(`  - ${n}`);
  failed += skipped;
}
if (passed === 0 && failed === 0) {
  console.error("test-summary: no test ran");
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
