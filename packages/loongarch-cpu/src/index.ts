// ---- ISA: instruction table, decoder, field extractors ----

export type { AsmErrorCode } from "./isa/asm-error.js";
export { AsmError } from "./isa/asm-error.js";
export type { AssembleOptions } from "./isa/assemble.js";
export { assemble, assembleOne } from "./isa/assemble.js";
export {
  cj,
  code15,
  csr,
  decode,
  hint5,
  lsbd,
  lsbw,
  msbd,
  msbw,
  offs14,
  offs16,
  offs21,
  offs26,
  ra,
  rd,
  rj,
  rk,
  sa2,
  sa3,
  si12,
  si14,
  si16,
  si20,
  ui5,
  ui6,
  ui8,
  ui12,
} from "./isa/decode.js";
export { disassemble } from "./isa/disassemble.js";
export type { OperandRange } from "./isa/operands.js";
export { encodeOperand, OPERAND_RANGES, operandValue } from "./isa/operands.js";
export { GPR_NAMES, parseGpr } from "./isa/registers.js";
export type { InsnDef, InsnFormat, OperandKind, OpId } from "./isa/table.js";
export { FORMAT_OPERANDS, INSNS, InsnFlag, Op } from "./isa/table.js";
