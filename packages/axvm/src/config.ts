import { GuestPhysAddr } from "@axvisor/axaddrspace";
import {
  type AxVMCrateConfig,
  AxVMCrateConfig as CrateConfig,
  type EmulatedDeviceConfig,
  type PassThroughAddressConfig,
  type PassThroughDeviceConfig,
  type VmMemConfig,
} from "./vmconfig/crate-config.js";
import { type VMInterruptMode, type VMType, vmTypeFromUsize } from "./vmconfig/enums.js";
import { AxVMConfigError } from "./vmconfig/error.js";

/** Entry points of the vCPUs (Rust `AxVCpuConfig`). */
export interface AxVCpuConfig {
  /** Entry of vCPU 0. */
  bspEntry: GuestPhysAddr;
  /** Entry of the other vCPUs. */
  apEntry: GuestPhysAddr;
}

/** Where images go (Rust `VMImageConfig`). */
export interface VMImageConfig {
  /** Kernel load address. */
  readonly kernelLoadGpa: GuestPhysAddr;
  /** BIOS load address. */
  readonly biosLoadGpa: GuestPhysAddr | undefined;
  /** Device-tree load address. */
  readonly dtbLoadGpa: GuestPhysAddr | undefined;
  /** Ramdisk load address. */
  readonly ramdiskLoadGpa: GuestPhysAddr | undefined;
}

/** One vCPU's placement: `[vcpuId, physCpuSet mask or undefined, physical CPU id]`. */
export type VCpuAffinity = readonly [vcpuId: number, physCpuSet: bigint | undefined, pcpuId: number];

/**
 * The vCPUs and their physical-CPU placement (Rust `PhysCpuList`).
 *
 * @example
 * ```ts
 * import { PhysCpuList } from "@axvisor/axvm";
 * const cpus = new PhysCpuList(2, [4, 5], [0b1n, 0b10n]);
 * cpus.getVcpuAffinitiesPcpuIds(); // [[0, 1n, 4], [1, 2n, 5]]
 * ```
 */
export class PhysCpuList {
  /** Number of vCPUs. */
  readonly cpuNum: number;
  /** Physical CPU id per vCPU. */
  readonly physCpuIds: readonly number[] | undefined;
  /** Affinity mask per vCPU. */
  readonly physCpuSets: readonly bigint[] | undefined;

  /**
   * Creates the list.
   *
   * @param cpuNum - number of vCPUs.
   * @param physCpuIds - physical CPU id per vCPU.
   * @param physCpuSets - affinity mask per vCPU.
   */
  constructor(cpuNum: number, physCpuIds?: readonly number[], physCpuSets?: readonly bigint[]) {
    this.cpuNum = cpuNum;
    this.physCpuIds = physCpuIds;
    this.physCpuSets = physCpuSets;
  }

  /**
   * Placement of every vCPU: by default vCPU i runs on physical CPU i with no mask; `physCpuSets[i]`
   * and `physCpuIds[i]` override when present (entries beyond the lists keep the defaults).
   *
   * @returns one `[vcpuId, mask, pcpuId]` per vCPU.
   */
  getVcpuAffinitiesPcpuIds(): VCpuAffinity[] {
    const out: VCpuAffinity[] = [];
    for (let i = 0; i < this.cpuNum; i++) out.push([i, this.physCpuSets?.[i], this.physCpuIds?.[i] ?? i]);
    return out;
  }

  /**
   * Problems Rust only logs: list lengths that differ from `cpuNum`.
   *
   * @returns human-readable warnings (empty when consistent).
   */
  warnings(): string[] {
    const w: string[] = [];
    if (this.physCpuIds !== undefined && this.physCpuIds.length !== this.cpuNum) {
      w.push(`base.phys_cpu_ids has ${this.physCpuIds.length} entries but cpu_num is ${this.cpuNum}`);
    }
    if (this.physCpuSets !== undefined && this.physCpuSets.length !== this.cpuNum) {
      w.push(`base.phys_cpu_sets has ${this.physCpuSets.length} entries but cpu_num is ${this.cpuNum}`);
    }
    return w;
  }
}

function toSafeNumber(v: bigint, path: string): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new AxVMConfigError(path, `${path}: expected at most ${Number.MAX_SAFE_INTEGER}, got integer ${v}`);
  }
  return Number(v);
}

const gpa = (v: bigint | undefined): GuestPhysAddr | undefined =>
  v === undefined ? undefined : GuestPhysAddr.from(v);

/**
 * The VM configuration the VM is built from (Rust `axvm::AxVMConfig`, `From<AxVMCrateConfig>`):
 * ids as numbers, addresses as `GuestPhysAddr`.
 *
 * Unlike Rust, {@link AxVMConfig.removePassThroughDevice} removes the device (Rust keeps only it).
 *
 * @example
 * ```ts
 * import { AxVMConfig } from "@axvisor/axvm";
 * declare const toml: string;
 * const config = AxVMConfig.fromToml(toml);
 * console.log(config.id, config.name, config.cpuConfig.bspEntry.toString());
 * ```
 */
export class AxVMConfig {
  /** VM id. */
  readonly id: number;
  /** VM name. */
  readonly name: string;
  /** VM type. */
  readonly vmType: VMType;
  /** vCPU placement. */
  readonly physCpuLs: PhysCpuList;
  /** vCPU entry points (mutable: a loaded ELF may set the entry). */
  readonly cpuConfig: AxVCpuConfig;
  /** Image load addresses. */
  readonly imageConfig: VMImageConfig;
  /** Guest memory regions. */
  readonly memoryRegions: readonly VmMemConfig[];
  /** Emulated devices. */
  readonly emuDevices: readonly EmulatedDeviceConfig[];
  /** Device-tree paths not passed through. */
  readonly excludedDevices: readonly (readonly string[])[];
  /** Passed-through address ranges. */
  readonly passThroughAddresses: readonly PassThroughAddressConfig[];
  /** Interrupt mode. */
  readonly interruptMode: VMInterruptMode;
  /**
   * The kernel command line (`[kernel] cmdline`), which the VMM hands to the guest the way its
   * architecture's boot protocol expects (Rust keeps it in the crate config only).
   */
  readonly cmdline: string | undefined;
  /** Things Rust would log as warnings (unknown vm_type, list-length mismatches). */
  readonly warnings: readonly string[];
  #passThroughDevices: PassThroughDeviceConfig[];
  readonly #spis: number[] = [];

  /**
   * Builds the config from a parsed crate config (Rust `From<AxVMCrateConfig>`).
   *
   * @param c - the parsed TOML config.
   * @throws {AxVMConfigError} when an id or count does not fit a safe integer.
   */
  constructor(c: AxVMCrateConfig) {
    const warnings: string[] = [];
    this.id = toSafeNumber(c.base.id, "base.id");
    this.name = c.base.name;
    this.vmType = vmTypeFromUsize(c.base.vmType);
    if (c.base.vmType > 2n) warnings.push(`base.vm_type ${c.base.vmType} is unknown; using 1 (VMTRTOS)`);
    const cpuNum = toSafeNumber(c.base.cpuNum, "base.cpu_num");
    if (cpuNum > 4096)
      throw new AxVMConfigError("base.cpu_num", `base.cpu_num: expected at most 4096, got integer ${cpuNum}`);
    this.physCpuLs = new PhysCpuList(
      cpuNum,
      c.base.physCpuIds?.map((v, i) => toSafeNumber(v, `base.phys_cpu_ids[${i}]`)),
      c.base.physCpuSets,
    );
    warnings.push(...this.physCpuLs.warnings());
    const entry = GuestPhysAddr.from(c.kernel.entryPoint);
    this.cpuConfig = { bspEntry: entry, apEntry: entry };
    this.imageConfig = {
      kernelLoadGpa: GuestPhysAddr.from(c.kernel.kernelLoadAddr),
      biosLoadGpa: gpa(c.kernel.biosLoadAddr),
      dtbLoadGpa: gpa(c.kernel.dtbLoadAddr),
      ramdiskLoadGpa: gpa(c.kernel.ramdiskLoadAddr),
    };
    this.memoryRegions = c.kernel.memoryRegions;
    this.emuDevices = c.devices.emuDevices;
    this.#passThroughDevices = [...c.devices.passthroughDevices];
    this.excludedDevices = c.devices.excludedDevices;
    this.passThroughAddresses = c.devices.passthroughAddresses;
    this.interruptMode = c.devices.interruptMode;
    this.cmdline = c.kernel.cmdline;
    this.warnings = warnings;
  }

  /**
   * Parses TOML and builds the config.
   *
   * @param text - the VM TOML.
   * @returns the config.
   * @throws {AxVMConfigError} for any invalid field or syntax error.
   */
  static fromToml(text: string): AxVMConfig {
    return new AxVMConfig(CrateConfig.fromToml(text));
  }

  /**
   * The passed-through devices.
   *
   * @returns the current list.
   */
  passThroughDevices(): readonly PassThroughDeviceConfig[] {
    return this.#passThroughDevices;
  }

  /**
   * Adds a passed-through device.
   *
   * @param device - the device.
   */
  addPassThroughDevice(device: PassThroughDeviceConfig): void {
    this.#passThroughDevices.push(device);
  }

  /**
   * Removes every passed-through device equal (field by field) to `device`.
   *
   * @param device - the device to remove.
   */
  removePassThroughDevice(device: PassThroughDeviceConfig): void {
    this.#passThroughDevices = this.#passThroughDevices.filter(
      (d) =>
        !(
          d.name === device.name &&
          d.baseGpa === device.baseGpa &&
          d.baseHpa === device.baseHpa &&
          d.length === device.length &&
          d.irqId === device.irqId
        ),
    );
  }

  /** Removes all passed-through devices. */
  clearPassThroughDevices(): void {
    this.#passThroughDevices = [];
  }

  /**
   * Records a passed-through shared peripheral interrupt.
   *
   * @param spi - the interrupt number.
   */
  addPassThroughSpi(spi: number): void {
    this.#spis.push(spi);
  }

  /**
   * The passed-through shared peripheral interrupts.
   *
   * @returns the list.
   */
  passThroughSpis(): readonly number[] {
    return this.#spis;
  }
}
