// Runs a guest in-process with the library (the same path the la64-user bin takes).
import { readFileSync } from "node:fs";
import { LinuxUser, type LinuxUserResult } from "../../src/index.js";
import { guestPath, type RunOutput } from "./tools.js";

export function runOurs(
  elf: string | Uint8Array,
  args: readonly string[] = [],
  stdin = "",
): RunOutput & { result: LinuxUserResult } {
  const bytes = typeof elf === "string" ? new Uint8Array(readFileSync(elf)) : elf;
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let input = Buffer.from(stdin);
  const proc = LinuxUser.load(bytes, {
    argv: [typeof elf === "string" ? elf : "guest", ...args],
    io: {
      stdout: (b) => out.push(Buffer.from(b)),
      stderr: (b) => err.push(Buffer.from(b)),
      stdin: (max) => {
        const chunk = input.subarray(0, max);
        input = input.subarray(chunk.length);
        return new Uint8Array(chunk);
      },
    },
  });
  const result = proc.run(2_000_000_000);
  return { stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString(), code: result.exitCode, result };
}

export function guestBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(guestPath(name)));
}
