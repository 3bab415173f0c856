// Helpers for tests that compare against the LLVM 19 tools (llvm-mc-19, llvm-objdump-19).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Whether `tool --version` runs. */
export function hasTool(tool: string): boolean {
  const r = spawnSync(tool, ["--version"], { encoding: "utf8" });
  return r.status === 0;
}

/**
 * Whether the LLVM tools are usable. When they are absent, outside CI the caller skips (with `reason`);
 * in CI (`CI=true`) a missing tool is a failure.
 */
export function llvmAvailability(): { ok: boolean; reason: string } {
  const missing = ["llvm-mc-19", "llvm-objdump-19"].filter((t) => !hasTool(t));
  if (missing.length === 0) return { ok: true, reason: "" };
  const reason = `${missing.join(", ")} not found: LLVM comparison tests skipped (install llvm-19)`;
  const { CI } = process.env;
  if (CI === "true") throw new Error(`${reason}; required in CI`);
  console.warn(reason);
  return { ok: false, reason };
}

function run(tool: string, args: readonly string[], input?: string): string {
  const r = spawnSync(tool, args, { encoding: "utf8", maxBuffer: 256 << 20, input });
  if (r.status !== 0) throw new Error(`${tool} ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

/** One disassembled line of llvm-objdump: address and the instruction text (trailing space trimmed). */
export interface ObjdumpLine {
  addr: bigint;
  text: string;
}

/** Parses `llvm-objdump -d --no-show-raw-insn` output into instruction lines. */
export function parseObjdump(out: string): ObjdumpLine[] {
  const lines: ObjdumpLine[] = [];
  for (const l of out.split("\n")) {
    const m = /^\s*([0-9a-f]+):\s*\t(.*)$/.exec(l);
    if (m) lines.push({ addr: BigInt(`0x${m[1]}`), text: m[2]!.trimEnd() });
  }
  return lines;
}

/** Assembles `.word` directives for `words` with llvm-mc, disassembles with llvm-objdump, one line per word. */
export function objdumpWords(words: readonly number[]): ObjdumpLine[] {
  const dir = mkdtempSync(join(tmpdir(), "la-isa-"));
  try {
    const src = join(dir, "w.s");
    const obj = join(dir, "w.o");
    writeFileSync(src, `${words.map((w) => `.word 0x${(w >>> 0).toString(16)}`).join("\n")}\n`);
    run("llvm-mc-19", ["-triple=loongarch64", "-filetype=obj", src, "-o", obj]);
    const lines = parseObjdump(run("llvm-objdump-19", ["-d", "--no-show-raw-insn", obj]));
    if (lines.length !== words.length)
      throw new Error(`objdump printed ${lines.length} of ${words.length} words`);
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One line of `llvm-objdump -d` of an ELF, with the raw word. */
export interface ElfLine extends ObjdumpLine {
  word: number;
}

/** Disassembles an ELF with raw bytes shown; returns every 4-byte instruction line. */
export function objdumpElf(path: string): ElfLine[] {
  const out = run("llvm-objdump-19", ["-d", path]);
  const lines: ElfLine[] = [];
  for (const l of out.split("\n")) {
    const m = /^\s*([0-9a-f]+):\s+([0-9a-f]{2}) ([0-9a-f]{2}) ([0-9a-f]{2}) ([0-9a-f]{2})\s*\t(.*)$/.exec(l);
    if (!m) continue;
    const word = (Number.parseInt(m[5]! + m[4]! + m[3]! + m[2]!, 16) | 0) >>> 0;
    lines.push({ addr: BigInt(`0x${m[1]}`), word, text: m[6]!.trimEnd() });
  }
  return lines;
}

/** Runs `llvm-mc-19 --show-encoding` on assembly lines; returns the encoded word of each line (or an error). */
export function llvmMcEncode(lines: readonly string[]): ({ word: number } | { error: string })[] {
  const results: ({ word: number } | { error: string })[] = [];
  // One llvm-mc run: errors are reported per line on stderr, encodings in order on stdout.
  const src = lines.join("\n");
  const r = spawnSync("llvm-mc-19", ["-triple=loongarch64", "--show-encoding"], {
    encoding: "utf8",
    input: `${src}\n`,
    maxBuffer: 256 << 20,
  });
  const errLines = new Map<number, string>();
  for (const m of r.stderr.matchAll(/^<stdin>:(\d+):\d+: error: (.*)$/gm)) {
    if (!errLines.has(Number(m[1]))) errLines.set(Number(m[1]), m[2]!);
  }
  const encodings: number[][] = [];
  for (const l of r.stdout.split("\n")) {
    const m = /# encoding: \[(0x[0-9a-f]{2}),(0x[0-9a-f]{2}),(0x[0-9a-f]{2}),(0x[0-9a-f]{2})\]/.exec(l);
    if (m) encodings.push([1, 2, 3, 4].map((i) => Number(m[i])));
  }
  let k = 0;
  for (let i = 0; i < lines.length; i++) {
    const e = errLines.get(i + 1);
    if (e !== undefined) {
      results.push({ error: e });
      continue;
    }
    const b = encodings[k++];
    if (b === undefined) throw new Error(`llvm-mc produced no encoding for line ${i + 1}: ${lines[i]}`);
    results.push({ word: (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0 });
  }
  return results;
}

/** Symbol addresses of an ELF from `llvm-objdump -t`; names defined more than once are left out. */
export function elfSymbols(path: string): Map<string, bigint> {
  const seen = new Map<string, bigint | undefined>();
  for (const l of run("llvm-objdump-19", ["-t", path]).split("\n")) {
    const m = /^([0-9a-f]{16})\s.*\s(\S+)$/.exec(l);
    if (!m) continue;
    const name = m[2]!;
    seen.set(name, seen.has(name) ? undefined : BigInt(`0x${m[1]}`));
  }
  const out = new Map<string, bigint>();
  for (const [k, v] of seen) if (v !== undefined) out.set(k, v);
  return out;
}
