#!/usr/bin/env node
// Wall time of booting the examples/linux kernel to power-off: `axvisor run --kernel vmlinux` under each CPU
// tier beside qemu-system-loongarch64 on the same kernel, in one run. Prints medians and ratios and writes
// .cache/bench/linux-boot.json. Usage: node scripts/bench-linux.mjs [runs]   (the last step of `pnpm bench`;
// skipped when the kernel is not built: examples/linux/build.sh)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { timeTool } from "./lib/timing.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "packages/axvisor/dist/cli.js");
const runs = Number(process.argv[2] ?? 5);
const dir = spawnSync("sh", [join(ROOT, "examples/linux/build.sh"), "--print-dir"], {
  encoding: "utf8",
}).stdout.trim();
const kernel = join(dir, "vmlinux");
if (!existsSync(kernel)) {
  // part of `pnpm bench`: without the kernel there is nothing to time, which is not an error
  console.log(`bench-linux: skipped, ${kernel} is not built (examples/linux/build.sh builds it)`);
  process.exit(0);
}
if (!existsSync(CLI)) {
  console.error(`bench-linux: ${CLI} is missing; run pnpm build first`);
  process.exit(2);
}

/** Median wall time in ms of `runs` runs, or the reason it cannot run. */
function time(cmd, args) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    let r;
    try {
      r = timeTool(cmd, args);
    } catch (e) {
      return { error: e.message.split("\n").slice(0, 2).join(" / ") };
    }
    if (!r.text.includes("hello from init")) return { error: "the kernel did not reach its /init" };
    times.push(r.ms);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)], minMs: times[0], maxMs: times[times.length - 1] };
}

const rows = {
  "qemu-system-loongarch64": time("qemu-system-loongarch64", [
    "-M",
    "virt",
    "-m",
    "1G",
    "-nographic",
    "-no-reboot",
    "-kernel",
    kernel,
  ]),
};
for (const tier of ["interp", "jit"]) {
  const help = spawnSync(process.execPath, [CLI, "run", "--help"], { encoding: "utf8" }).stdout;
  rows[`axvisor --cpu-tier ${tier}`] = help.includes("--cpu-tier")
    ? time(process.execPath, [CLI, "run", "--kernel", kernel, "--cpu-tier", tier])
    : tier === "interp"
      ? time(process.execPath, [CLI, "run", "--kernel", kernel])
      : { error: "this build has no --cpu-tier option" };
}
const qemuMs = rows["qemu-system-loongarch64"].medianMs;
console.log(`Linux 6.12 boot to power-off, median of ${runs} runs (wall time, process start included)`);
console.log("runner                        median ms   min ms   max ms   x QEMU");
for (const [name, r] of Object.entries(rows)) {
  if (r.error !== undefined) {
    console.log(`${name.padEnd(28)}  n/a (${r.error})`);
    continue;
  }
  const ratio = qemuMs === undefined ? "n/a" : (r.medianMs / qemuMs).toFixed(2);
  r.ratioToQemu = qemuMs === undefined ? undefined : r.medianMs / qemuMs;
  console.log(
    `${name.padEnd(28)}  ${r.medianMs.toFixed(0).padStart(9)}  ${r.minMs.toFixed(0).padStart(7)}  ${r.maxMs.toFixed(0).padStart(7)}  ${ratio.padStart(7)}`,
  );
}
mkdirSync(join(ROOT, ".cache/bench"), { recursive: true });
const out = join(ROOT, ".cache/bench/linux-boot.json");
writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), runs, kernel, rows }, null, 2)}\n`);
console.log(`results: ${out}`);
