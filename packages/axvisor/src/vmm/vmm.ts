import { AxError, GuestPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
import { type AxVCpuExitReason, formatExitReason } from "@axvisor/axvcpu";
import {
  AxVM,
  type AxVMConfig,
  type BaseMmioDeviceOps,
  type EmulatedDeviceConfig,
  EmulatedDeviceType,
  type LoadedRange,
  loadCmdline,
  loadRawImage,
  Ns16550a,
  type PowerEvent,
  QemuGedPowerRegs,
  QemuVirtPm,
  VMStatus,
} from "@axvisor/axvm";
import type { ArchBinding, ArchVCpuContext, CpuTier } from "../arch/binding.js";
import { VmmError } from "./error.js";
import { defaultHypercallHandler, type HypercallHandler } from "./hvc.js";
import { type MonitoredVCpu, monitorArch } from "./monitored-vcpu.js";
import { VCpuCounters, type VCpuStats } from "./stats.js";
import { ManagedVm, VCpuTask, type VmState } from "./vm.js";

/**
 * Images of one VM, as bytes (the CLI reads the files; the VMM never touches a file system).
 *
 * @example
 * ```ts
 * import type { VmImages } from "@axvisor/axvisor";
 * const images: VmImages = { kernel: new Uint8Array([0x7f, 0x45, 0x4c, 0x46]), kernelName: "hello.elf" };
 * ```
 */
export interface VmImages {
  /** The kernel: an ELF (loaded by its program headers, entry from `e_entry`) or a raw image (at `kernel_load_addr`). */
  readonly kernel: Uint8Array;
  /** Name for error messages (usually the file name). */
  readonly kernelName?: string;
  /** Raw BIOS image, loaded at `bios_load_addr`. */
  readonly bios?: Uint8Array;
  /** Device-tree blob, loaded at `dtb_load_addr`. */
  readonly dtb?: Uint8Array;
  /** Ramdisk, loaded at `ramdisk_load_addr`. */
  readonly ramdisk?: Uint8Array;
  /** Mask for ELF segment physical addresses, overriding the arch binding's (e.g. QEMU 7.2's `-kernel` mask). */
  readonly paddrMask?: bigint;
}

/**
 * What the VMM reports while it runs (see {@link VmmOptions.onEvent}).
 *
 * - `state`: a VM changed state (`reason` says why it stopped or failed).
 * - `warning`: something the user should know (config warnings, unsupported tracing).
 * - `exit`: a VM exit of a vCPU (only with `traceExits`), including those handled inside `runVcpu`.
 * - `hypercall`: a hypercall and the value returned to the guest.
 * - `instruction`: an executed instruction (only with `traceInstructions` and a vCPU that supports it).
 *
 * @example
 * ```ts
 * import type { VmmEvent } from "@axvisor/axvisor";
 * const show = (e: VmmEvent): string => (e.kind === "state" ? `VM ${e.vmId} is ${e.state}` : e.kind);
 * ```
 */
export type VmmEvent =
  | {
      /** A VM changed state. */
      readonly kind: "state";
      /** The VM. */
      readonly vmId: number;
      /** Its new state. */
      readonly state: VmState;
      /** Why it stopped or failed. */
      readonly reason?: string;
    }
  | {
      /** Something the user should know. */
      readonly kind: "warning";
      /** The VM. */
      readonly vmId: number;
      /** The warning. */
      readonly message: string;
    }
  | {
      /** A VM exit. */
      readonly kind: "exit";
      /** The VM. */
      readonly vmId: number;
      /** The vCPU. */
      readonly vcpuId: number;
      /** The exit. */
      readonly exit: AxVCpuExitReason;
    }
  | {
      /** A hypercall. */
      readonly kind: "hypercall";
      /** The VM. */
      readonly vmId: number;
      /** The vCPU. */
      readonly vcpuId: number;
      /** Hypercall number. */
      readonly nr: bigint;
      /** Its arguments. */
      readonly args: readonly bigint[];
      /** The value returned to the guest. */
      readonly ret: bigint;
    }
  | {
      /** An executed instruction. */
      readonly kind: "instruction";
      /** The VM. */
      readonly vmId: number;
      /** The vCPU. */
      readonly vcpuId: number;
      /** Its guest virtual address. */
      readonly pc: bigint;
      /** The instruction word. */
      readonly word: number;
      /** Its disassembly, when the binding can disassemble. */
      readonly text: string | undefined;
    };

/**
 * Options of {@link Vmm}.
 *
 * @example
 * ```ts
 * import type { VmmOptions, ArchBinding } from "@axvisor/axvisor";
 * declare const arch: ArchBinding;
 * const opts: VmmOptions = { arch, console: (_id, bytes) => console.log(bytes.length), sliceInstructions: 50_000 };
 * ```
 */
export interface VmmOptions {
  /** The architecture: vCPU class, config builders, page-table format. */
  readonly arch: ArchBinding;
  /** Host physical memory shared by all VMs (default: a new `HostPhysMemory`). */
  readonly hal?: HostPhysMemory;
  /** Receives the bytes each VM's console UART transmits. */
  readonly console?: (vmId: number, bytes: Uint8Array) => void;
  /**
   * Supplies a VM's console input: polled at the start of every scheduler round (so an
   * interrupt-driven guest gets its receive interrupt while it idles) and when the guest reads the
   * UART's line status or receive register with nothing received; returns the bytes that arrived,
   * or `undefined`.
   */
  readonly consoleInput?: (vmId: number) => Uint8Array | undefined;
  /** Receives state changes, warnings and (when enabled) traces. */
  readonly onEvent?: (event: VmmEvent) => void;
  /** Report every VM exit as an `exit` event. */
  readonly traceExits?: boolean;
  /** Report every executed instruction as an `instruction` event (needs a vCPU with `setTracer`). */
  readonly traceInstructions?: boolean;
  /** Instructions per time slice (default 100 000): what each runnable vCPU gets per scheduler round. */
  readonly sliceInstructions?: number;
  /** Per-VM instruction limit: a VM that reaches it fails (default: none). */
  readonly maxInstructions?: number;
  /** Serves hypercalls (default {@link defaultHypercallHandler}). */
  readonly hypercall?: HypercallHandler;
  /**
   * Add QEMU virt's power-off registers (ACPI GED at 0x100e001c, virt PM at 0x10080000) to each VM
   * (default `true`). A config can also declare them as meta-device `emu_devices` entries (emu_type
   * 0x0) named `qemu-ged-power` and `qemu-virt-pm`, at any address; declared ones are always present.
   */
  readonly qemuVirtPower?: boolean;
  /** More MMIO devices for a VM. */
  readonly devices?: (vmId: number) => readonly BaseMmioDeviceOps[];
  /** Fill guest RAM at creation instead of on first touch (default `false`). */
  readonly populateRam?: boolean;
  /** Host clock in milliseconds, for statistics (default `performance.now`). */
  readonly now?: () => number;
  /**
   * Execution tier of every vCPU (default `"interp"`): `"jit"` compiles hot guest code to WebAssembly
   * (LoongArch64; same results and instruction counts, much faster on long-running compute code).
   * Tracing instructions runs on the interpreter whatever the tier.
   */
  readonly cpuTier?: CpuTier;
  /**
   * On the `"jit"` tier: instructions a guest code page runs interpreted before it is compiled (default
   * 200 000, which pays back only on long-running code; a few hundred compiles nearly everything, as the
   * tier tests do). Ignored by architectures without a compiler tier.
   */
  readonly jitHotInstructions?: number;
}

/**
 * How {@link Vmm.run} ended.
 *
 * - `done`: no VM is running any more (all stopped, failed or suspended).
 * - `idle`: VMs are running but every vCPU waits for an interrupt that nothing can raise.
 * - `limit`: the caller's round limit or stop condition ended the run first.
 *
 * @example
 * ```ts
 * import type { VmmRunOutcome } from "@axvisor/axvisor";
 * const o: VmmRunOutcome = "done";
 * ```
 */
export type VmmRunOutcome = "done" | "idle" | "limit";

const DEFAULT_SLICE = 100_000;
/** `emu_devices` names (emu_type 0x0) that declare QEMU virt's power registers. */
const QEMU_GED_POWER = "qemu-ged-power";
const QEMU_VIRT_PM = "qemu-virt-pm";
/** Virtual-time ticks per second when the binding does not say (LoongArch's 100 MHz stable counter). */
const DEFAULT_CLOCK_HZ = 100_000_000;

function defaultNow(): () => number {
  const perf = (globalThis as { performance?: { now(): number } }).performance;
  return perf === undefined ? () => Date.now() : () => perf.now();
}

function yieldToHost(): Promise<void> {
  const g = globalThis as unknown as {
    setImmediate?: (f: () => void) => unknown;
    setTimeout: (f: () => void, ms: number) => unknown;
  };
  return new Promise((resolve) =>
    g.setImmediate === undefined ? g.setTimeout(resolve, 0) : g.setImmediate(resolve),
  );
}

function sleepHost(ms: number): Promise<void> {
  const g = globalThis as unknown as { setTimeout: (f: () => void, ms: number) => unknown };
  return new Promise((resolve) => g.setTimeout(resolve, ms));
}

const hex = (v: bigint): string => `0x${v.toString(16)}`;
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * The virtual machine monitor, after axvisor's `vmm`: it creates VMs from configs and images,
 * boots them, and runs all their vCPUs with a cooperative round-robin scheduler (JavaScript has one
 * thread: each round gives every runnable vCPU of every running VM one time slice). After each
 * slice it handles the vCPU's exit as axvisor's `vcpu_run` does:
 *
 * | exit | handling |
 * |---|---|
 * | `Hypercall` | the hypercall handler; its value (or -1 when it throws) goes to the guest's return register |
 * | `FailEntry` | the VM fails |
 * | `ExternalInterrupt`, `Nothing` | nothing (end of slice) |
 * | `Halt` | the vCPU waits for an injected interrupt or its own timer |
 * | `CpuUp` | the vCPU with that physical CPU id starts at `entry` with `arg` in its first argument register; the caller gets 0 |
 * | `CpuDown` | the vCPU stops being scheduled |
 * | `SystemDown` | `vm.shutdown()`; the VM stops |
 * | `SendIPI` | the vector is injected into the target vCPU(s) |
 * | errors, unhandled exits | that VM fails with a reason; the others continue |
 *
 * @example
 * ```ts
 * import { Vmm, type ArchBinding } from "@axvisor/axvisor";
 * import { AxVMConfig } from "@axvisor/axvm";
 * declare const arch: ArchBinding;
 * declare const toml: string;
 * declare const kernel: Uint8Array;
 * const vmm = new Vmm({ arch, console: (_id, bytes) => console.log(String.fromCharCode(...bytes)) });
 * const vm = vmm.createVm(AxVMConfig.fromToml(toml), { kernel });
 * vmm.startVm(vm.id);
 * vmm.run();
 * console.log(vm.state(), vm.reason()); // stopped powered off
 * ```
 */
export class Vmm {
  readonly #opts: VmmOptions;
  readonly #hal: HostPhysMemory;
  readonly #now: () => number;
  readonly #slice: number;
  readonly #vms = new Map<number, ManagedVm>();
  /** Virtual time in instructions: advanced by every slice, and jumped forward when every vCPU idles. */
  #clock = 0;
  /** How far an idle jump may move `#clock` (set while `runAsync` paces idle time to the wall clock). */
  #idleSkipLimit = Number.POSITIVE_INFINITY;

  /**
   * Creates a VMM with no VMs.
   *
   * @param options - Architecture, console, tracing and scheduling options.
   * @throws {RangeError} When `sliceInstructions` or `maxInstructions` is not a positive integer.
   * @example
   * ```ts
   * import { Vmm, type ArchBinding } from "@axvisor/axvisor";
   * declare const arch: ArchBinding;
   * const vmm = new Vmm({ arch });
   * console.log(vmm.vms().length); // 0
   * ```
   */
  constructor(options: VmmOptions) {
    this.#opts = options;
    this.#hal = options.hal ?? new HostPhysMemory();
    this.#now = options.now ?? defaultNow();
    this.#slice = options.sliceInstructions ?? DEFAULT_SLICE;
    if (!Number.isSafeInteger(this.#slice) || this.#slice < 1) {
      throw new RangeError(`sliceInstructions must be a positive integer, got ${this.#slice}`);
    }
    const max = options.maxInstructions;
    if (max !== undefined && (!Number.isSafeInteger(max) || max < 1)) {
      throw new RangeError(`maxInstructions must be a positive integer, got ${max}`);
    }
  }

  /**
   * The architecture binding in use.
   *
   * @returns The binding passed to the constructor.
   * @example
   * ```ts
   * import type { Vmm } from "@axvisor/axvisor";
   * declare const vmm: Vmm;
   * console.log(vmm.arch().name);
   * ```
   */
  arch(): ArchBinding {
    return this.#opts.arch;
  }

  /**
   * Creates a VM (axvisor's `init_guest_vm`): maps its memory regions, loads its images, creates and
   * sets up its vCPUs. The VM is then `loaded`; {@link Vmm.startVm} boots it.
   *
   * @param config - The VM config (`AxVMConfig.fromToml(text)`).
   * @param images - The kernel and optional BIOS, DTB and ramdisk, as bytes.
   * @returns The new VM.
   * @throws {VmmError} `AlreadyExists` when a VM with the config's id exists; `InvalidInput` for an
   * image without a load address in the config.
   * @throws {AxError} From axvm: bad memory regions, a bad or misplaced image (`ImageLoadError` names the field).
   * @example
   * ```ts
   * import type { Vmm } from "@axvisor/axvisor";
   * import { AxVMConfig } from "@axvisor/axvm";
   * declare const vmm: Vmm;
   * declare const toml: string;
   * declare const kernel: Uint8Array;
   * const vm = vmm.createVm(AxVMConfig.fromToml(toml), { kernel, kernelName: "hello.elf" });
   * console.log(vm.state()); // loaded
   * ```
   */
  createVm(config: AxVMConfig, images: VmImages): ManagedVm {
    if (this.#vms.has(config.id)) {
      throw new VmmError(
        "AlreadyExists",
        `a VM with id ${config.id} exists already (${this.#vms.get(config.id)?.name})`,
      );
    }
    const arch = this.#opts.arch;
    const counters = new Map<number, VCpuCounters>();
    const countersOf = (vcpuId: number): VCpuCounters => {
      const found = counters.get(vcpuId);
      if (found !== undefined) return found;
      const c = new VCpuCounters();
      counters.set(vcpuId, c);
      return c;
    };
    const vmId = config.id;
    const traceExits = this.#opts.traceExits ?? false;
    let ctx: ArchVCpuContext | undefined;
    const context = (): ArchVCpuContext => {
      if (ctx === undefined) throw new VmmError("BadState", "vCPU config requested before the VM exists");
      return ctx;
    };
    let managed: ManagedVm | undefined;
    let cmdlineWarning: string | undefined;
    const onPower = (e: PowerEvent): void => {
      if (managed !== undefined) managed.powerEvent = e;
    };
    const devices: BaseMmioDeviceOps[] = [];
    // A config may declare the board's power registers as meta-device entries (by name, at any
    // address); those it leaves out are added at QEMU's addresses unless `qemuVirtPower` is false.
    const declared = new Set(
      config.emuDevices.filter((d) => d.emuType === EmulatedDeviceType.Dummy).map((d) => d.name),
    );
    const metaDevice = (c: EmulatedDeviceConfig): BaseMmioDeviceOps | undefined => {
      if (c.name === QEMU_GED_POWER) return new QemuGedPowerRegs({ base: c.baseGpa, onEvent: onPower });
      if (c.name === QEMU_VIRT_PM) return new QemuVirtPm({ base: c.baseGpa, onEvent: onPower });
      return undefined;
    };
    if (this.#opts.qemuVirtPower ?? true) {
      if (!declared.has(QEMU_GED_POWER)) devices.push(new QemuGedPowerRegs({ onEvent: onPower }));
      if (!declared.has(QEMU_VIRT_PM)) devices.push(new QemuVirtPm({ onEvent: onPower }));
    }
    const board = arch.board?.(config);
    devices.push(...(board?.devices ?? []));
    devices.push(...(this.#opts.devices?.(vmId) ?? []));
    const consoleSink = this.#opts.console;
    const consoleInput = this.#opts.consoleInput;
    const axvm = new AxVM<unknown, unknown>(config, {
      hal: this.#hal,
      arch: monitorArch(arch.vcpu, (vcpuId, exit) => {
        countersOf(vcpuId).countExit(exit.kind);
        if (traceExits) this.#emit({ kind: "exit", vmId, vcpuId, exit });
      }),
      createConfig: (info) => arch.createConfig(info, context()),
      setupConfig: (info) => arch.setupConfig(info, context()),
      nptArch: arch.nptArch,
      ...(arch.nptLevels === undefined ? {} : { nptLevels: arch.nptLevels }),
      devices,
      console: {
        ...(consoleSink === undefined ? {} : { sink: (bytes: Uint8Array) => consoleSink(vmId, bytes) }),
        ...(consoleInput === undefined ? {} : { source: () => consoleInput(vmId) }),
      },
      populateRam: this.#opts.populateRam ?? false,
      metaDevice,
      ...(board?.interruptLine === undefined
        ? {}
        : { interruptLine: (c: EmulatedDeviceConfig) => board.interruptLine?.(c) }),
      ...(board?.interruptController === undefined
        ? {}
        : { interruptController: (c: EmulatedDeviceConfig) => board.interruptController?.(c) }),
    });
    ctx = {
      vm: axvm,
      hal: this.#hal,
      ...(board === undefined ? {} : { board }),
      ...(this.#opts.cpuTier === undefined ? {} : { cpuTier: this.#opts.cpuTier }),
      ...(this.#opts.jitHotInstructions === undefined
        ? {}
        : { jitHotInstructions: this.#opts.jitHotInstructions }),
    };
    try {
      axvm.allocMemoryRegions();
      const loaded = axvm.loadKernel(images.kernel, {
        name: images.kernelName ?? "kernel",
        ...(arch.elfMachine === undefined ? {} : { machine: arch.elfMachine }),
        ...((images.paddrMask ?? arch.paddrMask) === undefined
          ? {}
          : { paddrMask: images.paddrMask ?? arch.paddrMask }),
      });
      // An ELF's e_entry is every vCPU's entry (loadKernel already moved the BSP's); CpuUp may still pick another.
      if (loaded.format === "elf") config.cpuConfig.apEntry = GuestPhysAddr.from(loaded.entry);
      const img = config.imageConfig;
      const ranges = [
        ...loaded.ranges,
        ...this.#loadExtra(axvm, "bios", images.bios, img.biosLoadGpa?.value),
        ...this.#loadExtra(axvm, "dtb", images.dtb, img.dtbLoadGpa?.value),
        ...this.#loadExtra(axvm, "ramdisk", images.ramdisk, img.ramdiskLoadGpa?.value),
      ];
      cmdlineWarning = this.#loadCmdline(axvm, config.cmdline, ranges);
      axvm.init();
      axvm.setVmStatus(VMStatus.Loaded);
    } catch (e) {
      axvm.destroy();
      throw e;
    }
    managed = new ManagedVm(axvm, config.name);
    for (const vcpu of axvm.vcpuList()) {
      const monitor = vcpu.getArchVcpu() as unknown as MonitoredVCpu;
      managed.tasks.push(new VCpuTask(vcpu.id(), monitor, countersOf(vcpu.id())));
    }
    this.#vms.set(vmId, managed);
    for (const w of axvm.warnings()) this.#emit({ kind: "warning", vmId, message: w });
    if (cmdlineWarning !== undefined) this.#emit({ kind: "warning", vmId, message: cmdlineWarning });
    if (this.#opts.traceInstructions) this.#installTracers(managed);
    this.#emit({ kind: "state", vmId, state: "loaded" });
    return managed;
  }

  /** Writes the command line where the arch's boot protocol reads it; returns a warning when it cannot. */
  #loadCmdline(axvm: AxVM, cmdline: string | undefined, images: readonly LoadedRange[]): string | undefined {
    if (cmdline === undefined) return undefined;
    const placement = this.#opts.arch.cmdline;
    if (placement === undefined) {
      return `kernel.cmdline is ignored: the ${this.#opts.arch.name} binding has no command-line protocol`;
    }
    loadCmdline(axvm, cmdline, placement.gpa, { maxBytes: placement.maxBytes, avoid: images });
    return undefined;
  }

  #loadExtra(
    axvm: AxVM,
    what: string,
    bytes: Uint8Array | undefined,
    addr: bigint | undefined,
  ): readonly LoadedRange[] {
    if (bytes === undefined) return [];
    if (addr === undefined) {
      throw new VmmError(
        "InvalidInput",
        `a ${what} image was given but the config has no kernel.${what}_load_addr`,
      );
    }
    return loadRawImage(axvm, bytes, addr, { name: what }).ranges;
  }

  #installTracers(vm: ManagedVm): void {
    const arch = this.#opts.arch;
    for (const task of vm.tasks) {
      if (task.inner.setTracer === undefined) {
        this.#emit({
          kind: "warning",
          vmId: vm.id,
          message: `the ${arch.name} vCPU cannot trace instructions; tracing VM exits only`,
        });
        return;
      }
      const vcpuId = task.id;
      task.inner.setTracer((pc, word) =>
        this.#emit({
          kind: "instruction",
          vmId: vm.id,
          vcpuId,
          pc,
          word,
          text: arch.disassemble?.(word, pc),
        }),
      );
    }
  }

  /**
   * A VM by id.
   *
   * @param id - The VM id.
   * @returns The VM, or `undefined`.
   * @example
   * ```ts
   * import type { Vmm } from "@axvisor/axvisor";
   * declare const vmm: Vmm;
   * console.log(vmm.vm(1)?.name);
   * ```
   */
  vm(id: number): ManagedVm | undefined {
    return this.#vms.get(id);
  }

  /**
   * All VMs, by id.
   *
   * @returns The VMs in ascending id order.
   * @example
   * ```ts
   * import type { Vmm } from "@axvisor/axvisor";
   * declare const vmm: Vmm;
   * for (const vm of vmm.vms()) console.log(vm.id, vm.name, vm.state());
   * ```
   */
  vms(): ManagedVm[] {
    return [...this.#vms.values()].sort((a, b) => a.id - b.id);
  }

  #get(id: number): ManagedVm {
    const vm = this.#vms.get(id);
    if (vm === undefined) throw new VmmError("NotFound", `no VM with id ${id}`);
    return vm;
  }

  /**
   * Boots a loaded VM (axvisor's `vm.boot()` + notifying the primary vCPU): vCPU 0 becomes runnable,
   * the others wait for a `CpuUp`. With `allVcpus`, every vCPU starts at its entry at once, as every
   * CPU of QEMU 7.2's LoongArch `virt` board does at reset with `-kernel`.
   *
   * @param id - The VM id.
   * @param options - `allVcpus`: start every vCPU, not only vCPU 0 (default: the arch binding's `startAllVcpus`).
   * @throws {VmmError} `NotFound`; `BadState` unless the VM is `loaded`.
   * @example
   * ```ts
   * import type { Vmm } from "@axvisor/axvisor";
   * declare const vmm: Vmm;
   * vmm.startVm(1);
   * vmm.startVm(2, { allVcpus: true });
   * ```
   */
  startVm(id: number, options: { readonly allVcpus?: boolean } = {}): void {
    const vm = this.#get(id);
    const state = vm.state();
    if (state !== "loaded")
      throw new VmmError("BadState", `VM ${id} is ${state}; only a loaded VM can be started`);
    vm.axvm.boot();
    const all = options.allVcpus ?? this.#opts.arch.startAllVcpus ?? false;
    for (const task of all ? vm.tasks : vm.tasks.slice(0, 1)) task.state = "runnable";
    this.#emit({ kind: "state", vmId: id, state: "running" });
  }

  /**
   * Stops a VM (axvisor's `vm stop`): `shutdown()`, then `stopped` at once since no vCPU runs
   * between slices.
   *
   * @param id - The VM id.
   * @throws {VmmError} `NotFound`; `BadState` when the VM is already stopped or failed.
   * @example
   * ```ts
   * import type { Vmm } from "@axvisor/axvisor";
   * declare const vmm: Vmm;
   * vmm.stopVm(1);
   * ```
   */
  stopVm(id: number): void {
    const vm = this.#get(id);
    const state = vm.state();
    if (state === "stopped" || state === "failed" || state === "stopping") {
      throw new VmmError("BadState", `VM ${id} is already ${state}`);
    }
    this.#stop(vm, "stopped by the user");
  }

  /**
   * Suspends a running VM: its vCPUs get no time slices until {@link Vmm.resumeVm}.
   *
   * @param id - The VM id.
   * @throws {VmmError} `NotFound`; `BadState` unless the VM is running.
   * @example
   * ```ts
   * import type { Vmm } from "@axvisor/axvisor";
   * declare const vmm: Vmm;
   * vmm.suspendVm(1);
   * ```
   */
  suspendVm(id: number): void {
    const vm = this.#get(id);
    if (vm.state() !== "running")
      throw new VmmError("BadState", `VM ${id} is ${vm.state()}; only a running VM can be suspended`);
    vm.axvm.setVmStatus(VMStatus.Suspended);
    this.#emit({ kind: "state", vmId: id, state: "suspended" });
  }

  /**
   * Resumes a suspended VM.
   *
   * @param id - The VM id.
   * @throws {VmmError} `NotFound`; `BadState` unless the VM is suspended.
   * @example
   * ```ts
   * import type { Vmm } from "@axvisor/axvisor";
   * declare const vmm: Vmm;
   * vmm.resumeVm(1);
   * ```
   */
  resumeVm(id: number): void {
    const vm = this.#get(id);
    if (vm.state() !== "suspended")
      throw new VmmError("BadState", `VM ${id} is ${vm.state()}; only a suspended VM can be resumed`);
    vm.axvm.setVmStatus(VMStatus.Running);
    this.#emit({ kind: "state", vmId: id, state: "running" });
  }

  /**
   * Deletes a VM and frees its memory. A running or suspended VM must be stopped first unless `force`.
   *
   * @param id - The VM id.
   * @param options - `force`: stop it first if needed.
   * @throws {VmmError} `NotFound`; `BadState` for a running or suspended VM without `force`.
   * @example
   * ```ts
   * import type { Vmm } from "@axvisor/axvisor";
   * declare const vmm: Vmm;
   * vmm.deleteVm(1, { force: true });
   * ```
   */
  deleteVm(id: number, options: { readonly force?: boolean } = {}): void {
    const vm = this.#get(id);
    const state = vm.state();
    if (state === "running" || state === "suspended") {
      if (!options.force) throw new VmmError("BadState", `VM ${id} is ${state}; stop it first (or force)`);
      this.#stop(vm, "deleted");
    }
    for (const t of vm.tasks) t.inner.dispose?.();
    vm.axvm.destroy();
    this.#vms.delete(id);
  }

  /**
   * Injects an interrupt into a vCPU (axvisor's `inject_interrupt_to_vcpu`) and wakes it if it halted.
   *
   * @param vmId - The VM id.
   * @param vcpuId - The vCPU id.
   * @param vector - The interrupt vector (the arch vCPU's numbering).
   * @throws {VmmError} `NotFound` for an unknown VM.
   * @throws {AxError} `InvalidInput` for an unknown vCPU.
   * @example
   * ```ts
   * import type { Vmm } from "@axvisor/axvisor";
   * declare const vmm: Vmm;
   * vmm.injectInterrupt(1, 0, 2);
   * ```
   */
  injectInterrupt(vmId: number, vcpuId: number, vector: number): void {
    const vm = this.#get(vmId);
    vm.axvm.injectInterruptToVcpu([vcpuId], vector);
    const task = vm.tasks[vcpuId];
    if (task?.state === "halted") this.#wake(task);
  }

  /**
   * Marks a VM failed (stopping it) with a reason, e.g. when the host decides it ran too long.
   *
   * @param id - The VM id.
   * @param reason - Why it failed.
   * @throws {VmmError} `NotFound`.
   * @example
   * ```ts
   * import type { Vmm } from "@axvisor/axvisor";
   * declare const vmm: Vmm;
   * vmm.failVm(1, "timed out");
   * ```
   */
  failVm(id: number, reason: string): void {
    const vm = this.#get(id);
    if (vm.state() === "failed") return;
    vm.failure = reason;
    this.#halt(vm);
    this.#emit({ kind: "state", vmId: id, state: "failed", reason });
  }

  /**
   * Whether some running VM has a vCPU that can run now or will wake on its own timer.
   *
   * @returns `true` when {@link Vmm.runRound} would make progress.
   * @example
   * ```ts
   * import type { Vmm } from "@axvisor/axvisor";
   * declare const vmm: Vmm;
   * while (vmm.hasWork()) vmm.runRound();
   * ```
   */
  hasWork(): boolean {
    for (const vm of this.#vms.values()) {
      if (!vm.axvm.running() || vm.failure !== undefined) continue;
      for (const t of vm.tasks)
        if (t.state === "runnable" || (t.state === "halted" && t.wakeAt !== undefined)) return true;
    }
    return false;
  }

  /**
   * Runs one scheduler round: every runnable vCPU of every running VM (in VM id, then vCPU id
   * order) gets one time slice. When none is runnable but some halted vCPU has a timer deadline,
   * virtual time jumps to the earliest deadline and those vCPUs wake.
   *
   * @returns `true` if anything ran or woke, `false` if nothing can progress.
   * @example
   * ```ts
   * import type { Vmm } from "@axvisor/axvisor";
   * declare const vmm: Vmm;
   * vmm.runRound();
   * ```
   */
  runRound(): boolean {
    let ran = false;
    if (this.#opts.consoleInput !== undefined) {
      for (const vm of this.#vms.values()) if (vm.axvm.running()) vm.axvm.pollConsoleInput();
    }
    for (const vm of this.vms()) {
      for (const task of vm.tasks) {
        if (!vm.axvm.running() || vm.failure !== undefined) break;
        if (task.state === "halted") this.#maybeWake(task);
        if (task.state !== "runnable") continue;
        this.#runSlice(vm, task);
        ran = true;
      }
    }
    if (ran) return true;
    let earliest: number | undefined;
    for (const vm of this.#vms.values()) {
      if (!vm.axvm.running() || vm.failure !== undefined) continue;
      for (const t of vm.tasks) {
        if (
          t.state === "halted" &&
          t.wakeAt !== undefined &&
          (earliest === undefined || t.wakeAt < earliest)
        ) {
          earliest = t.wakeAt;
        }
      }
    }
    if (earliest === undefined) return false;
    // Every vCPU idles: skip the idle time at once (virtual time, so the run stays deterministic),
    // unless runAsync paces it to the wall clock; then a jump that wakes nobody reports no progress.
    if (earliest > this.#clock) {
      const skip = earliest - this.#clock;
      if (skip > this.#idleSkipLimit) {
        this.#clock += this.#idleSkipLimit;
        this.#idleSkipLimit = 0;
        return false;
      }
      this.#idleSkipLimit -= skip;
      this.#clock = earliest;
    }
    for (const vm of this.#vms.values()) {
      if (!vm.axvm.running()) continue;
      for (const t of vm.tasks) if (t.state === "halted") this.#maybeWake(t);
    }
    return true;
  }

  /**
   * Runs rounds until no VM is running, every running vCPU idles forever, or a limit is hit.
   * Synchronous: use {@link Vmm.runAsync} to keep an event loop (a shell, a UI) responsive.
   *
   * @param options - `maxRounds`: stop after that many rounds; `until`: checked after each round, stops when `true`.
   * @returns How the run ended.
   * @example
   * ```ts
   * import type { Vmm } from "@axvisor/axvisor";
   * declare const vmm: Vmm;
   * if (vmm.run() === "idle") console.log("every vCPU waits for an interrupt");
   * ```
   */
  run(options: { readonly maxRounds?: number; readonly until?: () => boolean } = {}): VmmRunOutcome {
    const max = options.maxRounds ?? Number.POSITIVE_INFINITY;
    for (let i = 0; i < max; i++) {
      if (!this.runRound()) return this.#anyRunning() ? "idle" : "done";
      if (options.until?.()) return "limit";
    }
    return "limit";
  }

  /**
   * Like {@link Vmm.run}, but yields to the host event loop every `chunkMs` milliseconds so that
   * output is flushed, timers fire and input is read while guests run.
   *
   * @param options - `chunkMs` (default 20): host time between yields; `until`: checked after each
   * round; `onYield`: called at each yield (progress display); `signal`: aborts (outcome `limit`);
   * `waitForInput`: while it returns `true` and some VM's UART has its receive interrupt armed (so a
   * key could wake the guest), a run whose vCPUs all wait for an interrupt sleeps (`idleMs`, default
   * 10 ms, per wait) and polls console input instead of ending `idle` (a guest waiting for the
   * keyboard); and idle time then follows the wall clock (at most the elapsed host
   * time, at the architecture's {@link ArchBinding.clockHz}, is skipped), so a guest waiting for input
   * sees time pass as on a real board or under QEMU instead of racing its clock ahead.
   * @returns How the run ended.
   * @example
   * ```ts
   * import type { Vmm } from "@axvisor/axvisor";
   * declare const vmm: Vmm;
   * const outcome = await vmm.runAsync({ onYield: () => console.log(vmm.stats().length) });
   * ```
   */
  async runAsync(
    options: {
      readonly chunkMs?: number;
      readonly until?: () => boolean;
      readonly onYield?: () => void;
      readonly signal?: { readonly aborted: boolean };
      readonly waitForInput?: () => boolean;
      readonly idleMs?: number;
    } = {},
  ): Promise<VmmRunOutcome> {
    const chunk = options.chunkMs ?? 20;
    const ticksPerMs = (this.#opts.arch.clockHz ?? DEFAULT_CLOCK_HZ) / 1000;
    let paced = this.#now();
    try {
      for (;;) {
        const start = this.#now();
        let idle = false;
        do {
          if (options.signal?.aborted) return "limit";
          const waiting = (options.waitForInput?.() ?? false) && this.#inputCanWake();
          if (waiting) {
            const now = this.#now();
            const left = Number.isFinite(this.#idleSkipLimit) ? this.#idleSkipLimit : 0;
            this.#idleSkipLimit = left + (now - paced) * ticksPerMs;
            paced = now;
          } else this.#idleSkipLimit = Number.POSITIVE_INFINITY;
          if (!this.runRound()) {
            if (!this.#anyRunning()) return "done";
            if (!waiting) return "idle";
            idle = true;
            break;
          }
          if (options.until?.()) return "limit";
        } while (this.#now() - start < chunk);
        options.onYield?.();
        await (idle ? sleepHost(options.idleMs ?? 10) : yieldToHost());
      }
    } finally {
      this.#idleSkipLimit = Number.POSITIVE_INFINITY;
    }
  }

  /** Whether console input could wake an idle guest: some running VM's UART has its receive interrupt armed. */
  #inputCanWake(): boolean {
    for (const vm of this.#vms.values()) {
      if (!vm.axvm.running()) continue;
      for (const d of vm.axvm.getDevices().mmioDevices()) {
        if (d instanceof Ns16550a && d.receiveInterruptArmed()) return true;
      }
    }
    return false;
  }

  /**
   * Statistics of every vCPU of every VM (also stopped and failed ones, until deleted).
   *
   * @returns One row per vCPU, by VM id then vCPU id.
   * @example
   * ```ts
   * import { formatStatsTable, type Vmm } from "@axvisor/axvisor";
   * declare const vmm: Vmm;
   * console.log(formatStatsTable(vmm.stats()));
   * ```
   */
  stats(): VCpuStats[] {
    const out: VCpuStats[] = [];
    for (const vm of this.vms()) {
      for (const t of vm.tasks)
        out.push(t.counters.snapshot(vm.id, vm.name, t.id, t.instructions(), t.events(), t.jit()));
    }
    return out;
  }

  #anyRunning(): boolean {
    for (const vm of this.#vms.values()) if (vm.axvm.running() && vm.failure === undefined) return true;
    return false;
  }

  #emit(e: VmmEvent): void {
    this.#opts.onEvent?.(e);
  }

  #runSlice(vm: ManagedVm, task: VCpuTask): void {
    const inner = task.inner;
    const max = this.#opts.maxInstructions;
    let budget = this.#slice;
    if (max !== undefined) budget = Math.max(1, Math.min(budget, max - vm.instructions()));
    task.monitor.beginSlice(budget);
    const before = inner.instructionsRetired?.();
    const t0 = this.#now();
    let exit: AxVCpuExitReason;
    try {
      exit = vm.axvm.runVcpu(task.id);
    } catch (e) {
      this.failVm(vm.id, `vCPU ${task.id}: ${message(e)}`);
      return;
    } finally {
      task.counters.wallMs += this.#now() - t0;
      task.counters.runs++;
      const after = inner.instructionsRetired?.();
      const executed = before === undefined || after === undefined ? budget : after - before;
      if (after === undefined) task.instructionsFallback += budget;
      this.#clock += executed;
    }
    try {
      this.#handleExit(vm, task, exit);
    } catch (e) {
      this.failVm(vm.id, `vCPU ${task.id}: ${formatExitReason(exit)}: ${message(e)}`);
      return;
    }
    if (max !== undefined && vm.axvm.running() && vm.failure === undefined && vm.instructions() >= max) {
      this.failVm(vm.id, `instruction limit of ${max} reached`);
    }
  }

  #handleExit(vm: ManagedVm, task: VCpuTask, exit: AxVCpuExitReason): void {
    const vcpu = vm.axvm.vcpu(task.id);
    if (vcpu === undefined) throw new AxError("BadState", `no vCPU ${task.id}`);
    switch (exit.kind) {
      case "Nothing":
      case "ExternalInterrupt":
        // The end of a time slice; a host interrupt needs no handling on an emulated host.
        return;
      case "Hypercall": {
        const handler = this.#opts.hypercall ?? defaultHypercallHandler;
        let ret: bigint;
        try {
          ret = handler({ vmId: vm.id, vcpuId: task.id, nr: exit.nr, args: exit.args });
        } catch {
          ret = -1n;
        }
        vcpu.setReturnValue(ret);
        this.#emit({ kind: "hypercall", vmId: vm.id, vcpuId: task.id, nr: exit.nr, args: exit.args, ret });
        return;
      }
      case "FailEntry":
        this.failVm(
          vm.id,
          `vCPU ${task.id} failed to enter the guest (reason ${hex(exit.hardwareEntryFailureReason)})`,
        );
        return;
      case "Halt": {
        if (task.inner.hasPendingInterrupt?.()) return;
        task.state = "halted";
        task.haltedAt = this.#clock;
        const delay = task.inner.idleWakeDelay?.();
        task.wakeAt = delay === undefined ? undefined : this.#clock + Math.max(0, delay);
        return;
      }
      case "CpuDown":
        task.state = "down";
        return;
      case "CpuUp": {
        const target = vm.axvm.vcpuList().find((v) => BigInt(v.favorPhysCpu()) === exit.targetCpu);
        const targetTask = target === undefined ? undefined : vm.tasks[target.id()];
        if (target === undefined || targetTask === undefined) {
          throw new AxError("InvalidInput", `CpuUp: no vCPU on physical CPU ${exit.targetCpu}`);
        }
        if (targetTask.state !== "free" && targetTask.state !== "down") {
          throw new AxError("BadState", `CpuUp: vCPU ${target.id()} is already ${targetTask.state}`);
        }
        target.setEntry(exit.entryPoint);
        const argReg = this.#opts.arch.argRegs[0];
        if (argReg !== undefined) target.setGpr(argReg, exit.arg);
        targetTask.state = "runnable";
        vcpu.setReturnValue(0n);
        return;
      }
      case "SystemDown": {
        const reason = vm.powerEvent === "Reset" ? "reset requested (treated as power-off)" : "powered off";
        this.#stop(vm, reason);
        return;
      }
      case "SendIPI": {
        const vector = Number(exit.vector);
        const targets: VCpuTask[] = [];
        if (exit.sendToAll) targets.push(...vm.tasks.filter((t) => t !== task));
        else if (exit.sendToSelf) targets.push(task);
        else {
          const t = vm.tasks[Number(exit.targetCpu)];
          if (t === undefined) throw new AxError("InvalidInput", `SendIPI: no vCPU ${exit.targetCpu}`);
          targets.push(t);
        }
        for (const t of targets) this.injectInterrupt(vm.id, t.id, vector);
        return;
      }
      default:
        // MMIO, port and page-fault exits come back only when no device or mapping handles them.
        throw new AxError("BadAddress", "unhandled VM exit");
    }
  }

  #maybeWake(task: VCpuTask): void {
    if (task.inner.hasPendingInterrupt?.() || (task.wakeAt !== undefined && task.wakeAt <= this.#clock)) {
      this.#wake(task);
    }
  }

  #wake(task: VCpuTask): void {
    const idle = this.#clock - task.haltedAt;
    if (idle > 0) task.inner.advanceIdle?.(idle);
    task.state = "runnable";
    task.wakeAt = undefined;
  }

  #stop(vm: ManagedVm, reason: string): void {
    if (!vm.axvm.stopping()) vm.axvm.shutdown();
    vm.stopReason = reason;
    this.#halt(vm);
    this.#emit({ kind: "state", vmId: vm.id, state: "stopped", reason });
  }

  /** Stops scheduling every vCPU; the last one out marks the VM stopped, as axvisor's vCPU tasks do. */
  #halt(vm: ManagedVm): void {
    for (const t of vm.tasks) t.state = "stopped";
    if (vm.axvm.vmStatus() !== VMStatus.Stopped) vm.axvm.setVmStatus(VMStatus.Stopped);
  }
}
