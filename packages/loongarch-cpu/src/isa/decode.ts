/**
 * The instruction decoder: maps a 32-bit word to an {@link Op} id.
 *
 * At module load the table is compiled into a small decision tree indexed by bit slices
 * ([31:22], then [21:15], then [14:10]); each leaf holds a short candidate list ordered from the most
 * specific mask to the least (so `csrrd`/`csrwr` win over `csrxchg`). Decoding is a few typed-array
 * loads and one or two compares: no allocation, integer operations only.
 *
 * @module
 */

import { INSNS } from "./table.js";

export {
  cj,
  code15,
  csr,
  hint5,
  lsbd,
  lsbw,
  msbd,
  msbw,
  offs14,
  offs16,
  offs21,
  offs26,
  ra,
  rd,
  rj,
  rk,
  sa2,
  sa3,
  si12,
  si14,
  si16,
  si20,
  ui5,
  ui6,
  ui8,
  ui12,
} from "./fields.js";

// Bit slices consumed by the tree levels, from the top: [shift, width].
const LEVELS: readonly (readonly [number, number])[] = [
  [22, 10],
  [15, 7],
  [10, 5],
];

const MATCH = new Int32Array(INSNS.length);
const MASK = new Int32Array(INSNS.length);

function popcount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v !== 0; v &= v - 1) n++;
  return n;
}

interface Compiled {
  readonly tree: Int32Array;
  readonly cand: Uint16Array;
}

// Tree entries: e >= 0 is the start of a 0-terminated candidate list in `cand`; e < 0 is a child node
// at offset ~e. Identical candidate lists are shared, which keeps `cand` small.
function compile(): Compiled {
  const tree: number[] = [];
  const cand: number[] = [0];
  const lists = new Map<string, number>();
  // `ids` always arrive in ascending order, so they name the set: sort (most specific first) only new ones
  const leaf = (ids: readonly number[]): number => {
    if (ids.length === 0) return 0;
    const key = ids.length === 1 ? String(ids[0]) : ids.join(",");
    let at = lists.get(key);
    if (at === undefined) {
      const sorted = [...ids].sort((a, b) => popcount(MASK[b]!) - popcount(MASK[a]!) || a - b);
      at = cand.length;
      cand.push(...sorted, 0);
      lists.set(key, at);
    }
    return at;
  };
  // a node depends only on its candidates and level (`known` is the same for every node of a level), so
  // candidate sets that recur under many parents share one node: a much smaller tree, built faster
  const nodes = new Map<string, number>();
  const build = (ids: readonly number[], level: number, known: number): number => {
    // Stop when the candidates are fully told apart by the bits consumed so far, or levels run out.
    const undecided = ids.some((id) => (MASK[id]! & ~known) !== 0);
    if (ids.length <= 1 || !undecided || level === LEVELS.length) return leaf(ids);
    const key = `${level}:${ids.join(",")}`;
    const shared = nodes.get(key);
    if (shared !== undefined) return shared;
    const node = buildNode(ids, level, known);
    nodes.set(key, node);
    return node;
  };
  const buildNode = (ids: readonly number[], level: number, known: number): number => {
    const [shift, width] = LEVELS[level]!;
    const size = 1 << width;
    const sliceMask = ((size - 1) << shift) | 0;
    const base = tree.length;
    for (let i = 0; i < size; i++) tree.push(0);
    // Each candidate goes to every slice value that agrees with its fixed bits there: enumerate the
    // subsets of its free bits (few for real opcodes) instead of testing every candidate per value.
    const buckets: number[][] = Array.from({ length: size }, () => []);
    for (const id of ids) {
      const fixedMask = (MASK[id]! & sliceMask) >>> shift;
      const fixed = (MATCH[id]! >>> shift) & fixedMask;
      const free = ~fixedMask & (size - 1);
      for (let sub = free; ; sub = (sub - 1) & free) {
        buckets[fixed | sub]!.push(id);
        if (sub === 0) break;
      }
    }
    for (let v = 0; v < size; v++) tree[base + v] = build(buckets[v]!, level + 1, known | sliceMask);
    return ~base;
  };
  const all: number[] = [];
  for (let id = 1; id < INSNS.length; id++) {
    MATCH[id] = INSNS[id]!.match | 0;
    MASK[id] = INSNS[id]!.mask | 0;
    all.push(id);
  }
  const root = build(all, 0, 0);
  if (root >= 0) throw new Error("instruction table too small to index");
  return { tree: Int32Array.from(tree), cand: Uint16Array.from(cand) };
}

const { tree: TREE, cand: CAND } = compile();

/**
 * Decodes one instruction word.
 *
 * @param word - The 32-bit instruction word (uint32 or int32; only the low 32 bits are used).
 * @returns The {@link Op} id, or `Op.INVALID` (0) when the word is not an instruction the table knows
 *   (the CPU raises INE). Never throws.
 *
 * @example
 * ```ts
 * import { decode, INSNS, Op } from "@axvisor/loongarch-cpu";
 * console.log(INSNS[decode(0x02c00484)]!.mnemonic); // "addi.d"
 * console.log(decode(0x04000004) === Op.CSRRD, decode(0x04000044) === Op.CSRXCHG); // true true
 * console.log(decode(0) === Op.INVALID); // true
 * ```
 */
export function decode(word: number): number {
  let e = TREE[word >>> 22]!;
  if (e < 0) {
    e = TREE[~e + ((word >>> 15) & 0x7f)]!;
    if (e < 0) e = TREE[~e + ((word >>> 10) & 0x1f)]!;
  }
  const w = word | 0;
  for (;;) {
    const id = CAND[e++]!;
    if (id === 0 || (w & MASK[id]!) === MATCH[id]) return id;
  }
}
