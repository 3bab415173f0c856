/**
 * Field extractors for LoongArch instruction words: small pure integer functions, cheap enough for the
 * interpreter's hot path. Each takes the 32-bit word (as uint32 or int32) and returns a JS integer.
 *
 * @module
 */

/**
 * The `rd` register field, bits [4:0] (also `fd`, the preld/cacop hint and the invtlb op).
 *
 * @param w - The instruction word.
 * @returns The field value.
 *
 * @example
 * ```ts
 * import { rd } from "@axvisor/loongarch-cpu";
 * console.log(rd(0x02c00484)); // 4
 * ```
 */
export function rd(w: number): number {
  return w & 31;
}

/**
 * The `rj` register field, bits [9:5].
 *
 * @param w - The instruction word.
 * @returns The field value.
 *
 * @example
 * ```ts
 * import { rj } from "@axvisor/loongarch-cpu";
 * console.log(rj(0x02c00484)); // 4
 * ```
 */
export function rj(w: number): number {
  return (w >>> 5) & 31;
}

/**
 * The `rk` register field, bits [14:10].
 *
 * @param w - The instruction word.
 * @returns The field value.
 *
 * @example
 * ```ts
 * import { rk } from "@axvisor/loongarch-cpu";
 * console.log(rk(0x00150c85)); // 3
 * ```
 */
export function rk(w: number): number {
  return (w >>> 10) & 31;
}

/**
 * The `ra`/`fa` register field of 4-register formats, bits [19:15].
 *
 * @param w - The instruction word.
 * @returns The field value.
 *
 * @example
 * ```ts
 * import { ra } from "@axvisor/loongarch-cpu";
 * console.log(ra(0x08118820)); // 3
 * ```
 */
export function ra(w: number): number {
  return (w >>> 15) & 31;
}

/**
 * The unsigned 5-bit immediate in bits [14:10] (slli.w and friends).
 *
 * @param w - The instruction word.
 * @returns The field value.
 *
 * @example
 * ```ts
 * import { ui5 } from "@axvisor/loongarch-cpu";
 * console.log(ui5(0x00408c84)); // 3
 * ```
 */
export function ui5(w: number): number {
  return (w >>> 10) & 31;
}

/**
 * The unsigned 6-bit immediate in bits [15:10] (slli.d and friends).
 *
 * @param w - The instruction word.
 * @returns The field value.
 *
 * @example
 * ```ts
 * import { ui6 } from "@axvisor/loongarch-cpu";
 * console.log(ui6(0x0041fc84)); // 63
 * ```
 */
export function ui6(w: number): number {
  return (w >>> 10) & 63;
}

/**
 * The unsigned 8-bit immediate in bits [17:10] (lddir level, ldpte sequence).
 *
 * @param w - The instruction word.
 * @returns The field value.
 *
 * @example
 * ```ts
 * import { ui8 } from "@axvisor/loongarch-cpu";
 * console.log(ui8(0x06400c84)); // 3
 * ```
 */
export function ui8(w: number): number {
  return (w >>> 10) & 0xff;
}

/**
 * The unsigned 12-bit immediate in bits [21:10] (andi/ori/xori: zero-extended).
 *
 * @param w - The instruction word.
 * @returns The field value.
 *
 * @example
 * ```ts
 * import { ui12 } from "@axvisor/loongarch-cpu";
 * console.log(ui12(0x03bffc84)); // 4095
 * ```
 */
export function ui12(w: number): number {
  return (w >>> 10) & 0xfff;
}

/**
 * The signed 12-bit immediate in bits [21:10], sign-extended.
 *
 * @param w - The instruction word.
 * @returns The field value.
 *
 * @example
 * ```ts
 * import { si12 } from "@axvisor/loongarch-cpu";
 * console.log(si12(0x02fffc84)); // -1
 * ```
 */
export function si12(w: number): number {
  return (w << 10) >> 20;
}

/**
 * The signed 14-bit immediate in bits [23:10], sign-extended (not scaled; see {@link offs14}).
 *
 * @param w - The instruction word.
 * @returns The field value.
 *
 * @example
 * ```ts
 * import { si14 } from "@axvisor/loongarch-cpu";
 * console.log(si14(0x24fffc84)); // -1
 * ```
 */
export function si14(w: number): number {
  return (w << 8) >> 18;
}

/**
 * The byte offset of ll/sc/ldptr/stptr: the signed 14-bit field in bits [23:10], sign-extended and times 4.
 *
 * @param w - The instruction word.
 * @returns The field value.
 *
 * @example
 * ```ts
 * import { offs14 } from "@axvisor/loongarch-cpu";
 * console.log(offs14(0x24fffc84)); // -4
 * ```
 */
export function offs14(w: number): number {
  return ((w << 8) >> 18) << 2;
}

/**
 * The signed 16-bit immediate in bits [25:10], sign-extended (addu16i.d).
 *
 * @param w - The instruction word.
 * @returns The field value.
 *
 * @example
 * ```ts
 * import { si16 } from "@axvisor/loongarch-cpu";
 * console.log(si16(0x13fffc84)); // -1
 * ```
 */
export function si16(w: number): number {
  return (w << 6) >> 16;
}

/**
 * The signed 20-bit immediate in bits [24:5], sign-extended (lu12i.w, lu32i.d, pcaddi, pcalau12i, pcaddu12i, pcaddu18i).
 *
 * @param w - The instruction word.
 * @returns The field value.
 *
 * @example
 * ```ts
 * import { si20 } from "@axvisor/loongarch-cpu";
 * console.log(si20(0x15ffffe4)); // -1
 * ```
 */
export function si20(w: number): number {
  return (w << 7) >> 12;
}

/**
 * The byte offset of jirl and beq/bne/blt/bge/bltu/bgeu: bits [25:10], sign-extended, times 4.
 *
 * @param w - The instruction word.
 * @returns The field value.
 *
 * @example
 * ```ts
 * import { offs16 } from "@axvisor/loongarch-cpu";
 * console.log(offs16(0x5bfffc85)); // -4
 * ```
 */
export function offs16(w: number): number {
  return ((w << 6) >> 16) << 2;
}

/**
 * The byte offset of beqz/bnez/bceqz/bcnez: {bits [4:0], bits [25:10]} sign-extended, times 4.
 *
 * @param w - The instruction word.
 * @returns The field value.
 *
 * @example
 * ```ts
 * import { offs21 } from "@axvisor/loongarch-cpu";
 * console.log(offs21(0x43fffc9f)); // -4
 * ```
 */
export function offs21(w: number): number {
  return ((((w & 31) << 16) | ((w >>> 10) & 0xffff)) << 11) >> 9;
}

/**
 * The byte offset of b/bl: {bits [9:0], bits [25:10]} sign-extended, times 4.
 *
 * @param w - The instruction word.
 * @returns The field value.
 *
 * @example
 * ```ts
 * import { offs26 } from "@axvisor/loongarch-cpu";
 * console.log(offs26(0x53ffffff)); // -4
 * ```
 */
export function offs26(w: number): number {
  return ((((w & 0x3ff) << 16) | ((w >>> 10) & 0xffff)) << 6) >> 4;
}

/**
 * The msb of bstrins.w/bstrpick.w, bits [20:16].
 *
 * @param w - The instruction word.
 * @returns The field value.
 *
 * @example
 * ```ts
 * import { msbw } from "@axvisor/loongarch-cpu";
 * console.log(msbw(0x007f0084)); // 31
 * ```
 */
export function msbw(w: number): number {
  return (w >>> 16) & 31;
}

/**
 * The lsb of bstrins.w/bstrpick.w, bits [14:10].
 *
 * @param w - The instruction word.
 * @returns The field value.
 *
 * @example
 * ```ts
 * import { lsbw } from "@axvisor/loongarch-cpu";
 * console.log(lsbw(0x00607c84)); // 31
 * ```
 */
export function lsbw(w: number): number {
  return (w >>> 10) & 31;
}

/**
 * The msb of bstrins.d/bstrpick.d, bits [21:16].
 *
 * @param w - The instruction word.
 * @returns The field value.
 *
 * @example
 * ```ts
 * import { msbd } from "@axvisor/loongarch-cpu";
 * console.log(msbd(0x00ff0084)); // 63
 * ```
 */
export function msbd(w: number): number {
  return (w >>> 16) & 63;
}

/**
 * The lsb of bstrins.d/bstrpick.d, bits [15:10].
 *
 * @param w - The instruction word.
 * @returns The field value.
 *
 * @example
 * ```ts
 * import { lsbd } from "@axvisor/loongarch-cpu";
 * console.log(lsbd(0x00c0fc84)); // 63
 * ```
 */
export function lsbd(w: number): number {
  return (w >>> 10) & 63;
}

/**
 * The 2-bit shift field in bits [16:15] (alsl.*: shift is `sa2 + 1`; bytepick.w: byte count).
 *
 * @param w - The instruction word.
 * @returns The field value.
 *
 * @example
 * ```ts
 * import { sa2 } from "@axvisor/loongarch-cpu";
 * console.log(sa2(0x002d8c85)); // 3
 * ```
 */
export function sa2(w: number): number {
  return (w >>> 15) & 3;
}

/**
 * The 3-bit byte count of bytepick.d, bits [17:15].
 *
 * @param w - The instruction word.
 * @returns The field value.
 *
 * @example
 * ```ts
 * import { sa3 } from "@axvisor/loongarch-cpu";
 * console.log(sa3(0x000f8c85)); // 7
 * ```
 */
export function sa3(w: number): number {
  return (w >>> 15) & 7;
}

/**
 * The 14-bit CSR number of csrrd/csrwr/csrxchg (and gcsr*), bits [23:10].
 *
 * @param w - The instruction word.
 * @returns The field value.
 *
 * @example
 * ```ts
 * import { csr } from "@axvisor/loongarch-cpu";
 * console.log(csr(0x04000404)); // 1
 * ```
 */
export function csr(w: number): number {
  return (w >>> 10) & 0x3fff;
}

/**
 * The 15-bit code of syscall/break/dbcl/hvcl and the hint of dbar/ibar/idle, bits [14:0].
 *
 * @param w - The instruction word.
 * @returns The field value.
 *
 * @example
 * ```ts
 * import { code15 } from "@axvisor/loongarch-cpu";
 * console.log(code15(0x002b0000)); // 0
 * ```
 */
export function code15(w: number): number {
  return w & 0x7fff;
}

/**
 * The 5-bit hint/code/op in the rd position (preld, preldx, cacop, invtlb).
 *
 * @param w - The instruction word.
 * @returns The field value.
 *
 * @example
 * ```ts
 * import { hint5 } from "@axvisor/loongarch-cpu";
 * console.log(hint5(0x2ac00000)); // 0
 * ```
 */
export function hint5(w: number): number {
  return w & 31;
}

/**
 * The FP condition flag index of bceqz/bcnez, bits [7:5].
 *
 * @param w - The instruction word.
 * @returns The field value.
 *
 * @example
 * ```ts
 * import { cj } from "@axvisor/loongarch-cpu";
 * console.log(cj(0x480000e0)); // 7
 * ```
 */
export function cj(w: number): number {
  return (w >>> 5) & 7;
}
