import { describe, expect, it } from "vitest";
import { wasmApi } from "../../src/jit/wasm-api.js";
import { ByteWriter, encodeModule, I32, W } from "../../src/jit/wasm-encoder.js";

const wasm = () => wasmApi()!;

describe("ByteWriter", () => {
  it("writes LEB128 like the spec examples", () => {
    expect([...new ByteWriter().u32(624485).finish()]).toEqual([0xe5, 0x8e, 0x26]);
    expect([...new ByteWriter().s32(-123456).finish()]).toEqual([0xc0, 0xbb, 0x78]);
    expect([...new ByteWriter().s32(63).finish()]).toEqual([0x3f]);
    expect([...new ByteWriter().s32(64).finish()]).toEqual([0xc0, 0x00]);
    expect([...new ByteWriter().s64(-1n).finish()]).toEqual([0x7f]);
    expect(new ByteWriter().s64(1n << 55n).length).toBe(9);
    expect(new ByteWriter().s64(-(1n << 63n)).length).toBe(10);
  });
  it("grows past its initial capacity", () => {
    const w = new ByteWriter();
    for (let i = 0; i < 5000; i++) w.byte(i);
    w.bytes(new Uint8Array(3000).fill(7));
    expect(w.length).toBe(8000);
    expect(w.finish()[7999]).toBe(7);
  });
});

describe("encodeModule", () => {
  it("builds a valid module whose function runs", () => {
    const body = new ByteWriter().byte(W.localGet).u32(0).byte(W.localGet).u32(1).byte(W.i32Add).finish();
    const bytes = encodeModule({
      types: [[[I32, I32], [I32]]],
      funcImports: [],
      funcType: 0,
      locals: [],
      body,
      exportName: "add",
    });
    expect(wasm().validate(bytes)).toBe(true);
    const inst = new (wasm().Instance)(new (wasm().Module)(bytes), {});
    expect((inst.exports["add"] as (a: number, b: number) => number)(40, 2)).toBe(42);
  });

  it("imports a plain or a shared memory, whose kind must match the module's import", () => {
    // load(i32 addr) -> i32
    const body = new ByteWriter().byte(W.localGet).u32(0).byte(W.i32Load).u32(2).u32(0).finish();
    const module = (sharedMemory: boolean) =>
      new (wasm().Module)(
        encodeModule({
          types: [[[I32], [I32]]],
          funcImports: [],
          memoryImport: ["e", "m"],
          sharedMemory,
          funcType: 0,
          locals: [],
          body,
          exportName: "load",
        }),
      );
    const plain = new (wasm().Memory)({ initial: 1 });
    const shared = new (wasm().Memory)({ initial: 1, maximum: 4, shared: true });
    for (const [mem, isShared] of [
      [plain, false],
      [shared, true],
    ] as const) {
      new DataView(mem.buffer).setInt32(8, 0x1234, true);
      const inst = new (wasm().Instance)(module(isShared), { e: { m: mem } });
      expect((inst.exports["load"] as (a: number) => number)(8)).toBe(0x1234);
      expect(() => new (wasm().Instance)(module(!isShared), { e: { m: mem } })).toThrow();
    }
  });
});
