// The VM side of the playground: one VM on the axvisor VMM, run in short turns so that the worker
// can take messages (pause, step, input) between them. No worker globals here: worker.ts wires it
// to postMessage, and the tests drive it directly under Node.
import { GuestPhysAddr, MappingFlags } from "@axvisor/axaddrspace";
import { type ManagedVm, qemuVirtConfig, Vmm } from "@axvisor/axvisor";
import {
  AxVMConfig,
  AxVMCrateConfig,
  emulatedDeviceTypeName,
  QEMU_LOONGARCH_PADDR_MASK,
} from "@axvisor/axvm";
import { disassemble } from "@axvisor/loongarch-cpu";
import type { AddrSpaceView, BootRequest, FromWorker, StatsSample, TraceLine, WalkStep } from "./protocol.js";
import { type SteppableVCpu, steppableArch } from "./steppable-arch.js";

/** How many traced instructions the trace panel keeps. */
export const TRACE_DEPTH = 64;
/** The most instructions one step request may run. */
export const MAX_STEP = 10_000;
const STATS_EVERY_MS = 250;
/**
 * Instructions per VMM time slice. Smaller than the CLI's 100 000: a guest that polls its UART takes
 * an MMIO exit every few instructions, and a turn must end within milliseconds to stay responsive.
 */
export const SLICE_INSTRUCTIONS = 4096;

const hex = (v: bigint | number, digits = 0): string => `0x${v.toString(16).padStart(digits, "0")}`;
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Parses a GPA as the user types it: hex with or without 0x, `_` separators, or decimal with a `d` suffix. */
export function parseGpa(text: string): bigint | undefined {
  const t = text.trim().replaceAll("_", "").toLowerCase();
  if (/^\d+d$/.test(t)) return BigInt(t.slice(0, -1));
  const h = t.startsWith("0x") ? t.slice(2) : t;
  if (!/^[0-9a-f]{1,16}$/.test(h)) return undefined;
  return BigInt(`0x${h}`);
}

/** Runs one VM and reports what happens through `post`. */
export class VmRunner {
  readonly #post: (m: FromWorker) => void;
  readonly #now: () => number;
  #vmm: Vmm | undefined;
  #vm: ManagedVm | undefined;
  #vcpus: SteppableVCpu[] = [];
  #paused = false;
  #idle = false;
  #input: number[] = [];
  #out: Uint8Array[] = [];
  #trace: TraceLine[] = [];
  #bootAt = 0;
  #lastSample = { t: 0, instructions: 0, runMs: 0 };
  #runMs = 0;

  /**
   * @param post - Receives every message for the page.
   * @param now - Host clock in milliseconds.
   */
  constructor(post: (m: FromWorker) => void, now: () => number = () => performance.now()) {
    this.#post = post;
    this.#now = now;
  }

  /** Whether {@link VmRunner.turn} has guest work to do. */
  runnable(): boolean {
    return this.#vm !== undefined && !this.#paused && !this.#idle && this.#vm.state() === "running";
  }

  /** Creates and starts a VM, replacing the current one. */
  boot(req: BootRequest): void {
    this.#teardown();
    const vcpus: SteppableVCpu[] = [];
    const vmm = new Vmm({
      arch: steppableArch(vcpus),
      sliceInstructions: SLICE_INSTRUCTIONS,
      console: (_id, bytes) => this.#out.push(bytes.slice()),
      consoleInput: () => this.#takeInput(),
      onEvent: (e) => {
        if (e.kind === "warning") this.#post({ kind: "error", message: `warning: ${e.message}` });
      },
    });
    let config: AxVMConfig;
    let allVcpus: boolean;
    try {
      if (req.toml === undefined) {
        // What `axvisor run --kernel` does: QEMU's virt board, every vCPU at the ELF entry.
        config = new AxVMConfig(qemuVirtConfig({ name: req.name, kernelPath: req.name }));
        allVcpus = true;
      } else {
        config = new AxVMConfig(AxVMCrateConfig.fromToml(req.toml));
        allVcpus = false;
      }
      this.#vm = vmm.createVm(config, {
        kernel: req.kernel,
        kernelName: req.name,
        ...(req.toml === undefined ? { paddrMask: QEMU_LOONGARCH_PADDR_MASK } : {}),
      });
      vmm.startVm(config.id, { allVcpus });
    } catch (e) {
      this.#post({ kind: "error", message: `cannot boot ${req.name}: ${message(e)}` });
      this.#post({ kind: "state", state: "failed", paused: false, reason: message(e) });
      return;
    }
    this.#vmm = vmm;
    this.#vcpus = vcpus;
    this.#paused = false;
    this.#bootAt = this.#now();
    this.#runMs = 0;
    this.#lastSample = { t: 0, instructions: 0, runMs: 0 };
    this.#postState();
    this.#sample(true);
  }

  /** Stops giving the guest time (the VMM still sees a running VM). */
  pause(): void {
    if (this.#vm === undefined || this.#paused) return;
    this.#paused = true;
    this.#flush();
    this.#sample(true);
    this.#postState();
    this.#postTrace();
  }

  /** Lets the guest run again. */
  resume(): void {
    if (this.#vm === undefined || !this.#paused) return;
    this.#paused = false;
    this.#trace = [];
    this.#postState();
  }

  /**
   * Runs up to `count` instructions with the tracer on, then stays paused.
   *
   * @returns The instructions that ran.
   */
  step(count: number): number {
    const vmm = this.#vmm;
    const vm = this.#vm;
    if (vmm === undefined || vm === undefined) return 0;
    this.#paused = true;
    const n = Math.max(1, Math.min(MAX_STEP, Math.floor(count)));
    const tracer = (pc: bigint, word: number): void => {
      this.#trace.push({ pc: hex(pc, 16), word: hex(word >>> 0, 8), text: disassemble(word, pc) });
      if (this.#trace.length > TRACE_DEPTH) this.#trace.shift();
    };
    const start = vm.instructions();
    const t0 = this.#now();
    for (const v of this.#vcpus) v.setTracer(tracer);
    try {
      // A round can end early (an MMIO access, a hypercall); stop after a few rounds that run nothing (a halt).
      for (let idleRounds = 0; idleRounds < 3 && vm.state() === "running"; ) {
        const done = vm.instructions() - start;
        if (done >= n) break;
        for (const v of this.#vcpus) v.stepUntil = v.instructionsRetired() + (n - done);
        const before = vm.instructions();
        if (!vmm.runRound()) break;
        idleRounds = vm.instructions() === before ? idleRounds + 1 : 0;
      }
    } finally {
      for (const v of this.#vcpus) {
        v.stepUntil = undefined;
        v.setTracer(undefined);
      }
      this.#runMs += this.#now() - t0;
    }
    this.#flush();
    this.#sample(true);
    this.#postState();
    this.#postTrace();
    return vm.instructions() - start;
  }

  /** Queues bytes for the guest's UART; wakes a VM that was waiting for an interrupt. */
  input(bytes: Uint8Array): void {
    for (const b of bytes) this.#input.push(b);
    this.#idle = false;
  }

  /**
   * Runs the guest for about `budgetMs` of host time.
   *
   * @returns Whether there is more to run.
   */
  turn(budgetMs: number): boolean {
    const vmm = this.#vmm;
    const vm = this.#vm;
    if (vmm === undefined || vm === undefined || !this.runnable()) return false;
    const t0 = this.#now();
    let progress = true;
    try {
      do {
        progress = vmm.runRound();
      } while (progress && vm.state() === "running" && this.#now() - t0 < budgetMs);
    } catch (e) {
      vmm.failVm(vm.id, message(e));
    }
    this.#runMs += this.#now() - t0;
    this.#flush();
    if (!progress && vm.state() === "running") {
      // Every vCPU waits for an interrupt: wait for input rather than failing as the CLI does.
      this.#idle = true;
    }
    const ended = vm.state() !== "running";
    this.#sample(ended || this.#idle);
    if (ended || this.#idle) this.#postState();
    return this.runnable();
  }

  /** Reports the address space: areas, devices, page-table root. */
  describe(): void {
    const vm = this.#vm;
    if (vm === undefined) {
      this.#post({ kind: "error", message: "boot a guest first" });
      return;
    }
    const space = vm.axvm.addressSpace();
    const view: AddrSpaceView = {
      summary: `GPA ${space.base()}..${space.end()}, ${vm.axvm.vcpuNum()} vCPU(s), VM "${vm.name}" (${vm.state()})`,
      root: space.pageTableRoot().toString(),
      areas: [...space.areas()].map((a) => ({
        start: a.start().toString(),
        end: a.end().toString(),
        flags: MappingFlags.format(a.flags()),
        backend: a.backend().toString(),
      })),
      devices: vm.axvm
        .getDevices()
        .mmioDevices()
        .map((d) => {
          const r = d.addressRange();
          return {
            name: d.name ?? emulatedDeviceTypeName(d.emuType()),
            start: r.start.toString(),
            end: r.end.toString(),
            type: emulatedDeviceTypeName(d.emuType()),
          };
        }),
    };
    this.#post({ kind: "addrspace", view });
  }

  /** Reports the nested page-table walk of a GPA and what it resolves to. */
  walk(text: string): void {
    const vm = this.#vm;
    const gpa = parseGpa(text);
    if (vm === undefined || gpa === undefined) {
      this.#post({
        kind: "error",
        message: vm === undefined ? "boot a guest first" : `"${text}" is not a guest physical address`,
      });
      return;
    }
    const space = vm.axvm.addressSpace();
    const addr = GuestPhysAddr.from(gpa);
    let steps: WalkStep[] = [];
    let result: string;
    if (gpa < space.base().value || gpa >= space.end().value) {
      result = `outside the guest physical address space (${space.base()}..${space.end()})`;
    } else {
      steps = space
        .pageTable()
        .trace(addr)
        .map((s) => ({
          level: s.level,
          index: s.index,
          entryAddr: s.entryAddr.toString(),
          bits: hex(s.bits, 16),
          kind: s.kind,
          description: s.description,
        }));
      const hpa = space.translate(addr);
      const dev = vm.axvm.getDevices().findMmioDev(addr);
      const area = space.findArea(addr);
      if (hpa !== undefined) result = `→ ${hpa} (${MappingFlags.format(space.pageTable().query(addr)[1])})`;
      else if (dev !== undefined)
        result = `not mapped: MMIO of ${dev.name ?? emulatedDeviceTypeName(dev.emuType())} (a VM exit)`;
      else if (area !== undefined)
        result = `not mapped yet: ${area.backend()} area, faults in on first touch`;
      else result = "not mapped: no memory area (a nested page fault the VMM cannot serve)";
    }
    this.#post({ kind: "walk", gpa: hex(gpa), steps, result });
  }

  #takeInput(): Uint8Array | undefined {
    if (this.#input.length === 0) return undefined;
    const bytes = Uint8Array.from(this.#input);
    this.#input = [];
    return bytes;
  }

  #flush(): void {
    if (this.#out.length === 0) return;
    const total = this.#out.reduce((n, b) => n + b.length, 0);
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const b of this.#out) {
      bytes.set(b, at);
      at += b.length;
    }
    this.#out = [];
    this.#post({ kind: "console", bytes });
  }

  #sample(force: boolean): void {
    const vmm = this.#vmm;
    if (vmm === undefined) return;
    const t = this.#now() - this.#bootAt;
    if (!force && t - this.#lastSample.t < STATS_EVERY_MS) return;
    let instructions = 0;
    let interrupts: number | undefined;
    let tlbRefills: number | undefined;
    const exits: Record<string, number> = {};
    for (const s of vmm.stats()) {
      instructions += s.instructions ?? 0;
      if (s.interrupts !== undefined) interrupts = (interrupts ?? 0) + s.interrupts;
      if (s.tlbRefills !== undefined) tlbRefills = (tlbRefills ?? 0) + s.tlbRefills;
      for (const [k, v] of Object.entries(s.exits)) exits[k] = (exits[k] ?? 0) + v;
    }
    // MIPS over the host time the guest was given since the last sample (not idle or paused time).
    const ms = this.#runMs - this.#lastSample.runMs;
    const mips = ms > 0 ? (instructions - this.#lastSample.instructions) / ms / 1000 : 0;
    this.#lastSample = { t, instructions, runMs: this.#runMs };
    // Interrupts and TLB refills stay `undefined` for a vCPU that does not count them: no made-up numbers.
    const stats: StatsSample = { t, instructions, mips, exits, interrupts, tlbRefills };
    this.#post({ kind: "stats", stats });
  }

  /** Sends a stats sample if one is due (the worker calls this between turns). */
  tick(): void {
    this.#sample(false);
  }

  #postState(): void {
    const vm = this.#vm;
    if (vm === undefined) return;
    const state = vm.state();
    const reason =
      vm.reason() ?? (this.#idle && state === "running" ? "waiting for an interrupt" : undefined);
    this.#post({ kind: "state", state, paused: this.#paused, ...(reason === undefined ? {} : { reason }) });
  }

  #postTrace(): void {
    const v = this.#vcpus[0];
    let next: TraceLine | undefined;
    if (v !== undefined && this.#vm?.state() === "running") {
      const pc = v.cpu.pc;
      const bytes = v.cpu.readMemory(pc, 4);
      if (bytes !== undefined) {
        const word = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
        next = { pc: hex(pc, 16), word: hex(word, 8), text: disassemble(word, pc) };
      }
    }
    this.#post({ kind: "trace", lines: [...this.#trace], ...(next === undefined ? {} : { next }) });
  }

  #teardown(): void {
    if (this.#vmm !== undefined && this.#vm !== undefined) this.#vmm.deleteVm(this.#vm.id, { force: true });
    this.#vmm = undefined;
    this.#vm = undefined;
    this.#vcpus = [];
    this.#input = [];
    this.#out = [];
    this.#trace = [];
    this.#idle = false;
  }
}
