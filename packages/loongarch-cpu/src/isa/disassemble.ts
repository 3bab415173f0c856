/**
 * The disassembler: one instruction word to the text `llvm-objdump-19 -d` prints for it.
 *
 * @module
 */

import { decode } from "./decode.js";
import { operandValue } from "./operands.js";
import { FPR_NAMES, GPR_NAMES } from "./registers.js";
import { INSNS, Op } from "./table.js";

const MASK64 = (1n << 64n) - 1n;

/**
 * Disassembles one instruction word into `llvm-objdump-19 -d --no-show-raw-insn` syntax: the mnemonic,
 * a tab, then the operands separated by `", "` (registers by ABI name, immediates in decimal, branch
 * offsets in bytes relative to the branch). The aliases LLVM prints are used: `nop`, `move`, `ret`, `jr`.
 * Words that are not instructions give `"<unknown>"`, as in llvm-objdump; this function never throws.
 *
 * Two deliberate differences from the objdump line: no trailing tab after operand-less mnemonics
 * (`ertn`, `tlbsrch`), and when `pc` is given a branch's absolute target is appended as ` <0x…>`
 * (objdump prints a symbol there, e.g. ` <_start+0x10>`). LVZ guest-TLB instructions that LLVM 19
 * cannot decode (`gtlbclr`, `gtlbsrch`, `gtlbrd`, `gtlbwr`, `gtlbfill`) are printed by name.
 *
 * @param word - The 32-bit instruction word (uint32 or int32).
 * @param pc - The instruction's address, to print branch targets.
 * @returns The assembly text.
 *
 * @example
 * ```ts
 * import { disassemble } from "@axvisor/loongarch-cpu";
 * console.log(disassemble(0x02c00484)); // "addi.d\t$a0, $a0, 1"
 * console.log(disassemble(0x4c000020)); // "ret"
 * console.log(disassemble(0x53ffffff, 0x1000n)); // "b\t-4 <0xffc>"
 * console.log(disassemble(0xffffffff)); // "<unknown>"
 * ```
 */
export function disassemble(word: number, pc?: bigint): string {
  const w = word | 0;
  const id = decode(w);
  if (id === Op.INVALID) return "<unknown>";
  switch (id) {
    case Op.OR:
      if (((w >>> 10) & 31) === 0) return `move\t${GPR_NAMES[w & 31]}, ${GPR_NAMES[(w >>> 5) & 31]}`;
      break;
    case Op.ANDI:
      if (w === 0x03400000) return "nop";
      break;
    case Op.JIRL:
      if ((w & 0x03fffc1f) === 0) {
        const rj = (w >>> 5) & 31;
        return rj === 1 ? "ret" : `jr\t${GPR_NAMES[rj]}`;
      }
      break;
  }
  const def = INSNS[id]!;
  const ops = def.operands;
  if (ops.length === 0) return def.mnemonic;
  let text = `${def.mnemonic}\t`;
  let target: bigint | undefined;
  for (let i = 0; i < ops.length; i++) {
    const kind = ops[i]!;
    const v = operandValue(w, kind);
    if (i > 0) text += ", ";
    switch (kind) {
      case "rd":
      case "rj":
      case "rk":
        text += GPR_NAMES[v];
        break;
      case "fd":
      case "fj":
      case "fk":
      case "fa":
        text += FPR_NAMES[v];
        break;
      case "cj":
      case "cd":
      case "ca":
        text += `$fcc${v}`;
        break;
      case "fcsrd":
      case "fcsrj":
        text += `$fcsr${v}`;
        break;
      case "offs21":
      case "offs26":
        text += v;
        if (pc !== undefined) target = (pc + BigInt(v)) & MASK64;
        break;
      case "offs16":
        text += v;
        if (pc !== undefined && id !== Op.JIRL) target = (pc + BigInt(v)) & MASK64;
        break;
      default:
        text += v;
    }
  }
  return target === undefined ? text : `${text} <0x${target.toString(16)}>`;
}
