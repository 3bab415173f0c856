import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GUEST_PAGE_SIZE, LinuxUser, LoongArchCpuError } from "../../src/index.js";
import { guestBytes, runOurs } from "../helpers/run.js";

describe("LinuxUser", () => {
  it("builds the initial stack: argc, argv, envp and auxv, sp 16-byte aligned", () => {
    const proc = LinuxUser.load(guestBytes("args"), { argv: ["p", "x"], env: ["A=1"] });
    const sp = proc.cpu.getReg(3);
    expect(sp % 16n).toBe(0n);
    const words = new BigUint64Array(proc.memory.read(sp, 8 * 8).slice().buffer);
    expect(words[0]).toBe(2n);
    const str = (p: bigint) => Buffer.from(proc.memory.read(p, 3)).toString("latin1");
    expect(str(words[2]!).startsWith("x\0")).toBe(true);
    expect(words[3]).toBe(0n);
    expect(str(words[4]!)).toBe("A=1");
    expect(words[5]).toBe(0n);
    expect(words[6]).toBe(3n); // AT_PHDR first
    expect(GUEST_PAGE_SIZE).toBe(16384);
  });

  it("runs within a budget, resumes, and reports the guest's exit code", () => {
    const proc = LinuxUser.load(guestBytes("misc"));
    const first = proc.run(1000);
    expect(first).toMatchObject({ status: "budget", instructions: 1000 });
    expect(proc.exited).toBe(false);
    const rest = proc.run();
    expect(rest.status).toBe("exited");
    expect(rest.exitCode).toBe(0);
  });

  it("answers an unknown syscall with -ENOSYS, reported once on stderr; a fault ends with 139", () => {
    const r = runOurs(guestBytes("args"), [], "");
    expect(r.stdout.toString()).toContain("unknown syscall -38");
    expect(r.stderr.match(/unsupported syscall 1999/g)?.length).toBe(1);
    expect(r.code).toBe(3);
    const segv = runOurs(guestBytes("args"), ["segv"]);
    expect(segv.code).toBe(139);
    expect(segv.result.signal).toBe(11);
    expect(segv.stderr).toMatch(/signal 11 \(Segmentation fault\).*PIL.*badv 0x10/);
  });

  it("delivers SIGSEGV for a failed bound check, as Linux does (QEMU 7.2 says SIGSYS)", () => {
    const r = runOurs(guestBytes("traps"), ["bce"]);
    expect(r.code).toBe(139);
    expect(r.stderr).toMatch(/BCE/);
  });

  it("never throws or hangs on system calls with arbitrary arguments", () => {
    const elf = guestBytes("args");
    let proc = LinuxUser.load(elf);
    // the `syscall 0` inside the guest's rt_syscall
    const text = new DataView(elf.buffer, elf.byteOffset, elf.byteLength);
    let at = 0;
    while (text.getUint32(at, true) !== 0x002b0000) at += 4;
    const syscallPc = 0x120000000n + BigInt(at);
    const arg = fc.oneof(
      fc.constantFrom(0n, 1n, (1n << 64n) - 1n, 1n << 63n, 0x7fffffffn, 1n << 40n, 0x120000000n),
      fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
    );
    const nrs = [29, 57, 62, 63, 64, 66, 96, 113, 160, 172, 214, 215, 222, 226, 278, 1999];
    fc.assert(
      fc.property(fc.constantFrom(...nrs), fc.array(arg, { minLength: 6, maxLength: 6 }), (nr, args) => {
        // an earlier call may have unmapped or protected the guest's code: start over then
        if (proc.exited) proc = LinuxUser.load(elf);
        proc.cpu.setReg(11, BigInt(nr));
        args.forEach((v, i) => {
          proc.cpu.setReg(4 + i, v);
        });
        proc.cpu.pc = syscallPc;
        const t0 = performance.now();
        const r = proc.run(1);
        expect(r.status === "budget" || r.signal !== undefined).toBe(true);
        expect(performance.now() - t0).toBeLessThan(2000);
      }),
      { numRuns: 400 },
    );
  });

  it("rejects non-static or non-executable images", () => {
    const elf = guestBytes("sort").slice();
    elf[16] = 3; // ET_DYN
    expect(() => LinuxUser.load(elf)).toThrow(LoongArchCpuError);
    const huge = guestBytes("sort").slice();
    new DataView(huge.buffer).setBigUint64(64 + 40, 1n << 40n, true); // p_memsz of the first PT_LOAD
    expect(() => LinuxUser.load(huge)).toThrow(/too large/);
  });
});
