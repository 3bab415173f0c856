// Every TSDoc and README example of the package type-checks and runs.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describeDocExamples } from "../../../test-utils/doc-examples.js";

describeDocExamples({
  packageDir: resolve(dirname(fileURLToPath(import.meta.url)), ".."),
  minExamples: 21,
  outputs: "none",
});
