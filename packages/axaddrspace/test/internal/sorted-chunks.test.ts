import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SortedChunks } from "../../src/internal/sorted-chunks.js";

describe("SortedChunks", () => {
  it("behaves like a sorted array under inserts and range removals (thousands of items)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc
              .array(fc.bigInt({ min: 0n, max: 1n << 20n }), { minLength: 1, maxLength: 600 })
              .map((keys) => ({ op: "insert" as const, keys })),
            fc.tuple(fc.nat(), fc.nat({ max: 700 })).map(([at, n]) => ({ op: "remove" as const, at, n })),
          ),
          { maxLength: 12 },
        ),
        (ops) => {
          const list = new SortedChunks<bigint>((k) => k);
          const model: bigint[] = [];
          for (const o of ops) {
            if (o.op === "insert") {
              for (const k of o.keys) {
                const i = list.bound(k, true);
                expect(i).toBe(model.filter((m) => m <= k).length);
                list.insertAt(i, k);
                model.splice(i, 0, k);
              }
            } else {
              const at = model.length === 0 ? 0 : o.at % model.length;
              list.removeRange(at, o.n);
              model.splice(at, o.n);
            }
            expect(list.length).toBe(model.length);
            expect(list.toArray()).toEqual(model);
            const probe = model[Math.floor(model.length / 2)] ?? 5n;
            expect(list.bound(probe, false)).toBe(model.filter((m) => m < probe).length);
            expect(list.at(model.length >> 1)).toBe(model[model.length >> 1]);
            expect([...list.from(model.length - 3)]).toEqual(model.slice(Math.max(0, model.length - 3)));
          }
          expect(list.at(-1)).toBeUndefined();
          expect(list.at(model.length)).toBeUndefined();
          list.clear();
          expect(list.length).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
  });
});
