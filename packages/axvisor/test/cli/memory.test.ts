// Host memory of a large, mostly untouched VM: `axvisor run examples/vms/memtouch.toml` (1 GiB of guest RAM, of which
// the guest stores to 16 MiB) in a child Node process must peak below 150 MiB of host RSS, because guest RAM is
// allocated on first touch. The child reports its own peak (process.resourceUsage().maxRSS, in KiB) when it exits.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const PKG = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const ROOT = resolve(PKG, "../..");
const CLI = join(PKG, "dist/cli.js");
const LIMIT_MIB = 150;

function runMeasured(config: string): { stdout: string; status: number | null; maxRssMiB: number } {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the package before the CLI tests`);
  const script = [
    'process.on("exit", () => process.stderr.write("maxRSS=" + process.resourceUsage().maxRSS + "\\n"));',
    `process.argv = [process.argv[0], ${JSON.stringify(CLI)}, "run", ${JSON.stringify(config)}];`,
    `import(${JSON.stringify(`file://${CLI}`)});`,
  ].join("\n");
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
  });
  const m = /maxRSS=(\d+)/.exec(r.stderr);
  if (!m) throw new Error(`no maxRSS report from the child: ${r.stderr}`);
  return { stdout: r.stdout, status: r.status, maxRssMiB: Number(m[1]) / 1024 };
}

describe("host memory", () => {
  it(`a 1 GiB VM that touches 16 MiB stays under ${LIMIT_MIB} MiB of host RSS`, () => {
    const r = runMeasured("examples/vms/memtouch.toml");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("touched 16 MiB, sum 0x000005b80025a000\r\n");
    console.log(`memtouch.toml (1 GiB RAM, 16 MiB touched): peak RSS ${r.maxRssMiB.toFixed(1)} MiB`);
    expect(r.maxRssMiB).toBeLessThan(LIMIT_MIB);
  });
});
