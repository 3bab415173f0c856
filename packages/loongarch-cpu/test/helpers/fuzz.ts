// The random-instruction differential fuzzer: random valid instruction blocks (every integer format,
// edge immediates, edge register values) are patched into the slots of guests/elf/fuzz.elf and run under
// qemu-loongarch64 and in-process; the printed registers and scratch hashes must agree.
//
// Constraints that keep a block inside the harness: memory operands use r21 (the scratch base) with an
// offset inside the 2 KiB scratch buffer, indexed forms use r20 (a small offset) as index, and blocks
// never write r20/r21; branches only go forward inside the block (or to its end); ll is always followed
// by sc to the same address; instructions with host-dependent results (rdtime), traps, privileged and
// FP instructions, and preldx (not in QEMU 7.2) are left out.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  disassemble,
  elfFileOffset,
  encodeOperand,
  INSNS,
  type InsnDef,
  InsnFlag,
  parseElf,
  readElfSymbols,
} from "../../src/index.js";
import { runOurs } from "./run.js";
import { guestPath, runQemu } from "./tools.js";

export const SLOTS = 128;
export const WORDS = 48;
const NOP = 0x03400000;

export interface Block {
  words: number[];
  init: bigint[]; // r0..r31
}

/** xorshift64* style PRNG over two uint32 halves (deterministic for a seed). */
export class Rng {
  private s0: number;
  private s1: number;
  constructor(seed: number) {
    this.s0 = (seed ^ 0x9e3779b9) >>> 0 || 1;
    this.s1 = Math.imul(seed, 0x85ebca6b) >>> 0 || 2;
  }
  u32(): number {
    let x = this.s0;
    const y = this.s1;
    this.s0 = y;
    x ^= x << 23;
    x ^= x >>> 17;
    x ^= y ^ (y >>> 26);
    this.s1 = x >>> 0;
    return (this.s0 + this.s1) >>> 0;
  }
  int(n: number): number {
    return this.u32() % n;
  }
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)]!;
  }
}

const EDGE64 = [
  0n,
  1n,
  2n,
  0xffffffffffffffffn,
  0x7fffffffn,
  0x80000000n,
  0xffffffffn,
  0xffffffff80000000n,
  0x7fffffffffffffffn,
  0x8000000000000000n,
  0x8000000000000001n,
  31n,
  32n,
  63n,
  64n,
  0x100000000n,
  0xfffffffffffffffen,
];

function rand64(rng: Rng): bigint {
  const k = rng.int(4);
  if (k === 0) return rng.pick(EDGE64);
  if (k === 1) return BigInt.asUintN(64, BigInt(rng.int(2001) - 1000));
  return (BigInt(rng.u32()) << 32n) | BigInt(rng.u32());
}

function imm(rng: Rng, bits: number, signed: boolean): number {
  const max = signed ? (1 << (bits - 1)) - 1 : 2 ** bits - 1;
  const min = signed ? -(1 << (bits - 1)) : 0;
  const k = rng.int(6);
  const v =
    k === 0
      ? 0
      : k === 1
        ? 1
        : k === 2
          ? max
          : k === 3
            ? min
            : k === 4 && signed
              ? -1
              : min + rng.int(max - min + 1);
  return v & (2 ** bits - 1);
}

const EXCLUDED = new Set(["rdtimel.w", "rdtimeh.w", "rdtime.d", "preldx", "jirl"]);
const BAD_FLAGS = InsnFlag.PRIV | InsnFlag.LVZ | InsnFlag.FP | InsnFlag.TRAP | InsnFlag.BOUND;
const POOL: readonly InsnDef[] = INSNS.filter(
  (d, i) =>
    i > 0 && (d.flags & BAD_FLAGS) === 0 && !EXCLUDED.has(d.mnemonic) && !d.mnemonic.startsWith("sc."),
);

// the bound-checked loads/stores (address r21 itself, always 8-byte aligned) and the assertions
const BOUNDED: readonly InsnDef[] = INSNS.filter(
  (d, i) => i > 0 && (d.flags & InsnFlag.BOUND) !== 0 && (d.flags & InsnFlag.FP) === 0,
);

const DEST = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 22, 23, 24, 25, 26, 27, 28, 29, 30,
  31,
];
const anyReg = (rng: Rng) => rng.int(32);
const destReg = (rng: Rng) => rng.pick(DEST);

/** Generates the instruction words of one block (at most WORDS long). */
export function genWords(rng: Rng, length: number): number[] {
  const out: number[] = [];
  // branches are encoded at the end, once every target is known: a target must not be the second word
  // of a pcaddi+jirl or ll+sc pair (that would skip the pcaddi or the ll)
  const branches: { at: number; target: number; enc: (off: number) => number }[] = [];
  const paired = new Set<number>();
  const branch = (enc: (off: number) => number) => {
    const i = out.length;
    branches.push({ at: i, target: i + 1 + rng.int(length - i), enc });
    out.push(0);
  };
  while (out.length < length) {
    const i = out.length;
    const room = length - i;
    const r = rng.int(100);
    if (r < 4 && room >= 2) {
      // pcaddi + jirl to a forward target inside the block (or its end); the pcaddi offset is fixed
      // up with the branches so the jump never lands on the second word of a pair
      const t = rng.pick(DEST.filter((x) => x !== 0));
      branches.push({
        at: i,
        target: i + 2 + rng.int(length - i - 1),
        enc: (off) => 0x18000000 | ((off & 0xfffff) << 5) | t,
      });
      out.push(0);
      out.push(0x4c000000 | (t << 5) | destReg(rng));
      paired.add(i + 1);
      continue;
    }
    if (r < 7 && room >= 2) {
      // ll + sc to the same aligned address
      const d = rng.int(2) === 0;
      const off = (rng.int(256) - 128) * 8; // bytes, aligned to 8
      const si14 = ((off >> 2) & 0x3fff) << 10;
      out.push((d ? 0x22000000 : 0x20000000) | si14 | (21 << 5) | destReg(rng));
      out.push((d ? 0x23000000 : 0x21000000) | si14 | (21 << 5) | destReg(rng));
      paired.add(i + 1);
      continue;
    }
    if (r < 9 && room >= 2) {
      // a bound-checked access or assertion whose check passes: r21 (an address) > 1 and < 2^62
      const def = rng.pick(BOUNDED);
      const k = rng.pick(DEST.filter((x) => x !== 0));
      const le = (def.match & 0x20000) !== 0 || def.mnemonic === "asrtle.d"; // ldle/stle/asrtle
      out.push(le ? 0x03000000 | (0x1ff << 10) | k : 0x02c00000 | (1 << 10) | k); // lu52i.d k,$zero,0x1ff / addi.d k,$zero,1
      if (def.format === "RJ_RK") out.push((def.match | (k << 10) | (21 << 5)) >>> 0);
      else {
        const isStore = (def.flags & InsnFlag.STORE) !== 0;
        out.push((def.match | (k << 10) | (21 << 5) | (isStore ? anyReg(rng) : destReg(rng))) >>> 0);
      }
      paired.add(i + 1);
      continue;
    }
    const def = rng.pick(POOL);
    let w = def.match >>> 0;
    const mem = (def.flags & (InsnFlag.LOAD | InsnFlag.STORE)) !== 0;
    const isStore = (def.flags & InsnFlag.STORE) !== 0 && (def.flags & InsnFlag.ATOMIC) === 0;
    const isBranch = (def.flags & InsnFlag.BRANCH) !== 0;
    const rdField = isStore || isBranch ? anyReg(rng) : destReg(rng);
    switch (def.format) {
      case "RD_RJ":
        w |= (anyReg(rng) << 5) | destReg(rng);
        break;
      case "RD_RJ_RK":
        if (mem) w |= (20 << 10) | (21 << 5) | rdField;
        else w |= (anyReg(rng) << 10) | (anyReg(rng) << 5) | destReg(rng);
        break;
      case "RD_RK_RJ": {
        // am*: address r21; rd distinct from rj and rk
        const rk = anyReg(rng);
        let rd = destReg(rng);
        while (rd !== 0 && rd === rk) rd = destReg(rng);
        w |= (rk << 10) | (21 << 5) | rd;
        break;
      }
      case "ALSL":
        w |= (rng.int(4) << 15) | (anyReg(rng) << 10) | (anyReg(rng) << 5) | destReg(rng);
        break;
      case "BYTEPICK_W":
        w |= (rng.int(4) << 15) | (anyReg(rng) << 10) | (anyReg(rng) << 5) | destReg(rng);
        break;
      case "BYTEPICK_D":
        w |= (rng.int(8) << 15) | (anyReg(rng) << 10) | (anyReg(rng) << 5) | destReg(rng);
        break;
      case "RD_RJ_UI5":
        w |= (imm(rng, 5, false) << 10) | (anyReg(rng) << 5) | destReg(rng);
        break;
      case "RD_RJ_UI6":
        w |= (imm(rng, 6, false) << 10) | (anyReg(rng) << 5) | destReg(rng);
        break;
      case "RD_RJ_UI12":
        w |= (imm(rng, 12, false) << 10) | (anyReg(rng) << 5) | destReg(rng);
        break;
      case "RD_RJ_SI12":
        if (mem) {
          const off = rng.int(2048 - def.memBytes + 1) - 1024;
          w |= ((off & 0xfff) << 10) | (21 << 5) | rdField;
        } else w |= (imm(rng, 12, true) << 10) | (anyReg(rng) << 5) | destReg(rng);
        break;
      case "RD_RJ_SI14X4": {
        // ldptr/stptr (ll/sc come in pairs above)
        const off = (rng.int(256) - 128) * 8;
        w |= (((off >> 2) & 0x3fff) << 10) | (21 << 5) | rdField;
        break;
      }
      case "RD_RJ_SI16":
        w |= (imm(rng, 16, true) << 10) | (anyReg(rng) << 5) | destReg(rng);
        break;
      case "RD_SI20":
        w |= (imm(rng, 20, true) << 5) | destReg(rng);
        break;
      case "BSTR_W": {
        const a = rng.int(32);
        const b = rng.int(32);
        w |= (Math.max(a, b) << 16) | (Math.min(a, b) << 10) | (anyReg(rng) << 5) | destReg(rng);
        break;
      }
      case "BSTR_D": {
        const a = rng.int(64);
        const b = rng.int(64);
        w |= (Math.max(a, b) << 16) | (Math.min(a, b) << 10) | (anyReg(rng) << 5) | destReg(rng);
        break;
      }
      case "HINT_RJ_SI12":
        w |= (imm(rng, 12, true) << 10) | (anyReg(rng) << 5) | rng.int(32);
        break;
      case "CODE15":
        w |= rng.pick([0, 0x10, 0x14, 0x700]);
        break;
      case "RJ_OFFS21": {
        const rj = anyReg(rng);
        branch((off) => w | ((off & 0xffff) << 10) | (rj << 5) | ((off >> 16) & 31));
        continue;
      }
      case "OFFS26":
        branch((off) => w | ((off & 0xffff) << 10) | ((off >> 16) & 0x3ff));
        continue;
      case "RJ_RD_OFFS16": {
        const rj = anyReg(rng);
        const rd = anyReg(rng);
        branch((off) => w | ((off & 0xffff) << 10) | (rj << 5) | rd);
        continue;
      }
      default:
        continue;
    }
    out.push(w >>> 0);
  }
  for (const b of branches) {
    let t = b.target;
    while (paired.has(t)) t++;
    out[b.at] = b.enc(t - b.at) >>> 0;
  }
  return out;
}

export function genBlock(rng: Rng): Block {
  const words = genWords(rng, 4 + rng.int(WORDS - 3));
  const init = Array.from({ length: 32 }, () => rand64(rng));
  init[0] = 0n;
  init[20] = BigInt.asUintN(64, BigInt(rng.int(2048 - 8) - 1024));
  init[21] = 0n;
  return { words, init };
}

interface Layout {
  bytes: Uint8Array;
  bodies: number[];
  init: number;
  count: number;
}

let layout: Layout | undefined;
function harness(): Layout {
  if (layout) return layout;
  const bytes = new Uint8Array(readFileSync(guestPath("fuzz")));
  const image = parseElf(bytes);
  const syms = readElfSymbols(bytes);
  const off = (name: string) => {
    const v = syms.get(name);
    const o = v === undefined ? undefined : elfFileOffset(image, v);
    if (o === undefined) throw new Error(`fuzz.elf: symbol ${name} missing`);
    return o;
  };
  layout = {
    bytes,
    bodies: Array.from({ length: SLOTS }, (_, i) => off(`fuzz_body_${i}`)),
    init: off("fuzz_init"),
    count: off("fuzz_count"),
  };
  return layout;
}

/** A copy of fuzz.elf with the blocks patched into its first slots. */
export function patch(blocks: readonly Block[]): Uint8Array {
  const h = harness();
  if (blocks.length > SLOTS) throw new Error("too many blocks for one run");
  const out = h.bytes.slice();
  const dv = new DataView(out.buffer);
  blocks.forEach((b, s) => {
    for (let i = 0; i < WORDS; i++) dv.setUint32(h.bodies[s]! + 4 * i, b.words[i] ?? NOP, true);
    for (let r = 0; r < 32; r++)
      dv.setBigUint64(h.init + (s * 32 + r) * 8, BigInt.asUintN(64, b.init[r]!), true);
  });
  dv.setBigUint64(h.count, BigInt(blocks.length), true);
  return out;
}

export interface BatchResult {
  qemu: string[];
  ours: string[];
  qemuCode: number;
  oursCode: number;
}

export function runBatch(blocks: readonly Block[]): BatchResult {
  const elf = patch(blocks);
  const dir = mkdtempSync(join(tmpdir(), "la64-fuzz-"));
  try {
    const file = join(dir, "fuzz.elf");
    writeFileSync(file, elf, { mode: 0o755 });
    const q = runQemu(file);
    const o = runOurs(elf);
    return {
      qemu: q.stdout.toString().split("\n").filter(Boolean),
      ours: o.stdout.toString().split("\n").filter(Boolean),
      qemuCode: q.code,
      oursCode: o.code,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function mismatches(block: Block): boolean {
  const r = runBatch([block]);
  // a block that crashes both (e.g. once shrinking removed the setup of a bound check) is no reproducer,
  // even where the two report different signals (BCE: QEMU's SIGSYS vs Linux's SIGSEGV)
  if (r.qemu[0] === undefined && r.ours[0] === undefined) return false;
  return r.qemu[0] !== r.ours[0] || r.qemuCode !== r.oursCode;
}

/** Greedily replaces instructions by nops while the block still mismatches. */
export function shrink(block: Block): Block {
  const words = [...block.words];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === NOP || (w & 0xfe000000) === 0x18000000 || (w & 0xfd000000) === 0x20000000) continue; // keep pcaddi, ll
    words[i] = NOP;
    if (!mismatches({ words, init: block.init })) words[i] = w;
  }
  while (words.length > 1 && words.at(-1) === NOP) words.pop();
  return { words, init: block.init };
}

const NAMES = ["r0", "ra", "tp", "sp", "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7"];
export function describe(block: Block, qemu: string | undefined, ours: string | undefined): string {
  const lines = ["block:"];
  for (const [i, w] of block.words.entries())
    lines.push(`  ${(i * 4).toString().padStart(3)}: ${w.toString(16).padStart(8, "0")}  ${disassemble(w)}`);
  lines.push("initial registers:");
  block.init.forEach((v, r) => {
    if (r !== 0 && r !== 21) lines.push(`  r${r}${NAMES[r] ? ` (${NAMES[r]})` : ""} = 0x${v.toString(16)}`);
  });
  const q = qemu?.split(" ") ?? [];
  const o = ours?.split(" ") ?? [];
  lines.push("differences (qemu vs ours):");
  for (let i = 1; i < Math.max(q.length, o.length); i++) {
    if (q[i] !== o[i]) lines.push(`  ${i === 33 ? "scratch hash" : `r${i - 1}`}: ${q[i]} vs ${o[i]}`);
  }
  return lines.join("\n");
}

export interface FuzzReport {
  blocks: number;
  failures: string[];
}

/** Runs `batches` batches of SLOTS random blocks from `seed`; each mismatch becomes a shrunk reproducer. */
export function fuzz(seed: number, batches: number, perBatch: number = SLOTS): FuzzReport {
  const rng = new Rng(seed);
  const failures: string[] = [];
  let count = 0;
  for (let b = 0; b < batches; b++) {
    const blocks = Array.from({ length: perBatch }, () => genBlock(rng));
    count += blocks.length;
    const r = runBatch(blocks);
    for (let s = 0; s < blocks.length; s++) {
      if (r.qemu[s] === r.ours[s]) continue;
      const small = shrink(blocks[s]!);
      const again = runBatch([small]);
      failures.push(`seed ${seed} batch ${b} slot ${s}\n${describe(small, again.qemu[0], again.ours[0])}`);
      if (failures.length >= 5) return { blocks: count, failures };
    }
    if (r.qemuCode !== r.oursCode)
      failures.push(`seed ${seed} batch ${b}: exit code qemu ${r.qemuCode} vs ours ${r.oursCode}`);
    // a block that crashes both would hide the rest of the batch: the generator must never produce one
    if (r.qemu.length < blocks.length || r.ours.length < blocks.length) {
      const s = Math.min(r.qemu.length, r.ours.length);
      const why = `the harness stopped (exit ${r.qemuCode} / ${r.oursCode})`;
      failures.push(
        `seed ${seed} batch ${b} slot ${s}: ${why}\n${describe(blocks[s]!, undefined, undefined)}`,
      );
    }
  }
  return { blocks: count, failures };
}

// ---- FP blocks ----
// An FP block loads f0-f7 from r4-r11, FCSR0 from r12 (rounding mode and flags; never enables: an FP
// trap would kill the harness) and fcc0-fcc3 from r13-r16, runs random FP instructions on them, then
// moves everything back into those GPRs, which the harness prints. movgr2fcsr stays out of the body:
// QEMU 7.2 writes FCSR0 unmasked (reserved bits read back as written), the manual masks them.
const FP_EXCLUDED = new Set(["movgr2fcsr", "bceqz", "bcnez"]);
const FP_POOL: readonly InsnDef[] = INSNS.filter(
  (d, i) =>
    i > 0 &&
    (d.flags & InsnFlag.FP) !== 0 &&
    (d.flags & InsnFlag.BOUND) === 0 &&
    !FP_EXCLUDED.has(d.mnemonic),
);

const FP_EDGE64 = [
  0n,
  0x8000000000000000n,
  0x3ff0000000000000n,
  0xbff0000000000000n,
  0x7ff0000000000000n,
  0xfff0000000000000n,
  0x7ff8000000000000n,
  0x7ff4000000000001n,
  0xfff8000000000123n,
  0x0000000000000001n,
  0x800fffffffffffffn,
  0x0010000000000000n,
  0x7fefffffffffffffn,
  0x3fe0000000000000n,
  0x4330000000000000n,
  0x43e0000000000000n,
  0xc3e0000000000000n,
  0x41dfffffffc00000n,
  0x3ff8000000000000n,
  0xc004000000000000n,
  0x3fb999999999999an,
];
const FP_EDGE32 = [
  0, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7fa00001, 0xffc00123, 1,
  0x807fffff, 0x00800000, 0x7f7fffff, 0x3f000000, 0x4b000000, 0x4f000000, 0xcf000000, 0x3fc00000, 0xc0200000,
  0x3dcccccd,
];

function randFp(rng: Rng): bigint {
  const k = rng.int(6);
  if (k === 0) return rng.pick(FP_EDGE64);
  if (k <= 2) {
    const hi = rng.int(2) === 0 ? 0xffffffffn : BigInt(rng.u32());
    return (hi << 32n) | BigInt(rng.pick(FP_EDGE32) >>> 0);
  }
  if (k === 3) {
    // a "nice" double with few mantissa bits (exact sums, ties)
    const e = BigInt(1023 + rng.int(40) - 20);
    return (BigInt(rng.int(2)) << 63n) | (e << 52n) | (BigInt(rng.int(16)) << 48n);
  }
  if (k === 4) {
    const e = BigInt(127 + rng.int(40) - 20);
    return 0xffffffff00000000n | (BigInt(rng.int(2)) << 31n) | (e << 23n) | BigInt(rng.u32() & 0x7fffff);
  }
  return (BigInt(rng.u32()) << 32n) | BigInt(rng.u32());
}

const fr = (rng: Rng) => rng.int(8);

/** Generates one FP block: prologue, `body` random FP instructions, epilogue. */
export function genFpBlock(rng: Rng, body = 20): Block {
  const words: number[] = [];
  for (let f = 0; f < 8; f++) words.push(0x0114a800 | ((4 + f) << 5) | f); // movgr2fr.d $f, $r(4+f)
  words.push(0x0114c000 | (12 << 5)); // movgr2fcsr $fcsr0, $t0
  for (let c = 0; c < 4; c++) words.push(0x0114d800 | ((13 + c) << 5) | c); // movgr2cf $fccc, $r(13+c)
  for (let n = 0; n < body; n++) {
    const def = rng.pick(FP_POOL);
    let w = def.match >>> 0;
    for (const kind of def.operands) {
      switch (kind) {
        case "fd":
        case "fj":
        case "fk":
        case "fa":
          w |= encodeOperand(kind, fr(rng));
          break;
        case "cd":
        case "cj":
        case "ca":
          w |= encodeOperand(kind, rng.int(4));
          break;
        case "fcsrj":
          w |= encodeOperand(kind, rng.int(4));
          break;
        case "rd":
          w |= destReg(rng);
          break;
        case "rj":
          w |= encodeOperand("rj", (def.flags & (InsnFlag.LOAD | InsnFlag.STORE)) !== 0 ? 21 : anyReg(rng));
          break;
        case "rk":
          w |= encodeOperand("rk", 20);
          break;
        case "si12":
          w |= encodeOperand("si12", (rng.int(256) - 128) * 4);
          break;
        default:
          throw new Error(`genFpBlock: operand ${kind}`);
      }
    }
    words.push(w >>> 0);
  }
  for (let f = 0; f < 8; f++) words.push(0x0114b800 | (f << 5) | (4 + f)); // movfr2gr.d $r(4+f), $f
  words.push(0x0114c800 | 12); // movfcsr2gr $t0, $fcsr0
  for (let c = 0; c < 4; c++) words.push(0x0114dc00 | (c << 5) | (13 + c)); // movcf2gr $r(13+c), $fccc
  const init = Array.from({ length: 32 }, () => rand64(rng));
  init[0] = 0n;
  for (let f = 0; f < 8; f++) init[4 + f] = randFp(rng);
  init[12] = BigInt((rng.int(4) << 8) | (rng.int(2) === 0 ? 0 : (rng.u32() & 0x1f) << 16));
  for (let c = 0; c < 4; c++) init[13 + c] = BigInt(rng.int(2));
  init[20] = BigInt.asUintN(64, BigInt((rng.int(256) - 128) * 8));
  init[21] = 0n;
  return { words, init };
}

/** Like {@link fuzz}, with FP blocks. */
export function fuzzFp(seed: number, batches: number, perBatch: number = SLOTS): FuzzReport {
  const rng = new Rng(seed);
  const failures: string[] = [];
  let count = 0;
  for (let b = 0; b < batches; b++) {
    const blocks = Array.from({ length: perBatch }, () => genFpBlock(rng, 20));
    count += blocks.length;
    const r = runBatch(blocks);
    for (let s = 0; s < blocks.length; s++) {
      if (r.qemu[s] === r.ours[s]) continue;
      const small = shrinkFp(blocks[s]!);
      const again = runBatch([small]);
      failures.push(`seed ${seed} batch ${b} slot ${s}\n${describe(small, again.qemu[0], again.ours[0])}`);
      if (failures.length >= 5) return { blocks: count, failures };
    }
    if (r.qemuCode !== r.oursCode)
      failures.push(`seed ${seed} batch ${b}: exit code qemu ${r.qemuCode} vs ours ${r.oursCode}`);
  }
  return { blocks: count, failures };
}

// Replaces body instructions (not the fixed prologue/epilogue) by nops while the block still mismatches.
function shrinkFp(block: Block): Block {
  const words = [...block.words];
  for (let i = 13; i < words.length - 13; i++) {
    const w = words[i]!;
    words[i] = NOP;
    if (!mismatches({ words, init: block.init })) words[i] = w;
  }
  return { words, init: block.init };
}
