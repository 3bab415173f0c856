// Runs a console program the way a person would: waits for a prompt on its stdout, then types. Guests that
// reset their UART FIFO while booting would lose bytes sent any earlier, under QEMU and under axvisor alike.
import { spawn } from "node:child_process";

/** What an interactive run printed, and how it ended. */
export interface InteractiveResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Spawns `cmd`, writes `input` to its stdin once `prompt` has appeared on its stdout (read as latin1, so
 * guest bytes stay bytes), and resolves when it exits; it is killed after `timeoutMs` (default 60 s).
 */
export function runInteractive(
  cmd: string,
  args: readonly string[],
  options: {
    readonly prompt: string;
    readonly input: string;
    readonly cwd?: string;
    readonly timeoutMs?: number;
  },
): Promise<InteractiveResult> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd: options.cwd, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let typed = false;
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString("latin1");
      if (!typed && stdout.includes(options.prompt)) {
        typed = true;
        child.stdin.write(options.input);
      }
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", fail);
    child.on("close", (status) => {
      clearTimeout(timer);
      child.stdin.destroy();
      done({ status, stdout, stderr });
    });
  });
}
