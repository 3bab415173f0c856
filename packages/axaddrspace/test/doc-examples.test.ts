// Executes every ```ts block of the TSDoc in src/ (and the README's), after type-checking them, and
// compares each `console.log(…); // expected` with what was printed, so the docs cannot drift.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it, vi } from "vitest";

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(pkg, ".cache", `doc-examples-${process.pid}`);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : d.name.endsWith(".ts") ? [join(dir, d.name)] : [],
  );
}

function blocks(file: string, commentStyle: boolean): { where: string; code: string }[] {
  const found: { where: string; code: string }[] = [];
  let cur: string[] | undefined;
  let start = 0;
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((raw, i) => {
      const line = commentStyle ? (/^\s*\* ?(.*)$/.exec(raw)?.[1] ?? null) : raw;
      if (line === null) return;
      if (cur === undefined) {
        if (line.trim() === "```ts") {
          cur = [];
          start = i + 2;
        }
      } else if (line.trim() === "```") {
        found.push({ where: `${relative(pkg, file)}:${start}`, code: cur.join("\n") });
        cur = undefined;
      } else cur.push(line);
    });
  return found;
}

const examples = [
  ...walk(join(pkg, "src")).flatMap((f) => blocks(f, true)),
  ...blocks(join(pkg, "README.md"), false),
].map((e, n) => ({
  ...e,
  file: join(out, `ex${n}.ts`),
}));
mkdirSync(out, { recursive: true });
const entry = join(pkg, "src", "index.ts");
const memoryAddr = join(pkg, "..", "memory-addr", "src", "index.ts");
for (const e of examples) {
  writeFileSync(
    e.file,
    e.code
      .replaceAll('"@axvisor/axaddrspace"', JSON.stringify(entry))
      .replaceAll('"@axvisor/memory-addr"', JSON.stringify(memoryAddr)),
  );
}
const ambient = join(out, "console.d.ts");
writeFileSync(ambient, "declare const console: { log(...args: unknown[]): void };\n");
afterAll(() => rmSync(out, { recursive: true, force: true }));

function render(v: unknown, quote = true): string {
  if (typeof v === "string") return quote ? JSON.stringify(v) : v;
  if (typeof v === "bigint") return `${v}n`;
  if (Array.isArray(v)) return `[${v.map((x) => render(x, quote)).join(", ")}]`;
  return String(v);
}

describe("TSDoc @example blocks", () => {
  it("cover the public API", () => {
    expect(examples.length).toBeGreaterThan(45);
  });

  it("type-check under the workspace's strict settings", () => {
    const program = ts.createProgram([ambient, ...examples.map((e) => e.file)], {
      target: ts.ScriptTarget.ES2022,
      lib: ["lib.es2022.d.ts"],
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      allowImportingTsExtensions: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
    });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => {
      const file = d.file ? examples.find((e) => e.file === d.file?.fileName)?.where : "";
      return `${file}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
    expect(errors).toEqual([]);
  }, 60_000);

  it.each(examples)("$where runs and prints what its comments say", async ({ where, code, file }) => {
    // Comments may quote strings (`// "GPA:0x1000"`) or show them as printed (`// GPA:0x1000`).
    const printed: [string, string][] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      printed.push([args.map((a) => render(a)).join(" "), args.map((a) => render(a, false)).join(" ")]);
    });
    try {
      await import(file);
    } finally {
      spy.mockRestore();
    }
    const expected = code
      .split("\n")
      .filter((l) => l.trimStart().startsWith("console.log("))
      .map((l) => (l.includes("// ") ? l.slice(l.lastIndexOf("// ") + 3).trim() : undefined));
    expect(printed.length, `console.log calls in ${where}`).toBe(expected.length);
    printed.forEach(([got, raw], i) => {
      const want = expected[i];
      if (want === undefined) return;
      const ok = [got, raw].some((g) => want === g || want.startsWith(`${g} (`) || want.startsWith(`${g}: `));
      expect(ok, `${where}: printed ${got}, the comment says ${want}`).toBe(true);
    });
  });
});
