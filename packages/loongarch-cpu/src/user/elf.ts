/**
 * A minimal ELF64 little-endian reader: what a static LoongArch64 executable needs to be loaded.
 *
 * @module
 */

import { LoongArchCpuError } from "../error.js";
import { utf8Decode } from "./text.js";

/** ELF machine number of LoongArch. */
export const EM_LOONGARCH = 258;

/** One PT_LOAD program header. */
export interface ElfSegment {
  /** Virtual address of the first byte. */
  readonly vaddr: bigint;
  /** Offset of the file image in the ELF file. */
  readonly offset: number;
  /** Bytes taken from the file. */
  readonly filesz: number;
  /** Bytes in memory (the rest, after `filesz`, is zero-filled). */
  readonly memsz: number;
  /** p_flags: 1 = X, 2 = W, 4 = R. */
  readonly flags: number;
}

/** The parts of an ELF executable a loader needs. */
export interface ElfImage {
  /** e_type (2 = EXEC, 3 = DYN). */
  readonly type: number;
  /** Entry point. */
  readonly entry: bigint;
  /** File offset of the program headers. */
  readonly phoff: number;
  /** Size of one program header. */
  readonly phentsize: number;
  /** Number of program headers. */
  readonly phnum: number;
  /** The PT_LOAD segments in file order. */
  readonly segments: readonly ElfSegment[];
  /** Whether a PT_INTERP header asks for a dynamic loader (not supported by the runner). */
  readonly interp: boolean;
}

function fail(msg: string): never {
  throw new LoongArchCpuError("InvalidElf", msg);
}

/**
 * Parses the header and program headers of a 64-bit little-endian LoongArch ELF file.
 *
 * @param bytes - The whole file.
 * @returns The entry point and PT_LOAD segments.
 * @throws {@link LoongArchCpuError} `InvalidElf` for anything that is not an ELF64 LE LoongArch file or has
 *   headers outside the file.
 *
 * @example
 * ```ts
 * import { parseElf } from "@axvisor/loongarch-cpu";
 * try { parseElf(new Uint8Array(16)); } catch (e) { console.log((e as Error).message); } // "not an ELF file ..."
 * ```
 */
export function parseElf(bytes: Uint8Array): ElfImage {
  if (bytes.length < 64 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) {
    fail("not an ELF file (bad magic)");
  }
  if (bytes[4] !== 2 || bytes[5] !== 1) fail("not a 64-bit little-endian ELF file");
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = dv.getUint16(16, true);
  const machine = dv.getUint16(18, true);
  if (machine !== EM_LOONGARCH) fail(`not a LoongArch ELF file (e_machine ${machine})`);
  const entry = dv.getBigUint64(24, true);
  const phoff = Number(dv.getBigUint64(32, true));
  const phentsize = dv.getUint16(54, true);
  const phnum = dv.getUint16(56, true);
  if (phentsize < 56 || phoff + phnum * phentsize > bytes.length)
    fail("program headers lie outside the file");
  const segments: ElfSegment[] = [];
  let interp = false;
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * phentsize;
    const ptype = dv.getUint32(p, true);
    if (ptype === 3) interp = true;
    if (ptype !== 1) continue;
    const seg: ElfSegment = {
      flags: dv.getUint32(p + 4, true),
      offset: Number(dv.getBigUint64(p + 8, true)),
      vaddr: dv.getBigUint64(p + 16, true),
      filesz: Number(dv.getBigUint64(p + 32, true)),
      memsz: Number(dv.getBigUint64(p + 40, true)),
    };
    if (seg.offset + seg.filesz > bytes.length) fail(`segment ${i} lies outside the file`);
    if (seg.memsz < seg.filesz) fail(`segment ${i} has p_memsz < p_filesz`);
    segments.push(seg);
  }
  if (segments.length === 0) fail("no PT_LOAD segment");
  return { type, entry, phoff, phentsize, phnum, segments, interp };
}

/**
 * Reads the symbol table (`.symtab`) of an ELF64 file: name → value. Useful to find patch points and
 * data in test programs.
 *
 * @param bytes - The whole file.
 * @returns Every named symbol (later duplicates win); empty when the file has no symbol table.
 * @throws {@link LoongArchCpuError} `InvalidElf` if the file is not ELF64 little-endian.
 *
 * @example
 * ```ts
 * import { readElfSymbols } from "@axvisor/loongarch-cpu";
 * declare const elf: Uint8Array;
 * console.log(readElfSymbols(elf).get("_start"));
 * ```
 */
export function readElfSymbols(bytes: Uint8Array): Map<string, bigint> {
  if (bytes.length < 64 || bytes[4] !== 2 || bytes[5] !== 1) fail("not a 64-bit little-endian ELF file");
  try {
    return symbols(bytes);
  } catch (e) {
    // a section header or string table pointing outside the file
    if (e instanceof RangeError)
      throw new LoongArchCpuError("InvalidElf", "symbol table lies outside the file", { cause: e });
    throw e;
  }
}

function symbols(bytes: Uint8Array): Map<string, bigint> {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shoff = Number(dv.getBigUint64(40, true));
  const shentsize = dv.getUint16(58, true);
  const shnum = dv.getUint16(60, true);
  const out = new Map<string, bigint>();
  for (let i = 0; i < shnum; i++) {
    const s = shoff + i * shentsize;
    if (s + 64 > bytes.length || dv.getUint32(s + 4, true) !== 2) continue; // SHT_SYMTAB
    const off = Number(dv.getBigUint64(s + 24, true));
    const size = Number(dv.getBigUint64(s + 32, true));
    const link = dv.getUint32(s + 40, true);
    const entsize = Number(dv.getBigUint64(s + 56, true)) || 24;
    const str = shoff + link * shentsize;
    const strOff = Number(dv.getBigUint64(str + 24, true));
    for (let p = off; p + entsize <= off + size; p += entsize) {
      const nameOff = dv.getUint32(p, true);
      if (nameOff === 0) continue;
      let end = strOff + nameOff;
      while (end < bytes.length && bytes[end] !== 0) end++;
      out.set(utf8Decode(bytes.subarray(strOff + nameOff, end)), dv.getBigUint64(p + 8, true));
    }
  }
  return out;
}

/**
 * Maps a virtual address of a PT_LOAD segment back to its offset in the file.
 *
 * @param image - A parsed ELF image.
 * @param vaddr - A virtual address inside a segment's file image.
 * @returns The file offset, or `undefined` if no segment's file bytes contain `vaddr`.
 *
 * @example
 * ```ts
 * import { elfFileOffset, parseElf } from "@axvisor/loongarch-cpu";
 * declare const elf: Uint8Array;
 * const image = parseElf(elf);
 * console.log(elfFileOffset(image, image.entry));
 * ```
 */
export function elfFileOffset(image: ElfImage, vaddr: bigint): number | undefined {
  for (const s of image.segments) {
    if (vaddr >= s.vaddr && vaddr < s.vaddr + BigInt(s.filesz)) return s.offset + Number(vaddr - s.vaddr);
  }
  return undefined;
}
