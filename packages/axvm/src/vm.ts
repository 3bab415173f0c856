import {
  AccessWidth,
  AddrSpace,
  AxError,
  GuestPhysAddr,
  HostPhysAddr,
  MappingFlags,
  type NptArch,
  type PagingHandler,
} from "@axvisor/axaddrspace";
import { type AxArchVCpuConstructor, AxVCpu, type AxVCpuExitReason, VCpuState } from "@axvisor/axvcpu";
import type { AxVMConfig } from "./config.js";
import type { BaseMmioDeviceOps, BasePortDeviceOps, BaseSysRegDeviceOps } from "./device/base-device-ops.js";
import { AxVmDevices } from "./device/devices.js";
import { Ns16550a, type Ns16550aOptions } from "./device/ns16550a.js";
import { type LoadedImage, type LoadImageOptions, loadKernelImage } from "./image/loader.js";
import { extendToRegister, widthMask } from "./internal/width.js";
import { VMStatus } from "./vm-status.js";
import type { EmulatedDeviceConfig } from "./vmconfig/crate-config.js";
import {
  EmulatedDeviceType,
  emulatedDeviceTypeName,
  type VMInterruptMode,
  VmMemMappingType,
} from "./vmconfig/enums.js";

const PAGE = 0x1000n;
const alignDown = (v: bigint): bigint => v & ~(PAGE - 1n);
const alignUp = (v: bigint): bigint => (v + PAGE - 1n) & ~(PAGE - 1n);
const hex = (v: bigint): string => `0x${v.toString(16)}`;

/** A guest memory region set up by the VM (Rust `VMMemoryRegion`). */
export interface VMMemoryRegion {
  /** Guest physical start. */
  readonly gpa: GuestPhysAddr;
  /** Size in bytes. */
  readonly size: bigint;
  /** Mapping flags. */
  readonly flags: MappingFlags;
  /** How it is backed. */
  readonly mapType: VmMemMappingType;
  /** Whether every page got a frame up front (`false`: frames arrive on first touch). */
  readonly populated: boolean;
  /** Whether the VM owns (and frees) its frames; always `true` in the emulator. */
  readonly needsDealloc: boolean;
}

/** A merged passed-through range `[gpa, gpa + size)`. */
export interface PassthroughRegion {
  /** Guest physical start (4K aligned). */
  readonly gpa: GuestPhysAddr;
  /** Size (4K multiple). */
  readonly size: bigint;
}

/** What the VM tells the arch vCPU factory about the vCPU being created. */
export interface VCpuCreateInfo {
  /** The VM id. */
  readonly vmId: number;
  /** The vCPU id. */
  readonly vcpuId: number;
  /** The physical CPU id from the config (`phys_cpu_ids`, default the vCPU id). */
  readonly pcpuId: number;
  /** The affinity mask from the config. */
  readonly physCpuSet: bigint | undefined;
}

/** What the VM tells the setup-config factory. */
export interface VCpuSetupInfo {
  /** The VM id. */
  readonly vmId: number;
  /** The vCPU id. */
  readonly vcpuId: number;
  /** The configured interrupt mode. */
  readonly interruptMode: VMInterruptMode;
}

/** Everything a VM needs from its host, injected (the VM never imports an architecture). */
export interface AxVMOptions<C, S> {
  /** Host physical memory / frame allocator that backs guest RAM and the nested page table. */
  readonly hal: PagingHandler;
  /** The architecture vCPU class. */
  readonly arch: AxArchVCpuConstructor<C, S>;
  /** Builds each vCPU's create configuration. */
  readonly createConfig: (info: VCpuCreateInfo) => C;
  /** Builds each vCPU's setup configuration. */
  readonly setupConfig: (info: VCpuSetupInfo) => S;
  /** Nested page-table format (e.g. `"loongarch64"`). */
  readonly nptArch: NptArch;
  /** Nested page-table levels (default 4, as Rust `AxVM::new`). */
  readonly nptLevels?: 3 | 4;
  /** Guest-physical space managed (default `[0, 0x7fff_ffff_f000)`, as Rust). */
  readonly gpaSpace?: {
    /** Lowest guest physical address. */
    readonly base: bigint;
    /** Size in bytes. */
    readonly size: bigint;
  };
  /** Extra MMIO devices (e.g. the board's UART and power registers). */
  readonly devices?: readonly BaseMmioDeviceOps[];
  /** System-register (IOCSR) devices. */
  readonly sysRegDevices?: readonly BaseSysRegDeviceOps[];
  /** Port-I/O devices. */
  readonly portDevices?: readonly BasePortDeviceOps[];
  /**
   * Builds a device for a `[devices].emu_devices` entry; return `undefined` to skip it (with a
   * warning). Default: `Console` becomes an {@link Ns16550a} at `base_gpa` using {@link AxVMOptions.console}
   * and {@link AxVMOptions.interruptLine}; `InterruptController` goes to {@link AxVMOptions.interruptController},
   * `Dummy` to {@link AxVMOptions.metaDevice}; other types are skipped.
   */
  readonly emuDeviceFactory?: (config: EmulatedDeviceConfig) => BaseMmioDeviceOps | undefined;
  /** Sink, source and interrupt line of the default `Console` UARTs. */
  readonly console?: Omit<Ns16550aOptions, "base" | "name">;
  /**
   * The board's interrupt controller input for an emulated device: given an `emu_devices` entry,
   * the function that drives its `irq_id` line (or `undefined`: not connected). The default
   * `Console` UARTs get it as their interrupt line (instead of `console.irq`), reporting every
   * re-evaluation of the line as QEMU's devices do (`Ns16550aOptions.irqUpdates`).
   */
  readonly interruptLine?: (config: EmulatedDeviceConfig) => ((level: boolean) => void) | undefined;
  /**
   * Builds the device for an `InterruptController` (0x1) `emu_devices` entry, e.g. the board's
   * interrupt controller placed at the entry's `base_gpa`; `undefined` skips it with a warning
   * (the default for such entries).
   */
  readonly interruptController?: (config: EmulatedDeviceConfig) => BaseMmioDeviceOps | undefined;
  /**
   * Builds the device for a `Dummy` (0x0, "meta device") `emu_devices` entry: axvmconfig leaves the
   * objects of its special types to the hypervisor, and a VMM uses it for board registers such as the
   * power-off register; `undefined` skips the entry with a warning (the default).
   */
  readonly metaDevice?: (config: EmulatedDeviceConfig) => BaseMmioDeviceOps | undefined;
  /** Give `MapAlloc` regions every frame up front (default `false`: frames on first touch). */
  readonly populateRam?: boolean;
  /**
   * Identity-map passed-through ranges with DEVICE flags, as Rust does on real hardware (default
   * `false`: an emulated host has no devices behind those host addresses, so the ranges stay
   * unmapped and accesses reach the emulated devices as MMIO exits).
   */
  readonly mapPassthrough?: boolean;
  /** Whether "hardware virtualisation" is available (default `true`); `boot` needs it. */
  readonly hasHardwareSupport?: () => boolean;
}

/**
 * A virtual machine (Rust `axvm::AxVM`): its config, nested address space, vCPUs and emulated
 * devices, the lifecycle `new → init → boot → shutdown`, and {@link AxVM.runVcpu}, which runs a
 * vCPU and handles MMIO, system-register, port and lazy-page-fault exits itself.
 *
 * It also implements `GuestImageTarget`, so images load straight into it.
 *
 * @typeParam C - the architecture's vCPU create configuration.
 * @typeParam S - the architecture's vCPU setup configuration.
 * @example
 * ```ts
 * import { HostPhysMemory } from "@axvisor/axaddrspace";
 * import type { AxArchVCpuConstructor } from "@axvisor/axvcpu";
 * import { AxVM, AxVMConfig } from "@axvisor/axvm";
 * declare const toml: string;
 * declare const LoongArchVCpu: AxArchVCpuConstructor<{ cpuId: number }, void>;
 * const vm = new AxVM(AxVMConfig.fromToml(toml), {
 *   hal: new HostPhysMemory(),
 *   arch: LoongArchVCpu,
 *   createConfig: ({ vcpuId }) => ({ cpuId: vcpuId }),
 *   setupConfig: () => undefined,
 *   nptArch: "loongarch64",
 * });
 * vm.init();
 * vm.boot();
 * const exit = vm.runVcpu(0);
 * vm.destroy();
 * ```
 */
export class AxVM<C = unknown, S = unknown> {
  readonly #config: AxVMConfig;
  readonly #opts: AxVMOptions<C, S>;
  readonly #as: AddrSpace;
  readonly #devices = new AxVmDevices();
  readonly #warnings: string[];
  #status: VMStatus = VMStatus.Loading;
  #vcpus: AxVCpu<C, S>[] | undefined;
  #regions: VMMemoryRegion[] | undefined;
  #passthrough: PassthroughRegion[] = [];
  #destroyed = false;

  /**
   * Creates the VM with an empty nested address space, status `Loading`, no vCPUs yet (Rust `AxVM::new`).
   *
   * @param config - the VM config.
   * @param options - injected host services and architecture.
   * @throws {AxError} `NoMemory` when the root page table cannot be allocated; `InvalidInput` for bad levels.
   */
  constructor(config: AxVMConfig, options: AxVMOptions<C, S>) {
    this.#config = config;
    this.#opts = options;
    this.#warnings = [...config.warnings];
    const space = options.gpaSpace ?? { base: 0n, size: 0x7fff_ffff_f000n };
    this.#as = AddrSpace.newEmpty({
      levels: options.nptLevels ?? 4,
      base: GuestPhysAddr.from(space.base),
      size: space.size,
      hal: options.hal,
      arch: options.nptArch,
    });
  }

  /**
   * The VM id.
   *
   * @returns the id from the config.
   */
  id(): number {
    return this.#config.id;
  }

  /**
   * The VM config (Rust `with_config`).
   *
   * @returns the config object (its `cpuConfig` is mutable).
   */
  config(): AxVMConfig {
    return this.#config;
  }

  /**
   * Problems noticed while configuring (unknown vm_type, skipped emulated devices, ...).
   *
   * @returns the warnings so far.
   */
  warnings(): readonly string[] {
    return this.#warnings;
  }

  /**
   * The nested address space (for tools and tests).
   *
   * @returns the address space.
   */
  addressSpace(): AddrSpace {
    return this.#as;
  }

  /**
   * The root of the nested page table (Rust `ept_root`).
   *
   * @returns its host physical address.
   */
  eptRoot(): HostPhysAddr {
    return this.#as.pageTableRoot();
  }

  /**
   * The emulated devices (Rust `get_devices`).
   *
   * @returns the device map.
   */
  getDevices(): AxVmDevices {
    return this.#devices;
  }

  /**
   * vCPU placement from the config.
   *
   * @returns `[vcpuId, mask, pcpuId]` per vCPU.
   */
  getVcpuAffinitiesPcpuIds(): ReturnType<AxVMConfig["physCpuLs"]["getVcpuAffinitiesPcpuIds"]> {
    return this.#config.physCpuLs.getVcpuAffinitiesPcpuIds();
  }

  /**
   * The memory regions mapped so far.
   *
   * @returns the regions (empty before {@link AxVM.allocMemoryRegions} / {@link AxVM.init}).
   */
  memoryRegions(): readonly VMMemoryRegion[] {
    return this.#regions ?? [];
  }

  /**
   * The merged passed-through ranges computed by {@link AxVM.init}.
   *
   * @returns the ranges, sorted.
   */
  passthroughRegions(): readonly PassthroughRegion[] {
    return this.#passthrough;
  }

  /**
   * The current status.
   *
   * @returns the status.
   */
  vmStatus(): VMStatus {
    return this.#status;
  }

  /**
   * Sets the status (used by the VMM, e.g. `Loaded` after loading, `Stopped` when the last vCPU exits).
   *
   * @param status - the new status.
   */
  setVmStatus(status: VMStatus): void {
    this.#status = status;
  }

  /**
   * Whether the VM is running.
   *
   * @returns status is `Running`.
   */
  running(): boolean {
    return this.#status === VMStatus.Running;
  }

  /**
   * Whether the VM is stopping.
   *
   * @returns status is `Stopping`.
   */
  stopping(): boolean {
    return this.#status === VMStatus.Stopping;
  }

  /**
   * Whether the VM is suspended.
   *
   * @returns status is `Suspended`.
   */
  suspending(): boolean {
    return this.#status === VMStatus.Suspended;
  }

  /**
   * Whether the VM is stopped.
   *
   * @returns status is `Stopped`.
   */
  stopped(): boolean {
    return this.#status === VMStatus.Stopped;
  }

  /**
   * The vCPU with this id.
   *
   * @param vcpuId - the id.
   * @returns the vCPU, or `undefined` (unknown id, or before `init`).
   */
  vcpu(vcpuId: number): AxVCpu<C, S> | undefined {
    return this.#vcpus?.[vcpuId];
  }

  /**
   * Number of vCPUs (from the config, also before `init`).
   *
   * @returns the count.
   */
  vcpuNum(): number {
    return this.#config.physCpuLs.cpuNum;
  }

  /**
   * All vCPUs.
   *
   * @returns the vCPUs in id order.
   * @throws {AxError} `BadState` before `init` (Rust panics).
   */
  vcpuList(): readonly AxVCpu<C, S>[] {
    if (this.#vcpus === undefined) throw new AxError("BadState", `VM ${this.id()}: vCPUs not initialized`);
    return this.#vcpus;
  }

  /**
   * Maps the config's memory regions (done by {@link AxVM.init} if not called before; call it
   * first to load images before `init`). `MapAlloc` regions get frames on first touch unless
   * `populateRam`; `MapIdentical` and `MapReserved` regions get every frame up front (an emulated
   * host has no fixed host memory at guest-chosen addresses).
   *
   * @throws {AxError} `InvalidInput` for an empty or unaligned region (naming it); mapping errors
   *   (`AlreadyExists` on overlap, `NoMemory`); `BadState` when already done.
   */
  allocMemoryRegions(): void {
    this.#alive();
    if (this.#regions !== undefined)
      throw new AxError("BadState", `VM ${this.id()}: memory regions already mapped`);
    const regions: VMMemoryRegion[] = [];
    this.#config.memoryRegions.forEach((r, i) => {
      const where = `kernel.memory_regions[${i}]`;
      if (r.size === 0n) throw new AxError("InvalidInput", `${where}: size is 0`);
      if ((r.gpa | r.size) & (PAGE - 1n)) {
        throw new AxError(
          "InvalidInput",
          `${where}: gpa ${hex(r.gpa)} and size ${hex(r.size)} must be 4K aligned`,
        );
      }
      if (r.flags > 0x3fn)
        throw new AxError("InvalidInput", `${where}: flags ${hex(r.flags)} has unknown bits`);
      const populated = r.mapType !== VmMemMappingType.MapAlloc || (this.#opts.populateRam ?? false);
      const gpa = GuestPhysAddr.from(r.gpa);
      try {
        this.#as.mapAlloc(gpa, r.size, Number(r.flags), populated);
      } catch (e) {
        const code = e instanceof AxError ? e.code : "BadState";
        throw new AxError(
          code,
          `${where}: cannot map [${hex(r.gpa)}, ${hex(r.gpa + r.size)}): ${(e as Error).message}`,
          {
            cause: e,
          },
        );
      }
      regions.push({
        gpa,
        size: r.size,
        flags: Number(r.flags),
        mapType: r.mapType,
        populated,
        needsDealloc: true,
      });
    });
    this.#regions = regions;
  }

  /**
   * Initialises the VM (Rust `init`): maps memory if not yet done, creates one vCPU per config
   * entry, merges the passed-through ranges, builds the emulated devices and sets up every vCPU
   * (vCPU 0 at the BSP entry, the others at the AP entry, all with the nested page-table root).
   *
   * @throws {AxError} `BadState` when called twice; any mapping, device or architecture error.
   */
  init(): void {
    this.#alive();
    if (this.#vcpus !== undefined) throw new AxError("BadState", `VM ${this.id()}: already initialized`);
    if (this.#regions === undefined) this.allocMemoryRegions();
    const vmId = this.id();
    const vcpus = this.getVcpuAffinitiesPcpuIds().map(
      ([vcpuId, physCpuSet, pcpuId]) =>
        new AxVCpu<C, S>(
          this.#opts.arch,
          vmId,
          vcpuId,
          pcpuId,
          physCpuSet,
          this.#opts.createConfig({ vmId, vcpuId, pcpuId, physCpuSet }),
        ),
    );
    this.#initPassthrough();
    this.#initDevices();
    const root = this.eptRoot();
    for (const vcpu of vcpus) {
      const entry = vcpu.isBsp() ? this.#config.cpuConfig.bspEntry : this.#config.cpuConfig.apEntry;
      vcpu.setup(
        entry,
        root,
        this.#opts.setupConfig({ vmId, vcpuId: vcpu.id(), interruptMode: this.#config.interruptMode }),
      );
    }
    this.#vcpus = vcpus;
  }

  #initPassthrough(): void {
    const ranges: [bigint, bigint][] = [];
    for (const d of this.#config.passThroughDevices()) {
      if (d.length > 0n) ranges.push([alignDown(d.baseGpa), alignUp(d.baseGpa + d.length)]);
    }
    for (const a of this.#config.passThroughAddresses) {
      if (a.length > 0n) ranges.push([alignDown(a.baseGpa), alignUp(a.baseGpa + a.length)]);
    }
    ranges.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    const merged: [bigint, bigint][] = [];
    for (const r of ranges) {
      const last = merged.at(-1);
      // Overlapping or adjacent ranges become one.
      if (last === undefined || r[0] > last[1]) merged.push([r[0], r[1]]);
      else if (r[1] > last[1]) last[1] = r[1];
    }
    this.#passthrough = merged.map(([lo, hi]) => ({ gpa: GuestPhysAddr.from(lo), size: hi - lo }));
    if (this.#opts.mapPassthrough) {
      const flags = MappingFlags.DEVICE | MappingFlags.READ | MappingFlags.WRITE | MappingFlags.USER;
      for (const p of this.#passthrough)
        this.#as.mapLinear(p.gpa, HostPhysAddr.from(p.gpa.value), p.size, flags);
    }
  }

  #initDevices(): void {
    for (const d of this.#opts.devices ?? []) this.#devices.addMmioDev(d);
    for (const d of this.#opts.sysRegDevices ?? []) this.#devices.addSysRegDev(d);
    for (const d of this.#opts.portDevices ?? []) this.#devices.addPortDev(d);
    const factory = this.#opts.emuDeviceFactory ?? ((c) => this.#defaultEmuDevice(c));
    this.#config.emuDevices.forEach((c, i) => {
      const dev = factory(c);
      if (dev === undefined) {
        this.#warnings.push(
          `devices.emu_devices[${i}] "${c.name}": ${emulatedDeviceTypeName(c.emuType)} (0x${c.emuType.toString(16)}) is not emulated; skipped`,
        );
      } else this.#devices.addMmioDev(dev);
    });
  }

  #defaultEmuDevice(c: EmulatedDeviceConfig): BaseMmioDeviceOps | undefined {
    if (c.emuType === EmulatedDeviceType.InterruptController) return this.#opts.interruptController?.(c);
    if (c.emuType === EmulatedDeviceType.Dummy) return this.#opts.metaDevice?.(c);
    if (c.emuType !== EmulatedDeviceType.Console) return undefined;
    const line = this.#opts.interruptLine?.(c);
    const irq = line === undefined ? {} : { irq: line, irqUpdates: true };
    return new Ns16550a({ ...this.#opts.console, ...irq, base: c.baseGpa, name: c.name });
  }

  /**
   * Delivers console input without waiting for the guest to poll: every NS16550A of the VM asks its
   * source ({@link Ns16550a.pollInput}) and raises its receive interrupt if enabled. A VMM calls this
   * between time slices so that interrupt-driven guests, idle until input arrives, see it.
   *
   * @returns `true` when some source supplied bytes.
   */
  pollConsoleInput(): boolean {
    let got = false;
    for (const d of this.#devices.mmioDevices()) if (d instanceof Ns16550a && d.pollInput()) got = true;
    return got;
  }

  /**
   * Boots the VM: status becomes `Running` (vCPUs are run by the caller, as axvisor's vCPU tasks do).
   *
   * @throws {AxError} `Unsupported` without hardware support; `BadState` when already running or not initialised.
   */
  boot(): void {
    this.#alive();
    if (!(this.#opts.hasHardwareSupport?.() ?? true)) {
      throw new AxError("Unsupported", "Hardware does not support virtualization");
    }
    if (this.#vcpus === undefined) throw new AxError("BadState", `VM ${this.id()}: boot before init`);
    if (this.running()) throw new AxError("BadState", `VM[${this.id()}] already running`);
    this.#status = VMStatus.Running;
  }

  /**
   * Starts shutting down: status becomes `Stopping`.
   *
   * @throws {AxError} `BadState` when already stopping or stopped.
   */
  shutdown(): void {
    if (this.stopping() || this.stopped()) {
      throw new AxError(
        "BadState",
        `VM[${this.id()}] is already ${this.#status === VMStatus.Stopping ? "stopping" : "stopped"}`,
      );
    }
    this.#status = VMStatus.Stopping;
  }

  /**
   * Runs a vCPU until an exit the VM does not handle itself (Rust `run_vcpu`).
   *
   * Handled internally, then the vCPU is resumed: `MmioRead` (the device value, zero- or
   * sign-extended from `width` to `regWidth` as the exit says, is written to `reg`), `MmioWrite`,
   * `SysRegRead`/`SysRegWrite` (as Qword), `IoRead` (into register 0)/`IoWrite`, and
   * `NestedPageFault` when the address space can resolve it (a lazy page). Every other exit, and a
   * page fault it cannot resolve, is returned. A device may end the run with its own exit
   * (power-off registers return `SystemDown`). The vCPU is bound before and unbound after (also
   * when a device throws, unlike Rust, so the next call can bind again).
   *
   * @param vcpuId - the vCPU to run.
   * @returns the exit the caller must handle.
   * @throws {AxError} `InvalidInput` for an unknown vCPU; `NotFound` for MMIO to no device; any
   *   device or architecture error.
   */
  runVcpu(vcpuId: number): AxVCpuExitReason {
    this.#alive();
    const vcpu = this.vcpu(vcpuId);
    if (vcpu === undefined) throw new AxError("InvalidInput", `VM ${this.id()}: no vCPU ${vcpuId}`);
    const dev = this.#devices;
    vcpu.bind();
    try {
      for (;;) {
        const exit = vcpu.run();
        switch (exit.kind) {
          case "MmioRead": {
            const v = dev.handleMmioRead(exit.addr, exit.width);
            vcpu.setGpr(exit.reg, extendToRegister(v, exit.width, exit.regWidth, exit.signedExt));
            break;
          }
          case "MmioWrite":
            dev.handleMmioWrite(exit.addr, exit.width, exit.data & widthMask(exit.width));
            break;
          case "SysRegRead":
            vcpu.setGpr(exit.reg, dev.handleSysRegRead(exit.addr, AccessWidth.Qword));
            break;
          case "SysRegWrite":
            dev.handleSysRegWrite(exit.addr, AccessWidth.Qword, exit.value);
            break;
          case "IoRead":
            vcpu.setGpr(0, dev.handlePortRead(exit.port, exit.width) & widthMask(exit.width));
            break;
          case "IoWrite":
            dev.handlePortWrite(exit.port, exit.width, exit.data & widthMask(exit.width));
            break;
          case "NestedPageFault":
            if (!this.#as.handlePageFault(exit.addr, exit.accessFlags)) return exit;
            break;
          default:
            return exit;
        }
        const requested = dev.takeExit();
        if (requested !== undefined) return requested;
      }
    } finally {
      if (vcpu.state() === VCpuState.Ready) vcpu.unbind();
    }
  }

  /**
   * Injects an interrupt into vCPUs of this VM (Rust routes through `axvisor_api`; here it goes
   * straight to each target vCPU).
   *
   * @param targets - vCPU ids, or a bitmask of vCPU ids.
   * @param irq - the interrupt vector or line.
   * @throws {AxError} `InvalidInput` for an unknown vCPU; any architecture error.
   */
  injectInterruptToVcpu(targets: Iterable<number> | bigint, irq: number): void {
    const ids: number[] = [];
    if (typeof targets === "bigint") {
      for (let i = 0; i < 64; i++) if ((targets >> BigInt(i)) & 1n) ids.push(i);
    } else ids.push(...targets);
    for (const id of ids) {
      const vcpu = this.vcpu(id);
      if (vcpu === undefined)
        throw new AxError("InvalidInput", `VM ${this.id()}: no vCPU ${id} to inject IRQ ${irq}`);
      vcpu.injectInterrupt(irq);
    }
  }

  /**
   * Maps `[gpa, gpa + size)` to host memory at `hpa` (Rust `map_region`, a `map_linear`).
   *
   * @param gpa - guest physical start.
   * @param hpa - host physical start.
   * @param size - size in bytes (4K multiple).
   * @param flags - mapping flags.
   * @throws {AxError} as `AddrSpace.mapLinear`.
   */
  mapRegion(gpa: GuestPhysAddr, hpa: HostPhysAddr, size: bigint | number, flags: MappingFlags): void {
    this.#alive();
    this.#as.mapLinear(gpa, hpa, size, flags);
  }

  /**
   * Unmaps `[gpa, gpa + size)` (Rust `unmap_region`); frames of allocated areas are freed.
   *
   * @param gpa - guest physical start.
   * @param size - size in bytes (4K multiple).
   * @throws {AxError} as `AddrSpace.unmap`.
   */
  unmapRegion(gpa: GuestPhysAddr, size: bigint | number): void {
    this.#alive();
    this.#as.unmap(gpa, size);
  }

  /**
   * Reads guest memory (pages not yet touched are faulted in, reading zeros).
   *
   * @param gpa - guest physical start.
   * @param length - number of bytes.
   * @returns a copy of the bytes.
   * @throws {AxError} `InvalidInput` when part of the range is not guest memory.
   */
  readFromGuest(gpa: GuestPhysAddr, length: number): Uint8Array {
    const out = new Uint8Array(length);
    this.#forEachChunk(gpa.value, BigInt(length), "read", (chunk, off) => out.set(chunk, off));
    return out;
  }

  /**
   * Writes guest memory (pages not yet touched are faulted in).
   *
   * @param gpa - guest physical start.
   * @param bytes - the data.
   * @throws {AxError} `InvalidInput` when part of the range is not guest memory (earlier pages may be written).
   */
  writeToGuest(gpa: GuestPhysAddr, bytes: Uint8Array): void {
    this.#forEachChunk(gpa.value, BigInt(bytes.length), "write", (chunk, off) =>
      chunk.set(bytes.subarray(off, off + chunk.length)),
    );
  }

  /**
   * `GuestImageTarget`: faults in every page of the range without writing.
   *
   * @param gpa - guest physical start.
   * @param len - length in bytes.
   * @returns `false` when part of the range is not guest memory.
   */
  prepareGuestRange(gpa: bigint, len: bigint): boolean {
    this.#alive();
    if (len === 0n) return true;
    for (let p = alignDown(gpa); p < gpa + len; p += PAGE) if (!this.#ensurePage(p)) return false;
    return true;
  }

  /**
   * `GuestImageTarget`: copies bytes into a prepared range.
   *
   * @param gpa - guest physical start.
   * @param bytes - the data.
   * @throws {AxError} `InvalidInput` when the range is not guest memory.
   */
  writeGuest(gpa: bigint, bytes: Uint8Array): void {
    this.writeToGuest(GuestPhysAddr.from(gpa), bytes);
  }

  /**
   * `GuestImageTarget`: fills a prepared range with a byte.
   *
   * @param gpa - guest physical start.
   * @param len - length in bytes.
   * @param value - the byte.
   * @throws {AxError} `InvalidInput` when the range is not guest memory.
   */
  fillGuest(gpa: bigint, len: bigint, value: number): void {
    this.#forEachChunk(gpa, len, "write", (chunk) => chunk.fill(value));
  }

  /**
   * Loads the kernel into guest memory as QEMU's `-kernel` does (ELF by magic, else raw at the
   * config's `kernel_load_addr`), mapping memory first if needed. An ELF's entry point becomes the
   * BSP entry (also on an already set-up vCPU 0).
   *
   * @param bytes - the image.
   * @param options - name for messages, required machine, ELF physical-address mask.
   * @returns what was loaded.
   * @throws {ImageLoadError} for a bad image or a segment outside guest memory (nothing written).
   */
  loadKernel(bytes: Uint8Array, options: LoadImageOptions = {}): LoadedImage {
    this.#alive();
    if (this.#regions === undefined) this.allocMemoryRegions();
    const loaded = loadKernelImage(this, bytes, this.#config.imageConfig.kernelLoadGpa.value, options);
    if (loaded.format === "elf") this.setBootEntry(GuestPhysAddr.from(loaded.entry));
    return loaded;
  }

  /**
   * Sets the BSP entry point (in the config and on vCPU 0 if it exists).
   *
   * @param entry - the new entry.
   * @throws {AxError} any architecture error from `setEntry`.
   */
  setBootEntry(entry: GuestPhysAddr): void {
    this.#config.cpuConfig.bspEntry = entry;
    this.#vcpus?.[0]?.setEntry(entry);
  }

  /**
   * Releases everything (Rust `Drop`): every region is unmapped and its frames freed, then the
   * nested page table itself; the host frame count returns to what it was before `new`. The VM
   * ends `Stopped` and refuses further use.
   */
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    if (!this.stopped()) this.#status = VMStatus.Stopped;
    this.#as.destroy();
  }

  #alive(): void {
    if (this.#destroyed) throw new AxError("BadState", `VM ${this.id()} has been destroyed`);
  }

  #ensurePage(page: bigint): boolean {
    const gpa = GuestPhysAddr.from(page);
    if (this.#as.translate(gpa) !== undefined) return true;
    return this.#as.handlePageFault(gpa, MappingFlags.READ) && this.#as.translate(gpa) !== undefined;
  }

  #forEachChunk(
    start: bigint,
    len: bigint,
    what: "read" | "write",
    f: (chunk: Uint8Array, offset: number) => void,
  ): void {
    this.#alive();
    let cur = start;
    const end = start + len;
    while (cur < end) {
      const next = alignDown(cur) + PAGE;
      const n = (next < end ? next : end) - cur;
      const bufs = this.#ensurePage(alignDown(cur))
        ? this.#as.translatedByteBuffer(GuestPhysAddr.from(cur), Number(n))
        : undefined;
      const buf = bufs?.[0];
      if (buf === undefined || buf.length < Number(n)) {
        throw new AxError("InvalidInput", `cannot ${what} guest memory at GPA:${hex(cur)}: not mapped`);
      }
      f(buf.subarray(0, Number(n)), Number(cur - start));
      cur += n;
    }
  }
}
