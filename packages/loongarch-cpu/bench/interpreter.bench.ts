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

// Per program: the instruction count, and every run's time (warm-up runs included, so the report uses
// medians, which the few cold runs do not move).
interface Stat {
  insns: number;
  ms: number[];
  qemuMs: number[];
}
const stats = new Map<string, Stat>();
const stat = (p: string): Stat => {
  let s = stats.get(p);
  if (!s) {
    s = { insns: 0, ms: [], qemuMs: [] };
    stats.set(p, s);
  }
  return s;
};
const median = (a: readonly number[]): number => {
  const b = [...a].sort((x, y) => x - y);
  return b.length === 0 ? Number.NaN : (b[(b.length - 1) >> 1]! + b[b.length >> 1]!) / 2;
};

function runInterpreter(name: string, elf: Uint8Array): void {
  const t0 = performance.now();
  const r = LinuxUser.load(elf, { io: { stdout: () => {}, stderr: () => {} } }).run();
  const s = stat(name);
  s.ms.push(performance.now() - t0);
  s.insns = r.instructions;
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
          stat(name).qemuMs.push(performance.now() - t0);
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
  let qemuMs = 0;
  for (const [name, s] of stats) {
    if (s.ms.length === 0) continue;
    const t = median(s.ms);
    const q = median(s.qemuMs);
    const mips = s.insns / t / 1000;
    const qemuMips = s.insns / q / 1000;
    insns += s.insns;
    ms += t;
    qemuMs += q;
    rows.push(
      `${name.padEnd(8)} ${String(s.insns).padStart(9)} insns  interpreter ${mips.toFixed(1).padStart(6)} MIPS  ` +
        `qemu ${q.toFixed(1).padStart(6)} ms = ${qemuMips.toFixed(0).padStart(5)} MIPS  ratio ${(mips / qemuMips).toFixed(3)}`,
    );
  }
  if (rows.length === 0) return;
  const all = insns / ms / 1000;
  const allQemu = insns / qemuMs / 1000;
  rows.push(
    `all      ${String(insns).padStart(9)} insns  interpreter ${all.toFixed(1).padStart(6)} MIPS  qemu ${allQemu.toFixed(0)} MIPS  ratio ${(all / allQemu).toFixed(3)}`,
  );
  console.log(
    `\nLoongArch64 interpreter vs qemu-loongarch64 (same ELFs, same run; medians)\n${rows.join("\n")}\n`,
  );
});
