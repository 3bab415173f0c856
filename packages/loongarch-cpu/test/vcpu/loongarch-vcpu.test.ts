import {
  AccessWidth,
  AddrSpace,
  AxError,
  GuestPhysAddr,
  HostPhysMemory,
  MappingFlags,
  SysRegAddr,
  SysRegAddrRange,
} from "@axvisor/axaddrspace";
import type { AxVCpuExitReason } from "@axvisor/axvcpu";
import type { BaseSysRegDeviceOps } from "@axvisor/axvm";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { assemble, Csr, Ecode, INSNS, LoongArchVCpu } from "../../src/index.js";
import { bareVcpu, DEV, makeVm, PATTERN, patternDevice } from "./harness.js";

const RWX = MappingFlags.READ | MappingFlags.WRITE | MappingFlags.EXECUTE;
const RW = MappingFlags.READ | MappingFlags.WRITE;
const CODE = 0x200000n;
const gpa = (v: bigint | number) => GuestPhysAddr.from(v);
const bytes = (src: string) => new Uint8Array(assemble(src).buffer);

/** A vCPU on a bare address space: code at 0x200000 (populated), lazy RAM at 0x300000, nothing else. */
const bare = (src: string, levels: 3 | 4 = 4) => bareVcpu(src, { levels, lazyRam: true });

describe("LoongArchVCpu boot state", () => {
  it("starts like QEMU 7.2's direct ELF boot: PC = entry, CRMD = 0xa8, GPRs 0, la464 CSRs", () => {
    const { vcpu } = bare("idle 0");
    expect(vcpu.cpu.pc).toBe(CODE);
    for (let r = 0; r < 32; r++) expect(vcpu.gpr(r)).toBe(0n);
    expect(vcpu.csrs.read(Csr.CRMD)).toBe(0xa8n);
    expect(vcpu.csrs.read(Csr.ASID)).toBe(0xa0000n);
    expect(vcpu.csrs.read(Csr.PRCFG3)).toBe(0x8073f2n);
    expect(vcpu.csrs.read(Csr.EENTRY)).toBe(0n);
    expect(vcpu.setupConfig()).toEqual({ passthroughInterrupt: false, passthroughTimer: false });
  });

  it("setup drops a device access left half-done and starts over at the entry", () => {
    const { vcpu } = bare(`li.d $t0, ${DEV}\nld.w $a0, $t0, 0\nidle 0`);
    expect(vcpu.run().kind).toBe("MmioRead");
    vcpu.setup({ passthroughInterrupt: false, passthroughTimer: false });
    expect(vcpu.cpu.pc).toBe(CODE);
    expect(vcpu.run().kind).toBe("MmioRead");
  });

  it("passes a non-zero dtbAddr in a1 and keeps an entry set after setup", () => {
    const hal = new HostPhysMemory();
    const vcpu = new LoongArchVCpu(1, 2, { cpuId: 2, dtbAddr: 0x100000n, hal });
    vcpu.setup({ passthroughInterrupt: true, passthroughTimer: true });
    vcpu.setEntry(gpa(0x9000_0000_0020_0000n));
    expect(vcpu.gpr(5)).toBe(0x100000n);
    expect(vcpu.cpu.pc).toBe(0x9000_0000_0020_0000n);
    expect(vcpu.csrs.read(Csr.CPUID)).toBe(2n);
  });

  it("passes cmdlineAddr in a1 in place of dtbAddr", () => {
    const hal = new HostPhysMemory();
    const vcpu = new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0x200000n, cmdlineAddr: 0x100000n, hal });
    vcpu.setup({ passthroughInterrupt: true, passthroughTimer: true });
    expect(vcpu.gpr(5)).toBe(0x100000n);
    expect(vcpu.gpr(4)).toBe(0n);
  });

  it("rejects bad configs and runs only with a nested root", () => {
    const hal = new HostPhysMemory();
    expect(() => new LoongArchVCpu(1, 0, { cpuId: -1, dtbAddr: 0n, hal })).toThrow(AxError);
    expect(() => new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal, nptLevels: 5 as 4 })).toThrow(AxError);
    const vcpu = new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal });
    expect(() => vcpu.run()).toThrow(/setEptRoot/);
    expect(() => vcpu.setEptRoot({ value: 0x1001n } as never)).toThrow(AxError);
    expect(() => vcpu.setGpr(64, 0n)).toThrow(AxError);
    expect(() => vcpu.setSliceBudget(0)).toThrow(AxError);
    expect(() => vcpu.injectInterrupt(-1)).toThrow(AxError);
  });
});

describe("LoongArchVCpu exits", () => {
  const loads: [string, number, boolean, bigint][] = [
    ["ld.b $a0, $t0, 0", 1, true, 0xffff_ffff_ffff_ff87n],
    ["ld.h $a0, $t0, 2", 2, true, 0xffff_ffff_ffff_9687n],
    ["ld.w $a0, $t0, 4", 4, true, 0xffff_ffff_b4a5_9687n],
    ["ld.d $a0, $t0, 8", 8, true, PATTERN],
    ["ld.bu $a0, $t0, 1", 1, false, 0x87n],
    ["ld.hu $a0, $t0, 2", 2, false, 0x9687n],
    ["ld.wu $a0, $t0, 4", 4, false, 0xb4a5_9687n],
    ["ldx.b $a0, $t0, $t1", 1, true, 0xffff_ffff_ffff_ff87n],
    ["ldx.h $a0, $t0, $t1", 2, true, 0xffff_ffff_ffff_9687n],
    ["ldx.w $a0, $t0, $t1", 4, true, 0xffff_ffff_b4a5_9687n],
    ["ldx.d $a0, $t0, $t1", 8, true, PATTERN],
    ["ldx.bu $a0, $t0, $t1", 1, false, 0x87n],
    ["ldx.hu $a0, $t0, $t1", 2, false, 0x9687n],
    ["ldx.wu $a0, $t0, $t1", 4, false, 0xb4a5_9687n],
    ["ldptr.w $a0, $t0, 8", 4, true, 0xffff_ffff_b4a5_9687n],
    ["ldptr.d $a0, $t0, 16", 8, true, PATTERN],
  ];

  it.each(loads)(
    "%s gives MmioRead with width %i, signedExt %s; AxVM's value lands extended",
    (insn, size, signed, want) => {
      const src = `li.d $t0, ${DEV}\nli.d $t1, 0x10\n${insn}\naddi.d $a1, $a0, 0\nidle 0`;
      // the exit itself
      const { vcpu } = bare(src);
      const exit = vcpu.run();
      expect(exit.kind).toBe("MmioRead");
      if (exit.kind !== "MmioRead") return;
      expect(exit.width.size()).toBe(size);
      expect(exit.reg).toBe(4);
      expect(exit.signedExt).toBe(signed);
      expect(exit.regWidth).toBe(AccessWidth.Qword);
      const off = insn.startsWith("ldx") ? 0x10n : BigInt(insn.split(", ").at(-1)!);
      expect(exit.addr.value).toBe(DEV + off);
      // through AxVM: the value is extended into a0 and the PC moves past the load once
      const writes: [bigint, string, bigint][] = [];
      const h = makeVm({
        code: bytes(src),
        devices: [patternDevice((a, w, v) => writes.push([a, w.toString(), v]))],
      });
      expect(h.runUntilExit().kind).toBe("Halt");
      expect(h.vcpu().gpr(4)).toBe(want);
      expect(h.vcpu().gpr(5)).toBe(want);
    },
  );

  it("a load into $zero completes without writing it", () => {
    const h = makeVm({
      code: bytes(`li.d $t0, ${DEV}\nld.w $zero, $t0, 0\nli.d $a0, 7\nidle 0`),
      devices: [patternDevice()],
    });
    expect(h.runUntilExit().kind).toBe("Halt");
    expect(h.vcpu().gpr(0)).toBe(0n);
    expect(h.vcpu().gpr(4)).toBe(7n);
  });

  it("stores of every width give MmioWrite with the value truncated to the width", () => {
    const src = [
      `li.d $t0, ${DEV}`,
      "li.d $t1, 0x18",
      `li.d $a0, ${PATTERN}`,
      "st.b $a0, $t0, 1",
      "st.h $a0, $t0, 2",
      "st.w $a0, $t0, 4",
      "st.d $a0, $t0, 8",
      "stx.w $a0, $t0, $t1",
      "stptr.d $a0, $t0, 32",
      "idle 0",
    ].join("\n");
    const { vcpu } = bare(src);
    const exits: AxVCpuExitReason[] = [];
    for (;;) {
      const e = vcpu.run();
      if (e.kind === "Halt") break;
      exits.push(e);
    }
    expect(exits).toEqual([
      { kind: "MmioWrite", addr: gpa(DEV + 1n), width: AccessWidth.Byte, data: 0x87n },
      { kind: "MmioWrite", addr: gpa(DEV + 2n), width: AccessWidth.Word, data: 0x9687n },
      { kind: "MmioWrite", addr: gpa(DEV + 4n), width: AccessWidth.Dword, data: 0xb4a5_9687n },
      { kind: "MmioWrite", addr: gpa(DEV + 8n), width: AccessWidth.Qword, data: PATTERN },
      { kind: "MmioWrite", addr: gpa(DEV + 0x18n), width: AccessWidth.Dword, data: 0xb4a5_9687n },
      { kind: "MmioWrite", addr: gpa(DEV + 32n), width: AccessWidth.Qword, data: PATTERN },
    ]);
    const writes: bigint[] = [];
    const h = makeVm({ code: bytes(src), devices: [patternDevice((_addr, _width, v) => writes.push(v))] });
    expect(h.runUntilExit().kind).toBe("Halt");
    expect(writes).toEqual([0x87n, 0x9687n, 0xb4a5_9687n, PATTERN, 0xb4a5_9687n, PATTERN]);
  });

  it("a lazy page gives NestedPageFault; AxVM fills it and the access retries", () => {
    const src = "li.d $t0, 0x300008\nli.d $a0, 5\nst.d $a0, $t0, 0\nld.d $a1, $t0, 0\nidle 0";
    const { vcpu, as } = bare(src);
    const exit = vcpu.run();
    expect(exit).toEqual({ kind: "NestedPageFault", addr: gpa(0x300008), accessFlags: MappingFlags.WRITE });
    expect(as.handlePageFault(gpa(0x300008), MappingFlags.WRITE)).toBe(true);
    expect(vcpu.run().kind).toBe("Halt");
    expect(vcpu.gpr(5)).toBe(5n);
    const h = makeVm({ code: bytes("li.d $t0, 0x8000000\nld.d $a0, $t0, 0\nidle 0") });
    expect(h.runUntilExit().kind).toBe("Halt");
    expect(h.vcpu().gpr(4)).toBe(0n);
  });

  it("a store to a read-only page and a fetch from a non-executable one are nested faults", () => {
    const { vcpu, as } = bare("li.d $t0, 0x310000\nst.d $t0, $t0, 0\nidle 0");
    as.mapAlloc(gpa(0x310000), 0x1000, MappingFlags.READ, true);
    expect(vcpu.run()).toEqual({
      kind: "NestedPageFault",
      addr: gpa(0x310000),
      accessFlags: MappingFlags.WRITE,
    });
    const b = bare("li.d $t0, 0x300000\njirl $ra, $t0, 0");
    b.as.handlePageFault(gpa(0x300000), MappingFlags.READ);
    expect(b.vcpu.run()).toEqual({
      kind: "NestedPageFault",
      addr: gpa(0x300000),
      accessFlags: MappingFlags.EXECUTE,
    });
  });

  it("hvcl gives Hypercall with KVM's ABI (nr = a0, args = a1..a6); the result goes to a0", () => {
    const { vcpu } = bare(
      "li.d $a0, 2\nli.d $a1, 11\nli.d $a2, 12\nli.d $a3, 13\nli.d $a4, 14\nli.d $a5, 15\nli.d $a6, 16\nhvcl 0\naddi.d $t0, $a0, 1\nidle 0",
    );
    expect(vcpu.run()).toEqual({ kind: "Hypercall", nr: 2n, args: [11n, 12n, 13n, 14n, 15n, 16n] });
    vcpu.setReturnValue(40n);
    expect(vcpu.run().kind).toBe("Halt");
    expect(vcpu.gpr(12)).toBe(41n);
  });

  it("idle gives Halt with the PC past it", () => {
    const { vcpu } = bare("idle 0\nli.d $a0, 3\nidle 0");
    expect(vcpu.run()).toEqual({ kind: "Halt" });
    expect(vcpu.cpu.pc).toBe(CODE + 4n);
    expect(vcpu.run()).toEqual({ kind: "Halt" });
    expect(vcpu.gpr(4)).toBe(3n);
  });

  it("iocsrrd/iocsrwr give SysRegRead/SysRegWrite with the IOCSR address", () => {
    const src =
      "li.d $a1, 0x20\niocsrrd.w $a0, $a1\niocsrrd.d $a2, $a1\nli.d $a3, -1\niocsrwr.h $a3, $a1\nidle 0";
    const { vcpu } = bare(src);
    expect(vcpu.run()).toEqual({ kind: "SysRegRead", addr: SysRegAddr.new(0x20n), reg: 4 });
    vcpu.setGpr(4, 0x1_8000_0000n);
    expect(vcpu.run()).toEqual({ kind: "SysRegRead", addr: SysRegAddr.new(0x20n), reg: 6 });
    // iocsrrd.w completes sign-extended from 32 bits, as KVM does
    expect(vcpu.gpr(4)).toBe(0xffff_ffff_8000_0000n);
    vcpu.setGpr(6, 0x1_8000_0000n);
    expect(vcpu.run()).toEqual({ kind: "SysRegWrite", addr: SysRegAddr.new(0x20n), value: 0xffffn });
    expect(vcpu.gpr(6)).toBe(0x1_8000_0000n);
    expect(vcpu.run().kind).toBe("Halt");
    // through AxVM and a system-register device
    const seen: bigint[] = [];
    const dev = {
      name: "iocsr",
      emuType: () => 0,
      addressRange: () => new SysRegAddrRange(SysRegAddr.new(0), SysRegAddr.new(0xfff)),
      handleRead: () => 0x1234n,
      handleWrite: (_a: SysRegAddr, _w: AccessWidth, v: bigint) => {
        seen.push(v);
      },
    } as unknown as BaseSysRegDeviceOps;
    const h = makeVm({ code: bytes(src), sysRegDevices: [dev] });
    expect(h.runUntilExit().kind).toBe("Halt");
    expect(h.vcpu().gpr(4)).toBe(0x1234n);
    expect(seen).toEqual([0xffffn]);
  });

  it("returns Nothing at the end of its time slice and counts instructions", () => {
    const { vcpu } = bare("loop: addi.d $a0, $a0, 1\nb loop");
    vcpu.setSliceBudget(1000);
    expect(vcpu.run()).toEqual({ kind: "Nothing" });
    expect(vcpu.instructionsRetired()).toBe(1000);
    expect(vcpu.gpr(4)).toBe(500n);
    expect(vcpu.run()).toEqual({ kind: "Nothing" });
    expect(vcpu.instructionsRetired()).toBe(2000);
  });

  it("flushes its software TLB when the VM unmaps a page", () => {
    const { vcpu, as } = bare("li.d $t0, 0x310000\nloop: ld.d $a0, $t0, 0\nidle 0\nb loop");
    as.mapAlloc(gpa(0x310000), 0x1000, RW, true);
    as.translatedByteBuffer(gpa(0x310000), 8)![0]!.set([42]);
    expect(vcpu.run().kind).toBe("Halt");
    expect(vcpu.gpr(4)).toBe(42n);
    as.unmap(gpa(0x310000), 0x1000);
    const exit = vcpu.run();
    expect(exit.kind).toBe("MmioRead");
    if (exit.kind === "MmioRead") expect(exit.addr.value).toBe(0x310000n);
  });

  it("does not flush its TLB for the fault-in of a lazy page, but does for other changes", () => {
    const { vcpu, as } = bare("li.d $t0, 0x300000\nloop: ld.d $a0, $t0, 0\nidle 0\nb loop");
    const flush = vi.spyOn(vcpu.cpu, "flushTlb");
    expect(vcpu.run().kind).toBe("NestedPageFault");
    flush.mockClear();
    as.handlePageFault(gpa(0x300000), MappingFlags.READ);
    expect(vcpu.run().kind).toBe("Halt");
    expect(flush).not.toHaveBeenCalled();
    as.protect(gpa(0x300000), 0x1000, MappingFlags.WRITE);
    expect(vcpu.run().kind).toBe("NestedPageFault");
    expect(flush).toHaveBeenCalled();
  });

  it("walks 3-level tables too", () => {
    const { vcpu } = bare("li.d $a0, 9\nidle 0", 3);
    expect(vcpu.run().kind).toBe("Halt");
    expect(vcpu.gpr(4)).toBe(9n);
  });

  it("reports a device-only address as MMIO when there is no address space to ask", () => {
    const hal = new HostPhysMemory();
    const as = AddrSpace.newEmpty({ levels: 4, base: gpa(0), size: 1n << 32n, hal, arch: "loongarch64" });
    as.mapAlloc(gpa(CODE), 0x1000, RWX, true);
    as.mapAlloc(gpa(CODE + 0x1000n), 0x1000, RW, false);
    const code = bytes(`li.d $t0, ${CODE + 0x1000n}\nld.d $a0, $t0, 0\nli.d $t0, ${DEV}\nld.d $a0, $t0, 0`);
    as.translatedByteBuffer(gpa(CODE), code.length)![0]!.set(code);
    const vcpu = new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal });
    vcpu.setEntry(gpa(CODE));
    vcpu.setEptRoot(as.pageTableRoot());
    vcpu.setup({ passthroughInterrupt: false, passthroughTimer: false });
    expect(vcpu.run().kind).toBe("NestedPageFault");
    as.handlePageFault(gpa(CODE + 0x1000n), MappingFlags.READ);
    const exit = vcpu.run();
    expect(exit.kind).toBe("MmioRead");
  });
});

describe("LoongArchVCpu guest exceptions, CSRs and interrupts", () => {
  const handler = (body: string) =>
    [
      "li.d $t0, 0x201000",
      "csrwr $t0, 0xc", // EENTRY
      body,
      "idle 0",
      "@@",
      "csrrd $a0, 0x5", // ESTAT
      "csrrd $a1, 0x6", // ERA
      "csrrd $a2, 0x7", // BADV
      "csrrd $a3, 0x1", // PRMD
      "csrwr $zero, 0x4", // ECFG.LIE = 0, so that idle halts with the interrupt still pending
      "idle 0",
    ].join("\n");

  it("delivers break to EENTRY with ESTAT, ERA and PRMD set", () => {
    const { vcpu } = bare(handler("break 5"));
    expect(vcpu.run().kind).toBe("Halt");
    expect((vcpu.gpr(4) >> 16n) & 0x3fn).toBe(BigInt(Ecode.BRK));
    const era = vcpu.gpr(5);
    const word = new DataView(vcpu.cpu.readMemory(era, 4)!.buffer).getUint32(0, true);
    expect(word).toBe(assemble("break 5")[0]);
  });

  it("a privileged instruction at PLV3 raises IPE inside the guest", () => {
    const { vcpu } = bare(handler("li.d $t1, 0xab\ncsrwr $t1, 0x0\ncsrrd $t2, 0x5"));
    expect(vcpu.run().kind).toBe("Halt");
    expect((vcpu.gpr(4) >> 16n) & 0x3fn).toBe(BigInt(Ecode.IPE));
    expect(vcpu.gpr(7) & 3n).toBe(3n); // PRMD.PPLV
    expect(vcpu.csrs.read(Csr.CRMD) & 3n).toBe(0n);
  });

  it("an access outside the DMW windows in mapped mode takes the TLB refill vector", () => {
    const src = [
      "li.d $t0, 0x201000",
      "csrwr $t0, 0x88", // TLBRENTRY
      "li.d $t0, 0x9000000000000011",
      "csrwr $t0, 0x181", // DMW1: cached window 0x9000...
      "li.d $t0, 0x9000000000000000",
      "la.pcrel $t1, mapped",
      "or $t1, $t1, $t0",
      "jirl $zero, $t1, 0",
      "mapped:",
      "li.d $t0, 0xb0", // DA=0, PG=1
      "csrwr $t0, 0x0",
      "li.d $t2, 0x9000000000300000",
      "li.d $a4, 77",
      "st.d $a4, $t2, 0", // through DMW1 to lazy RAM
      "ld.d $a5, $t2, 0",
      "li.d $t3, 0x1234000",
      "ld.d $a6, $t3, 0", // not in any window: TLB refill
      "idle 0",
      "@@",
      "csrrd $a0, 0x89", // TLBRBADV
      "csrrd $a1, 0x0", // CRMD in the refill handler
      "idle 0",
    ].join("\n");
    const { vcpu, as } = bare(src);
    let exit = vcpu.run();
    while (exit.kind === "NestedPageFault") {
      as.handlePageFault(exit.addr, exit.accessFlags);
      exit = vcpu.run();
    }
    expect(exit.kind).toBe("Halt");
    expect(vcpu.gpr(9)).toBe(77n);
    expect(vcpu.gpr(4)).toBe(0x1234000n);
    expect(vcpu.gpr(5) & 0x1fn).toBe(0x8n); // PLV0, DA=1, PG=0
  });

  it("takes an injected interrupt when CRMD.IE and ECFG.LIE allow it", () => {
    const src = handler("li.d $t1, 0x4\ncsrwr $t1, 0x4\nli.d $t1, 0x4\ncsrxchg $t1, $t1, 0x0\nidle 0");
    const { vcpu } = bare(src);
    expect(vcpu.run().kind).toBe("Halt");
    expect(vcpu.hasPendingInterrupt()).toBe(false);
    vcpu.injectInterrupt(2);
    expect(vcpu.hasPendingInterrupt()).toBe(true);
    expect(vcpu.run().kind).toBe("Halt");
    const estat = vcpu.gpr(4);
    expect(estat & 0x1fffn).toBe(4n);
    expect((estat >> 16n) & 0x3fn).toBe(0n);
    vcpu.clearInterrupt(2);
    vcpu.injectInterrupt(40);
    expect(vcpu.pendingLines()).toEqual([40]);
  });

  it("takes a software interrupt right after the CSR write that makes it pending", () => {
    // LIE = SWI0, IE = 1, then set ESTAT.IS[0]: the next instruction must not run first
    const src = handler(
      "li.d $t1, 0x1\ncsrwr $t1, 0x4\nli.d $t1, 0x4\ncsrxchg $t1, $t1, 0x0\nli.d $t1, 1\ncsrxchg $t1, $t1, 0x5\nli.d $a5, 99",
    );
    const { vcpu } = bare(src);
    vcpu.setSliceBudget(1_000_000);
    expect(vcpu.run().kind).toBe("Halt");
    expect(vcpu.gpr(4) & 0x1fffn).toBe(1n);
    expect((vcpu.gpr(4) >> 16n) & 0x3fn).toBe(0n);
    expect(vcpu.gpr(9)).toBe(0n);
  });

  it("idle falls through when an enabled interrupt is already pending, even with IE = 0", () => {
    const { vcpu } = bare(
      "li.d $t1, 0x1\ncsrwr $t1, 0x4\nli.d $t1, 1\ncsrxchg $t1, $t1, 0x5\nidle 0\nli.d $a0, 5\nhvcl 0",
    );
    expect(vcpu.run().kind).toBe("Hypercall");
    expect(vcpu.gpr(4)).toBe(5n);
  });

  it("the timer fires ESTAT.IS[11] after TCFG's initial value in stable-counter ticks", () => {
    const src = handler(
      "li.d $t1, 0x800\ncsrwr $t1, 0x4\nli.d $t1, 0x191\ncsrwr $t1, 0x41\nli.d $t1, 0x4\ncsrxchg $t1, $t1, 0x0\nidle 0",
    );
    const { vcpu } = bare(src);
    expect(vcpu.run().kind).toBe("Halt");
    const delay = vcpu.idleWakeDelay();
    expect(delay).toBeGreaterThan(0);
    expect(delay).toBeLessThanOrEqual(400);
    vcpu.advanceIdle(delay!);
    expect(vcpu.hasPendingInterrupt()).toBe(true);
    expect(vcpu.run().kind).toBe("Halt");
    expect(vcpu.gpr(4) & 0x1fffn).toBe(0x800n);
  });

  it("reads and writes CSRs with masks: csrxchg, read-only fields, unknown CSRs", () => {
    const src = [
      "li.d $a0, -1",
      "csrwr $a0, 0x18", // ASID: only ASID[9:0] writable
      "csrrd $a1, 0x18",
      "li.d $a2, 0xff",
      "li.d $a3, 0x0f",
      "csrxchg $a2, $a3, 0x30", // SAVE0 = (0 & ~0xf) | (0xff & 0xf)
      "csrrd $a4, 0x30",
      "li.d $a5, 5",
      "csrwr $a5, 0x7ff", // unknown: ignored, reads 0
      "csrrd $a6, 0x7ff",
      "cpucfg $a7, $zero",
      "idle 0",
    ].join("\n");
    const { vcpu } = bare(src);
    expect(vcpu.run().kind).toBe("Halt");
    expect(vcpu.gpr(5)).toBe(0xa03ffn);
    expect(vcpu.gpr(6)).toBe(0n); // old SAVE0
    expect(vcpu.gpr(8)).toBe(0xfn);
    expect(vcpu.gpr(9)).toBe(0n);
    expect(vcpu.gpr(10)).toBe(0n);
    expect(vcpu.gpr(11)).toBe(0x14c010n);
  });

  it("throws a clear error when the guest faults inside its own exception vector", () => {
    const { vcpu } = bare(".word 0xffffffff");
    expect(() => vcpu.run()).toThrow(/guest faulted: ECODE=0xd \(INE\), ESUBCODE=0, ERA=0x200000/);
  });

  it("calls the tracer before every instruction", () => {
    const { vcpu } = bare("li.d $a0, 1\naddi.d $a0, $a0, 1\nidle 0");
    const seen: [bigint, number][] = [];
    vcpu.setTracer((pc, word) => seen.push([pc, word]));
    expect(vcpu.run().kind).toBe("Halt");
    expect(seen.map((s) => s[0])).toEqual([CODE, CODE + 4n, CODE + 8n]);
    expect(seen[2]![1]).toBe(assemble("idle 0")[0]);
    vcpu.setTracer(undefined);
    vcpu.dispose();
  });
});

// A guest cannot crash the host: random instruction streams (every table instruction with random
// operand fields, privileged and LVZ ones included, plus raw random words) only ever end run() with a
// VM exit or an AxError, never a host exception such as a TypeError or RangeError.

const word = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: INSNS.length - 1 }), fc.integer()).map(([id, r]) => {
    const def = INSNS[id]!;
    return (def.match | (r & ~def.mask)) >>> 0;
  }),
  fc.integer().map((r) => r >>> 0),
);

function bootRandom(words: number[], regs: bigint[]) {
  const hal = new HostPhysMemory({ maxBytes: 32n << 20n });
  const as = AddrSpace.newEmpty({ levels: 4, base: gpa(0), size: 1n << 32n, hal, arch: "loongarch64" });
  as.mapAlloc(gpa(0), 0x40_0000, RWX, false);
  const code = new Uint8Array(new Uint32Array(words).buffer);
  as.handlePageFault(gpa(0x200000), MappingFlags.READ);
  as.translatedByteBuffer(gpa(0x200000), code.length)![0]!.set(code);
  const vcpu = new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal, addrSpace: as });
  vcpu.setEntry(gpa(0x200000));
  vcpu.setEptRoot(as.pageTableRoot());
  vcpu.setup({ passthroughInterrupt: false, passthroughTimer: false });
  regs.forEach((v, i) => {
    vcpu.setGpr(i + 1, v);
  });
  vcpu.setSliceBudget(500);
  return { as, vcpu };
}

describe("LoongArchVCpu robustness", () => {
  it("random instruction streams end in exits or AxErrors only", () => {
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 48 }),
        fc.array(
          fc.oneof(fc.bigInt({ min: 0n, max: 0x40_0000n }), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n })),
          {
            minLength: 31,
            maxLength: 31,
          },
        ),
        (words, regs) => {
          const { as, vcpu } = bootRandom(words, regs);
          try {
            for (let i = 0; i < 30; i++) {
              const exit = vcpu.run();
              if (exit.kind === "NestedPageFault" && !as.handlePageFault(exit.addr, exit.accessFlags)) return;
              if (exit.kind === "MmioRead" || exit.kind === "SysRegRead") vcpu.setGpr(exit.reg, 0x5an);
              if (exit.kind === "Hypercall") vcpu.setReturnValue(-1n);
              if (exit.kind === "Halt") vcpu.injectInterrupt(11);
            }
          } catch (e) {
            expect(e).toBeInstanceOf(AxError);
          }
        },
      ),
      { numRuns: 300, seed: 20261125 },
    );
  });
});
