// Timer, stable counter, interrupt and IPI semantics of LoongArchVCpu (the parts of loongarch-vcpu.ts
// that model the stable counter, TCFG/TVAL/TICLR/CNTC, ESTAT.IS, vectored entry and IOCSR).
import { AddrSpace, GuestPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assemble, Csr, LoongArchVCpu, LoongArchVirtIocsr } from "../../src/index.js";

const RWX = MappingFlags.READ | MappingFlags.WRITE | MappingFlags.EXECUTE;
const CODE = 0x200000n;
const gpa = (v: bigint) => GuestPhysAddr.from(v);

/** vCPUs sharing one address space and IOCSR bus; `sources[i]` is vCPU i's code ("@@" splits 4 KiB pages). */
function cores(sources: string[], iocsr: LoongArchVirtIocsr | null = new LoongArchVirtIocsr()) {
  const hal = new HostPhysMemory({ maxBytes: 64n << 20n });
  const as = AddrSpace.newEmpty({ levels: 4, base: gpa(0n), size: 1n << 32n, hal, arch: "loongarch64" });
  as.mapAlloc(gpa(CODE), 0x40000, RWX, true);
  return sources.map((src, cpu) => {
    const base = CODE + BigInt(cpu) * 0x10000n;
    src.split("@@").forEach((part, i) => {
      const code = new Uint8Array(assemble(part).buffer);
      as.translatedByteBuffer(gpa(base + BigInt(i) * 0x1000n), code.length)![0]!.set(code);
    });
    const vcpu = new LoongArchVCpu(1, cpu, {
      cpuId: cpu,
      dtbAddr: 0n,
      hal,
      addrSpace: as,
      ...(iocsr === null ? {} : { iocsr }),
    });
    vcpu.setEntry(gpa(base));
    vcpu.setEptRoot(as.pageTableRoot());
    vcpu.setup({ passthroughInterrupt: false, passthroughTimer: false });
    return vcpu;
  });
}
const one = (src: string, iocsr: LoongArchVirtIocsr | null = new LoongArchVirtIocsr()) =>
  cores([src], iocsr)[0]!;

/** A timer handler at 0x201000 that counts in $s0, clears TI and returns; `body` runs first at 0x200000. */
const counting = (body: string) =>
  [
    "li.d $t0, 0x201000",
    "csrwr $t0, 0xc", // EENTRY
    body,
    "@@",
    "addi.d $s0, $s0, 1",
    "li.d $t1, 1",
    "csrwr $t1, 0x44", // TICLR
    "ertn",
  ].join("\n");

describe("LoongArchVCpu stable counter and timer", () => {
  it("a periodic timer interrupts every InitVal ticks; TVAL counts down from InitVal", () => {
    const vcpu = one(
      counting(
        [
          "li.d $t1, 0x800",
          "csrwr $t1, 0x4", // LIE = TI
          "li.d $t1, 0x3eb", // 1000 ticks, periodic, enabled
          "csrwr $t1, 0x41",
          "csrrd $s1, 0x42", // TVAL right after
          "li.d $t1, 4",
          "csrxchg $t1, $t1, 0x0", // IE
          "li.d $t2, 5",
          "wait: idle 0",
          "blt $s0, $t2, wait",
          "csrwr $zero, 0x41",
          "hvcl 0",
        ].join("\n"),
      ),
    );
    let halts = 0;
    for (;;) {
      const exit = vcpu.run();
      if (exit.kind === "Hypercall") break;
      expect(exit.kind).toBe("Halt");
      halts++;
      const delay = vcpu.idleWakeDelay()!;
      expect(delay).toBeGreaterThan(0);
      expect(delay).toBeLessThanOrEqual(1000);
      vcpu.advanceIdle(delay);
    }
    expect(vcpu.gpr(23)).toBe(5n); // $s0
    expect(halts).toBe(5);
    expect(vcpu.gpr(24)).toBeLessThanOrEqual(1000n);
    expect(vcpu.gpr(24)).toBeGreaterThan(990n);
  });

  it("a one-shot timer interrupts once, then TVAL reads 0 and idleWakeDelay is undefined", () => {
    const vcpu = one(
      counting(
        [
          "li.d $t1, 0x800",
          "csrwr $t1, 0x4",
          "li.d $t1, 0x65", // 100 ticks, one-shot
          "csrwr $t1, 0x41",
          "li.d $t1, 4",
          "csrxchg $t1, $t1, 0x0",
          "li.d $t2, 2000",
          "busy: addi.d $t2, $t2, -1",
          "bnez $t2, busy",
          "csrrd $s1, 0x42",
          "hvcl 0",
        ].join("\n"),
      ),
    );
    expect(vcpu.run().kind).toBe("Hypercall");
    expect(vcpu.gpr(23)).toBe(1n);
    expect(vcpu.gpr(24)).toBe(0n);
    expect(vcpu.idleWakeDelay()).toBeUndefined();
  });

  it("TICLR clears ESTAT.IS[11]; writing TCFG with En = 0 stops the timer", () => {
    const vcpu = one(
      "li.d $t1, 0x11\ncsrwr $t1, 0x41\nidle 0\ncsrrd $a0, 0x5\nli.d $t1, 1\ncsrwr $t1, 0x44\ncsrrd $a1, 0x5\nhvcl 0",
    );
    // LIE = 0: idle halts even when TI is pending
    expect(vcpu.run().kind).toBe("Halt");
    vcpu.advanceIdle(100);
    expect(vcpu.hasPendingInterrupt()).toBe(false); // masked by ECFG.LIE
    expect(vcpu.csrs.read(Csr.ESTAT) & 0x800n).toBe(0x800n);
    expect(vcpu.run().kind).toBe("Hypercall");
    expect(vcpu.gpr(4) & 0x800n).toBe(0x800n);
    expect(vcpu.gpr(5) & 0x800n).toBe(0n);
    const stop = one("li.d $t1, 0x11\ncsrwr $t1, 0x41\ncsrwr $zero, 0x41\nidle 0");
    expect(stop.run().kind).toBe("Halt");
    expect(stop.idleWakeDelay()).toBeUndefined();
  });

  it("TCFG.En = 0 holds TVAL where the timer stopped; re-enabling reloads InitVal", () => {
    const vcpu = one(
      [
        "li.d $t1, 0x3e9", // 1000 ticks, one-shot
        "csrwr $t1, 0x41",
        "nop",
        "nop",
        "csrrd $a0, 0x42",
        "li.d $t1, 0x3e8", // En = 0
        "csrwr $t1, 0x41",
        "csrrd $a1, 0x42",
        "nop",
        "nop",
        "nop",
        "csrrd $a2, 0x42",
        "li.d $t1, 0x3e9",
        "csrwr $t1, 0x41",
        "csrrd $a3, 0x42",
        "hvcl 0",
      ].join("\n"),
    );
    expect(vcpu.run().kind).toBe("Hypercall");
    const [running, held, later, reloaded] = [4, 5, 6, 7].map((r) => vcpu.gpr(r));
    expect(running).toBeLessThan(1000n);
    expect(held).toBeLessThan(running!);
    expect(held).toBeGreaterThan(990n);
    expect(later).toBe(held);
    expect(reloaded).toBeGreaterThan(held!);
  });

  it("rdtime.d adds CNTC to the stable counter and writes TID to rj", () => {
    const vcpu = one(
      [
        "rdtime.d $a0, $a1",
        "li.d $t1, 0x1000000000",
        "csrwr $t1, 0x43", // CNTC
        "li.d $t1, 0x55",
        "csrwr $t1, 0x40", // TID
        "rdtime.d $a2, $a3",
        "li.d $t1, -0x1000000000",
        "csrwr $t1, 0x43",
        "rdtime.d $a4, $a5",
        "hvcl 0",
      ].join("\n"),
    );
    expect(vcpu.run().kind).toBe("Hypercall");
    const [t0, id0, t1, id1, t2] = [4, 5, 6, 7, 8].map((r) => vcpu.gpr(r));
    expect(id0).toBe(0n);
    expect(id1).toBe(0x55n);
    expect(t1! - t0! - 0x10_0000_0000n).toBeGreaterThan(0n);
    expect(t1! - t0! - 0x10_0000_0000n).toBeLessThan(20n);
    // a negative compensation wraps modulo 2^64
    expect(t2! >= 1n << 63n).toBe(true);
    expect(BigInt.asUintN(64, t2! + 0x10_0000_0000n) - t0!).toBeLessThan(20n);
  });

  it("keeps running while the vCPU is descheduled: advanceIdle fires TI and keeps the period's phase", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50_000 }), (idle) => {
        const vcpu = one("li.d $t1, 0x3eb\ncsrwr $t1, 0x41\nidle 0");
        expect(vcpu.run().kind).toBe("Halt");
        const first = vcpu.idleWakeDelay()!;
        vcpu.advanceIdle(idle);
        expect((vcpu.csrs.read(Csr.ESTAT) >> 11n) & 1n).toBe(idle >= first ? 1n : 0n);
        // the next expiry stays on the InitVal grid of the first one
        expect(vcpu.idleWakeDelay()).toBe(idle < first ? first - idle : 1000 - ((idle - first) % 1000));
      }),
      { numRuns: 50 },
    );
  });
});

describe("LoongArchVCpu interrupts", () => {
  it("enters vectored interrupts at EENTRY + (64 + irq) * 4 * 2^VS", () => {
    // VS = 2: 16-byte slots; the timer (irq 11) enters at 0x201000 + 75 * 16
    const slot = 75 * 16;
    const vcpu = one(
      [
        "li.d $t0, 0x201000",
        "csrwr $t0, 0xc",
        "li.d $t1, 0x20800", // VS = 2, LIE = TI
        "csrwr $t1, 0x4",
        "li.d $t1, 0x21",
        "csrwr $t1, 0x41",
        "li.d $t1, 4",
        "csrxchg $t1, $t1, 0x0",
        "spin: b spin",
        "@@",
        ...Array.from({ length: slot / 4 }, () => "break 1"),
        "csrrd $a0, 0x6", // ERA
        "csrrd $a1, 0x5", // ESTAT
        "hvcl 0",
      ].join("\n"),
    );
    expect(vcpu.run().kind).toBe("Hypercall");
    expect(vcpu.gpr(4)).toBe(0x200024n); // the spin loop
    expect((vcpu.gpr(5) >> 16n) & 0x3fn).toBe(0n); // Ecode INT
    expect(vcpu.gpr(5) & 0x800n).toBe(0x800n);
  });

  it("takes the highest pending line first", () => {
    const vcpu = one(
      [
        "li.d $t0, 0x201000",
        "csrwr $t0, 0xc",
        "li.d $t1, 0x1fff",
        "csrwr $t1, 0x4",
        "li.d $t1, 4",
        "csrxchg $t1, $t1, 0x0",
        "spin: b spin",
        "@@",
        "csrrd $a0, 0x5",
        "hvcl 0",
      ].join("\n"),
    );
    vcpu.injectInterrupt(3);
    vcpu.injectInterrupt(12);
    vcpu.injectInterrupt(0);
    expect(vcpu.run().kind).toBe("Hypercall");
    expect(vcpu.gpr(4) & 0x1fffn).toBe(0x1009n);
  });

  it("hardware lines injected by the hypervisor (GINTC.VIP) stay pending when the guest writes ESTAT", () => {
    const vcpu = one("li.d $t1, 0\ncsrwr $t1, 0x5\ncsrrd $a0, 0x5\nhvcl 0");
    vcpu.injectInterrupt(2); // HWI0
    vcpu.injectInterrupt(1); // SWI1: guest-writable
    expect(vcpu.run().kind).toBe("Hypercall");
    expect(vcpu.gpr(4) & 0x1fffn).toBe(0x4n);
    vcpu.clearInterrupt(2);
    expect(vcpu.csrs.read(Csr.ESTAT) & 0x1fffn).toBe(0n);
  });
});

describe("LoongArchVCpu IOCSR and IPIs", () => {
  it("serves iocsrrd/iocsrwr the bus claims inside run(), sign-extending narrow reads", () => {
    const vcpu = one(
      [
        "li.d $t0, 0x10",
        "iocsrrd.d $a0, $t0", // VENDOR
        "iocsrrd.w $a1, $t0", // "Loon" = 0x6e6f6f4c
        "li.d $t0, 0x1020",
        "li.d $t1, -2",
        "iocsrwr.w $t1, $t0",
        "iocsrrd.w $a2, $t0",
        "iocsrrd.d $a3, $t0",
        "li.d $t0, 0x8000",
        "iocsrrd.w $a4, $t0",
      ].join("\n"),
    );
    const exit = vcpu.run();
    expect(exit.kind).toBe("SysRegRead"); // 0x8000: not on the board
    expect(exit.kind === "SysRegRead" && exit.addr.addr()).toBe(0x8000n);
    expect(vcpu.gpr(4)).toBe(0x6e6f_7367_6e6f_6f4cn);
    expect(vcpu.gpr(5)).toBe(0x6e6f_6f4cn);
    expect(vcpu.gpr(6)).toBe(BigInt.asUintN(64, -2n));
    expect(vcpu.gpr(7)).toBe(0xffff_fffen);
  });

  it("an IPI wakes a core parked in idle with IE = 0; the core reads its mailbox and clears the IPI", () => {
    const iocsr = new LoongArchVirtIocsr();
    const [boot, second] = cores(
      [
        [
          "li.d $t0, 0x1048", // mail send: 0x1234 into core 1's mailbox word 0
          "li.d $t1, 0x123400010000",
          "iocsrwr.d $t1, $t0",
          "li.d $t0, 0x1040", // IPI send: vector 0 to core 1
          "li.d $t1, 0x10000",
          "iocsrwr.w $t1, $t0",
          "idle 0",
        ].join("\n"),
        [
          "li.d $t1, 0x1000",
          "csrwr $t1, 0x4", // LIE = IPI
          "li.d $t0, 0x1004",
          "li.d $t1, -1",
          "iocsrwr.w $t1, $t0",
          "idle 0",
          "li.d $t0, 0x1020",
          "iocsrrd.d $a0, $t0",
          "li.d $t0, 0x100c",
          "li.d $t1, -1",
          "iocsrwr.w $t1, $t0",
          "csrrd $a1, 0x5",
          "hvcl 0",
        ].join("\n"),
      ],
      iocsr,
    );
    expect(second!.run().kind).toBe("Halt");
    expect(second!.hasPendingInterrupt()).toBe(false);
    expect(boot!.run().kind).toBe("Halt");
    expect(second!.hasPendingInterrupt()).toBe(true);
    expect(second!.run().kind).toBe("Hypercall");
    expect(second!.gpr(4)).toBe(0x1234n);
    expect(second!.gpr(5) & 0x1000n).toBe(0n);
    expect(iocsr.ipiState(1)).toEqual({ status: 0, enable: 0xffff_ffff });
  });

  it("an IPI a core sends itself is taken right after the iocsrwr", () => {
    const vcpu = one(
      [
        "li.d $t0, 0x201000",
        "csrwr $t0, 0xc",
        "li.d $t1, 0x1000",
        "csrwr $t1, 0x4",
        "li.d $t1, 4",
        "csrxchg $t1, $t1, 0x0",
        "li.d $t0, 0x1004",
        "li.d $t1, -1",
        "iocsrwr.w $t1, $t0",
        "li.d $t0, 0x1040",
        "li.d $t1, 5",
        "iocsrwr.w $t1, $t0",
        "li.d $a5, 99",
        "@@",
        "csrrd $a0, 0x6",
        "hvcl 0",
      ].join("\n"),
    );
    expect(vcpu.run().kind).toBe("Hypercall");
    expect(vcpu.gpr(9)).toBe(0n); // $a5 never set
    expect(vcpu.gpr(4)).toBe(0x200038n); // ERA: the instruction after the iocsrwr
  });

  it("without a bus, iocsr accesses still exit to the VMM", () => {
    const vcpu = one("li.d $t0, 0x10\niocsrrd.d $a0, $t0", null);
    expect(vcpu.run().kind).toBe("SysRegRead");
  });
});
