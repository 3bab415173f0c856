// Generates src/blocks.S: one register-dump block per instruction class. Each result is computed into
// r20 (or stored by the block itself) and saved to the next 8-byte slot of the scratch buffer.
import { writeFileSync } from "node:fs";

const out = [];
const blocks = [];
let slot = 0;
let label = 0;
const emit = (s) => out.push(`    ${s}`);
const save = (reg = "$r20") => {
  if (slot >= 256) throw new Error(`block ${blocks.at(-1)} has more than 256 results`);
  emit(`st.d    ${reg}, $r21, ${-1024 + 8 * slot}`);
  slot++;
};
const t = (insn) => {
  emit(insn);
  save();
};
const begin = (name) => {
  blocks.push(name);
  slot = 0;
  out.push(`BLOCK block_${name}`);
};
const end = () => out.push("END_BLOCK", "");
const r = (n) => `$r${n}`;
const pairs = (as, bs, f) => {
  for (const a of as) for (const b of bs) f(r(a), r(b));
};

// arithmetic
begin("arith");
for (const op of ["add.w", "add.d", "sub.w", "sub.d", "slt", "sltu"])
  pairs([1, 3, 6, 7, 11, 14], [1, 2, 3, 6, 10, 15], (a, b) => t(`${op} $r20, ${a}, ${b}`));
end();

begin("logic");
for (const op of ["nor", "and", "or", "xor", "orn", "andn", "maskeqz", "masknez"])
  pairs([1, 3, 14, 15, 25], [1, 3, 14, 26, 2], (a, b) => t(`${op} $r20, ${a}, ${b}`));
end();

begin("shift");
for (const op of ["sll.w", "srl.w", "sra.w", "sll.d", "srl.d", "sra.d", "rotr.w", "rotr.d"])
  pairs([14, 15, 11], [1, 2, 16, 17, 18, 19, 31, 3], (a, b) => t(`${op} $r20, ${a}, ${b}`));
end();

begin("shift_imm");
for (const op of ["slli.w", "srli.w", "srai.w", "rotri.w"])
  for (const a of [14, 15, 11, 9]) for (const i of [0, 1, 17, 31]) t(`${op} $r20, ${r(a)}, ${i}`);
for (const op of ["slli.d", "srli.d", "srai.d", "rotri.d"])
  for (const a of [14, 15, 11, 9]) for (const i of [0, 1, 31, 32, 63]) t(`${op} $r20, ${r(a)}, ${i}`);
end();

begin("imm");
for (const op of ["addi.w", "addi.d", "slti", "sltui", "lu52i.d"])
  for (const a of [1, 3, 6, 11, 14]) for (const i of [0, 1, -1, 2047, -2048]) t(`${op} $r20, ${r(a)}, ${i}`);
for (const op of ["andi", "ori", "xori"])
  for (const a of [1, 3, 6, 11, 14])
    for (const i of [0, 1, 0x7ff, 0x800, 0xfff]) t(`${op} $r20, ${r(a)}, ${i}`);
for (const a of [1, 3, 6, 11, 14])
  for (const i of [0, 1, -1, 32767, -32768]) t(`addu16i.d $r20, ${r(a)}, ${i}`);
end();

begin("upper");
for (const i of [0, 1, -1, 0x7ffff, -0x80000, 0x12345]) {
  t(`lu12i.w $r20, ${i}`);
  for (const a of [1, 3, 14]) {
    emit(`move $r20, ${r(a)}`);
    t(`lu32i.d $r20, ${i}`);
  }
  t(`pcaddi $r20, ${i}`);
  t(`pcalau12i $r20, ${i}`);
  t(`pcaddu12i $r20, ${i}`);
  t(`pcaddu18i $r20, ${i}`);
}
end();

begin("bitops");
const twoR = ["ext.w.h", "ext.w.b", "clo.w", "clz.w", "cto.w", "ctz.w", "clo.d", "clz.d", "cto.d", "ctz.d"];
const twoR2 = [
  "revb.2h",
  "revb.4h",
  "revb.2w",
  "revb.d",
  "revh.2w",
  "revh.d",
  "bitrev.4b",
  "bitrev.8b",
  "bitrev.w",
  "bitrev.d",
];
for (const op of [...twoR, ...twoR2]) for (const a of [1, 3, 7, 9, 14, 15, 24, 29]) t(`${op} $r20, ${r(a)}`);
end();

begin("alsl_bytepick");
for (const op of ["alsl.w", "alsl.wu", "alsl.d"])
  for (const sa of [1, 2, 3, 4]) pairs([3, 7, 14], [2, 11, 15], (a, b) => t(`${op} $r20, ${a}, ${b}, ${sa}`));
for (const sa of [0, 1, 2, 3]) pairs([14, 3], [15, 1], (a, b) => t(`bytepick.w $r20, ${a}, ${b}, ${sa}`));
for (const sa of [0, 1, 3, 7]) pairs([14, 3], [15, 1], (a, b) => t(`bytepick.d $r20, ${a}, ${b}, ${sa}`));
end();

begin("bstr");
for (const [m, l] of [
  [31, 0],
  [15, 8],
  [0, 0],
  [31, 31],
  [7, 4],
]) {
  for (const a of [3, 14, 15]) {
    t(`bstrpick.w $r20, ${r(a)}, ${m}, ${l}`);
    emit(`move $r20, $r25`);
    t(`bstrins.w $r20, ${r(a)}, ${m}, ${l}`);
  }
}
for (const [m, l] of [
  [63, 0],
  [47, 16],
  [0, 0],
  [63, 63],
  [31, 1],
  [62, 32],
]) {
  for (const a of [3, 14, 15]) {
    t(`bstrpick.d $r20, ${r(a)}, ${m}, ${l}`);
    emit(`move $r20, $r25`);
    t(`bstrins.d $r20, ${r(a)}, ${m}, ${l}`);
  }
}
end();

begin("mul");
for (const op of ["mul.w", "mulh.w", "mulh.wu", "mul.d", "mulh.d", "mulh.du", "mulw.d.w", "mulw.d.wu"])
  pairs([3, 6, 7, 11, 15], [3, 6, 9, 14, 15], (a, b) => t(`${op} $r20, ${a}, ${b}`));
end();

begin("div");
for (const op of ["div.w", "mod.w", "div.wu", "mod.wu", "div.d", "mod.d", "div.du", "mod.du"])
  pairs([11, 9, 14, 3, 7], [1, 3, 2, 16, 15], (a, b) => t(`${op} $r20, ${a}, ${b}`));
end();

begin("crc_cpucfg");
for (const op of [
  "crc.w.b.w",
  "crc.w.h.w",
  "crc.w.w.w",
  "crc.w.d.w",
  "crcc.w.b.w",
  "crcc.w.h.w",
  "crcc.w.w.w",
  "crcc.w.d.w",
])
  pairs([14, 15, 3], [1, 3, 14], (a, b) => t(`${op} $r20, ${a}, ${b}`));
for (let i = 0; i < 0x16; i++) {
  // word 6 (performance monitors): qemu-loongarch64 7.2 has none and reports 0, the emulated CPU has four
  if (i === 6) continue;
  emit(`li.w $r19, ${i}`);
  t(`cpucfg $r20, $r19`);
}
t("cpucfg $r20, $r3");
end();

begin("loadstore");
// stores of edge values, then loads of every width and extension back
const vals = [14, 15, 3, 9];
let off = -1024;
for (const v of vals) {
  emit(`st.d ${r(v)}, $r21, ${off + 512}`);
  emit(`st.w ${r(v)}, $r21, ${off + 520}`);
  emit(`st.h ${r(v)}, $r21, ${off + 524}`);
  emit(`st.b ${r(v)}, $r21, ${off + 527}`);
  emit(`stptr.w ${r(v)}, $r21, ${off + 528}`);
  emit(`stptr.d ${r(v)}, $r21, ${off + 536}`);
  off += 32;
}
for (const [ld, o] of [
  ["ld.b", 512],
  ["ld.bu", 513],
  ["ld.h", 514],
  ["ld.hu", 518],
  ["ld.w", 516],
  ["ld.wu", 512],
  ["ld.d", 515],
  ["ldptr.w", 520],
  ["ldptr.d", 536],
])
  for (let k = 0; k < 4; k++) t(`${ld} $r20, $r21, ${-1024 + o + 32 * k}`);
// indexed forms: r19 = offset
emit("li.w $r19, -256");
for (const st of ["stx.b", "stx.h", "stx.w", "stx.d"]) {
  emit(`${st} $r14, $r21, $r19`);
  emit("addi.d $r19, $r19, 8");
}
emit("li.w $r19, -256");
for (const ld of ["ldx.b", "ldx.bu", "ldx.h", "ldx.hu", "ldx.w", "ldx.wu", "ldx.d"]) {
  t(`${ld} $r20, $r21, $r19`);
  emit("addi.d $r19, $r19, 3");
}
// misaligned plain loads are allowed (UAL)
t("ld.d $r20, $r21, -1023");
t("ld.w $r20, $r21, -1021");
t("ld.h $r20, $r21, -1019");
// bound-checked success paths: r21 > r2 (=1), r21 <= r10 (=INT64_MAX)
t("ldgt.d $r20, $r21, $r2");
t("ldgt.w $r20, $r21, $r2");
t("ldgt.h $r20, $r21, $r2");
t("ldgt.b $r20, $r21, $r2");
t("ldle.d $r20, $r21, $r10");
t("ldle.w $r20, $r21, $r10");
t("ldle.h $r20, $r21, $r10");
t("ldle.b $r20, $r21, $r10");
emit("addi.d $r19, $r21, 64");
emit("stgt.d $r15, $r19, $r2");
emit("stgt.w $r14, $r19, $r2");
emit("stle.h $r14, $r19, $r10");
emit("stle.b $r3, $r19, $r10");
emit("asrtle.d $r1, $r2");
emit("asrtgt.d $r2, $r1");
emit("preld 0, $r21, 0");
// preldx is absent from QEMU 7.2 (SIGILL there); it is a unit test instead
emit("dbar 0");
emit("ibar 0");
t("ld.d $r20, $r19, 0");
end();

begin("atomic");
for (const w of ["w", "d"]) {
  const size = w === "w" ? 4 : 8;
  let a = -512;
  const ops = ["amswap", "amadd", "amand", "amor", "amxor", "ammax", "ammin"];
  const names = [...ops.map((o) => `${o}.${w}`), `ammax.${w}u`, `ammin.${w}u`];
  for (const name of [...names, ...names.map((n) => n.replace(".", "_db."))]) {
    emit(`addi.d $r19, $r21, ${a}`);
    emit(`st.d $r15, $r19, 0`);
    t(`${name} $r20, $r14, $r19`);
    save("$r15");
    a += size * 3;
  }
}
// ll/sc: a successful pair and a pair broken by... nothing in user mode, so both succeed
emit("addi.d $r19, $r21, 0");
emit("st.d $r14, $r19, 0");
t("ll.w $r20, $r19, 0");
emit("addi.w $r20, $r20, 5");
t("sc.w $r20, $r19, 0");
t("ll.d $r20, $r19, 0");
emit("addi.d $r20, $r20, -7");
t("sc.d $r20, $r19, 0");
t("ld.d $r20, $r19, 0");
t("ll.d $r20, $r21, 8");
t("ll.w $r20, $r21, -16");
end();

begin("branch");
const br = ["beq", "bne", "blt", "bge", "bltu", "bgeu"];
for (const op of br)
  pairs([1, 3, 11, 14], [1, 3, 10], (a, b) => {
    const l = `.Lb${label++}`;
    emit("li.w $r20, 0");
    emit(`${op} ${a}, ${b}, ${l}`);
    emit("ori $r20, $r20, 1");
    out.push(`${l}:`);
    save();
  });
for (const op of ["beqz", "bnez"])
  for (const a of [1, 3, 11, 13]) {
    const l = `.Lb${label++}`;
    emit("li.w $r20, 0");
    emit(`${op} ${r(a)}, ${l}`);
    emit("ori $r20, $r20, 1");
    out.push(`${l}:`);
    save();
  }
// a backward loop, bl/jirl return addresses, b over code
emit("li.w $r20, 0");
emit("li.w $r19, 10");
out.push(".Lloop:");
emit("add.d $r20, $r20, $r19");
emit("addi.d $r19, $r19, -1");
emit("bnez $r19, .Lloop");
save();
emit("move $r19, $r1");
emit("bl .Lfn");
emit("b .Lafter");
out.push(".Lfn:");
emit("move $r20, $r1");
emit("jirl $r0, $r1, 0");
out.push(".Lafter:");
save();
emit("move $r1, $r19");
emit("pcaddi $r19, 3");
emit("jirl $r20, $r19, 0");
emit("ori $r20, $r0, 1");
save();
emit("b .Lskip");
emit("li.w $r20, 99");
out.push(".Lskip:");
save();
end();

const head = ['#include "regdump.h"', "// Generated by gen-blocks.mjs; do not edit.", ""];
const table = ["    .section .rodata", "    .p2align 3", "    .globl block_table", "block_table:"];
for (const b of blocks) table.push(`    .dword .Lname_${b}, block_${b}`);
table.push("    .dword 0, 0");
for (const b of blocks) table.push(`.Lname_${b}: .asciz "${b}"`);
writeFileSync(new URL("./src/blocks.S", import.meta.url), [...head, ...out, ...table, ""].join("\n"));

// src/fuzz-slots.S: FUZZ_SLOTS blocks whose bodies are FUZZ_WORDS nops, patched by the fuzzer.
const FUZZ_SLOTS = 128;
const FUZZ_WORDS = 48;
const fz = ['#include "regdump.h"', "// Generated by gen-blocks.mjs; do not edit.", ""];
for (let i = 0; i < FUZZ_SLOTS; i++) {
  fz.push(
    `BLOCK fuzz_slot_${i}`,
    `    .globl fuzz_body_${i}`,
    `fuzz_body_${i}:`,
    `    .rept ${FUZZ_WORDS}`,
    "    nop",
    "    .endr",
    "END_BLOCK",
  );
}
fz.push("    .section .rodata", "    .p2align 3", "    .globl fuzz_slots", "fuzz_slots:");
for (let i = 0; i < FUZZ_SLOTS; i++) fz.push(`    .dword fuzz_slot_${i}`);
fz.push(
  "    .data",
  "    .p2align 3",
  "    .globl fuzz_count",
  "fuzz_count: .dword 0",
  "    .globl fuzz_init",
  "fuzz_init:",
  `    .zero ${FUZZ_SLOTS * 32 * 8}`,
  "",
);
writeFileSync(new URL("./src/fuzz-slots.S", import.meta.url), fz.join("\n"));
