// Shared by every package's test/doc-examples.test.ts: finds each ```ts block in the TSDoc of src/ and in
// README.md, type-checks them all under the workspace's strict settings, runs the self-contained ones and
// compares each `console.log(…); // expected` comment with what the call printed, so the docs cannot
// drift from the code. Imports of the package itself are pointed at its src/index.ts; other @axvisor
// packages resolve to their builds, as the package's own sources see them.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { inspect } from "node:util";
import ts from "typescript";
import { afterAll, describe, expect, it, vi } from "vitest";

/** One fenced example found in the sources. */
export interface DocExample {
  /** `path:line` of the block, relative to the package. */
  readonly where: string;
  /** The block's code. */
  readonly code: string;
}

/** How a package's examples are checked. */
export interface DocExampleOptions {
  /** Absolute path of the package directory. */
  readonly packageDir: string;
  /** Fewer examples than this fails the suite (catches a broken extractor). */
  readonly minExamples: number;
  /**
   * `"strict"`: every line that calls `console.log` needs a `// expected` comment that matches;
   * `"commented"`: only statements that start with `console.log(` count, and only the commented ones are
   * compared (a callback that logs is not expected to print); `"none"`: output is not checked.
   */
  readonly outputs: "strict" | "commented" | "none";
  /** Source files (relative to the package) whose blocks are skipped entirely, e.g. Node-only bins. */
  readonly exclude?: (relativePath: string) => boolean;
  /** Whether README.md's blocks are included (default true). */
  readonly readme?: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/**
 * Extracts the ```ts blocks of a file; TSDoc blocks have their leading ` * ` stripped.
 *
 * @param text - The file's text.
 * @param tsdoc - Whether the blocks sit in comments.
 * @param where - Names a block by its first line (1-based).
 * @returns The blocks in order.
 */
export function extractBlocks(text: string, tsdoc: boolean, where: (line: number) => string): DocExample[] {
  const found: DocExample[] = [];
  let block: string[] | undefined;
  let start = 0;
  text.split("\n").forEach((raw, i) => {
    const line = tsdoc ? /^\s*\* ?(.*)$/.exec(raw)?.[1] : raw;
    if (line === undefined) return;
    if (block === undefined) {
      if (line.trim() === "```ts") {
        block = [];
        start = i + 2;
      }
    } else if (line.trim() === "```") {
      found.push({ where: where(start), code: block.join("\n") });
      block = undefined;
    } else block.push(line);
  });
  return found;
}

/**
 * Renders console.log arguments the way the doc comments write them.
 *
 * @param v - A logged value.
 * @param quote - Whether strings are shown quoted.
 * @returns The text.
 */
export function render(v: unknown, quote = true): string {
  if (typeof v === "string") return quote ? JSON.stringify(v) : v;
  if (typeof v === "bigint") return `${v}n`;
  if (Array.isArray(v)) return `[${v.map((x) => render(x, quote)).join(", ")}]`;
  if (ArrayBuffer.isView(v)) return inspect(v, { breakLength: Number.POSITIVE_INFINITY });
  if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    const fields = Object.entries(v).map(([k, x]) => `${k}: ${render(x, quote)}`);
    return `{ ${fields.join(", ")} }`;
  }
  return String(v);
}

/**
 * The `// expected` comment of each console.log line of a block, on the same line or alone on the next
 * one (`undefined` where there is none).
 *
 * @param code - The block.
 * @param statementsOnly - Count only lines that start with `console.log(`.
 * @returns One entry per console.log line.
 */
export function expectedOutputs(code: string, statementsOnly = false): (string | undefined)[] {
  const lines = code.split("\n");
  return lines.flatMap((l, i) => {
    if (statementsOnly ? !l.trimStart().startsWith("console.log(") : !l.includes("console.log(")) return [];
    if (l.includes("// ")) return [l.slice(l.lastIndexOf("// ") + 3).trim()];
    const next = lines[i + 1]?.trim() ?? "";
    return [next.startsWith("// ") ? next.slice(3).trim() : undefined];
  });
}

/**
 * Whether a printed line satisfies an expected comment: equal, or the comment adds a note after the
 * value (`// 291n (0x123)`, `// 0x1000: the base`), or a comment ending in `..."` gives a prefix of the
 * printed string. Strings may be written quoted or as printed.
 *
 * @param printed - The line, rendered with and without quotes.
 * @param want - The comment.
 * @returns Whether they agree.
 */
export function matchesComment(printed: readonly [string, string], want: string): boolean {
  const prefix = want.endsWith('..."') ? want.slice(0, -4) : undefined;
  return printed.some(
    (g) =>
      want === g ||
      want.startsWith(`${g} (`) ||
      want.startsWith(`${g}: `) ||
      (prefix !== undefined && g.startsWith(prefix)),
  );
}

/**
 * Registers the doc-example suite of one package.
 *
 * @param options - What to check.
 */
export function describeDocExamples(options: DocExampleOptions): void {
  const pkg = options.packageDir;
  const outDir = join(pkg, ".cache", `doc-examples-${process.pid}`);
  const examples = [
    ...sourceFiles(join(pkg, "src"))
      .filter((f) => !options.exclude?.(relative(pkg, f)))
      .flatMap((f) => extractBlocks(readFileSync(f, "utf8"), true, (n) => `${relative(pkg, f)}:${n}`)),
    ...(options.readme === false
      ? []
      : extractBlocks(readFileSync(join(pkg, "README.md"), "utf8"), false, (n) => `README.md:${n}`)),
  ].map((e, n) => ({ ...e, file: join(outDir, `ex${n}-${e.where.replace(/[^A-Za-z0-9]+/g, "-")}.ts`) }));

  const name = (JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")) as { name: string }).name;
  const entry = JSON.stringify(join(pkg, "src", "index.ts"));
  mkdirSync(outDir, { recursive: true });
  for (const e of examples) {
    const code = e.code.replaceAll(JSON.stringify(name), entry);
    // `export {}` makes each block a module, so top-level names do not collide across files.
    writeFileSync(e.file, `${code}\nexport {};\n`);
  }
  // Examples are isomorphic: beyond ES2022 they may only rely on what browsers and Node both have.
  const ambient = join(outDir, "globals.d.ts");
  writeFileSync(
    ambient,
    [
      "declare const console: { log(...args: unknown[]): void };",
      "declare class TextDecoder { decode(bytes?: Uint8Array): string; }",
      "declare class TextEncoder { encode(text?: string): Uint8Array; }",
      "",
    ].join("\n"),
  );
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  describe("TSDoc @example blocks and the README example", () => {
    it("cover the public API", () => {
      expect(examples.length).toBeGreaterThanOrEqual(options.minExamples);
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
        const where = d.file
          ? (examples.find((e) => e.file === d.file?.fileName)?.where ?? d.file.fileName)
          : "";
        return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      });
      expect(errors).toEqual([]);
    }, 120_000);

    // A block that `declare`s an input it cannot build itself is type-level documentation only.
    const runnable = examples.filter((e) => !/^\s*declare /m.test(e.code));
    it.each(runnable)("$where runs and prints what its comments say", async ({ where, code, file }) => {
      const printed: [string, string][] = [];
      const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
        printed.push([args.map((a) => render(a)).join(" "), args.map((a) => render(a, false)).join(" ")]);
      });
      try {
        await import(file);
      } finally {
        spy.mockRestore();
      }
      if (options.outputs === "none") return;
      const expected = expectedOutputs(code, options.outputs === "commented");
      expect(printed.length, `console.log calls in ${where}`).toBe(expected.length);
      printed.forEach((got, i) => {
        const want = expected[i];
        if (want === undefined) {
          expect(options.outputs, `${where}: console.log without an expected-output comment`).toBe(
            "commented",
          );
          return;
        }
        expect(matchesComment(got, want), `${where}: printed ${got[0]}, the comment says ${want}`).toBe(true);
      });
    });
  });
}
