/** Builds a QEMU-virt-shaped AxVM on LoongArchVCpu for the vCPU tests. */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type AccessWidth,
  AddrSpace,
  GuestPhysAddr,
  HostPhysMemory,
  MappingFlags,
} from "@axvisor/axaddrspace";
import type { AxVCpuExitReason } from "@axvisor/axvcpu";
import {
  AxVM,
  AxVMConfig,
  type AxVMOptions,
  type BaseMmioDeviceOps,
  type BaseSysRegDeviceOps,
  type Ns16550aOptions,
  QemuGedPowerRegs,
  QemuVirtPm,
} from "@axvisor/axvm";
import { AddrRange } from "@axvisor/memory-addr";
import {
  assemble,
  type CpuTier,
  LoongArchVCpu,
  type LoongArchVCpuCreateConfig,
  type LoongArchVCpuSetupConfig,
  type LoongArchVirtIocsr,
} from "../../src/index.js";

export type LaVm = AxVM<LoongArchVCpuCreateConfig, LoongArchVCpuSetupConfig>;

/** The committed bare-metal guests of the virt board (examples/guests/elf). */
export const GUEST_ELF_DIR: string = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "..",
  "..",
  "examples",
  "guests",
  "elf",
);

/**
 * RAM at 0 (256 MiB window, lazy) and the rest at 0x9000_0000, the UART at 0x1fe001e0, like axvisor's virt
 * board; `cpus` vCPUs that all start at the kernel entry.
 */
export function virtToml(memMiB = 1024, cpus = 1): string {
  const low = Math.min(memMiB, 256);
  const regions = [`  [0x0, 0x${(low << 20).toString(16)}, 0x7, 0],`];
  if (memMiB > 256) regions.push(`  [0x90000000, 0x${((memMiB - 256) * 1024 * 1024).toString(16)}, 0x7, 0],`);
  return [
    "[base]",
    "id = 1",
    'name = "test"',
    "vm_type = 1",
    `cpu_num = ${cpus}`,
    `phys_cpu_ids = [${Array.from({ length: cpus }, (_, i) => i).join(", ")}]`,
    "",
    "[kernel]",
    "entry_point = 0x200000",
    'kernel_path = "kernel.elf"',
    "kernel_load_addr = 0x200000",
    "memory_regions = [",
    ...regions,
    "]",
    "",
    "[devices]",
    'emu_devices = [["uart0", 0x1fe001e0, 0x8, 2, 0x2, []]]',
    "passthrough_devices = []",
    "",
  ].join("\n");
}

export interface Harness {
  readonly vm: LaVm;
  readonly hal: HostPhysMemory;
  readonly uart: number[];
  readonly power: string[];
  /** The arch vCPU 0. */
  vcpu(): LoongArchVCpu;
  /** Runs vCPU 0 until an exit AxVM does not handle and that is not `Nothing`, at most `maxRuns` runs. */
  runUntilExit(maxRuns?: number): AxVCpuExitReason;
  /** The UART transcript as text. */
  text(): string;
}

export interface VmOptions {
  memMiB?: number;
  /** vCPUs (default 1). */
  cpus?: number;
  kernel?: Uint8Array;
  code?: Uint8Array;
  devices?: BaseMmioDeviceOps[];
  sysRegDevices?: BaseSysRegDeviceOps[];
  /** Execution tier of the vCPUs (default: `CPU_TIER`). */
  cpuTier?: CpuTier;
  /** The IOCSR bus every vCPU shares (default: none, so IOCSR accesses exit). */
  iocsr?: LoongArchVirtIocsr;
  /** Console input of the UART. */
  consoleSource?: Ns16550aOptions["source"];
  /** The board's interrupt lines for the emulated devices. */
  interruptLine?: AxVMOptions<LoongArchVCpuCreateConfig, LoongArchVCpuSetupConfig>["interruptLine"];
  /** Whether host memory is a shared WebAssembly memory (default: HostPhysMemory's choice). */
  sharedMemory?: boolean;
}

/**
 * The tier the vCPU tests run on when a test does not choose: `LA_CPU_TIER=jit` runs the whole vCPU
 * suite on the compiler tier (the tests that must cover both tiers loop over `CPU_TIERS` themselves).
 */
export const CPU_TIER: CpuTier = process.env["LA_CPU_TIER"] === "jit" ? "jit" : "interp";
export type { CpuTier };
/** Both execution tiers, for `describe.each`. */
export const CPU_TIERS: readonly CpuTier[] = ["interp", "jit"];

export function makeVm(options: VmOptions = {}): Harness {
  const hal = new HostPhysMemory(options.sharedMemory === undefined ? {} : { shared: options.sharedMemory });
  const uart: number[] = [];
  const power: string[] = [];
  let arch: LoongArchVCpu | undefined;
  const vm: LaVm = new AxVM(AxVMConfig.fromToml(virtToml(options.memMiB ?? 1024, options.cpus ?? 1)), {
    hal,
    arch: class extends LoongArchVCpu {
      constructor(vmId: number, vcpuId: number, config: LoongArchVCpuCreateConfig) {
        super(vmId, vcpuId, config);
        arch = this;
      }
    },
    createConfig: ({ vcpuId }) => ({
      cpuId: vcpuId,
      dtbAddr: 0n,
      hal,
      addrSpace: vm.addressSpace(),
      cpuTier: options.cpuTier ?? CPU_TIER,
      ...(options.iocsr === undefined ? {} : { iocsr: options.iocsr }),
    }),
    setupConfig: () => ({ passthroughInterrupt: false, passthroughTimer: false }),
    nptArch: "loongarch64",
    devices: [
      new QemuGedPowerRegs({ onEvent: (e) => power.push(e) }),
      new QemuVirtPm({ onEvent: (e) => power.push(e) }),
      ...(options.devices ?? []),
    ],
    sysRegDevices: options.sysRegDevices ?? [],
    console: {
      sink: (b) => uart.push(...b),
      ...(options.consoleSource === undefined ? {} : { source: options.consoleSource }),
    },
    ...(options.interruptLine === undefined ? {} : { interruptLine: options.interruptLine }),
  });
  if (options.kernel !== undefined) vm.loadKernel(options.kernel);
  vm.init();
  if (options.code !== undefined) vm.writeGuest(0x200000n, options.code);
  vm.boot();
  return {
    vm,
    hal,
    uart,
    power,
    vcpu: () => arch!,
    runUntilExit(maxRuns = 10_000) {
      for (let i = 0; i < maxRuns; i++) {
        const exit = vm.runVcpu(0);
        if (exit.kind !== "Nothing") return exit;
      }
      throw new Error(`no exit after ${maxRuns} runs`);
    },
    text: () => new TextDecoder().decode(Uint8Array.from(uart)),
  };
}

/** Where {@link bareVcpu} puts the code. */
export const BARE_CODE = 0x200000n;

export interface BareOptions {
  /** Nested page-table levels (default 4). */
  levels?: 3 | 4;
  /** Bytes of RAM mapped (and populated) at {@link BARE_CODE} (default 64 KiB). */
  codeBytes?: number;
  /** Also map 64 KiB of lazily allocated RAM at 0x300000. */
  lazyRam?: boolean;
}

export interface BareVcpu {
  readonly vcpu: LoongArchVCpu;
  readonly hal: HostPhysMemory;
  readonly as: AddrSpace;
  /** Stores a doubleword into guest RAM. */
  poke(addr: bigint, value: bigint): void;
}

/**
 * A lone vCPU on a bare address space (no AxVM, no devices): `src` assembled at {@link BARE_CODE}, each
 * "@@" starting the next 4 KiB page (exception vectors must be page aligned).
 */
export function bareVcpu(src: string, options: BareOptions = {}): BareVcpu {
  const gpa = (v: bigint) => GuestPhysAddr.from(v);
  const hal = new HostPhysMemory({ maxBytes: 64n << 20n });
  const as = AddrSpace.newEmpty({
    levels: options.levels ?? 4,
    base: gpa(0n),
    size: 1n << 32n,
    hal,
    arch: "loongarch64",
  });
  const rwx = MappingFlags.READ | MappingFlags.WRITE | MappingFlags.EXECUTE;
  as.mapAlloc(gpa(BARE_CODE), options.codeBytes ?? 0x10000, rwx, true);
  if (options.lazyRam === true)
    as.mapAlloc(gpa(0x300000n), 0x10000, MappingFlags.READ | MappingFlags.WRITE, false);
  src.split("@@").forEach((part, i) => {
    const code = new Uint8Array(assemble(part).buffer);
    if (code.length === 0) return;
    as.translatedByteBuffer(gpa(BARE_CODE + BigInt(i) * 0x1000n), code.length)![0]!.set(code);
  });
  const vcpu = new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal, addrSpace: as });
  vcpu.setEntry(gpa(BARE_CODE));
  vcpu.setEptRoot(as.pageTableRoot());
  vcpu.setup({ passthroughInterrupt: false, passthroughTimer: false });
  const poke = (addr: bigint, value: bigint): void => {
    const b = as.translatedByteBuffer(gpa(addr), 8)![0]!;
    new DataView(b.buffer, b.byteOffset, 8).setBigUint64(0, value, true);
  };
  return { vcpu, hal, as, poke };
}

/**
 * Runs `vcpu` until a Hypercall exit and returns its number (a0); every other exit must be `Nothing`,
 * except `Halt` when `wakeFromIdle` is set (then the idle time up to the next timer event passes).
 */
export function runToHypercall(vcpu: LoongArchVCpu, wakeFromIdle = false): bigint {
  for (let i = 0; i < 100; i++) {
    const exit = vcpu.run();
    if (exit.kind === "Hypercall") return exit.nr;
    if (exit.kind === "Halt" && wakeFromIdle) {
      vcpu.advanceIdle(vcpu.idleWakeDelay() ?? 1);
      continue;
    }
    if (exit.kind !== "Nothing") throw new Error(`unexpected exit ${exit.kind} before the hypercall`);
  }
  throw new Error("no hypercall");
}

/** Where {@link patternDevice} sits. */
export const DEV = 0x1000_0000n;
/** What {@link patternDevice} answers: every width has its top bit set, so sign and zero extension differ. */
export const PATTERN = 0xf0e1_d2c3_b4a5_9687n;

/** An MMIO device at {@link DEV} (4 KiB) that answers {@link PATTERN} and reports writes to `onWrite`. */
export function patternDevice(
  onWrite: (addr: bigint, width: AccessWidth, value: bigint) => void = () => {},
): BaseMmioDeviceOps {
  return {
    name: "pattern",
    emuType: () => 0,
    addressRange: () => AddrRange.fromStartSize(GuestPhysAddr.from(DEV), 0x1000),
    handleRead: () => PATTERN,
    handleWrite: (addr: GuestPhysAddr, width: AccessWidth, value: bigint) =>
      onWrite(addr.value, width, value),
  } as unknown as BaseMmioDeviceOps;
}
