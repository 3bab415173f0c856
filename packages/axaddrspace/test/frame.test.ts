import { describe, expect, it } from "vitest";
import { AxError, HostPhysMemory, PhysFrame } from "../src/index.js";
import { MEMORY_START, MockHal } from "./test-utils.js";

// Ports of the Rust axaddrspace tests/frame.rs.
describe("PhysFrame", () => {
  it("test_alloc_dealloc_cycle", () => {
    const hal = new MockHal();
    const frame = PhysFrame.alloc(hal);
    expect(frame.startPaddr().value).toBe(BigInt(MEMORY_START));
    expect(hal.allocCount).toBe(1);
    frame.dealloc();
    expect(hal.deallocCount).toBe(1);
    frame.dealloc(); // once only
    expect(hal.deallocCount).toBe(1);
  });

  it("test_alloc_zero", () => {
    const hal = new MockHal();
    new Uint8Array(hal.buffer).fill(0x55);
    const frame = PhysFrame.allocZero(hal);
    expect(frame.bytes().every((b) => b === 0)).toBe(true);
  });

  it("test_fill_operation and test_fill_multiple_frames", () => {
    const hal = new HostPhysMemory();
    const frames = [PhysFrame.alloc(hal), PhysFrame.alloc(hal), PhysFrame.alloc(hal)];
    for (const [i, f] of frames.entries()) f.fill(0xaa + i);
    for (const [i, f] of frames.entries()) expect(f.bytes().every((b) => b === 0xaa + i)).toBe(true);
    for (const f of frames) f.dealloc();
    expect(hal.stats.framesInUse).toBe(0);
  });

  it("test_uninit_access", () => {
    const frame = PhysFrame.uninit(new MockHal());
    expect(() => frame.startPaddr()).toThrow(/uninitialized PhysFrame/);
    frame.dealloc();
  });

  it("test_alloc_no_memory", () => {
    const hal = new MockHal();
    hal.allocShouldFail = true;
    try {
      PhysFrame.alloc(hal);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AxError);
      expect((e as AxError).code).toBe("NoMemory");
    }
  });
});
