#!/usr/bin/env node
// `pnpm bench` (after the vitest benches): the compute benchmark guests of examples/guests, in one run, under
//   - the interpreter tier and the compiler (wasm JIT) tier of LoongArchVCpu, booted through AxVM (the VM path);
//   - qemu-system-loongarch64 -M virt -kernel (the same bare-metal ELFs);
//   - the library's linux-user runner (both tiers) and qemu-loongarch64 (the linux-user builds, same C source).
// Prints guest MIPS per guest and tier and the ratio to QEMU; writes .cache/bench/results.json for plotting.
//
// Usage: node scripts/bench.mjs [--runs N] [--qemu-reps N] [--out file] [guest ...]   (guests: list matrix ...)
// Needs the packages built (`pnpm build`); QEMU columns show "n/a" when QEMU is not installed.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { load, runVm, withReps } from "./lib/bench-vm.mjs";
import { hasTool, timeTool } from "./lib/timing.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const GUEST_DIR = join(ROOT, "examples/guests/elf");
const ALL = ["list", "matrix", "state", "crc", "sort", "hash"];
const METHOD = [
  "MIPS = guest instructions / wall time of the guest run, median of the runs.",
  "Our tiers: instructions retired by the vCPU (or linux-user CPU), timed from the first instruction to power-off/exit (VM creation and ELF load excluded; V8 warm-up included in the first run, hence the median).",
  "QEMU: QEMU has no instruction counter without -icount, so its instruction count is ours: every guest repeats its whole kernel bench_reps times from the same seed (a word the harness patches in a copy of the ELF), so a run with N repetitions executes exactly count(0) + N * (count(1) - count(0)) instructions, counted by our interpreter. QEMU's rate is N * (count(1) - count(0)) / (wall(N) - wall(0)): the N-repetition run minus the 0-repetition run (QEMU start-up, ELF load, printing, power-off), medians of the runs.",
];

function parseArgs(argv) {
  const o = { runs: 3, qemuReps: 32, out: join(ROOT, ".cache/bench/results.json"), guests: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--runs") o.runs = Number(argv[++i]);
    else if (a === "--qemu-reps") o.qemuReps = Number(argv[++i]);
    else if (a === "--out") o.out = resolve(argv[++i]);
    else if (a === "--help" || a === "-h") {
      console.log(
        "usage: node scripts/bench.mjs [--runs N] [--qemu-reps N] [--out results.json] [guest ...]",
      );
      console.log(`guests: ${ALL.join(" ")}`);
      process.exit(0);
    } else if (ALL.includes(a.replace(/^bench-/, ""))) o.guests.push(a.replace(/^bench-/, ""));
    else throw new Error(`unknown argument ${a}`);
  }
  if (!(o.runs >= 1) || !(o.qemuReps >= 1)) throw new Error("--runs and --qemu-reps must be >= 1");
  if (o.guests.length === 0) o.guests = ALL;
  return o;
}

const { LinuxUser } = await load("loongarch-cpu");

const median = (a) => {
  const b = [...a].sort((x, y) => x - y);
  return b.length === 0 ? Number.NaN : (b[(b.length - 1) >> 1] + b[b.length >> 1]) / 2;
};

/** Runs the linux-user ELF in-process on the library's linux-user runner. */
function runUser(elf, tier) {
  const out = [];
  const proc = LinuxUser.load(elf, {
    argv: ["bench"],
    cpuTier: tier,
    io: { stdout: (b) => out.push(...b), stderr: () => {} },
  });
  const t0 = performance.now();
  const r = proc.run();
  const ms = performance.now() - t0;
  if (r.status !== "exited" || r.exitCode !== 0)
    throw new Error(`linux-user guest ended with ${JSON.stringify(r)}`);
  return {
    ms,
    insns: r.instructions,
    tier: proc.cpu.tier ?? "interp",
    text: Buffer.from(out).toString("latin1"),
  };
}

const opts = parseArgs(process.argv.slice(2));
const tmp = mkdtempSync(join(tmpdir(), "axvisor-bench-"));
const haveQemuSystem = hasTool("qemu-system-loongarch64");
const haveQemuUser = hasTool("qemu-loongarch64");
const results = [];

try {
  for (const g of opts.guests) {
    const name = `bench-${g}`;
    const elf = new Uint8Array(readFileSync(join(GUEST_DIR, `${name}.elf`)));
    const userElf = new Uint8Array(readFileSync(join(GUEST_DIR, "linux-user", `${name}.elf`)));
    const row = { guest: g };
    const measure = (fn) => {
      const runs = [];
      for (let i = 0; i < opts.runs; i++) runs.push(fn());
      const ms = median(runs.map((r) => r.ms));
      return {
        insns: runs[0].insns,
        ms,
        mips: runs[0].insns / ms / 1000,
        // the fastest run: the least disturbed by other load on the host
        bestMips: runs[0].insns / Math.min(...runs.map((r) => r.ms)) / 1000,
        tier: runs[0].tier,
        text: runs[0].text,
      };
    };
    process.stderr.write(`${g}: `);
    // --- the VM path, both tiers ---
    const interp = measure(() => runVm(elf, "interp"));
    row.instructions = interp.insns;
    row.output = interp.text.trimEnd();
    row.interp = { ms: interp.ms, mips: interp.mips, bestMips: interp.bestMips };
    process.stderr.write("interp ");
    const jit = measure(() => runVm(elf, "jit"));
    if (jit.insns !== interp.insns)
      throw new Error(`${g}: jit ran ${jit.insns} instructions, interp ${interp.insns}`);
    if (jit.text !== interp.text) throw new Error(`${g}: jit output differs from the interpreter's`);
    row.jit = jit.tier === "jit" ? { ms: jit.ms, mips: jit.mips, bestMips: jit.bestMips } : null;
    process.stderr.write("jit ");
    // --- QEMU system mode: same ELF, instruction count from the repetition trick ---
    const count0 = runVm(withReps(elf, 0), "interp").insns;
    const perRep = interp.insns - count0;
    if (haveQemuSystem) {
      const big = join(tmp, `${name}-x${opts.qemuReps}.elf`);
      const zero = join(tmp, `${name}-x0.elf`);
      writeFileSync(big, withReps(elf, opts.qemuReps), { mode: 0o755 });
      writeFileSync(zero, withReps(elf, 0), { mode: 0o755 });
      const q = (file) =>
        timeTool("qemu-system-loongarch64", [
          "-M",
          "virt",
          "-m",
          "1G",
          "-nographic",
          "-no-reboot",
          "-kernel",
          file,
        ]);
      const one = q(join(GUEST_DIR, `${name}.elf`));
      if (one.text !== interp.text)
        throw new Error(`${g}: qemu-system-loongarch64 printed ${JSON.stringify(one.text)}`);
      const tBig = median(Array.from({ length: opts.runs }, () => q(big).ms));
      const tZero = median(Array.from({ length: opts.runs }, () => q(zero).ms));
      const insns = opts.qemuReps * perRep;
      row.qemuSystem = {
        reps: opts.qemuReps,
        instructions: insns,
        ms: tBig - tZero,
        baselineMs: tZero,
        mips: insns / (tBig - tZero) / 1000,
      };
    } else row.qemuSystem = null;
    process.stderr.write("qemu-system ");
    // --- linux-user builds: our runner (both tiers) and qemu-loongarch64 ---
    const uInterp = measure(() => runUser(userElf, "interp"));
    const uJit = measure(() => runUser(userElf, "jit"));
    if (uJit.insns !== uInterp.insns) throw new Error(`${g}: linux-user jit and interp counts differ`);
    row.userInstructions = uInterp.insns;
    row.userInterp = { ms: uInterp.ms, mips: uInterp.mips, bestMips: uInterp.bestMips };
    row.userJit = uJit.tier === "jit" ? { ms: uJit.ms, mips: uJit.mips, bestMips: uJit.bestMips } : null;
    if (haveQemuUser) {
      const uCount0 = runUser(withReps(userElf, 0), "interp").insns;
      const uPerRep = uInterp.insns - uCount0;
      const big = join(tmp, `${name}-user-x${opts.qemuReps}.elf`);
      const zero = join(tmp, `${name}-user-x0.elf`);
      writeFileSync(big, withReps(userElf, opts.qemuReps), { mode: 0o755 });
      writeFileSync(zero, withReps(userElf, 0), { mode: 0o755 });
      const one = timeTool("qemu-loongarch64", [join(GUEST_DIR, "linux-user", `${name}.elf`)]);
      if (one.text !== uInterp.text)
        throw new Error(`${g}: qemu-loongarch64 printed ${JSON.stringify(one.text)}`);
      const tBig = median(Array.from({ length: opts.runs }, () => timeTool("qemu-loongarch64", [big]).ms));
      const tZero = median(Array.from({ length: opts.runs }, () => timeTool("qemu-loongarch64", [zero]).ms));
      const insns = opts.qemuReps * uPerRep;
      row.qemuUser = {
        reps: opts.qemuReps,
        instructions: insns,
        ms: tBig - tZero,
        baselineMs: tZero,
        mips: insns / (tBig - tZero) / 1000,
      };
    } else row.qemuUser = null;
    process.stderr.write("user\n");
    results.push(row);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const f = (v) =>
  v === null || v === undefined || !Number.isFinite(v) ? "n/a" : v >= 100 ? v.toFixed(0) : v.toFixed(1);
const ratio = (a, b) => (a && b ? `${(a.mips / b.mips).toFixed(3)}` : "n/a");
const geo = (rows, key, field = "mips") => {
  const v = rows.map((r) => r[key]?.[field]).filter((x) => x > 0);
  return v.length === rows.length ? Math.exp(v.reduce((s, x) => s + Math.log(x), 0) / v.length) : Number.NaN;
};
const table = results.map((r) => ({
  guest: r.guest,
  "M insns": (r.instructions / 1e6).toFixed(1),
  "interp MIPS": f(r.interp.mips),
  "jit MIPS": f(r.jit?.mips),
  "qemu-system MIPS": f(r.qemuSystem?.mips),
  "interp/qemu": ratio(r.interp, r.qemuSystem),
  "jit/qemu": ratio(r.jit, r.qemuSystem),
  "user interp": f(r.userInterp.mips),
  "user jit": f(r.userJit?.mips),
  "qemu-user MIPS": f(r.qemuUser?.mips),
  "user jit/qemu-user": ratio(r.userJit, r.qemuUser),
}));
const summary = {};
for (const k of ["interp", "jit", "qemuSystem", "userInterp", "userJit", "qemuUser"])
  summary[k] = geo(results, k);
const best = {};
for (const k of ["interp", "jit", "userInterp", "userJit"]) best[k] = geo(results, k, "bestMips");
summary.best = best;
table.push({
  guest: "geomean",
  "M insns": "",
  "interp MIPS": f(summary.interp),
  "jit MIPS": f(summary.jit),
  "qemu-system MIPS": f(summary.qemuSystem),
  "interp/qemu": Number.isFinite(summary.interp / summary.qemuSystem)
    ? (summary.interp / summary.qemuSystem).toFixed(3)
    : "n/a",
  "jit/qemu": Number.isFinite(summary.jit / summary.qemuSystem)
    ? (summary.jit / summary.qemuSystem).toFixed(3)
    : "n/a",
  "user interp": f(summary.userInterp),
  "user jit": f(summary.userJit),
  "qemu-user MIPS": f(summary.qemuUser),
  "user jit/qemu-user": Number.isFinite(summary.userJit / summary.qemuUser)
    ? (summary.userJit / summary.qemuUser).toFixed(3)
    : "n/a",
});

console.log("\nCompute benchmark guests (examples/guests/src/bench-*.c): guest MIPS per tier");
console.table(table);
console.log(
  "interp, jit: AxVM + LoongArchVCpu (cpuTier); user interp/jit: the linux-user builds on LinuxUser; n/a: tier or tool unavailable.",
);
console.log(
  `fastest of ${opts.runs} runs (geomean MIPS): interp ${f(best.interp)}, jit ${f(best.jit)}, user interp ${f(best.userInterp)}, user jit ${f(best.userJit)}`,
);
for (const m of METHOD) console.log(`- ${m}`);
const doc = {
  date: new Date().toISOString(),
  host: { node: process.version, cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length },
  runs: opts.runs,
  method: METHOD,
  summary,
  results,
};
mkdirSync(dirname(opts.out), { recursive: true });
writeFileSync(opts.out, `${JSON.stringify(doc, null, 2)}\n`);
console.log(`results: ${opts.out}`);
