import { describe, expect, it } from "vitest";
import { Access, Fault, FlatMemory, LoongArchCpuError } from "../../src/index.js";

describe("FlatMemory", () => {
  it("translates pages inside the block and faults outside", () => {
    const m = new FlatMemory(0x1_0000_2000n, 0x2000);
    expect(m.translate(0x2000, 1, Access.READ)).toBe(0);
    expect(m.translate(0x3000, 1, Access.WRITE)).toBe(0x1000);
    expect(m.translate(0x4000, 1, Access.FETCH)).toBe(Fault.UNMAPPED);
    expect(m.translate(0x2000, 0, Access.READ)).toBe(Fault.UNMAPPED);
  });
  it("reads and writes bytes and rejects bad arguments", () => {
    const m = new FlatMemory(0n, 10);
    expect(m.ram.length).toBe(4096);
    m.write(4095n, Uint8Array.of(9));
    expect(m.read(4095n, 1)).toEqual(Uint8Array.of(9));
    expect(() => m.read(4095n, 2)).toThrow(LoongArchCpuError);
    expect(() => new FlatMemory(1n, 10)).toThrow(LoongArchCpuError);
    expect(() => new FlatMemory(0n, 0)).toThrow(LoongArchCpuError);
  });
});
