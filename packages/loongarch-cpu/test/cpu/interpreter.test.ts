import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Op } from "../../src/index.js";

const src = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), "../../src/cpu/interpreter.ts"),
  "utf8",
);

describe("interpreter switch", () => {
  it("every literal case label matches the Op id named in its comment", () => {
    const labels = [...src.matchAll(/case (\d+): (?:\{\s*)?\/\/ ([A-Z0-9_]+)/g)];
    expect(labels.length).toBeGreaterThan(200);
    const ops = Op as Readonly<Record<string, number>>;
    for (const [, num, name] of labels) {
      expect(ops[name!], `case ${num} // ${name}`).toBe(Number(num));
    }
  });
});
