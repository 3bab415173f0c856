import {
  type AccessWidth,
  type GuestPhysAddr,
  MappingFlags,
  type Port,
  type SysRegAddr,
} from "@axvisor/axaddrspace";

/**
 * Why {@link AxArchVCpu.run} returned: one VM exit, mirroring Rust `axvcpu::AxVCpuExitReason`.
 *
 * A discriminated union on `kind`; every Rust variant is present with its fields in camelCase.
 * Rust `u64` fields are `bigint`, Rust `usize` register indices are `number`.
 *
 * @example
 * ```ts
 * import { AccessWidth, GuestPhysAddr } from "@axvisor/axaddrspace";
 * import { type AxVCpuExitReason, formatExitReason } from "@axvisor/axvcpu";
 * const exit: AxVCpuExitReason = { kind: "MmioWrite", addr: GuestPhysAddr.from(0x1fe001e0n), width: AccessWidth.Byte, data: 0x41n };
 * if (exit.kind === "MmioWrite") console.log(formatExitReason(exit));
 * ```
 */
export type AxVCpuExitReason =
  | ExitHypercall
  | ExitMmioRead
  | ExitMmioWrite
  | ExitSysRegRead
  | ExitSysRegWrite
  | ExitIoRead
  | ExitIoWrite
  | ExitExternalInterrupt
  | ExitNestedPageFault
  | ExitHalt
  | ExitCpuUp
  | ExitCpuDown
  | ExitSystemDown
  | ExitNothing
  | ExitFailEntry
  | ExitSendIpi;

/** The `kind` tags of {@link AxVCpuExitReason}, in Rust declaration order. */
export type AxVCpuExitKind = AxVCpuExitReason["kind"];

/** The guest executed a hypercall instruction (`hvcl` on LoongArch, `vmcall`, `hvc`, `ecall`). */
export interface ExitHypercall {
  /** Discriminant. */
  readonly kind: "Hypercall";
  /** The hypercall number. */
  readonly nr: bigint;
  /** The six hypercall arguments. */
  readonly args: readonly [bigint, bigint, bigint, bigint, bigint, bigint];
}

/** The guest read from an unmapped (emulated) MMIO address. */
export interface ExitMmioRead {
  /** Discriminant. */
  readonly kind: "MmioRead";
  /** The guest physical address read. */
  readonly addr: GuestPhysAddr;
  /** The width of the access. */
  readonly width: AccessWidth;
  /** Index of the general-purpose register that receives the value. */
  readonly reg: number;
  /** Width of the destination register view (the value is extended to this width). */
  readonly regWidth: AccessWidth;
  /** Sign-extend (`true`) or zero-extend (`false`) the value from `width` to `regWidth`. */
  readonly signedExt: boolean;
}

/** The guest wrote to an unmapped (emulated) MMIO address. */
export interface ExitMmioWrite {
  /** Discriminant. */
  readonly kind: "MmioWrite";
  /** The guest physical address written. */
  readonly addr: GuestPhysAddr;
  /** The width of the access. */
  readonly width: AccessWidth;
  /** The value written (low `width` bytes are significant). */
  readonly data: bigint;
}

/** The guest read a trapped system register (CSR, MSR, IOCSR on LoongArch). */
export interface ExitSysRegRead {
  /** Discriminant. */
  readonly kind: "SysRegRead";
  /** The system register address. */
  readonly addr: SysRegAddr;
  /** Index of the general-purpose register that receives the value. */
  readonly reg: number;
}

/** The guest wrote a trapped system register. */
export interface ExitSysRegWrite {
  /** Discriminant. */
  readonly kind: "SysRegWrite";
  /** The system register address. */
  readonly addr: SysRegAddr;
  /** The value written. */
  readonly value: bigint;
}

/** The guest read an I/O port (x86 only; the destination is always register 0). */
export interface ExitIoRead {
  /** Discriminant. */
  readonly kind: "IoRead";
  /** The port read. */
  readonly port: Port;
  /** The width of the access. */
  readonly width: AccessWidth;
}

/** The guest wrote an I/O port (x86 only). */
export interface ExitIoWrite {
  /** Discriminant. */
  readonly kind: "IoWrite";
  /** The port written. */
  readonly port: Port;
  /** The width of the access. */
  readonly width: AccessWidth;
  /** The value written. */
  readonly data: bigint;
}

/** An external (host) interrupt arrived while the guest ran. */
export interface ExitExternalInterrupt {
  /** Discriminant. */
  readonly kind: "ExternalInterrupt";
  /** The interrupt vector. */
  readonly vector: bigint;
}

/** A second-stage translation failed (EPT violation on x86). */
export interface ExitNestedPageFault {
  /** Discriminant. */
  readonly kind: "NestedPageFault";
  /** The faulting guest physical address. */
  readonly addr: GuestPhysAddr;
  /** The access that faulted, as `MappingFlags` bits (READ, WRITE, EXECUTE). */
  readonly accessFlags: MappingFlags;
}

/** The vCPU halted (`idle` on LoongArch). */
export interface ExitHalt {
  /** Discriminant. */
  readonly kind: "Halt";
}

/** The guest asks to start a secondary vCPU (PSCI CPU_ON, SIPI, SBI HSM). */
export interface ExitCpuUp {
  /** Discriminant. */
  readonly kind: "CpuUp";
  /** The target CPU (MPIDR affinity, APIC id or hart id). */
  readonly targetCpu: bigint;
  /** Where the secondary vCPU starts. */
  readonly entryPoint: GuestPhysAddr;
  /** The argument handed to the secondary vCPU. */
  readonly arg: bigint;
}

/** The vCPU powered itself off; it may be resumed later. */
export interface ExitCpuDown {
  /** Discriminant. */
  readonly kind: "CpuDown";
  /** Unused power state (Rust `_state`). */
  readonly state: bigint;
}

/** The whole system should be powered off. */
export interface ExitSystemDown {
  /** Discriminant. */
  readonly kind: "SystemDown";
}

/** Nothing happened that needs the caller; it may poll devices and interrupts. */
export interface ExitNothing {
  /** Discriminant. */
  readonly kind: "Nothing";
}

/** The vCPU could not be entered (KVM_EXIT_FAIL_ENTRY). */
export interface ExitFailEntry {
  /** Discriminant. */
  readonly kind: "FailEntry";
  /** Architecture-specific failure reason. */
  readonly hardwareEntryFailureReason: bigint;
}

/** The guest sends an inter-processor interrupt. */
export interface ExitSendIpi {
  /** Discriminant. */
  readonly kind: "SendIPI";
  /** Target CPU; meaningless when `sendToAll` or `sendToSelf` is set. */
  readonly targetCpu: bigint;
  /** Auxiliary target list (Aff0 bitmask on aarch64). */
  readonly targetCpuAux: bigint;
  /** Send to every CPU but the current one. */
  readonly sendToAll: boolean;
  /** Send to the current CPU. */
  readonly sendToSelf: boolean;
  /** The IPI vector. */
  readonly vector: bigint;
}

const hex = (v: bigint): string => `0x${v.toString(16)}`;

function formatValue(key: string, value: unknown): string {
  if (typeof value === "bigint") return hex(value);
  if (Array.isArray(value)) return `[${value.map((v) => formatValue(key, v)).join(", ")}]`;
  if (typeof value === "number" && key === "accessFlags") return MappingFlags.format(value);
  // Ports and system-register addresses read best in hex, like the rest of the line.
  if (typeof value === "object" && value !== null && "toHex" in value && typeof value.toHex === "function") {
    return String(value.toHex());
  }
  return String(value);
}

/**
 * Formats an exit the way Rust's `Debug` does: `MmioRead { addr: GPA:0x1000, width: Dword, reg: 5, ... }`.
 *
 * u64 values print in hex, register indices in decimal, addresses with their type prefix.
 *
 * @param exit - the exit reason to format.
 * @returns a one-line readable description.
 * @example
 * ```ts
 * import { formatExitReason } from "@axvisor/axvcpu";
 * formatExitReason({ kind: "Halt" }); // "Halt"
 * formatExitReason({ kind: "ExternalInterrupt", vector: 32n }); // "ExternalInterrupt { vector: 0x20 }"
 * ```
 */
export function formatExitReason(exit: AxVCpuExitReason): string {
  const fields = Object.entries(exit).filter(([k]) => k !== "kind");
  if (fields.length === 0) return exit.kind;
  return `${exit.kind} { ${fields.map(([k, v]) => `${k}: ${formatValue(k, v)}`).join(", ")} }`;
}
