// Node-only: `axvisor run`.
import { formatStatsTable } from "../vmm/stats.js";
import { Vmm } from "../vmm/vmm.js";
import { StdinConsole } from "./input.js";
import {
  CliError,
  isUserError,
  kernelSpec,
  loadArch,
  loadVmFile,
  parseCpuTier,
  parsePositive,
  type VmSpec,
} from "./load.js";
import { ConsoleOutput, describeEvent, progressLine } from "./output.js";

/** Options of `axvisor run`, as commander parses them. */
export interface RunOptions {
  readonly kernel?: string;
  readonly mem?: string;
  readonly smp?: string;
  readonly append?: string;
  readonly arch?: string;
  readonly archModule?: string;
  readonly maxInstructions?: string;
  readonly slice?: string;
  readonly cpuTier?: string;
  readonly jitThreshold?: string;
  readonly trace?: boolean;
  readonly stats?: boolean;
  readonly progress?: boolean;
  readonly stdin?: boolean;
}

/** Exit status when a VM fails (usage and config errors use 2). */
const EXIT_VM_FAILED = 1;
const PROGRESS_AFTER_MS = 1000;

/** Runs `axvisor run` and returns the process exit status. */
export async function runCommand(configs: readonly string[], opts: RunOptions): Promise<number> {
  if (opts.kernel !== undefined && configs.length > 0) {
    throw new CliError("give either VM configs or --kernel, not both");
  }
  if (opts.kernel === undefined && configs.length === 0) {
    throw new CliError("nothing to run: give one or more VM configs (vm.toml) or --kernel <elf>");
  }
  if (
    opts.kernel === undefined &&
    (opts.mem !== undefined || opts.smp !== undefined || opts.append !== undefined)
  ) {
    throw new CliError("--mem, --smp and --append apply to --kernel only (a config file sets them itself)");
  }
  const maxInstructions =
    opts.maxInstructions === undefined
      ? undefined
      : parsePositive("--max-instructions", opts.maxInstructions);
  const slice = opts.slice === undefined ? undefined : parsePositive("--slice", opts.slice);
  const cpuTier = parseCpuTier(opts.cpuTier);
  const jitHotInstructions =
    opts.jitThreshold === undefined ? undefined : parsePositive("--jit-threshold", opts.jitThreshold);
  // Configs and images first: their errors are worth reporting whatever the architecture.
  const specs: VmSpec[] =
    opts.kernel === undefined ? configs.map((c) => loadVmFile(c)) : [kernelSpec(opts.kernel, { ...opts })];
  const arch = await loadArch(opts);

  const names = new Map<number, string>();
  for (const s of specs) {
    if (names.has(s.config.id)) {
      throw new CliError(`${s.source}: VM id ${s.config.id} is already used by "${names.get(s.config.id)}"`);
    }
    names.set(s.config.id, s.config.name);
  }
  const stdout = process.stdout;
  const out = new ConsoleOutput(stdout, names, specs.length > 1);
  const trace = opts.trace ?? false;
  const abort = { aborted: false };
  // Console input goes to the first VM given, as QEMU connects stdin to the first serial port.
  const inputVm = specs[0]?.config.id;
  const input =
    opts.stdin === false ? undefined : new StdinConsole(process.stdin, () => (abort.aborted = true));
  const vmm = new Vmm({
    arch,
    console: (id, bytes) => out.guest(id, bytes),
    ...(input === undefined
      ? {}
      : { consoleInput: (id: number) => (id === inputVm ? input.take() : undefined) }),
    onEvent: (e) => {
      // Without --trace only warnings are worth a line (the VMM sends traces only when asked, hypercalls always).
      const line = trace || e.kind === "warning" ? describeEvent(e, names) : undefined;
      if (line !== undefined) {
        // guest output so far first: stdout and stderr may be the same terminal
        out.flush();
        out.clearProgress();
        process.stderr.write(`${line}\n`);
      }
    },
    traceExits: trace,
    traceInstructions: trace,
    ...(maxInstructions === undefined ? {} : { maxInstructions }),
    ...(slice === undefined ? {} : { sliceInstructions: slice }),
    cpuTier,
    ...(jitHotInstructions === undefined ? {} : { jitHotInstructions }),
  });
  for (const s of specs) {
    try {
      vmm.createVm(s.config, s.images);
    } catch (e) {
      // Image errors already name the image file.
      if (e instanceof Error && isUserError(e) && e.name !== "ImageLoadError") {
        throw new CliError(`${s.source}: ${e.message}`);
      }
      throw e;
    }
  }
  for (const s of specs) vmm.startVm(s.config.id, s.allVcpus ? { allVcpus: true } : {});

  const onSigint = (): void => {
    abort.aborted = true;
  };
  process.on("SIGINT", onSigint);
  const start = performance.now();
  let lastProgress = 0;
  const showProgress = (opts.progress ?? true) && stdout.isTTY === true && !trace;
  let outcome: Awaited<ReturnType<Vmm["runAsync"]>>;
  try {
    outcome = await vmm.runAsync({
      signal: abort,
      // A guest idling for console input (an interrupt-driven UART) waits for it, as under QEMU.
      ...(input === undefined ? {} : { waitForInput: () => input.open() }),
      // also where a guest idles, waiting for input at its prompt
      onYield: () => {
        out.flush();
        const now = performance.now();
        if (showProgress && now - start > PROGRESS_AFTER_MS && now - lastProgress > 250) {
          lastProgress = now;
          out.progress(progressLine(vmm, start, now));
        }
      },
    });
  } finally {
    process.off("SIGINT", onSigint);
    input?.close();
    out.flush();
  }
  out.finish();
  for (const vm of vmm.vms()) {
    const state = vm.state();
    if (state !== "running" && state !== "suspended") continue;
    if (abort.aborted) vmm.failVm(vm.id, "interrupted (SIGINT)");
    else if (outcome === "idle") {
      vmm.failVm(vm.id, "every vCPU waits for an interrupt that nothing can raise (halted forever)");
    }
  }
  if (opts.stats) stdout.write(`\n${formatStatsTable(vmm.stats())}`);
  let failed = 0;
  for (const vm of vmm.vms()) {
    if (vm.state() === "failed") {
      failed++;
      process.stderr.write(`axvisor: VM ${vm.id} (${vm.name}) failed: ${vm.reason()}\n`);
    } else if (specs.length > 1) {
      process.stderr.write(`axvisor: VM ${vm.id} (${vm.name}) ${vm.reason() ?? vm.state()}\n`);
    }
  }
  return failed > 0 ? EXIT_VM_FAILED : 0;
}
