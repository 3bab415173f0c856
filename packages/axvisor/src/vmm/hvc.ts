/**
 * Hypercall numbers the default handler knows, after axvisor's `HyperCallCode`.
 * Only `HyperVisorDebug` is served (it returns 0); the others fail with -1, as they need
 * host features (disabling the hypervisor, IVC channels) this VMM does not have.
 *
 * @example
 * ```ts
 * import { HyperCallCode } from "@axvisor/axvisor";
 * console.log(HyperCallCode.HyperVisorDebug); // 2n
 * ```
 */
export const HyperCallCode: {
  /** Turn the hypervisor off (unsupported). */
  readonly HypervisorDisable: 0n;
  /** Prepare turning it off (unsupported). */
  readonly HyperVisorPrepareDisable: 1n;
  /** Debug call: returns 0. */
  readonly HyperVisorDebug: 2n;
  /** Publish an IVC channel (unsupported). */
  readonly HIVCPublishChannel: 3n;
  /** Subscribe to an IVC channel (unsupported). */
  readonly HIVCSubscribChannel: 4n;
  /** Withdraw an IVC channel (unsupported). */
  readonly HIVCUnPublishChannel: 5n;
  /** Unsubscribe from an IVC channel (unsupported). */
  readonly HIVCUnSubscribChannel: 6n;
} = {
  HypervisorDisable: 0n,
  HyperVisorPrepareDisable: 1n,
  HyperVisorDebug: 2n,
  HIVCPublishChannel: 3n,
  HIVCSubscribChannel: 4n,
  HIVCUnPublishChannel: 5n,
  HIVCUnSubscribChannel: 6n,
} as const;

/**
 * One hypercall as the VMM sees it.
 *
 * @example
 * ```ts
 * import type { HypercallInfo } from "@axvisor/axvisor";
 * const call: HypercallInfo = { vmId: 1, vcpuId: 0, nr: 2n, args: [0n, 0n, 0n, 0n, 0n, 0n] };
 * ```
 */
export interface HypercallInfo {
  /** Calling VM. */
  readonly vmId: number;
  /** Calling vCPU. */
  readonly vcpuId: number;
  /** Hypercall number. */
  readonly nr: bigint;
  /** The six arguments. */
  readonly args: readonly [bigint, bigint, bigint, bigint, bigint, bigint];
}

/**
 * Serves a hypercall: returns the value for the guest's return register, or throws to make the
 * VMM return -1 (axvisor's `set_return_value(-1)` on error).
 *
 * @example
 * ```ts
 * import type { HypercallHandler } from "@axvisor/axvisor";
 * const handler: HypercallHandler = (call) => call.args[0] + call.args[1];
 * ```
 */
export type HypercallHandler = (call: HypercallInfo) => bigint;

/**
 * The default hypercall handler: `HyperVisorDebug` returns 0, everything else throws.
 *
 * @param call - The hypercall.
 * @returns 0 for `HyperVisorDebug`.
 * @throws {Error} For every other number (the VMM turns it into -1).
 * @example
 * ```ts
 * import { defaultHypercallHandler } from "@axvisor/axvisor";
 * console.log(defaultHypercallHandler({ vmId: 1, vcpuId: 0, nr: 2n, args: [0n, 0n, 0n, 0n, 0n, 0n] })); // 0n
 * ```
 */
export function defaultHypercallHandler(call: HypercallInfo): bigint {
  if (call.nr === HyperCallCode.HyperVisorDebug) return 0n;
  throw new Error(`unsupported hypercall 0x${call.nr.toString(16)}`);
}
