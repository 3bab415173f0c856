// Every TSDoc and README example of the package type-checks, runs and prints what its comments say.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describeDocExamples } from "../../../test-utils/doc-examples.js";

describeDocExamples({
  packageDir: resolve(dirname(fileURLToPath(import.meta.url)), ".."),
  minExamples: 80,
  outputs: "strict",
});
