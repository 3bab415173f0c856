// The build every @axvisor package shares: the library entry as ESM + CJS with .d.ts, and optionally
// Node-only executables (ESM with a shebang) beside it.
import type { Options } from "tsup";

/** The library build of a package (src/index.ts → dist/index.{js,cjs,d.ts}). */
export const library: Options = {
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  tsconfig: "tsconfig.build.json",
};

/**
 * A Node-only executable next to the library.
 *
 * @param entry - Output name (relative to dist, without extension) → source file.
 * @param tsconfig - The tsconfig that type-checks it (it may use Node's types).
 * @returns Its tsup options.
 */
export function executable(entry: Record<string, string>, tsconfig: string): Options {
  return {
    entry,
    format: ["esm"],
    dts: false,
    sourcemap: true,
    clean: false,
    target: "node20",
    platform: "node",
    tsconfig,
    banner: { js: "#!/usr/bin/env node" },
  };
}
