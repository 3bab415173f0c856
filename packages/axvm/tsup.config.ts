import { defineConfig, type Options } from "tsup";

// Annotated so the config type-checks under isolatedDeclarations (tsconfig.json covers *.ts too).
const config: Options = defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  tsconfig: "tsconfig.build.json",
}) as Options;

export default config;
