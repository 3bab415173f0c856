// Throughput of the ISA layer: decode (the interpreter's hot path until a decoded-instruction cache
// exists), disassemble and assemble. Each sample processes N words; divide the time by N for per-word cost.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { bench, describe } from "vitest";
import { assemble, decode, disassemble, INSNS } from "../src/index.js";

const N = 65_536;
const opts = { iterations: 20, time: 500 };

// Realistic code: the .text words of a committed guest ELF if present, else valid random encodings.
function realWords(): Uint32Array {
  try {
    const elf = readFileSync(join(import.meta.dirname, "../guests/elf/hash.elf"));
    const words = new Uint32Array(N);
    const dv = new DataView(elf.buffer, elf.byteOffset, elf.byteLength);
    const base = 0x1000; // skip headers: only the mix matters here, not exact section bounds
    const span = Math.floor((elf.byteLength - base) / 4);
    for (let i = 0; i < N; i++) words[i] = dv.getUint32(base + 4 * (i % span), true);
    return words;
  } catch {
    return validWords();
  }
}

function validWords(): Uint32Array {
  const words = new Uint32Array(N);
  let s = 12345;
  for (let i = 0; i < N; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    const d = INSNS[1 + (s % (INSNS.length - 1))]!;
    s = (s * 1103515245 + 12345) >>> 0;
    words[i] = (d.match | (s & ~d.mask)) >>> 0;
  }
  return words;
}

function randomWords(): Uint32Array {
  const words = new Uint32Array(N);
  let s = 987654321;
  for (let i = 0; i < N; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    words[i] = s >>> 0;
  }
  return words;
}

const real = realWords();
const valid = validWords();
const random = randomWords();

describe(`decode (${N} words per sample)`, () => {
  for (const [name, words] of [
    ["guest code", real],
    ["valid random encodings", valid],
    ["random 32-bit words", random],
  ] as const) {
    bench(
      name,
      () => {
        let x = 0;
        for (let i = 0; i < N; i++) x += decode(words[i]!);
        if (x < 0) throw new Error("unreachable");
      },
      opts,
    );
  }
});

describe(`disassemble (${N} words per sample)`, () => {
  bench(
    "valid random encodings, with pc",
    () => {
      let n = 0;
      for (let i = 0; i < N; i++) n += disassemble(valid[i]!, 0x9000_0000_0020_0000n).length;
      if (n < 0) throw new Error("unreachable");
    },
    { iterations: 5, time: 500 },
  );
});

describe("assemble", () => {
  const text = Array.from(valid.subarray(0, 4096), (w) => disassemble(w))
    .filter((l) => !/^(am|bstr)/.test(l))
    .join("\n");
  bench(
    "4096 disassembled lines → words",
    () => {
      assemble(text);
    },
    { iterations: 5, time: 500 },
  );
});
