// Every TSDoc and README example of the package type-checks, runs and prints what its comments say.
// The Node-only bin has no examples of its own; its behaviour is covered by test/bin/.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describeDocExamples } from "../../../test-utils/doc-examples.js";

describeDocExamples({
  packageDir: resolve(dirname(fileURLToPath(import.meta.url)), ".."),
  minExamples: 150,
  outputs: "strict",
  exclude: (path) => path.startsWith("src/bin/"),
});
