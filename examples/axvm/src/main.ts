// A VM built from a TOML config, run by a scripted vCPU: it prints a greeting through the NS16550A
// UART (polling LSR before each THR write), reads a reply the host typed, touches lazy RAM (a nested
// page fault the VM resolves) and powers the board off through QEMU's GED register.
// Every VM exit is printed as it happens.
import { AccessWidth, AxError, GuestPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
import { type AxArchVCpu, type AxVCpuExitReason, formatExitReason } from "@axvisor/axvcpu";
import { AxVM, AxVMConfig, Ns16550a, QemuGedPowerRegs, vmStatusWithIcon } from "@axvisor/axvm";

const TOML = `
[base]
id = 1
name = "scripted-guest"
vm_type = 1
cpu_num = 1

[kernel]
entry_point = 0x20_0000
kernel_path = "scripted"          # nothing to load: the vCPU below is a script
kernel_load_addr = 0x20_0000
memory_regions = [[0x0, 0x100_0000, 0x7, 0]]   # 16 MiB, R|W|X, MapAlloc (frames on first touch)

[devices]
emu_devices = []
passthrough_devices = []
passthrough_addresses = [[0x1fe0_0000, 0x1000], [0x100e_0000, 0x1000]]
`;

const UART = 0x1fe0_01e0n;
const LSR = UART + 5n;
const A0 = 4; // LoongArch $a0
const { Byte, Qword } = AccessWidth;
const gpa = (v: bigint): GuestPhysAddr => GuestPhysAddr.from(v);

/** What the guest "executes": a generator of VM exits; the last register value set is visible to it. */
function* guestProgram(cpu: ScriptedVCpu): Generator<AxVCpuExitReason, void, void> {
  const putc = function* (c: number): Generator<AxVCpuExitReason, void, void> {
    // while (!(LSR & THRE)) {}  then  THR = c
    do yield { kind: "MmioRead", addr: gpa(LSR), width: Byte, reg: A0, regWidth: Qword, signedExt: false };
    while ((cpu.gpr(A0) & 0x20n) === 0n);
    yield { kind: "MmioWrite", addr: gpa(UART), width: Byte, data: BigInt(c) };
  };
  for (const ch of "Hello from a scripted guest!\nType something: ") yield* putc(ch.charCodeAt(0));
  // Read until newline: if (LSR & DR) c = RBR.
  const line: number[] = [];
  for (;;) {
    yield { kind: "MmioRead", addr: gpa(LSR), width: Byte, reg: A0, regWidth: Qword, signedExt: false };
    if ((cpu.gpr(A0) & 1n) === 0n) {
      yield { kind: "Nothing" }; // nothing typed yet: give the host a turn
      continue;
    }
    // ld.b sign-extends: the guest sees a negative value for bytes >= 0x80.
    yield { kind: "MmioRead", addr: gpa(UART), width: Byte, reg: A0, regWidth: Qword, signedExt: true };
    const c = Number(cpu.gpr(A0) & 0xffn);
    if (c === 0x0a) break;
    line.push(c);
  }
  for (const ch of '\nYou typed "') yield* putc(ch.charCodeAt(0));
  for (const c of line) yield* putc(c); // UTF-8 bytes go back out untouched
  for (const ch of '". Touching lazy RAM, then powering off.\n') yield* putc(ch.charCodeAt(0));
  yield { kind: "NestedPageFault", addr: gpa(0x80_0000n), accessFlags: MappingFlags.WRITE };
  yield { kind: "Hypercall", nr: 0x42n, args: [1n, 2n, 3n, 0n, 0n, 0n] };
  yield { kind: "MmioWrite", addr: gpa(0x100e_001cn), width: Byte, data: 0x34n };
}

/** A fake architecture vCPU that replays `guestProgram`, logging each exit it produces. */
class ScriptedVCpu implements AxArchVCpu<{ trace: boolean }, void> {
  readonly #gprs = new Map<number, bigint>();
  readonly #program: Generator<AxVCpuExitReason, void, void>;
  readonly #trace: boolean;

  constructor(_vmId: number, _vcpuId: number, config: { trace: boolean }) {
    this.#program = guestProgram(this);
    this.#trace = config.trace;
  }
  gpr(reg: number): bigint {
    return this.#gprs.get(reg) ?? 0n;
  }
  setEntry(entry: GuestPhysAddr): void {
    console.log(`[vcpu] entry ${entry}`);
  }
  setEptRoot(): void {}
  setup(): void {}
  run(): AxVCpuExitReason {
    const next = this.#program.next();
    if (next.done) throw new AxError("BadState", "the guest program has ended");
    const exit = next.value;
    // Character-by-character UART traffic would drown the trace: show only the other exits.
    const uartTraffic =
      (exit.kind === "MmioRead" || exit.kind === "MmioWrite") && exit.addr.value - UART < 8n;
    if (this.#trace && !uartTraffic) console.log(`\n[vcpu] exit ${formatExitReason(exit)}`);
    return exit;
  }
  bind(): void {}
  unbind(): void {}
  setGpr(reg: number, val: bigint): void {
    this.#gprs.set(reg, val);
  }
  injectInterrupt(): void {}
  setReturnValue(val: bigint): void {
    this.#gprs.set(A0, val);
  }
}

const hal = new HostPhysMemory();
const uart = new Ns16550a({ sink: (bytes) => process.stdout.write(bytes) });
const vm = new AxVM(AxVMConfig.fromToml(TOML), {
  hal,
  arch: ScriptedVCpu,
  createConfig: () => ({ trace: true }),
  setupConfig: () => undefined,
  nptArch: "loongarch64",
  devices: [uart, new QemuGedPowerRegs({ onEvent: (e) => console.log(`\n[board] power event: ${e}`) })],
});
console.log(`[vm] ${vm.config().name}: ${vmStatusWithIcon(vm.vmStatus())}`);
vm.init();
console.log(
  `[vm] passthrough ranges (left to emulated devices): ${vm
    .passthroughRegions()
    .map((r) => `${r.gpa}+${r.size.toString(16)}`)
    .join(", ")}`,
);
console.log(`[vm] frames in use after init: ${hal.stats.framesInUse} (page tables only; RAM is lazy)`);
vm.boot();
console.log(`[vm] ${vmStatusWithIcon(vm.vmStatus())}\n`);

let typed = false;
for (;;) {
  const exit = vm.runVcpu(0);
  if (exit.kind === "Nothing") {
    // The "user" types a reply the first time the guest waits for input.
    if (!typed) uart.receive("héllo\n");
    typed = true;
    continue;
  }
  console.log(`[vm] runVcpu returned ${formatExitReason(exit)}`);
  if (exit.kind === "Hypercall") {
    vm.vcpu(0)?.setReturnValue(0n);
    continue;
  }
  if (exit.kind === "SystemDown") break;
}
console.log(`[vm] frames in use: ${hal.stats.framesInUse} (one more: the page the guest touched)`);
vm.shutdown();
console.log(`[vm] ${vmStatusWithIcon(vm.vmStatus())}`);
vm.destroy();
console.log(`[vm] destroyed: ${vmStatusWithIcon(vm.vmStatus())}, frames in use: ${hal.stats.framesInUse}`);
