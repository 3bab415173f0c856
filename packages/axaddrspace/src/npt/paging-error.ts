import { AxError } from "../error.js";

/**
 * The kinds of {@link PagingError} (Rust `page_table_multiarch::PagingError`).
 *
 * @example
 * ```ts
 * import type { PagingErrorCode } from "@axvisor/axaddrspace";
 * const code: PagingErrorCode = "NotMapped";
 * ```
 */
export type PagingErrorCode = "NoMemory" | "NotAligned" | "NotMapped" | "AlreadyMapped" | "MappedToHugePage";

const MESSAGES: Readonly<Record<PagingErrorCode, string>> = {
  NoMemory: "cannot allocate memory for a page table",
  NotAligned: "the address or size is not aligned to the page size",
  NotMapped: "the mapping is not present",
  AlreadyMapped: "the mapping is already present",
  MappedToHugePage: "the region is mapped by a huge page",
};

/**
 * A page-table operation failed (Rust `page_table_multiarch::PagingError`).
 *
 * @example
 * ```ts
 * import { PagingError } from "@axvisor/axaddrspace";
 * const e = new PagingError("NotMapped");
 * console.log(e.code, e.toAxError().code); // NotMapped InvalidInput
 * ```
 */
export class PagingError extends Error {
  /** The error kind. */
  readonly code: PagingErrorCode;

  /**
   * Creates an error.
   *
   * @param code - The error kind.
   * @param message - A message; defaults to a description of the kind.
   * @param options - `cause`: the underlying error.
   */
  constructor(code: PagingErrorCode, message?: string, options?: { cause?: unknown }) {
    super(message ?? MESSAGES[code], options);
    this.name = "PagingError";
    this.code = code;
  }

  /**
   * Converts to an {@link AxError} as Rust's `From<PagingError> for AxError` does: `NoMemory` stays
   * `NoMemory`, every other kind becomes `InvalidInput`.
   *
   * @returns The converted error, with this error as its cause.
   *
   * @example
   * ```ts
   * import { PagingError } from "@axvisor/axaddrspace";
   * console.log(new PagingError("NoMemory").toAxError().code); // NoMemory
   * ```
   */
  toAxError(): AxError {
    return new AxError(this.code === "NoMemory" ? "NoMemory" : "InvalidInput", this.message, { cause: this });
  }
}
