import { describe, expect, it } from "vitest";
import { GPR_NAMES, parseGpr } from "../../src/index.js";

describe("registers", () => {
  it("names all 32 registers the way llvm-objdump does", () => {
    expect(GPR_NAMES).toHaveLength(32);
    expect(GPR_NAMES.slice(0, 5)).toEqual(["$zero", "$ra", "$tp", "$sp", "$a0"]);
    expect(GPR_NAMES[12]).toBe("$t0");
    expect(GPR_NAMES[21]).toBe("$r21");
    expect(GPR_NAMES[22]).toBe("$fp");
    expect(GPR_NAMES[31]).toBe("$s8");
  });

  it("parses every printed name, $rN and bare names back", () => {
    for (let i = 0; i < 32; i++) {
      expect(parseGpr(GPR_NAMES[i]!)).toBe(i);
      expect(parseGpr(`$r${i}`)).toBe(i);
      expect(parseGpr(`r${i}`)).toBe(i);
    }
    expect(parseGpr("$s9")).toBe(22);
    for (const bad of ["$x", "$r32", "$A0", "", "$", "$u0", "a8", "$t9"])
      expect(parseGpr(bad)).toBeUndefined();
  });
});
