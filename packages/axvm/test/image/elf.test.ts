import { AxError } from "@axvisor/axaddrspace";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EM_LOONGARCH, ImageLoadError, isElf, parseElf64 } from "../../src/index.js";
import { buildElf64 } from "../fixtures/elf.js";

const text = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
const valid = (): Uint8Array =>
  buildElf64({
    entry: 0x9000_0000_0020_0000n,
    segments: [
      { vaddr: 0x9000_0000_0020_0000n, paddr: 0x20_0000n, data: text },
      { type: 4, vaddr: 0n, data: new Uint8Array(4) }, // PT_NOTE: skipped
      { vaddr: 0x9000_0000_0020_1000n, paddr: 0x20_1000n, data: Uint8Array.of(9), memsz: 0x100n, flags: 6 },
    ],
  });

function err(bytes: Uint8Array, machine?: number): ImageLoadError {
  try {
    parseElf64(bytes, machine === undefined ? { name: "k.elf" } : { name: "k.elf", machine });
  } catch (e) {
    if (e instanceof ImageLoadError) return e;
    throw e;
  }
  throw new Error("expected rejection");
}

describe("parseElf64", () => {
  it("parses entry and PT_LOAD segments (u64 exact)", () => {
    const elf = parseElf64(valid(), { machine: EM_LOONGARCH });
    expect(elf.entry).toBe(0x9000_0000_0020_0000n);
    expect(elf.machine).toBe(258);
    expect(elf.segments.map((s) => [s.index, s.paddr, s.filesz, s.memsz, s.flags])).toEqual([
      [0, 0x20_0000n, 8n, 8n, 5],
      [2, 0x20_1000n, 1n, 0x100n, 6],
    ]);
    expect([...(elf.segments[0]?.data ?? [])]).toEqual([...text]);
    expect(isElf(valid())).toBe(true);
    expect(isElf(text)).toBe(false);
  });

  it("accepts any machine unless one is required", () => {
    const x86 = buildElf64({ entry: 0n, machine: 62, segments: [{ vaddr: 0n, data: text }] });
    expect(parseElf64(x86).machine).toBe(62);
    const e = err(x86, EM_LOONGARCH);
    expect(e.message).toBe("k.elf: e_machine: expected 258 (LoongArch), got 62 (x86-64)");
    expect(e.field).toBe("e_machine");
    expect(e.image).toBe("k.elf");
    expect(e).toBeInstanceOf(AxError);
    expect(e.code).toBe("InvalidData");
  });

  const bad: [string, (b: Uint8Array) => Uint8Array, string][] = [
    ["empty file", () => new Uint8Array(0), "k.elf: e_ident: file is 0 bytes, too short for an ELF header"],
    [
      "not ELF",
      (b) => Uint8Array.from(b, (x, i) => (i === 1 ? 0x58 : x)),
      "k.elf: e_ident: not an ELF file (missing \\x7fELF magic)",
    ],
    [
      "ELF32",
      (b) => Uint8Array.from(b, (x, i) => (i === 4 ? 1 : x)),
      "k.elf: e_ident[EI_CLASS]: expected 2 (ELF64), got 1 (ELF32)",
    ],
    [
      "big-endian",
      (b) => Uint8Array.from(b, (x, i) => (i === 5 ? 2 : x)),
      "k.elf: e_ident[EI_DATA]: expected 1 (little-endian), got 2 (big-endian)",
    ],
    [
      "bad version",
      (b) => Uint8Array.from(b, (x, i) => (i === 6 ? 0 : x)),
      "k.elf: e_ident[EI_VERSION]: expected 1, got 0",
    ],
    [
      "truncated header",
      (b) => b.slice(0, 40),
      "k.elf: ELF header: truncated: file is 40 bytes, the header needs 64",
    ],
    [
      "relocatable object",
      (b) => Uint8Array.from(b, (x, i) => (i === 16 ? 1 : x)),
      "k.elf: e_type: expected 2 (EXEC) or 3 (DYN), got 1",
    ],
    [
      "truncated program headers",
      (b) => b.slice(0, 64 + 56),
      "k.elf: e_phoff: program headers end at 232 but the file is 120 bytes (truncated)",
    ],
    [
      "truncated segment data",
      (b) => b.slice(0, b.length - 2),
      "k.elf: program header 2 (p_offset): segment bytes end at 245 but the file is 243 bytes (truncated)",
    ],
    [
      "no program headers",
      (b) => Uint8Array.from(b, (x, i) => (i === 56 ? 0 : x)),
      "k.elf: e_phnum: no program headers, nothing to load",
    ],
    [
      "small phentsize",
      (b) => Uint8Array.from(b, (x, i) => (i === 54 ? 32 : x)),
      "k.elf: e_phentsize: expected at least 56, got 32",
    ],
  ];
  it.each(bad)("rejects %s", (_what, mutate, message) => {
    expect(err(mutate(valid())).message).toBe(message);
  });

  it("rejects filesz > memsz and files with no PT_LOAD", () => {
    const fat = buildElf64({ entry: 0n, segments: [{ vaddr: 0n, data: text, memsz: 4n }] });
    expect(err(fat).message).toBe("k.elf: program header 0 (p_filesz): p_filesz 0x8 exceeds p_memsz 0x4");
    const notes = buildElf64({ entry: 0n, segments: [{ type: 4, vaddr: 0n, data: text }] });
    expect(err(notes).message).toBe("k.elf: program headers: no PT_LOAD segment, nothing to load");
  });

  it("rejects a segment wrapping past 2^64", () => {
    const wrap = buildElf64({
      entry: 0n,
      segments: [{ vaddr: 0xffff_ffff_ffff_f000n, data: text, memsz: 0x2000n }],
    });
    expect(err(wrap).message).toBe(
      "k.elf: program header 0 (p_memsz): segment wraps past the end of the address space",
    );
  });
});

describe("parseElf64 robustness", () => {
  it("law: any corruption of a valid ELF parses or fails with ImageLoadError, never anything else", () => {
    const base = valid();
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.nat({ max: base.length }),
        (edits, cut) => {
          const bytes = base.slice(0, Math.max(cut, 1));
          for (const [i, v] of edits) if (i < bytes.length) bytes[i] = v;
          try {
            const elf = parseElf64(bytes);
            for (const s of elf.segments) expect(BigInt(s.data.length)).toBe(s.filesz);
          } catch (e) {
            expect(e).toBeInstanceOf(ImageLoadError);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
