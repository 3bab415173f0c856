// The per-PLV knobs of CSR.MISC that change how instructions execute (loongarch-vcpu.ts, interpreter.ts,
// guest-memory.ts): ALCL0-3 (misaligned loads/stores raise ALE), VA32L1-3 (32-bit address mode), and
// exceptions taken in debug mode (DBG.Ecode, DFW/DMW, the debug handler again). QEMU 7.2 implements none of
// them (MISC is only stored there), so these follow the manual; each runs on both tiers, with the compiler
// tier tuned to compile the guest's loops before the knob is turned on.
import { AddrSpace, GuestPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assemble, type CpuTier, Csr, Ecode, LoongArchVCpu } from "../../src/index.js";
import { jitTuning } from "../../src/jit/jit-tier.js";

const CODE = 0x200000n;
const DATA = 0x203000n;
const HIGH = 0x8000_0000n;
const gpa = (v: bigint) => GuestPhysAddr.from(v);

const saved = { ...jitTuning };
beforeAll(() => {
  jitTuning.hotThreshold = 2;
  jitTuning.hotInstructions = 0;
  jitTuning.minRun = 0;
});
afterAll(() => Object.assign(jitTuning, saved));

/** A vCPU on `tier` with `src` at CODE ("@@" starts the next page) and `high` at 0x8000_0000 (DA mode). */
function bare(tier: CpuTier, src: string, high?: string) {
  const hal = new HostPhysMemory({ maxBytes: 64n << 20n });
  const as = AddrSpace.newEmpty({ levels: 4, base: gpa(0n), size: 1n << 32n, hal, arch: "loongarch64" });
  const rwx = MappingFlags.READ | MappingFlags.WRITE | MappingFlags.EXECUTE;
  as.mapAlloc(gpa(CODE), 0x10000, rwx, true);
  const put = (at: bigint, code: string) => {
    const b = new Uint8Array(assemble(code).buffer);
    if (b.length > 0) as.translatedByteBuffer(gpa(at), b.length)![0]!.set(b);
  };
  src.split("@@").forEach((part, i) => {
    put(CODE + BigInt(i) * 0x1000n, part);
  });
  if (high !== undefined) {
    as.mapAlloc(gpa(HIGH), 0x1000, rwx, true);
    put(HIGH, high);
  }
  const vcpu = new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal, addrSpace: as, cpuTier: tier });
  vcpu.setEntry(gpa(CODE));
  vcpu.setEptRoot(as.pageTableRoot());
  vcpu.setup({ passthroughInterrupt: false, passthroughTimer: false });
  const poke = (addr: bigint, value: bigint) => {
    const b = as.translatedByteBuffer(gpa(addr), 8)![0]!;
    new DataView(b.buffer, b.byteOffset, 8).setBigUint64(0, value, true);
  };
  return { vcpu, poke };
}

function toHvcl(vcpu: LoongArchVCpu): bigint {
  for (let i = 0; i < 1000; i++) {
    const exit = vcpu.run();
    if (exit.kind === "Hypercall") return exit.nr;
    if (exit.kind !== "Nothing") throw new Error(`unexpected exit ${exit.kind}`);
  }
  throw new Error("no hypercall");
}

/** A handler page at CODE + 0x1000 (EENTRY) that counts exceptions in $s0, keeps BADV/ESTAT and skips. */
const SKIPPING_HANDLER = [
  "addi.d $s0, $s0, 1",
  "csrrd $s1, 0x7", // BADV
  "csrrd $s2, 0x5", // ESTAT
  "csrrd $t8, 0x6",
  "addi.d $t8, $t8, 4",
  "csrwr $t8, 0x6",
  "ertn",
].join("\n");

describe.each(["interp", "jit"] as const)("MISC.ALCL0-3 (%s tier)", (tier) => {
  // the loop runs misaligned accesses of every affected kind; with ALCL0 off it is hot (compiled on the
  // jit tier) before hvcl 0, then the guest sets ALCL0 and runs the same loop once more
  const program = [
    "li.d $t0, 0x201000",
    "csrwr $t0, 0xc", // EENTRY
    "li.d $t0, 1",
    "csrwr $t0, 0x2", // EUEN.FPE
    `li.d $a2, ${DATA}`,
    "li.d $a3, 3",
    "li.d $s3, 2000",
    "loop:",
    "ld.w $t1, $a2, 1",
    "st.h $t1, $a2, 9",
    "ldx.d $t2, $a2, $a3",
    "fld.d $fa0, $a2, 4",
    "ld.b $t3, $a2, 1", // a byte is always aligned
    "ld.w $t4, $a2, 8", // aligned
    "addi.d $s3, $s3, -1",
    "bnez $s3, loop",
    "move $a0, $s4",
    "hvcl 0",
    "bnez $s4, done",
    "li.d $s4, 1",
    "li.d $s3, 1",
    "li.d $t0, 0x1000", // ALCL0
    "csrwr $t0, 0x3",
    "b loop",
    "done: b done",
    "@@",
    SKIPPING_HANDLER,
  ].join("\n");

  it("misaligned ld/st/ldx/fld at PLV0 raise ALE only once ALCL0 is set, with BADV; bytes and aligned ones do not", () => {
    const { vcpu, poke } = bare(tier, program);
    poke(DATA, 0x0807_0605_0403_0201n);
    poke(DATA + 8n, 0x100f_0e0d_0c0b_0a09n);
    expect(vcpu.cpu.tier).toBe(tier);
    expect(toHvcl(vcpu)).toBe(0n);
    expect(vcpu.gpr(23)).toBe(0n); // no exception with ALCL0 off
    expect(vcpu.gpr(13)).toBe(0x0504_0302n);
    if (tier === "jit") expect(vcpu.cpu.jitStats()!.jitInstructions).toBeGreaterThan(0);
    expect(toHvcl(vcpu)).toBe(1n);
    expect(vcpu.gpr(23)).toBe(4n); // ld.w, st.h, ldx.d, fld.d
    expect(vcpu.gpr(25) >> 16n).toBe(BigInt(Ecode.ALE));
    expect(vcpu.gpr(24)).toBe(DATA + 4n); // the fld.d was the last
    expect(vcpu.gpr(15)).toBe(0x02n); // the byte load ran
    expect(vcpu.gpr(16)).toBe(0x0c03_0209n); // the aligned load ran (over the st.h of the first pass)
  });

  it("ALCL0 also checks iocsrrd/iocsrwr.{h,w,d} (ALE, BADV = the IOCSR address); iocsr*.b never", () => {
    const { vcpu } = bare(
      tier,
      [
        "li.d $t0, 0x201000",
        "csrwr $t0, 0xc", // EENTRY
        "li.d $t0, 0x1000",
        "csrwr $t0, 0x3", // ALCL0
        "li.d $a1, 0x1002",
        "iocsrrd.w $t1, $a1",
        "li.d $a1, 0x1001",
        "iocsrwr.h $t1, $a1",
        "iocsrrd.b $t1, $a1",
        "@@",
        SKIPPING_HANDLER,
      ].join("\n"),
    );
    const exit = vcpu.run();
    expect(exit.kind).toBe("SysRegRead");
    expect(exit.kind === "SysRegRead" && exit.addr.value).toBe(0x1001n);
    expect(vcpu.gpr(23)).toBe(2n);
    expect(vcpu.gpr(24)).toBe(0x1001n);
    expect(vcpu.gpr(25) >> 16n).toBe(BigInt(Ecode.ALE));
  });

  it("ALCL3 alone does not check PLV0; clearing ALCL0 again lets misaligned accesses through", () => {
    const src = program.replace("li.d $t0, 0x1000", "li.d $t0, 0x8000");
    const { vcpu } = bare(tier, src);
    expect(toHvcl(vcpu)).toBe(0n);
    expect(toHvcl(vcpu)).toBe(1n);
    expect(vcpu.gpr(23)).toBe(0n);
    expect(vcpu.csrs.read(Csr.MISC)).toBe(0x8000n);
  });
});

describe.each(["interp", "jit"] as const)("MISC.VA32L1-3 (%s tier)", (tier) => {
  // PLV0 sets VA32L3 and ALCL3 and drops to PLV3 at ERA = 0x1234_5678_8000_0000; DA mode would take that
  // to guest physical 0x5678_8000_0000 (no RAM): only the truncation to 32 bits reaches the code at 0x8000_0000
  const kernel = [
    "li.d $t0, 0x201000",
    "csrwr $t0, 0xc", // EENTRY
    "li.d $t0, 0x8008", // VA32L3 | ALCL3
    "csrwr $t0, 0x3",
    "li.d $t0, 3",
    "csrwr $t0, 0x1", // PRMD.PPLV = 3
    "li.d $t0, 0x1234567880000000",
    "csrwr $t0, 0x6", // ERA
    "ertn",
    "@@",
    "csrrd $s0, 0x6", // ERA
    "csrrd $s1, 0x7", // BADV
    "csrrd $s2, 0x5", // ESTAT
    "li.d $a0, 1",
    "hvcl 0",
  ].join("\n");
  const userHead = [
    "pcaddu12i $s3, 0", // 0x8000_0000 sign-extended
    "bl f", // $ra = 0x8000_0008 sign-extended
    "li.d $t0, 0x7777000000203000", // zero-extended to 0x203000
    "ld.d $s4, $t0, 0",
    "li.d $t2, 0x3",
    "li.d $s5, 40",
    "back:",
    "addi.d $s5, $s5, -1",
    "bnez $s5, back",
  ];
  const aleAt = HIGH + BigInt(assemble(userHead.join("\n").replace("bl f", "nop")).length * 4);
  const user = [
    ...userHead,
    "ld.w $t1, $t0, 1", // ALCL3: ALE with BADV = 0x203001
    "f:",
    "jirl $zero, $ra, 0",
  ].join("\n");

  it("PC, link and pcadd results, addresses, ERA and BADV are 32-bit at PLV3", () => {
    const { vcpu, poke } = bare(tier, kernel, user);
    poke(DATA, 0x1122_3344_5566_7788n);
    expect(toHvcl(vcpu)).toBe(1n);
    expect(vcpu.gpr(26)).toBe(0xffff_ffff_8000_0000n);
    expect(vcpu.gpr(1)).toBe(0xffff_ffff_8000_0008n);
    expect(vcpu.gpr(27)).toBe(0x1122_3344_5566_7788n);
    expect(vcpu.gpr(25) >> 16n).toBe(BigInt(Ecode.ALE));
    expect(vcpu.gpr(24)).toBe(0x203001n);
    expect(vcpu.gpr(23)).toBe(aleAt); // the ld.w, high half 0
    // back at PLV0 the full 64-bit PC and addresses apply again
    expect(vcpu.cpu.pc >> 32n).toBe(0n);
    expect(vcpu.csrs.read(Csr.CRMD) & 3n).toBe(0n);
  });

  it("VA32L1-3 do not apply at PLV0", () => {
    const src = kernel.replace("li.d $t0, 3\ncsrwr $t0, 0x1", "li.d $t0, 0\ncsrwr $t0, 0x1");
    const { vcpu } = bare(tier, src, user);
    // ertn to PLV0 keeps all 64 bits of ERA: the fetch there is an ADEF with the full address
    expect(toHvcl(vcpu)).toBe(1n);
    expect(vcpu.gpr(23)).toBe(0x1234_5678_8000_0000n);
    expect(vcpu.gpr(24)).toBe(0x1234_5678_8000_0000n);
    expect(vcpu.gpr(25) >> 16n).toBe(BigInt(Ecode.ADE));
  });
});

describe.each(["interp", "jit"] as const)("exceptions in debug mode (%s tier)", (tier) => {
  // dbcl enters debug mode; the debug handler (EENTRY + 0x480) is entered again by each exception it
  // takes: syscall (Ecode 0xb), dbcl (DCL, 0xc), a DMOnly fetch watchpoint (DFW, 0x13); $s5 counts entries
  const head = [
    "li.d $t0, 0x201000",
    "csrwr $t0, 0xc", // EENTRY
    "li.d $t0, 0x200",
    "csrxchg $t0, $t0, 0x0", // CRMD.WE
    "li.d $t0, 0x55",
    "csrwr $t0, 0x6", // ERA: debug-mode exceptions leave it
    "li.d $t0, 0x66",
    "csrwr $t0, 0x7", // BADV likewise
  ];
  const at = CODE + BigInt(assemble(head.join("\n")).length * 4);
  const watched = at + 12n;
  const program = [
    ...head,
    "dbcl 3",
    "li.d $a0, 9",
    "hvcl 0",
    "nop", // watched
    "@@",
    ...Array.from({ length: 0x480 / 4 }, () => "nop"),
    "addi.d $s5, $s5, 1",
    "csrrd $t0, 0x500",
    "li.d $t1, 1",
    "beq $s5, $t1, first",
    "li.d $t1, 2",
    "beq $s5, $t1, second",
    "li.d $t1, 3",
    "beq $s5, $t1, third",
    "move $s2, $t0", // DBG after the watchpoint
    "csrrd $s3, 0x501", // DERA
    "csrrd $s4, 0x6", // ERA
    "csrrd $s6, 0x7", // BADV
    "csrrd $s7, 0x5", // ESTAT
    "li.d $a0, 1",
    "hvcl 0",
    "first:",
    "move $s0, $t0",
    "syscall 0",
    "second:",
    "move $s1, $t0", // DBG after syscall
    "dbcl 1",
    "third:",
    "move $s8, $t0", // DBG after dbcl in debug mode
    // fetch watchpoint 0 on `watched`, DMOnly | PLV0 (DMOnly is writable in debug mode only)
    `li.d $t0, ${watched}`,
    "csrwr $t0, 0x390",
    "csrwr $zero, 0x391",
    "li.d $t0, 0x3",
    "csrwr $t0, 0x392",
    `li.d $t0, ${watched}`,
    "jirl $zero, $t0, 0",
  ].join("\n");

  it("a TLB refill in debug mode is recorded as DBG.Ecode 0x7 and re-enters the debug handler, not TLBRENTRY", () => {
    // code and handlers run through DMW0 (0x9000_0000_xxxx_xxxx at PLV0) so that paging can be on with an
    // empty TLB; the debug handler then loads from VA 0x10000 (no DMW: a TLB refill)
    const W = 0x9000_0000_0000_0000n;
    const { vcpu } = bare(
      tier,
      [
        `li.d $t0, ${W | 0x201000n}`,
        "csrwr $t0, 0xc", // EENTRY
        `li.d $t0, ${W | 0x202000n}`,
        "csrwr $t0, 0x88", // TLBRENTRY (a refill outside debug mode would go here)
        `li.d $t0, ${W | 1n}`,
        "csrwr $t0, 0x180", // DMW0: PLV0, segment 9
        // continue at this code's DMW0 alias: $t0 = this PC | W, past the jirl
        "pcaddi $t0, 0",
        `li.d $t1, ${W}`,
        "or $t0, $t0, $t1",
        `addi.d $t0, $t0, ${4 * (assemble(`li.d $t1, ${W}`).length + 4)}`,
        "jirl $zero, $t0, 0",
        "li.d $t0, 0x10", // PG on, DA off
        "csrwr $t0, 0x0",
        "dbcl 0",
        "@@",
        ...Array.from({ length: 0x480 / 4 }, () => "nop"),
        "addi.d $s5, $s5, 1",
        "csrrd $t0, 0x500",
        "li.d $t1, 1",
        "bne $s5, $t1, again",
        "move $s0, $t0",
        "li.d $t2, 0x10000",
        "ld.d $t3, $t2, 0",
        "again:",
        "move $s1, $t0",
        "csrrd $s2, 0x89", // TLBRBADV
        "li.d $a0, 1",
        "hvcl 0",
        "@@",
        "li.d $a0, 7", // TLBRENTRY
        "hvcl 0",
      ].join("\n"),
    );
    expect(toHvcl(vcpu)).toBe(1n);
    expect(vcpu.gpr(28)).toBe(2n);
    expect(vcpu.gpr(23)).toBe(0xc_0203n);
    expect(vcpu.gpr(24)).toBe(0x7_0003n); // Ecode 0x7, DST, DRev
    expect(vcpu.gpr(25)).toBe(0n); // TLBRBADV untouched
    expect(vcpu.csrs.read(Csr.TLBRERA) & 1n).toBe(0n);
  });

  it("a machine error injected in debug mode is recorded as DBG.Ecode 0xe; MERRCTL/MERRERA stay", () => {
    const { vcpu } = bare(
      tier,
      [
        "li.d $t0, 0x201000",
        "csrwr $t0, 0xc", // EENTRY
        "dbcl 0",
        "@@",
        ...Array.from({ length: 0x480 / 4 }, () => "nop"),
        "addi.d $s5, $s5, 1",
        "csrrd $s0, 0x500",
        "move $a0, $s5",
        "hvcl 0",
      ].join("\n"),
    );
    expect(toHvcl(vcpu)).toBe(1n);
    expect(vcpu.gpr(23)).toBe(0xc_0203n);
    vcpu.injectMachineError();
    expect(vcpu.cpu.pc).toBe(0x201480n);
    expect(toHvcl(vcpu)).toBe(2n);
    expect(vcpu.gpr(23)).toBe(0xe_0003n);
    expect(vcpu.csrs.read(Csr.MERRCTL) & 1n).toBe(0n);
    expect(vcpu.csrs.read(Csr.MERRERA)).toBe(0n);
  });

  it("record DBG.Ecode and the cause bit, keep DERA and the exception CSRs, and re-enter the debug handler", () => {
    const { vcpu } = bare(tier, program);
    expect(toHvcl(vcpu)).toBe(1n);
    expect(vcpu.gpr(28)).toBe(4n); // debug handler entries
    expect(vcpu.gpr(23)).toBe(0xc_0203n); // dbcl from normal mode: DST, DCL, Ecode 0xc
    expect(vcpu.gpr(24)).toBe(0xb_0003n); // syscall: Ecode SYS, no cause bit
    expect(vcpu.gpr(31)).toBe(0xc_0203n); // dbcl in debug mode: DCL, Ecode 0xc
    expect(vcpu.gpr(25)).toBe(0x13_0403n); // fetch watchpoint: DFW, Ecode WPE
    expect(vcpu.gpr(26)).toBe(at); // DERA: still the first dbcl
    expect(vcpu.gpr(27)).toBe(0x55n); // ERA
    expect(vcpu.gpr(29)).toBe(0x66n); // BADV
    expect((vcpu.gpr(30) >> 16n) & 0x3fn).toBe(0n); // ESTAT.Ecode untouched
    expect(vcpu.csrs.read(Csr.FWPS) & 1n).toBe(1n);
  });
});
