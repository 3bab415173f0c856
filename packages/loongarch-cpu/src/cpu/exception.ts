/**
 * Exception codes (CSR ESTAT.Ecode) and sub-codes the interpreter raises, as the LoongArch reference
 * manual numbers them.
 *
 * @module
 */

/**
 * Exception codes (ESTAT.Ecode) of LoongArch64.
 *
 * @example
 * ```ts
 * import { Ecode } from "@axvisor/loongarch-cpu";
 * console.log(Ecode.SYS, Ecode.INE); // 11 13
 * ```
 */
export const Ecode = {
  /** Interrupt. */
  INT: 0x0,
  /** Page invalid for a load (user mode: the address is not mapped readable). */
  PIL: 0x1,
  /** Page invalid for a store. */
  PIS: 0x2,
  /** Page invalid for an instruction fetch. */
  PIF: 0x3,
  /** Page modification (store to a read-only page). */
  PME: 0x4,
  /** Page not readable. */
  PNR: 0x5,
  /** Page not executable. */
  PNX: 0x6,
  /** Page privilege illegal. */
  PPI: 0x7,
  /** Address error: sub-code {@link EsubCode}.ADEF (fetch) or ADEM (memory access). */
  ADE: 0x8,
  /** Alignment error (misaligned ll/sc/am*, which the manual requires to be aligned). */
  ALE: 0x9,
  /** Bound check failed (asrt*, ldgt/ldle/stgt/stle). */
  BCE: 0xa,
  /** `syscall`. */
  SYS: 0xb,
  /** `break`. */
  BRK: 0xc,
  /** Instruction does not exist (an undefined encoding). */
  INE: 0xd,
  /** Instruction privilege error (a privileged instruction outside PLV0). */
  IPE: 0xe,
  /** Floating-point disabled: an FP instruction while EUEN.FPE = 0. */
  FPD: 0xf,
  /** Floating-point exception: an FP instruction raised an exception enabled in FCSR0 (EsubCode 0). */
  FPE: 0x12,
  /** Watchpoint exception: sub-code {@link EsubCode}.WPEF (fetch watchpoint) or WPEM (load/store). */
  WPE: 0x13,
} as const;

/** One of the {@link Ecode} values. */
export type EcodeValue = (typeof Ecode)[keyof typeof Ecode];

/**
 * Exception sub-codes (ESTAT.EsubCode) used with {@link Ecode}.ADE and {@link Ecode}.WPE.
 *
 * @example
 * ```ts
 * import { EsubCode } from "@axvisor/loongarch-cpu";
 * console.log(EsubCode.ADEF, EsubCode.ADEM); // 0 1
 * ```
 */
export const EsubCode = {
  /** Address error on instruction fetch (misaligned or bad PC). */
  ADEF: 0,
  /** Address error on a memory access (e.g. a non-canonical address). */
  ADEM: 1,
  /** Watchpoint exception of a fetch watchpoint (with {@link Ecode}.WPE). */
  WPEF: 0,
  /** Watchpoint exception of a load/store watchpoint (with {@link Ecode}.WPE). */
  WPEM: 1,
} as const;

const NAMES: Readonly<Record<number, string>> = {
  0: "INT",
  1: "PIL",
  2: "PIS",
  3: "PIF",
  4: "PME",
  5: "PNR",
  6: "PNX",
  7: "PPI",
  8: "ADE",
  9: "ALE",
  10: "BCE",
  11: "SYS",
  12: "BRK",
  13: "INE",
  14: "IPE",
  15: "FPD",
  18: "FPE",
  19: "WPE",
};

/**
 * The short name of an exception code, as the manual spells it.
 *
 * @param ecode - An ESTAT.Ecode value.
 * @returns The name (`"INE"`, `"ADE"`, ...) or `"ECODE_0x.."` for codes without one.
 *
 * @example
 * ```ts
 * import { ecodeName } from "@axvisor/loongarch-cpu";
 * console.log(ecodeName(0xd)); // "INE"
 * ```
 */
export function ecodeName(ecode: number): string {
  return NAMES[ecode] ?? `ECODE_0x${ecode.toString(16)}`;
}
