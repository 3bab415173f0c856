// The bare-metal guests of examples/guests booted through AxVM on LoongArchVCpu with the UART and the
// power-off registers, their console transcripts compared byte for byte with qemu-system-loongarch64
// -M virt -kernel (QEMU 7.2's direct ELF boot), run live.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toolAvailable } from "../helpers/tools.js";
import { CPU_TIERS, type CpuTier, GUEST_ELF_DIR, makeVm } from "./harness.js";

// the compute benchmark guests (bench-*) run 25 M instructions each; memtouch stores to 16 MiB of RAM
const GUESTS = [
  "hello",
  "csr",
  "compute",
  "memtouch",
  "bench-list",
  "bench-matrix",
  "bench-state",
  "bench-crc",
  "bench-sort",
  "bench-hash",
] as const;
const haveQemu = toolAvailable("qemu-system-loongarch64");

function qemuTranscript(elf: string): Buffer {
  const r = spawnSync(
    "qemu-system-loongarch64",
    ["-M", "virt", "-m", "1G", "-nographic", "-no-reboot", "-kernel", elf],
    { timeout: 60_000, maxBuffer: 1 << 24, input: "" },
  );
  expect(r.status, r.stderr?.toString()).toBe(0);
  return r.stdout;
}

function axvmTranscript(elf: string, cpuTier?: CpuTier): { text: Buffer; exit: string; power: string[] } {
  const h = makeVm({ kernel: readFileSync(elf), ...(cpuTier === undefined ? {} : { cpuTier }) });
  const exit = h.runUntilExit(100_000);
  return { text: Buffer.from(h.uart), exit: exit.kind, power: h.power };
}

describe.each(CPU_TIERS)("examples/guests on AxVM + LoongArchVCpu (cpuTier %s)", (tier) => {
  it.each(GUESTS)("%s powers off through the GED register", (name) => {
    const run = axvmTranscript(join(GUEST_ELF_DIR, `${name}.elf`), tier);
    expect(run.exit).toBe("SystemDown");
    expect(run.power).toEqual(["PowerOff"]);
    expect(run.text.length).toBeGreaterThan(0);
  });

  it.runIf(haveQemu).each(GUESTS)("%s prints exactly what qemu-system-loongarch64 -M virt prints", (name) => {
    const elf = join(GUEST_ELF_DIR, `${name}.elf`);
    const ours = axvmTranscript(elf, tier).text.toString("latin1");
    const qemu = qemuTranscript(elf).toString("latin1");
    expect(ours).toBe(qemu);
  });
});

describe("examples/guests on AxVM + LoongArchVCpu", () => {
  it("the hypercall guest gets its hvcl 0 calls as Hypercall exits (KVM convention: nr = a0)", () => {
    const h = makeVm({ kernel: readFileSync(join(GUEST_ELF_DIR, "hypercall.elf")) });
    const calls: [bigint, bigint, bigint][] = [];
    for (;;) {
      const exit = h.runUntilExit(100_000);
      if (exit.kind === "SystemDown") break;
      expect(exit.kind).toBe("Hypercall");
      if (exit.kind !== "Hypercall") return;
      calls.push([exit.nr, exit.args[0], exit.args[1]]);
      h.vm.vcpu(0)!.setReturnValue(exit.nr === 2n ? 0n : -1n);
    }
    expect(calls).toEqual([
      [2n, 0x1234n, 0x5678n],
      [0x7fn, 0n, 0n],
    ]);
    expect(h.text()).toContain("HyperVisorDebug: hypercall 0x02 returned 0");
    expect(h.text()).toContain("hypercall 0x7f returned -1");
  });

  it("the csr guest sees la464's CPUCFG words and CSR reset values", () => {
    const text = axvmTranscript(join(GUEST_ELF_DIR, "csr.elf")).text.toString();
    expect(text).toContain("cpucfg 0x01 = 0x0000000003f2f2fe");
    expect(text).toContain("CRMD      = 0x00000000000000a8");
    expect(text).toContain("ASID      = 0x00000000000a0000");
    expect(text).toContain("PRCFG3    = 0x00000000008073f2");
  });
});
