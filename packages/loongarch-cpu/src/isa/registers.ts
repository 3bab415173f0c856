/**
 * General-purpose register names as `llvm-objdump-19` prints them, and the parser the assembler uses.
 *
 * @module
 */

/**
 * The printed name of each general register `$r0`..`$r31` (LLVM's ABI spelling: `$r21` has no ABI
 * name, `$r22` prints as `$fp`).
 *
 * @example
 * ```ts
 * import { GPR_NAMES } from "@axvisor/loongarch-cpu";
 * console.log(GPR_NAMES[4], GPR_NAMES[21], GPR_NAMES[22]); // "$a0" "$r21" "$fp"
 * ```
 */
export const GPR_NAMES: readonly string[] = Object.freeze([
  "$zero",
  "$ra",
  "$tp",
  "$sp",
  "$a0",
  "$a1",
  "$a2",
  "$a3",
  "$a4",
  "$a5",
  "$a6",
  "$a7",
  "$t0",
  "$t1",
  "$t2",
  "$t3",
  "$t4",
  "$t5",
  "$t6",
  "$t7",
  "$t8",
  "$r21",
  "$fp",
  "$s0",
  "$s1",
  "$s2",
  "$s3",
  "$s4",
  "$s5",
  "$s6",
  "$s7",
  "$s8",
]);

const BY_NAME: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  GPR_NAMES.forEach((n, i) => {
    m.set(n.slice(1), i);
    m.set(`r${i}`, i);
  });
  m.set("s9", 22);
  return m;
})();

/**
 * Parses a general register name: `$rN`, an ABI name (`$zero`, `$ra`, `$tp`, `$sp`, `$a0`-`$a7`,
 * `$t0`-`$t8`, `$fp`/`$s9`, `$s0`-`$s8`), with or without the `$`. Names are case-sensitive, as in LLVM.
 *
 * @param name - The register text.
 * @returns The register number 0..31, or `undefined` if `name` is not a register.
 *
 * @example
 * ```ts
 * import { parseGpr } from "@axvisor/loongarch-cpu";
 * console.log(parseGpr("$a0"), parseGpr("r22"), parseGpr("$s9"), parseGpr("$x")); // 4 22 22 undefined
 * ```
 */
export function parseGpr(name: string): number | undefined {
  return BY_NAME.get(name.startsWith("$") ? name.slice(1) : name);
}

/**
 * The printed name of each floating-point register `$f0`..`$f31` (LLVM's ABI spelling: `$fa0`-`$fa7`,
 * `$ft0`-`$ft15`, `$fs0`-`$fs7`).
 *
 * @example
 * ```ts
 * import { FPR_NAMES } from "@axvisor/loongarch-cpu";
 * console.log(FPR_NAMES[0], FPR_NAMES[8], FPR_NAMES[31]); // "$fa0" "$ft0" "$fs7"
 * ```
 */
export const FPR_NAMES: readonly string[] = Object.freeze(
  Array.from({ length: 32 }, (_, i) => (i < 8 ? `$fa${i}` : i < 24 ? `$ft${i - 8}` : `$fs${i - 24}`)),
);

const FPR_BY_NAME: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  FPR_NAMES.forEach((n, i) => {
    m.set(n.slice(1), i);
    m.set(`f${i}`, i);
  });
  return m;
})();

/**
 * Parses a floating-point register name: `$fN` or an ABI name (`$fa0`-`$fa7`, `$ft0`-`$ft15`,
 * `$fs0`-`$fs7`), with or without the `$`.
 *
 * @param name - The register text.
 * @returns The register number 0..31, or `undefined` if `name` is not an FP register.
 *
 * @example
 * ```ts
 * import { parseFpr } from "@axvisor/loongarch-cpu";
 * console.log(parseFpr("$fa1"), parseFpr("f9"), parseFpr("$fs7"), parseFpr("$a0")); // 1 9 31 undefined
 * ```
 */
export function parseFpr(name: string): number | undefined {
  return FPR_BY_NAME.get(name.startsWith("$") ? name.slice(1) : name);
}
