import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { utf8Encode } from "../../src/internal/utf8.js";

describe("utf8Encode", () => {
  it("encodes 1- to 4-byte sequences", () => {
    expect([...utf8Encode("A")]).toEqual([0x41]);
    expect([...utf8Encode("é")]).toEqual([0xc3, 0xa9]);
    expect([...utf8Encode("€")]).toEqual([0xe2, 0x82, 0xac]);
    expect([...utf8Encode("😀")]).toEqual([0xf0, 0x9f, 0x98, 0x80]);
  });

  it("law: agrees with Node's encoder on any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        expect([...utf8Encode(s)]).toEqual([...Buffer.from(s, "utf8")]);
      }),
    );
  });
});
