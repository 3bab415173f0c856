#!/usr/bin/env node
// Bundles the entry of every core package for the browser and fails on any Node built-in import.
// Core packages must run unchanged in browsers and workers; only @axvisor/axvisor's CLI may touch Node.
import { build } from "esbuild";

const CORE = ["memory-addr", "axaddrspace", "axvcpu", "axvm", "loongarch-cpu"];
let failed = 0;
for (const name of CORE) {
  const nodeImports = new Set();
  try {
    await build({
      entryPoints: [`packages/${name}/src/index.ts`],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
      plugins: [
        {
          name: "forbid-node",
          setup(b) {
            b.onResolve(
              {
                filter:
                  /^(node:|fs$|path$|os$|child_process$|process$|buffer$|url$|util$|crypto$|stream$|worker_threads$)/,
              },
              (args) => {
                nodeImports.add(
                  `${args.path} (imported by ${args.importer.replace(`${process.cwd()}/`, "")})`,
                );
                return { path: args.path, external: true };
              },
            );
          },
        },
      ],
    });
  } catch (err) {
    console.error(`${name}: browser bundle failed: ${err.message}`);
    failed++;
    continue;
  }
  if (nodeImports.size > 0) {
    console.error(`${name}: Node built-ins in a core package:\n  ${[...nodeImports].join("\n  ")}`);
    failed++;
  } else {
    console.log(`${name}: browser bundle OK, no Node built-ins`);
  }
}
process.exit(failed ? 1 : 0);
