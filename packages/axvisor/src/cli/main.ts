// The `axvisor` command (Node only). User errors print one line and exit 2; VM failures exit 1.
import { Command, CommanderError } from "commander";
import { DEFAULT_ARCH, KNOWN_ARCHS } from "../arch/registry.js";
import { CliError, isUserError, loadArch, parseCpuTier } from "./load.js";
import { runCommand } from "./run.js";
import { shellCommand } from "./shell.js";

const VERSION = "0.1.0";

function program(): Command {
  const cmd = new Command("axvisor")
    .description("The axvisor hypervisor: run guest VMs from axvisor TOML configs on an emulated vCPU.")
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError("(axvisor --help for usage)")
    .configureOutput({ outputError: (s, write) => write(s) });
  const archHelp = `architecture (known: ${KNOWN_ARCHS.join(", ")}; default ${DEFAULT_ARCH})`;

  cmd
    .command("run")
    .description("create, boot and run VMs until every VM powers off (exit 0) or one fails (exit 1)")
    .argument("[configs...]", "VM configs in the axvisor TOML schema ([base], [kernel], [devices])")
    .option(
      "--kernel <elf>",
      "boot an ELF on a QEMU-virt-shaped machine built on the fly, like qemu -M virt -kernel",
    )
    .option("--mem <size>", "RAM of the --kernel machine, e.g. 256M, 1G (default 1G)")
    .option("--smp <n>", "vCPUs of the --kernel machine (default 1)")
    .option("--append <cmdline>", "kernel command line of the --kernel machine")
    .option("--arch <name>", archHelp, DEFAULT_ARCH)
    .option("--arch-module <file>", "load the vCPU implementation from a JS module exporting an ArchBinding")
    .option("--max-instructions <n>", "fail a VM once it has executed n instructions")
    .option("--slice <n>", "instructions per scheduler time slice (default 100000)")
    .option(
      "--cpu-tier <tier>",
      "how vCPUs execute: interp (interpreter, default) or jit (hot code compiled to WebAssembly)",
    )
    .option(
      "--jit-threshold <n>",
      "with --cpu-tier jit: instructions a code page runs interpreted before it is compiled (default 200000)",
    )
    .option(
      "--trace",
      "print every VM exit (and each instruction, disassembled, when the vCPU can trace) to stderr",
    )
    .option(
      "--stats",
      "print per-vCPU statistics (instructions, MIPS, interrupts, TLB refills, exits by reason) at the end",
    )
    .option("--no-progress", "no progress line on a terminal")
    .option("--no-stdin", "do not connect stdin to the first VM's console UART")
    .action(async (configs: string[], opts: Record<string, unknown>) => {
      process.exitCode = await runCommand(configs, opts);
    });

  cmd
    .command("shell")
    .description(
      "manage VMs interactively (vm list|show|create|start|stop|suspend|resume|delete); reads a script from stdin",
    )
    .option("--arch <name>", archHelp, DEFAULT_ARCH)
    .option("--arch-module <file>", "load the vCPU implementation from a JS module exporting an ArchBinding")
    .option("--cpu-tier <tier>", "how vCPUs execute: interp (default) or jit")
    .action(async (opts: { arch?: string; archModule?: string; cpuTier?: string }) => {
      const tier = parseCpuTier(opts.cpuTier);
      process.exitCode = await shellCommand(await loadArch(opts), tier);
    });
  return cmd;
}

async function main(argv: readonly string[]): Promise<void> {
  try {
    await program().parseAsync([...argv]);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; usage errors were already printed by commander.
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    if (e instanceof Error && isUserError(e)) {
      process.stderr.write(`axvisor: ${e.message}\n`);
      process.exitCode = e instanceof CliError ? e.exitCode : 2;
      return;
    }
    throw e;
  }
}

await main(process.argv);
// Exit once stdout and stderr are flushed rather than when the event loop drains: Node would first wait
// for V8's background WebAssembly optimising compiles of the jit tier's regions (over 100 ms after a
// short run), which nothing needs any more. (A write's callback runs after every earlier write.)
process.stdout.write("", () => process.stderr.write("", () => process.exit()));
