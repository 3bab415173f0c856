import { describe, expect, it } from "vitest";
import { AxVMConfigError } from "../../src/index.js";
import {
  describeValue,
  expectedOf,
  parseValue,
  type Spec,
  toJsonSchema,
} from "../../src/internal/config-spec.js";

describe("config spec engine", () => {
  it("describes TOML values for messages", () => {
    expect([
      describeValue(5n),
      describeValue(1.5),
      describeValue(Number.NaN),
      describeValue("x"),
      describeValue(false),
      describeValue([1n]),
      describeValue([]),
      describeValue({}),
      describeValue(new Date(0)),
    ]).toEqual([
      "integer 5",
      "float 1.5",
      "float nan",
      'string "x"',
      "boolean false",
      "an array of 1 element",
      "an array of 0 elements",
      "a table",
      "a datetime",
    ]);
  });

  it("says what each spec expects", () => {
    const two: Spec = {
      kind: "intEnum",
      values: [
        [0, "A"],
        [1, "B"],
      ],
      description: "",
    };
    expect(expectedOf(two)).toBe("0 (A) or 1 (B)");
    expect(
      expectedOf({ kind: "array", items: { kind: "array", items: two, description: "" }, description: "" }),
    ).toBe("an array of arrays");
    expect(expectedOf({ kind: "array", items: two, description: "" })).toBe("an array of values");
  });

  it("records accept positional arrays with defaults, or tables", () => {
    const rec: Spec = {
      kind: "record",
      description: "",
      fields: [
        { key: "a", prop: "a", spec: { kind: "string", description: "" }, required: true, description: "" },
        {
          key: "b",
          prop: "bee",
          spec: { kind: "u64", description: "" },
          required: false,
          default: () => 9n,
          description: "",
        },
      ],
    };
    expect(parseValue(rec, ["x"], "r", "r")).toEqual({ a: "x", bee: 9n });
    expect(parseValue(rec, { a: "y", b: 1n }, "r", "r")).toEqual({ a: "y", bee: 1n });
    expect(() => parseValue(rec, { b: 1n }, "r", "r")).toThrow(
      new AxVMConfigError("r.a", "r.a: missing required key (expected a string)"),
    );
    expect(toJsonSchema(rec)).toMatchObject({ oneOf: [{ minItems: 1, maxItems: 2 }, { required: ["a"] }] });
  });
});
