import { AxError } from "@axvisor/axaddrspace";
import { describe, expect, it } from "vitest";
import { AxVMConfigError } from "../../src/index.js";

describe("AxVMConfigError", () => {
  it("is an InvalidInput AxError carrying the path, position and cause", () => {
    const cause = new Error("inner");
    const e = new AxVMConfigError("base.id", "base.id: bad", { cause, line: 3, column: 4 });
    expect(e).toBeInstanceOf(AxError);
    expect(e).toBeInstanceOf(Error);
    expect([e.name, e.code, e.path, e.line, e.column, e.message]).toEqual([
      "AxVMConfigError",
      "InvalidInput",
      "base.id",
      3,
      4,
      "base.id: bad",
    ]);
    expect(e.cause).toBe(cause);
    expect(new AxVMConfigError(undefined, "x").cause).toBeUndefined();
  });
});
