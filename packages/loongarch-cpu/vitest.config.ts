import { defineProject, type UserWorkspaceConfig } from "vitest/config";

// Annotated so the config type-checks under isolatedDeclarations (tsconfig.json covers *.ts too).
const config: UserWorkspaceConfig = defineProject({
  test: {
    name: "loongarch-cpu",
    include: ["test/**/*.test.ts"],
    // Generous: CI shares two cores between QEMU, tsc and the property tests.
    testTimeout: 60_000,
    // LA_CPU_TIER=jit: the vCPU suites on the compiler tier with a low hotness threshold
    setupFiles: ["test/helpers/tier-setup.ts"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
    benchmark: { include: ["bench/**/*.bench.ts"] },
  },
});

export default config;
