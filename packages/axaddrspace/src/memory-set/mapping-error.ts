import { AxError } from "../error.js";

/**
 * The kinds of {@link MappingError} (Rust `memory_set::MappingError`).
 *
 * @example
 * ```ts
 * import type { MappingErrorCode } from "@axvisor/axaddrspace";
 * const code: MappingErrorCode = "AlreadyExists";
 * ```
 */
export type MappingErrorCode = "InvalidParam" | "AlreadyExists" | "BadState";

const MESSAGES: Readonly<Record<MappingErrorCode, string>> = {
  InvalidParam: "invalid parameter",
  AlreadyExists: "the range overlaps an existing mapping",
  BadState: "the backend failed",
};

/**
 * A memory-set operation failed (Rust `memory_set::MappingError`).
 *
 * @example
 * ```ts
 * import { MappingError } from "@axvisor/axaddrspace";
 * const e = new MappingError("InvalidParam");
 * console.log(e.code, e.toAxError().code); // InvalidParam InvalidInput
 * ```
 */
export class MappingError extends Error {
  /** The error kind. */
  readonly code: MappingErrorCode;

  /**
   * Creates an error.
   *
   * @param code - The error kind.
   * @param message - A message; defaults to a description of the kind.
   * @param options - `cause`: the underlying error.
   */
  constructor(code: MappingErrorCode, message?: string, options?: { cause?: unknown }) {
    super(message ?? MESSAGES[code], options);
    this.name = "MappingError";
    this.code = code;
  }

  /**
   * Converts to an {@link AxError} as Rust's `From<MappingError> for AxError` (and axaddrspace's
   * `mapping_err_to_ax_err`) do: `InvalidParam` → `InvalidInput`, `AlreadyExists` → `AlreadyExists`,
   * `BadState` → `BadState`.
   *
   * @returns The converted error, with this error as its cause.
   *
   * @example
   * ```ts
   * import { MappingError } from "@axvisor/axaddrspace";
   * console.log(new MappingError("AlreadyExists").toAxError().code); // AlreadyExists
   * ```
   */
  toAxError(): AxError {
    const code = this.code === "InvalidParam" ? "InvalidInput" : this.code;
    return new AxError(code, this.message, { cause: this });
  }
}
