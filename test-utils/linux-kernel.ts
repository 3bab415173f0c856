// The Linux 6.12 kernels of examples/linux, for the tests that boot them: found in the cache outside git,
// or built there once by examples/linux/build.sh. Where they cannot be built, tests skip with the reason;
// in CI (CI=true) that is an error instead.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BUILD = join(ROOT, "examples/linux/build.sh");

/** The kernels, or why there are none. */
export type LinuxKernels =
  | { readonly vmlinux: string; readonly vmlinuxIrq: string; readonly skip?: undefined }
  | { readonly skip: string };

let cached: LinuxKernels | undefined;

function kernelsIn(dir: string): LinuxKernels | undefined {
  const vmlinux = join(dir, "vmlinux");
  const vmlinuxIrq = join(dir, "vmlinux-irq");
  return existsSync(vmlinux) && existsSync(vmlinuxIrq) ? { vmlinux, vmlinuxIrq } : undefined;
}

/**
 * Returns the cached kernels, building them first when missing (about 4 minutes on 2 cores). Call it from
 * a `beforeAll` with a long timeout, or at module level.
 */
export function linuxKernels(): LinuxKernels {
  if (cached !== undefined) return cached;
  const dir = spawnSync("sh", [BUILD, "--print-dir"], { encoding: "utf8" }).stdout.trim();
  cached = kernelsIn(dir);
  if (cached === undefined) {
    console.warn(`building the Linux test kernels into ${dir} (examples/linux/build.sh)`);
    const r = spawnSync("sh", [BUILD], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 1_800_000,
    });
    cached = kernelsIn(dir) ?? {
      skip: `the Linux kernels cannot be built here (examples/linux/build.sh exited ${r.status}): ${(r.stderr || r.stdout).trim().split("\n").slice(-3).join(" / ")}`,
    };
  }
  if (cached.skip !== undefined && process.env["CI"] === "true") throw new Error(cached.skip);
  if (cached.skip !== undefined) console.warn(`skipping the Linux boot tests: ${cached.skip}`);
  return cached;
}

/**
 * Whether the example VM config `name` (examples/vms/<name>.toml) can run here: every config but the Linux
 * ones, whose kernels are linked into examples/linux/out by build.sh. In CI they must be there (CI builds them
 * first), so this is always true; elsewhere a missing kernel is reported once per config.
 */
export function exampleConfigRunnable(name: string): boolean {
  if (!name.startsWith("linux") || process.env["CI"] === "true") return true;
  const kernel = join(ROOT, "examples/linux/out", name === "linux" ? "vmlinux" : "vmlinux-irq");
  if (existsSync(kernel)) return true;
  console.warn(`not running examples/vms/${name}.toml: ${kernel} is not built (examples/linux/build.sh)`);
  return false;
}

/**
 * A console transcript with the only differences two boots of one kernel may show masked: printk
 * timestamps, and the build stamp at the end of the version line.
 */
export function maskLinuxTranscript(text: string): string {
  return text
    .replace(/^\[ *\d+\.\d+\] /gm, "[T] ")
    .replace(/^(\[T\] Linux version .*) #\d+ .*$/m, "$1 #STAMP");
}
