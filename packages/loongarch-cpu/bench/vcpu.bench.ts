// Guest MIPS of LoongArchVCpu booting the bare-metal guests of examples/guests through AxVM (the bench
// time includes VM creation and ELF load; the MIPS column only the run to power-off), next to qemu-system-loongarch64 -M virt -kernel on the same
// ELF in the same run (its rate is our instruction count over QEMU's wall time, process start included).
// Run: `cd packages/loongarch-cpu && pnpm exec vitest bench --run bench/vcpu.bench.ts`.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, bench, describe } from "vitest";
import { makeVm } from "../test/vcpu/harness.js";

const GUESTS = ["compute", "csr"];
const dir = join(import.meta.dirname, "../../../examples/guests/elf");
const hasQemu = spawnSync("qemu-system-loongarch64", ["--version"]).status === 0;
const opts = { time: 1500, warmupTime: 500, warmupIterations: 2 };
const median = (a: readonly number[]): number => {
  const b = [...a].sort((x, y) => x - y);
  return b.length === 0 ? Number.NaN : (b[(b.length - 1) >> 1]! + b[b.length >> 1]!) / 2;
};
const stats = new Map<string, { insns: number; ms: number[]; qemuMs: number[] }>();
const stat = (g: string) => {
  let s = stats.get(g);
  if (!s) {
    s = { insns: 0, ms: [], qemuMs: [] };
    stats.set(g, s);
  }
  return s;
};

describe("bare-metal guests on AxVM + LoongArchVCpu", () => {
  for (const name of GUESTS) {
    const file = join(dir, `${name}.elf`);
    const elf = new Uint8Array(readFileSync(file));
    bench(
      `vcpu ${name}`,
      () => {
        const h = makeVm({ kernel: elf });
        // the rate counts guest execution only; building the VM (mapping 1 GiB lazily) is not guest time
        const t0 = performance.now();
        if (h.runUntilExit(1_000_000).kind !== "SystemDown") throw new Error(`${name} did not power off`);
        const s = stat(name);
        s.ms.push(performance.now() - t0);
        s.insns = h.vcpu().instructionsRetired();
        h.vm.destroy();
      },
      opts,
    );
    if (hasQemu) {
      bench(
        `qemu-system-loongarch64 ${name}`,
        () => {
          const t0 = performance.now();
          spawnSync("qemu-system-loongarch64", [
            "-M",
            "virt",
            "-m",
            "1G",
            "-nographic",
            "-no-reboot",
            "-kernel",
            file,
          ]);
          stat(name).qemuMs.push(performance.now() - t0);
        },
        opts,
      );
    }
  }
});

afterAll(() => {
  const rows = [...stats].map(([name, s]) => {
    const ms = median(s.ms);
    const q = median(s.qemuMs);
    return {
      guest: name,
      instructions: s.insns,
      "vcpu run ms": ms.toFixed(1),
      "vcpu MIPS": (s.insns / ms / 1000).toFixed(1),
      "qemu ms": Number.isNaN(q) ? "-" : q.toFixed(1),
    };
  });
  console.table(rows);
});
