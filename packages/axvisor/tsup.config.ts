import { defineConfig, type Options } from "tsup";

// Annotated so the config type-checks under isolatedDeclarations (tsconfig.json covers *.ts too).
const config: Options[] = defineConfig([
  {
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "es2022",
    tsconfig: "tsconfig.build.json",
  },
  {
    // The Node-only CLI: ESM with a shebang, bundling only this package's own sources.
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    dts: false,
    sourcemap: true,
    clean: false,
    target: "node20",
    platform: "node",
    banner: { js: "#!/usr/bin/env node" },
  },
]) as Options[];

export default config;
