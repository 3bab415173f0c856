import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeOperand, INSNS, OPERAND_RANGES, Op, type OperandKind, operandValue } from "../../src/index.js";

const KINDS = Object.keys(OPERAND_RANGES) as OperandKind[];

describe("operands", () => {
  it("encodeOperand inverts operandValue over each kind's whole range", () => {
    for (const kind of KINDS) {
      const { min, max, align } = OPERAND_RANGES[kind];
      fc.assert(
        fc.property(fc.integer({ min: min / align, max: Math.floor(max / align) }), (k) => {
          const v = k * align;
          expect(operandValue(encodeOperand(kind, v), kind)).toBe(v);
        }),
        { numRuns: 300, examples: [[min / align], [Math.floor(max / align)]] },
      );
    }
  });

  it("operandValue reads back every field of a random word unchanged through encodeOperand", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(...KINDS), (w, kind) => {
        const v = operandValue(w, kind);
        const { min, max, align } = OPERAND_RANGES[kind];
        expect(v).toBeGreaterThanOrEqual(min);
        expect(v).toBeLessThanOrEqual(max);
        expect(Math.abs(v % align)).toBe(0);
        expect(operandValue(encodeOperand(kind, v), kind)).toBe(v);
      }),
      { numRuns: 5000 },
    );
  });

  it("builds the example word", () => {
    const w =
      INSNS[Op.ADDI_D]!.match | encodeOperand("rd", 4) | encodeOperand("rj", 4) | encodeOperand("si12", 1);
    expect(w >>> 0).toBe(0x02c00484);
    expect(operandValue(0x02fffc84, "si12")).toBe(-1);
    expect(operandValue(0x002c0c85, "sa2p1")).toBe(1);
  });
});
