import { describe, expect, it } from "vitest";
import {
  ImageLoadError,
  loadCmdline,
  loadElfImage,
  loadKernelImage,
  loadRawImage,
  QEMU_LOONGARCH_PADDR_MASK,
} from "../../src/index.js";
import { buildElf64, ramTarget } from "../fixtures/elf.js";

describe("image loaders", () => {
  it("loads PT_LOAD segments at (masked) p_paddr and zero-fills .bss", () => {
    const t = ramTarget(0x10000);
    const elf = buildElf64({
      entry: 0x9000_0000_0000_1000n,
      segments: [
        { vaddr: 0x9000_0000_0000_1000n, paddr: 0x9000_0000_0000_1000n, data: Uint8Array.of(1, 2, 3, 4) },
        {
          vaddr: 0x9000_0000_0000_2000n,
          paddr: 0x9000_0000_0000_2000n,
          data: Uint8Array.of(5),
          memsz: 0x10n,
        },
      ],
    });
    const loaded = loadElfImage(t, elf, { name: "g.elf", paddrMask: QEMU_LOONGARCH_PADDR_MASK });
    expect(loaded.format).toBe("elf");
    expect(loaded.entry).toBe(0x9000_0000_0000_1000n); // unmasked, as QEMU sets the PC
    expect(loaded.ranges).toEqual([
      { gpa: 0x1000n, fileSize: 4n, memSize: 4n },
      { gpa: 0x2000n, fileSize: 1n, memSize: 0x10n },
    ]);
    expect([...t.ram.subarray(0x1000, 0x1005)]).toEqual([1, 2, 3, 4, 0xee]);
    expect(t.ram[0x2000]).toBe(5);
    expect([...t.ram.subarray(0x2001, 0x2010)].every((b) => b === 0)).toBe(true);
    expect(t.ram[0x2010]).toBe(0xee);
  });

  it("writes nothing when any segment is outside guest memory", () => {
    const t = ramTarget(0x3000);
    const elf = buildElf64({
      entry: 0x1000n,
      segments: [
        { vaddr: 0x1000n, data: Uint8Array.of(1) },
        { vaddr: 0x2800n, data: Uint8Array.of(2), memsz: 0x1000n },
      ],
    });
    let e: unknown;
    try {
      loadElfImage(t, elf, { name: "big.elf" });
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(ImageLoadError);
    expect((e as ImageLoadError).code).toBe("BadAddress");
    expect((e as ImageLoadError).message).toBe(
      "big.elf: program header 1 (p_paddr): segment [0x2800, 0x3800) is not in guest memory",
    );
    expect(t.writes).toEqual([]);
  });

  it("writes nothing for a malformed ELF", () => {
    const t = ramTarget(0x3000);
    const elf = buildElf64({ entry: 0n, segments: [{ vaddr: 0x1000n, data: Uint8Array.of(1, 2) }] });
    expect(() => loadElfImage(t, elf.slice(0, elf.length - 1), { name: "cut.elf" })).toThrow(
      /cut\.elf: program header 0/,
    );
    expect(t.writes).toEqual([]);
  });

  it("loads raw binaries at the load address", () => {
    const t = ramTarget(0x3000);
    const loaded = loadRawImage(t, Uint8Array.of(7, 8), 0x1000n, { name: "r.bin" });
    expect(loaded).toEqual({
      format: "raw",
      entry: 0x1000n,
      ranges: [{ gpa: 0x1000n, fileSize: 2n, memSize: 2n }],
    });
    expect([...t.ram.subarray(0x1000, 0x1002)]).toEqual([7, 8]);
    expect(() => loadRawImage(t, new Uint8Array(0x10), 0x2ff8n, { name: "r.bin" })).toThrow(
      "r.bin: load address: [0x2ff8, 0x3008) is not in guest memory",
    );
    expect(loadRawImage(t, new Uint8Array(0), 0x9000n).ranges[0]?.memSize).toBe(0n);
  });

  it("loadCmdline writes UTF-8 with a NUL and refuses too long strings or overlaps with the kernel", () => {
    const t = ramTarget(0x3000);
    t.ram.fill(0xff);
    expect(loadCmdline(t, "a=é", 0x100n, { maxBytes: 8 })).toEqual({
      gpa: 0x100n,
      fileSize: 5n,
      memSize: 5n,
    });
    expect([...t.ram.subarray(0x100, 0x106)]).toEqual([0x61, 0x3d, 0xc3, 0xa9, 0, 0xff]);
    expect(() => loadCmdline(t, "12345678", 0x200n, { maxBytes: 8 })).toThrow(
      "cmdline: length: 8 bytes; the kernel reads at most 7",
    );
    const kernel = [{ gpa: 0x1000n, fileSize: 0x10n, memSize: 0x800n }];
    expect(() => loadCmdline(t, "x", 0x17ffn, { maxBytes: 8, avoid: kernel })).toThrow(
      "cmdline: address: [0x17ff, 0x1801) overlaps a loaded image at [0x1000, 0x1800)",
    );
    expect(loadCmdline(t, "x", 0x1800n, { maxBytes: 8, avoid: kernel }).gpa).toBe(0x1800n);
    expect(() => loadCmdline(t, "x", 0x2fffn, { maxBytes: 8 })).toThrow(ImageLoadError);
    expect(t.ram[0x2fff]).toBe(0xff);
  });

  it("loadKernelImage picks ELF by magic, raw otherwise", () => {
    const t = ramTarget(0x3000);
    const elf = buildElf64({ entry: 0x1004n, segments: [{ vaddr: 0x1000n, data: Uint8Array.of(1) }] });
    expect(loadKernelImage(t, elf, 0x2000n).entry).toBe(0x1004n);
    expect(loadKernelImage(t, Uint8Array.of(0x13), 0x2000n, { name: "x" })).toMatchObject({
      format: "raw",
      entry: 0x2000n,
    });
  });
});
