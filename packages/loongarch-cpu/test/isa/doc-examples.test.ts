// Runs every ```ts block in the TSDoc of src/isa/ and checks each console.log against its
// `// expected` comment (same line, or the next line), so the ISA docs cannot drift from the code.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it, vi } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const isaDir = join(root, "src", "isa");
// Per-process directory: concurrent test runs in the same checkout must not delete each other's files.
const outDir = join(root, ".cache", `isa-doc-examples-${process.pid}`);
const indexPath = join(root, "src", "index.ts");

interface Example {
  readonly where: string;
  readonly code: string;
}

function examples(): Example[] {
  const found: Example[] = [];
  for (const name of readdirSync(isaDir).filter((n) => n.endsWith(".ts"))) {
    const lines = readFileSync(join(isaDir, name), "utf8").split("\n");
    let block: string[] | undefined;
    let start = 0;
    lines.forEach((line, i) => {
      const m = /^\s*\* ?(.*)$/.exec(line);
      const text = m?.[1] ?? "";
      if (block === undefined) {
        if (m && text.trim() === "```ts") {
          block = [];
          start = i + 1;
        }
      } else if (m && text.trim() === "```") {
        found.push({ where: `src/isa/${name}:${start}`, code: block.join("\n") });
        block = undefined;
      } else {
        block.push(text);
      }
    });
  }
  // The README's ISA section is held to the same standard.
  let heading = "";
  let block: string[] | undefined;
  readFileSync(join(root, "README.md"), "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (block === undefined) {
        if (line.startsWith("#")) heading = line;
        else if (line.trim() === "```ts" && heading.startsWith("## ISA")) block = [];
      } else if (line.trim() === "```") {
        found.push({ where: `README.md:${i + 1 - block.length}`, code: block.join("\n") });
        block = undefined;
      } else {
        block.push(line);
      }
    });
  return found;
}

// Renders console.log arguments as the comments write them: strings quoted, bigints with `n`.
function render(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return `${v}n`;
  if (Array.isArray(v)) return `[${v.map(render).join(", ")}]`;
  if (v !== null && typeof v === "object") {
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${k}: ${render(x)}`)
      .join(", ")} }`;
  }
  return String(v);
}

function expectedOutputs(code: string): string[] {
  const lines = code.split("\n");
  const out: string[] = [];
  lines.forEach((l, i) => {
    if (!l.includes("console.log(")) return;
    const c = l.lastIndexOf("// ");
    const next = lines[i + 1]?.trim() ?? "";
    if (c >= 0) out.push(l.slice(c + 3).trim());
    else if (next.startsWith("// ")) out.push(next.slice(3).trim());
    else throw new Error(`console.log without an expected-output comment: ${l}`);
  });
  return out;
}

const all = examples().map((e) => ({
  ...e,
  file: join(outDir, `${e.where.replace(/[^A-Za-z0-9]+/g, "-")}.ts`),
}));
mkdirSync(outDir, { recursive: true });
for (const { file, code } of all) {
  writeFileSync(file, code.replaceAll('"@axvisor/loongarch-cpu"', JSON.stringify(indexPath)));
}
const ambient = join(outDir, "console.d.ts");
writeFileSync(ambient, "declare const console: { log(...args: unknown[]): void };\n");
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("TSDoc @example blocks of src/isa", () => {
  it("exist for the ISA API", () => {
    expect(all.length).toBeGreaterThan(40);
  });

  it("type-check under the workspace's strict settings", () => {
    const program = ts.createProgram([ambient, ...all.map((e) => e.file)], {
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
      const where = d.file ? relative(outDir, d.file.fileName) : "";
      return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
    expect(errors).toEqual([]);
  }, 60_000);

  it.each(all)("$where runs and prints what its comments say", async ({ where, code, file }) => {
    const printed: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      printed.push(args.map(render).join(" "));
    });
    try {
      await import(file);
    } finally {
      spy.mockRestore();
    }
    const expected = expectedOutputs(code);
    expect(printed.length, `number of console.log calls in ${where}`).toBe(expected.length);
    printed.forEach((out, i) => {
      const want = expected[i] ?? "";
      const ok = want === out || want.startsWith(`${out} (`);
      expect(ok, `${where}: printed ${out}, the comment says ${want}`).toBe(true);
    });
  });
});
