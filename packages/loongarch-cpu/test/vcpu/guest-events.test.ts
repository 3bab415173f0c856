// LoongArchVCpu.guestEvents counts what the guest's own exception machinery did: the example kernels
// take interrupts, exceptions and TLB refills that never leave the vCPU, and a plain guest takes none.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GUEST_ELF_DIR, type Harness, makeVm } from "./harness.js";

// Runs vCPU 0 to power-off; a Halt lets virtual time pass until the vCPU's own timer fires, as the VMM does.
function boot(name: string): Harness {
  const h = makeVm({ kernel: readFileSync(join(GUEST_ELF_DIR, `${name}.elf`)) });
  for (let i = 0; i < 1000; i++) {
    const exit = h.runUntilExit(100_000);
    if (exit.kind !== "Halt") {
      expect(exit.kind).toBe("SystemDown");
      return h;
    }
    const delay = h.vcpu().idleWakeDelay();
    if (delay === undefined) throw new Error(`${name}: halted with no timer armed`);
    h.vcpu().advanceIdle(delay);
  }
  throw new Error(`${name}: no power-off`);
}

function events(name: string): { interrupts: number; exceptions: number; tlbRefills: number } {
  return boot(name).vcpu().guestEvents();
}

describe("LoongArchVCpu.guestEvents", () => {
  it("is all zero for a guest that never traps", () => {
    expect(events("hello")).toEqual({ interrupts: 0, exceptions: 0, tlbRefills: 0 });
  });

  it("counts the paging kernel's TLB refills and its task's syscalls and page faults", () => {
    const e = events("paging");
    expect(e.tlbRefills).toBeGreaterThan(0);
    // at least PIS, PIL, PME, PIF, PPI and the task's write and exit syscalls
    expect(e.exceptions).toBeGreaterThanOrEqual(7);
    expect(e.interrupts).toBe(0);
  });

  it("counts the timer kernel's interrupts", () => {
    const e = events("timer");
    expect(e.interrupts).toBeGreaterThan(0);
    expect(e.tlbRefills).toBe(0);
  });

  it("returns a snapshot, not a live view", () => {
    const h = makeVm({ kernel: readFileSync(join(GUEST_ELF_DIR, "paging.elf")) });
    const before = h.vcpu().guestEvents();
    h.runUntilExit(100_000);
    expect(before.tlbRefills).toBe(0);
    expect(h.vcpu().guestEvents().tlbRefills).toBeGreaterThan(0);
  });
});
