import { AccessWidth } from "@axvisor/axaddrspace";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extendToRegister, widthMask } from "../../src/internal/width.js";

const { Byte, Word, Dword, Qword } = AccessWidth;

describe("register extension", () => {
  it("zero- and sign-extends every width", () => {
    expect(extendToRegister(0x80n, Byte, Qword, false)).toBe(0x80n);
    expect(extendToRegister(0x80n, Byte, Qword, true)).toBe(0xffff_ffff_ffff_ff80n);
    expect(extendToRegister(0x7fn, Byte, Qword, true)).toBe(0x7fn);
    expect(extendToRegister(0x8001n, Word, Qword, true)).toBe(0xffff_ffff_ffff_8001n);
    expect(extendToRegister(0x8000_0000n, Dword, Qword, true)).toBe(0xffff_ffff_8000_0000n);
    expect(extendToRegister(0x8000_0000n, Dword, Qword, false)).toBe(0x8000_0000n);
    expect(extendToRegister(0xffff_ffff_ffff_ffffn, Qword, Qword, true)).toBe(0xffff_ffff_ffff_ffffn);
  });

  it("truncates to the register width and ignores garbage above the access width", () => {
    expect(extendToRegister(0x1234_5680n, Byte, Dword, true)).toBe(0xffff_ff80n);
    expect(extendToRegister(0x80n, Byte, Word, true)).toBe(0xff80n);
    expect(extendToRegister(0xdead_0001n, Word, Qword, false)).toBe(1n);
  });

  it("law: the low width bytes are preserved and the rest is all-sign or zero", () => {
    const widths = [Byte, Word, Dword, Qword];
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        fc.constantFrom(...widths),
        fc.boolean(),
        (v, w, signed) => {
          const r = extendToRegister(v, w, Qword, signed);
          const m = widthMask(w);
          expect(r & m).toBe(v & m);
          const high = r >> BigInt(w.size() * 8);
          const neg = signed && ((v >> BigInt(w.size() * 8 - 1)) & 1n) === 1n;
          expect(high).toBe(neg ? (1n << BigInt(64 - w.size() * 8)) - 1n : 0n);
        },
      ),
    );
  });
});
