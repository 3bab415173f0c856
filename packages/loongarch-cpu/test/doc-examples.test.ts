// Runs every ```ts block in the TSDoc of src/cpu, src/user and src/error.ts and checks each console.log
// against its `// expected` comment, so the CPU docs cannot drift from the code. Blocks that `declare`
// an input they cannot build themselves (an ELF file) are only type-level documentation and skipped.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { inspect } from "node:util";
import { afterAll, describe, expect, it, vi } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, ".cache", "cpu-doc-examples");
const indexPath = join(root, "src", "index.ts");
const files = [
  ...[
    "cpucfg",
    "csr",
    "exception",
    "flat-memory",
    "fpu",
    "int64",
    "interpreter",
    "memory",
    "paged-memory",
    "softfloat",
    "stop-reason",
  ].map((f) => `src/cpu/${f}.ts`),
  ...["elf", "linux-user", "text"].map((f) => `src/user/${f}.ts`),
  ...["guest-memory", "iocsr", "loongarch-vcpu", "tlb", "tlb-ops"].map((f) => `src/vcpu/${f}.ts`),
  "src/error.ts",
];

interface Example {
  readonly where: string;
  readonly code: string;
}

function examples(): Example[] {
  const found: Example[] = [];
  for (const name of files) {
    let block: string[] | undefined;
    let start = 0;
    readFileSync(join(root, name), "utf8")
      .split("\n")
      .forEach((line, i) => {
        const m = /^\s*\* ?(.*)$/.exec(line);
        const text = m?.[1] ?? "";
        if (block === undefined) {
          if (m && text.trim() === "```ts") {
            block = [];
            start = i + 1;
          }
        } else if (m && text.trim() === "```") {
          found.push({ where: `${name}:${start}`, code: block.join("\n") });
          block = undefined;
        } else block.push(text);
      });
  }
  return found;
}

function render(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return `${v}n`;
  return inspect(v, { breakLength: Number.POSITIVE_INFINITY });
}

function expected(code: string): string[] {
  return code
    .split("\n")
    .filter((l) => l.includes("console.log("))
    .map((l) => {
      const c = l.lastIndexOf("// ");
      if (c < 0) throw new Error(`console.log without an expected-output comment: ${l}`);
      return l.slice(c + 3).trim();
    });
}

const all = examples().map((e) => ({
  ...e,
  file: join(outDir, `${e.where.replace(/[^A-Za-z0-9]+/g, "-")}.ts`),
}));
const runnable = all.filter((e) => !/\bdeclare\b/.test(e.code));
mkdirSync(outDir, { recursive: true });
for (const { file, code } of runnable) {
  writeFileSync(file, code.replaceAll('"@axvisor/loongarch-cpu"', JSON.stringify(indexPath)));
}
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("TSDoc @example blocks of src/cpu, src/user", () => {
  it("exist for the CPU and runner API", () => {
    expect(all.length).toBeGreaterThan(40);
    expect(runnable.length).toBeGreaterThan(30);
  });

  it.each(runnable)("$where runs and prints what its comments say", async ({ where, code, file }) => {
    const printed: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      printed.push(args.map(render).join(" "));
    });
    try {
      await import(file);
    } finally {
      spy.mockRestore();
    }
    const want = expected(code);
    expect(printed.length, `number of console.log calls in ${where}`).toBe(want.length);
    printed.forEach((out, i) => {
      const w = want[i] ?? "";
      // a comment ending in `..."` gives a prefix of the printed string
      const ok = w === out || (w.endsWith('..."') && out.startsWith(w.slice(0, -4)));
      expect(ok, `${where}: printed ${out}, the comment says ${w}`).toBe(true);
    });
  });
});
