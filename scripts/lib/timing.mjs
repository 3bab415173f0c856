// Shared by the benchmark scripts: run a tool, time it, and say whether a tool is installed.
import { spawnSync } from "node:child_process";

/** Whether `tool --version` runs. */
export function hasTool(tool) {
  return spawnSync(tool, ["--version"], { encoding: "utf8" }).status === 0;
}

/** Runs `cmd args` with an empty stdin; returns its wall time in ms and its stdout (latin1). Throws on failure. */
export function timeTool(cmd, args) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { input: "", maxBuffer: 1 << 24, timeout: 600_000 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.status} ${r.stderr}`);
  return { ms, text: r.stdout.toString("latin1") };
}
