import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EM_LOONGARCH,
  elfFileOffset,
  LinuxUser,
  LoongArchCpuError,
  parseElf,
  readElfSymbols,
} from "../../src/index.js";
import { guestBytes } from "../helpers/run.js";

describe("parseElf / readElfSymbols", () => {
  it("reads the committed guests: entry, PT_LOAD segments with a page-aligned writable one", () => {
    const elf = guestBytes("sort");
    const img = parseElf(elf);
    expect(img.entry).toBe(0x1200000c0n);
    expect(img.interp).toBe(false);
    expect(img.segments.length).toBe(2);
    const data = img.segments.find((s) => s.flags & 2)!;
    expect(data.vaddr % 0x4000n).toBe(0n);
    expect(data.memsz).toBeGreaterThan(data.filesz);
    const syms = readElfSymbols(elf);
    expect(syms.get("_start")).toBe(img.entry);
    expect(elfFileOffset(img, img.entry)).toBe(0xc0);
    expect(elfFileOffset(img, 0n)).toBeUndefined();
    expect(EM_LOONGARCH).toBe(258);
  });
  it("rejects what is not a LoongArch ELF64", () => {
    expect(() => parseElf(new Uint8Array(64))).toThrow(LoongArchCpuError);
    const elf = guestBytes("sort").slice();
    elf[18] = 62; // EM_X86_64
    expect(() => parseElf(elf)).toThrow(/not a LoongArch/);
    expect(() => parseElf(guestBytes("sort").subarray(0, 100))).toThrow(/outside the file/);
  });

  it("corrupted files fail with LoongArchCpuError only", () => {
    const good = guestBytes("args");
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 0x1ff }), fc.integer({ min: 0, max: 255 })), {
          maxLength: 8,
        }),
        fc.integer({ min: 0, max: good.length }),
        (edits, cut) => {
          const elf = good.slice(0, Math.max(cut, 200));
          for (const [at, v] of edits) elf[at] = v;
          if (edits.length > 4) new DataView(elf.buffer).setBigUint64(40, BigInt(edits[0]![0]) * 64n, true); // e_shoff
          for (const f of [() => parseElf(elf), () => readElfSymbols(elf), () => LinuxUser.load(elf)]) {
            try {
              f();
            } catch (e) {
              expect(e).toBeInstanceOf(LoongArchCpuError);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
