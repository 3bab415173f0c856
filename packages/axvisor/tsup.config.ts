import type { Options } from "tsup";
import { executable, library } from "../../tsup.shared.js";

// The Node-only CLI bundles only this package's own sources.
const config: Options[] = [library, executable({ cli: "src/cli/main.ts" }, "tsconfig.json")];
export default config;
