import { describe, expect, it } from "vitest";
import { defaultHypercallHandler, HyperCallCode } from "../../src/index.js";

const call = (nr: bigint) => ({ vmId: 1, vcpuId: 0, nr, args: [0n, 0n, 0n, 0n, 0n, 0n] as const });

describe("default hypercall handler", () => {
  it("answers HyperVisorDebug with 0 and refuses the rest", () => {
    expect(defaultHypercallHandler(call(HyperCallCode.HyperVisorDebug))).toBe(0n);
    for (const nr of [0n, 1n, 3n, 4n, 5n, 6n, 0xffn]) {
      expect(() => defaultHypercallHandler(call(nr))).toThrow(`unsupported hypercall 0x${nr.toString(16)}`);
    }
  });
});
