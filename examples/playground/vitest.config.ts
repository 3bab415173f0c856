import { defineProject } from "vitest/config";

// The e2e tests load the built site; globalSetup builds it when dist/ is missing or older than its sources.
export default defineProject({
  test: {
    name: "playground",
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    globalSetup: ["test/global-setup.ts"],
  },
});
