import { describe, expect, it } from "vitest";
import { VmmError } from "../../src/index.js";

describe("VmmError", () => {
  it("carries a code, its name and the cause", () => {
    const cause = new Error("below");
    const e = new VmmError("BadState", "VM 1 is running", { cause });
    expect(e).toBeInstanceOf(Error);
    expect([e.name, e.code, e.message, e.cause]).toEqual(["VmmError", "BadState", "VM 1 is running", cause]);
  });
});
