// Guest MIPS of both CPU tiers (interpreter, WebAssembly region compiler) on the committed C programs, and
// of qemu-loongarch64 on the same ELFs, measured in one run; plus a hot integer loop (no syscalls) that
// shows the compiler tier's steady state. QEMU has no instruction counter here, so its rate is our
// instruction count divided by its wall time (process start included). Every tier starts cold in every
// run (a fresh CPU: compile time is included). Results also go to bench-results/jit.json.
// Run: `cd packages/loongarch-cpu && pnpm exec vitest bench --run bench/jit.bench.ts`.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, bench, describe } from "vitest";
import { assemble, Cpu, LinuxUser, PagedMemory, Perm } from "../src/index.js";

const PROGRAMS = ["sort", "hash", "bignum", "strings", "misc"];
const TIERS = ["interp", "jit"] as const;
const dir = join(import.meta.dirname, "../guests/elf");
const hasQemu = spawnSync("qemu-loongarch64", ["--version"]).status === 0;
const opts = { time: 1000, warmupTime: 200, warmupIterations: 1 };

interface Stat {
  insns: number;
  ms: Record<string, number[]>;
}
const stats = new Map<string, Stat>();
const stat = (p: string): Stat => {
  let s = stats.get(p);
  if (!s) {
    s = { insns: 0, ms: { interp: [], jit: [], qemu: [] } };
    stats.set(p, s);
  }
  return s;
};
const median = (a: readonly number[] = []): number => {
  const b = [...a].sort((x, y) => x - y);
  return b.length === 0 ? Number.NaN : (b[(b.length - 1) >> 1]! + b[b.length >> 1]!) / 2;
};

const LOOP = assemble(
  `li.d $t0, 0
   li.d $t1, 20000000
   li.d $t2, 0x20000
  loop:
   addi.d $t0, $t0, 1
   xor $t3, $t3, $t0
   slli.d $t4, $t3, 3
   add.d $t3, $t4, $t0
   ld.d $t5, $t2, 0
   add.d $t5, $t5, $t3
   st.d $t5, $t2, 8
   bne $t0, $t1, loop
   break 0`,
  { base: 0x10000n },
);

function runLoop(tier: (typeof TIERS)[number]): void {
  const mem = new PagedMemory();
  mem.map(0x10000n, 0x1000, Perm.READ | Perm.EXEC);
  mem.map(0x20000n, 0x1000, Perm.READ | Perm.WRITE);
  mem.write(0x10000n, new Uint8Array(LOOP.buffer));
  const cpu = new Cpu(mem, { pc: 0x10000n, cpuTier: tier });
  const t0 = performance.now();
  while (cpu.run(1 << 30) === 0 && cpu.exception === undefined) {
    // budget stops only
  }
  const s = stat("loop");
  s.ms[tier]!.push(performance.now() - t0);
  s.insns = cpu.instructionCount;
}

describe("tiers on linux-user C programs", () => {
  for (const name of PROGRAMS) {
    const file = join(dir, `${name}.elf`);
    const elf = new Uint8Array(readFileSync(file));
    for (const tier of TIERS) {
      bench(
        `${tier} ${name}`,
        () => {
          const t0 = performance.now();
          const r = LinuxUser.load(elf, { cpuTier: tier, io: { stdout: () => {}, stderr: () => {} } }).run();
          const s = stat(name);
          s.ms[tier]!.push(performance.now() - t0);
          s.insns = r.instructions;
        },
        opts,
      );
    }
    if (hasQemu) {
      bench(
        `qemu-loongarch64 ${name}`,
        () => {
          const t0 = performance.now();
          spawnSync("qemu-loongarch64", [file], { env: {} });
          stat(name).ms["qemu"]!.push(performance.now() - t0);
        },
        opts,
      );
    }
  }
  for (const tier of TIERS)
    bench(`${tier} hot loop (160M insns)`, () => runLoop(tier), { ...opts, iterations: 2 });
});

afterAll(() => {
  const rows: string[] = [];
  const json: Record<string, unknown>[] = [];
  for (const [name, s] of stats) {
    const mips = (t: string) => s.insns / median(s.ms[t]) / 1000;
    const m = { interp: mips("interp"), jit: mips("jit"), qemu: mips("qemu") };
    json.push({
      program: name,
      instructions: s.insns,
      mips: m,
      jitOverInterp: m.jit / m.interp,
      jitOverQemu: m.jit / m.qemu,
    });
    rows.push(
      `${name.padEnd(8)} ${String(s.insns).padStart(10)} insns  interp ${m.interp.toFixed(1).padStart(7)}  ` +
        `jit ${m.jit.toFixed(1).padStart(7)}  qemu ${m.qemu.toFixed(1).padStart(7)} MIPS  ` +
        `jit/interp ${(m.jit / m.interp).toFixed(2)}  jit/qemu ${(m.jit / m.qemu).toFixed(3)}`,
    );
  }
  console.log(`\nguest MIPS by tier (medians)\n${rows.join("\n")}`);
  const out = join(import.meta.dirname, "../bench-results");
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, "jit.json"),
    `${JSON.stringify({ date: new Date().toISOString(), results: json }, null, 2)}\n`,
  );
});
