// Host tools the differential tests need (QEMU user mode). A missing tool skips those tests with a
// message on a developer machine, and fails the run in CI (process.env["CI"] === "true").
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const GUEST_DIR: string = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "guests", "elf");

export function guestPath(name: string): string {
  return join(GUEST_DIR, `${name}.elf`);
}

export function toolAvailable(tool: string): boolean {
  const r = spawnSync(tool, ["--version"], { encoding: "utf8" });
  if (r.status === 0) return true;
  if (process.env["CI"] === "true") throw new Error(`${tool} is required in CI but was not found on PATH`);
  console.warn(`[skip] ${tool} not found: the differential tests against it are skipped (install qemu-user)`);
  return false;
}

export interface RunOutput {
  stdout: Buffer;
  stderr: string;
  code: number;
}

const SIGNALS: Record<string, number> = { SIGILL: 4, SIGTRAP: 5, SIGBUS: 7, SIGFPE: 8, SIGSEGV: 11 };

export function runQemu(elf: string, args: readonly string[] = [], stdin = ""): RunOutput {
  const r = spawnSync("qemu-loongarch64", [elf, ...args], { input: stdin, env: {}, maxBuffer: 1 << 28 });
  const code = r.status ?? 128 + (SIGNALS[r.signal ?? ""] ?? 0);
  return { stdout: r.stdout, stderr: r.stderr.toString(), code };
}
