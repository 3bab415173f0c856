import { describe, expect, it } from "vitest";
import { AxError, HostPhysAddr, HostPhysMemory, HostVirtAddr } from "../src/index.js";

describe("HostPhysMemory", () => {
  it("starts small, never hands out frame 0, and grows only as frames are allocated", () => {
    const hpm = new HostPhysMemory();
    expect(hpm.memory.buffer.byteLength).toBe(65536);
    const first = hpm.allocFrame()!;
    expect(first.value).toBe(0x1000n);
    const frames = [first];
    for (let i = 0; i < 40; i++) frames.push(hpm.allocFrame()!);
    expect(new Set(frames.map((f) => f.value)).size).toBe(41);
    expect(frames.every((f) => f.value !== 0n && f.value % 0x1000n === 0n)).toBe(true);
    // 42 frames (one reserved) need 3 wasm pages; growth steps are 1 MiB.
    expect(hpm.stats.bytesReserved).toBe(17 * 65536);
    expect(hpm.stats).toMatchObject({ framesInUse: 41, framesAllocated: 41, framesFreed: 0 });
  });

  it("reuses freed frames and zeroes them", () => {
    const hpm = new HostPhysMemory();
    const a = hpm.allocFrame()!;
    hpm.bytes(a, 4096).fill(0xaa);
    hpm.deallocFrame(a);
    expect(hpm.isAllocated(a)).toBe(false);
    const b = hpm.allocFrame()!;
    expect(b.value).toBe(a.value);
    expect(hpm.bytes(b, 4096).every((x) => x === 0)).toBe(true);
    expect(hpm.stats).toMatchObject({ framesInUse: 1, framesAllocated: 2, framesFreed: 1 });
  });

  it("runs out at the configured limit (NoMemory → undefined)", () => {
    const hpm = new HostPhysMemory({ maxBytes: 65536n });
    const got: HostPhysAddr[] = [];
    for (;;) {
      const f = hpm.allocFrame();
      if (!f) break;
      got.push(f);
    }
    expect(got.length).toBe(15); // 16 frames, frame 0 reserved
    expect(hpm.allocFrameAddress()).toBe(-1);
    hpm.deallocFrame(got[3]!);
    expect(hpm.allocFrame()?.value).toBe(got[3]!.value);
  });

  it("rejects double free and foreign addresses", () => {
    const hpm = new HostPhysMemory();
    const a = hpm.allocFrame()!;
    hpm.deallocFrame(a);
    expect(() => hpm.deallocFrame(a)).toThrow(AxError);
    expect(() => hpm.deallocFrame(HostPhysAddr.from(0))).toThrow(AxError);
    expect(() => hpm.deallocFrame(HostPhysAddr.from(0x1001))).toThrow(AxError);
  });

  it("allocates aligned contiguous blocks and recycles the alignment gap", () => {
    const hpm = new HostPhysMemory({ maxBytes: 8n << 20n });
    const blk = hpm.allocFrames(512, 0x20_0000)!;
    expect(blk.value).toBe(0x20_0000n);
    expect(hpm.stats.framesInUse).toBe(512);
    // The 511 frames skipped for alignment are handed out next.
    expect(hpm.allocFrame()!.value).toBeLessThan(0x20_0000n);
    hpm.deallocFrames(blk, 512);
    expect(hpm.stats.framesInUse).toBe(1);
    expect(hpm.allocFrames(4096, 0x1000)).toBeUndefined();
    expect(() => hpm.allocFrames(1, 3000)).toThrow(RangeError);
  });

  it("a 1 GiB lazily-used guest costs only what it touches", () => {
    const hpm = new HostPhysMemory();
    for (let i = 0; i < 10; i++) hpm.allocFrame();
    expect(hpm.stats.bytesReserved).toBeLessThanOrEqual(2 << 20);
  });

  it("re-fetched views follow growth; a plain memory's stale ones are detached", () => {
    const hpm = new HostPhysMemory({ shared: false });
    expect(hpm.shared).toBe(false);
    expect(hpm.memory.buffer).toBeInstanceOf(ArrayBuffer);
    const before = hpm.dataView();
    const first = hpm.allocFrameAddress();
    hpm.dataView().setUint8(first, 7);
    for (let i = 0; i < 64; i++) hpm.allocFrame(); // grows past the first 64 KiB
    expect(before.buffer.byteLength).toBe(0); // detached
    expect(hpm.dataView().byteLength).toBe(hpm.memory.buffer.byteLength);
    expect(hpm.u8()[first]).toBe(7);
  });

  it("is shared by default where the platform allows it, and a shared memory grows without detaching", () => {
    const hpm = new HostPhysMemory();
    expect(hpm.shared).toBe(true);
    expect(hpm.memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    const before = hpm.u8();
    const first = hpm.allocFrameAddress();
    before[first] = 9;
    for (let i = 0; i < 64; i++) hpm.allocFrame();
    // the old view still aliases the frames it covered; the new one covers the grown memory
    expect(before.length).toBe(65536);
    expect(hpm.u8().length).toBe(hpm.memory.buffer.byteLength);
    expect(hpm.u8().length).toBeGreaterThan(65536);
    hpm.u8()[first + 1] = 10;
    expect(before[first + 1]).toBe(10);
    expect(hpm.dataView().getUint8(first)).toBe(9);
    expect(hpm.stats.bytesReserved).toBe(hpm.memory.buffer.byteLength);
  });

  it("falls back to a plain memory where shared memory is refused, unless shared is required", () => {
    type Descriptor = { initial: number; maximum?: number; shared?: boolean };
    type MemoryClass = new (d: Descriptor) => object;
    const wasm = (globalThis as unknown as { WebAssembly: { Memory: MemoryClass } }).WebAssembly;
    const real = wasm.Memory;
    wasm.Memory = class NoShared extends real {
      constructor(d: Descriptor) {
        if (d.shared) throw new TypeError("shared memory needs cross-origin isolation");
        super(d);
      }
    };
    try {
      const hpm = new HostPhysMemory();
      expect(hpm.shared).toBe(false);
      expect(hpm.allocFrame()?.value).toBe(0x1000n);
      const e = (() => {
        try {
          new HostPhysMemory({ shared: true });
        } catch (err) {
          return err;
        }
      })();
      expect(e).toBeInstanceOf(AxError);
      expect((e as AxError).code).toBe("Unsupported");
      expect((e as AxError).cause).toBeInstanceOf(TypeError);
    } finally {
      wasm.Memory = real;
    }
  });

  it("byte views, identity phys/virt and bounds checks", () => {
    const hpm = new HostPhysMemory();
    const pa = hpm.allocFrame()!;
    hpm.bytes(pa, 4).set([1, 2, 3, 4]);
    expect(hpm.dataView().getUint32(Number(pa.value), true)).toBe(0x04030201);
    expect(hpm.u8()[Number(pa.value) + 3]).toBe(4);
    expect(hpm.physToVirt(pa).equals(HostVirtAddr.from(pa.value))).toBe(true);
    expect(hpm.virtToPhys(HostVirtAddr.from(0x5000)).value).toBe(0x5000n);
    expect(() => hpm.bytes(hpm.memory.buffer.byteLength - 2, 4)).toThrow(AxError);
    expect(() => new HostPhysMemory({ maxBytes: 100 })).toThrow(RangeError);
  });
});
