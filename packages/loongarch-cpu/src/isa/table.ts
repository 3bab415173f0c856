/**
 * The one LoongArch64 instruction table: every instruction the decoder knows, with its encoding
 * (`match`/`mask`), operand layout and behaviour flags. The decoder, disassembler and assembler are all
 * driven by it, and later tiers (a block compiler) can read the same structured metadata.
 *
 * To add an instruction: append a key to {@link Op} (next free id) and a row to `ROWS` at the same index;
 * a test checks that the two stay in step.
 *
 * @module
 */

/**
 * Operand layout of an instruction: which fields are printed, in which order (the order of
 * `llvm-objdump-19`). Each layout maps to an operand list in {@link FORMAT_OPERANDS}.
 */
export type InsnFormat =
  | "NONE"
  | "RD_RJ"
  | "RD_RJ_RK"
  | "RD_RK_RJ"
  | "RJ_RK"
  | "ALSL"
  | "BYTEPICK_W"
  | "BYTEPICK_D"
  | "RD_RJ_UI5"
  | "RD_RJ_UI6"
  | "RD_RJ_UI8"
  | "RJ_UI8"
  | "RD_RJ_UI12"
  | "RD_RJ_SI12"
  | "RD_RJ_SI14X4"
  | "RD_RJ_SI16"
  | "RD_SI20"
  | "BSTR_W"
  | "BSTR_D"
  | "HINT_RJ_SI12"
  | "HINT_RJ_RK"
  | "CODE15"
  | "RJ_OFFS21"
  | "CJ_OFFS21"
  | "RD_RJ_OFFS16"
  | "RJ_RD_OFFS16"
  | "OFFS26"
  | "RD_CSR"
  | "RD_RJ_CSR"
  | "FD_FJ_FK"
  | "FD_FJ"
  | "FD_FJ_FK_FA"
  | "FD_RJ"
  | "RD_FJ"
  | "FCSR_RJ"
  | "RD_FCSR"
  | "CD_FJ"
  | "FD_CJ"
  | "CD_RJ"
  | "RD_CJ"
  | "CD_FJ_FK"
  | "FSEL"
  | "FD_RJ_SI12"
  | "FD_RJ_RK";

/**
 * One operand as it appears in assembly text, named after the encoding field it comes from.
 *
 * - `rd`, `rj`, `rk`: general registers in bits [4:0], [9:5], [14:10].
 * - `cj`: an FP condition flag register `$fccN` in bits [7:5].
 * - `ui5`, `ui6`, `ui8`, `ui12`: unsigned immediates starting at bit 10.
 * - `si12`, `si16`, `si20`: sign-extended immediates (`si20` starts at bit 5).
 * - `si14x4`: the sign-extended 14-bit field at bit 10, times 4 (ll/sc/ldptr/stptr byte offset).
 * - `sa2p1`: `alsl` shift, the 2-bit field at bit 15 plus one; `sa2`, `sa3`: `bytepick` byte counts.
 * - `msbw`/`lsbw`, `msbd`/`lsbd`: bit-string bounds of `bstrins`/`bstrpick`.
 * - `hint5`: the rd field read as a number (preld hint, cacop code, invtlb op).
 * - `code15`: bits [14:0]. `csr14`: a CSR number in bits [23:10].
 * - `offs16`, `offs21`, `offs26`: branch byte offsets (sign-extended, times 4), relative to the branch.
 * - `fd`, `fj`, `fk`, `fa`: floating-point registers `$fa0`.. in bits [4:0], [9:5], [14:10], [19:15].
 * - `cd`: a condition flag `$fccN` in bits [2:0]; `ca`: one in bits [17:15] (`fsel`).
 * - `fcsrd`, `fcsrj`: an FCSR view `$fcsrN` (0-3) in bits [4:0] / [9:5].
 */
export type OperandKind =
  | "rd"
  | "rj"
  | "rk"
  | "cj"
  | "ui5"
  | "ui6"
  | "ui8"
  | "ui12"
  | "si12"
  | "si14x4"
  | "si16"
  | "si20"
  | "sa2p1"
  | "sa2"
  | "sa3"
  | "msbw"
  | "lsbw"
  | "msbd"
  | "lsbd"
  | "hint5"
  | "code15"
  | "csr14"
  | "offs16"
  | "offs21"
  | "offs26"
  | "fd"
  | "fj"
  | "fk"
  | "fa"
  | "cd"
  | "ca"
  | "fcsrd"
  | "fcsrj";

/**
 * The printed operands of each {@link InsnFormat}, in assembly order.
 *
 * @example
 * ```ts
 * import { FORMAT_OPERANDS } from "@axvisor/loongarch-cpu";
 * console.log(FORMAT_OPERANDS.RD_RK_RJ); // ["rd", "rk", "rj"] (the am* atomics)
 * ```
 */
export const FORMAT_OPERANDS: Readonly<Record<InsnFormat, readonly OperandKind[]>> = {
  NONE: [],
  RD_RJ: ["rd", "rj"],
  RD_RJ_RK: ["rd", "rj", "rk"],
  RD_RK_RJ: ["rd", "rk", "rj"],
  RJ_RK: ["rj", "rk"],
  ALSL: ["rd", "rj", "rk", "sa2p1"],
  BYTEPICK_W: ["rd", "rj", "rk", "sa2"],
  BYTEPICK_D: ["rd", "rj", "rk", "sa3"],
  RD_RJ_UI5: ["rd", "rj", "ui5"],
  RD_RJ_UI6: ["rd", "rj", "ui6"],
  RD_RJ_UI8: ["rd", "rj", "ui8"],
  RJ_UI8: ["rj", "ui8"],
  RD_RJ_UI12: ["rd", "rj", "ui12"],
  RD_RJ_SI12: ["rd", "rj", "si12"],
  RD_RJ_SI14X4: ["rd", "rj", "si14x4"],
  RD_RJ_SI16: ["rd", "rj", "si16"],
  RD_SI20: ["rd", "si20"],
  BSTR_W: ["rd", "rj", "msbw", "lsbw"],
  BSTR_D: ["rd", "rj", "msbd", "lsbd"],
  HINT_RJ_SI12: ["hint5", "rj", "si12"],
  HINT_RJ_RK: ["hint5", "rj", "rk"],
  CODE15: ["code15"],
  RJ_OFFS21: ["rj", "offs21"],
  CJ_OFFS21: ["cj", "offs21"],
  RD_RJ_OFFS16: ["rd", "rj", "offs16"],
  RJ_RD_OFFS16: ["rj", "rd", "offs16"],
  OFFS26: ["offs26"],
  RD_CSR: ["rd", "csr14"],
  RD_RJ_CSR: ["rd", "rj", "csr14"],
  FD_FJ_FK: ["fd", "fj", "fk"],
  FD_FJ: ["fd", "fj"],
  FD_FJ_FK_FA: ["fd", "fj", "fk", "fa"],
  FD_RJ: ["fd", "rj"],
  RD_FJ: ["rd", "fj"],
  FCSR_RJ: ["fcsrd", "rj"],
  RD_FCSR: ["rd", "fcsrj"],
  CD_FJ: ["cd", "fj"],
  FD_CJ: ["fd", "cj"],
  CD_RJ: ["cd", "rj"],
  RD_CJ: ["rd", "cj"],
  CD_FJ_FK: ["cd", "fj", "fk"],
  FSEL: ["fd", "fj", "fk", "ca"],
  FD_RJ_SI12: ["fd", "rj", "si12"],
  FD_RJ_RK: ["fd", "rj", "rk"],
};

/**
 * Behaviour flags of an instruction ({@link InsnDef.flags} is a bitwise OR of these).
 *
 * @example
 * ```ts
 * import { INSNS, InsnFlag, Op } from "@axvisor/loongarch-cpu";
 * const ld = INSNS[Op.LD_BU]!;
 * console.log((ld.flags & InsnFlag.LOAD) !== 0, (ld.flags & InsnFlag.UNSIGNED) !== 0, ld.memBytes); // true true 1
 * ```
 */
export const InsnFlag = {
  /** Reads memory (loads, ll, am*, iocsrrd). */
  LOAD: 1,
  /** Writes memory (stores, sc, am*, iocsrwr). */
  STORE: 2,
  /** The load zero-extends (ld.bu, ldx.hu, ...). */
  UNSIGNED: 4,
  /** Atomic access: ll/sc and am*. */
  ATOMIC: 8,
  /** Bound-checked access or assertion (ldgt/ldle/stgt/stle, asrtle/asrtgt): may raise BCE. */
  BOUND: 16,
  /** Transfers control (branches, jumps, calls). */
  BRANCH: 32,
  /** The branch is conditional. */
  COND: 64,
  /** Writes a return address (bl, jirl). */
  LINK: 128,
  /** Target comes from a register (jirl). */
  INDIRECT: 256,
  /** Always raises an exception or hypercall (syscall, break, dbcl, hvcl). */
  TRAP: 512,
  /** A memory barrier (dbar, ibar, am*_db). */
  BARRIER: 1024,
  /** Privileged (PLV0 only). */
  PRIV: 2048,
  /** Part of the LVZ virtualisation extension. */
  LVZ: 4096,
  /** Reads or writes floating-point state (FP instructions, bceqz/bcnez which read the FCC flags): FPD when EUEN.FPE = 0. */
  FP: 8192,
} as const;

/**
 * Register fields an instruction reads or writes ({@link InsnDef.reads} / {@link InsnDef.writes} are a
 * bitwise OR of these): the data flow a block compiler or a liveness pass needs without decoding semantics.
 *
 * @example
 * ```ts
 * import { INSNS, Op, RegUse } from "@axvisor/loongarch-cpu";
 * const st = INSNS[Op.ST_D]!; // st.d rd, rj, si12: stores rd
 * console.log(st.reads === (RegUse.RD | RegUse.RJ), st.writes); // true 0
 * console.log(INSNS[Op.BL]!.writes === RegUse.RA); // true ($ra is implicit)
 * ```
 */
export const RegUse = {
  /** The rd field (bits [4:0]) as a register. */
  RD: 1,
  /** The rj field (bits [9:5]). */
  RJ: 2,
  /** The rk field (bits [14:10]). */
  RK: 4,
  /** `$ra` (r1), implicitly (bl). */
  RA: 8,
} as const;

/** The static description of one instruction: one entry of {@link INSNS}. */
export interface InsnDef {
  /** The {@link Op} id (index in {@link INSNS}). */
  readonly id: number;
  /** The assembly mnemonic, e.g. `"amswap_db.d"`. */
  readonly mnemonic: string;
  /** The {@link Op} key, e.g. `"AMSWAP_DB_D"`. */
  readonly name: string;
  /** The fixed bits: a word `w` encodes this instruction iff `(w & mask) === match` (as uint32). */
  readonly match: number;
  /** Which bits are fixed (uint32). */
  readonly mask: number;
  /** The operand layout. */
  readonly format: InsnFormat;
  /** The printed operands, `FORMAT_OPERANDS[format]`. */
  readonly operands: readonly OperandKind[];
  /** Bitwise OR of {@link InsnFlag} values. */
  readonly flags: number;
  /** Bytes accessed in memory (1, 2, 4, 8), or 0 for non-memory instructions. */
  readonly memBytes: number;
  /** General-register fields read (bitwise OR of {@link RegUse}). */
  readonly reads: number;
  /** General-register fields written (bitwise OR of {@link RegUse}); writes to `$zero` are discarded. */
  readonly writes: number;
}

/**
 * Instruction ids, one per mnemonic (upper case, `.` → `_`). `INVALID` (0) stands for every word that
 * is not an instruction (the CPU raises INE). Ids are small integers so that they can index arrays.
 *
 * @example
 * ```ts
 * import { decode, Op } from "@axvisor/loongarch-cpu";
 * console.log(decode(0x02c00484) === Op.ADDI_D); // true (addi.d $a0, $a0, 1)
 * console.log(decode(0xffffffff) === Op.INVALID); // true
 * ```
 */
export const Op = {
  /** Not an instruction (raises INE). */
  INVALID: 0,
  /** `add.w`: rd = sext32(rj[31:0] + rk[31:0]). */
  ADD_W: 1,
  /** `add.d`: rd = rj + rk. */
  ADD_D: 2,
  /** `sub.w`: rd = sext32(rj - rk). */
  SUB_W: 3,
  /** `sub.d`: rd = rj - rk. */
  SUB_D: 4,
  /** `slt`: rd = (s64)rj < (s64)rk. */
  SLT: 5,
  /** `sltu`: rd = (u64)rj < (u64)rk. */
  SLTU: 6,
  /** `slti`: rd = (s64)rj < sext(si12). */
  SLTI: 7,
  /** `sltui`: rd = (u64)rj < (u64)sext(si12)  (immediate is sign-extended, then compared unsigned). */
  SLTUI: 8,
  /** `nor`: rd = ~(rj | rk). */
  NOR: 9,
  /** `and`: rd = rj & rk. */
  AND: 10,
  /** `or`: rd = rj | rk  (or rd,rj,$zero = move). */
  OR: 11,
  /** `xor`: rd = rj ^ rk. */
  XOR: 12,
  /** `orn`: rd = rj | ~rk. */
  ORN: 13,
  /** `andn`: rd = rj & ~rk. */
  ANDN: 14,
  /** `mul.w`: rd = sext32(rj*rk low 32). */
  MUL_W: 15,
  /** `mulh.w`: rd = sext32((s32*s32)>>32). */
  MULH_W: 16,
  /** `mulh.wu`: rd = sext32((u32*u32)>>32). */
  MULH_WU: 17,
  /** `mul.d`: rd = low64(rj*rk). */
  MUL_D: 18,
  /** `mulh.d`: rd = high64(s64*s64). */
  MULH_D: 19,
  /** `mulh.du`: rd = high64(u64*u64). */
  MULH_DU: 20,
  /** `mulw.d.w`: rd = (s64)(s32)rj * (s32)rk. */
  MULW_D_W: 21,
  /** `mulw.d.wu`: rd = (u64)(u32)rj * (u32)rk. */
  MULW_D_WU: 22,
  /** `div.w`: rd = sext32((s32)rj / (s32)rk). */
  DIV_W: 23,
  /** `mod.w`: rd = sext32((s32)rj % (s32)rk). */
  MOD_W: 24,
  /** `div.wu`: rd = sext32((u32)rj / (u32)rk). */
  DIV_WU: 25,
  /** `mod.wu`: rd = sext32((u32)rj % (u32)rk). */
  MOD_WU: 26,
  /** `div.d`: rd = (s64)rj / (s64)rk. */
  DIV_D: 27,
  /** `mod.d`: rd = (s64)rj % (s64)rk. */
  MOD_D: 28,
  /** `div.du`: rd = (u64)rj / (u64)rk. */
  DIV_DU: 29,
  /** `mod.du`: rd = (u64)rj % (u64)rk. */
  MOD_DU: 30,
  /** `alsl.w`: rd = sext32((rj << (sa2+1)) + rk). */
  ALSL_W: 31,
  /** `alsl.wu`: rd = zext32((rj << (sa2+1)) + rk). */
  ALSL_WU: 32,
  /** `alsl.d`: rd = (rj << (sa2+1)) + rk. */
  ALSL_D: 33,
  /** `lu12i.w`: rd = sext32(si20 << 12). */
  LU12I_W: 34,
  /** `lu32i.d`: rd[63:32] = sext(si20) (bits 51:32 = si20, 63:52 = sign); rd[31:0] kept. */
  LU32I_D: 35,
  /** `lu52i.d`: rd = (rj & 0x000fffffffffffff) | (si12 << 52). */
  LU52I_D: 36,
  /** `pcaddi`: rd = pc + sext(si20 << 2). */
  PCADDI: 37,
  /** `pcalau12i`: rd = (pc + sext(si20 << 12)) & ~0xfff. */
  PCALAU12I: 38,
  /** `pcaddu12i`: rd = pc + sext(si20 << 12). */
  PCADDU12I: 39,
  /** `pcaddu18i`: rd = pc + sext(si20 << 18). */
  PCADDU18I: 40,
  /** `addi.w`: rd = sext32(rj + sext(si12)). */
  ADDI_W: 41,
  /** `addi.d`: rd = rj + sext(si12). */
  ADDI_D: 42,
  /** `addu16i.d`: rd = rj + sext(si16 << 16). */
  ADDU16I_D: 43,
  /** `andi`: rd = rj & zext(ui12)  (andi $zero,$zero,0 = nop). */
  ANDI: 44,
  /** `ori`: rd = rj | zext(ui12). */
  ORI: 45,
  /** `xori`: rd = rj ^ zext(ui12). */
  XORI: 46,
  /** `sll.w`: rd = sext32(rj[31:0] << rk[4:0]). */
  SLL_W: 47,
  /** `srl.w`: rd = sext32(rj[31:0] >>u rk[4:0]). */
  SRL_W: 48,
  /** `sra.w`: rd = sext32((s32)rj >> rk[4:0]). */
  SRA_W: 49,
  /** `sll.d`: rd = rj << rk[5:0]. */
  SLL_D: 50,
  /** `srl.d`: rd = rj >>u rk[5:0]. */
  SRL_D: 51,
  /** `sra.d`: rd = (s64)rj >> rk[5:0]. */
  SRA_D: 52,
  /** `rotr.w`: rd = sext32(rotr32(rj[31:0], rk[4:0])). */
  ROTR_W: 53,
  /** `rotr.d`: rd = rotr64(rj, rk[5:0]). */
  ROTR_D: 54,
  /** `slli.w`: rd = sext32(rj << ui5). */
  SLLI_W: 55,
  /** `slli.d`: rd = rj << ui6. */
  SLLI_D: 56,
  /** `srli.w`: rd = sext32(rj[31:0] >>u ui5). */
  SRLI_W: 57,
  /** `srli.d`: rd = rj >>u ui6. */
  SRLI_D: 58,
  /** `srai.w`: rd = sext32((s32)rj >> ui5). */
  SRAI_W: 59,
  /** `srai.d`: rd = (s64)rj >> ui6. */
  SRAI_D: 60,
  /** `rotri.w`: rd = sext32(rotr32(rj[31:0], ui5)). */
  ROTRI_W: 61,
  /** `rotri.d`: rd = rotr64(rj, ui6). */
  ROTRI_D: 62,
  /** `ext.w.h`: rd = sext16(rj). */
  EXT_W_H: 63,
  /** `ext.w.b`: rd = sext8(rj). */
  EXT_W_B: 64,
  /** `clo.w`: rd = count leading ones of rj[31:0]. */
  CLO_W: 65,
  /** `clz.w`: rd = count leading zeros of rj[31:0]. */
  CLZ_W: 66,
  /** `cto.w`: rd = count trailing ones of rj[31:0]. */
  CTO_W: 67,
  /** `ctz.w`: rd = count trailing zeros of rj[31:0]. */
  CTZ_W: 68,
  /** `clo.d`: rd = clo64(rj). */
  CLO_D: 69,
  /** `clz.d`: rd = clz64(rj). */
  CLZ_D: 70,
  /** `cto.d`: rd = cto64(rj). */
  CTO_D: 71,
  /** `ctz.d`: rd = ctz64(rj). */
  CTZ_D: 72,
  /** `revb.2h`: rd = sext32(byte-swap each halfword of rj[31:0]). */
  REVB_2H: 73,
  /** `revb.4h`: rd = byte-swap each of the 4 halfwords. */
  REVB_4H: 74,
  /** `revb.2w`: rd = byte-swap each of the 2 words. */
  REVB_2W: 75,
  /** `revb.d`: rd = bswap64(rj). */
  REVB_D: 76,
  /** `revh.2w`: rd = swap the 2 halfwords inside each word. */
  REVH_2W: 77,
  /** `revh.d`: rd = reverse the 4 halfwords. */
  REVH_D: 78,
  /** `bitrev.4b`: rd = sext32(bit-reverse each byte of rj[31:0]). */
  BITREV_4B: 79,
  /** `bitrev.8b`: rd = bit-reverse each of the 8 bytes. */
  BITREV_8B: 80,
  /** `bitrev.w`: rd = sext32(bitrev32(rj)). */
  BITREV_W: 81,
  /** `bitrev.d`: rd = bitrev64(rj). */
  BITREV_D: 82,
  /** `bytepick.w`: rd = sext32((rk[31:0] << 8*sa2) | (rj[31:0] >> (32 - 8*sa2))). */
  BYTEPICK_W: 83,
  /** `bytepick.d`: rd = (rk << 8*sa3) | (rj >> (64 - 8*sa3))  (sa3=0 -> rk). */
  BYTEPICK_D: 84,
  /** `maskeqz`: rd = (rk == 0) ? 0 : rj. */
  MASKEQZ: 85,
  /** `masknez`: rd = (rk != 0) ? 0 : rj. */
  MASKNEZ: 86,
  /** `bstrins.w`: rd[msbw:lsbw] = rj[msbw-lsbw:0]; result sign-extended from bit 31. */
  BSTRINS_W: 87,
  /** `bstrpick.w`: rd = sext32(zext(rj[msbw:lsbw])). */
  BSTRPICK_W: 88,
  /** `bstrins.d`: rd[msbd:lsbd] = rj[msbd-lsbd:0]. */
  BSTRINS_D: 89,
  /** `bstrpick.d`: rd = zext(rj[msbd:lsbd]). */
  BSTRPICK_D: 90,
  /** `ld.b`: rd = sext8(mem[rj + si12]). */
  LD_B: 91,
  /** `ld.h`: rd = sext16(mem). */
  LD_H: 92,
  /** `ld.w`: rd = sext32(mem). */
  LD_W: 93,
  /** `ld.d`: rd = mem64. */
  LD_D: 94,
  /** `st.b`: mem8[rj+si12] = rd. */
  ST_B: 95,
  /** `st.h`: mem16 = rd. */
  ST_H: 96,
  /** `st.w`: mem32 = rd. */
  ST_W: 97,
  /** `st.d`: mem64 = rd. */
  ST_D: 98,
  /** `ld.bu`: rd = zext8(mem). */
  LD_BU: 99,
  /** `ld.hu`: rd = zext16(mem). */
  LD_HU: 100,
  /** `ld.wu`: rd = zext32(mem). */
  LD_WU: 101,
  /** `ldx.b`: rd = sext8(mem[rj + rk]). */
  LDX_B: 102,
  /** `ldx.h`: rd = sext16(mem[rj+rk]). */
  LDX_H: 103,
  /** `ldx.w`: rd = sext32(mem[rj+rk]). */
  LDX_W: 104,
  /** `ldx.d`: rd = mem64[rj+rk]. */
  LDX_D: 105,
  /** `stx.b`: mem8[rj+rk] = rd. */
  STX_B: 106,
  /** `stx.h`: mem16[rj+rk] = rd. */
  STX_H: 107,
  /** `stx.w`: mem32[rj+rk] = rd. */
  STX_W: 108,
  /** `stx.d`: mem64[rj+rk] = rd. */
  STX_D: 109,
  /** `ldx.bu`: rd = zext8(mem[rj+rk]). */
  LDX_BU: 110,
  /** `ldx.hu`: rd = zext16(mem[rj+rk]). */
  LDX_HU: 111,
  /** `ldx.wu`: rd = zext32(mem[rj+rk]). */
  LDX_WU: 112,
  /** `preld`: prefetch hint (rd field = hint) at rj+si12; no architectural effect (nop for an emulator). */
  PRELD: 113,
  /** `preldx`: prefetch hint at rj+rk; nop. */
  PRELDX: 114,
  /** `dbar`: data barrier, hint15 (clang emits 0, 0x10, 0x14, 0x700...); nop for a single-core interpreter. */
  DBAR: 115,
  /** `ibar`: instruction barrier (flush decoded/cached code after self-modifying stores). */
  IBAR: 116,
  /** `ldptr.w`: rd = sext32(mem[rj + (si14<<2)]). */
  LDPTR_W: 117,
  /** `stptr.w`: mem32[rj + (si14<<2)] = rd. */
  STPTR_W: 118,
  /** `ldptr.d`: rd = mem64[rj + (si14<<2)]. */
  LDPTR_D: 119,
  /** `stptr.d`: mem64[rj + (si14<<2)] = rd. */
  STPTR_D: 120,
  /** `ldgt.b`: if rj > rk: rd = sext8(mem[rj]) else raise BCE. */
  LDGT_B: 121,
  /** `ldgt.h`: if rj > rk: rd = sext16(mem[rj]) else raise BCE. */
  LDGT_H: 122,
  /** `ldgt.w`: if rj > rk: rd = sext32(mem[rj]) else raise BCE. */
  LDGT_W: 123,
  /** `ldgt.d`: if rj > rk: rd = sext64(mem[rj]) else raise BCE. */
  LDGT_D: 124,
  /** `ldle.b`: if rj <= rk: rd = sext8(mem[rj]) else raise BCE. */
  LDLE_B: 125,
  /** `ldle.h`: if rj <= rk: rd = sext16(mem[rj]) else raise BCE. */
  LDLE_H: 126,
  /** `ldle.w`: if rj <= rk: rd = sext32(mem[rj]) else raise BCE. */
  LDLE_W: 127,
  /** `ldle.d`: if rj <= rk: rd = sext64(mem[rj]) else raise BCE. */
  LDLE_D: 128,
  /** `stgt.b`: if rj > rk: mem8[rj] = rd else raise BCE. */
  STGT_B: 129,
  /** `stgt.h`: if rj > rk: mem16[rj] = rd else raise BCE. */
  STGT_H: 130,
  /** `stgt.w`: if rj > rk: mem32[rj] = rd else raise BCE. */
  STGT_W: 131,
  /** `stgt.d`: if rj > rk: mem64[rj] = rd else raise BCE. */
  STGT_D: 132,
  /** `stle.b`: if rj <= rk: mem8[rj] = rd else raise BCE. */
  STLE_B: 133,
  /** `stle.h`: if rj <= rk: mem16[rj] = rd else raise BCE. */
  STLE_H: 134,
  /** `stle.w`: if rj <= rk: mem32[rj] = rd else raise BCE. */
  STLE_W: 135,
  /** `stle.d`: if rj <= rk: mem64[rj] = rd else raise BCE. */
  STLE_D: 136,
  /** `ll.w`: rd = sext32(mem[rj + (si14<<2)]); LLbit=1 (link). */
  LL_W: 137,
  /** `sc.w`: if LLbit: mem32 = rd, rd = 1 else rd = 0; LLbit=0. */
  SC_W: 138,
  /** `ll.d`: rd = mem64[rj+(si14<<2)]; LLbit=1. */
  LL_D: 139,
  /** `sc.d`: if LLbit: mem64 = rd, rd=1 else rd=0. */
  SC_D: 140,
  /** `amswap.w`: atomic at [rj]: old = mem; new = rk; mem = new; rd = sext32(old32). */
  AMSWAP_W: 141,
  /** `amswap.d`: atomic at [rj]: old = mem; new = rk; mem = new; rd = old64. */
  AMSWAP_D: 142,
  /** `amadd.w`: atomic at [rj]: old = mem; new = old + rk; mem = new; rd = sext32(old32). */
  AMADD_W: 143,
  /** `amadd.d`: atomic at [rj]: old = mem; new = old + rk; mem = new; rd = old64. */
  AMADD_D: 144,
  /** `amand.w`: atomic at [rj]: old = mem; new = old & rk; mem = new; rd = sext32(old32). */
  AMAND_W: 145,
  /** `amand.d`: atomic at [rj]: old = mem; new = old & rk; mem = new; rd = old64. */
  AMAND_D: 146,
  /** `amor.w`: atomic at [rj]: old = mem; new = old | rk; mem = new; rd = sext32(old32). */
  AMOR_W: 147,
  /** `amor.d`: atomic at [rj]: old = mem; new = old | rk; mem = new; rd = old64. */
  AMOR_D: 148,
  /** `amxor.w`: atomic at [rj]: old = mem; new = old ^ rk; mem = new; rd = sext32(old32). */
  AMXOR_W: 149,
  /** `amxor.d`: atomic at [rj]: old = mem; new = old ^ rk; mem = new; rd = old64. */
  AMXOR_D: 150,
  /** `ammax.w`: atomic at [rj]: old = mem; new = max(old, rk); mem = new; rd = sext32(old32). */
  AMMAX_W: 151,
  /** `ammax.d`: atomic at [rj]: old = mem; new = max(old, rk); mem = new; rd = old64. */
  AMMAX_D: 152,
  /** `ammin.w`: atomic at [rj]: old = mem; new = min(old, rk); mem = new; rd = sext32(old32). */
  AMMIN_W: 153,
  /** `ammin.d`: atomic at [rj]: old = mem; new = min(old, rk); mem = new; rd = old64. */
  AMMIN_D: 154,
  /** `ammax.wu`: atomic at [rj]: old = mem; new = max(old, rk) (unsigned); mem = new; rd = sext32(old32). */
  AMMAX_WU: 155,
  /** `ammax.du`: atomic at [rj]: old = mem; new = max(old, rk) (unsigned); mem = new; rd = old64. */
  AMMAX_DU: 156,
  /** `ammin.wu`: atomic at [rj]: old = mem; new = min(old, rk) (unsigned); mem = new; rd = sext32(old32). */
  AMMIN_WU: 157,
  /** `ammin.du`: atomic at [rj]: old = mem; new = min(old, rk) (unsigned); mem = new; rd = old64. */
  AMMIN_DU: 158,
  /** `amswap_db.w`: atomic at [rj]: old = mem; new = rk; mem = new; rd = sext32(old32); _db = with full barrier. */
  AMSWAP_DB_W: 159,
  /** `amswap_db.d`: atomic at [rj]: old = mem; new = rk; mem = new; rd = old64; _db = with full barrier. */
  AMSWAP_DB_D: 160,
  /** `amadd_db.w`: atomic at [rj]: old = mem; new = old + rk; mem = new; rd = sext32(old32); _db = with full barrier. */
  AMADD_DB_W: 161,
  /** `amadd_db.d`: atomic at [rj]: old = mem; new = old + rk; mem = new; rd = old64; _db = with full barrier. */
  AMADD_DB_D: 162,
  /** `amand_db.w`: atomic at [rj]: old = mem; new = old & rk; mem = new; rd = sext32(old32); _db = with full barrier. */
  AMAND_DB_W: 163,
  /** `amand_db.d`: atomic at [rj]: old = mem; new = old & rk; mem = new; rd = old64; _db = with full barrier. */
  AMAND_DB_D: 164,
  /** `amor_db.w`: atomic at [rj]: old = mem; new = old | rk; mem = new; rd = sext32(old32); _db = with full barrier. */
  AMOR_DB_W: 165,
  /** `amor_db.d`: atomic at [rj]: old = mem; new = old | rk; mem = new; rd = old64; _db = with full barrier. */
  AMOR_DB_D: 166,
  /** `amxor_db.w`: atomic at [rj]: old = mem; new = old ^ rk; mem = new; rd = sext32(old32); _db = with full barrier. */
  AMXOR_DB_W: 167,
  /** `amxor_db.d`: atomic at [rj]: old = mem; new = old ^ rk; mem = new; rd = old64; _db = with full barrier. */
  AMXOR_DB_D: 168,
  /** `ammax_db.w`: atomic at [rj]: old = mem; new = max(old, rk); mem = new; rd = sext32(old32); _db = with full barrier. */
  AMMAX_DB_W: 169,
  /** `ammax_db.d`: atomic at [rj]: old = mem; new = max(old, rk); mem = new; rd = old64; _db = with full barrier. */
  AMMAX_DB_D: 170,
  /** `ammin_db.w`: atomic at [rj]: old = mem; new = min(old, rk); mem = new; rd = sext32(old32); _db = with full barrier. */
  AMMIN_DB_W: 171,
  /** `ammin_db.d`: atomic at [rj]: old = mem; new = min(old, rk); mem = new; rd = old64; _db = with full barrier. */
  AMMIN_DB_D: 172,
  /** `ammax_db.wu`: atomic at [rj]: old = mem; new = max(old, rk) (unsigned); mem = new; rd = sext32(old32); _db = with full barrier. */
  AMMAX_DB_WU: 173,
  /** `ammax_db.du`: atomic at [rj]: old = mem; new = max(old, rk) (unsigned); mem = new; rd = old64; _db = with full barrier. */
  AMMAX_DB_DU: 174,
  /** `ammin_db.wu`: atomic at [rj]: old = mem; new = min(old, rk) (unsigned); mem = new; rd = sext32(old32); _db = with full barrier. */
  AMMIN_DB_WU: 175,
  /** `ammin_db.du`: atomic at [rj]: old = mem; new = min(old, rk) (unsigned); mem = new; rd = old64; _db = with full barrier. */
  AMMIN_DB_DU: 176,
  /** `crc.w.b.w`: rd = sext32(CRC32 (poly 0xEDB88320 reflected) of rj[7:0] with state rk[31:0]). */
  CRC_W_B_W: 177,
  /** `crc.w.h.w`: rd = sext32(CRC32 (poly 0xEDB88320 reflected) of rj[15:0] with state rk[31:0]). */
  CRC_W_H_W: 178,
  /** `crc.w.w.w`: rd = sext32(CRC32 (poly 0xEDB88320 reflected) of rj[31:0] with state rk[31:0]). */
  CRC_W_W_W: 179,
  /** `crc.w.d.w`: rd = sext32(CRC32 (poly 0xEDB88320 reflected) of rj[63:0] with state rk[31:0]). */
  CRC_W_D_W: 180,
  /** `crcc.w.b.w`: rd = sext32(CRC32C (Castagnoli 0x82F63B78) of rj[7:0] with state rk[31:0]). */
  CRCC_W_B_W: 181,
  /** `crcc.w.h.w`: rd = sext32(CRC32C (Castagnoli 0x82F63B78) of rj[15:0] with state rk[31:0]). */
  CRCC_W_H_W: 182,
  /** `crcc.w.w.w`: rd = sext32(CRC32C (Castagnoli 0x82F63B78) of rj[31:0] with state rk[31:0]). */
  CRCC_W_W_W: 183,
  /** `crcc.w.d.w`: rd = sext32(CRC32C (Castagnoli 0x82F63B78) of rj[63:0] with state rk[31:0]). */
  CRCC_W_D_W: 184,
  /** `break`: raise BRK (ecode 0xC), code15. */
  BREAK: 185,
  /** `dbcl`: debug-mode call (debug exception); trap. */
  DBCL: 186,
  /** `syscall`: raise SYS (ecode 0xB), code15; Linux: a7 = number, args a0..a5, ret a0. */
  SYSCALL: 187,
  /** `asrtle.d`: if !(rj <= rk (signed)) raise BCE (ecode 0xA). */
  ASRTLE_D: 188,
  /** `asrtgt.d`: if !(rj > rk (signed)) raise BCE. */
  ASRTGT_D: 189,
  /** `rdtimel.w`: rd = sext32(StableCounter[31:0]); rj = counter ID (TID). */
  RDTIMEL_W: 190,
  /** `rdtimeh.w`: rd = sext32(StableCounter[63:32]); rj = counter ID. */
  RDTIMEH_W: 191,
  /** `rdtime.d`: rd = StableCounter (64-bit, +CNTC offset); rj = counter ID (CSR.TID). */
  RDTIME_D: 192,
  /** `cpucfg`: rd = CPUCFG word number rj (0 for undefined words). */
  CPUCFG: 193,
  /** `beqz`: if rj == 0: pc += sext(offs21 << 2). */
  BEQZ: 194,
  /** `bnez`: if rj != 0: pc += sext(offs21<<2). */
  BNEZ: 195,
  /** `bceqz`: if FCC[cj]==0 branch (FP). */
  BCEQZ: 196,
  /** `bcnez`: if FCC[cj]!=0 branch (FP). */
  BCNEZ: 197,
  /** `jirl`: rd = pc + 4; pc = rj + sext(offs16 << 2)  (jirl $zero,$ra,0 = ret; jr rj). */
  JIRL: 198,
  /** `b`: pc += sext(offs26 << 2). */
  B: 199,
  /** `bl`: ra(r1) = pc + 4; pc += sext(offs26 << 2). */
  BL: 200,
  /** `beq`: if rj == rd: pc += sext(offs16<<2)  (NB: 2nd compare operand is the rd field). */
  BEQ: 201,
  /** `bne`: if rj != rd. */
  BNE: 202,
  /** `blt`: if (s64)rj < (s64)rd. */
  BLT: 203,
  /** `bge`: if (s64)rj >= (s64)rd. */
  BGE: 204,
  /** `bltu`: if (u64)rj < (u64)rd. */
  BLTU: 205,
  /** `bgeu`: if (u64)rj >= (u64)rd. */
  BGEU: 206,
  /** `csrrd`: rd = CSR[csr14]  (rj field == 0). */
  CSRRD: 207,
  /** `csrwr`: tmp = CSR; CSR = rd (write-masked); rd = tmp  (rj field == 1). */
  CSRWR: 208,
  /** `csrxchg`: mask = rj (rj>=2); CSR = (CSR & ~mask) | (rd & mask); rd = old CSR. */
  CSRXCHG: 209,
  /** `iocsrrd.b`: rd = sext8(IOCSR[rj]). */
  IOCSRRD_B: 210,
  /** `iocsrrd.h`: rd = sext16(IOCSR[rj]). */
  IOCSRRD_H: 211,
  /** `iocsrrd.w`: rd = sext32(IOCSR[rj]). */
  IOCSRRD_W: 212,
  /** `iocsrrd.d`: rd = IOCSR64[rj]. */
  IOCSRRD_D: 213,
  /** `iocsrwr.b`: IOCSR8[rj] = rd. */
  IOCSRWR_B: 214,
  /** `iocsrwr.h`: IOCSR16[rj] = rd. */
  IOCSRWR_H: 215,
  /** `iocsrwr.w`: IOCSR32[rj] = rd. */
  IOCSRWR_W: 216,
  /** `iocsrwr.d`: IOCSR64[rj] = rd. */
  IOCSRWR_D: 217,
  /** `tlbsrch`: search TLB with TLBEHI.VPPN (or TLBREHI when TLBRERA.IsTLBR) + ASID; hit: TLBIDX.Index=i, NE=0; miss: NE=1. */
  TLBSRCH: 218,
  /** `tlbrd`: read TLB[TLBIDX.Index] into TLBEHI/TLBELO0/1/TLBIDX.PS/ASID.ASID; invalid entry -> NE=1 and those CSRs zeroed. */
  TLBRD: 219,
  /** `tlbwr`: write TLBEHI/TLBELO0/1/TLBIDX.PS/ASID into TLB[TLBIDX.Index]; if TLBIDX.NE=1 the entry is just invalidated (E=0). */
  TLBWR: 220,
  /** `tlbfill`: like tlbwr but index chosen by hardware: STLB (random way, set from VA) if PS==STLBPS.PS else random MTLB slot. */
  TLBFILL: 221,
  /** `tlbclr`: invalidate non-global entries with ASID==ASID.ASID in STLB set (TLBIDX.Index%256) or whole MTLB (Index>=2048). */
  TLBCLR: 222,
  /** `tlbflush`: invalidate ALL entries in STLB set TLBIDX.Index%256, or the whole MTLB if Index>=2048. */
  TLBFLUSH: 223,
  /** `invtlb`: op(rd field 0..6): 0/1 all; 2 all G=1; 3 all G=0; 4 G=0 & ASID==rj[9:0]; 5 G=0 & ASID==rj & VA==rk; 6 (G=1 or ASID==rj) & VA==rk; other op -> INE. */
  INVTLB: 224,
  /** `cacop`: cache maintenance (code5, rj+si12); nop for an emulator (privileged unless code allows PLV3). */
  CACOP: 225,
  /** `lddir`: rd = PTE/dir entry at rj | (index(TLBRBADV, level ui8) << 3); if rj is a huge-page entry (bit6) rd = rj. */
  LDDIR: 226,
  /** `ldpte`: load even(ui8=0)/odd(ui8=1) PTE of the pair indexed by TLBRBADV into TLBRELO0/1; set TLBREHI.PS. */
  LDPTE: 227,
  /** `ertn`: return from exception: restore PLV/IE from PRMD (or TLBRPRMD if TLBRERA.IsTLBR; or MERR*), pc = ERA (or TLBRERA.PC / MERRERA); clears LLbit unless LLBCTL.KLO. */
  ERTN: 228,
  /** `idle`: stall until an interrupt is pending (level15 ignored); PLV0 only. */
  IDLE: 229,
  /** `gcsrrd`: rd = guest CSR[csr14] (rj field == 0). */
  GCSRRD: 230,
  /** `gcsrwr`: swap guest CSR[csr14] with rd (rj field == 1). */
  GCSRWR: 231,
  /** `gcsrxchg`: masked exchange of guest CSR[csr14]: mask = rj (rj >= 2). */
  GCSRXCHG: 232,
  /** `gtlbclr`: guest-TLB version of tlbclr. */
  GTLBCLR: 233,
  /** `gtlbflush`: guest-TLB version of tlbflush. */
  GTLBFLUSH: 234,
  /** `gtlbsrch`: guest-TLB version of tlbsrch. */
  GTLBSRCH: 235,
  /** `gtlbrd`: guest-TLB version of tlbrd. */
  GTLBRD: 236,
  /** `gtlbwr`: guest-TLB version of tlbwr. */
  GTLBWR: 237,
  /** `gtlbfill`: guest-TLB version of tlbfill. */
  GTLBFILL: 238,
  /** `hvcl`: hypercall from the guest: HVC exception (ecode 0x17) to the root, code15. */
  HVCL: 239,
  /** `fadd.s`: fd = fj + fk (single). */
  FADD_S: 240,
  /** `fadd.d`: fd = fj + fk (double). */
  FADD_D: 241,
  /** `fsub.s`: fd = fj - fk (single). */
  FSUB_S: 242,
  /** `fsub.d`: fd = fj - fk (double). */
  FSUB_D: 243,
  /** `fmul.s`: fd = fj * fk (single). */
  FMUL_S: 244,
  /** `fmul.d`: fd = fj * fk (double). */
  FMUL_D: 245,
  /** `fdiv.s`: fd = fj / fk (single). */
  FDIV_S: 246,
  /** `fdiv.d`: fd = fj / fk (double). */
  FDIV_D: 247,
  /** `fmax.s`: fd = maxNum(fj, fk) (single). */
  FMAX_S: 248,
  /** `fmax.d`: fd = maxNum(fj, fk) (double). */
  FMAX_D: 249,
  /** `fmin.s`: fd = minNum(fj, fk) (single). */
  FMIN_S: 250,
  /** `fmin.d`: fd = minNum(fj, fk) (double). */
  FMIN_D: 251,
  /** `fmaxa.s`: fd = the operand of larger magnitude (single). */
  FMAXA_S: 252,
  /** `fmaxa.d`: fd = the operand of larger magnitude (double). */
  FMAXA_D: 253,
  /** `fmina.s`: fd = the operand of smaller magnitude (single). */
  FMINA_S: 254,
  /** `fmina.d`: fd = the operand of smaller magnitude (double). */
  FMINA_D: 255,
  /** `fscaleb.s`: fd = fj * 2^fk (fk an integer) (single). */
  FSCALEB_S: 256,
  /** `fscaleb.d`: fd = fj * 2^fk (fk an integer) (double). */
  FSCALEB_D: 257,
  /** `fcopysign.s`: fd = fj with the sign of fk (single). */
  FCOPYSIGN_S: 258,
  /** `fcopysign.d`: fd = fj with the sign of fk (double). */
  FCOPYSIGN_D: 259,
  /** `fabs.s`: fd = |fj| (single). */
  FABS_S: 260,
  /** `fabs.d`: fd = |fj| (double). */
  FABS_D: 261,
  /** `fneg.s`: fd = -fj (single). */
  FNEG_S: 262,
  /** `fneg.d`: fd = -fj (double). */
  FNEG_D: 263,
  /** `flogb.s`: fd = floor(log2|fj|) as a float (single). */
  FLOGB_S: 264,
  /** `flogb.d`: fd = floor(log2|fj|) as a float (double). */
  FLOGB_D: 265,
  /** `fclass.s`: fd = the class mask of fj (single). */
  FCLASS_S: 266,
  /** `fclass.d`: fd = the class mask of fj (double). */
  FCLASS_D: 267,
  /** `fsqrt.s`: fd = sqrt(fj) (single). */
  FSQRT_S: 268,
  /** `fsqrt.d`: fd = sqrt(fj) (double). */
  FSQRT_D: 269,
  /** `frecip.s`: fd = 1 / fj (single). */
  FRECIP_S: 270,
  /** `frecip.d`: fd = 1 / fj (double). */
  FRECIP_D: 271,
  /** `frsqrt.s`: fd = 1 / sqrt(fj) (single). */
  FRSQRT_S: 272,
  /** `frsqrt.d`: fd = 1 / sqrt(fj) (double). */
  FRSQRT_D: 273,
  /** `fmov.s`: fd = fj (single). */
  FMOV_S: 274,
  /** `fmov.d`: fd = fj (double). */
  FMOV_D: 275,
  /** `movgr2fr.w`: fd[31:0] = rj[31:0] (fd[63:32] kept). */
  MOVGR2FR_W: 276,
  /** `movgr2fr.d`: fd = rj. */
  MOVGR2FR_D: 277,
  /** `movgr2frh.w`: fd[63:32] = rj[31:0] (fd[31:0] kept). */
  MOVGR2FRH_W: 278,
  /** `movfr2gr.s`: rd = sext32(fj[31:0]). */
  MOVFR2GR_S: 279,
  /** `movfr2gr.d`: rd = fj. */
  MOVFR2GR_D: 280,
  /** `movfrh2gr.s`: rd = sext32(fj[63:32]). */
  MOVFRH2GR_S: 281,
  /** `movgr2fcsr`: FCSR[fcsrd] = rj[31:0] (masked by the view). */
  MOVGR2FCSR: 282,
  /** `movfcsr2gr`: rd = sext32(FCSR[fcsrj] view). */
  MOVFCSR2GR: 283,
  /** `movfr2cf`: FCC[cd] = fj[0]. */
  MOVFR2CF: 284,
  /** `movcf2fr`: fd = zext(FCC[cj]). */
  MOVCF2FR: 285,
  /** `movgr2cf`: FCC[cd] = rj[0]. */
  MOVGR2CF: 286,
  /** `movcf2gr`: rd = zext(FCC[cj]). */
  MOVCF2GR: 287,
  /** `fcvt.s.d`: fd = (single) fj. */
  FCVT_S_D: 288,
  /** `fcvt.d.s`: fd = (double) fj. */
  FCVT_D_S: 289,
  /** `ftintrm.w.s`: fd = int32(fj single), rounding down. */
  FTINTRM_W_S: 290,
  /** `ftintrm.w.d`: fd = int32(fj double), rounding down. */
  FTINTRM_W_D: 291,
  /** `ftintrm.l.s`: fd = int64(fj single), rounding down. */
  FTINTRM_L_S: 292,
  /** `ftintrm.l.d`: fd = int64(fj double), rounding down. */
  FTINTRM_L_D: 293,
  /** `ftintrp.w.s`: fd = int32(fj single), rounding up. */
  FTINTRP_W_S: 294,
  /** `ftintrp.w.d`: fd = int32(fj double), rounding up. */
  FTINTRP_W_D: 295,
  /** `ftintrp.l.s`: fd = int64(fj single), rounding up. */
  FTINTRP_L_S: 296,
  /** `ftintrp.l.d`: fd = int64(fj double), rounding up. */
  FTINTRP_L_D: 297,
  /** `ftintrz.w.s`: fd = int32(fj single), rounding toward zero. */
  FTINTRZ_W_S: 298,
  /** `ftintrz.w.d`: fd = int32(fj double), rounding toward zero. */
  FTINTRZ_W_D: 299,
  /** `ftintrz.l.s`: fd = int64(fj single), rounding toward zero. */
  FTINTRZ_L_S: 300,
  /** `ftintrz.l.d`: fd = int64(fj double), rounding toward zero. */
  FTINTRZ_L_D: 301,
  /** `ftintrne.w.s`: fd = int32(fj single), rounding to nearest even. */
  FTINTRNE_W_S: 302,
  /** `ftintrne.w.d`: fd = int32(fj double), rounding to nearest even. */
  FTINTRNE_W_D: 303,
  /** `ftintrne.l.s`: fd = int64(fj single), rounding to nearest even. */
  FTINTRNE_L_S: 304,
  /** `ftintrne.l.d`: fd = int64(fj double), rounding to nearest even. */
  FTINTRNE_L_D: 305,
  /** `ftint.w.s`: fd = int32(fj single), rounding per FCSR.RM. */
  FTINT_W_S: 306,
  /** `ftint.w.d`: fd = int32(fj double), rounding per FCSR.RM. */
  FTINT_W_D: 307,
  /** `ftint.l.s`: fd = int64(fj single), rounding per FCSR.RM. */
  FTINT_L_S: 308,
  /** `ftint.l.d`: fd = int64(fj double), rounding per FCSR.RM. */
  FTINT_L_D: 309,
  /** `ffint.s.w`: fd = (single) int32 fj. */
  FFINT_S_W: 310,
  /** `ffint.s.l`: fd = (single) int64 fj. */
  FFINT_S_L: 311,
  /** `ffint.d.w`: fd = (double) int32 fj. */
  FFINT_D_W: 312,
  /** `ffint.d.l`: fd = (double) int64 fj. */
  FFINT_D_L: 313,
  /** `frint.s`: fd = fj rounded to an integral value per FCSR.RM (single). */
  FRINT_S: 314,
  /** `frint.d`: fd = fj rounded to an integral value per FCSR.RM (double). */
  FRINT_D: 315,
  /** `fmadd.s`: fd = fj * fk + fa, one rounding (single). */
  FMADD_S: 316,
  /** `fmadd.d`: fd = fj * fk + fa, one rounding (double). */
  FMADD_D: 317,
  /** `fmsub.s`: fd = fj * fk - fa, one rounding (single). */
  FMSUB_S: 318,
  /** `fmsub.d`: fd = fj * fk - fa, one rounding (double). */
  FMSUB_D: 319,
  /** `fnmadd.s`: fd = -(fj * fk + fa), one rounding (single). */
  FNMADD_S: 320,
  /** `fnmadd.d`: fd = -(fj * fk + fa), one rounding (double). */
  FNMADD_D: 321,
  /** `fnmsub.s`: fd = -(fj * fk - fa), one rounding (single). */
  FNMSUB_S: 322,
  /** `fnmsub.d`: fd = -(fj * fk - fa), one rounding (double). */
  FNMSUB_D: 323,
  /** `fcmp.caf.s`: FCC[cd] = fj caf fk (single, quiet). */
  FCMP_CAF_S: 324,
  /** `fcmp.saf.s`: FCC[cd] = fj saf fk (single, signaling: any NaN raises V). */
  FCMP_SAF_S: 325,
  /** `fcmp.clt.s`: FCC[cd] = fj clt fk (single, quiet). */
  FCMP_CLT_S: 326,
  /** `fcmp.slt.s`: FCC[cd] = fj slt fk (single, signaling: any NaN raises V). */
  FCMP_SLT_S: 327,
  /** `fcmp.ceq.s`: FCC[cd] = fj ceq fk (single, quiet). */
  FCMP_CEQ_S: 328,
  /** `fcmp.seq.s`: FCC[cd] = fj seq fk (single, signaling: any NaN raises V). */
  FCMP_SEQ_S: 329,
  /** `fcmp.cle.s`: FCC[cd] = fj cle fk (single, quiet). */
  FCMP_CLE_S: 330,
  /** `fcmp.sle.s`: FCC[cd] = fj sle fk (single, signaling: any NaN raises V). */
  FCMP_SLE_S: 331,
  /** `fcmp.cun.s`: FCC[cd] = fj cun fk (single, quiet). */
  FCMP_CUN_S: 332,
  /** `fcmp.sun.s`: FCC[cd] = fj sun fk (single, signaling: any NaN raises V). */
  FCMP_SUN_S: 333,
  /** `fcmp.cult.s`: FCC[cd] = fj cult fk (single, quiet). */
  FCMP_CULT_S: 334,
  /** `fcmp.sult.s`: FCC[cd] = fj sult fk (single, signaling: any NaN raises V). */
  FCMP_SULT_S: 335,
  /** `fcmp.cueq.s`: FCC[cd] = fj cueq fk (single, quiet). */
  FCMP_CUEQ_S: 336,
  /** `fcmp.sueq.s`: FCC[cd] = fj sueq fk (single, signaling: any NaN raises V). */
  FCMP_SUEQ_S: 337,
  /** `fcmp.cule.s`: FCC[cd] = fj cule fk (single, quiet). */
  FCMP_CULE_S: 338,
  /** `fcmp.sule.s`: FCC[cd] = fj sule fk (single, signaling: any NaN raises V). */
  FCMP_SULE_S: 339,
  /** `fcmp.cne.s`: FCC[cd] = fj cne fk (single, quiet). */
  FCMP_CNE_S: 340,
  /** `fcmp.sne.s`: FCC[cd] = fj sne fk (single, signaling: any NaN raises V). */
  FCMP_SNE_S: 341,
  /** `fcmp.cor.s`: FCC[cd] = fj cor fk (single, quiet). */
  FCMP_COR_S: 342,
  /** `fcmp.sor.s`: FCC[cd] = fj sor fk (single, signaling: any NaN raises V). */
  FCMP_SOR_S: 343,
  /** `fcmp.cune.s`: FCC[cd] = fj cune fk (single, quiet). */
  FCMP_CUNE_S: 344,
  /** `fcmp.sune.s`: FCC[cd] = fj sune fk (single, signaling: any NaN raises V). */
  FCMP_SUNE_S: 345,
  /** `fcmp.caf.d`: FCC[cd] = fj caf fk (double, quiet). */
  FCMP_CAF_D: 346,
  /** `fcmp.saf.d`: FCC[cd] = fj saf fk (double, signaling: any NaN raises V). */
  FCMP_SAF_D: 347,
  /** `fcmp.clt.d`: FCC[cd] = fj clt fk (double, quiet). */
  FCMP_CLT_D: 348,
  /** `fcmp.slt.d`: FCC[cd] = fj slt fk (double, signaling: any NaN raises V). */
  FCMP_SLT_D: 349,
  /** `fcmp.ceq.d`: FCC[cd] = fj ceq fk (double, quiet). */
  FCMP_CEQ_D: 350,
  /** `fcmp.seq.d`: FCC[cd] = fj seq fk (double, signaling: any NaN raises V). */
  FCMP_SEQ_D: 351,
  /** `fcmp.cle.d`: FCC[cd] = fj cle fk (double, quiet). */
  FCMP_CLE_D: 352,
  /** `fcmp.sle.d`: FCC[cd] = fj sle fk (double, signaling: any NaN raises V). */
  FCMP_SLE_D: 353,
  /** `fcmp.cun.d`: FCC[cd] = fj cun fk (double, quiet). */
  FCMP_CUN_D: 354,
  /** `fcmp.sun.d`: FCC[cd] = fj sun fk (double, signaling: any NaN raises V). */
  FCMP_SUN_D: 355,
  /** `fcmp.cult.d`: FCC[cd] = fj cult fk (double, quiet). */
  FCMP_CULT_D: 356,
  /** `fcmp.sult.d`: FCC[cd] = fj sult fk (double, signaling: any NaN raises V). */
  FCMP_SULT_D: 357,
  /** `fcmp.cueq.d`: FCC[cd] = fj cueq fk (double, quiet). */
  FCMP_CUEQ_D: 358,
  /** `fcmp.sueq.d`: FCC[cd] = fj sueq fk (double, signaling: any NaN raises V). */
  FCMP_SUEQ_D: 359,
  /** `fcmp.cule.d`: FCC[cd] = fj cule fk (double, quiet). */
  FCMP_CULE_D: 360,
  /** `fcmp.sule.d`: FCC[cd] = fj sule fk (double, signaling: any NaN raises V). */
  FCMP_SULE_D: 361,
  /** `fcmp.cne.d`: FCC[cd] = fj cne fk (double, quiet). */
  FCMP_CNE_D: 362,
  /** `fcmp.sne.d`: FCC[cd] = fj sne fk (double, signaling: any NaN raises V). */
  FCMP_SNE_D: 363,
  /** `fcmp.cor.d`: FCC[cd] = fj cor fk (double, quiet). */
  FCMP_COR_D: 364,
  /** `fcmp.sor.d`: FCC[cd] = fj sor fk (double, signaling: any NaN raises V). */
  FCMP_SOR_D: 365,
  /** `fcmp.cune.d`: FCC[cd] = fj cune fk (double, quiet). */
  FCMP_CUNE_D: 366,
  /** `fcmp.sune.d`: FCC[cd] = fj sune fk (double, signaling: any NaN raises V). */
  FCMP_SUNE_D: 367,
  /** `fsel`: fd = FCC[ca] ? fk : fj. */
  FSEL: 368,
  /** `fld.s`: fd[31:0] = mem32[rj + si12]. */
  FLD_S: 369,
  /** `fst.s`: mem32[rj + si12] = fd[31:0]. */
  FST_S: 370,
  /** `fld.d`: fd = mem64[rj + si12]. */
  FLD_D: 371,
  /** `fst.d`: mem64[rj + si12] = fd. */
  FST_D: 372,
  /** `fldx.s`: fd[31:0] = mem32[rj + rk]. */
  FLDX_S: 373,
  /** `fldx.d`: fd = mem64[rj + rk]. */
  FLDX_D: 374,
  /** `fstx.s`: mem32[rj + rk] = fd[31:0]. */
  FSTX_S: 375,
  /** `fstx.d`: mem64[rj + rk] = fd. */
  FSTX_D: 376,
  /** `fldgt.s`: if rj > rk: fd[31:0] = mem32[rj] else raise BCE. */
  FLDGT_S: 377,
  /** `fldgt.d`: if rj > rk: fd = mem64[rj] else raise BCE. */
  FLDGT_D: 378,
  /** `fldle.s`: if rj <= rk: fd[31:0] = mem32[rj] else raise BCE. */
  FLDLE_S: 379,
  /** `fldle.d`: if rj <= rk: fd = mem64[rj] else raise BCE. */
  FLDLE_D: 380,
  /** `fstgt.s`: if rj > rk: mem32[rj] = fd[31:0] else raise BCE. */
  FSTGT_S: 381,
  /** `fstgt.d`: if rj > rk: mem64[rj] = fd else raise BCE. */
  FSTGT_D: 382,
  /** `fstle.s`: if rj <= rk: mem32[rj] = fd[31:0] else raise BCE. */
  FSTLE_S: 383,
  /** `fstle.d`: if rj <= rk: mem64[rj] = fd else raise BCE. */
  FSTLE_D: 384,
} as const;

/** Any {@link Op} id. */
export type OpId = (typeof Op)[keyof typeof Op];

const F = InsnFlag;

// [mnemonic, match, mask, format, flags, memBytes]; row i describes Op id i + 1.
const ROWS: readonly (readonly [string, number, number, InsnFormat, number, number])[] = [
  ["add.w", 0x00100000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["add.d", 0x00108000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["sub.w", 0x00110000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["sub.d", 0x00118000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["slt", 0x00120000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["sltu", 0x00128000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["slti", 0x02000000, 0xffc00000, "RD_RJ_SI12", 0, 0],
  ["sltui", 0x02400000, 0xffc00000, "RD_RJ_SI12", 0, 0],
  ["nor", 0x00140000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["and", 0x00148000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["or", 0x00150000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["xor", 0x00158000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["orn", 0x00160000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["andn", 0x00168000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["mul.w", 0x001c0000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["mulh.w", 0x001c8000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["mulh.wu", 0x001d0000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["mul.d", 0x001d8000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["mulh.d", 0x001e0000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["mulh.du", 0x001e8000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["mulw.d.w", 0x001f0000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["mulw.d.wu", 0x001f8000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["div.w", 0x00200000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["mod.w", 0x00208000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["div.wu", 0x00210000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["mod.wu", 0x00218000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["div.d", 0x00220000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["mod.d", 0x00228000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["div.du", 0x00230000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["mod.du", 0x00238000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["alsl.w", 0x00040000, 0xfffe0000, "ALSL", 0, 0],
  ["alsl.wu", 0x00060000, 0xfffe0000, "ALSL", 0, 0],
  ["alsl.d", 0x002c0000, 0xfffe0000, "ALSL", 0, 0],
  ["lu12i.w", 0x14000000, 0xfe000000, "RD_SI20", 0, 0],
  ["lu32i.d", 0x16000000, 0xfe000000, "RD_SI20", 0, 0],
  ["lu52i.d", 0x03000000, 0xffc00000, "RD_RJ_SI12", 0, 0],
  ["pcaddi", 0x18000000, 0xfe000000, "RD_SI20", 0, 0],
  ["pcalau12i", 0x1a000000, 0xfe000000, "RD_SI20", 0, 0],
  ["pcaddu12i", 0x1c000000, 0xfe000000, "RD_SI20", 0, 0],
  ["pcaddu18i", 0x1e000000, 0xfe000000, "RD_SI20", 0, 0],
  ["addi.w", 0x02800000, 0xffc00000, "RD_RJ_SI12", 0, 0],
  ["addi.d", 0x02c00000, 0xffc00000, "RD_RJ_SI12", 0, 0],
  ["addu16i.d", 0x10000000, 0xfc000000, "RD_RJ_SI16", 0, 0],
  ["andi", 0x03400000, 0xffc00000, "RD_RJ_UI12", 0, 0],
  ["ori", 0x03800000, 0xffc00000, "RD_RJ_UI12", 0, 0],
  ["xori", 0x03c00000, 0xffc00000, "RD_RJ_UI12", 0, 0],
  ["sll.w", 0x00170000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["srl.w", 0x00178000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["sra.w", 0x00180000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["sll.d", 0x00188000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["srl.d", 0x00190000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["sra.d", 0x00198000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["rotr.w", 0x001b0000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["rotr.d", 0x001b8000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["slli.w", 0x00408000, 0xffff8000, "RD_RJ_UI5", 0, 0],
  ["slli.d", 0x00410000, 0xffff0000, "RD_RJ_UI6", 0, 0],
  ["srli.w", 0x00448000, 0xffff8000, "RD_RJ_UI5", 0, 0],
  ["srli.d", 0x00450000, 0xffff0000, "RD_RJ_UI6", 0, 0],
  ["srai.w", 0x00488000, 0xffff8000, "RD_RJ_UI5", 0, 0],
  ["srai.d", 0x00490000, 0xffff0000, "RD_RJ_UI6", 0, 0],
  ["rotri.w", 0x004c8000, 0xffff8000, "RD_RJ_UI5", 0, 0],
  ["rotri.d", 0x004d0000, 0xffff0000, "RD_RJ_UI6", 0, 0],
  ["ext.w.h", 0x00005800, 0xfffffc00, "RD_RJ", 0, 0],
  ["ext.w.b", 0x00005c00, 0xfffffc00, "RD_RJ", 0, 0],
  ["clo.w", 0x00001000, 0xfffffc00, "RD_RJ", 0, 0],
  ["clz.w", 0x00001400, 0xfffffc00, "RD_RJ", 0, 0],
  ["cto.w", 0x00001800, 0xfffffc00, "RD_RJ", 0, 0],
  ["ctz.w", 0x00001c00, 0xfffffc00, "RD_RJ", 0, 0],
  ["clo.d", 0x00002000, 0xfffffc00, "RD_RJ", 0, 0],
  ["clz.d", 0x00002400, 0xfffffc00, "RD_RJ", 0, 0],
  ["cto.d", 0x00002800, 0xfffffc00, "RD_RJ", 0, 0],
  ["ctz.d", 0x00002c00, 0xfffffc00, "RD_RJ", 0, 0],
  ["revb.2h", 0x00003000, 0xfffffc00, "RD_RJ", 0, 0],
  ["revb.4h", 0x00003400, 0xfffffc00, "RD_RJ", 0, 0],
  ["revb.2w", 0x00003800, 0xfffffc00, "RD_RJ", 0, 0],
  ["revb.d", 0x00003c00, 0xfffffc00, "RD_RJ", 0, 0],
  ["revh.2w", 0x00004000, 0xfffffc00, "RD_RJ", 0, 0],
  ["revh.d", 0x00004400, 0xfffffc00, "RD_RJ", 0, 0],
  ["bitrev.4b", 0x00004800, 0xfffffc00, "RD_RJ", 0, 0],
  ["bitrev.8b", 0x00004c00, 0xfffffc00, "RD_RJ", 0, 0],
  ["bitrev.w", 0x00005000, 0xfffffc00, "RD_RJ", 0, 0],
  ["bitrev.d", 0x00005400, 0xfffffc00, "RD_RJ", 0, 0],
  ["bytepick.w", 0x00080000, 0xfffe0000, "BYTEPICK_W", 0, 0],
  ["bytepick.d", 0x000c0000, 0xfffc0000, "BYTEPICK_D", 0, 0],
  ["maskeqz", 0x00130000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["masknez", 0x00138000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["bstrins.w", 0x00600000, 0xffe08000, "BSTR_W", 0, 0],
  ["bstrpick.w", 0x00608000, 0xffe08000, "BSTR_W", 0, 0],
  ["bstrins.d", 0x00800000, 0xffc00000, "BSTR_D", 0, 0],
  ["bstrpick.d", 0x00c00000, 0xffc00000, "BSTR_D", 0, 0],
  ["ld.b", 0x28000000, 0xffc00000, "RD_RJ_SI12", F.LOAD, 1],
  ["ld.h", 0x28400000, 0xffc00000, "RD_RJ_SI12", F.LOAD, 2],
  ["ld.w", 0x28800000, 0xffc00000, "RD_RJ_SI12", F.LOAD, 4],
  ["ld.d", 0x28c00000, 0xffc00000, "RD_RJ_SI12", F.LOAD, 8],
  ["st.b", 0x29000000, 0xffc00000, "RD_RJ_SI12", F.STORE, 1],
  ["st.h", 0x29400000, 0xffc00000, "RD_RJ_SI12", F.STORE, 2],
  ["st.w", 0x29800000, 0xffc00000, "RD_RJ_SI12", F.STORE, 4],
  ["st.d", 0x29c00000, 0xffc00000, "RD_RJ_SI12", F.STORE, 8],
  ["ld.bu", 0x2a000000, 0xffc00000, "RD_RJ_SI12", F.LOAD | F.UNSIGNED, 1],
  ["ld.hu", 0x2a400000, 0xffc00000, "RD_RJ_SI12", F.LOAD | F.UNSIGNED, 2],
  ["ld.wu", 0x2a800000, 0xffc00000, "RD_RJ_SI12", F.LOAD | F.UNSIGNED, 4],
  ["ldx.b", 0x38000000, 0xffff8000, "RD_RJ_RK", F.LOAD, 1],
  ["ldx.h", 0x38040000, 0xffff8000, "RD_RJ_RK", F.LOAD, 2],
  ["ldx.w", 0x38080000, 0xffff8000, "RD_RJ_RK", F.LOAD, 4],
  ["ldx.d", 0x380c0000, 0xffff8000, "RD_RJ_RK", F.LOAD, 8],
  ["stx.b", 0x38100000, 0xffff8000, "RD_RJ_RK", F.STORE, 1],
  ["stx.h", 0x38140000, 0xffff8000, "RD_RJ_RK", F.STORE, 2],
  ["stx.w", 0x38180000, 0xffff8000, "RD_RJ_RK", F.STORE, 4],
  ["stx.d", 0x381c0000, 0xffff8000, "RD_RJ_RK", F.STORE, 8],
  ["ldx.bu", 0x38200000, 0xffff8000, "RD_RJ_RK", F.LOAD | F.UNSIGNED, 1],
  ["ldx.hu", 0x38240000, 0xffff8000, "RD_RJ_RK", F.LOAD | F.UNSIGNED, 2],
  ["ldx.wu", 0x38280000, 0xffff8000, "RD_RJ_RK", F.LOAD | F.UNSIGNED, 4],
  ["preld", 0x2ac00000, 0xffc00000, "HINT_RJ_SI12", 0, 0],
  ["preldx", 0x382c0000, 0xffff8000, "HINT_RJ_RK", 0, 0],
  ["dbar", 0x38720000, 0xffff8000, "CODE15", F.BARRIER, 0],
  ["ibar", 0x38728000, 0xffff8000, "CODE15", F.BARRIER, 0],
  ["ldptr.w", 0x24000000, 0xff000000, "RD_RJ_SI14X4", F.LOAD, 4],
  ["stptr.w", 0x25000000, 0xff000000, "RD_RJ_SI14X4", F.STORE, 4],
  ["ldptr.d", 0x26000000, 0xff000000, "RD_RJ_SI14X4", F.LOAD, 8],
  ["stptr.d", 0x27000000, 0xff000000, "RD_RJ_SI14X4", F.STORE, 8],
  ["ldgt.b", 0x38780000, 0xffff8000, "RD_RJ_RK", F.LOAD | F.BOUND, 1],
  ["ldgt.h", 0x38788000, 0xffff8000, "RD_RJ_RK", F.LOAD | F.BOUND, 2],
  ["ldgt.w", 0x38790000, 0xffff8000, "RD_RJ_RK", F.LOAD | F.BOUND, 4],
  ["ldgt.d", 0x38798000, 0xffff8000, "RD_RJ_RK", F.LOAD | F.BOUND, 8],
  ["ldle.b", 0x387a0000, 0xffff8000, "RD_RJ_RK", F.LOAD | F.BOUND, 1],
  ["ldle.h", 0x387a8000, 0xffff8000, "RD_RJ_RK", F.LOAD | F.BOUND, 2],
  ["ldle.w", 0x387b0000, 0xffff8000, "RD_RJ_RK", F.LOAD | F.BOUND, 4],
  ["ldle.d", 0x387b8000, 0xffff8000, "RD_RJ_RK", F.LOAD | F.BOUND, 8],
  ["stgt.b", 0x387c0000, 0xffff8000, "RD_RJ_RK", F.STORE | F.BOUND, 1],
  ["stgt.h", 0x387c8000, 0xffff8000, "RD_RJ_RK", F.STORE | F.BOUND, 2],
  ["stgt.w", 0x387d0000, 0xffff8000, "RD_RJ_RK", F.STORE | F.BOUND, 4],
  ["stgt.d", 0x387d8000, 0xffff8000, "RD_RJ_RK", F.STORE | F.BOUND, 8],
  ["stle.b", 0x387e0000, 0xffff8000, "RD_RJ_RK", F.STORE | F.BOUND, 1],
  ["stle.h", 0x387e8000, 0xffff8000, "RD_RJ_RK", F.STORE | F.BOUND, 2],
  ["stle.w", 0x387f0000, 0xffff8000, "RD_RJ_RK", F.STORE | F.BOUND, 4],
  ["stle.d", 0x387f8000, 0xffff8000, "RD_RJ_RK", F.STORE | F.BOUND, 8],
  ["ll.w", 0x20000000, 0xff000000, "RD_RJ_SI14X4", F.LOAD | F.ATOMIC, 4],
  ["sc.w", 0x21000000, 0xff000000, "RD_RJ_SI14X4", F.STORE | F.ATOMIC, 4],
  ["ll.d", 0x22000000, 0xff000000, "RD_RJ_SI14X4", F.LOAD | F.ATOMIC, 8],
  ["sc.d", 0x23000000, 0xff000000, "RD_RJ_SI14X4", F.STORE | F.ATOMIC, 8],
  ["amswap.w", 0x38600000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC, 4],
  ["amswap.d", 0x38608000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC, 8],
  ["amadd.w", 0x38610000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC, 4],
  ["amadd.d", 0x38618000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC, 8],
  ["amand.w", 0x38620000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC, 4],
  ["amand.d", 0x38628000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC, 8],
  ["amor.w", 0x38630000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC, 4],
  ["amor.d", 0x38638000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC, 8],
  ["amxor.w", 0x38640000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC, 4],
  ["amxor.d", 0x38648000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC, 8],
  ["ammax.w", 0x38650000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC, 4],
  ["ammax.d", 0x38658000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC, 8],
  ["ammin.w", 0x38660000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC, 4],
  ["ammin.d", 0x38668000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC, 8],
  ["ammax.wu", 0x38670000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC, 4],
  ["ammax.du", 0x38678000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC, 8],
  ["ammin.wu", 0x38680000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC, 4],
  ["ammin.du", 0x38688000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC, 8],
  ["amswap_db.w", 0x38690000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC | F.BARRIER, 4],
  ["amswap_db.d", 0x38698000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC | F.BARRIER, 8],
  ["amadd_db.w", 0x386a0000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC | F.BARRIER, 4],
  ["amadd_db.d", 0x386a8000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC | F.BARRIER, 8],
  ["amand_db.w", 0x386b0000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC | F.BARRIER, 4],
  ["amand_db.d", 0x386b8000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC | F.BARRIER, 8],
  ["amor_db.w", 0x386c0000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC | F.BARRIER, 4],
  ["amor_db.d", 0x386c8000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC | F.BARRIER, 8],
  ["amxor_db.w", 0x386d0000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC | F.BARRIER, 4],
  ["amxor_db.d", 0x386d8000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC | F.BARRIER, 8],
  ["ammax_db.w", 0x386e0000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC | F.BARRIER, 4],
  ["ammax_db.d", 0x386e8000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC | F.BARRIER, 8],
  ["ammin_db.w", 0x386f0000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC | F.BARRIER, 4],
  ["ammin_db.d", 0x386f8000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC | F.BARRIER, 8],
  ["ammax_db.wu", 0x38700000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC | F.BARRIER, 4],
  ["ammax_db.du", 0x38708000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC | F.BARRIER, 8],
  ["ammin_db.wu", 0x38710000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC | F.BARRIER, 4],
  ["ammin_db.du", 0x38718000, 0xffff8000, "RD_RK_RJ", F.LOAD | F.STORE | F.ATOMIC | F.BARRIER, 8],
  ["crc.w.b.w", 0x00240000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["crc.w.h.w", 0x00248000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["crc.w.w.w", 0x00250000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["crc.w.d.w", 0x00258000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["crcc.w.b.w", 0x00260000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["crcc.w.h.w", 0x00268000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["crcc.w.w.w", 0x00270000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["crcc.w.d.w", 0x00278000, 0xffff8000, "RD_RJ_RK", 0, 0],
  ["break", 0x002a0000, 0xffff8000, "CODE15", F.TRAP, 0],
  ["dbcl", 0x002a8000, 0xffff8000, "CODE15", F.TRAP, 0],
  ["syscall", 0x002b0000, 0xffff8000, "CODE15", F.TRAP, 0],
  ["asrtle.d", 0x00010000, 0xffff801f, "RJ_RK", F.BOUND, 0],
  ["asrtgt.d", 0x00018000, 0xffff801f, "RJ_RK", F.BOUND, 0],
  ["rdtimel.w", 0x00006000, 0xfffffc00, "RD_RJ", 0, 0],
  ["rdtimeh.w", 0x00006400, 0xfffffc00, "RD_RJ", 0, 0],
  ["rdtime.d", 0x00006800, 0xfffffc00, "RD_RJ", 0, 0],
  ["cpucfg", 0x00006c00, 0xfffffc00, "RD_RJ", 0, 0],
  ["beqz", 0x40000000, 0xfc000000, "RJ_OFFS21", F.BRANCH | F.COND, 0],
  ["bnez", 0x44000000, 0xfc000000, "RJ_OFFS21", F.BRANCH | F.COND, 0],
  ["bceqz", 0x48000000, 0xfc000300, "CJ_OFFS21", F.BRANCH | F.COND | F.FP, 0],
  ["bcnez", 0x48000100, 0xfc000300, "CJ_OFFS21", F.BRANCH | F.COND | F.FP, 0],
  ["jirl", 0x4c000000, 0xfc000000, "RD_RJ_OFFS16", F.BRANCH | F.LINK | F.INDIRECT, 0],
  ["b", 0x50000000, 0xfc000000, "OFFS26", F.BRANCH, 0],
  ["bl", 0x54000000, 0xfc000000, "OFFS26", F.BRANCH | F.LINK, 0],
  ["beq", 0x58000000, 0xfc000000, "RJ_RD_OFFS16", F.BRANCH | F.COND, 0],
  ["bne", 0x5c000000, 0xfc000000, "RJ_RD_OFFS16", F.BRANCH | F.COND, 0],
  ["blt", 0x60000000, 0xfc000000, "RJ_RD_OFFS16", F.BRANCH | F.COND, 0],
  ["bge", 0x64000000, 0xfc000000, "RJ_RD_OFFS16", F.BRANCH | F.COND, 0],
  ["bltu", 0x68000000, 0xfc000000, "RJ_RD_OFFS16", F.BRANCH | F.COND, 0],
  ["bgeu", 0x6c000000, 0xfc000000, "RJ_RD_OFFS16", F.BRANCH | F.COND, 0],
  ["csrrd", 0x04000000, 0xff0003e0, "RD_CSR", F.PRIV, 0],
  ["csrwr", 0x04000020, 0xff0003e0, "RD_CSR", F.PRIV, 0],
  ["csrxchg", 0x04000000, 0xff000000, "RD_RJ_CSR", F.PRIV, 0],
  ["iocsrrd.b", 0x06480000, 0xfffffc00, "RD_RJ", F.LOAD | F.PRIV, 1],
  ["iocsrrd.h", 0x06480400, 0xfffffc00, "RD_RJ", F.LOAD | F.PRIV, 2],
  ["iocsrrd.w", 0x06480800, 0xfffffc00, "RD_RJ", F.LOAD | F.PRIV, 4],
  ["iocsrrd.d", 0x06480c00, 0xfffffc00, "RD_RJ", F.LOAD | F.PRIV, 8],
  ["iocsrwr.b", 0x06481000, 0xfffffc00, "RD_RJ", F.STORE | F.PRIV, 1],
  ["iocsrwr.h", 0x06481400, 0xfffffc00, "RD_RJ", F.STORE | F.PRIV, 2],
  ["iocsrwr.w", 0x06481800, 0xfffffc00, "RD_RJ", F.STORE | F.PRIV, 4],
  ["iocsrwr.d", 0x06481c00, 0xfffffc00, "RD_RJ", F.STORE | F.PRIV, 8],
  ["tlbsrch", 0x06482800, 0xffffffff, "NONE", F.PRIV, 0],
  ["tlbrd", 0x06482c00, 0xffffffff, "NONE", F.PRIV, 0],
  ["tlbwr", 0x06483000, 0xffffffff, "NONE", F.PRIV, 0],
  ["tlbfill", 0x06483400, 0xffffffff, "NONE", F.PRIV, 0],
  ["tlbclr", 0x06482000, 0xffffffff, "NONE", F.PRIV, 0],
  ["tlbflush", 0x06482400, 0xffffffff, "NONE", F.PRIV, 0],
  ["invtlb", 0x06498000, 0xffff8000, "HINT_RJ_RK", F.PRIV, 0],
  ["cacop", 0x06000000, 0xffc00000, "HINT_RJ_SI12", F.PRIV, 0],
  ["lddir", 0x06400000, 0xfffc0000, "RD_RJ_UI8", F.PRIV, 0],
  ["ldpte", 0x06440000, 0xfffc001f, "RJ_UI8", F.PRIV, 0],
  ["ertn", 0x06483800, 0xffffffff, "NONE", F.PRIV, 0],
  ["idle", 0x06488000, 0xffff8000, "CODE15", F.PRIV, 0],
  ["gcsrrd", 0x05000000, 0xff0003e0, "RD_CSR", F.PRIV | F.LVZ, 0],
  ["gcsrwr", 0x05000020, 0xff0003e0, "RD_CSR", F.PRIV | F.LVZ, 0],
  ["gcsrxchg", 0x05000000, 0xff000000, "RD_RJ_CSR", F.PRIV | F.LVZ, 0],
  ["gtlbclr", 0x06482001, 0xffffffff, "NONE", F.PRIV | F.LVZ, 0],
  ["gtlbflush", 0x06482401, 0xffffffff, "NONE", F.PRIV | F.LVZ, 0],
  ["gtlbsrch", 0x06482801, 0xffffffff, "NONE", F.PRIV | F.LVZ, 0],
  ["gtlbrd", 0x06482c01, 0xffffffff, "NONE", F.PRIV | F.LVZ, 0],
  ["gtlbwr", 0x06483001, 0xffffffff, "NONE", F.PRIV | F.LVZ, 0],
  ["gtlbfill", 0x06483401, 0xffffffff, "NONE", F.PRIV | F.LVZ, 0],
  ["hvcl", 0x002b8000, 0xffff8000, "CODE15", F.TRAP | F.PRIV | F.LVZ, 0],
  // floating point (F and D)
  ["fadd.s", 0x01008000, 0xffff8000, "FD_FJ_FK", F.FP, 0],
  ["fadd.d", 0x01010000, 0xffff8000, "FD_FJ_FK", F.FP, 0],
  ["fsub.s", 0x01028000, 0xffff8000, "FD_FJ_FK", F.FP, 0],
  ["fsub.d", 0x01030000, 0xffff8000, "FD_FJ_FK", F.FP, 0],
  ["fmul.s", 0x01048000, 0xffff8000, "FD_FJ_FK", F.FP, 0],
  ["fmul.d", 0x01050000, 0xffff8000, "FD_FJ_FK", F.FP, 0],
  ["fdiv.s", 0x01068000, 0xffff8000, "FD_FJ_FK", F.FP, 0],
  ["fdiv.d", 0x01070000, 0xffff8000, "FD_FJ_FK", F.FP, 0],
  ["fmax.s", 0x01088000, 0xffff8000, "FD_FJ_FK", F.FP, 0],
  ["fmax.d", 0x01090000, 0xffff8000, "FD_FJ_FK", F.FP, 0],
  ["fmin.s", 0x010a8000, 0xffff8000, "FD_FJ_FK", F.FP, 0],
  ["fmin.d", 0x010b0000, 0xffff8000, "FD_FJ_FK", F.FP, 0],
  ["fmaxa.s", 0x010c8000, 0xffff8000, "FD_FJ_FK", F.FP, 0],
  ["fmaxa.d", 0x010d0000, 0xffff8000, "FD_FJ_FK", F.FP, 0],
  ["fmina.s", 0x010e8000, 0xffff8000, "FD_FJ_FK", F.FP, 0],
  ["fmina.d", 0x010f0000, 0xffff8000, "FD_FJ_FK", F.FP, 0],
  ["fscaleb.s", 0x01108000, 0xffff8000, "FD_FJ_FK", F.FP, 0],
  ["fscaleb.d", 0x01110000, 0xffff8000, "FD_FJ_FK", F.FP, 0],
  ["fcopysign.s", 0x01128000, 0xffff8000, "FD_FJ_FK", F.FP, 0],
  ["fcopysign.d", 0x01130000, 0xffff8000, "FD_FJ_FK", F.FP, 0],
  ["fabs.s", 0x01140400, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["fabs.d", 0x01140800, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["fneg.s", 0x01141400, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["fneg.d", 0x01141800, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["flogb.s", 0x01142400, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["flogb.d", 0x01142800, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["fclass.s", 0x01143400, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["fclass.d", 0x01143800, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["fsqrt.s", 0x01144400, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["fsqrt.d", 0x01144800, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["frecip.s", 0x01145400, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["frecip.d", 0x01145800, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["frsqrt.s", 0x01146400, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["frsqrt.d", 0x01146800, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["fmov.s", 0x01149400, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["fmov.d", 0x01149800, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["movgr2fr.w", 0x0114a400, 0xfffffc00, "FD_RJ", F.FP, 0],
  ["movgr2fr.d", 0x0114a800, 0xfffffc00, "FD_RJ", F.FP, 0],
  ["movgr2frh.w", 0x0114ac00, 0xfffffc00, "FD_RJ", F.FP, 0],
  ["movfr2gr.s", 0x0114b400, 0xfffffc00, "RD_FJ", F.FP, 0],
  ["movfr2gr.d", 0x0114b800, 0xfffffc00, "RD_FJ", F.FP, 0],
  ["movfrh2gr.s", 0x0114bc00, 0xfffffc00, "RD_FJ", F.FP, 0],
  ["movgr2fcsr", 0x0114c000, 0xfffffc1c, "FCSR_RJ", F.FP, 0],
  ["movfcsr2gr", 0x0114c800, 0xffffff80, "RD_FCSR", F.FP, 0],
  ["movfr2cf", 0x0114d000, 0xfffffc18, "CD_FJ", F.FP, 0],
  ["movcf2fr", 0x0114d400, 0xffffff00, "FD_CJ", F.FP, 0],
  ["movgr2cf", 0x0114d800, 0xfffffc18, "CD_RJ", F.FP, 0],
  ["movcf2gr", 0x0114dc00, 0xffffff00, "RD_CJ", F.FP, 0],
  ["fcvt.s.d", 0x01191800, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["fcvt.d.s", 0x01192400, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["ftintrm.w.s", 0x011a0400, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["ftintrm.w.d", 0x011a0800, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["ftintrm.l.s", 0x011a2400, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["ftintrm.l.d", 0x011a2800, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["ftintrp.w.s", 0x011a4400, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["ftintrp.w.d", 0x011a4800, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["ftintrp.l.s", 0x011a6400, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["ftintrp.l.d", 0x011a6800, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["ftintrz.w.s", 0x011a8400, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["ftintrz.w.d", 0x011a8800, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["ftintrz.l.s", 0x011aa400, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["ftintrz.l.d", 0x011aa800, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["ftintrne.w.s", 0x011ac400, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["ftintrne.w.d", 0x011ac800, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["ftintrne.l.s", 0x011ae400, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["ftintrne.l.d", 0x011ae800, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["ftint.w.s", 0x011b0400, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["ftint.w.d", 0x011b0800, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["ftint.l.s", 0x011b2400, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["ftint.l.d", 0x011b2800, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["ffint.s.w", 0x011d1000, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["ffint.s.l", 0x011d1800, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["ffint.d.w", 0x011d2000, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["ffint.d.l", 0x011d2800, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["frint.s", 0x011e4400, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["frint.d", 0x011e4800, 0xfffffc00, "FD_FJ", F.FP, 0],
  ["fmadd.s", 0x08100000, 0xfff00000, "FD_FJ_FK_FA", F.FP, 0],
  ["fmadd.d", 0x08200000, 0xfff00000, "FD_FJ_FK_FA", F.FP, 0],
  ["fmsub.s", 0x08500000, 0xfff00000, "FD_FJ_FK_FA", F.FP, 0],
  ["fmsub.d", 0x08600000, 0xfff00000, "FD_FJ_FK_FA", F.FP, 0],
  ["fnmadd.s", 0x08900000, 0xfff00000, "FD_FJ_FK_FA", F.FP, 0],
  ["fnmadd.d", 0x08a00000, 0xfff00000, "FD_FJ_FK_FA", F.FP, 0],
  ["fnmsub.s", 0x08d00000, 0xfff00000, "FD_FJ_FK_FA", F.FP, 0],
  ["fnmsub.d", 0x08e00000, 0xfff00000, "FD_FJ_FK_FA", F.FP, 0],
  ["fcmp.caf.s", 0x0c100000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.saf.s", 0x0c108000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.clt.s", 0x0c110000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.slt.s", 0x0c118000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.ceq.s", 0x0c120000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.seq.s", 0x0c128000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.cle.s", 0x0c130000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.sle.s", 0x0c138000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.cun.s", 0x0c140000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.sun.s", 0x0c148000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.cult.s", 0x0c150000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.sult.s", 0x0c158000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.cueq.s", 0x0c160000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.sueq.s", 0x0c168000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.cule.s", 0x0c170000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.sule.s", 0x0c178000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.cne.s", 0x0c180000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.sne.s", 0x0c188000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.cor.s", 0x0c1a0000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.sor.s", 0x0c1a8000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.cune.s", 0x0c1c0000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.sune.s", 0x0c1c8000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.caf.d", 0x0c200000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.saf.d", 0x0c208000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.clt.d", 0x0c210000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.slt.d", 0x0c218000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.ceq.d", 0x0c220000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.seq.d", 0x0c228000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.cle.d", 0x0c230000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.sle.d", 0x0c238000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.cun.d", 0x0c240000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.sun.d", 0x0c248000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.cult.d", 0x0c250000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.sult.d", 0x0c258000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.cueq.d", 0x0c260000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.sueq.d", 0x0c268000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.cule.d", 0x0c270000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.sule.d", 0x0c278000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.cne.d", 0x0c280000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.sne.d", 0x0c288000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.cor.d", 0x0c2a0000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.sor.d", 0x0c2a8000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.cune.d", 0x0c2c0000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fcmp.sune.d", 0x0c2c8000, 0xffff8018, "CD_FJ_FK", F.FP, 0],
  ["fsel", 0x0d000000, 0xfffc0000, "FSEL", F.FP, 0],
  ["fld.s", 0x2b000000, 0xffc00000, "FD_RJ_SI12", F.FP | F.LOAD, 4],
  ["fst.s", 0x2b400000, 0xffc00000, "FD_RJ_SI12", F.FP | F.STORE, 4],
  ["fld.d", 0x2b800000, 0xffc00000, "FD_RJ_SI12", F.FP | F.LOAD, 8],
  ["fst.d", 0x2bc00000, 0xffc00000, "FD_RJ_SI12", F.FP | F.STORE, 8],
  ["fldx.s", 0x38300000, 0xffff8000, "FD_RJ_RK", F.FP | F.LOAD, 4],
  ["fldx.d", 0x38340000, 0xffff8000, "FD_RJ_RK", F.FP | F.LOAD, 8],
  ["fstx.s", 0x38380000, 0xffff8000, "FD_RJ_RK", F.FP | F.STORE, 4],
  ["fstx.d", 0x383c0000, 0xffff8000, "FD_RJ_RK", F.FP | F.STORE, 8],
  ["fldgt.s", 0x38740000, 0xffff8000, "FD_RJ_RK", F.FP | F.LOAD | F.BOUND, 4],
  ["fldgt.d", 0x38748000, 0xffff8000, "FD_RJ_RK", F.FP | F.LOAD | F.BOUND, 8],
  ["fldle.s", 0x38750000, 0xffff8000, "FD_RJ_RK", F.FP | F.LOAD | F.BOUND, 4],
  ["fldle.d", 0x38758000, 0xffff8000, "FD_RJ_RK", F.FP | F.LOAD | F.BOUND, 8],
  ["fstgt.s", 0x38760000, 0xffff8000, "FD_RJ_RK", F.FP | F.STORE | F.BOUND, 4],
  ["fstgt.d", 0x38768000, 0xffff8000, "FD_RJ_RK", F.FP | F.STORE | F.BOUND, 8],
  ["fstle.s", 0x38770000, 0xffff8000, "FD_RJ_RK", F.FP | F.STORE | F.BOUND, 4],
  ["fstle.d", 0x38778000, 0xffff8000, "FD_RJ_RK", F.FP | F.STORE | F.BOUND, 8],
];

// Register data flow from the operand layout plus the few instructions whose rd is a source.
function regUse(mnemonic: string, format: InsnFormat, flags: number): readonly [number, number] {
  let reads = 0;
  let writes = 0;
  for (const op of FORMAT_OPERANDS[format]) {
    if (op === "rd") writes |= RegUse.RD;
    else if (op === "rj") reads |= RegUse.RJ;
    else if (op === "rk") reads |= RegUse.RK;
  }
  if (format === "RJ_RD_OFFS16") {
    // beq/bne/blt/...: rd is the second compared register.
    reads |= RegUse.RD;
    writes = 0;
  } else if ((flags & (InsnFlag.STORE | InsnFlag.LOAD | InsnFlag.FP)) === InsnFlag.STORE) {
    // (FP stores take the value from an FP register, not a general one)
    // Stores and iocsrwr take the value from rd; sc also writes its success flag back to rd.
    reads |= RegUse.RD;
    writes = mnemonic.startsWith("sc.") ? RegUse.RD : 0;
  }
  if (/^(bstrins\.[wd]|lu32i\.d|g?csrwr|g?csrxchg)$/.test(mnemonic)) reads |= RegUse.RD;
  if (mnemonic.startsWith("rdtime")) {
    // rdtime*: rj receives the counter ID.
    reads &= ~RegUse.RJ;
    writes |= RegUse.RJ;
  }
  if (mnemonic === "bl") writes |= RegUse.RA;
  return [reads, writes];
}

function buildInsns(): readonly InsnDef[] {
  const invalid: InsnDef = {
    id: 0,
    mnemonic: "<invalid>",
    name: "INVALID",
    match: 0,
    mask: 0,
    format: "NONE",
    operands: [],
    flags: 0,
    memBytes: 0,
    reads: 0,
    writes: 0,
  };
  const out: InsnDef[] = [invalid];
  for (const [mnemonic, match, mask, format, flags, memBytes] of ROWS) {
    const [reads, writes] = regUse(mnemonic, format, flags);
    out.push(
      Object.freeze({
        id: out.length,
        mnemonic,
        name: mnemonic.toUpperCase().replaceAll(".", "_"),
        match: match >>> 0,
        mask: mask >>> 0,
        format,
        operands: FORMAT_OPERANDS[format],
        flags,
        memBytes,
        reads,
        writes,
      }),
    );
  }
  return Object.freeze(out);
}

/**
 * Every instruction the decoder knows, indexed by {@link Op} id (`INSNS[0]` describes `INVALID`).
 *
 * @example
 * ```ts
 * import { INSNS, Op } from "@axvisor/loongarch-cpu";
 * const d = INSNS[Op.BEQ]!;
 * console.log(d.mnemonic, d.format, d.operands); // "beq" "RJ_RD_OFFS16" ["rj", "rd", "offs16"]
 * ```
 */
export const INSNS: readonly InsnDef[] = buildInsns();
