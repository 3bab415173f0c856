// System-level differential test: each example guest under qemu-system-loongarch64 -M virt -kernel and under
// `axvisor run --kernel`; the UART transcripts must be identical. And the two-VM demo of `pnpm start`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runInteractive } from "../../../../test-utils/interactive.js";
import { exampleConfigRunnable } from "../../../../test-utils/linux-kernel.js";

const PKG = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const ROOT = resolve(PKG, "../..");
const CLI = join(PKG, "dist/cli.js");
const GUESTS: readonly (readonly [string, number])[] = [
  ["hello", 1],
  ["csr", 1],
  ["compute", 1],
  ["timer", 1],
  ["smp", 1],
  ["smp", 2],
  ["smp", 4],
  ["exceptions", 1],
  ["paging", 1],
  ["fpu", 1],
];
const QEMU = "qemu-system-loongarch64";
/** Both execution tiers: every guest must give the same transcript under each. */
const TIERS = ["interp", "jit"] as const;
/**
 * The jit tier's hotness threshold in these tests: the example guests run far fewer instructions per code
 * page than the default (200 000), which would leave them all interpreted and the comparison vacuous.
 */
const JIT_THRESHOLD = "100";

/** `axvisor run` arguments selecting `tier` (on jit: a low threshold, and `--stats` to see what compiled). */
function tierArgs(tier: (typeof TIERS)[number]): string[] {
  return tier === "jit"
    ? ["--cpu-tier", "jit", "--jit-threshold", JIT_THRESHOLD, "--stats"]
    : ["--cpu-tier", tier];
}

/**
 * Splits `--stats` output into the guest transcript and the regions the jit tier compiled (summed over
 * vCPUs); `compiled` is undefined without a statistics table.
 */
function splitStats(stdout: string): { transcript: string; compiled: number | undefined } {
  const at = stdout.lastIndexOf("\nVM  name");
  if (at < 0) return { transcript: stdout, compiled: undefined };
  const lines = stdout
    .slice(at + 1)
    .trimEnd()
    .split("\n");
  const col = (lines[0] ?? "").indexOf("JIT regions");
  if (col < 0) return { transcript: stdout.slice(0, at), compiled: undefined };
  let compiled = 0;
  for (const row of lines.slice(2)) compiled += Number(row.slice(col, col + "JIT regions".length).trim());
  return { transcript: stdout.slice(0, at), compiled };
}

const hasQemu = spawnSync(QEMU, ["--version"], { encoding: "utf8" }).status === 0;
if (!hasQemu && process.env["CI"] === "true") throw new Error(`${QEMU} is required in CI`);
if (!hasQemu) console.warn(`skipping the QEMU differential tests: ${QEMU} is not installed`);

function axvisorCli(args: readonly string[]) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the package before the CLI tests`);
  return spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
}

const axvisor = axvisorCli;

describe.skipIf(!hasQemu)("example guests: QEMU vs axvisor run --kernel", () => {
  for (const [guest, smp] of GUESTS) {
    it(`${guest} -smp ${smp}: identical UART transcripts (--cpu-tier interp and jit)`, () => {
      const elf = join(ROOT, "examples/guests/elf", `${guest}.elf`);
      const qemu = spawnSync(
        QEMU,
        ["-M", "virt", "-m", "1G", "-smp", String(smp), "-nographic", "-kernel", elf],
        {
          encoding: "utf8",
          input: "",
          timeout: 60_000,
        },
      );
      expect(qemu.status).toBe(0);
      expect(qemu.stdout.length).toBeGreaterThan(0);
      for (const tier of TIERS) {
        const ours = axvisor(["run", "--kernel", elf, "--smp", String(smp), ...tierArgs(tier)]);
        expect(ours.stderr, tier).toBe("");
        const { transcript, compiled } = splitStats(ours.stdout);
        expect(transcript, tier).toBe(qemu.stdout);
        expect(ours.status, tier).toBe(0);
        // the jit run really ran compiled code
        if (tier === "jit") expect(compiled, "JIT regions").toBeGreaterThan(0);
      }
    });
  }
});

/** Runs a command, writes `input` to its stdin once `prompt` appears on its stdout, resolves with the output. */
const interact = (cmd: string, args: readonly string[], prompt: string, input: string) =>
  runInteractive(cmd, args, { prompt, input, cwd: ROOT });

describe.skipIf(!hasQemu)("console input through the interrupt path: QEMU vs axvisor", () => {
  // the uartirq guest's echo prompt; input sent before the guest set up its FIFO would be flushed
  const PROMPT = "ends.\r\n> ";
  const INPUT = "hello\nworld\nexit\n";
  const elf = join(ROOT, "examples/guests/elf/uartirq.elf");

  it("uartirq: identical transcripts, the guest echoing from its receive-interrupt handler", async () => {
    const qemu = await interact(
      QEMU,
      ["-M", "virt", "-m", "1G", "-nographic", "-kernel", elf],
      PROMPT,
      INPUT,
    );
    expect(qemu.status).toBe(0);
    expect(qemu.stdout).toContain("> HELLO\r\n> WORLD\r\n> EXIT\r\n");
    for (const tier of TIERS) {
      const ours = await interact(
        process.execPath,
        [CLI, "run", "--kernel", elf, ...tierArgs(tier)],
        PROMPT,
        INPUT,
      );
      expect(ours.stderr, tier).toBe("");
      const { transcript, compiled } = splitStats(ours.stdout);
      expect(transcript, tier).toBe(qemu.stdout);
      expect(ours.status, tier).toBe(0);
      if (tier === "jit") expect(compiled, "JIT regions").toBeGreaterThan(0);
    }
  }, 180_000);

  it("examples/vms/uartirq.toml (the PCH-PIC named in emu_devices) gives the same transcript", async () => {
    const qemu = await interact(
      QEMU,
      ["-M", "virt", "-m", "1G", "-nographic", "-kernel", elf],
      PROMPT,
      INPUT,
    );
    const ours = await interact(process.execPath, [CLI, "run", "examples/vms/uartirq.toml"], PROMPT, INPUT);
    expect(ours.stderr).toBe("");
    expect(ours.stdout).toBe(qemu.stdout);
    expect(ours.status).toBe(0);
  }, 120_000);
});

describe("every example VM config under both tiers", () => {
  // echo, uartirq and linux-irq wait for console input (interactive tests cover uartirq and linux-irq); the Linux kernels
  // live in a build cache (examples/linux/build.sh; CI builds them)
  const INTERACTIVE = new Set(["echo", "uartirq", "linux-irq"]);
  const configs = readdirSync(join(ROOT, "examples/vms"), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".toml"))
    .map((f) => f.slice(0, -".toml".length))
    .filter((name) => !INTERACTIVE.has(name))
    .filter(exampleConfigRunnable);
  it.each(configs)("%s.toml: same console output and exit status with --cpu-tier interp and jit", (name) => {
    const run = (tier: (typeof TIERS)[number]) =>
      axvisor(["run", "--no-stdin", `examples/vms/${name}.toml`, ...tierArgs(tier)]);
    const a = run("interp");
    const b = run("jit");
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    const { transcript, compiled } = splitStats(b.stdout);
    expect(transcript).toBe(a.stdout);
    expect(b.stderr).toBe(a.stderr);
    // --jit-threshold makes even these short guests run compiled code
    expect(compiled, "JIT regions").toBeGreaterThan(0);
  });
});

describe.each(TIERS)("example VM configs (--cpu-tier %s)", (tier) => {
  const axvisor = (args: readonly string[]) => axvisorCli([...args, "--cpu-tier", tier]);
  it("hypercall.toml: the VMM serves HyperVisorDebug (0) and fails an unknown hypercall (-1)", () => {
    const r = axvisor(["run", "examples/vms/hypercall.toml"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("HyperVisorDebug: hypercall 0x02 returned 0\r\n");
    expect(r.stdout).toContain("unknown        : hypercall 0x7f returned -1\r\n");
  });

  it.each(["exceptions", "paging", "fpu"])("%s.toml runs its kernel to power-off", (name) => {
    const r = axvisor(["run", `examples/vms/${name}.toml`]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(100);
  });

  it("smp.toml starts all four vCPUs of the LoongArch VM, as the board does at reset", () => {
    const r = axvisor(["run", "examples/vms/smp.toml"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^cpus: 4\r$/m);
  });
});

describe("the two-VM demo", () => {
  it("runs both VMs at once, each printing through its UART, then the stats table", () => {
    const r = axvisor([
      "run",
      "--stats",
      "examples/vms/demo/vm1-hello.toml",
      "examples/vms/demo/vm2-compute.toml",
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\[demo-hello\] Hello from a LoongArch64 guest on the virt board!\r$/m);
    expect(r.stdout).toMatch(/^\[demo-compute\] total {3}0x[0-9a-f]{8}\r$/m);
    expect(r.stdout).toMatch(/^ 1 {2}demo-hello +0 +\d+ +[\d.]+ +[\d.]+ +0 +0 +MmioWrite×\d+/m);
    expect(r.stdout).toMatch(/^ 2 {2}demo-compute +0 +\d+ +[\d.]+ +[\d.]+ +.*Nothing×\d+/m);
    expect(r.stderr).toBe(
      "axvisor: VM 1 (demo-hello) powered off\naxvisor: VM 2 (demo-compute) powered off\n",
    );
  });

  it("runs the VMs concurrently: a later, shorter VM finishes while the first still computes", () => {
    // compute gets id 1 (scheduled first), hello id 2: run one after the other, hello would print last.
    const dir = mkdtempSync(join(tmpdir(), "axvisor-demo-"));
    const config = (id: number, name: string): string => {
      const text = readFileSync(join(ROOT, "examples/vms", `${name}.toml`), "utf8")
        .replace(/^id = \d+/m, `id = ${id}`)
        .replace(
          /^kernel_path = "[^"]*"/m,
          `kernel_path = ${JSON.stringify(join(ROOT, "examples/guests/elf", `${name}.elf`))}`,
        );
      const file = join(dir, `${name}.toml`);
      writeFileSync(file, text);
      return file;
    };
    const r = axvisor(["run", "--slice", "2000", config(1, "compute"), config(2, "hello")]);
    expect(r.status).toBe(0);
    const lines = r.stdout.split("\n");
    const helloDone = lines.findIndex((l) => l.startsWith("[hello] This line"));
    const computeDone = lines.findIndex((l) => l.startsWith("[compute] iterations"));
    expect(helloDone).toBeGreaterThan(-1);
    expect(computeDone).toBeGreaterThan(helloDone);
  });
});
