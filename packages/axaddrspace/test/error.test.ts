import { describe, expect, it } from "vitest";
import { AxError, MappingError, PagingError } from "../src/index.js";

describe("errors", () => {
  it("AxError carries code, name, default message and cause", () => {
    const cause = new Error("inner");
    const e = new AxError("NoMemory", undefined, { cause });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("AxError");
    expect(e.code).toBe("NoMemory");
    expect(e.message).toBe("Not enough memory");
    expect(e.cause).toBe(cause);
  });
  it("MappingError converts to AxError as Rust does", () => {
    expect(new MappingError("InvalidParam").toAxError().code).toBe("InvalidInput");
    expect(new MappingError("AlreadyExists").toAxError().code).toBe("AlreadyExists");
    const bad = new MappingError("BadState");
    expect(bad.toAxError().code).toBe("BadState");
    expect(bad.toAxError().cause).toBe(bad);
    expect(bad.name).toBe("MappingError");
  });
  it("PagingError converts NoMemory to NoMemory and the rest to InvalidInput", () => {
    expect(new PagingError("NoMemory").toAxError().code).toBe("NoMemory");
    for (const code of ["NotAligned", "NotMapped", "AlreadyMapped", "MappedToHugePage"] as const) {
      expect(new PagingError(code).toAxError().code).toBe("InvalidInput");
    }
    expect(new PagingError("NotMapped").name).toBe("PagingError");
  });
});
