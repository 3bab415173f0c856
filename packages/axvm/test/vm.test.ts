import {
  AccessWidth,
  AxError,
  GuestPhysAddr,
  HostPhysAddr,
  HostPhysMemory,
  MappingFlags,
  Port,
  PortRange,
  SysRegAddr,
  SysRegAddrRange,
} from "@axvisor/axaddrspace";
import { type AxVCpuExitReason, VCpuState } from "@axvisor/axvcpu";
import { AddrRange } from "@axvisor/memory-addr";
import { beforeEach, describe, expect, it } from "vitest";
import {
  AxVM,
  AxVMConfig,
  type AxVMOptions,
  type BaseMmioDeviceOps,
  EM_LOONGARCH,
  EmulatedDeviceType,
  ImageLoadError,
  LoongArchPchPic,
  Ns16550a,
  QEMU_LOONGARCH_PADDR_MASK,
  QemuGedPowerRegs,
  VMStatus,
} from "../src/index.js";
import { LOONGARCH_CONFIG } from "./fixtures/configs.js";
import { buildElf64 } from "./fixtures/elf.js";
import { type ScriptCreate, ScriptedVCpu, type ScriptSetup, type Step } from "./fixtures/scripted-vcpu.js";

const gpa = (v: bigint): GuestPhysAddr => GuestPhysAddr.from(v);
const { Byte, Word, Dword, Qword } = AccessWidth;

/** An MMIO device that returns a fixed value and records writes. */
function probe(base: bigint, value: bigint): BaseMmioDeviceOps & { writes: [bigint, string, bigint][] } {
  const writes: [bigint, string, bigint][] = [];
  return {
    name: "probe",
    writes,
    emuType: () => EmulatedDeviceType.Dummy,
    addressRange: () => AddrRange.fromStartSize(gpa(base), 0x100),
    handleRead: () => value,
    handleWrite: (a, w, v) => {
      writes.push([a.value, w.name, v]);
    },
  };
}

interface Setup {
  vm: AxVM<ScriptCreate, ScriptSetup>;
  hal: HostPhysMemory;
  arch: () => ScriptedVCpu;
  out: number[];
}

function makeVm(
  steps: Step[],
  extra: Partial<AxVMOptions<ScriptCreate, ScriptSetup>> = {},
  toml: string = LOONGARCH_CONFIG,
): Setup {
  const hal = new HostPhysMemory();
  const out: number[] = [];
  const vm = new AxVM(AxVMConfig.fromToml(toml), {
    hal,
    arch: ScriptedVCpu,
    createConfig: () => ({ steps }),
    setupConfig: ({ interruptMode, vcpuId }) => ({ tag: `${interruptMode}/${vcpuId}` }),
    nptArch: "loongarch64",
    console: { sink: (b) => out.push(...b) },
    ...extra,
  });
  return {
    vm,
    hal,
    out,
    arch: () => {
      const a = vm.vcpu(0)?.getArchVcpu();
      if (!(a instanceof ScriptedVCpu)) throw new Error("no vCPU 0");
      return a;
    },
  };
}

function archOf(vm: AxVM<ScriptCreate, ScriptSetup>, id: number): ScriptedVCpu {
  const a = vm.vcpu(id)?.getArchVcpu();
  if (!(a instanceof ScriptedVCpu)) throw new Error(`no vCPU ${id}`);
  return a;
}

beforeEach(() => {
  ScriptedVCpu.instances = [];
});

describe("AxVM lifecycle", () => {
  it("new → init → boot → shutdown, with vCPUs set up from the config", () => {
    const { vm, arch } = makeVm([]);
    expect(vm.vmStatus()).toBe(VMStatus.Loading);
    expect(vm.id()).toBe(1);
    expect(vm.vcpuNum()).toBe(1);
    expect(vm.vcpu(0)).toBeUndefined();
    expect(() => vm.vcpuList()).toThrow(/not initialized/);
    expect(() => vm.boot()).toThrow(/boot before init/);
    vm.init();
    expect(vm.vcpuList()).toHaveLength(1);
    const a = arch();
    expect(a.entry?.toString()).toBe("GPA:0x200000");
    expect(a.eptRoot?.equals(vm.eptRoot())).toBe(true);
    expect(a.setupTag).toBe("passthrough/0");
    expect(vm.vcpu(0)?.state()).toBe(VCpuState.Free);
    expect(() => vm.init()).toThrow(/already initialized/);
    vm.setVmStatus(VMStatus.Loaded);
    vm.boot();
    expect(vm.running()).toBe(true);
    expect(() => vm.boot()).toThrow(/already running/);
    vm.shutdown();
    expect(vm.stopping()).toBe(true);
    expect(() => vm.shutdown()).toThrow(/already stopping/);
    vm.setVmStatus(VMStatus.Stopped);
    expect(vm.stopped()).toBe(true);
    expect(() => vm.shutdown()).toThrow(/already stopped/);
    vm.setVmStatus(VMStatus.Suspended);
    expect(vm.suspending()).toBe(true);
  });

  it("boot needs hardware support", () => {
    const { vm } = makeVm([], { hasHardwareSupport: () => false });
    vm.init();
    let e: unknown;
    try {
      vm.boot();
    } catch (x) {
      e = x;
    }
    expect((e as AxError).code).toBe("Unsupported");
  });

  it("creates one vCPU per config entry with placement and per-vCPU configs", () => {
    const toml = LOONGARCH_CONFIG.replace(
      "cpu_num = 1\nphys_cpu_ids = [0]",
      "cpu_num = 2\nphys_cpu_ids = [4, 6]\nphys_cpu_sets = [1, 2]",
    );
    const infos: unknown[] = [];
    const { vm } = makeVm(
      [],
      {
        createConfig: (info) => {
          infos.push(info);
          return { steps: [] };
        },
      },
      toml,
    );
    vm.config().cpuConfig.apEntry = gpa(0x300000n);
    vm.init();
    expect(infos).toEqual([
      { vmId: 1, vcpuId: 0, pcpuId: 4, physCpuSet: 1n },
      { vmId: 1, vcpuId: 1, pcpuId: 6, physCpuSet: 2n },
    ]);
    expect(vm.vcpu(1)?.favorPhysCpu()).toBe(6);
    expect(vm.vcpu(1)?.physCpuSet()).toBe(2n);
    expect(vm.vcpu(1)?.isBsp()).toBe(false);
    expect(archOf(vm, 1).entry?.value).toBe(0x300000n);
    expect(vm.getVcpuAffinitiesPcpuIds()).toEqual([
      [0, 1n, 4],
      [1, 2n, 6],
    ]);
  });

  it("maps memory regions: MapAlloc lazily, populateRam and MapIdentical eagerly", () => {
    const lazy = makeVm([]);
    lazy.vm.init();
    expect(lazy.vm.memoryRegions()).toEqual([
      { gpa: gpa(0n), size: 0x200_0000n, flags: 7, mapType: 0, populated: false, needsDealloc: true },
    ]);
    // Only page-table frames: 32 MiB of lazy RAM maps 8192 pages without a single data frame.
    expect(lazy.hal.stats.framesInUse).toBeLessThan(32);
    const eager = makeVm(
      [],
      { populateRam: true },
      LOONGARCH_CONFIG.replace("0x200_0000, 0x7, 0", "0x10_0000, 0x7, 0"),
    );
    eager.vm.init();
    expect(eager.hal.stats.framesInUse).toBeGreaterThanOrEqual(256);
    const ident = makeVm(
      [],
      {},
      LOONGARCH_CONFIG.replace(
        "[[0x0, 0x200_0000, 0x7, 0]]",
        "[[0x0, 0x4000, 0x7, 1], [0x8000, 0x1000, 0x3, 2]]",
      ),
    );
    ident.vm.init();
    expect(ident.vm.memoryRegions().map((r) => [r.mapType, r.populated])).toEqual([
      [1, true],
      [2, true],
    ]);
    expect(ident.vm.addressSpace().translate(gpa(0x3000n))).toBeDefined();
  });

  it("rejects bad memory regions, naming them", () => {
    const unaligned = makeVm(
      [],
      {},
      LOONGARCH_CONFIG.replace(
        "[[0x0, 0x200_0000, 0x7, 0]]",
        "[[0x0, 0x1000, 7, 0], [0x1800, 0x1000, 0x7, 0]]",
      ),
    );
    expect(() => unaligned.vm.init()).toThrow(
      "kernel.memory_regions[1]: gpa 0x1800 and size 0x1000 must be 4K aligned",
    );
    const empty = makeVm([], {}, LOONGARCH_CONFIG.replace("0x200_0000, 0x7, 0", "0, 0x7, 0"));
    expect(() => empty.vm.init()).toThrow("kernel.memory_regions[0]: size is 0");
    const overlap = makeVm(
      [],
      {},
      LOONGARCH_CONFIG.replace(
        "[[0x0, 0x200_0000, 0x7, 0]]",
        "[[0x0, 0x2000, 7, 0], [0x1000, 0x1000, 7, 0]]",
      ),
    );
    let e: unknown;
    try {
      overlap.vm.init();
    } catch (x) {
      e = x;
    }
    expect((e as AxError).code).toBe("AlreadyExists");
    expect((e as AxError).message).toMatch(/^kernel\.memory_regions\[1\]: cannot map \[0x1000, 0x2000\)/);
  });

  it("merges passthrough ranges (aligned, overlapping and adjacent) and maps them only when asked", () => {
    const toml = LOONGARCH_CONFIG.replace(
      "passthrough_devices = []",
      'passthrough_devices = [["pic", 0x1000_0000, 0x1000_0000, 0x400, 0], ["dt-only"]]',
    ).replace("[0x1000_0000, 0x400],", "[0x1000_0200, 0x1000], [0x1000_2000, 0x10],");
    const { vm } = makeVm([], {}, toml);
    vm.init();
    expect(vm.passthroughRegions().map((r) => [r.gpa.value, r.size])).toEqual([
      [0x1000_0000n, 0x3000n],
      [0x100d_0000n, 0x1000n],
      [0x100e_0000n, 0x1000n],
      [0x1fe0_0000n, 0x1000n],
    ]);
    expect(vm.addressSpace().translate(gpa(0x1000_0000n))).toBeUndefined();
    const mapped = makeVm([], { mapPassthrough: true }, toml);
    mapped.vm.init();
    expect(mapped.vm.addressSpace().translate(gpa(0x1000_2008n))?.value).toBe(0x1000_2008n);
    const area = mapped.vm.addressSpace().findArea(gpa(0x1fe0_0000n));
    expect(area?.flags()).toBe(
      MappingFlags.DEVICE | MappingFlags.READ | MappingFlags.WRITE | MappingFlags.USER,
    );
  });

  it("builds devices: options.devices plus emu_devices (Console → NS16550A); others skipped with a warning", () => {
    const toml = LOONGARCH_CONFIG.replace(
      'emu_devices = [["uart0", 0x1fe0_01e0, 0x8, 2, 0x2, []]]',
      'emu_devices = [["uart0", 0x1fe0_01e0, 0x8, 2, 0x2, []], ["gicd", 0x0800_0000, 0x1_0000, 0, 0x21, []]]',
    );
    const { vm } = makeVm([], { devices: [new QemuGedPowerRegs()] }, toml);
    vm.init();
    const names = vm
      .getDevices()
      .mmioDevices()
      .map((d) => d.name);
    expect(names).toEqual(["qemu-ged-power", "uart0"]);
    expect(vm.getDevices().findMmioDev(gpa(0x1fe0_01e5n))).toBeInstanceOf(Ns16550a);
    expect(vm.warnings()).toEqual([
      'devices.emu_devices[1] "gicd": gic partial passthrough distributor (0x21) is not emulated; skipped',
    ]);
  });

  it("wires a console's irq_id through interruptLine and builds InterruptController entries", () => {
    const toml = LOONGARCH_CONFIG.replace(
      'emu_devices = [["uart0", 0x1fe0_01e0, 0x8, 2, 0x2, []]]',
      'emu_devices = [["uart0", 0x1fe0_01e0, 0x8, 2, 0x2, []], ["pic", 0x1000_0000, 0x1000, 0, 0x1, []]]',
    );
    const pic = new LoongArchPchPic({ name: "pic" });
    const lines: string[] = [];
    const { vm } = makeVm(
      [],
      {
        interruptLine: (c) => (level) => lines.push(`${c.name}/${c.irqId}=${level}`),
        interruptController: (c) => (c.baseGpa === 0x1000_0000n ? pic : undefined),
      },
      toml,
    );
    vm.init();
    expect(vm.warnings()).toEqual([]);
    expect(vm.getDevices().findMmioDev(gpa(0x1000_0020n))).toBe(pic);
    const dev = vm.getDevices();
    dev.handleMmioWrite(gpa(0x1fe0_01e1n), Byte, 2n); // IER: THR empty
    expect(lines).toEqual(["uart0/2=true"]);
    // every re-evaluation is reported, as QEMU's serial_update_irq does
    dev.handleMmioWrite(gpa(0x1fe0_01e0n), Byte, 0x41n);
    expect(lines).toEqual(["uart0/2=true", "uart0/2=false", "uart0/2=true"]);
  });

  it("pollConsoleInput asks each console's source and raises its receive interrupt", () => {
    const feed: (string | undefined)[] = ["k"];
    const levels: boolean[] = [];
    const { vm } = makeVm([], {
      console: { source: () => feed.shift() },
      interruptLine: () => (l) => levels.push(l),
    });
    vm.init();
    vm.getDevices().handleMmioWrite(gpa(0x1fe0_01e1n), Byte, 1n);
    expect(vm.pollConsoleInput()).toBe(true);
    expect(levels.at(-1)).toBe(true);
    expect(vm.pollConsoleInput()).toBe(false);
    expect(vm.getDevices().handleMmioRead(gpa(0x1fe0_01e0n), Byte)).toBe(0x6bn);
    expect(levels.at(-1)).toBe(false);
  });

  it("refuses overlapping devices at init", () => {
    const { vm } = makeVm([], { devices: [new Ns16550a()] });
    expect(() => vm.init()).toThrow(/overlaps "ns16550a"/);
  });
});

describe("AxVM.runVcpu", () => {
  it("handles MMIO reads of every width with zero/sign extension into the destination register", () => {
    const cases: [AccessWidth, AccessWidth, boolean, bigint, bigint][] = [
      [Byte, Qword, false, 0x80n, 0x80n],
      [Byte, Qword, true, 0x80n, 0xffff_ffff_ffff_ff80n],
      [Byte, Qword, true, 0x7fn, 0x7fn],
      [Word, Qword, false, 0x8001n, 0x8001n],
      [Word, Qword, true, 0x8001n, 0xffff_ffff_ffff_8001n],
      [Dword, Qword, false, 0x8000_0000n, 0x8000_0000n],
      [Dword, Qword, true, 0x8000_0000n, 0xffff_ffff_8000_0000n],
      [Dword, Dword, true, 0x8000_0000n, 0x8000_0000n],
      [Byte, Word, true, 0xf0n, 0xfff0n],
      [Qword, Qword, true, 0xffff_ffff_ffff_fffen, 0xffff_ffff_ffff_fffen],
    ];
    for (const [i, [width, regWidth, signedExt, devValue, expected]] of cases.entries()) {
      // The device returns garbage above the access width; only `width` bytes count.
      const dev = probe(
        0x1800_0000n,
        devValue | (0xabn << BigInt(width.size() * 8 < 64 ? width.size() * 8 : 0)),
      );
      const value = width === Qword ? devValue : devValue | (0xabn << BigInt(width.size() * 8));
      const { vm, arch } = makeVm(
        [
          { kind: "MmioRead", addr: gpa(0x1800_0010n), width, reg: 12, regWidth, signedExt },
          { kind: "Halt" },
        ],
        { devices: [{ ...dev, handleRead: () => value }] },
      );
      vm.init();
      expect(vm.runVcpu(0)).toEqual({ kind: "Halt" });
      expect([i, arch().gprs.get(12)]).toEqual([i, expected]);
    }
  });

  it("forwards MMIO writes masked to the width, system registers as Qword, ports into register 0", () => {
    const dev = probe(0x1800_0000n, 0n);
    const sysLog: string[] = [];
    const portLog: string[] = [];
    const { vm, arch } = makeVm(
      [
        { kind: "MmioWrite", addr: gpa(0x1800_0004n), width: Word, data: 0x1234_5678n },
        { kind: "SysRegRead", addr: SysRegAddr.new(0x420n), reg: 7 },
        { kind: "SysRegWrite", addr: SysRegAddr.new(0x424n), value: 0xdead_beef_0000_0001n },
        { kind: "IoRead", port: Port.new(0x60), width: Byte },
        { kind: "IoWrite", port: Port.new(0x61), width: Byte, data: 0x1ffn },
        { kind: "Hypercall", nr: 1n, args: [1n, 2n, 3n, 4n, 5n, 6n] },
      ],
      {
        devices: [dev],
        sysRegDevices: [
          {
            emuType: () => EmulatedDeviceType.Dummy,
            addressRange: () => SysRegAddrRange.new(SysRegAddr.new(0x400n), SysRegAddr.new(0x4ffn)),
            handleRead: (a, w) => {
              sysLog.push(`r ${a.toHex()} ${w}`);
              return 0x1_0000_0000n + a.addr();
            },
            handleWrite: (a, w, v) => {
              sysLog.push(`w ${a.toHex()} ${w} ${v.toString(16)}`);
            },
          },
        ],
        portDevices: [
          {
            emuType: () => EmulatedDeviceType.Dummy,
            addressRange: () => PortRange.new(Port.new(0x60), Port.new(0x64)),
            handleRead: (p, w) => {
              portLog.push(`r ${p.number()} ${w}`);
              return 0xabcdn;
            },
            handleWrite: (p, w, v) => {
              portLog.push(`w ${p.number()} ${w} ${v}`);
            },
          },
        ],
      },
    );
    vm.init();
    expect(vm.runVcpu(0)).toEqual({ kind: "Hypercall", nr: 1n, args: [1n, 2n, 3n, 4n, 5n, 6n] });
    expect(dev.writes).toEqual([[0x1800_0004n, "Word", 0x5678n]]);
    expect(sysLog).toEqual(["r SysRegAddr(0x420) Qword", "w SysRegAddr(0x424) Qword deadbeef00000001"]);
    expect(arch().gprs.get(7)).toBe(0x1_0000_0420n);
    expect(portLog).toEqual(["r 96 Byte", "w 97 Byte 255"]);
    expect(arch().gprs.get(0)).toBe(0xcdn);
  });

  it("returns every exit it does not handle, unbinding the vCPU each time", () => {
    const returned: AxVCpuExitReason[] = [
      { kind: "Hypercall", nr: 42n, args: [0n, 0n, 0n, 0n, 0n, 0n] },
      { kind: "ExternalInterrupt", vector: 3n },
      { kind: "Halt" },
      { kind: "CpuUp", targetCpu: 1n, entryPoint: gpa(0x200000n), arg: 9n },
      { kind: "CpuDown", state: 0n },
      { kind: "SystemDown" },
      { kind: "Nothing" },
      { kind: "FailEntry", hardwareEntryFailureReason: 7n },
      { kind: "SendIPI", targetCpu: 1n, targetCpuAux: 0n, sendToAll: false, sendToSelf: false, vector: 2n },
    ];
    const { vm, arch } = makeVm([...returned]);
    vm.init();
    for (const exit of returned) {
      expect(vm.runVcpu(0)).toEqual(exit);
      expect(vm.vcpu(0)?.state()).toBe(VCpuState.Free);
      expect(arch().bound).toBe(false);
    }
  });

  it("resolves a lazy page fault itself and returns a fault it cannot resolve", () => {
    const { vm, hal, arch } = makeVm([
      (v) => {
        // The page is not there yet: the guest's first touch faults.
        expect(vm.addressSpace().translate(gpa(0x10_0000n))).toBeUndefined();
        v.log.push(`frames ${hal.stats.framesInUse}`);
        return { kind: "NestedPageFault", addr: gpa(0x10_0123n), accessFlags: MappingFlags.WRITE };
      },
      (v) => {
        v.log.push(`frames ${hal.stats.framesInUse}`);
        return { kind: "NestedPageFault", addr: gpa(0x4000_0000n), accessFlags: MappingFlags.READ };
      },
    ]);
    vm.init();
    const exit = vm.runVcpu(0);
    expect(exit).toEqual({
      kind: "NestedPageFault",
      addr: gpa(0x4000_0000n),
      accessFlags: MappingFlags.READ,
    });
    expect(vm.addressSpace().translate(gpa(0x10_0123n))).toBeDefined();
    const [before, after] = arch()
      .log.filter((l) => l.startsWith("frames"))
      .map((l) => Number(l.split(" ")[1]));
    expect(after).toBe((before as number) + 1);
    expect(arch().runs).toBe(2);
  });

  it("a UART conversation: the guest polls LSR and writes THR; the sink sees the text", () => {
    const uart = 0x1fe0_01e0n;
    const steps: Step[] = [];
    for (const c of "Hi!\n") {
      steps.push({
        kind: "MmioRead",
        addr: gpa(uart + 5n),
        width: Byte,
        reg: 12,
        regWidth: Qword,
        signedExt: false,
      });
      steps.push((v) => {
        expect(v.gprs.get(12)).toBe(0x60n); // THRE | TEMT
        return { kind: "MmioWrite", addr: gpa(uart), width: Byte, data: BigInt(c.charCodeAt(0)) };
      });
    }
    steps.push({ kind: "Halt" });
    const { vm, out } = makeVm(steps);
    vm.init();
    expect(vm.runVcpu(0)).toEqual({ kind: "Halt" });
    expect(String.fromCharCode(...out)).toBe("Hi!\n");
  });

  it("a power-off write ends the run with SystemDown", () => {
    const { vm, arch } = makeVm(
      [{ kind: "MmioWrite", addr: gpa(0x100e_001cn), width: Byte, data: 0x34n }, { kind: "Halt" }],
      { devices: [new QemuGedPowerRegs()] },
    );
    vm.init();
    expect(vm.runVcpu(0)).toEqual({ kind: "SystemDown" });
    expect(arch().runs).toBe(1);
  });

  it("MMIO to no device throws NotFound but leaves the vCPU runnable", () => {
    const { vm } = makeVm([
      { kind: "MmioRead", addr: gpa(0x3000_0000n), width: Dword, reg: 1, regWidth: Qword, signedExt: false },
      { kind: "Halt" },
    ]);
    vm.init();
    let e: unknown;
    try {
      vm.runVcpu(0);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(AxError);
    expect((e as AxError).code).toBe("NotFound");
    expect((e as AxError).message).toBe("no emulated MMIO device at GPA:0x30000000 (read, Dword)");
    expect(vm.vcpu(0)?.state()).toBe(VCpuState.Free);
    expect(vm.runVcpu(0)).toEqual({ kind: "Halt" });
  });

  it("an unknown vCPU is InvalidInput", () => {
    const { vm } = makeVm([]);
    vm.init();
    expect(() => vm.runVcpu(3)).toThrow("VM 1: no vCPU 3");
  });
});

describe("AxVM memory and interrupts", () => {
  it("reads and writes guest memory across pages, faulting in lazy pages", () => {
    const { vm } = makeVm([]);
    vm.init();
    const data = Uint8Array.from({ length: 0x30 }, (_, i) => i + 1);
    vm.writeToGuest(gpa(0x1ff0n), data);
    expect([...vm.readFromGuest(gpa(0x1ff0n), 0x30)]).toEqual([...data]);
    expect([...vm.readFromGuest(gpa(0x5000n), 4)]).toEqual([0, 0, 0, 0]);
    expect(() => vm.readFromGuest(gpa(0x1ff_fffen), 4)).toThrow(
      "cannot read guest memory at GPA:0x2000000: not mapped",
    );
    expect(() => vm.writeToGuest(gpa(0x4000_0000n), Uint8Array.of(1))).toThrow(/cannot write/);
  });

  it("mapRegion / unmapRegion map host frames linearly", () => {
    const { vm, hal } = makeVm([]);
    vm.init();
    const frame = hal.allocFrame();
    if (frame === undefined) throw new Error("no frame");
    hal.bytes(frame, 4).set([9, 8, 7, 6]);
    vm.mapRegion(gpa(0x4000_0000n), frame, 0x1000, MappingFlags.READ | MappingFlags.WRITE);
    expect([...vm.readFromGuest(gpa(0x4000_0000n), 4)]).toEqual([9, 8, 7, 6]);
    vm.unmapRegion(gpa(0x4000_0000n), 0x1000);
    expect(vm.addressSpace().translate(gpa(0x4000_0000n))).toBeUndefined();
    hal.deallocFrame(frame);
  });

  it("injects interrupts by id list or mask", () => {
    const toml = LOONGARCH_CONFIG.replace("cpu_num = 1\nphys_cpu_ids = [0]", "cpu_num = 2");
    const { vm } = makeVm([], {}, toml);
    vm.init();
    vm.injectInterruptToVcpu([1], 5);
    vm.injectInterruptToVcpu(0b11n, 7);
    expect(archOf(vm, 0).irqs).toEqual([7]);
    expect(archOf(vm, 1).irqs).toEqual([5, 7]);
    expect(() => vm.injectInterruptToVcpu([2], 1)).toThrow("VM 1: no vCPU 2 to inject IRQ 1");
  });

  it("loads an ELF kernel into lazy RAM; its entry becomes the BSP entry", () => {
    const { vm, arch } = makeVm([]);
    vm.init();
    const elf = buildElf64({
      entry: 0x9000_0000_0020_0000n,
      segments: [
        { vaddr: 0x9000_0000_0020_0000n, data: Uint8Array.of(0x00, 0x00, 0x40, 0x03) },
        { vaddr: 0x9000_0000_0020_1ff8n, data: Uint8Array.of(1), memsz: 0x20n },
      ],
    });
    const loaded = vm.loadKernel(elf, {
      name: "guest.elf",
      machine: EM_LOONGARCH,
      paddrMask: QEMU_LOONGARCH_PADDR_MASK,
    });
    expect(loaded.entry).toBe(0x9000_0000_0020_0000n);
    expect([...vm.readFromGuest(gpa(0x20_0000n), 4)]).toEqual([0, 0, 0x40, 3]);
    expect([...vm.readFromGuest(gpa(0x20_1ff8n), 3)]).toEqual([1, 0, 0]);
    expect(vm.config().cpuConfig.bspEntry.value).toBe(0x9000_0000_0020_0000n);
    expect(arch().entry?.value).toBe(0x9000_0000_0020_0000n);
  });

  it("loads a raw kernel at kernel_load_addr before init, and rejects images outside RAM without writing", () => {
    const { vm } = makeVm([]);
    const raw = vm.loadKernel(Uint8Array.of(1, 2, 3), { name: "k.bin" });
    expect(raw).toMatchObject({ format: "raw", entry: 0x20_0000n });
    expect(vm.memoryRegions()).toHaveLength(1);
    vm.init();
    expect([...vm.readFromGuest(gpa(0x20_0000n), 3)]).toEqual([1, 2, 3]);
    const elf = buildElf64({
      entry: 0n,
      segments: [
        { vaddr: 0x30_0000n, data: Uint8Array.of(0xaa) },
        { vaddr: 0x1fff_f000n, data: Uint8Array.of(0xbb) },
      ],
    });
    expect(() => vm.loadKernel(elf, { name: "far.elf" })).toThrow(ImageLoadError);
    expect(vm.readFromGuest(gpa(0x30_0000n), 1)[0]).toBe(0);
  });

  it("destroy releases every frame and refuses further use", () => {
    const hal = new HostPhysMemory();
    const baseline = hal.stats.framesInUse;
    const faultThenHalt: Step[] = [
      { kind: "NestedPageFault", addr: gpa(0x8000n), accessFlags: MappingFlags.READ },
      { kind: "Halt" },
    ];
    const vm = new AxVM(AxVMConfig.fromToml(LOONGARCH_CONFIG), {
      hal,
      arch: ScriptedVCpu,
      createConfig: () => ({ steps: faultThenHalt }),
      setupConfig: () => ({ tag: "" }),
      nptArch: "loongarch64",
      mapPassthrough: true,
    });
    vm.init();
    vm.writeToGuest(gpa(0x1f_f000n), new Uint8Array(0x3000).fill(1));
    vm.runVcpu(0);
    const frame = hal.allocFrame();
    if (frame === undefined) throw new Error("no frame");
    vm.mapRegion(gpa(0x5000_0000n), HostPhysAddr.from(frame.value), 0x1000, MappingFlags.READ);
    expect(hal.stats.framesInUse).toBeGreaterThan(baseline + 5);
    vm.destroy();
    hal.deallocFrame(frame);
    expect(hal.stats.framesInUse).toBe(baseline);
    expect(vm.stopped()).toBe(true);
    expect(() => vm.runVcpu(0)).toThrow("VM 1 has been destroyed");
    expect(() => vm.readFromGuest(gpa(0n), 1)).toThrow(/destroyed/);
    vm.destroy();
  });
});
