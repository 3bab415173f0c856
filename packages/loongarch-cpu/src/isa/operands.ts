/**
 * Operand values: reading each {@link OperandKind} out of an instruction word, its legal range in
 * assembly, and encoding a value back into the word. Shared by the disassembler, the assembler and
 * anything else that walks {@link InsnDef.operands}.
 *
 * @module
 */

import type { OperandKind } from "./table.js";

/** The legal assembly values of one operand kind: `min..max`, multiples of `align`. */
export interface OperandRange {
  /** Smallest value. */
  readonly min: number;
  /** Largest value. */
  readonly max: number;
  /** Values must be multiples of this (4 for scaled offsets, else 1). */
  readonly align: number;
}

const r = (min: number, max: number, align = 1): OperandRange => Object.freeze({ min, max, align });

/**
 * The range of each operand kind, as `llvm-mc-19` enforces it.
 *
 * @example
 * ```ts
 * import { OPERAND_RANGES } from "@axvisor/loongarch-cpu";
 * console.log(OPERAND_RANGES.si12); // { min: -2048, max: 2047, align: 1 }
 * console.log(OPERAND_RANGES.offs16); // { min: -131072, max: 131068, align: 4 }
 * ```
 */
export const OPERAND_RANGES: Readonly<Record<OperandKind, OperandRange>> = Object.freeze({
  rd: r(0, 31),
  rj: r(0, 31),
  rk: r(0, 31),
  cj: r(0, 7),
  ui5: r(0, 31),
  ui6: r(0, 63),
  ui8: r(0, 255),
  ui12: r(0, 4095),
  si12: r(-2048, 2047),
  si14x4: r(-32768, 32764, 4),
  si16: r(-32768, 32767),
  si20: r(-524288, 524287),
  sa2p1: r(1, 4),
  sa2: r(0, 3),
  sa3: r(0, 7),
  msbw: r(0, 31),
  lsbw: r(0, 31),
  msbd: r(0, 63),
  lsbd: r(0, 63),
  hint5: r(0, 31),
  code15: r(0, 32767),
  csr14: r(0, 16383),
  offs16: r(-131072, 131068, 4),
  offs21: r(-4194304, 4194300, 4),
  offs26: r(-134217728, 134217724, 4),
  fd: r(0, 31),
  fj: r(0, 31),
  fk: r(0, 31),
  fa: r(0, 31),
  cd: r(0, 7),
  ca: r(0, 7),
  fcsrd: r(0, 3),
  fcsrj: r(0, 3),
});

/**
 * Reads one operand's value from an instruction word: register numbers, immediates (sign- or
 * zero-extended as the kind says; `sa2p1` already plus one) and branch byte offsets.
 *
 * @param word - The instruction word.
 * @param kind - Which operand.
 * @returns The operand value.
 *
 * @example
 * ```ts
 * import { operandValue } from "@axvisor/loongarch-cpu";
 * console.log(operandValue(0x02fffc84, "si12"), operandValue(0x002c0c85, "sa2p1")); // -1 1
 * ```
 */
export function operandValue(word: number, kind: OperandKind): number {
  const w = word | 0;
  switch (kind) {
    case "rd":
    case "hint5":
    case "fd":
      return w & 31;
    case "rj":
    case "fj":
      return (w >>> 5) & 31;
    case "fa":
      return (w >>> 15) & 31;
    case "cd":
      return w & 7;
    case "ca":
      return (w >>> 15) & 7;
    case "fcsrd":
      return w & 3;
    case "fcsrj":
      return (w >>> 5) & 3;
    case "rk":
    case "fk":
    case "ui5":
    case "lsbw":
      return (w >>> 10) & 31;
    case "cj":
      return (w >>> 5) & 7;
    case "ui6":
    case "lsbd":
      return (w >>> 10) & 63;
    case "ui8":
      return (w >>> 10) & 0xff;
    case "ui12":
      return (w >>> 10) & 0xfff;
    case "si12":
      return (w << 10) >> 20;
    case "si14x4":
      return ((w << 8) >> 18) * 4;
    case "si16":
      return (w << 6) >> 16;
    case "si20":
      return (w << 7) >> 12;
    case "sa2p1":
      return ((w >>> 15) & 3) + 1;
    case "sa2":
      return (w >>> 15) & 3;
    case "sa3":
      return (w >>> 15) & 7;
    case "msbw":
      return (w >>> 16) & 31;
    case "msbd":
      return (w >>> 16) & 63;
    case "code15":
      return w & 0x7fff;
    case "csr14":
      return (w >>> 10) & 0x3fff;
    case "offs16":
      return ((w << 6) >> 16) * 4;
    case "offs21":
      return ((((w & 31) << 16) | ((w >>> 10) & 0xffff)) << 11) >> 9;
    case "offs26":
      return ((((w & 0x3ff) << 16) | ((w >>> 10) & 0xffff)) << 6) >> 4;
  }
}

/**
 * Encodes one operand value into its bit positions (the inverse of {@link operandValue}).
 * The value is not range-checked here: check it against {@link OPERAND_RANGES} first.
 *
 * @param kind - Which operand.
 * @param value - The operand value (register number, immediate, byte offset).
 * @returns The bits to OR into the instruction's `match` (uint32).
 *
 * @example
 * ```ts
 * import { encodeOperand, INSNS, Op } from "@axvisor/loongarch-cpu";
 * const w = INSNS[Op.ADDI_D]!.match | encodeOperand("rd", 4) | encodeOperand("rj", 4) | encodeOperand("si12", 1);
 * console.log((w >>> 0).toString(16)); // "2c00484"
 * ```
 */
export function encodeOperand(kind: OperandKind, value: number): number {
  const v = value | 0;
  let bits: number;
  switch (kind) {
    case "rd":
    case "hint5":
    case "fd":
      bits = v & 31;
      break;
    case "rj":
    case "fj":
      bits = (v & 31) << 5;
      break;
    case "fa":
      bits = (v & 31) << 15;
      break;
    case "cd":
      bits = v & 7;
      break;
    case "ca":
      bits = (v & 7) << 15;
      break;
    case "fcsrd":
      bits = v & 3;
      break;
    case "fcsrj":
      bits = (v & 3) << 5;
      break;
    case "cj":
      bits = (v & 7) << 5;
      break;
    case "rk":
    case "fk":
    case "ui5":
    case "lsbw":
      bits = (v & 31) << 10;
      break;
    case "ui6":
    case "lsbd":
      bits = (v & 63) << 10;
      break;
    case "ui8":
      bits = (v & 0xff) << 10;
      break;
    case "ui12":
    case "si12":
      bits = (v & 0xfff) << 10;
      break;
    case "si14x4":
      bits = ((v >> 2) & 0x3fff) << 10;
      break;
    case "si16":
      bits = (v & 0xffff) << 10;
      break;
    case "si20":
      bits = (v & 0xfffff) << 5;
      break;
    case "sa2p1":
      bits = ((v - 1) & 3) << 15;
      break;
    case "sa2":
      bits = (v & 3) << 15;
      break;
    case "sa3":
      bits = (v & 7) << 15;
      break;
    case "msbw":
      bits = (v & 31) << 16;
      break;
    case "msbd":
      bits = (v & 63) << 16;
      break;
    case "code15":
      bits = v & 0x7fff;
      break;
    case "csr14":
      bits = (v & 0x3fff) << 10;
      break;
    case "offs16":
      bits = ((v >> 2) & 0xffff) << 10;
      break;
    case "offs21":
      bits = (((v >> 2) & 0xffff) << 10) | ((v >> 18) & 31);
      break;
    case "offs26":
      bits = (((v >> 2) & 0xffff) << 10) | ((v >> 18) & 0x3ff);
      break;
  }
  return bits >>> 0;
}
