import { defineConfig } from "vitest/config";

// One run over every package, so the summary adds up the whole family. The JSON report feeds the
// `N passed, N failed` line that `.ci/run` prints.
export default defineConfig({
  test: {
    projects: ["packages/*", "examples/playground"],
    reporters: ["default", ["json", { outputFile: ".cache/vitest-report.json" }]],
  },
});
