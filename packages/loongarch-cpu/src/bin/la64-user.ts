/**
 * `la64-user prog.elf [args…]`: runs a static LoongArch64 Linux executable like `qemu-loongarch64`.
 * The guest's stdout/stderr go to the process's, stdin is read from the process's, and the exit code
 * is the guest's (128 + signal number when a fatal guest signal ends it). Node-only; not part of the
 * isomorphic library entry.
 *
 * @module
 */

import { readFileSync, readSync, writeSync } from "node:fs";
import { LinuxUser } from "../index.js";

const USAGE = "usage: la64-user [--cpu-tier interp|jit] prog.elf [args...]\n";

function readStdin(max: number): Uint8Array {
  const buf = Buffer.alloc(Math.max(1, Math.min(max, 1 << 16)));
  try {
    const n = readSync(0, buf, 0, buf.length, null);
    return new Uint8Array(buf.buffer, buf.byteOffset, n);
  } catch (e) {
    // EAGAIN on a non-blocking TTY or EOF-like errors: report end of file
    if ((e as NodeJS.ErrnoException).code === "EAGAIN") return readStdin(max);
    return new Uint8Array(0);
  }
}

const closed = new Set<number>();

function writeAll(fd: number, b: Uint8Array): void {
  if (closed.has(fd)) return;
  let off = 0;
  try {
    while (off < b.length) off += writeSync(fd, b, off, b.length - off);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // a reader that went away (`| head`) ends our output, not the guest
    if (code === "EPIPE") closed.add(fd);
    else if (code === "EAGAIN") writeAll(fd, b.subarray(off));
    else throw e;
  }
}

function main(args: readonly string[]): number {
  let argv = args;
  let cpuTier: "interp" | "jit" = "interp";
  // options come before the program; everything after it belongs to the guest
  while (argv[0]?.startsWith("--cpu-tier")) {
    const [opt, ...more] = argv;
    const value = opt!.includes("=") ? opt!.slice(opt!.indexOf("=") + 1) : more.shift();
    if (value !== "interp" && value !== "jit") {
      writeAll(2, Buffer.from(`la64-user: --cpu-tier must be interp or jit\n${USAGE}`));
      return 2;
    }
    cpuTier = value;
    argv = more;
  }
  const [file, ...rest] = argv;
  if (!file || file === "-h" || file === "--help") {
    writeAll(2, Buffer.from(USAGE));
    return file ? 0 : 2;
  }
  let elf: Uint8Array;
  try {
    elf = new Uint8Array(readFileSync(file));
  } catch (e) {
    writeAll(2, Buffer.from(`la64-user: cannot read ${file}: ${(e as Error).message}\n`));
    return 127;
  }
  const start = process.hrtime.bigint();
  const epoch = BigInt(Date.now()) * 1_000_000n;
  try {
    const proc = LinuxUser.load(elf, {
      argv: [file, ...rest],
      cpuTier,
      env: Object.entries(process.env).map(([k, v]) => `${k}=${v ?? ""}`),
      io: {
        stdout: (b) => writeAll(1, b),
        stderr: (b) => writeAll(2, b),
        stdin: readStdin,
        clock: (id) => (id === 0 ? epoch : 0n) + (process.hrtime.bigint() - start),
      },
    });
    return proc.run().exitCode;
  } catch (e) {
    writeAll(2, Buffer.from(`la64-user: ${(e as Error).message}\n`));
    return 126;
  }
}

process.exitCode = main(process.argv.slice(2));
