import { AxError } from "@axvisor/axaddrspace";
import { describe, expect, it } from "vitest";
import { ImageLoadError } from "../../src/index.js";

describe("ImageLoadError", () => {
  it("is an AxError naming the image and the field", () => {
    const e = new ImageLoadError("BadAddress", "k.elf", "program header 1 (p_paddr)", "not in guest memory");
    expect(e).toBeInstanceOf(AxError);
    expect([e.name, e.code, e.image, e.field, e.message]).toEqual([
      "ImageLoadError",
      "BadAddress",
      "k.elf",
      "program header 1 (p_paddr)",
      "k.elf: program header 1 (p_paddr): not in guest memory",
    ]);
  });
});
