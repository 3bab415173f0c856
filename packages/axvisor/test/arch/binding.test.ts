import { describe, expect, it } from "vitest";
import { defineArch } from "../../src/index.js";
import { fakeArch } from "../fixtures/fake-arch.js";

describe("defineArch", () => {
  it("returns the same binding object, only its type is erased", () => {
    const { binding } = fakeArch({});
    expect(defineArch(binding)).toBe(binding);
  });
});
