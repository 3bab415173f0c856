#!/usr/bin/env node
// Steady-state guest MIPS of the compute guests (examples/guests/elf/bench-*.elf) on the VM path (AxVM +
// LoongArchVCpu) under each execution tier. Each guest's kernel runs --reps times (the REPS word of a copy
// of the ELF is patched, as scripts/bench.mjs does for QEMU), one process per run so every run starts
// cold; the rate is instructions retired over the wall time from the first instruction to power-off.
// `pnpm bench` (scripts/bench.mjs) is the full comparison with QEMU; this one shows the steady state.
//
// Usage (after `pnpm build`): node bench/vcpu-tiers.mjs [--reps N] [--tier interp|jit|both] [guest ...]
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const ELF_DIR = join(HERE, "../../../examples/guests/elf");
const ALL = ["list", "matrix", "state", "crc", "sort", "hash"];

async function child(name, tier, reps) {
  // the VM and the repetition patch that `pnpm bench` uses (scripts/lib/bench-vm.mjs)
  const { runVm, withReps } = await import("../../../scripts/lib/bench-vm.mjs");
  const elf = new Uint8Array(readFileSync(join(ELF_DIR, `bench-${name}.elf`)));
  const r = runVm(withReps(elf, reps), tier);
  console.log(JSON.stringify({ name, tier: r.tier, n: r.insns, ms: r.ms, text: r.text.trim(), jit: r.jit }));
}

function parent(argv) {
  let reps = 32;
  let tiers = ["interp", "jit"];
  const guests = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--reps") reps = Number(argv[++i]);
    else if (argv[i] === "--tier") tiers = argv[++i] === "both" ? ["interp", "jit"] : [argv[i]];
    else if (ALL.includes(argv[i].replace(/^bench-/, ""))) guests.push(argv[i].replace(/^bench-/, ""));
    else
      throw new Error(`unknown argument ${argv[i]}; usage: [--reps N] [--tier interp|jit|both] [guest ...]`);
  }
  const rows = [];
  for (const name of guests.length > 0 ? guests : ALL) {
    const row = { guest: name };
    for (const tier of tiers) {
      const r = spawnSync(
        process.execPath,
        [fileURLToPath(import.meta.url), "--child", name, tier, String(reps)],
        {
          encoding: "utf8",
        },
      );
      if (r.status !== 0) throw new Error(r.stderr);
      const res = JSON.parse(r.stdout.trim().split("\n").at(-1));
      row["M insns"] = (res.n / 1e6).toFixed(0);
      row[`${tier} MIPS`] = Math.round(res.n / res.ms / 1000);
      if (res.tier !== tier) row[`${tier} MIPS`] += ` (ran ${res.tier})`;
    }
    rows.push(row);
    console.log(JSON.stringify(row));
  }
  console.table(rows);
}

if (process.argv[2] === "--child") await child(process.argv[3], process.argv[4], Number(process.argv[5]));
else parent(process.argv.slice(2));
