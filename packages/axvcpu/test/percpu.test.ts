import { AxError } from "@axvisor/axaddrspace";
import { describe, expect, it } from "vitest";
import { type AxArchPerCpu, AxPerCpu } from "../src/index.js";

class MockPerCpu implements AxArchPerCpu {
  static created: number[] = [];
  enabled = false;
  disables = 0;
  constructor(readonly cpuId: number) {
    if (cpuId < 0) throw new AxError("InvalidInput", "negative cpu");
    MockPerCpu.created.push(cpuId);
  }
  isEnabled(): boolean {
    return this.enabled;
  }
  hardwareEnable(): void {
    this.enabled = true;
  }
  hardwareDisable(): void {
    this.enabled = false;
    this.disables++;
  }
}

describe("AxPerCpu", () => {
  it("init once, enable, disable", () => {
    const p = AxPerCpu.newUninit(MockPerCpu);
    expect(p.cpuId()).toBeUndefined();
    expect(() => p.isEnabled()).toThrow(/not initialized/);
    p.init(3);
    expect(p.cpuId()).toBe(3);
    expect(p.archChecked().cpuId).toBe(3);
    expect(p.isEnabled()).toBe(false);
    p.hardwareEnable();
    expect(p.isEnabled()).toBe(true);
    p.hardwareDisable();
    expect(p.isEnabled()).toBe(false);
    expect(p.maxGuestPageTableLevels()).toBe(4);
  });

  it("a second init is BadState", () => {
    const p = AxPerCpu.newUninit(MockPerCpu);
    p.init(0);
    let err: unknown;
    try {
      p.init(1);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AxError);
    expect((err as AxError).code).toBe("BadState");
    expect((err as AxError).message).toContain("already initialized");
  });

  it("a failing arch constructor leaves the state uninitialised", () => {
    const p = AxPerCpu.newUninit(MockPerCpu);
    expect(() => p.init(-1)).toThrow(AxError);
    expect(p.cpuId()).toBeUndefined();
    p.init(0);
    expect(p.cpuId()).toBe(0);
  });

  it("drop disables only when still enabled", () => {
    const p = AxPerCpu.newUninit(MockPerCpu);
    p.drop();
    p.init(0);
    p.drop();
    expect(p.archChecked().disables).toBe(0);
    p.hardwareEnable();
    p.drop();
    expect(p.archChecked().disables).toBe(1);
    expect(p.isEnabled()).toBe(false);
  });

  it("honours maxGuestPageTableLevels from the architecture", () => {
    class ThreeLevel extends MockPerCpu {
      maxGuestPageTableLevels(): number {
        return 3;
      }
    }
    const p = AxPerCpu.newUninit(ThreeLevel);
    p.init(0);
    expect(p.maxGuestPageTableLevels()).toBe(3);
  });
});
