import { describe, expect, it } from "vitest";
import { LoongArchCpuError } from "../src/index.js";

describe("LoongArchCpuError", () => {
  it("carries its code, name and cause", () => {
    const cause = new Error("inner");
    const e = new LoongArchCpuError("InvalidElf", "bad", { cause });
    expect(e).toBeInstanceOf(Error);
    expect([e.name, e.code, e.message, e.cause]).toEqual(["LoongArchCpuError", "InvalidElf", "bad", cause]);
  });
});
