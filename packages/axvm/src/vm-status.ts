/**
 * The lifecycle states of a VM (Rust `axvm::VMStatus`).
 *
 * @example
 * ```ts
 * import { VMStatus, vmStatusAsStr } from "@axvisor/axvm";
 * vmStatusAsStr(VMStatus.Running); // "running"
 * ```
 */
export const VMStatus: {
  /** Created, being configured and loaded. */
  readonly Loading: "Loading";
  /** Images loaded and initialised, not yet booted. */
  readonly Loaded: "Loaded";
  /** Booted; vCPUs may run. */
  readonly Running: "Running";
  /** Suspended. */
  readonly Suspended: "Suspended";
  /** Shutting down: vCPUs should stop. */
  readonly Stopping: "Stopping";
  /** Stopped. */
  readonly Stopped: "Stopped";
} = {
  Loading: "Loading",
  Loaded: "Loaded",
  Running: "Running",
  Suspended: "Suspended",
  Stopping: "Stopping",
  Stopped: "Stopped",
} as const;

/** One of the {@link VMStatus} values. */
export type VMStatus = (typeof VMStatus)[keyof typeof VMStatus];

/**
 * The lowercase name (Rust `VMStatus::as_str`, also its `Display`).
 *
 * @param status - the status.
 * @returns e.g. `"stopping"`.
 * @example
 * ```ts
 * import { vmStatusAsStr } from "@axvisor/axvm";
 * vmStatusAsStr("Loaded"); // "loaded"
 * ```
 */
export function vmStatusAsStr(status: VMStatus): Lowercase<VMStatus> {
  return status.toLowerCase() as Lowercase<VMStatus>;
}

const ICONS: Readonly<Record<VMStatus, string>> = {
  Loading: "⏳",
  Loaded: "📦",
  Running: "🚀",
  Suspended: "🛑",
  Stopping: "⏹️",
  Stopped: "💤",
};

/**
 * The name with an icon (Rust `VMStatus::as_str_with_icon`).
 *
 * @param status - the status.
 * @returns e.g. `"🚀 running"`.
 * @example
 * ```ts
 * import { vmStatusWithIcon } from "@axvisor/axvm";
 * vmStatusWithIcon("Running"); // "🚀 running"
 * ```
 */
export function vmStatusWithIcon(status: VMStatus): string {
  return `${ICONS[status]} ${vmStatusAsStr(status)}`;
}
