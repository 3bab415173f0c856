/**
 * Compiles one 4 KiB guest code page into one WebAssembly function (v86-style region): a `loop` with a
 * `br_table` over the page's 1024 instruction slots, where block leaders dispatch to their code and every
 * other slot exits. Guest registers live in `i64` locals, loaded from the scratch register file on entry
 * and written back at the single exit. Loads and stores use an inline direct-mapped TLB kept in the
 * scratch area of the same `WebAssembly.Memory` as guest RAM; a miss calls the imported `miss` helper,
 * and anything it cannot serve (faults, MMIO, stores to code pages, page-crossing accesses) exits to the
 * interpreter *before* the instruction, with an exact count of the instructions executed.
 *
 * The function is `run(entrySlot: i32, budget: i32) -> i32`: it returns the number of instructions it
 * executed (never more than `budget`) and stores the next PC at {@link SCRATCH_PC}.
 *
 * @module
 */

import { decode } from "../isa/decode.js";
import { ByteWriter, encodeModule, I32, I64, VOID, W } from "./wasm-encoder.js";

/** Scratch layout (offsets from the scratch base, which is wasm address 0). */
export const SCRATCH_REGS = 0;
/** Where a region stores its exit PC (i64). */
export const SCRATCH_PC = 256;
/** Read TLB: 256 entries of 16 bytes (tag i64, addend i32 = host address of the page - its guest address). */
export const SCRATCH_RTLB: number = 512;
/** Write TLB, same layout. */
export const SCRATCH_WTLB: number = SCRATCH_RTLB + 4096;
/** Bytes of scratch the JIT needs. */
export const SCRATCH_SIZE: number = SCRATCH_WTLB + 4096;
/** Number of TLB entries per access kind. */
export const JIT_TLB_SIZE = 256;
/**
 * The least budget a region runs with: it returns at a dispatch once fewer instructions than this are
 * left, since the slots strictly increase between dispatches (at most 1024 instructions).
 */
export const MIN_BUDGET = 1024;

// locals
const P_ENTRY = 0;
const P_BUDGET = 1;
const L_CNT = 2;
const L_E = 3;
const L_A = 4; // i64 from here
const L_EXITPC = 5;
const L_T = 6;
const L_REG0 = 7; // the registers the region uses live in locals L_REG0, L_REG0 + 1, ...

/** What the compiler produced for a page. */
export interface CompiledRegion {
  /** The module's bytes. */
  readonly bytes: Uint8Array;
  /** Instruction slots (offset / 4) that are block leaders (entry points). */
  readonly leaders: Uint8Array;
  /** For each slot, the number of instructions to interpret to reach the next leader (>= 1). */
  readonly toLeader: Uint16Array;
  /** Number of instructions the region compiles inline. */
  readonly compiled: number;
  /**
   * 1 for every slot except the instructions the region leaves to the interpreter: an exit to such a
   * slot that is not a leader is a missed entry (a jump-table target, say), worth recompiling for.
   */
  readonly inline: Uint8Array;
}

type Kind = "alu" | "load" | "store" | "branch" | "jump" | "jirl" | "none";

interface LoadStore {
  readonly size: number;
  readonly signed: boolean;
  readonly form: "si12" | "si14" | "x";
}

const LOADS: Record<number, LoadStore> = {
  91: { size: 1, signed: true, form: "si12" },
  92: { size: 2, signed: true, form: "si12" },
  93: { size: 4, signed: true, form: "si12" },
  94: { size: 8, signed: true, form: "si12" },
  99: { size: 1, signed: false, form: "si12" },
  100: { size: 2, signed: false, form: "si12" },
  101: { size: 4, signed: false, form: "si12" },
  102: { size: 1, signed: true, form: "x" },
  103: { size: 2, signed: true, form: "x" },
  104: { size: 4, signed: true, form: "x" },
  105: { size: 8, signed: true, form: "x" },
  110: { size: 1, signed: false, form: "x" },
  111: { size: 2, signed: false, form: "x" },
  112: { size: 4, signed: false, form: "x" },
  117: { size: 4, signed: true, form: "si14" },
  119: { size: 8, signed: true, form: "si14" },
};
const STORES: Record<number, LoadStore> = {
  95: { size: 1, signed: false, form: "si12" },
  96: { size: 2, signed: false, form: "si12" },
  97: { size: 4, signed: false, form: "si12" },
  98: { size: 8, signed: false, form: "si12" },
  106: { size: 1, signed: false, form: "x" },
  107: { size: 2, signed: false, form: "x" },
  108: { size: 4, signed: false, form: "x" },
  109: { size: 8, signed: false, form: "x" },
  118: { size: 4, signed: false, form: "si14" },
  120: { size: 8, signed: false, form: "si14" },
};
/** ALU ops the compiler emits inline. */
const ALU = new Set([
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
  32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58,
  59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 85, 86, 87, 88, 89, 90, 113, 114, 115, 116,
]);

function kindOf(op: number, w: number): Kind {
  if (ALU.has(op)) {
    if ((op === 87 || op === 88) && ((w >>> 10) & 31) > ((w >>> 16) & 31)) return "none";
    if ((op === 89 || op === 90) && ((w >>> 10) & 63) > ((w >>> 16) & 63)) return "none";
    return "alu";
  }
  if (LOADS[op]) return "load";
  if (STORES[op]) return "store";
  if (op === 194 || op === 195 || (op >= 201 && op <= 206)) return "branch";
  if (op === 199 || op === 200) return "jump";
  if (op === 198) return "jirl";
  return "none";
}

/** Branch offset in bytes of a branch/jump word. */
function branchOffset(op: number, w: number): number {
  if (op === 194 || op === 195) return ((((w & 31) << 16) | ((w >>> 10) & 0xffff)) << 11) >> 9;
  if (op === 199 || op === 200) return ((((w & 0x3ff) << 16) | ((w >>> 10) & 0xffff)) << 6) >> 4;
  return ((w << 6) >> 16) << 2;
}

/**
 * Compiles a page.
 *
 * @param words - The page's 1024 instruction words.
 * @param pageLo - Low 32 bits of the page's virtual address.
 * @param pageHi - High 32 bits.
 * @param entries - The slots to compile from (entries observed at run time).
 * @param scratch - Byte address of the scratch area in the wasm memory (default 0).
 * @param sharedMemory - Whether the memory the module imports is shared.
 * @returns The module and its entry map.
 */
export function compileRegion(
  words: Int32Array,
  pageLo: number,
  pageHi: number,
  entries: Iterable<number>,
  scratch = 0,
  sharedMemory = false,
): CompiledRegion {
  const n = 1024;
  const ops = new Uint16Array(n);
  const kinds: Kind[] = new Array(n);
  const leaders = new Uint8Array(n);
  const seen = new Uint8Array(n);
  // only code reachable from the entries is compiled (walking fall-throughs and in-page branches):
  // this keeps modules small, which is what makes V8's compile time acceptable
  const work: number[] = [];
  for (const e of entries) {
    if (e >= 0 && e < n) {
      leaders[e] = 1;
      work.push(e);
    }
  }
  while (work.length > 0) {
    let i = work.pop()!;
    while (i < n && !seen[i]) {
      seen[i] = 1;
      const w = words[i]!;
      const op = decode(w);
      ops[i] = op;
      const k = kindOf(op, w);
      kinds[i] = k;
      if (k === "branch" || k === "jump") {
        const t = i + (branchOffset(op, w) >> 2);
        if (t >= 0 && t < n) {
          leaders[t] = 1;
          work.push(t);
        }
      }
      if (k !== "alu" && k !== "load" && k !== "store" && i + 1 < n) leaders[i + 1] = 1;
      // b and jirl do not fall through; bl does (the callee returns there)
      if (k === "jirl" || op === 199) break;
      i++;
    }
  }
  for (let i = 0; i < n; i++) if (!seen[i]) leaders[i] = 0;
  const toLeader = new Uint16Array(n);
  let next = n;
  for (let i = n - 1; i >= 0; i--) {
    toLeader[i] = next - i;
    if (leaders[i]) next = i;
  }
  // blocks: [start, end) where end is the next leader; inline instructions: the leading run of
  // compilable ones (a "none" instruction is always the last one of its block)
  const starts: number[] = [];
  for (let i = 0; i < n; i++) if (leaders[i]) starts.push(i);
  const nb = starts.length;
  const pageBase = (BigInt(pageHi >>> 0) << 32n) | BigInt(pageLo >>> 0);
  const pcOf = (slot: number) => BigInt.asIntN(64, pageBase + BigInt(slot * 4));

  // only the registers the compiled code names get a local (fewer locals: much faster V8 compiles);
  // the field positions of rd/rj/rk are marked whatever the format (over-approximates, harmlessly)
  const loc = new Int32Array(32).fill(-1);
  let nRegs = 0;
  const use = (r: number) => {
    if (r !== 0 && loc[r]! < 0) loc[r] = L_REG0 + nRegs++;
  };
  for (let i = 0; i < n; i++) {
    if (!seen[i] || kinds[i] === "none") continue;
    const w = words[i]!;
    use(w & 31);
    use((w >>> 5) & 31);
    use((w >>> 10) & 31);
    if (ops[i] === 200) use(1);
  }
  const b = new ByteWriter();
  // prologue: load registers
  for (let r = 1; r < 32; r++) {
    if (loc[r]! < 0) continue;
    b.byte(W.i32Const)
      .s32(0)
      .byte(W.i64Load)
      .u32(3)
      .u32(scratch + SCRATCH_REGS + 8 * r);
    b.byte(W.localSet).u32(loc[r]!);
  }
  b.byte(W.i32Const).s32(0).byte(W.localSet).u32(L_CNT);
  // from here on P_BUDGET holds budget - MIN_BUDGET, so a check is `cnt > P_BUDGET` (signed: a budget
  // below MIN_BUDGET exits at the first dispatch)
  b.byte(W.localGet)
    .u32(P_BUDGET)
    .byte(W.i32Const)
    .s32(MIN_BUDGET)
    .byte(W.i32Sub)
    .byte(W.localSet)
    .u32(P_BUDGET);
  b.byte(W.loop).byte(VOID);
  b.byte(W.block).byte(VOID); // $exit
  b.byte(W.block).byte(VOID); // $dx: exit at slot P_ENTRY (a non-leader, or the budget ran out)
  for (let i = nb - 1; i >= 0; i--) b.byte(W.block).byte(VOID);
  // dispatch. The budget is checked here and at self-loops only: between two such checks the slots
  // strictly increase (other backward branches dispatch, forward ones branch straight to their block),
  // so at most MIN_BUDGET instructions run
  b.byte(W.localGet).u32(L_CNT).byte(W.localGet).u32(P_BUDGET).byte(W.i32GtS).byte(W.brIf).u32(nb);
  b.byte(W.localGet).u32(P_ENTRY).byte(W.brTable).u32(n);
  const blockOfSlot = new Int32Array(n).fill(-1);
  for (let i = 0; i < nb; i++) blockOfSlot[starts[i]!] = i;
  for (let s = 0; s < n; s++) b.u32(blockOfSlot[s]! >= 0 ? blockOfSlot[s]! : nb);
  b.u32(nb);
  b.byte(W.end); // end of innermost block ($b0)

  let compiled = 0;
  // `depth` = extra structured nesting inside the current block's code
  let depth = 0;
  let blk = 0;
  const exitDepth = () => nb - blk + depth;
  const loopDepth = () => nb - blk + 1 + depth;
  /** Depth of the current block's self-loop label (at depth 1 of the block's code), -1 when none. */
  let selfLoop = -1;
  const getR = (r: number) => {
    if (r === 0) b.byte(W.i64Const).s64(0n);
    else b.byte(W.localGet).u32(loc[r]!);
  };
  const setR = (r: number) => {
    if (r === 0) b.byte(W.drop);
    else b.byte(W.localSet).u32(loc[r]!);
  };
  const i64c = (v: bigint | number) =>
    typeof v === "number" && (v | 0) === v ? b.byte(W.i64Const).s32(v) : b.byte(W.i64Const).s64(BigInt(v));
  /** Exit with next pc `pc`, taking back `undo` instructions from the count. */
  const exitAt = (pc: bigint, undo: number) => {
    i64c(pc).byte(W.localSet).u32(L_EXITPC);
    if (undo)
      b.byte(W.localGet).u32(L_CNT).byte(W.i32Const).s32(undo).byte(W.i32Sub).byte(W.localSet).u32(L_CNT);
    b.byte(W.br).u32(exitDepth());
  };
  /** Jump to in-page slot or exit to an out-of-page pc. */
  const jumpTo = (target: bigint) => {
    const off = BigInt.asUintN(64, target - pageBase);
    const j = off < 4096n ? blockOfSlot[Number(off) >> 2]! : -1;
    if (j === blk && selfLoop >= 0) {
      // a block that branches to itself loops in place (the loop head checks the budget)
      b.byte(W.br).u32(depth - 1);
    } else if (j > blk) {
      // forward: straight to the block (its code follows the end of the block label j)
      b.byte(W.br).u32(j - blk - 1 + depth);
    } else if (off < 4096n) {
      b.byte(W.i32Const)
        .s32(Number(off) >> 2)
        .byte(W.localSet)
        .u32(P_ENTRY);
      b.byte(W.br).u32(loopDepth());
    } else exitAt(target, 0);
  };

  for (blk = 0; blk < nb; blk++) {
    const start = starts[blk]!;
    const end = blk + 1 < nb ? starts[blk + 1]! : n;
    let len = 0;
    while (start + len < end) {
      const k = kinds[start + len];
      if (k === "none") break;
      len++;
      if (k === "branch" || k === "jump" || k === "jirl") break;
    }
    // a block ending in a branch to its own start becomes a wasm loop
    selfLoop = -1;
    if (len > 0) {
      const last = start + len - 1;
      const k = kinds[last];
      if (k === "branch" || k === "jump") {
        const t = last + (branchOffset(ops[last]!, words[last]!) >> 2);
        if (t === start) selfLoop = 1;
      }
    }
    if (selfLoop >= 0) {
      b.byte(W.loop).byte(VOID);
      depth++;
      b.byte(W.localGet).u32(L_CNT).byte(W.localGet).u32(P_BUDGET).byte(W.i32GtS).byte(W.if).byte(VOID);
      depth++;
      exitAt(pcOf(start), 0);
      depth--;
      b.byte(W.end);
    }
    // count the whole block up front (exits inside it take back what they did not run)
    if (len > 0) {
      b.byte(W.localGet).u32(L_CNT).byte(W.i32Const).s32(len).byte(W.i32Add).byte(W.localSet).u32(L_CNT);
    }
    let terminated = false;
    for (let k = 0; k < len; k++) {
      const slot = start + k;
      const w = words[slot]!;
      const op = ops[slot]!;
      const pc = pcOf(slot);
      const undo = len - k;
      compiled++;
      const rd = w & 31;
      const rj = (w >>> 5) & 31;
      const rk = (w >>> 10) & 31;
      const kind = kinds[slot]!;
      if (kind === "alu") emitAlu(op, w, rd, rj, rk, pc);
      else if (kind === "load" || kind === "store") {
        const ls = (kind === "load" ? LOADS[op] : STORES[op])!;
        getR(rj);
        if (ls.form === "x") getR(rk);
        else if (ls.form === "si12") i64c((w << 10) >> 20);
        else i64c(((w << 8) >> 18) << 2);
        b.byte(W.i64Add).byte(W.localSet).u32(L_A);
        emitTlb(
          scratch + (kind === "store" ? SCRATCH_WTLB : SCRATCH_RTLB),
          kind === "store" ? 1 : 0,
          ls.size,
          pc,
          undo,
        );
        // host address on the stack
        if (kind === "load") {
          const o =
            ls.size === 8
              ? W.i64Load
              : ls.size === 4
                ? ls.signed
                  ? W.i64Load32S
                  : W.i64Load32U
                : ls.size === 2
                  ? ls.signed
                    ? W.i64Load16S
                    : W.i64Load16U
                  : ls.signed
                    ? W.i64Load8S
                    : W.i64Load8U;
          b.byte(o).u32(0).u32(0);
          setR(rd);
        } else {
          getR(rd);
          const o =
            ls.size === 8
              ? W.i64Store
              : ls.size === 4
                ? W.i64Store32
                : ls.size === 2
                  ? W.i64Store16
                  : W.i64Store8;
          b.byte(o).u32(0).u32(0);
        }
      } else if (kind === "branch") {
        const target = BigInt.asIntN(64, pc + BigInt(branchOffset(op, w)));
        if (op === 194 || op === 195) {
          getR(rj);
          b.byte(W.i64Eqz);
          if (op === 195) b.byte(W.i32Eqz);
        } else {
          getR(rj);
          getR(rd);
          b.byte(
            op === 201
              ? W.i64Eq
              : op === 202
                ? W.i64Ne
                : op === 203
                  ? W.i64LtS
                  : op === 204
                    ? W.i64GeS
                    : op === 205
                      ? W.i64LtU
                      : W.i64GeU,
          );
        }
        b.byte(W.if).byte(VOID);
        depth++;
        jumpTo(target);
        depth--;
        b.byte(W.end);
        // not taken: fall through to the next slot (the next block's leader)
      } else if (kind === "jump") {
        if (op === 200) {
          i64c(pc + 4n);
          setR(1);
        }
        jumpTo(BigInt.asIntN(64, pc + BigInt(branchOffset(op, w))));
        terminated = true;
      } else if (kind === "jirl") {
        getR(rj);
        i64c(((w << 6) >> 16) << 2);
        b.byte(W.i64Add).byte(W.localTee).u32(L_A);
        // a misaligned target raises on the jirl: leave that to the interpreter
        b.byte(W.i32WrapI64).byte(W.i32Const).s32(3).byte(W.i32And).byte(W.if).byte(VOID);
        depth++;
        exitAt(pc, 1);
        depth--;
        b.byte(W.end);
        i64c(pc + 4n);
        setR(rd);
        // in-page target: dispatch; else exit
        b.byte(W.localGet).u32(L_A).byte(W.localSet).u32(L_EXITPC);
        b.byte(W.localGet).u32(L_A);
        i64c(pageBase);
        b.byte(W.i64Sub).byte(W.localTee).u32(L_T).byte(W.i64Const).s64(4096n).byte(W.i64LtU);
        b.byte(W.if).byte(VOID);
        depth++;
        b.byte(W.localGet).u32(L_T).byte(W.i32WrapI64).byte(W.i32Const).s32(2).byte(W.i32ShrU);
        b.byte(W.localSet).u32(P_ENTRY).byte(W.br).u32(loopDepth());
        depth--;
        b.byte(W.end);
        b.byte(W.br).u32(exitDepth());
        terminated = true;
      }
    }
    if (!terminated) {
      if (start + len !== end || end === n) exitAt(pcOf(start + len), 0);
      // otherwise fall through into the next block
    }
    if (selfLoop >= 0) {
      b.byte(W.end);
      depth--;
    }
    b.byte(W.end); // closes $b(blk+1) (or $dx after the last block)
  }
  // $dx: exit at slot P_ENTRY
  b.byte(W.i64Const).s64(pageBase).byte(W.localGet).u32(P_ENTRY).byte(W.i64ExtendI32U);
  b.byte(W.i64Const).s64(2n).byte(W.i64Shl).byte(W.i64Add).byte(W.localSet).u32(L_EXITPC);
  b.byte(W.end); // closes $exit
  // after $exit: write back, store the pc, return the count
  for (let r = 1; r < 32; r++) {
    if (loc[r]! < 0) continue;
    b.byte(W.i32Const)
      .s32(0)
      .byte(W.localGet)
      .u32(loc[r]!)
      .byte(W.i64Store)
      .u32(3)
      .u32(scratch + SCRATCH_REGS + 8 * r);
  }
  b.byte(W.i32Const)
    .s32(0)
    .byte(W.localGet)
    .u32(L_EXITPC)
    .byte(W.i64Store)
    .u32(3)
    .u32(scratch + SCRATCH_PC);
  b.byte(W.localGet).u32(L_CNT).byte(W.return);
  b.byte(W.end); // loop
  b.byte(W.unreachable);

  const bytes = encodeModule({
    types: [
      [[I32, I32], [I32]],
      [[I32, I32, I32], [I32]],
    ],
    funcImports: [["e", "miss", 1]],
    memoryImport: ["e", "m"],
    sharedMemory,
    funcType: 0,
    locals: [[2, I32], [3, I64], ...(nRegs > 0 ? [[nRegs, I64] as const] : [])],
    body: b.finish(),
    exportName: "run",
  });
  const inline = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (!seen[i] || kinds[i] !== "none") inline[i] = 1;
  return { bytes, leaders, toLeader, compiled, inline };

  function emitTlb(table: number, access: number, size: number, pc: bigint, undo: number): void {
    // entry offset: ((addr >> 12) & 255) << 4
    b.byte(W.localGet).u32(L_A).byte(W.i64Const).s32(8).byte(W.i64ShrU).byte(W.i32WrapI64);
    b.byte(W.i32Const).s32(0xff0).byte(W.i32And).byte(W.localSet).u32(L_E);
    b.byte(W.block).byte(VOID);
    depth++;
    // fast path: the tag matches and the access is aligned (the tag's low bits are 0)
    b.byte(W.localGet).u32(L_E).byte(W.i64Load).u32(3).u32(table);
    b.byte(W.localGet)
      .u32(L_A)
      .byte(W.i64Const)
      .s64(BigInt(-4096 | (size - 1)))
      .byte(W.i64And)
      .byte(W.i64Eq)
      .byte(W.brIf)
      .u32(0);
    if (size > 1) {
      // misaligned: one that crosses a page goes to the interpreter, the others take the same entry
      b.byte(W.localGet).u32(L_A).byte(W.i32WrapI64).byte(W.i32Const).s32(4095).byte(W.i32And);
      b.byte(W.i32Const)
        .s32(4096 - size)
        .byte(W.i32GtU)
        .byte(W.if)
        .byte(VOID);
      depth++;
      exitAt(pc, undo);
      depth--;
      b.byte(W.end);
      b.byte(W.localGet).u32(L_E).byte(W.i64Load).u32(3).u32(table);
      b.byte(W.localGet)
        .u32(L_A)
        .byte(W.i64Const)
        .s64(-4096n)
        .byte(W.i64And)
        .byte(W.i64Eq)
        .byte(W.brIf)
        .u32(0);
    }
    b.byte(W.localGet).u32(L_A).byte(W.i32WrapI64);
    b.byte(W.localGet).u32(L_A).byte(W.i64Const).s64(32n).byte(W.i64ShrU).byte(W.i32WrapI64);
    b.byte(W.i32Const).s32(access).byte(W.call).u32(0).byte(W.brIf).u32(0);
    exitAt(pc, undo);
    depth--;
    b.byte(W.end);
    // the entry's addend is the host address of the page minus its guest address (mod 2^32)
    b.byte(W.localGet)
      .u32(L_E)
      .byte(W.i32Load)
      .u32(2)
      .u32(table + 8);
    b.byte(W.localGet).u32(L_A).byte(W.i32WrapI64).byte(W.i32Add);
  }

  function emitAlu(op: number, w: number, rd: number, rj: number, rk: number, pc: bigint): void {
    const si12 = (w << 10) >> 20;
    const ui12 = (w >>> 10) & 0xfff;
    const si20 = (w << 7) >> 12;
    const sext32 = () => b.byte(W.i64Extend32S);
    const bin = (o: number) => {
      getR(rj);
      getR(rk);
      b.byte(o);
    };
    switch (op) {
      case 1: // add.w
        bin(W.i64Add);
        sext32();
        break;
      case 2:
        bin(W.i64Add);
        break;
      case 3:
        bin(W.i64Sub);
        sext32();
        break;
      case 4:
        bin(W.i64Sub);
        break;
      case 5:
        bin(W.i64LtS);
        b.byte(W.i64ExtendI32U);
        break;
      case 6:
        bin(W.i64LtU);
        b.byte(W.i64ExtendI32U);
        break;
      case 7:
        getR(rj);
        i64c(si12);
        b.byte(W.i64LtS).byte(W.i64ExtendI32U);
        break;
      case 8:
        getR(rj);
        i64c(si12);
        b.byte(W.i64LtU).byte(W.i64ExtendI32U);
        break;
      case 9:
        bin(W.i64Or);
        i64c(-1);
        b.byte(W.i64Xor);
        break;
      case 10:
        bin(W.i64And);
        break;
      case 11:
        bin(W.i64Or);
        break;
      case 12:
        bin(W.i64Xor);
        break;
      case 13: // orn: rj | ~rk
        getR(rj);
        getR(rk);
        i64c(-1);
        b.byte(W.i64Xor).byte(W.i64Or);
        break;
      case 14: // andn: rj & ~rk
        getR(rj);
        getR(rk);
        i64c(-1);
        b.byte(W.i64Xor).byte(W.i64And);
        break;
      case 15: // mul.w
        bin(W.i64Mul);
        sext32();
        break;
      case 16: // mulh.w: high word of the 64-bit product of the signed low words
      case 17: // mulh.wu
        getR(rj);
        if (op === 16) sext32();
        else {
          i64c(0xffffffff);
          b.byte(W.i64And);
        }
        getR(rk);
        if (op === 16) sext32();
        else {
          i64c(0xffffffff);
          b.byte(W.i64And);
        }
        b.byte(W.i64Mul);
        i64c(32);
        b.byte(W.i64ShrS);
        sext32();
        break;
      case 18:
        bin(W.i64Mul);
        break;
      case 23: // div.w
      case 24: // mod.w
      case 25: // div.wu
      case 26: // mod.wu
      case 27: // div.d
      case 28: // mod.d
      case 29: // div.du
      case 30: {
        // mod.du. QEMU's results for the undefined cases come from dividing by 1 instead: x / 0 = x,
        // x % 0 = 0, MIN / -1 = MIN, MIN % -1 = 0 (and wasm would trap on both)
        const word = op <= 26;
        const signed = op === 23 || op === 24 || op === 27 || op === 28;
        const rem = op === 24 || op === 26 || op === 28 || op === 30;
        getR(rj);
        b.byte(W.localSet).u32(L_A);
        getR(rk);
        b.byte(W.localSet).u32(L_T);
        const get = (l: number) => {
          b.byte(W.localGet).u32(l);
          if (word) b.byte(W.i32WrapI64);
        };
        get(L_A);
        if (word) b.byte(W.i32Const).s32(1);
        else i64c(1);
        get(L_T);
        get(L_T);
        b.byte(word ? W.i32Eqz : W.i64Eqz);
        if (signed) {
          get(L_A);
          if (word) b.byte(W.i32Const).s32(-0x80000000).byte(W.i32Eq);
          else i64c(-(2n ** 63n)).byte(W.i64Eq);
          get(L_T);
          if (word) b.byte(W.i32Const).s32(-1).byte(W.i32Eq);
          else i64c(-1).byte(W.i64Eq);
          b.byte(W.i32And).byte(W.i32Or);
        }
        b.byte(W.select);
        if (word) {
          b.byte(signed ? (rem ? W.i32RemS : W.i32DivS) : rem ? W.i32RemU : W.i32DivU);
          b.byte(W.i64ExtendI32S);
        } else b.byte(signed ? (rem ? W.i64RemS : W.i64DivS) : rem ? W.i64RemU : W.i64DivU);
        break;
      }
      case 65: // clo.w
      case 66: // clz.w
      case 67: // cto.w
      case 68: // ctz.w
        getR(rj);
        b.byte(W.i32WrapI64);
        if (op === 65 || op === 67) b.byte(W.i32Const).s32(-1).byte(W.i32Xor);
        b.byte(op <= 66 ? W.i32Clz : W.i32Ctz).byte(W.i64ExtendI32U);
        break;
      case 69: // clo.d
      case 70: // clz.d
      case 71: // cto.d
      case 72: // ctz.d
        getR(rj);
        if (op === 69 || op === 71) {
          i64c(-1);
          b.byte(W.i64Xor);
        }
        b.byte(op <= 70 ? W.i64Clz : W.i64Ctz);
        break;
      case 87:
      case 89: {
        // bstrins.w / bstrins.d: rd[msb:lsb] = rj[msb-lsb:0]
        const bits = op === 87 ? 31 : 63;
        const msb = (w >>> 16) & bits;
        const lsb = (w >>> 10) & bits;
        const mask = BigInt.asIntN(64, ((1n << BigInt(msb - lsb + 1)) - 1n) << BigInt(lsb));
        getR(rd);
        i64c(~mask);
        b.byte(W.i64And);
        getR(rj);
        i64c(lsb);
        b.byte(W.i64Shl);
        i64c(mask);
        b.byte(W.i64And).byte(W.i64Or);
        if (op === 87) sext32();
        break;
      }
      case 21: // mulw.d.w
        getR(rj);
        sext32();
        getR(rk);
        sext32();
        b.byte(W.i64Mul);
        break;
      case 22: // mulw.d.wu
        getR(rj);
        i64c(0xffffffff);
        b.byte(W.i64And);
        getR(rk);
        i64c(0xffffffff);
        b.byte(W.i64And).byte(W.i64Mul);
        break;
      case 31:
      case 32:
      case 33: {
        // alsl.w / alsl.wu / alsl.d
        const sa = ((w >>> 15) & 3) + 1;
        getR(rj);
        i64c(sa);
        b.byte(W.i64Shl);
        getR(rk);
        b.byte(W.i64Add);
        if (op === 31) sext32();
        else if (op === 32) {
          i64c(0xffffffff);
          b.byte(W.i64And);
        }
        break;
      }
      case 34: // lu12i.w
        i64c(si20 << 12);
        break;
      case 35: // lu32i.d
        getR(rd);
        i64c(0xffffffff);
        b.byte(W.i64And);
        i64c(BigInt(si20) << 32n);
        b.byte(W.i64Or);
        break;
      case 36: // lu52i.d
        getR(rj);
        i64c(0xfffffffffffffn);
        b.byte(W.i64And);
        i64c(BigInt(si12) << 52n);
        b.byte(W.i64Or);
        break;
      case 37:
        i64c(pc + BigInt(si20 << 2));
        break;
      case 38:
        i64c(BigInt.asIntN(64, pc + BigInt(si20) * 4096n) & -4096n);
        break;
      case 39:
        i64c(pc + BigInt(si20) * 4096n);
        break;
      case 40:
        i64c(pc + BigInt(si20) * 262144n);
        break;
      case 41:
        getR(rj);
        i64c(si12);
        b.byte(W.i64Add);
        sext32();
        break;
      case 42:
        getR(rj);
        i64c(si12);
        b.byte(W.i64Add);
        break;
      case 43:
        getR(rj);
        i64c(BigInt((w << 6) >> 16) * 65536n);
        b.byte(W.i64Add);
        break;
      case 44:
      case 45:
      case 46:
        getR(rj);
        i64c(ui12);
        b.byte(op === 44 ? W.i64And : op === 45 ? W.i64Or : W.i64Xor);
        break;
      case 47:
      case 48:
      case 49:
      case 53: {
        // sll.w srl.w sra.w rotr.w on the low word, shift by rk & 31
        getR(rj);
        b.byte(W.i32WrapI64);
        getR(rk);
        b.byte(W.i32WrapI64).byte(W.i32Const).s32(31).byte(W.i32And);
        b.byte(op === 47 ? W.i32Shl : op === 48 ? W.i32ShrU : op === 49 ? W.i32ShrS : W.i32Rotr);
        b.byte(W.i64ExtendI32S);
        break;
      }
      case 50:
      case 51:
      case 52:
      case 54:
        // wasm masks i64 shift counts to 63, as LoongArch does
        bin(op === 50 ? W.i64Shl : op === 51 ? W.i64ShrU : op === 52 ? W.i64ShrS : W.i64Rotr);
        break;
      case 55:
      case 57:
      case 59:
      case 61: {
        getR(rj);
        b.byte(W.i32WrapI64)
          .byte(W.i32Const)
          .s32((w >>> 10) & 31);
        b.byte(op === 55 ? W.i32Shl : op === 57 ? W.i32ShrU : op === 59 ? W.i32ShrS : W.i32Rotr);
        b.byte(W.i64ExtendI32S);
        break;
      }
      case 56:
      case 58:
      case 60:
      case 62:
        getR(rj);
        i64c((w >>> 10) & 63);
        b.byte(op === 56 ? W.i64Shl : op === 58 ? W.i64ShrU : op === 60 ? W.i64ShrS : W.i64Rotr);
        break;
      case 63:
        getR(rj);
        b.byte(W.i64Extend16S);
        break;
      case 64:
        getR(rj);
        b.byte(W.i64Extend8S);
        break;
      case 85: // maskeqz: rk == 0 ? 0 : rj
      case 86: // masknez: rk != 0 ? 0 : rj
        getR(rj);
        i64c(0);
        getR(rk);
        b.byte(W.i64Eqz);
        // select(a, b, c) = c ? a : b: maskeqz keeps rj when rk != 0, masknez when rk == 0
        if (op === 85) b.byte(W.i32Eqz);
        b.byte(W.select);
        break;
      case 88: {
        // bstrpick.w
        const msb = (w >>> 16) & 31;
        const lsb = (w >>> 10) & 31;
        getR(rj);
        i64c(lsb);
        b.byte(W.i64ShrU);
        i64c((1n << BigInt(msb - lsb + 1)) - 1n);
        b.byte(W.i64And);
        sext32();
        break;
      }
      case 90: {
        const msb = (w >>> 16) & 63;
        const lsb = (w >>> 10) & 63;
        getR(rj);
        i64c(lsb);
        b.byte(W.i64ShrU);
        i64c(BigInt.asIntN(64, (1n << BigInt(msb - lsb + 1)) - 1n));
        b.byte(W.i64And);
        break;
      }
      default:
        // preld, preldx, dbar, ibar: no architectural effect here
        return;
    }
    setR(rd);
  }
}
