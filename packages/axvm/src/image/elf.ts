import { ImageLoadError } from "./error.js";

/** ELF `e_machine` of LoongArch. */
export const EM_LOONGARCH = 258;

const MACHINE_NAMES: Readonly<Record<number, string>> = {
  3: "x86",
  8: "MIPS",
  40: "ARM",
  62: "x86-64",
  183: "AArch64",
  243: "RISC-V",
  258: "LoongArch",
};

const PT_LOAD = 1;
const EHDR_SIZE = 64;
const PHDR_SIZE = 56;
const U64_MAX = (1n << 64n) - 1n;

/** One `PT_LOAD` segment of an ELF64 image. */
export interface ElfSegment {
  /** Index of the program header. */
  readonly index: number;
  /** `p_vaddr`. */
  readonly vaddr: bigint;
  /** `p_paddr`. */
  readonly paddr: bigint;
  /** `p_offset` in the file. */
  readonly offset: bigint;
  /** `p_filesz`: bytes taken from the file. */
  readonly filesz: bigint;
  /** `p_memsz`: bytes in memory; the tail beyond `filesz` is zero-filled (`.bss`). */
  readonly memsz: bigint;
  /** `p_flags` (1 X, 2 W, 4 R). */
  readonly flags: number;
  /** The file bytes of the segment (a view into the image, `filesz` long). */
  readonly data: Uint8Array;
}

/** A validated ELF64 little-endian executable. */
export interface Elf64Image {
  /** `e_machine`. */
  readonly machine: number;
  /** `e_type` (2 EXEC, 3 DYN). */
  readonly type: number;
  /** `e_entry`. */
  readonly entry: bigint;
  /** The `PT_LOAD` segments in program-header order. */
  readonly segments: readonly ElfSegment[];
}

/** Options of {@link parseElf64}. */
export interface ParseElfOptions {
  /** The image name used in error messages (default `"image"`). */
  readonly name?: string;
  /** Required `e_machine` (e.g. {@link EM_LOONGARCH}); any machine when absent. */
  readonly machine?: number;
}

/**
 * Whether `bytes` start with the ELF magic `\x7fELF`.
 *
 * @param bytes - the image.
 * @returns `true` for an ELF file of any class.
 * @example
 * ```ts
 * import { isElf } from "@axvisor/axvm";
 * isElf(new Uint8Array([0x7f, 0x45, 0x4c, 0x46])); // true
 * ```
 */
export function isElf(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46
  );
}

const machineName = (m: number): string =>
  MACHINE_NAMES[m] === undefined ? `${m}` : `${m} (${MACHINE_NAMES[m]})`;

/**
 * Parses and fully validates an ELF64 little-endian executable: header, every program header and
 * every `PT_LOAD` segment's file range, so a loader can write nothing until all of it is known good.
 *
 * @param bytes - the whole file.
 * @param options - image name for messages, required machine.
 * @returns the entry point and the loadable segments.
 * @throws {ImageLoadError} `InvalidData` naming the image and field on any defect.
 * @example
 * ```ts
 * import { EM_LOONGARCH, parseElf64 } from "@axvisor/axvm";
 * declare const bytes: Uint8Array;
 * const elf = parseElf64(bytes, { name: "hello.elf", machine: EM_LOONGARCH });
 * for (const s of elf.segments) console.log(s.paddr, s.filesz, s.memsz);
 * ```
 */
export function parseElf64(bytes: Uint8Array, options: ParseElfOptions = {}): Elf64Image {
  const name = options.name ?? "image";
  const bad = (field: string, detail: string): never => {
    throw new ImageLoadError("InvalidData", name, field, detail);
  };
  if (bytes.length < 16) bad("e_ident", `file is ${bytes.length} bytes, too short for an ELF header`);
  if (!isElf(bytes)) bad("e_ident", "not an ELF file (missing \\x7fELF magic)");
  if (bytes[4] !== 2)
    bad("e_ident[EI_CLASS]", `expected 2 (ELF64), got ${bytes[4]}${bytes[4] === 1 ? " (ELF32)" : ""}`);
  if (bytes[5] !== 1) {
    bad(
      "e_ident[EI_DATA]",
      `expected 1 (little-endian), got ${bytes[5]}${bytes[5] === 2 ? " (big-endian)" : ""}`,
    );
  }
  if (bytes[6] !== 1) bad("e_ident[EI_VERSION]", `expected 1, got ${bytes[6]}`);
  if (bytes.length < EHDR_SIZE)
    bad("ELF header", `truncated: file is ${bytes.length} bytes, the header needs 64`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = dv.getUint16(16, true);
  const machine = dv.getUint16(18, true);
  const entry = dv.getBigUint64(24, true);
  const phoff = dv.getBigUint64(32, true);
  const phentsize = dv.getUint16(54, true);
  const phnum = dv.getUint16(56, true);
  if (type !== 2 && type !== 3) bad("e_type", `expected 2 (EXEC) or 3 (DYN), got ${type}`);
  if (options.machine !== undefined && machine !== options.machine) {
    bad("e_machine", `expected ${machineName(options.machine)}, got ${machineName(machine)}`);
  }
  if (phnum === 0) bad("e_phnum", "no program headers, nothing to load");
  if (phentsize < PHDR_SIZE) bad("e_phentsize", `expected at least ${PHDR_SIZE}, got ${phentsize}`);
  const phEnd = phoff + BigInt(phnum) * BigInt(phentsize);
  if (phEnd > BigInt(bytes.length)) {
    bad("e_phoff", `program headers end at ${phEnd} but the file is ${bytes.length} bytes (truncated)`);
  }
  const segments: ElfSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const at = Number(phoff) + i * phentsize;
    if (dv.getUint32(at, true) !== PT_LOAD) continue;
    const field = (f: string): string => `program header ${i} (${f})`;
    const flags = dv.getUint32(at + 4, true);
    const offset = dv.getBigUint64(at + 8, true);
    const vaddr = dv.getBigUint64(at + 16, true);
    const paddr = dv.getBigUint64(at + 24, true);
    const filesz = dv.getBigUint64(at + 32, true);
    const memsz = dv.getBigUint64(at + 40, true);
    if (filesz > memsz)
      bad(field("p_filesz"), `p_filesz 0x${filesz.toString(16)} exceeds p_memsz 0x${memsz.toString(16)}`);
    if (offset + filesz > BigInt(bytes.length)) {
      bad(
        field("p_offset"),
        `segment bytes end at ${offset + filesz} but the file is ${bytes.length} bytes (truncated)`,
      );
    }
    if (paddr + memsz - 1n > U64_MAX && memsz > 0n)
      bad(field("p_memsz"), "segment wraps past the end of the address space");
    segments.push({
      index: i,
      vaddr,
      paddr,
      offset,
      filesz,
      memsz,
      flags,
      data: bytes.subarray(Number(offset), Number(offset + filesz)),
    });
  }
  if (segments.length === 0) bad("program headers", "no PT_LOAD segment, nothing to load");
  return { machine, type, entry, segments };
}
