import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { utf8Decode, utf8Encode } from "../../src/user/text.js";

describe("utf8", () => {
  it("round-trips any string and matches Buffer's encoding", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        expect(Buffer.from(utf8Encode(s)).equals(Buffer.from(s, "utf8"))).toBe(true);
        expect(utf8Decode(utf8Encode(s))).toBe(s);
      }),
    );
  });
});
