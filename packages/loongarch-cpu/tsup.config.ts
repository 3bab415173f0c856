import type { Options } from "tsup";
import { executable, library } from "../../tsup.shared.js";

// The Node-only bin imports the library entry above it.
const config: Options[] = [
  library,
  executable({ "bin/la64-user": "src/bin/la64-user.ts" }, "tsconfig.bin.json"),
];
export default config;
