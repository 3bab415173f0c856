// Guest MIPS of the interpreter on the committed C programs, and the ratio to qemu-loongarch64 on the
// same ELFs measured in the same run. QEMU has no instruction counter here, so its rate is the
// interpreter's instruction count divided by QEMU's wall time (process start included).
// Run: `pnpm bench` (all packages) or `cd packages/loongarch-cpu && pnpm exec vitest bench --run`.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, bench, describe } from "vitest";
import { LinuxUser } from "../src/index.js";

const PROGRAMS = ["sort", "hash", "bignum", "strings", "misc"];
const dir = join(import.meta.dirname, "../guests/elf");
const hasQemu = spawnSync("qemu-loongarch64", ["--version"]).status === 0;
const opts = { time: 1500, warmupTime: 500, warmupIterations: 2 };

interface Stat {
  insns: number;
  ms: number;
  runs: number;
  qemuMs: number;
  qemuRuns: number;
}
const stats = new Map<string, Stat>();
const stat = (p: string): Stat => {
  let s = stats.get(p);
  if (!s) {
    s = { insns: 0, ms: 0, runs: 0, qemuMs: 0, qemuRuns: 0 };
    stats.set(p, s);
  }
  return s;
};

function runInterpreter(name: string, elf: Uint8Array): void {
  const t0 = performance.now();
  const r = LinuxUser.load(elf, { io: { stdout: () => {}, stderr: () => {} } }).run();
  const s = stat(name);
  s.ms += performance.now() - t0;
  s.insns += r.instructions;
  s.runs++;
}

describe("linux-user C programs", () => {
  for (const name of PROGRAMS) {
    const file = join(dir, `${name}.elf`);
    const elf = new Uint8Array(readFileSync(file));
    bench(`interpreter ${name}`, () => runInterpreter(name, elf), opts);
    if (hasQemu) {
      bench(
        `qemu-loongarch64 ${name}`,
        () => {
          const t0 = performance.now();
          spawnSync("qemu-loongarch64", [file], { env: {} });
          const s = stat(name);
          s.qemuMs += performance.now() - t0;
          s.qemuRuns++;
        },
        opts,
      );
    }
  }
});

afterAll(() => {
  const rows: string[] = [];
  let insns = 0;
  let ms = 0;
  for (const [name, s] of stats) {
    if (s.runs === 0) continue;
    const perRun = s.insns / s.runs;
    const mips = s.insns / s.ms / 1000;
    const qemuMs = s.qemuRuns ? s.qemuMs / s.qemuRuns : Number.NaN;
    const qemuMips = perRun / qemuMs / 1000;
    insns += s.insns;
    ms += s.ms;
    rows.push(
      `${name.padEnd(8)} ${String(perRun).padStart(10)} insns  interpreter ${mips.toFixed(1).padStart(6)} MIPS  ` +
        `qemu ${qemuMs.toFixed(1).padStart(6)} ms/run = ${qemuMips.toFixed(0).padStart(5)} MIPS  ratio ${(mips / qemuMips).toFixed(3)}`,
    );
  }
  if (rows.length === 0) return;
  rows.push(`all      interpreter ${(insns / ms / 1000).toFixed(1)} MIPS (instruction-weighted)`);
  console.log(`\nLoongArch64 interpreter vs qemu-loongarch64 (same ELFs, same run)\n${rows.join("\n")}\n`);
});
