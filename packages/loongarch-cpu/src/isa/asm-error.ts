/**
 * The error the assembler throws.
 *
 * @module
 */

/** The closed set of {@link AsmError} codes. */
export type AsmErrorCode =
  /** The line could not be parsed (bad label, stray characters, empty operand). */
  | "Syntax"
  /** No instruction, pseudo-instruction or directive has this name. */
  | "UnknownMnemonic"
  /** Wrong number of operands for the instruction. */
  | "OperandCount"
  /** An operand has the wrong kind (e.g. a number where a register is needed) or breaks an encoding rule. */
  | "BadOperand"
  /** An immediate or offset does not fit its field. */
  | "OutOfRange"
  /** An offset is not a multiple of 4. */
  | "Misaligned"
  /** A branch names a label that is not defined. */
  | "UndefinedLabel"
  /** A label is defined twice. */
  | "DuplicateLabel"
  /** `assembleOne` was given a line that does not produce exactly one word. */
  | "NotOneWord";

/**
 * Thrown by {@link assemble} and {@link assembleOne} for invalid source text.
 *
 * @example
 * ```ts
 * import { AsmError, assemble } from "@axvisor/loongarch-cpu";
 * try {
 *   assemble("addi.d $a0, $a0, 4096");
 * } catch (e) {
 *   if (e instanceof AsmError) console.log(e.code, e.line); // "OutOfRange" 1
 * }
 * ```
 */
export class AsmError extends Error {
  /** What went wrong. */
  readonly code: AsmErrorCode;
  /** The 1-based source line, or 0 when not tied to a line. */
  readonly line: number;

  /**
   * Creates the error; the message is prefixed with `line N: `.
   *
   * @param code - The error code.
   * @param line - The 1-based source line (0 if none).
   * @param message - A human-readable description.
   * @param options - Optional `cause`.
   *
   * @example
   * ```ts
   * import { AsmError } from "@axvisor/loongarch-cpu";
   * const e = new AsmError("UndefinedLabel", 3, "undefined label 'loop'");
   * console.log(e.message); // "line 3: undefined label 'loop'"
   * ```
   */
  constructor(code: AsmErrorCode, line: number, message: string, options?: { cause?: unknown }) {
    super(line > 0 ? `line ${line}: ${message}` : message, options);
    this.name = "AsmError";
    this.code = code;
    this.line = line;
  }
}
