import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { GuestPhysAddr } from "@axvisor/axaddrspace";
import { AxVMConfig } from "@axvisor/axvm";
import { LoongArchVCpu } from "@axvisor/loongarch-cpu";
import { describe, expect, it } from "vitest";
import { archs, loongarch64, qemuVirtConfig, qemuVirtConfigToml, resolveArch, Vmm } from "../../src/index.js";

const ELF = (name: string): Uint8Array =>
  new Uint8Array(
    readFileSync(resolve(import.meta.dirname, "../../../../examples/guests/elf", `${name}.elf`)),
  );

describe("the loongarch64 binding", () => {
  it("is the registered LoongArch64 architecture", () => {
    expect(archs["loongarch64"]).toBe(loongarch64);
    expect(resolveArch("loongarch64")).toBe(loongarch64);
    expect(loongarch64.vcpu).toBe(LoongArchVCpu);
    expect([loongarch64.nptArch, loongarch64.elfMachine, loongarch64.paddrMask]).toEqual([
      "loongarch64",
      258,
      0x1fff_ffffn,
    ]);
    expect(loongarch64.argRegs[0]).toBe(4);
    expect(loongarch64.startAllVcpus).toBe(true);
    expect(loongarch64.disassemble?.(0x02c00063, 0x200004n)).toBe("addi.d\t$sp, $sp, 0");
  });

  it("runs the hello guest through the VMM: its UART bytes reach the console sink, then it powers off", () => {
    let text = "";
    const vmm = new Vmm({
      arch: loongarch64,
      console: (_id, bytes) => (text += new TextDecoder().decode(bytes)),
    });
    const vm = vmm.createVm(new AxVMConfig(qemuVirtConfig({ name: "hello", memBytes: 256n << 20n })), {
      kernel: ELF("hello"),
      kernelName: "hello.elf",
    });
    vmm.startVm(vm.id);
    expect(vmm.run()).toBe("done");
    expect(text).toBe(
      "Hello from a LoongArch64 guest on the virt board!\r\nThis line came through the NS16550A UART at 0x1fe001e0.\r\n",
    );
    expect(vm.reason()).toBe("powered off");
    const [stats] = vmm.stats();
    expect(stats?.instructions).toBeGreaterThan(500);
    expect(stats?.exits["MmioWrite"]).toBeGreaterThan(100);
  });

  it("gives each vCPU its id as CPUID and the config's interrupt mode", () => {
    const vmm = new Vmm({ arch: loongarch64 });
    const vm = vmm.createVm(new AxVMConfig(qemuVirtConfig({ smp: 2, memBytes: 64n << 20n })), {
      kernel: ELF("hello"),
    });
    const cpus = vm.axvm.vcpuList().map((v) => v.getArchVcpu());
    expect(cpus).toHaveLength(2);
    expect(cpus.map((c) => (c as unknown as { inner: LoongArchVCpu }).inner.vcpuId)).toEqual([0, 1]);
    expect((cpus[1] as unknown as { inner: LoongArchVCpu }).inner.setupConfig()).toEqual({
      passthroughInterrupt: false,
      passthroughTimer: false,
    });
  });

  it("writes the config's cmdline at 0x100000 and points the boot vCPU's a1 at it", () => {
    const vmm = new Vmm({ arch: loongarch64 });
    const config = qemuVirtConfig({ smp: 2, memBytes: 64n << 20n, cmdline: "console=ttyS0 loglevel=7" });
    const vm = vmm.createVm(new AxVMConfig(config), { kernel: ELF("hello") });
    const bytes = vm.axvm.readFromGuest(GuestPhysAddr.from(0x100000n), 26);
    expect(new TextDecoder().decode(bytes)).toBe("console=ttyS0 loglevel=7\0\0");
    const [boot, second] = vm.axvm
      .vcpuList()
      .map((v) => (v.getArchVcpu() as unknown as { inner: LoongArchVCpu }).inner);
    expect(boot?.gpr(5)).toBe(0x100000n);
    expect(second?.gpr(5)).toBe(0n);
  });

  it("refuses a cmdline that would overwrite a device tree loaded at its address", () => {
    const vmm = new Vmm({ arch: loongarch64 });
    const toml = qemuVirtConfigToml({ memBytes: 64n << 20n, cmdline: "console=ttyS0" }).replace(
      "kernel_load_addr = 0x200000",
      "kernel_load_addr = 0x200000\ndtb_load_addr = 0x100000",
    );
    const dtb = Uint8Array.of(0xd0, 0x0d, 0xfe, 0xed);
    expect(() => vmm.createVm(AxVMConfig.fromToml(toml), { kernel: ELF("hello"), dtb })).toThrow(
      "cmdline: address: [0x100000, 0x10000e) overlaps a loaded image at [0x100000, 0x100004)",
    );
  });

  it("refuses a cmdline longer than the kernel's 4096-byte COMMAND_LINE_SIZE", () => {
    const vmm = new Vmm({ arch: loongarch64 });
    const config = qemuVirtConfig({ memBytes: 64n << 20n, cmdline: "x".repeat(4096) });
    expect(() => vmm.createVm(new AxVMConfig(config), { kernel: ELF("hello") })).toThrow(
      "cmdline: length: 4096 bytes; the kernel reads at most 4095",
    );
  });
});
