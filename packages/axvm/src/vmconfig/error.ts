import { AxError } from "@axvisor/axaddrspace";

/**
 * A VM config that cannot be accepted: TOML syntax, a wrong type, a missing or unknown key, a value
 * out of range. An `AxError` with code `InvalidInput` (what Rust `from_toml` returns) whose message
 * starts with the field path and says what was expected, e.g.
 * `kernel.memory_regions[0][3] (map_type): expected 0 (MapAlloc), 1 (MapIdentical) or 2 (MapReserved), got 5`.
 *
 * @example
 * ```ts
 * import { AxVMConfigError, AxVMCrateConfig } from "@axvisor/axvm";
 * try {
 *   AxVMCrateConfig.fromToml("[base]\nid = -1");
 * } catch (e) {
 *   if (e instanceof AxVMConfigError) console.log(e.path, e.message);
 * }
 * ```
 */
export class AxVMConfigError extends AxError {
  /** The offending field, e.g. `kernel.memory_regions[0][3]`; `undefined` for TOML syntax errors. */
  readonly path: string | undefined;
  /** 1-based line of a TOML syntax error. */
  readonly line: number | undefined;
  /** 1-based column of a TOML syntax error. */
  readonly column: number | undefined;

  /**
   * Creates the error.
   *
   * @param path - the field path, or `undefined` for a syntax error.
   * @param message - the full message (already prefixed with the path).
   * @param options - `cause`, and `line`/`column` for syntax errors.
   */
  constructor(
    path: string | undefined,
    message: string,
    options?: { cause?: unknown; line?: number; column?: number },
  ) {
    super("InvalidInput", message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AxVMConfigError";
    this.path = path;
    this.line = options?.line;
    this.column = options?.column;
  }
}
