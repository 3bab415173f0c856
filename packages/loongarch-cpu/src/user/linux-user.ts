/**
 * The linux-user runner: loads a static LoongArch64 Linux ELF the way `qemu-loongarch64` does and
 * services its system calls. Host I/O comes in through {@link HostIo}, so the runner works in any
 * JavaScript environment; the `la64-user` bin wires it to the Node process.
 *
 * @module
 */

import { Ecode, ecodeName } from "../cpu/exception.js";
import { Cpu } from "../cpu/interpreter.js";
import { PagedMemory, Perm } from "../cpu/paged-memory.js";
import { StopReason } from "../cpu/stop-reason.js";
import { LoongArchCpuError } from "../error.js";
import { parseElf } from "./elf.js";
import { utf8Encode } from "./text.js";

/** The host side of the guest's file descriptors 0–2 and clocks. */
export interface HostIo {
  /** Receives bytes the guest writes to fd 1. */
  stdout(bytes: Uint8Array): void;
  /** Receives bytes the guest writes to fd 2, and the runner's own diagnostics. */
  stderr(bytes: Uint8Array): void;
  /** Returns up to `max` bytes for a read from fd 0; an empty array means end of file. */
  stdin?(max: number): Uint8Array;
  /**
   * Current time in nanoseconds for clock `clockId` (0 realtime, 1 monotonic, ...). Without it the
   * runner uses virtual time: one nanosecond per executed instruction (deterministic).
   */
  clock?(clockId: number): bigint;
}

/** Options of {@link LinuxUser.load}. */
export interface LinuxUserOptions {
  /** argv (argv[0] is the program name). Default `["prog"]`. */
  readonly argv?: readonly string[];
  /** Environment strings `NAME=value`. Default none. */
  readonly env?: readonly string[];
  /** Host I/O. Default: output discarded, stdin empty. */
  readonly io?: HostIo;
  /** The 16 bytes AT_RANDOM points to (default: a fixed pattern, for reproducible runs). */
  readonly random?: Uint8Array;
  /** Execution tier of the CPU (see {@link CpuOptions.cpuTier}); default `"interp"`. */
  readonly cpuTier?: "interp" | "jit";
}

/** How a {@link LinuxUser.run} ended. */
export interface LinuxUserResult {
  /** `"exited"` (exit/exit_group or a fatal signal) or `"budget"` (instruction budget used up). */
  readonly status: "exited" | "budget";
  /** The exit code: the guest's, or 128 + signal number after a fatal signal (like a shell reports). */
  readonly exitCode: number;
  /** The fatal signal number, if the guest was killed by one. */
  readonly signal?: number;
  /** Instructions executed so far. */
  readonly instructions: number;
}

/** Page size reported in AT_PAGESZ and used to align mmap/brk (QEMU's LoongArch target page). */
export const GUEST_PAGE_SIZE = 16384;
const PAGE = BigInt(GUEST_PAGE_SIZE);
const STACK_TOP = 0x7fff_f000_0000n;
const STACK_SIZE = 8 * 1024 * 1024;
const MMAP_TOP = 0x7fff_0000_0000n;

const IO_MAX = 1n << 20n;
/** Upper bound of the heap and of one anonymous mapping (pages are lazy, but their table is not). */
const MAP_MAX = 1n << 30n;
const ENOSYS = 38;
const EFAULT = 14;
const EBADF = 9;
const EINVAL = 22;
const ENOMEM = 12;
const ENOTTY = 25;
const ESPIPE = 29;

const SIGNAL_NAMES: Readonly<Record<number, string>> = {
  4: "Illegal instruction",
  5: "Trace/breakpoint trap",
  7: "Bus error",
  8: "Floating point exception",
  11: "Segmentation fault",
};

const alignUp = (v: bigint): bigint => (v + PAGE - 1n) & ~(PAGE - 1n);

/**
 * A single guest process: its address space, its CPU and its system-call layer.
 *
 * @example
 * ```ts
 * import { LinuxUser } from "@axvisor/loongarch-cpu";
 * declare const elf: Uint8Array; // a static LoongArch64 Linux executable
 * const out: number[] = [];
 * const proc = LinuxUser.load(elf, { argv: ["hello"], io: { stdout: (b) => out.push(...b), stderr: () => {} } });
 * const result = proc.run();
 * console.log(result.exitCode, String.fromCharCode(...out));
 * ```
 */
export class LinuxUser {
  /** The CPU running the guest. */
  readonly cpu: Cpu;
  /** The guest address space. */
  readonly memory: PagedMemory;
  private readonly io: HostIo;
  private brkStart: bigint;
  private brkCur: bigint;
  private mmapNext = MMAP_TOP;
  private exitCode: number | undefined;
  private signal: number | undefined;
  private readonly reported = new Set<number>();

  private constructor(memory: PagedMemory, cpu: Cpu, io: HostIo, brk: bigint) {
    this.memory = memory;
    this.cpu = cpu;
    this.io = io;
    this.brkStart = brk;
    this.brkCur = brk;
  }

  /**
   * Loads a static executable: maps its PT_LOAD segments (file bytes + zero fill), builds the initial
   * stack (argc, argv, envp, auxv) and points the CPU at the entry.
   *
   * @param elf - The ELF file bytes.
   * @param options - argv, environment, host I/O.
   * @returns The process, ready to {@link LinuxUser.run}.
   * @throws {@link LoongArchCpuError} `InvalidElf` if the file is not a static LoongArch64 executable.
   *
   * @example
   * ```ts
   * import { LinuxUser } from "@axvisor/loongarch-cpu";
   * declare const elf: Uint8Array;
   * const proc = LinuxUser.load(elf, { argv: ["prog", "--fast"] });
   * console.log(proc.cpu.getReg(3) % 16n); // 0n: sp is 16-byte aligned
   * ```
   */
  static load(elf: Uint8Array, options: LinuxUserOptions = {}): LinuxUser {
    const image = parseElf(elf);
    if (image.interp)
      throw new LoongArchCpuError("InvalidElf", "dynamically linked programs are not supported");
    if (image.type !== 2)
      throw new LoongArchCpuError("InvalidElf", "only static ET_EXEC programs are supported");
    const mem = new PagedMemory();
    let end = 0n;
    let phdr = 0n;
    for (const s of image.segments) {
      if (s.memsz === 0) continue;
      if (BigInt(s.memsz) > MAP_MAX || s.vaddr + BigInt(s.memsz) > 1n << 47n) {
        throw new LoongArchCpuError(
          "InvalidElf",
          `segment at 0x${s.vaddr.toString(16)} is too large or not a user address`,
        );
      }
      const perms =
        (s.flags & 4 ? Perm.READ : 0) | (s.flags & 2 ? Perm.WRITE : 0) | (s.flags & 1 ? Perm.EXEC : 0);
      mem.map(s.vaddr, s.memsz, perms);
      // the mapping is zero-filled, so copying p_filesz bytes leaves the .bss part zero
      mem.write(s.vaddr, elf.subarray(s.offset, s.offset + s.filesz));
      const segEnd = s.vaddr + BigInt(s.memsz);
      if (segEnd > end) end = segEnd;
      if (image.phoff >= s.offset && image.phoff < s.offset + s.filesz) {
        phdr = s.vaddr + BigInt(image.phoff - s.offset);
      }
    }
    const cpu = new Cpu(mem, { pc: image.entry, cpuTier: options.cpuTier ?? "interp" });
    const io = options.io ?? { stdout: () => {}, stderr: () => {} };
    const proc = new LinuxUser(mem, cpu, io, alignUp(end));
    proc.buildStack(options, image.entry, phdr, image.phnum, image.phentsize);
    return proc;
  }

  private buildStack(
    options: LinuxUserOptions,
    entry: bigint,
    phdr: bigint,
    phnum: number,
    phent: number,
  ): void {
    const mem = this.memory;
    mem.map(STACK_TOP - BigInt(STACK_SIZE), STACK_SIZE, Perm.READ | Perm.WRITE);
    let sp = STACK_TOP;
    const pushBytes = (b: Uint8Array): bigint => {
      sp -= BigInt(b.length);
      mem.write(sp, b);
      return sp;
    };
    const argv = options.argv ?? ["prog"];
    const env = options.env ?? [];
    const cstr = (s: string) => {
      const e = utf8Encode(s);
      const z = new Uint8Array(e.length + 1);
      z.set(e);
      return z;
    };
    const execfn = pushBytes(cstr(argv[0] ?? "prog"));
    const envPtrs = env.map((s) => pushBytes(cstr(s)));
    const argPtrs = argv.map((s) => pushBytes(cstr(s)));
    const platform = pushBytes(cstr("loongarch"));
    sp &= ~15n;
    const rnd = options.random ?? Uint8Array.from({ length: 16 }, (_, i) => (i * 37 + 11) & 0xff);
    const random = pushBytes(rnd.subarray(0, 16));
    const auxv: [number, bigint][] = [
      [3, phdr], // AT_PHDR
      [4, BigInt(phent)], // AT_PHENT
      [5, BigInt(phnum)], // AT_PHNUM
      [6, PAGE], // AT_PAGESZ
      [7, 0n], // AT_BASE
      [8, 0n], // AT_FLAGS
      [9, entry], // AT_ENTRY
      [11, 0n], // AT_UID
      [12, 0n], // AT_EUID
      [13, 0n], // AT_GID
      [14, 0n], // AT_EGID
      [16, 0x3fn], // AT_HWCAP: CPUCFG | LAM | UAL | FPU | LSX? (bits 0..5)
      [17, 100n], // AT_CLKTCK
      [15, platform], // AT_PLATFORM
      [23, 0n], // AT_SECURE
      [25, random], // AT_RANDOM
      [31, execfn], // AT_EXECFN
      [0, 0n], // AT_NULL
    ];
    const words: bigint[] = [BigInt(argPtrs.length), ...argPtrs, 0n, ...envPtrs, 0n];
    for (const [k, v] of auxv) words.push(BigInt(k), v);
    sp -= BigInt(words.length * 8);
    sp &= ~15n;
    const block = new Uint8Array(words.length * 8);
    const dv = new DataView(block.buffer);
    for (const [i, v] of words.entries()) dv.setBigUint64(i * 8, BigInt.asUintN(64, v), true);
    mem.write(sp, block);
    this.cpu.setReg(3, sp);
  }

  /**
   * Whether the guest has exited (by exit/exit_group or a fatal signal).
   *
   * @example
   * ```ts
   * import { LinuxUser } from "@axvisor/loongarch-cpu";
   * declare const proc: LinuxUser;
   * while (!proc.exited) proc.run(1_000_000);
   * ```
   */
  get exited(): boolean {
    return this.exitCode !== undefined;
  }

  /**
   * Runs the guest until it exits or `maxInstructions` have executed.
   *
   * @param maxInstructions - Instruction budget for this call (default: unlimited).
   * @returns How the run ended.
   *
   * @example
   * ```ts
   * import { LinuxUser } from "@axvisor/loongarch-cpu";
   * declare const elf: Uint8Array;
   * const r = LinuxUser.load(elf).run(10_000_000);
   * console.log(r.status, r.exitCode, r.instructions);
   * ```
   */
  run(maxInstructions: number = Number.POSITIVE_INFINITY): LinuxUserResult {
    const cpu = this.cpu;
    const limit = cpu.instructionCount + maxInstructions;
    while (this.exitCode === undefined) {
      const left = limit - cpu.instructionCount;
      if (left <= 0) break;
      const stop = cpu.run(Math.min(left, 1 << 16));
      if (stop === StopReason.BUDGET) continue;
      const exc = cpu.exception;
      if (stop === StopReason.EXCEPTION && exc?.ecode === Ecode.SYS) {
        this.syscall();
        if (this.exitCode === undefined) cpu.advancePc();
        continue;
      }
      this.fatal();
    }
    const result = {
      status: this.exitCode === undefined ? ("budget" as const) : ("exited" as const),
      exitCode: this.exitCode ?? 0,
      instructions: cpu.instructionCount,
    };
    return this.signal === undefined ? result : { ...result, signal: this.signal };
  }

  private fatal(): void {
    const exc = this.cpu.exception;
    let sig = 11;
    if (exc) {
      const e = exc.ecode;
      if (e === Ecode.ALE) sig = 7;
      else if (e === Ecode.BRK) {
        const code = exc.insn & 0x7fff;
        sig = code === 6 || code === 7 ? 8 : 5;
      } else if (e === Ecode.INE || e === Ecode.IPE || e === Ecode.FPD) sig = 4;
    }
    const what = exc
      ? `${ecodeName(exc.ecode)} at pc 0x${exc.pc.toString(16)}, badv 0x${exc.badv.toString(16)}`
      : "device access outside RAM";
    this.diag(`la64-user: uncaught target signal ${sig} (${SIGNAL_NAMES[sig]}) - ${what}\n`);
    this.signal = sig;
    this.exitCode = 128 + sig;
  }

  private diag(msg: string): void {
    this.io.stderr(utf8Encode(msg));
  }

  private arg(i: number): bigint {
    return this.cpu.getReg(4 + i);
  }

  private readGuest(addr: bigint, len: number): Uint8Array | undefined {
    try {
      return this.memory.read(addr, len);
    } catch {
      return undefined;
    }
  }

  private writeGuest(addr: bigint, data: Uint8Array): boolean {
    try {
      this.memory.write(addr, data);
      return true;
    } catch {
      return false;
    }
  }

  private syscall(): void {
    const cpu = this.cpu;
    const nr = Number(cpu.getReg(11));
    const ret = this.dispatch(nr);
    if (this.exitCode === undefined) cpu.setReg(4, ret);
  }

  private dispatch(nr: number): bigint {
    const a0 = this.arg(0);
    const a1 = this.arg(1);
    const a2 = this.arg(2);
    switch (nr) {
      case 63: // read (at most 1 MiB per call, like a short read)
        return this.sysRead(a0, a1, Number(a2 > IO_MAX ? IO_MAX : a2));
      case 64: // write (at most 1 MiB per call: a short write)
        return this.sysWrite(a0, a1, Number(a2 > IO_MAX ? IO_MAX : a2));
      case 66: {
        // writev
        if (a2 > 1024n) return -BigInt(EINVAL); // IOV_MAX
        let total = 0n;
        for (let i = 0n; i < a2; i++) {
          const iov = this.readGuest(a1 + 16n * i, 16);
          if (!iov) return -BigInt(EFAULT);
          const dv = new DataView(iov.buffer);
          const r = this.sysWrite(
            a0,
            dv.getBigUint64(0, true),
            Number(dv.getBigUint64(8, true) & 0x7fffffffn),
          );
          if (r < 0n) return total > 0n ? total : r;
          total += r;
        }
        return total;
      }
      case 93: // exit
      case 94: // exit_group
        this.exitCode = Number(a0 & 0xffn);
        return 0n;
      case 214: // brk
        return this.sysBrk(a0);
      case 222: // mmap
        return this.sysMmap(a0, a1, Number(a2), Number(this.arg(3)), Number(BigInt.asIntN(64, this.arg(4))));
      case 215: // munmap
        if (a0 % PAGE !== 0n || a1 === 0n || a1 > 1n << 47n) return -BigInt(EINVAL);
        this.memory.unmap(a0, Number(alignUp(a1)));
        this.cpu.flushTlb();
        return 0n;
      case 226: // mprotect
        if (a0 % PAGE !== 0n || a1 > 1n << 47n) return -BigInt(EINVAL);
        this.memory.protect(a0, Number(alignUp(a1)), Number(a2 & 7n));
        this.cpu.flushTlb();
        return 0n;
      case 113: {
        // clock_gettime
        const ns = this.io.clock ? this.io.clock(Number(a0)) : BigInt(this.cpu.instructionCount);
        const b = new Uint8Array(16);
        const dv = new DataView(b.buffer);
        dv.setBigUint64(0, ns / 1_000_000_000n, true);
        dv.setBigUint64(8, ns % 1_000_000_000n, true);
        return this.writeGuest(a1, b) ? 0n : -BigInt(EFAULT);
      }
      case 160: {
        // uname: six 65-byte fields
        const b = new Uint8Array(6 * 65);
        const fields = ["Linux", "la64-user", "6.1.0", "#1 SMP", "loongarch64", "(none)"];
        for (const [i, s] of fields.entries()) b.set(utf8Encode(s), i * 65);
        return this.writeGuest(a0, b) ? 0n : -BigInt(EFAULT);
      }
      case 172: // getpid
      case 178: // gettid
      case 96: // set_tid_address
        return 1000n;
      case 173: // getppid
        return 999n;
      case 174: // getuid
      case 175: // geteuid
      case 176: // getgid
      case 177: // getegid
      case 99: // set_robust_list
      case 124: // sched_yield
      case 134: // rt_sigaction
      case 135: // rt_sigprocmask
      case 101: // nanosleep
        return 0n;
      case 29: // ioctl: no terminals here
        return -BigInt(ENOTTY);
      case 57: // close
        return a0 <= 2n ? 0n : -BigInt(EBADF);
      case 62: // lseek
        return -BigInt(ESPIPE);
      case 278: {
        // getrandom: deterministic bytes
        const n = Number(a1 & 0xffffn);
        const b = Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 0xff);
        return this.writeGuest(a0, b) ? BigInt(n) : -BigInt(EFAULT);
      }
      default:
        if (!this.reported.has(nr)) {
          this.reported.add(nr);
          this.diag(`la64-user: unsupported syscall ${nr}\n`);
        }
        return -BigInt(ENOSYS);
    }
  }

  private sysRead(fd: bigint, buf: bigint, len: number): bigint {
    if (fd !== 0n) return -BigInt(EBADF);
    const data = this.io.stdin ? this.io.stdin(len) : new Uint8Array(0);
    const n = Math.min(data.length, len);
    if (n > 0 && !this.writeGuest(buf, data.subarray(0, n))) return -BigInt(EFAULT);
    return BigInt(n);
  }

  private sysWrite(fd: bigint, buf: bigint, len: number): bigint {
    if (fd !== 1n && fd !== 2n) return -BigInt(EBADF);
    const data = this.readGuest(buf, len);
    if (!data) return -BigInt(EFAULT);
    if (fd === 1n) this.io.stdout(data);
    else this.io.stderr(data);
    return BigInt(len);
  }

  private sysBrk(want: bigint): bigint {
    if (want < this.brkStart) return this.brkCur;
    const oldTop = alignUp(this.brkCur);
    const newTop = alignUp(want);
    if (newTop > oldTop) {
      if (newTop - this.brkStart > MAP_MAX) return this.brkCur;
      this.memory.map(oldTop, Number(newTop - oldTop), Perm.READ | Perm.WRITE);
    } else if (newTop < oldTop) {
      this.memory.unmap(newTop, Number(oldTop - newTop));
      this.cpu.flushTlb();
    }
    // a region between the old brk and its page end may hold stale data after a shrink: zero it
    if (want > this.brkCur && this.brkCur < oldTop) {
      const z = Number((want < oldTop ? want : oldTop) - this.brkCur);
      this.memory.write(this.brkCur, new Uint8Array(z));
    }
    this.brkCur = want;
    return want;
  }

  private sysMmap(addr: bigint, len: bigint, prot: number, flags: number, fd: number): bigint {
    if (len <= 0n) return -BigInt(EINVAL);
    if (len > MAP_MAX) return -BigInt(ENOMEM);
    if ((flags & 0x20) === 0 || fd !== -1) return -BigInt(ENOSYS); // only anonymous mappings
    const size = alignUp(len);
    let at: bigint;
    if (flags & 0x10) {
      // MAP_FIXED
      if (addr % PAGE !== 0n) return -BigInt(EINVAL);
      at = addr;
      this.memory.unmap(at, Number(size));
    } else {
      at = this.mmapNext - size;
      if (at < 0x1000_0000_0000n) return -BigInt(ENOMEM);
      this.mmapNext = at;
    }
    this.memory.map(at, Number(size), prot & 7);
    this.cpu.flushTlb();
    return at;
  }
}
