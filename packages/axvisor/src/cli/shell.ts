// Node-only: `axvisor shell`, the VM management shell (axvisor's `vm` command tree).
import { createInterface } from "node:readline";
import { MappingFlags } from "@axvisor/axaddrspace";
import type { ArchBinding, CpuTier } from "../arch/binding.js";
import { formatStatsTable } from "../vmm/stats.js";
import type { ManagedVm } from "../vmm/vm.js";
import { Vmm } from "../vmm/vmm.js";
import { CliError, isUserError, loadVmFile } from "./load.js";
import { ConsoleOutput, describeEvent } from "./output.js";

const HELP = `Commands:
  vm list                     list the VMs
  vm show <id>                details of a VM: config, memory, vCPUs, statistics
  vm create <config>...       create VMs from axvisor TOML configs (kernel paths relative to the config)
  vm start <id>...            boot loaded VMs (they run in the background)
  vm stop <id>...             stop VMs
  vm suspend <id>...          suspend running VMs
  vm resume <id>...           resume suspended VMs
  vm delete [-f] <id>...      delete VMs (-f: stop a running one first)
  wait [<id>...]              wait until the VMs (default: all) no longer run (for scripts)
  help                        this text
  exit | quit                 stop every VM and leave
`;

/** The shell's state: one VMM and the background run loop. */
class Shell {
  readonly #vmm: Vmm;
  readonly #names = new Map<number, string>();
  readonly #out: ConsoleOutput;
  #loop: Promise<void> | undefined;
  readonly #print: (s: string) => void;

  constructor(arch: ArchBinding, print: (s: string) => void, cpuTier: CpuTier) {
    // the guests' buffered console output comes before anything the shell prints
    this.#print = (s) => {
      this.#out.flush();
      print(s);
    };
    this.#out = new ConsoleOutput(process.stdout, this.#names, true);
    this.#vmm = new Vmm({
      arch,
      cpuTier,
      console: (id, bytes) => this.#out.guest(id, bytes),
      onEvent: (e) => {
        if (e.kind === "state" && (e.state === "stopped" || e.state === "failed")) {
          this.#out.finish();
          this.#print(
            `VM[${e.vmId}] ${this.#names.get(e.vmId) ?? ""} ${e.state}${e.reason ? `: ${e.reason}` : ""}\n`,
          );
          return;
        }
        const line = describeEvent(e, this.#names);
        if (line !== undefined) this.#print(`${line}\n`);
      },
    });
  }

  /** Runs VMs in the background until none can progress; the event loop stays free for input. */
  #kick(): void {
    if (this.#loop !== undefined) return;
    this.#loop = this.#vmm.runAsync({ chunkMs: 10, onYield: () => this.#out.flush() }).then(
      () => {
        this.#loop = undefined;
        this.#out.flush();
      },
      (e: unknown) => {
        this.#loop = undefined;
        this.#print(`error: ${(e as Error).message}\n`);
      },
    );
  }

  async wait(ids: readonly number[]): Promise<void> {
    const pending = (): boolean =>
      this.#vmm.vms().some((vm) => (ids.length === 0 || ids.includes(vm.id)) && vm.state() === "running");
    while (pending() && this.#loop !== undefined) await this.#loop;
  }

  #ids(args: readonly string[], cmd: string): number[] {
    const ids = args.filter((a) => !a.startsWith("-"));
    if (ids.length === 0) throw new CliError(`usage: vm ${cmd} <id>...`);
    return ids.map((a) => {
      if (!/^\d+$/.test(a)) throw new CliError(`vm ${cmd}: "${a}" is not a VM id`);
      return Number(a);
    });
  }

  async exec(line: string): Promise<boolean> {
    const words = line
      .trim()
      .split(/\s+/)
      .filter((w) => w.length > 0);
    const [cmd, sub, ...args] = words;
    if (cmd === undefined || cmd.startsWith("#")) return true;
    switch (cmd) {
      case "help":
        this.#print(HELP);
        return true;
      case "exit":
      case "quit":
        return false;
      case "wait":
        await this.wait(sub === undefined ? [] : this.#ids([sub, ...args], "wait"));
        return true;
      case "vm":
        this.#vm(sub, args);
        return true;
      default:
        throw new CliError(`unknown command "${cmd}" (try help)`);
    }
  }

  #vm(sub: string | undefined, args: readonly string[]): void {
    const vmm = this.#vmm;
    switch (sub) {
      case "list":
        this.#print(this.#list());
        return;
      case "show":
        for (const id of this.#ids(args, "show")) this.#print(this.#show(this.#get(id)));
        return;
      case "create": {
        if (args.length === 0) throw new CliError("usage: vm create <config>...");
        for (const file of args) {
          const spec = loadVmFile(file);
          let vm: ManagedVm;
          try {
            vm = vmm.createVm(spec.config, spec.images);
          } catch (e) {
            if (e instanceof Error && isUserError(e) && e.name !== "ImageLoadError")
              throw new CliError(`${file}: ${e.message}`);
            throw e;
          }
          this.#names.set(vm.id, vm.name);
          this.#print(
            `Created VM[${vm.id}] "${vm.name}" (${vm.tasks.length} vCPU${vm.tasks.length === 1 ? "" : "s"})\n`,
          );
        }
        return;
      }
      case "start":
        for (const id of this.#ids(args, "start")) {
          vmm.startVm(id);
          this.#print(`VM[${id}] started\n`);
        }
        this.#kick();
        return;
      case "stop":
        for (const id of this.#ids(args, "stop")) vmm.stopVm(id);
        return;
      case "suspend":
        for (const id of this.#ids(args, "suspend")) {
          vmm.suspendVm(id);
          this.#print(`VM[${id}] suspended\n`);
        }
        return;
      case "resume":
        for (const id of this.#ids(args, "resume")) {
          vmm.resumeVm(id);
          this.#print(`VM[${id}] resumed\n`);
        }
        this.#kick();
        return;
      case "delete": {
        const force = args.includes("-f") || args.includes("--force");
        for (const id of this.#ids(args, "delete")) {
          vmm.deleteVm(id, { force });
          this.#names.delete(id);
          this.#print(`VM[${id}] deleted\n`);
        }
        return;
      }
      default:
        throw new CliError(
          sub === undefined
            ? "usage: vm <list|show|create|start|stop|suspend|resume|delete> ..."
            : `unknown vm command "${sub}" (try help)`,
        );
    }
  }

  #get(id: number): ManagedVm {
    const vm = this.#vmm.vm(id);
    if (vm === undefined) throw new CliError(`no VM with id ${id}`);
    return vm;
  }

  #list(): string {
    const vms = this.#vmm.vms();
    if (vms.length === 0) return "No VMs.\n";
    const rows = vms.map((vm) => [
      String(vm.id),
      vm.name,
      vm.state(),
      String(vm.tasks.length),
      vm.reason() ?? "",
    ]);
    const head = ["ID", "NAME", "STATE", "VCPUS", "REASON"];
    const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
    const fmt = (r: readonly string[]): string =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i] ?? 0)))
        .join("  ")
        .trimEnd();
    return `${[fmt(head), ...rows.map(fmt)].join("\n")}\n`;
  }

  #show(vm: ManagedVm): string {
    const c = vm.axvm.config();
    const hex = (v: bigint): string => `0x${v.toString(16)}`;
    const lines = [
      `VM[${vm.id}] "${vm.name}"`,
      `  state:      ${vm.state()}${vm.reason() === undefined ? "" : ` (${vm.reason()})`}`,
      `  vCPUs:      ${vm.tasks.length} (${vm.vcpuStates().join(", ")})`,
      `  entry:      ${c.cpuConfig.bspEntry.toString()}`,
      "  memory:",
      ...vm.axvm
        .memoryRegions()
        .map(
          (r) =>
            `    ${r.gpa.toString()} size ${hex(r.size)} ${MappingFlags.format(r.flags)}${r.populated ? "" : " (lazy)"}`,
        ),
      `  devices:    ${c.emuDevices.map((d) => `${d.name}@${hex(d.baseGpa)}`).join(", ") || "none"}`,
      "",
      formatStatsTable(this.#vmm.stats().filter((s) => s.vmId === vm.id)),
    ];
    return `${lines.join("\n")}`;
  }

  stopAll(): void {
    for (const vm of this.#vmm.vms()) {
      const s = vm.state();
      if (s === "running" || s === "suspended" || s === "loaded") this.#vmm.stopVm(vm.id);
    }
    this.#out.finish();
  }
}

/** Runs `axvisor shell`: reads commands from stdin (a terminal or a script) until `exit` or end of input. */
export async function shellCommand(arch: ArchBinding, cpuTier: CpuTier = "interp"): Promise<number> {
  const interactive = process.stdin.isTTY === true;
  const print = (s: string): void => {
    process.stdout.write(s);
  };
  const shell = new Shell(arch, print, cpuTier);
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: interactive });
  if (interactive) print('axvisor shell: type "help" for commands\n');
  rl.setPrompt("axvisor:$ ");
  if (interactive) rl.prompt();
  let errors = 0;
  for await (const line of rl) {
    if (!interactive && line.trim() !== "") print(`axvisor:$ ${line.trim()}\n`);
    let more = true;
    try {
      more = await shell.exec(line);
    } catch (e) {
      if (e instanceof Error && isUserError(e)) {
        errors++;
        process.stderr.write(`error: ${e.message}\n`);
      } else throw e;
    }
    if (!more) break;
    if (interactive) rl.prompt();
  }
  rl.close();
  shell.stopAll();
  // A script's exit status tells whether every command worked.
  return interactive || errors === 0 ? 0 : 1;
}
