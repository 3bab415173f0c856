// Type-checks every ```ts block in the TSDoc of src/ and in README.md under the workspace's strict
// settings, and runs each block that is self-contained (no `declare` placeholders), so the API docs
// cannot drift from the code.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it, vi } from "vitest";

const PKG = "@axvisor/axvisor";
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const srcDir = join(root, "src");
const outDir = join(root, ".cache", `doc-examples-${process.pid}`);
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

function blocks(
  lines: string[],
  strip: (line: string) => string | undefined,
  where: (line: number) => string,
): Example[] {
  const found: Example[] = [];
  let block: string[] | undefined;
  let start = 0;
  lines.forEach((line, i) => {
    const text = strip(line);
    if (block === undefined) {
      if (text?.trim() === "```ts") {
        block = [];
        start = i + 2;
      }
    } else if (text?.trim() === "```") {
      found.push({ where: where(start), code: block.join("\n") });
      block = undefined;
    } else block.push(text ?? "");
  });
  return found;
}

const examples: Example[] = [
  ...sourceFiles(srcDir).flatMap((file) =>
    blocks(
      readFileSync(file, "utf8").split("\n"),
      (l) => /^\s*\* ?(.*)$/.exec(l)?.[1],
      (n) => `${relative(root, file)}:${n}`,
    ),
  ),
  ...blocks(
    readFileSync(join(root, "README.md"), "utf8").split("\n"),
    (l) => l,
    (n) => `README.md:${n}`,
  ),
];

const all = examples.map((e) => ({
  ...e,
  file: join(outDir, `${e.where.replace(/[^A-Za-z0-9]+/g, "-")}.ts`),
}));
mkdirSync(outDir, { recursive: true });
for (const { file, code } of all) {
  // `export {}` makes each block a module, so top-level names do not collide across files.
  writeFileSync(file, `${code.replaceAll(`"${PKG}"`, JSON.stringify(indexPath))}\nexport {};\n`);
}
const ambient = join(outDir, "console.d.ts");
writeFileSync(ambient, "declare const console: { log(...args: unknown[]): void };\n");
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("TSDoc @example blocks and the README example", () => {
  it("exist", () => {
    expect(all.length).toBeGreaterThan(20);
  });

  it("type-check under strict settings", () => {
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

  const runnable = all.filter((e) => !/^\s*declare /m.test(e.code));
  it.each(runnable)("$where runs", async ({ file }) => {
    const spy = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await import(file);
    } finally {
      spy.mockRestore();
    }
  });
});
