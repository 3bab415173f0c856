import { HostPhysAddr } from "../addr.js";
import type { PagingHandler } from "../hal.js";

interface FastHal {
  allocFrameAddress?: () => number;
  deallocFrameAddress?: (address: number) => void;
}

/** Allocates a frame through the numeric fast path when the HAL has one; -1 when out of memory. */
export function allocFrameNumber(hal: PagingHandler): number {
  const fast = (hal as FastHal).allocFrameAddress;
  if (typeof fast === "function") return fast.call(hal);
  const frame = hal.allocFrame();
  return frame === undefined ? -1 : Number(frame.value);
}

/** Frees a frame through the numeric fast path when the HAL has one. */
export function deallocFrameNumber(hal: PagingHandler, pa: number): void {
  const fast = (hal as FastHal).deallocFrameAddress;
  if (typeof fast === "function") fast.call(hal, pa);
  else hal.deallocFrame(HostPhysAddr.from(pa));
}
