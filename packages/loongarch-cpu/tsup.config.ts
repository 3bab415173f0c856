import type { Options } from "tsup";

const config: Options[] = [
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
    // the Node-only bin: ESM with a shebang; it imports the library entry above
    entry: { "bin/la64-user": "src/bin/la64-user.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "es2022",
    tsconfig: "tsconfig.bin.json",
    banner: { js: "#!/usr/bin/env node" },
  },
];

export default config;
