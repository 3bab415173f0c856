// Every committed guest runs under qemu-loongarch64 and in-process under the library's linux-user
// runner; stdout and the exit code must be identical.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runOurs } from "../helpers/run.js";
import { guestPath, runQemu, toolAvailable } from "../helpers/tools.js";
import { GUEST_ELF_DIR } from "../vcpu/harness.js";

const hasQemu = toolAvailable("qemu-loongarch64");

const cases: { name: string; elf: string; path?: string; args?: string[]; stdin?: string }[] = [
  { name: "register-dump blocks", elf: "regdump" },
  { name: "sorting", elf: "sort" },
  { name: "hashing and CRC", elf: "hash" },
  { name: "big numbers and 128-bit multiply", elf: "bignum" },
  { name: "strings", elf: "strings" },
  { name: "recursion, function pointers, switch, atomics", elf: "misc" },
  {
    name: "argv, auxv, brk, mmap, uname, clock, read, writev, exit code",
    elf: "args",
    args: ["a", "b c"],
    stdin: "hi\n",
  },
  { name: "SIGSEGV on an unmapped load", elf: "args", args: ["segv"] },
  // fatal guest exceptions end with the same signal (exit code 128 + signal) as under QEMU; BCE is left
  // out: QEMU 7.2 delivers SIGSYS where Linux delivers SIGSEGV (the runner follows Linux)
  ...["break", "ine", "ipe", "load", "store", "rostore", "fetch", "noncanonical", "unaligned", "none"].map(
    (t) => ({
      name: `trap: ${t}`,
      elf: "traps",
      args: [t],
    }),
  ),
  // the linux-user builds of the compute benchmark guests of examples/guests (same C as the virt-board ELFs)
  ...["list", "matrix", "state", "crc", "sort", "hash"].map((k) => ({
    name: `compute benchmark: ${k}`,
    elf: `bench-${k}`,
    path: join(GUEST_ELF_DIR, "linux-user", `bench-${k}.elf`),
  })),
];

describe.skipIf(!hasQemu)("guests: qemu-loongarch64 vs la64-user", () => {
  for (const c of cases) {
    it(c.name, () => {
      const path = c.path ?? guestPath(c.elf);
      const q = runQemu(path, c.args, c.stdin);
      const o = runOurs(path, c.args, c.stdin);
      expect(q.stdout.length).toBeGreaterThan(0);
      expect(o.stdout.toString()).toBe(q.stdout.toString());
      expect(o.code).toBe(q.code);
    });
  }
});
