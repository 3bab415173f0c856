import type { Options } from "tsup";
import { library } from "../../tsup.shared.js";

const config: Options = library;
export default config;
