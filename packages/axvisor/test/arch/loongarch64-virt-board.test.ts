import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { AccessWidth, GuestPhysAddr } from "@axvisor/axaddrspace";
import { AxVMConfig, AxVMCrateConfig, type EmulatedDeviceConfig, LoongArchPchPic } from "@axvisor/axvm";
import { describe, expect, it } from "vitest";
import { LoongArchVirtBoard, loongarch64, qemuVirtConfig, qemuVirtConfigToml, Vmm } from "../../src/index.js";

const ELF = (name: string): Uint8Array =>
  new Uint8Array(
    readFileSync(resolve(import.meta.dirname, "../../../../examples/guests/elf", `${name}.elf`)),
  );

const uart = (irqId: bigint): EmulatedDeviceConfig => ({
  name: "uart0",
  baseGpa: 0x1fe0_01e0n,
  length: 8n,
  irqId,
  emuType: 0x2,
  cfgList: [],
});

describe("LoongArchVirtBoard", () => {
  it("puts the PCH-PIC at 0x10000000 and feeds its outputs to the EXTIOI of the shared IOCSR space", () => {
    const board = new LoongArchVirtBoard(new AxVMConfig(qemuVirtConfig()));
    expect(board.devices).toEqual([board.pchPic]);
    expect(board.pchPic.addressRange().start.value).toBe(0x1000_0000n);
    const lines: string[] = [];
    board.iocsr.attach(0, (line, level) => lines.push(`${line}=${level}`));
    board.iocsr.write(0, 0x14c0n, 4, 0x0202_0202n);
    board.iocsr.write(0, 0x1600n, 4, 0xffff_ffffn);
    const at = (off: number) => GuestPhysAddr.from(0x1000_0000n + BigInt(off));
    board.pchPic.handleWrite(at(0x202), AccessWidth.Byte, 2n);
    board.pchPic.handleWrite(at(0x20), AccessWidth.Dword, 0xffff_fffbn);
    board.interruptLine(uart(2n))?.(true);
    expect(lines).toEqual(["3=true"]);
    expect(board.iocsr.read(0, 0x1800n, 8)).toBe(4n);
  });

  it("an irq_id is a PCH-PIC pin; 64 and above leave the device unconnected", () => {
    const board = new LoongArchVirtBoard(new AxVMConfig(qemuVirtConfig()));
    expect(board.interruptLine(uart(63n))).toBeTypeOf("function");
    expect(board.interruptLine(uart(64n))).toBeUndefined();
  });

  it("an InterruptController emu_devices entry places the PCH-PIC (and no default one is added)", () => {
    const toml = qemuVirtConfigToml().replace(
      'emu_devices = [["uart0", 0x1fe001e0, 0x8, 2, 0x2, []]]',
      'emu_devices = [["uart0", 0x1fe001e0, 0x8, 2, 0x2, []], ["pic", 0x1100_0000, 0x1000, 0, 0x1, []], ["pic2", 0x1200_0000, 0x1000, 0, 0x1, []]]',
    );
    const config = new AxVMConfig(AxVMCrateConfig.fromToml(toml));
    const board = new LoongArchVirtBoard(config);
    expect(board.devices).toEqual([]);
    const [, first, second] = config.emuDevices;
    expect(board.interruptController(first as EmulatedDeviceConfig)).toBe(board.pchPic);
    expect(board.interruptController(second as EmulatedDeviceConfig)).toBeUndefined();
    expect(board.pchPic.name).toBe("pic");
    expect(board.pchPic.addressRange().start.value).toBe(0x1100_0000n);
  });

  it("the VMM builds one per VM: the PCH-PIC answers at 0x10000000 and the config's entry is used", () => {
    const toml = qemuVirtConfigToml({ memBytes: 256n << 20n }).replace(
      'emu_devices = [["uart0", 0x1fe001e0, 0x8, 2, 0x2, []]]',
      'emu_devices = [["uart0", 0x1fe001e0, 0x8, 2, 0x2, []], ["pch-pic", 0x1000_0000, 0x1000, 0, 0x1, []]]',
    );
    const warnings: string[] = [];
    const vmm = new Vmm({
      arch: loongarch64,
      onEvent: (e) => (e.kind === "warning" ? warnings.push(e.message) : undefined),
    });
    const vm = vmm.createVm(new AxVMConfig(AxVMCrateConfig.fromToml(toml)), { kernel: ELF("hello") });
    expect(warnings).toEqual([]);
    const dev = vm.axvm.getDevices().findMmioDev(GuestPhysAddr.from(0x1000_0000n));
    expect(dev).toBeInstanceOf(LoongArchPchPic);
    expect(dev?.handleRead(GuestPhysAddr.from(0x1000_0004n), AccessWidth.Dword)).toBe(0x003f_0001n);
  });
});

describe("console input to an interrupt-driven guest through the VMM", () => {
  const PROMPT = "ends.\r\n> ";

  function vmmWithInput(input: string) {
    let text = "";
    let pending: string | undefined = input;
    const vmm = new Vmm({
      arch: loongarch64,
      console: (_id, bytes) => (text += Buffer.from(bytes).toString("latin1")),
      consoleInput: () => {
        if (pending === undefined || !text.includes(PROMPT)) return undefined;
        const bytes = Buffer.from(pending);
        pending = undefined;
        return new Uint8Array(bytes);
      },
    });
    const vm = vmm.createVm(new AxVMConfig(qemuVirtConfig({ name: "uartirq", memBytes: 256n << 20n })), {
      kernel: ELF("uartirq"),
    });
    vmm.startVm(vm.id);
    return { vmm, vm, text: () => text };
  }

  it("wakes the idle guest with its UART receive interrupt (PCH-PIC pin 2 → EXTIOI → HWI1)", () => {
    const { vmm, vm, text } = vmmWithInput("abc\nexit\n");
    expect(vmm.run()).toBe("done");
    expect(vm.reason()).toBe("powered off");
    expect(text()).toContain("> ABC\r\n> EXIT\r\nbye: 2 lines, 0 stray vectors\r\n");
    const [stats] = vmm.stats();
    expect(stats?.exits["Halt"]).toBeGreaterThan(0);
  });

  it("without input the run ends idle; runAsync waits while waitForInput says more may come", async () => {
    const { vmm } = vmmWithInput("");
    expect(vmm.run()).toBe("idle");
    // more input may come for the first few asks: the run waits (sleeping idleMs) instead of ending
    let polls = 0;
    let waits = 0;
    const outcome = await vmm.runAsync({
      waitForInput: () => ++polls < 6,
      idleMs: 0,
      onYield: () => waits++,
    });
    expect(outcome).toBe("idle");
    expect(polls).toBeGreaterThanOrEqual(6);
    // each ask that said "more may come" cost one wait; the last one ended the run
    expect(waits).toBe(polls - 1);
  });
});
