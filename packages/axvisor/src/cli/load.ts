// Node-only: reading configs, images and arch modules for the CLI.
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { AxVMConfig, AxVMCrateConfig, isElf, QEMU_LOONGARCH_PADDR_MASK } from "@axvisor/axvm";
import type { ArchBinding, CpuTier } from "../arch/binding.js";
import { resolveArch } from "../arch/registry.js";
import { qemuVirtConfig } from "../vmm/virt-config.js";
import type { VmImages } from "../vmm/vmm.js";

/** A user error: printed as one line, no stack trace. */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}

/** A VM to create: its config and images. */
export interface VmSpec {
  readonly config: AxVMConfig;
  readonly images: VmImages;
  /** Where it came from, for messages. */
  readonly source: string;
  /** Start every vCPU at boot (QEMU's `-kernel` reset), not only vCPU 0 (axvisor). */
  readonly allVcpus?: boolean;
}

/** Reads a file; `label` names it in errors (the path as the user wrote it, with context). */
function readFile(path: string, label: string): Uint8Array {
  if (!existsSync(path)) throw new CliError(`${label}: no such file`);
  if (statSync(path).isDirectory()) throw new CliError(`${label}: is a directory`);
  return new Uint8Array(readFileSync(path));
}

/** Prefixes errors of the config and image layers with the file they came from. */
function inFile<T>(file: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof CliError) throw e;
    if (e instanceof Error && isUserError(e)) throw new CliError(`${file}: ${e.message}`);
    throw e;
  }
}

/** Errors that describe bad input rather than a bug. */
export function isUserError(e: Error): boolean {
  return ["CliError", "VmmError", "AxVMConfigError", "ImageLoadError", "AxError", "RangeError"].includes(
    e.name,
  );
}

/** Reads a VM config in the axvisor TOML schema and the images it names (paths relative to the config file). */
export function loadVmFile(path: string): VmSpec {
  const text = new TextDecoder().decode(readFile(path, path));
  const crate = inFile(path, () => AxVMCrateConfig.fromToml(text));
  const dir = dirname(resolve(path));
  const image = (field: string, p: string | undefined): Uint8Array | undefined =>
    p === undefined
      ? undefined
      : readFile(resolve(dir, p), `${path}: kernel.${field}: ${p} (${resolve(dir, p)})`);
  const kernelFile = resolve(dir, crate.kernel.kernelPath);
  const kernel = image("kernel_path", crate.kernel.kernelPath) ?? new Uint8Array();
  const bios = image("bios_path", crate.kernel.biosPath);
  const dtb = image("dtb_path", crate.kernel.dtbPath);
  const ramdisk = image("ramdisk_path", crate.kernel.ramdiskPath);
  const config = inFile(path, () => new AxVMConfig(crate));
  return {
    config,
    source: path,
    images: {
      kernel,
      kernelName: kernelFile,
      ...(bios === undefined ? {} : { bios }),
      ...(dtb === undefined ? {} : { dtb }),
      ...(ramdisk === undefined ? {} : { ramdisk }),
    },
  };
}

/** Parses a memory size such as `256M`, `1G`, `512MiB` or a byte count. */
export function parseSize(text: string): bigint {
  const m = /^(\d+)\s*([kmgt]?)(i?b)?$/i.exec(text.trim());
  if (m === null) throw new CliError(`--mem: cannot read "${text}" as a size (e.g. 256M, 1G)`);
  const shift = { "": 0n, k: 10n, m: 20n, g: 30n, t: 40n }[(m[2] ?? "").toLowerCase()] ?? 0n;
  const bytes = BigInt(m[1] ?? "0") << shift;
  if (bytes === 0n || bytes % 0x1000n !== 0n)
    throw new CliError(`--mem: ${text} is not a positive multiple of 4 KiB`);
  return bytes;
}

/** Reads `--cpu-tier` (default `interp`). */
export function parseCpuTier(value: string | undefined): CpuTier {
  const tier = value ?? "interp";
  if (tier !== "interp" && tier !== "jit")
    throw new CliError(`--cpu-tier must be interp or jit, not "${tier}"`);
  return tier;
}

/** Parses a positive integer option. */
export function parsePositive(option: string, text: string, max: number = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(text.trim())) throw new CliError(`${option}: "${text}" is not a positive integer`);
  const n = Number(text);
  if (n < 1 || n > max) throw new CliError(`${option}: ${text} is out of range (1..${max})`);
  return n;
}

/** Builds the `--kernel` VM: a QEMU-virt-shaped machine booting an ELF, like `qemu -M virt -kernel`. */
export function kernelSpec(file: string, opts: { mem?: string; smp?: string; append?: string }): VmSpec {
  const kernel = readFile(resolve(file), `--kernel: ${file}`);
  if (!isElf(kernel)) {
    throw new CliError(
      `--kernel: ${file}: not an ELF file (like QEMU's -kernel on this board, only ELF images boot)`,
    );
  }
  const name = basename(file, extname(file));
  const crate = inFile(file, () =>
    qemuVirtConfig({
      name,
      kernelPath: file,
      ...(opts.mem === undefined ? {} : { memBytes: parseSize(opts.mem) }),
      ...(opts.smp === undefined ? {} : { smp: parsePositive("--smp", opts.smp, 64) }),
      ...(opts.append === undefined ? {} : { cmdline: opts.append }),
    }),
  );
  // QEMU 7.2's virt board loads -kernel ELF segments at p_paddr & 0x1fffffff.
  return {
    config: new AxVMConfig(crate),
    images: { kernel, kernelName: file, paddrMask: QEMU_LOONGARCH_PADDR_MASK },
    source: file,
    allVcpus: true,
  };
}

function isBinding(v: unknown): v is ArchBinding {
  if (typeof v !== "object" || v === null) return false;
  const b = v as { readonly [K in keyof ArchBinding]?: unknown };
  return (
    typeof b.name === "string" &&
    typeof b.vcpu === "function" &&
    typeof b.createConfig === "function" &&
    typeof b.setupConfig === "function" &&
    typeof b.nptArch === "string" &&
    Array.isArray(b.argRegs)
  );
}

/** The architecture: from `--arch-module` (a JS module exporting an ArchBinding) or the registry. */
export async function loadArch(opts: { arch?: string; archModule?: string }): Promise<ArchBinding> {
  if (opts.archModule !== undefined) {
    const file = resolve(opts.archModule);
    if (!existsSync(file)) throw new CliError(`--arch-module: ${opts.archModule}: no such file`);
    let mod: { readonly default?: unknown; readonly arch?: unknown };
    try {
      mod = (await import(pathToFileURL(file).href)) as typeof mod;
    } catch (e) {
      throw new CliError(`--arch-module: ${opts.archModule}: cannot load: ${(e as Error).message}`);
    }
    const binding = mod.default ?? mod.arch;
    if (!isBinding(binding)) {
      throw new CliError(
        `--arch-module: ${opts.archModule} must export an ArchBinding as "default" or "arch" (name, nptArch, vcpu, createConfig, setupConfig, argRegs)`,
      );
    }
    return binding;
  }
  return resolveArch(opts.arch ?? "loongarch64");
}
