import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Access, Fault, LoongArchCpuError, PagedMemory, Perm } from "../../src/index.js";

describe("PagedMemory", () => {
  it("maps zero-filled pages and checks permissions per access", () => {
    const m = new PagedMemory();
    m.map(0x120000000n, 0x1800, Perm.READ | Perm.EXEC);
    expect(m.mappedPages).toBe(2);
    expect(m.read(0x120000ffen, 4)).toEqual(new Uint8Array(4));
    expect(m.translate(0x20000000, 1, Access.FETCH)).toBeGreaterThanOrEqual(0);
    expect(m.translate(0x20000000, 1, Access.WRITE)).toBe(Fault.PROTECTION);
    expect(m.translate(0x20002000, 1, Access.READ)).toBe(Fault.UNMAPPED);
    expect(m.translate(0, 0x8000, Access.READ)).toBe(Fault.BAD_ADDRESS);
    expect(m.translate(0, -1, Access.READ)).toBe(Fault.UNMAPPED); // canonical upper half, not mapped
  });

  it("keeps contents across protect, zeroes recycled frames, and grows its backing array", () => {
    const m = new PagedMemory();
    m.map(0n, 4096, Perm.READ);
    m.write(0n, Uint8Array.of(1, 2, 3));
    m.protect(0n, 4096, Perm.READ | Perm.WRITE);
    expect(m.read(0n, 3)).toEqual(Uint8Array.of(1, 2, 3));
    expect(m.translate(0, 0, Access.WRITE)).toBeGreaterThanOrEqual(0);
    m.unmap(0n, 4096);
    expect(() => m.read(0n, 1)).toThrow(LoongArchCpuError);
    m.map(0x5000n, 4096, Perm.READ);
    expect(m.read(0x5000n, 3)).toEqual(new Uint8Array(3));
    const before = m.ram;
    m.map(0x100000n, 1 << 26, Perm.READ); // lazy: frames come on first touch
    expect(m.ram).toBe(before);
    expect(m.read(0x100000n, 1 << 20).every((b) => b === 0)).toBe(true);
    expect(m.ram.length).toBeGreaterThan(before.length);
    expect(() => m.map(-1n, 1, Perm.READ)).toThrow(LoongArchCpuError);
  });

  it("reads back what it wrote at any offset and length (property)", () => {
    const m = new PagedMemory();
    m.map(0x7000n, 0x4000, Perm.READ | Perm.WRITE);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0x3f00 }),
        fc.uint8Array({ minLength: 1, maxLength: 256 }),
        (off, data) => {
          m.write(0x7000n + BigInt(off), data);
          expect(m.read(0x7000n + BigInt(off), data.length)).toEqual(data);
        },
      ),
    );
  });
  it("moves its RAM into a shared WebAssembly memory that grows without detaching views", () => {
    const m = new PagedMemory();
    m.map(0x10000n, 0x1000, Perm.READ | Perm.WRITE);
    m.write(0x10000n, new Uint8Array([1, 2, 3]));
    const wasm = m.enableWasm()!;
    expect(m.enableWasm()).toBe(wasm);
    expect(wasm.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(m.ram.byteOffset).toBe(65536);
    const before = m.ram;
    m.map(0x1000000n, 8 << 20, Perm.READ | Perm.WRITE);
    m.write(0x1000000n, new Uint8Array(8 << 20).fill(9)); // materialises 2048 frames
    expect(m.ram).not.toBe(before);
    expect(before.length).toBeGreaterThan(0); // not detached
    expect(m.read(0x10000n, 3)).toEqual(new Uint8Array([1, 2, 3]));
    expect(m.read(0x1000000n + BigInt((8 << 20) - 1), 1)).toEqual(new Uint8Array([9]));
  });
});
