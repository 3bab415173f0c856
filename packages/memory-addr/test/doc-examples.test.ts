// Runs every ```ts block found in the TSDoc of src/ and checks each `console.log(…); // expected`
// comment against what the call printed, so the API docs cannot drift from the code.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it, vi } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const srcDir = join(root, "src");
const outDir = join(root, ".cache", "doc-examples");
const indexPath = join(srcDir, "index.ts");

interface Example {
  readonly where: string;
  readonly code: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

function examples(): Example[] {
  const found: Example[] = [];
  for (const file of sourceFiles(srcDir)) {
    const lines = readFileSync(file, "utf8").split("\n");
    let block: string[] | undefined;
    let startLine = 0;
    lines.forEach((line, i) => {
      const m = /^\s*\* ?(.*)$/.exec(line);
      const text = m?.[1] ?? "";
      if (block === undefined) {
        if (m && text.trim() === "```ts") {
          block = [];
          startLine = i + 1;
        }
      } else if (m && text.trim() === "```") {
        found.push({ where: `${relative(root, file)}:${startLine}`, code: block.join("\n") });
        block = undefined;
      } else {
        block.push(text);
      }
    });
  }
  // The README example is held to the same standard.
  const readme = readFileSync(join(root, "README.md"), "utf8").split("\n");
  let block: string[] | undefined;
  readme.forEach((line, i) => {
    if (block === undefined) {
      if (line.trim() === "```ts") block = [];
      return;
    }
    if (line.trim() === "```") {
      found.push({ where: `README.md:${i + 1 - block.length}`, code: block.join("\n") });
      block = undefined;
    } else {
      block.push(line);
    }
  });
  return found;
}

// Formats console.log arguments the way the doc comments write them: strings quoted, bigints with `n`.
function render(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return `${v}n`;
  if (Array.isArray(v)) return `[${v.map(render).join(", ")}]`;
  return String(v);
}

function expectedOutputs(code: string): string[] {
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
mkdirSync(outDir, { recursive: true });
for (const { file, code } of all) {
  writeFileSync(file, code.replaceAll('"@axvisor/memory-addr"', JSON.stringify(indexPath)));
}
// Examples are isomorphic: they may only rely on console.log beyond ES2022.
const ambient = join(outDir, "console.d.ts");
writeFileSync(ambient, "declare const console: { log(...args: unknown[]): void };\n");
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("TSDoc @example blocks", () => {
  it("exist for the public API", () => {
    expect(all.length).toBeGreaterThan(80);
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
  }, 30_000);

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
      // A comment may add a note after the value: `// 291n (0x123)`.
      const ok = want === out || want.startsWith(`${out} (`);
      expect(ok, `${where}: printed ${out}, the comment says ${want}`).toBe(true);
    });
  });
});
