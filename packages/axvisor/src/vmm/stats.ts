/**
 * Counters of one vCPU, as {@link Vmm.stats} reports them.
 *
 * @example
 * ```ts
 * import type { VCpuStats } from "@axvisor/axvisor";
 * const s: VCpuStats = {
 *   vmId: 1, vmName: "hello", vcpuId: 0, instructions: 2_000_000, runs: 20,
 *   exits: { MmioWrite: 30, Nothing: 20 }, wallMs: 100, mips: 20,
 * };
 * console.log(s.mips); // 20
 * ```
 */
export interface VCpuStats {
  /** VM id. */
  readonly vmId: number;
  /** VM name. */
  readonly vmName: string;
  /** vCPU id inside the VM. */
  readonly vcpuId: number;
  /** Guest instructions executed, when the arch vCPU reports them (`undefined` otherwise). */
  readonly instructions: number | undefined;
  /** Calls of `AxVM.runVcpu` (scheduler time slices given to the vCPU). */
  readonly runs: number;
  /** Every exit of the arch vCPU by reason, including those handled inside `runVcpu` (MMIO, page faults). */
  readonly exits: Readonly<Record<string, number>>;
  /** Host wall time spent running the vCPU, in milliseconds. */
  readonly wallMs: number;
  /** Millions of guest instructions per host second, when instructions are known and time was measured. */
  readonly mips: number | undefined;
  /** Interrupts the guest took, when the arch vCPU counts them (they are not VM exits). */
  readonly interrupts?: number | undefined;
  /** TLB refills the guest's handler served, when the arch vCPU counts them. */
  readonly tlbRefills?: number | undefined;
  /** Guest code regions compiled, when the vCPU runs on a compiler tier (`cpuTier: "jit"`). */
  readonly jitCompiled?: number | undefined;
  /** Instructions executed in compiled code, when the vCPU runs on a compiler tier. */
  readonly jitInstructions?: number | undefined;
}

/** Mutable counters behind a {@link VCpuStats}. */
export class VCpuCounters {
  runs = 0;
  wallMs = 0;
  readonly exits: Map<string, number> = new Map();

  countExit(kind: string): void {
    this.exits.set(kind, (this.exits.get(kind) ?? 0) + 1);
  }

  snapshot(
    vmId: number,
    vmName: string,
    vcpuId: number,
    instructions: number | undefined,
    events?: { readonly interrupts: number; readonly tlbRefills: number },
    jit?: { readonly compiled: number; readonly jitInstructions: number },
  ): VCpuStats {
    const exits: Record<string, number> = {};
    for (const [k, v] of [...this.exits].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])))
      exits[k] = v;
    const mips =
      instructions !== undefined && this.wallMs > 0 ? instructions / this.wallMs / 1000 : undefined;
    return {
      vmId,
      vmName,
      vcpuId,
      instructions,
      runs: this.runs,
      exits,
      wallMs: this.wallMs,
      mips,
      interrupts: events?.interrupts,
      tlbRefills: events?.tlbRefills,
      ...(jit === undefined ? {} : { jitCompiled: jit.compiled, jitInstructions: jit.jitInstructions }),
    };
  }
}

/**
 * Formats vCPU statistics as a plain-text table (one row per vCPU, exits as `Reason×count`).
 *
 * @param stats - The rows, e.g. from {@link Vmm.stats}.
 * @returns The table, lines joined by `\n`, ending with a newline.
 * @example
 * ```ts
 * import { formatStatsTable } from "@axvisor/axvisor";
 * const table = formatStatsTable([
 *   { vmId: 1, vmName: "hello", vcpuId: 0, instructions: 1000, runs: 1, exits: { SystemDown: 1 }, wallMs: 1, mips: 1 },
 * ]);
 * console.log(table.includes("SystemDown×1")); // true
 * ```
 */
export function formatStatsTable(stats: readonly VCpuStats[]): string {
  const header = [
    "VM",
    "name",
    "vCPU",
    "instructions",
    "MIPS",
    "time(ms)",
    "IRQs",
    "TLB refills",
    "exits by reason",
  ];
  // the compiler tier's columns only when some vCPU runs on it (the interpreter's table stays as it was)
  const jit = stats.some((s) => s.jitCompiled !== undefined);
  if (jit) header.splice(8, 0, "JIT regions", "JIT instructions");
  const rows = stats.map((s) => [
    String(s.vmId),
    s.vmName,
    String(s.vcpuId),
    s.instructions === undefined ? "-" : String(s.instructions),
    s.mips === undefined ? "-" : s.mips.toFixed(2),
    s.wallMs.toFixed(1),
    s.interrupts === undefined ? "-" : String(s.interrupts),
    s.tlbRefills === undefined ? "-" : String(s.tlbRefills),
    ...(jit
      ? [
          s.jitCompiled === undefined ? "-" : String(s.jitCompiled),
          s.jitInstructions === undefined ? "-" : String(s.jitInstructions),
        ]
      : []),
    Object.entries(s.exits)
      .map(([k, v]) => `${k}×${v}`)
      .join(" ") || "-",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  // Numbers right-aligned, text left-aligned; the last column is not padded.
  const right = new Set([0, 2, 3, 4, 5, 6, 7, 8, 9]);
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) =>
        i === cells.length - 1 ? c : right.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0),
      )
      .join("  ");
  const sep = widths.map((w, i) => "-".repeat(i === widths.length - 1 ? Math.max(w, 15) : w)).join("  ");
  return `${[line(header), sep, ...rows.map(line)].join("\n")}\n`;
}
