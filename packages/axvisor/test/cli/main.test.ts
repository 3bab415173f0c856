// Spawns the built CLI (dist/cli.js): build the package first (`pnpm --filter @axvisor/axvisor build`).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { assemble } from "@axvisor/loongarch-cpu";
import { describe, expect, it } from "vitest";

const PKG = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CLI = join(PKG, "dist/cli.js");
const TOY_ARCH = "test/fixtures/fake-arch.mjs";
const toy = (name: string): string => `test/fixtures/toy/${name}.toml`;

function axvisor(
  args: readonly string[],
  input?: string,
): { code: number | null; stdout: string; stderr: string } {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: run "pnpm --filter @axvisor/axvisor build" before the CLI tests`);
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: PKG,
    encoding: "utf8",
    timeout: 60_000,
    ...(input === undefined ? {} : { input }),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A user error: one line on stderr, no stack trace. */
function expectUserError(r: ReturnType<typeof axvisor>, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

/** A minimal ELF64 with one PT_LOAD holding `text` at physical 0x200000 (the toy vCPU's "code"). */
function toyElf(text: string | Uint8Array, paddr = 0x9000_0000_0020_0000n): Uint8Array {
  const body = typeof text === "string" ? new TextEncoder().encode(text) : text;
  const buf = new Uint8Array(0x1000 + body.length);
  const v = new DataView(buf.buffer);
  buf.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], 0);
  v.setUint16(16, 2, true); // ET_EXEC
  v.setUint16(18, 258, true); // EM_LOONGARCH
  v.setUint32(20, 1, true);
  v.setBigUint64(24, 0x20_0000n, true); // e_entry (physical, as the toy runs in "DA mode")
  v.setBigUint64(32, 64n, true); // e_phoff
  v.setUint16(52, 64, true); // e_ehsize
  v.setUint16(54, 56, true); // e_phentsize
  v.setUint16(56, 1, true); // e_phnum
  v.setUint16(58, 64, true); // e_shentsize
  v.setUint32(64, 1, true); // PT_LOAD
  v.setUint32(68, 5, true); // R|X
  v.setBigUint64(72, 0x1000n, true); // p_offset
  v.setBigUint64(80, paddr, true); // p_vaddr
  v.setBigUint64(88, paddr, true); // p_paddr (masked to 0x200000 like QEMU 7.2 does)
  v.setBigUint64(96, BigInt(body.length), true);
  v.setBigUint64(104, BigInt(body.length), true);
  v.setBigUint64(112, 0x1000n, true);
  buf.set(body, 0x1000);
  return buf;
}

const tmp = mkdtempSync(join(tmpdir(), "axvisor-cli-"));

describe("axvisor run <vm.toml>", () => {
  it("runs a VM to power-off: console on stdout, exit status 0, nothing on stderr", () => {
    const r = axvisor(["run", "--arch-module", TOY_ARCH, toy("hello")]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("hello from toy\nsecond line\n");
    expect(r.code).toBe(0);
  });

  it("runs two VMs in parallel, interleaved, each line prefixed by its VM name", () => {
    const a = join(tmp, "a.txt");
    const b = join(tmp, "b.txt");
    writeFileSync(a, "print a1\nspin 250000\nprint a2\npoweroff\n");
    writeFileSync(b, "print b1\nspin 250000\nprint b2\npoweroff\n");
    const cfg = (id: number, name: string, kernel: string): string => {
      const file = join(tmp, `${name}.toml`);
      writeFileSync(
        file,
        `[base]\nid = ${id}\nname = "${name}"\nvm_type = 1\ncpu_num = 1\n[kernel]\nentry_point = 0x200000\nkernel_path = "${kernel}"\nkernel_load_addr = 0x200000\nmemory_regions = [[0x0, 0x100000, 0x7, 0], [0x200000, 0x100000, 0x7, 0]]\n[devices]\nemu_devices = [["uart0", 0x1fe001e0, 0x8, 2, 0x2, []]]\npassthrough_devices = []\n`,
      );
      return file;
    };
    const r = axvisor(["run", "--arch-module", TOY_ARCH, cfg(1, "alpha", "a.txt"), cfg(2, "beta", "b.txt")]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")).toEqual(["[alpha] a1", "[beta] b1", "[alpha] a2", "[beta] b2", ""]);
    expect(r.stderr).toBe("axvisor: VM 1 (alpha) powered off\naxvisor: VM 2 (beta) powered off\n");
  });

  it("a faulting guest fails with the reason and exit status 1 while the other VM completes", () => {
    const r = axvisor(["run", "--arch-module", TOY_ARCH, toy("faulty"), toy("hello")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("[faulty] about to fault\n");
    expect(r.stdout).toContain("[hello] second line\n");
    expect(r.stderr).toMatch(/VM 3 \(faulty\) failed: vCPU 0: NestedPageFault \{ addr: GPA:0x40000000/);
    expect(r.stderr).toMatch(/VM 1 \(hello\) powered off/);
  });

  it("a guest halted with nothing to wake it fails instead of hanging", () => {
    const r = axvisor(["run", "--arch-module", TOY_ARCH, toy("hang")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/failed: every vCPU waits for an interrupt/);
  });

  it("--max-instructions stops a runaway guest", () => {
    const r = axvisor(["run", "--arch-module", TOY_ARCH, "--max-instructions", "1000000", toy("forever")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/instruction limit of 1000000 reached/);
  });

  it("stops on SIGINT: the running VMs fail as interrupted, statistics still print", async () => {
    const child = spawn(process.execPath, [CLI, "run", "--arch-module", TOY_ARCH, "--stats", toy("chatty")], {
      cwd: PKG,
    });
    let stdout = "";
    let stderr = "";
    let interrupted = false;
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      // The guest runs (so the handler is installed): interrupt it.
      if (!interrupted && stdout.startsWith("started\n")) {
        interrupted = true;
        child.kill("SIGINT");
      }
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const code = await new Promise<number | null>((done) => child.on("close", (c) => done(c)));
    expect(code).toBe(1);
    expect(stderr).toBe("axvisor: VM 8 (chatty) failed: interrupted (SIGINT)\n");
    expect(stdout).toMatch(/ 8\s+chatty\s+0\s+\d+/);
  });

  it("shows a progress line on a terminal during long runs", async () => {
    // `script` gives the CLI a pseudo-terminal as stdout.
    const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;
    if (!hasScript && process.env["CI"] === "true") throw new Error("script (util-linux) is required in CI");
    if (!hasScript) {
      console.warn("not checking the progress line: script (util-linux) is not installed");
      return;
    }
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} run --arch-module ${TOY_ARCH} ${toy("forever")}`;
    const child = spawn("script", ["-qec", cmd, "/dev/null"], { cwd: PKG });
    let out = "";
    const seen = await new Promise<boolean>((done) => {
      const timer = setTimeout(() => done(false), 30_000);
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        // Each update erases the line first (CR, ESC [K).
        const line = out.split("\r\u001b[K").at(-1) ?? "";
        if (
          out.includes("\r\u001b[K") &&
          /^\[axvisor\] [\d.]+ s {2}[\d.]+ M instructions {2}[\d.]+ MIPS {2}1 VM\(s\) running/.test(line)
        ) {
          clearTimeout(timer);
          done(true);
        }
      });
    });
    child.kill("SIGINT");
    child.kill("SIGTERM");
    expect(seen).toBe(true);
  });

  it("feeds stdin to the first VM's UART (the guest polls it), unless --no-stdin", () => {
    const r = axvisor(["run", "--arch-module", TOY_ARCH, toy("echo")], "hello there\nsecond\n");
    expect(r.stdout).toBe("say something\nhello there\nsecond\n");
    expect(r.code).toBe(0);
    const none = axvisor(
      ["run", "--arch-module", TOY_ARCH, "--no-stdin", "--max-instructions", "300000", toy("echo")],
      "x\n",
    );
    expect(none.stdout).toBe("say something\n");
    expect(none.stderr).toMatch(/instruction limit of 300000 reached/);
  });

  it("serves hypercalls (debug returns 0, unknown -1) and starts secondary vCPUs on CpuUp", () => {
    expect(axvisor(["run", "--arch-module", TOY_ARCH, toy("hcall")]).stdout).toBe("ret=0\nret=-1\n");
    const smp = axvisor(["run", "--arch-module", TOY_ARCH, toy("smp")]);
    expect(smp.stdout).toBe("bsp\nap started\n");
    expect(smp.code).toBe(0);
  });

  it("--stats prints a per-vCPU table; --trace prints every VM exit on stderr", () => {
    const stats = axvisor(["run", "--arch-module", TOY_ARCH, "--stats", toy("busy")]);
    expect(stats.code).toBe(0);
    expect(stats.stdout).toMatch(
      /VM\s+name\s+vCPU\s+instructions\s+MIPS\s+time\(ms\)\s+IRQs\s+TLB refills\s+exits by reason/,
    );
    // the toy vCPU does not count guest events: "-" in those columns
    expect(stats.stdout).toMatch(/ 2\s+busy\s+0\s+300012\s+[\d.]+\s+[\d.]+\s+-\s+-\s+MmioWrite×11 Nothing×3/);
    const trace = axvisor(["run", "--arch-module", TOY_ARCH, "--trace", toy("hcall")]);
    expect(trace.stderr).toMatch(/\[trace\] hcall\/0 exit Hypercall \{ nr: 0x2/);
    expect(trace.stderr).toMatch(
      /\[trace\] hcall\/0 exit MmioWrite \{ addr: GPA:0x100e001c, width: Byte, data: 0x34 \}/,
    );
    expect(trace.stderr).toMatch(/instruction tracing|cannot trace instructions/);
  });
});

describe("axvisor run --kernel", () => {
  it("boots an ELF on the QEMU-virt-shaped machine, masking physical addresses like QEMU 7.2", () => {
    const elf = join(tmp, "toy.elf");
    writeFileSync(elf, toyElf("print from an elf\npoweroff\n"));
    const r = axvisor(["run", "--arch-module", TOY_ARCH, "--kernel", elf, "--mem", "64M", "--smp", "2"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("from an elf\n");
    expect(r.code).toBe(0);
  });

  it("starts every vCPU at e_entry, as QEMU 7.2's virt board does at reset", () => {
    const elf = join(tmp, "smp.elf");
    writeFileSync(elf, toyElf("print cpu\nspin 5000\npoweroff\n"));
    const r = axvisor(["run", "--arch-module", TOY_ARCH, "--kernel", elf, "--smp", "3", "--slice", "1000"]);
    expect(r.stdout).toBe("cpu\ncpu\ncpu\n");
    expect(r.code).toBe(0);
  });

  it("rejects a file that is not an ELF, a broken ELF and bad sizes", () => {
    expectUserError(axvisor(["run", "--kernel", "package.json"]), /--kernel: package.json: not an ELF file/);
    const broken = join(tmp, "broken.elf");
    writeFileSync(broken, toyElf("x").subarray(0, 80));
    expectUserError(
      axvisor(["run", "--arch-module", TOY_ARCH, "--kernel", broken]),
      /broken\.elf: .*program header/,
    );
    const elf = join(tmp, "ok.elf");
    writeFileSync(elf, toyElf("poweroff\n"));
    expectUserError(axvisor(["run", "--kernel", elf, "--mem", "lots"]), /--mem: cannot read "lots"/);
    expectUserError(axvisor(["run", "--kernel", elf, "--smp", "0"]), /--smp: 0 is out of range/);
    expectUserError(axvisor(["run", "--kernel", elf, toy("hello")]), /either VM configs or --kernel/);
  });
});

describe("axvisor user errors", () => {
  it("names the missing file", () => {
    expectUserError(axvisor(["run", "nope.toml"]), /^axvisor: nope\.toml: no such file\n$/);
    expectUserError(axvisor(["run", "--kernel", "nope.elf"]), /--kernel: nope\.elf: no such file/);
    expectUserError(
      axvisor(["run", toy("bad-kernel")]),
      /bad-kernel\.toml: kernel\.kernel_path: missing\.bin .*no such file/,
    );
  });

  it("names the bad TOML line or the bad field", () => {
    expectUserError(
      axvisor(["run", toy("garbage")]),
      /garbage\.toml: TOML syntax error at line 1, column \d+/,
    );
    expectUserError(
      axvisor(["run", toy("bad-syntax")]),
      /bad-syntax\.toml: base\.cpu_num: expected a non-negative integer/,
    );
  });

  it("rejects unknown architectures and arch modules without a binding", () => {
    expectUserError(
      axvisor(["run", "--arch", "sparc", toy("hello")]),
      /unknown arch "sparc" \(known: loongarch64\)/,
    );
    expectUserError(
      axvisor(["run", "--arch-module", "nope.mjs", toy("hello")]),
      /--arch-module: nope\.mjs: no such file/,
    );
    expectUserError(
      axvisor(["run", "--arch-module", "package.json", toy("hello")]),
      /--arch-module: package\.json: /,
    );
  });

  it("exits 2 on usage errors and 0 on --help", () => {
    expect(axvisor(["run", "--bogus"]).code).toBe(2);
    expectUserError(axvisor(["run", "--cpu-tier", "fast", toy("hello")]), /--cpu-tier must be interp or jit/);
    expectUserError(
      axvisor(["run", "--cpu-tier", "jit", "--jit-threshold", "lots", toy("hello")]),
      /--jit-threshold: "lots" is not a positive integer/,
    );
    expectUserError(axvisor(["run"]), /nothing to run/);
    const help = axvisor(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/run \[options\] \[configs\.\.\.\]/);
  });
});

describe("axvisor shell", () => {
  it("runs a script from stdin: create, list, start, wait, show, delete", () => {
    const script = [
      `vm create ${toy("hello")} ${toy("forever")}`,
      "vm list",
      "vm start 1",
      "wait 1",
      "vm start 5",
      "vm suspend 5",
      "vm list",
      "vm resume 5",
      "vm stop 5",
      "vm show 1",
      "vm delete 1",
      "vm delete 5",
      "vm list",
      "help",
      "exit",
    ].join("\n");
    const r = axvisor(["shell", "--arch-module", TOY_ARCH], `${script}\n`);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain('Created VM[1] "hello" (1 vCPU)');
    expect(out).toContain('Created VM[5] "forever" (1 vCPU)');
    expect(out).toMatch(
      /ID\s+NAME\s+STATE\s+VCPUS\s+REASON\n1\s+hello\s+loaded\s+1\n5\s+forever\s+loaded\s+1\n/,
    );
    expect(out).toContain("[hello] hello from toy\n[hello] second line\n");
    expect(out).toContain("VM[1] hello stopped: powered off");
    expect(out).toMatch(/5\s+forever\s+suspended\s+1/);
    expect(out).toContain("VM[5] forever stopped: stopped by the user");
    expect(out).toMatch(/VM\[1\] "hello"\n\s+state:\s+stopped \(powered off\)/);
    expect(out).toMatch(/GPA:0x0 size 0x1000000 READ \| WRITE \| EXECUTE \(lazy\)/);
    expect(out).toContain("No VMs.");
    expect(out).toContain("vm suspend <id>");
  });

  it("reports command errors on stderr, keeps going, and exits 1 at the end of a failing script", () => {
    const r = axvisor(
      ["shell", "--arch-module", TOY_ARCH],
      `vm start 9\nvm frobnicate\nfly\nvm create nope.toml\nvm create ${toy("hello")}\nvm delete 1\nvm list\n`,
    );
    expect(r.stderr).toBe(
      'error: no VM with id 9\nerror: unknown vm command "frobnicate" (try help)\nerror: unknown command "fly" (try help)\nerror: nope.toml: no such file\n',
    );
    expect(r.stdout).toContain("VM[1] deleted");
    expect(r.stdout).toContain("No VMs.");
    expect(r.code).toBe(1);
  });
});

describe("axvisor run with the LoongArch64 vCPU", () => {
  const ELF = (name: string): string => join(PKG, "../../examples/guests/elf", `${name}.elf`);

  it("boots a guest ELF with --kernel and powers off with status 0", () => {
    const r = axvisor(["run", "--kernel", ELF("hello")]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      "Hello from a LoongArch64 guest on the virt board!\r\nThis line came through the NS16550A UART at 0x1fe001e0.\r\n",
    );
    expect(r.code).toBe(0);
  });

  it("a guest that reads an address no device answers fails with the reason", () => {
    const code = new Uint8Array(assemble("li.d $a0, 0x40000000\nld.d $a1, $a0, 0\nidle 0").buffer);
    const elf = join(tmp, "fault.elf");
    writeFileSync(elf, toyElf(code, 0x20_0000n));
    const r = axvisor(["run", "--kernel", elf]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "axvisor: VM 1 (fault) failed: vCPU 0: no emulated MMIO device at GPA:0x40000000 (read, Qword)\n",
    );
  });

  it("a guest whose exception handler faults fails instead of crashing the host", () => {
    // The toy's text is no LoongArch program: the guest takes an exception with EENTRY = 0.
    const r = axvisor(["run", toy("hello")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^axvisor: VM 1 \(hello\) failed: vCPU 0: guest faulted: ECODE=/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it("Halt: an idle guest sleeps until its timer fires, then continues (as under QEMU)", () => {
    // Timer interrupt handler at 0x201000 acknowledges the interrupt; main arms a one-shot timer and idles.
    const main = assemble(
      [
        "li.d $t0, 0x201000",
        "csrwr $t0, 0xc", // EENTRY
        "li.d $t0, 0x800",
        "csrwr $t0, 0x4", // ECFG.LIE: timer
        "li.d $t0, 0x10001",
        "csrwr $t0, 0x41", // TCFG: one-shot, enabled
        "li.d $t0, 0x4",
        "csrxchg $t0, $t0, 0x0", // CRMD.IE
        "idle 0",
        "li.d $a0, 0x1fe001e0",
        "li.d $t0, 0x54",
        "st.b $t0, $a0, 0",
        "li.d $a0, 0x100e001c",
        "li.d $t0, 0x34",
        "st.b $t0, $a0, 0",
        "spin:",
        "b spin",
      ].join("\n"),
    );
    const handler = assemble("li.d $t0, 1\ncsrwr $t0, 0x44\nertn"); // TICLR
    const body = new Uint8Array(0x1000 + handler.byteLength);
    body.set(new Uint8Array(main.buffer), 0);
    body.set(new Uint8Array(handler.buffer), 0x1000);
    const elf = join(tmp, "timer.elf");
    writeFileSync(elf, toyElf(body, 0x20_0000n));
    const r = axvisor(["run", "--stats", "--kernel", elf]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^T\n/);
    expect(r.stdout).toMatch(/ 1 {2}timer +0 +\d+ .*Halt×1/);
    // With nothing armed, idle would wait forever: the VM fails instead of hanging.
    const forever = join(tmp, "forever.elf");
    writeFileSync(forever, toyElf(new Uint8Array(assemble("idle 0").buffer), 0x20_0000n));
    const f = axvisor(["run", "--kernel", forever]);
    expect(f.code).toBe(1);
    expect(f.stderr).toMatch(/failed: every vCPU waits for an interrupt that nothing can raise/);
  });

  it("--trace disassembles every instruction and prints every VM exit", () => {
    const r = axvisor(["run", "--trace", "--kernel", ELF("hello")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^\[trace\] hello\/0 0000000000200000: [0-9a-f]{8} {2}pcalau12i\t\$sp, /m);
    expect(r.stderr).toMatch(
      /^\[trace\] hello\/0 exit MmioWrite \{ addr: GPA:0x1fe001e0, width: Byte, data: 0x48 \}$/m,
    );
    expect(r.stderr).toMatch(
      /^\[trace\] hello\/0 exit MmioWrite \{ addr: GPA:0x100e001c, width: Byte, data: 0x34 \}$/m,
    );
  });

  it("--trace with --cpu-tier jit traces on the interpreter: the same trace as --cpu-tier interp", () => {
    const a = axvisor(["run", "--trace", "--kernel", ELF("hello")]);
    const b = axvisor(["run", "--trace", "--cpu-tier", "jit", "--kernel", ELF("hello")]);
    expect(b.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(b.stderr).toBe(a.stderr);
  });

  it("--max-instructions stops the compute guest early under either tier", () => {
    const j = axvisor([
      "run",
      "--kernel",
      ELF("compute"),
      "--max-instructions",
      "300000",
      "--cpu-tier",
      "jit",
    ]);
    expect(j.code).toBe(1);
    expect(j.stderr).toBe("axvisor: VM 1 (compute) failed: instruction limit of 300000 reached\n");
  });

  it("--max-instructions stops the compute guest early", () => {
    const r = axvisor(["run", "--kernel", ELF("compute"), "--max-instructions", "50000"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("axvisor: VM 1 (compute) failed: instruction limit of 50000 reached\n");
  });

  it.each(["interp", "jit"])("the shell (--cpu-tier %s) creates and runs a real guest", (tier) => {
    const script = "vm create ../../examples/vms/hello.toml\nvm start 1\nwait\nvm list\n";
    const r = axvisor(["shell", "--cpu-tier", tier], script);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("[hello] Hello from a LoongArch64 guest on the virt board!");
    expect(r.stdout).toMatch(/1\s+hello\s+stopped\s+1\s+powered off/);
  });

  it("the shell rejects a bad --cpu-tier", () => {
    expectUserError(axvisor(["shell", "--cpu-tier", "fast"]), /--cpu-tier must be interp or jit/);
  });
});
