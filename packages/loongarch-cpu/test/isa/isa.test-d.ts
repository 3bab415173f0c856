import { describe, expectTypeOf, it } from "vitest";
import {
  type AsmErrorCode,
  assemble,
  assembleOne,
  decode,
  disassemble,
  INSNS,
  type InsnDef,
  type InsnFormat,
  Op,
  type OperandKind,
  type OpId,
} from "../../src/index.js";

describe("ISA types", () => {
  it("Op ids are literal numbers usable as switch labels", () => {
    expectTypeOf(Op.INVALID).toEqualTypeOf<0>();
    expectTypeOf(Op.ADD_W).toEqualTypeOf<1>();
    expectTypeOf<OpId>().toExtend<number>();
    expectTypeOf(Op.ADD_D).toExtend<OpId>();
  });

  it("decode/disassemble/assemble have the contract signatures", () => {
    expectTypeOf(decode).toEqualTypeOf<(word: number) => number>();
    expectTypeOf(disassemble).parameters.toEqualTypeOf<[word: number, pc?: bigint]>();
    expectTypeOf(disassemble).returns.toEqualTypeOf<string>();
    expectTypeOf(assemble).returns.toEqualTypeOf<Uint32Array>();
    expectTypeOf(assembleOne).returns.toEqualTypeOf<number>();
  });

  it("the table is read-only and structured", () => {
    expectTypeOf(INSNS).toEqualTypeOf<readonly InsnDef[]>();
    expectTypeOf<InsnDef["format"]>().toEqualTypeOf<InsnFormat>();
    expectTypeOf<InsnDef["operands"]>().toEqualTypeOf<readonly OperandKind[]>();
    expectTypeOf<"rd">().toExtend<OperandKind>();
    expectTypeOf<"UndefinedLabel">().toExtend<AsmErrorCode>();
    expectTypeOf<"Nope">().not.toExtend<AsmErrorCode>();
  });
});
