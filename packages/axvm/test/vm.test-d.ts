import type { HostPhysMemory } from "@axvisor/axaddrspace";
import type { AxArchVCpuConstructor, AxVCpu } from "@axvisor/axvcpu";
import { expectTypeOf, test } from "vitest";
import { AxVM, type AxVMConfig, type AxVMOptions, type VMStatus } from "../src/index.js";

declare const config: AxVMConfig;
declare const hal: HostPhysMemory;
declare const Arch: AxArchVCpuConstructor<{ cpuId: number }, { passthroughTimer: boolean }>;

test("AxVM takes its vCPU config types from the injected architecture", () => {
  const vm = new AxVM(config, {
    hal,
    arch: Arch,
    createConfig: ({ vcpuId }) => ({ cpuId: vcpuId }),
    setupConfig: () => ({ passthroughTimer: false }),
    nptArch: "loongarch64",
  });
  expectTypeOf(vm).toEqualTypeOf<AxVM<{ cpuId: number }, { passthroughTimer: boolean }>>();
  expectTypeOf(vm.vcpu(0)).toEqualTypeOf<
    AxVCpu<{ cpuId: number }, { passthroughTimer: boolean }> | undefined
  >();
  expectTypeOf(vm.vmStatus()).toEqualTypeOf<VMStatus>();
  expectTypeOf<AxVMOptions<{ cpuId: number }, void>["createConfig"]>().returns.toEqualTypeOf<{
    cpuId: number;
  }>();
  new AxVM(config, {
    hal,
    arch: Arch,
    // @ts-expect-error the create config must match the architecture's
    createConfig: () => ({ cpu: 0 }),
    setupConfig: () => ({ passthroughTimer: true }),
    nptArch: "loongarch64",
  });
});
