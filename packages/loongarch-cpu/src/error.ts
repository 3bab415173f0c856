/**
 * The error class of @axvisor/loongarch-cpu.
 *
 * @module
 */

/** The closed set of {@link LoongArchCpuError} codes. */
export type LoongArchCpuErrorCode = "InvalidArgument" | "Unmapped" | "InvalidElf" | "BadState";

/**
 * Thrown on misuse of the CPU, memory, loader and interrupt-controller APIs (never for guest faults,
 * which become guest exceptions). The package's convention: {@link LoongArchVCpu}, the
 * `AxArchVCpu` implementation, throws `AxError` (`InvalidInput`, `BadState`) as every axvcpu backend
 * does; the assembler throws {@link AsmError} for bad source (and `RangeError` for a bad base
 * address); everything else throws this class.
 *
 * @example
 * ```ts
 * import { FlatMemory, LoongArchCpuError } from "@axvisor/loongarch-cpu";
 * try {
 *   new FlatMemory(0n, 4096).read(0x10000n, 1);
 * } catch (e) {
 *   console.log(e instanceof LoongArchCpuError && e.code); // "Unmapped"
 * }
 * ```
 */
export class LoongArchCpuError extends Error {
  /** What went wrong. */
  readonly code: LoongArchCpuErrorCode;

  /**
   * Creates the error.
   *
   * @param code - The error code.
   * @param message - A human-readable description.
   * @param options - Optional `cause`.
   *
   * @example
   * ```ts
   * import { LoongArchCpuError } from "@axvisor/loongarch-cpu";
   * console.log(new LoongArchCpuError("InvalidElf", "not an ELF").code); // "InvalidElf"
   * ```
   */
  constructor(code: LoongArchCpuErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LoongArchCpuError";
    this.code = code;
  }
}
