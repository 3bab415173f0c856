/**
 * A small assembler for the syntax the disassembler prints (LLVM's LoongArch assembly): one
 * instruction per line, `name:` labels, `#` comments, registers as `$a0`/`$r4` (the `$` is optional),
 * decimal/hex/binary/octal immediates, branch targets as labels or numeric byte offsets, the aliases
 * `nop`, `move`, `ret`, `jr`, the branch pseudo-instructions `bgt`/`ble`/`bgtu`/`bleu`/`bltz`/`bgez`/`bgtz`/`blez`,
 * `li.w`/`li.d` (expanded exactly as llvm-mc-19 expands them), the address pseudo-instructions
 * `la.pcrel`/`la.local`/`la.abs` and `call36`/`tail36` (resolved the way ld.lld-19 resolves their
 * relocations), the operand modifiers `%pc_hi20`, `%pc_lo12`, `%abs_hi20`, `%abs_lo12`, `%abs64_lo20`,
 * `%abs64_hi12` applied to labels, and the `.word`/`.dword` directives.
 *
 * @module
 */

import { AsmError } from "./asm-error.js";
import { encodeOperand, OPERAND_RANGES } from "./operands.js";
import { parseFpr, parseGpr } from "./registers.js";
import { INSNS, type InsnDef, type OperandKind } from "./table.js";

/** Options of {@link assemble}. */
export interface AssembleOptions {
  /** Address of the first word (for label offsets and numeric branch offsets it does not matter). Default 0. */
  readonly base?: bigint;
}

const BY_MNEMONIC: ReadonlyMap<string, InsnDef> = new Map(INSNS.slice(1).map((d) => [d.mnemonic, d]));
const LABEL = /^[A-Za-z_.][\w.$]*$/;
const LABEL_DEF = /^([A-Za-z_.][\w.$]*)\s*:/;
const IMM = /^([+-]?)(0x[0-9a-f]+|0b[01]+|0[0-7]*|[1-9][0-9]*)$/i;
// AM* operands must not overlap (the result is undefined). llvm-mc-19 checks every AM* except
// amxor_db.{w,d}; we follow llvm-mc so that both accept the same text.
const AM_CHECKED = /^am(?!xor_db).*\.[wd]u?$/;

// An instruction after pseudo-instruction expansion, operands still as text.
type Insn = readonly [mnemonic: string, operands: readonly string[]];

interface Stmt {
  readonly line: number;
  readonly addr: bigint;
  readonly insns: readonly Insn[];
  /** For `.word`: the literal words. */
  readonly words?: readonly number[];
}

function parseImm(text: string): bigint | undefined {
  const m = IMM.exec(text);
  if (!m) return undefined;
  const body = m[2]!;
  const isOctal = body.length > 1 && body[0] === "0" && !/^0[xb]/i.test(body);
  const v = BigInt(isOctal ? `0o${body.slice(1)}` : body);
  return m[1] === "-" ? -v : v;
}

const sext = (v: bigint, bits: number): bigint => BigInt.asIntN(bits, v);

// The li.w / li.d sequence of LLVM's LoongArchMatInt (lu12i.w/ori/addi.w, then lu32i.d, lu52i.d).
function liSequence(rd: string, value: bigint): Insn[] {
  const v = BigInt.asUintN(64, value);
  const highest12 = (v >> 52n) & 0xfffn;
  const higher20 = (v >> 32n) & 0xfffffn;
  const hi20 = (v >> 12n) & 0xfffffn;
  const lo12 = v & 0xfffn;
  const s = (x: bigint): string => x.toString();
  if (highest12 !== 0n && sext(v, 52) === 0n) return [["lu52i.d", [rd, "$zero", s(sext(highest12, 12))]]];
  const out: Insn[] = [];
  if (hi20 === 0n) out.push(["ori", [rd, "$zero", s(lo12)]]);
  else if (sext(lo12 >> 11n, 1) === sext(hi20, 20)) out.push(["addi.w", [rd, "$zero", s(sext(lo12, 12))]]);
  else {
    out.push(["lu12i.w", [rd, s(sext(hi20, 20))]]);
    if (lo12 !== 0n) out.push(["ori", [rd, rd, s(lo12)]]);
  }
  if (sext(hi20 >> 19n, 1) !== sext(higher20, 20)) out.push(["lu32i.d", [rd, s(sext(higher20, 20))]]);
  if (sext(higher20 >> 19n, 1) !== sext(highest12, 12))
    out.push(["lu52i.d", [rd, rd, s(sext(highest12, 12))]]);
  return out;
}

function label(text: string, line: number): string {
  if (!LABEL.test(text)) throw new AsmError("BadOperand", line, `expected a label, got '${text}'`);
  return text;
}

// Operand modifiers on labels, as the LoongArch ELF psABI relocations compute them. `pc` is the address
// of the instruction holding the operand; `%call36_lo` belongs to the jirl right after the pcaddu18i.
function modifier(name: string, s: bigint, pc: bigint, kind: OperandKind): bigint | undefined {
  const field = (v: bigint, bits: number): bigint =>
    kind === "ui12" ? BigInt.asUintN(bits, v) : BigInt.asIntN(bits, v);
  switch (name) {
    case "pc_hi20":
      return (((s + 0x800n) & ~0xfffn) - (pc & ~0xfffn)) >> 12n;
    case "pc_lo12":
    case "abs_lo12":
      return field(s, 12);
    case "abs_hi20":
      return field(s >> 12n, 20);
    case "abs64_lo20":
      return field(s >> 32n, 20);
    case "abs64_hi12":
      return field(s >> 52n, 12);
    case "call36_hi":
      return (s - pc + 0x20000n) >> 18n;
    case "call36_lo": {
      const off = s - (pc - 4n);
      return off - (((off + 0x20000n) >> 18n) << 18n);
    }
  }
  return undefined;
}

function expectCount(mnemonic: string, ops: readonly string[], n: number, line: number): void {
  if (ops.length !== n) {
    throw new AsmError("OperandCount", line, `'${mnemonic}' takes ${n} operand(s), got ${ops.length}`);
  }
}

// Branch pseudo-instructions: operands swapped, or compared with $zero (true: $zero first).
const SWAPPED: ReadonlyMap<string, string> = new Map([
  ["bgt", "blt"],
  ["ble", "bge"],
  ["bgtu", "bltu"],
  ["bleu", "bgeu"],
]);
const VS_ZERO: ReadonlyMap<string, readonly [string, boolean]> = new Map([
  ["bltz", ["blt", false]],
  ["bgez", ["bge", false]],
  ["bgtz", ["blt", true]],
  ["blez", ["bge", true]],
]);

// Expands aliases and pseudo-instructions into real instructions.
function expand(mnemonic: string, ops: readonly string[], line: number): Insn[] {
  switch (mnemonic) {
    case "nop":
      expectCount(mnemonic, ops, 0, line);
      return [["andi", ["$zero", "$zero", "0"]]];
    case "move":
      expectCount(mnemonic, ops, 2, line);
      return [["or", [ops[0]!, ops[1]!, "$zero"]]];
    case "ret":
      expectCount(mnemonic, ops, 0, line);
      return [["jirl", ["$zero", "$ra", "0"]]];
    case "jr":
      expectCount(mnemonic, ops, 1, line);
      return [["jirl", ["$zero", ops[0]!, "0"]]];
    case "li.w":
    case "li.d": {
      expectCount(mnemonic, ops, 2, line);
      const v = parseImm(ops[1]!);
      if (v === undefined)
        throw new AsmError("BadOperand", line, `'${mnemonic}' needs an integer, got '${ops[1]}'`);
      const [lo, hi] =
        mnemonic === "li.w" ? [-(1n << 31n), (1n << 32n) - 1n] : [-(1n << 63n), (1n << 64n) - 1n];
      if (v < lo || v > hi) throw new AsmError("OutOfRange", line, `'${ops[1]}' does not fit ${mnemonic}`);
      return liSequence(ops[0]!, mnemonic === "li.w" ? sext(v, 32) : v);
    }
    case "la.pcrel":
    case "la.local": {
      expectCount(mnemonic, ops, 2, line);
      const [rd, sym] = [ops[0]!, label(ops[1]!, line)];
      return [
        ["pcalau12i", [rd, `%pc_hi20(${sym})`]],
        ["addi.d", [rd, rd, `%pc_lo12(${sym})`]],
      ];
    }
    case "la.abs": {
      expectCount(mnemonic, ops, 2, line);
      const [rd, sym] = [ops[0]!, label(ops[1]!, line)];
      return [
        ["lu12i.w", [rd, `%abs_hi20(${sym})`]],
        ["ori", [rd, rd, `%abs_lo12(${sym})`]],
        ["lu32i.d", [rd, `%abs64_lo20(${sym})`]],
        ["lu52i.d", [rd, rd, `%abs64_hi12(${sym})`]],
      ];
    }
    case "call36":
    case "tail36": {
      const call = mnemonic === "call36";
      expectCount(mnemonic, ops, call ? 1 : 2, line);
      const sym = label(ops[call ? 0 : 1]!, line);
      const rj = call ? "$ra" : ops[0]!;
      return [
        ["pcaddu18i", [rj, `%call36_hi(${sym})`]],
        ["jirl", [call ? "$ra" : "$zero", rj, `%call36_lo(${sym})`]],
      ];
    }
  }
  const swapped = SWAPPED.get(mnemonic);
  if (swapped !== undefined) {
    expectCount(mnemonic, ops, 3, line);
    return [[swapped, [ops[1]!, ops[0]!, ops[2]!]]];
  }
  const z = VS_ZERO.get(mnemonic);
  if (z !== undefined) {
    expectCount(mnemonic, ops, 2, line);
    return [[z[0], z[1] ? ["$zero", ops[0]!, ops[1]!] : [ops[0]!, "$zero", ops[1]!]]];
  }
  if (!BY_MNEMONIC.has(mnemonic))
    throw new AsmError("UnknownMnemonic", line, `unknown instruction '${mnemonic}'`);
  return [[mnemonic, ops]];
}

function parse(source: string, base: bigint): { stmts: Stmt[]; labels: Map<string, bigint> } {
  const stmts: Stmt[] = [];
  const labels = new Map<string, bigint>();
  let addr = base;
  const lines = source.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    let text = lines[i]!;
    const hash = text.indexOf("#");
    if (hash >= 0) text = text.slice(0, hash);
    text = text.trim();
    for (let m = LABEL_DEF.exec(text); m !== null; m = LABEL_DEF.exec(text)) {
      const name = m[1]!;
      if (labels.has(name)) throw new AsmError("DuplicateLabel", line, `label '${name}' is already defined`);
      labels.set(name, addr);
      text = text.slice(m[0].length).trim();
    }
    if (text === "") continue;
    const sp = text.search(/\s/);
    const mnemonic = (sp < 0 ? text : text.slice(0, sp)).toLowerCase();
    const rest = sp < 0 ? "" : text.slice(sp).trim();
    const ops = rest === "" ? [] : rest.split(",").map((s) => s.trim());
    if (ops.some((o) => o === "")) throw new AsmError("Syntax", line, `empty operand in '${text}'`);
    if (mnemonic === ".word" || mnemonic === ".dword") {
      if (ops.length === 0)
        throw new AsmError("OperandCount", line, `'${mnemonic}' needs at least one value`);
      const bits = mnemonic === ".word" ? 32n : 64n;
      const words = ops.flatMap((o) => {
        const v = parseImm(o);
        if (v === undefined)
          throw new AsmError("BadOperand", line, `'${mnemonic}' needs an integer, got '${o}'`);
        if (v < -(1n << (bits - 1n)) || v >= 1n << bits) {
          throw new AsmError("OutOfRange", line, `'${o}' is not a ${bits}-bit value`);
        }
        const u = BigInt.asUintN(Number(bits), v);
        return bits === 32n ? [Number(u)] : [Number(u & 0xffffffffn), Number(u >> 32n)];
      });
      stmts.push({ line, addr, insns: [], words });
      addr += 4n * BigInt(words.length);
      continue;
    }
    if (!/^[a-z][a-z0-9_.]*$/.test(mnemonic))
      throw new AsmError("Syntax", line, `bad mnemonic '${mnemonic}'`);
    const insns = expand(mnemonic, ops, line);
    stmts.push({ line, addr, insns });
    addr += 4n * BigInt(insns.length);
  }
  return { stmts, labels };
}

function operand(
  kind: OperandKind,
  text: string,
  pc: bigint,
  labels: ReadonlyMap<string, bigint> | undefined,
  line: number,
): number {
  switch (kind) {
    case "rd":
    case "rj":
    case "rk": {
      const r = parseGpr(text);
      if (r === undefined)
        throw new AsmError("BadOperand", line, `expected a general register, got '${text}'`);
      return r;
    }
    case "fd":
    case "fj":
    case "fk":
    case "fa": {
      const f = parseFpr(text);
      if (f === undefined)
        throw new AsmError("BadOperand", line, `expected a floating-point register, got '${text}'`);
      return f;
    }
    case "fcsrd":
    case "fcsrj": {
      const m = /^\$?fcsr([0-3])$/.exec(text);
      if (!m)
        throw new AsmError("BadOperand", line, `expected an FCSR register $fcsr0-$fcsr3, got '${text}'`);
      return Number(m[1]);
    }
    case "cd":
    case "ca":
    case "cj": {
      const m = /^\$?fcc([0-7])$/.exec(text);
      if (!m) throw new AsmError("BadOperand", line, `expected a condition flag $fcc0-$fcc7, got '${text}'`);
      return Number(m[1]);
    }
  }
  let v = parseImm(text);
  const mod = v === undefined ? /^%(\w+)\(([A-Za-z_.][\w.$]*)\)$/.exec(text) : null;
  if (mod) {
    const target = labels?.get(mod[2]!);
    if (target === undefined) throw new AsmError("UndefinedLabel", line, `undefined label '${mod[2]}'`);
    v = modifier(mod[1]!, target, pc, kind);
    if (v === undefined) throw new AsmError("BadOperand", line, `unknown operand modifier '%${mod[1]}'`);
  } else if (
    v === undefined &&
    (kind === "offs21" || kind === "offs26" || kind === "offs16") &&
    LABEL.test(text)
  ) {
    const target = labels?.get(text);
    if (target === undefined) throw new AsmError("UndefinedLabel", line, `undefined label '${text}'`);
    v = target - pc;
  }
  if (v === undefined) throw new AsmError("BadOperand", line, `expected an immediate, got '${text}'`);
  const { min, max, align } = OPERAND_RANGES[kind];
  if (v < BigInt(min) || v > BigInt(max)) {
    throw new AsmError("OutOfRange", line, `'${text}' is out of range: must be in [${min}, ${max}]`);
  }
  const n = Number(v);
  if (n % align !== 0) throw new AsmError("Misaligned", line, `'${text}' must be a multiple of ${align}`);
  return n;
}

function encode(
  insn: Insn,
  pc: bigint,
  labels: ReadonlyMap<string, bigint> | undefined,
  line: number,
): number {
  const [mnemonic, ops] = insn;
  const def = BY_MNEMONIC.get(mnemonic)!;
  const kinds = def.operands;
  expectCount(mnemonic, ops, kinds.length, line);
  let word = def.match;
  const values: Partial<Record<OperandKind, number>> = {};
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i]!;
    const v = operand(kind, ops[i]!, pc, labels, line);
    values[kind] = v;
    word |= encodeOperand(kind, v);
  }
  // Encoding rules llvm-mc enforces beyond field ranges.
  const { rd, rj, rk, msbw, lsbw, msbd, lsbd } = values;
  if ((msbw !== undefined && msbw < lsbw!) || (msbd !== undefined && msbd < lsbd!)) {
    throw new AsmError("BadOperand", line, "msb is less than lsb");
  }
  if (def.format === "RD_RJ_CSR" && rj! < 2) {
    throw new AsmError(
      "BadOperand",
      line,
      `'${mnemonic}' rj must not be $r0 or $r1 (that encodes csrrd/csrwr)`,
    );
  }
  if (AM_CHECKED.test(mnemonic) && rd !== 0 && (rd === rj || rd === rk)) {
    throw new AsmError("BadOperand", line, "$rd must be different from both $rk and $rj");
  }
  return word >>> 0;
}

/**
 * Assembles a block of source text into instruction words.
 *
 * @param source - Assembly text; see the module description for the syntax.
 * @param options - The base address of the first word.
 * @returns One uint32 word per instruction, in order.
 * @throws {AsmError} On the first invalid line (the error carries the line number and a closed `code`).
 * @throws {RangeError} When `options.base` is not a 4-byte aligned u64.
 *
 * @example
 * ```ts
 * import { assemble, disassemble } from "@axvisor/loongarch-cpu";
 * const words = assemble(`
 *   li.w  $a0, 10        # counter
 * loop:
 *   addi.d $a0, $a0, -1
 *   bnez  $a0, loop
 *   ret
 * `);
 * console.log([...words].map((w) => disassemble(w)).join("; "));
 * // "ori\t$a0, $zero, 10; addi.d\t$a0, $a0, -1; bnez\t$a0, -4; ret"
 * console.log(words.length, words[3]!.toString(16)); // 4 "4c000020"
 * ```
 *
 * @example
 * ```ts
 * import { assemble, disassemble } from "@axvisor/loongarch-cpu";
 * // Address of data placed after the code, as clang + ld.lld would compute it.
 * const w = assemble("la.pcrel $a0, msg\nret\nmsg: .dword 42", { base: 0x200000n });
 * console.log(w.length, disassemble(w[0]!), disassemble(w[1]!)); // 5 "pcalau12i\t$a0, 0" "addi.d\t$a0, $a0, 12"
 * ```
 */
export function assemble(source: string, options?: AssembleOptions): Uint32Array {
  return assembleProgram(source, options).words;
}

/** The result of {@link assembleProgram}. */
export interface AssembledProgram {
  /** One uint32 word per instruction or `.word` (two per `.dword`), in order. */
  readonly words: Uint32Array;
  /** The address of every label (base + 4 × word index). */
  readonly labels: ReadonlyMap<string, bigint>;
}

/**
 * Like {@link assemble}, but also returns the address of every label, so that callers can find code
 * entry points and data placed in the block.
 *
 * @param source - Assembly text; see {@link assemble}.
 * @param options - The base address of the first word.
 * @returns The words and the label addresses.
 * @throws {AsmError} On the first invalid line.
 * @throws {RangeError} When `options.base` is not a 4-byte aligned u64.
 *
 * @example
 * ```ts
 * import { assembleProgram } from "@axvisor/loongarch-cpu";
 * const p = assembleProgram("entry: nop\n ret\ndata: .dword 7", { base: 0x9000_0000_0020_0000n });
 * console.log(p.words.length, p.labels.get("data")!.toString(16)); // 4 "9000000000200008"
 * ```
 */
export function assembleProgram(source: string, options?: AssembleOptions): AssembledProgram {
  const base = options?.base ?? 0n;
  if (typeof base !== "bigint" || base < 0n || base >= 1n << 64n || base % 4n !== 0n) {
    throw new RangeError(`base must be a 4-byte aligned u64 bigint, got ${String(base)}`);
  }
  const { stmts, labels } = parse(source, base);
  let n = 0;
  for (const s of stmts) n += s.words?.length ?? s.insns.length;
  const out = new Uint32Array(n);
  let k = 0;
  for (const s of stmts) {
    if (s.words) {
      for (const w of s.words) out[k++] = w;
      continue;
    }
    let pc = s.addr;
    for (const insn of s.insns) {
      out[k++] = encode(insn, pc, labels, s.line);
      pc += 4n;
    }
  }
  return { words: out, labels };
}

/**
 * Assembles a single instruction line that produces exactly one word. Branch targets must be numeric
 * byte offsets (there are no labels in a single line).
 *
 * @param line - One instruction, e.g. `"addi.d $a0, $a0, 1"`.
 * @param pc - The instruction's address (kept for symmetry with {@link disassemble}; offsets are relative). Default 0.
 * @returns The uint32 instruction word.
 * @throws {AsmError} When the line is invalid or does not produce exactly one word (code `"NotOneWord"`).
 * @throws {RangeError} When `pc` is not a 4-byte aligned u64.
 *
 * @example
 * ```ts
 * import { assembleOne } from "@axvisor/loongarch-cpu";
 * console.log(assembleOne("addi.d $a0, $a0, 1").toString(16)); // "2c00484"
 * console.log(assembleOne("ret").toString(16)); // "4c000020"
 * ```
 */
export function assembleOne(line: string, pc = 0n): number {
  const words = assemble(line, { base: pc });
  if (words.length !== 1) {
    throw new AsmError(
      "NotOneWord",
      0,
      `'${line.trim()}' produces ${words.length} words, expected exactly one`,
    );
  }
  return words[0]!;
}
