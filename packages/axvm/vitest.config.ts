import { defineProject, type UserWorkspaceConfig } from "vitest/config";

// Annotated so the config type-checks under isolatedDeclarations (tsconfig.json covers *.ts too).
const config: UserWorkspaceConfig = defineProject({
  test: {
    name: "axvm",
    include: ["test/**/*.test.ts"],
    // Generous: CI shares two cores between QEMU, tsc and the property tests.
    testTimeout: 60_000,
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
    benchmark: { include: ["bench/**/*.bench.ts"] },
  },
});

export default config;
