/**
 * The error kinds of `axerrno::AxError`, as a closed string-literal union.
 *
 * @example
 * ```ts
 * import type { AxErrorKind } from "@axvisor/axaddrspace";
 * const kind: AxErrorKind = "NoMemory";
 * ```
 */
export type AxErrorKind =
  | "AddrInUse"
  | "AlreadyConnected"
  | "AlreadyExists"
  | "BadAddress"
  | "BadFileDescriptor"
  | "BadState"
  | "ConnectionRefused"
  | "ConnectionReset"
  | "DirectoryNotEmpty"
  | "Interrupted"
  | "InvalidData"
  | "InvalidInput"
  | "Io"
  | "IsADirectory"
  | "NoMemory"
  | "NotADirectory"
  | "NotConnected"
  | "NotFound"
  | "OutOfRange"
  | "PermissionDenied"
  | "ResourceBusy"
  | "StorageFull"
  | "TimedOut"
  | "UnexpectedEof"
  | "Unsupported"
  | "WouldBlock"
  | "WriteZero";

const DEFAULT_MESSAGES: Readonly<Record<AxErrorKind, string>> = {
  AddrInUse: "Address in use",
  AlreadyConnected: "Already connected",
  AlreadyExists: "Entity already exists",
  BadAddress: "Bad address",
  BadFileDescriptor: "Bad file descriptor",
  BadState: "Bad internal state",
  ConnectionRefused: "Connection refused",
  ConnectionReset: "Connection reset",
  DirectoryNotEmpty: "Directory not empty",
  Interrupted: "Operation interrupted",
  InvalidData: "Invalid data",
  InvalidInput: "Invalid input parameter",
  Io: "I/O error",
  IsADirectory: "Is a directory",
  NoMemory: "Not enough memory",
  NotADirectory: "Not a directory",
  NotConnected: "Not connected",
  NotFound: "Entity not found",
  OutOfRange: "Out of range",
  PermissionDenied: "Permission denied",
  ResourceBusy: "Resource busy",
  StorageFull: "No storage space",
  TimedOut: "Timed out",
  UnexpectedEof: "Unexpected end of file",
  Unsupported: "Operation not supported",
  WouldBlock: "Operation would block",
  WriteZero: "Write zero",
};

/**
 * The error type shared by the `@axvisor` packages (mirrors `axerrno::AxError`).
 *
 * @example
 * ```ts
 * import { AxError } from "@axvisor/axaddrspace";
 * const e = new AxError("InvalidInput", "address not aligned");
 * console.log(e.code, e.message); // InvalidInput address not aligned
 * ```
 */
export class AxError extends Error {
  /** The error kind. */
  readonly code: AxErrorKind;

  /**
   * Creates an error.
   *
   * @param code - The error kind.
   * @param message - A message; defaults to the kind's standard description.
   * @param options - `cause`: the underlying error, preserved as `error.cause`.
   */
  constructor(code: AxErrorKind, message?: string, options?: { cause?: unknown }) {
    super(message ?? DEFAULT_MESSAGES[code], options);
    this.name = "AxError";
    this.code = code;
  }
}
