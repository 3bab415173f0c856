/**
 * What went wrong in a {@link VmmError}.
 *
 * - `UnknownArch`: no architecture of that name is known.
 * - `NoVCpu`: the architecture is known but has no vCPU implementation yet.
 * - `NotFound`: no VM with that id.
 * - `AlreadyExists`: a VM with that id exists already.
 * - `BadState`: the VM is not in a state that allows the operation (e.g. starting a running VM).
 * - `InvalidInput`: a bad argument or image.
 *
 * @example
 * ```ts
 * import type { VmmErrorCode } from "@axvisor/axvisor";
 * const code: VmmErrorCode = "NotFound";
 * ```
 */
export type VmmErrorCode =
  | "UnknownArch"
  | "NoVCpu"
  | "NotFound"
  | "AlreadyExists"
  | "BadState"
  | "InvalidInput";

/**
 * The error thrown by the VMM for misuse and for user errors (unknown VM, bad state, missing arch).
 * Errors of the lower layers (config, image, address space) are passed through unchanged.
 *
 * @example
 * ```ts
 * import { VmmError } from "@axvisor/axvisor";
 * const e = new VmmError("NotFound", "no VM with id 7");
 * console.log(e.code, e.message); // NotFound no VM with id 7
 * ```
 */
export class VmmError extends Error {
  /** The kind of failure. */
  readonly code: VmmErrorCode;

  /**
   * Creates the error.
   *
   * @param code - The kind of failure.
   * @param message - A sentence for the user.
   * @param options - `cause`: the underlying error, if any.
   * @example
   * ```ts
   * import { VmmError } from "@axvisor/axvisor";
   * const e = new VmmError("BadState", "VM 1 is already running", { cause: new Error("boot") });
   * console.log(e.code); // BadState
   * ```
   */
  constructor(code: VmmErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "VmmError";
    this.code = code;
  }
}
