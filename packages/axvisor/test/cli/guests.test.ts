// System-level differential test: each example guest under qemu-system-loongarch64 -M virt -kernel and under
// `axvisor run --kernel`; the UART transcripts must be identical. Until @axvisor/loongarch-cpu exports its
// LoongArchVCpu, the axvisor side must fail cleanly with "no vCPU implementation" instead.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const PKG = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const ROOT = resolve(PKG, "../..");
const CLI = join(PKG, "dist/cli.js");
const GUESTS = ["hello", "csr", "compute"];
const QEMU = "qemu-system-loongarch64";

const hasQemu = spawnSync(QEMU, ["--version"], { encoding: "utf8" }).status === 0;
if (!hasQemu && process.env["CI"] === "true") throw new Error(`${QEMU} is required in CI`);
if (!hasQemu) console.warn(`skipping the QEMU differential tests: ${QEMU} is not installed`);

function axvisor(args: readonly string[]) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the package before the CLI tests`);
  return spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
}

async function loongarchVCpuExists(): Promise<boolean> {
  const { archs } = (await import(join(PKG, "dist/index.js"))) as { archs: { loongarch64?: unknown } };
  return archs.loongarch64 !== undefined;
}

describe.skipIf(!hasQemu)("example guests: QEMU vs axvisor run --kernel", () => {
  for (const guest of GUESTS) {
    it(`${guest}: identical UART transcripts`, async () => {
      const elf = join(ROOT, "examples/guests/elf", `${guest}.elf`);
      const qemu = spawnSync(QEMU, ["-M", "virt", "-m", "1G", "-nographic", "-kernel", elf], {
        encoding: "utf8",
        input: "",
        timeout: 60_000,
      });
      expect(qemu.status).toBe(0);
      expect(qemu.stdout.length).toBeGreaterThan(0);
      const ours = axvisor(["run", "--kernel", elf]);
      if (await loongarchVCpuExists()) {
        expect(ours.stderr).toBe("");
        expect(ours.stdout).toBe(qemu.stdout);
        expect(ours.status).toBe(0);
      } else {
        expect(ours.status).toBe(2);
        expect(ours.stderr).toBe("axvisor: no vCPU implementation for arch loongarch64 yet\n");
      }
    });
  }
});

describe("the two-VM demo", () => {
  it("runs both VMs at once, each printing through its UART, then the stats table", async () => {
    const r = axvisor([
      "run",
      "--stats",
      "examples/vms/demo/vm1-hello.toml",
      "examples/vms/demo/vm2-compute.toml",
    ]);
    if (await loongarchVCpuExists()) {
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^\[demo-hello\] Hello from a LoongArch64 guest/m);
      expect(r.stdout).toMatch(/^\[demo-compute\] /m);
      expect(r.stdout).toMatch(/ 1\s+demo-hello\s+0\s+\d+/);
      expect(r.stdout).toMatch(/ 2\s+demo-compute\s+0\s+\d+/);
    } else {
      expect(r.status).toBe(2);
      expect(r.stderr).toBe("axvisor: no vCPU implementation for arch loongarch64 yet\n");
    }
  });
});
