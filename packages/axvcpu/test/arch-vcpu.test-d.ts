import { expectTypeOf, test } from "vitest";
import type { AxArchVCpu, AxArchVCpuConstructor, AxVCpuExitReason } from "../src/index.js";
import { AxVCpu } from "../src/index.js";

class V implements AxArchVCpu<{ a: number }, { b: string }> {
  // biome-ignore lint/complexity/noUselessConstructor: its parameter types are what the test infers from.
  constructor(_vm: number, _id: number, _c: { a: number }) {}
  setEntry(): void {}
  setEptRoot(): void {}
  setup(_c: { b: string }): void {}
  run(): AxVCpuExitReason {
    return { kind: "Halt" };
  }
  bind(): void {}
  unbind(): void {}
  setGpr(): void {}
  injectInterrupt(): void {}
  setReturnValue(): void {}
}

test("a class is an AxArchVCpuConstructor and AxVCpu infers its configs", () => {
  expectTypeOf(V).toMatchTypeOf<AxArchVCpuConstructor<{ a: number }, { b: string }, V>>();
  const vcpu = new AxVCpu(V, 0, 0, 0, undefined, { a: 1 });
  expectTypeOf(vcpu.getArchVcpu()).toEqualTypeOf<V>();
  expectTypeOf(vcpu.setup).parameter(2).toEqualTypeOf<{ b: string }>();
});

test("exit reasons narrow on kind", () => {
  const e = { kind: "MmioRead" } as AxVCpuExitReason;
  if (e.kind === "MmioRead") {
    expectTypeOf(e.reg).toEqualTypeOf<number>();
    expectTypeOf(e.signedExt).toEqualTypeOf<boolean>();
  }
  if (e.kind === "Hypercall")
    expectTypeOf(e.args).toEqualTypeOf<readonly [bigint, bigint, bigint, bigint, bigint, bigint]>();
});
