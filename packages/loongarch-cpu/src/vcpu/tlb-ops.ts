/**
 * The TLB-maintenance and page-walk instructions of a LoongArch64 hart (`tlbsrch`, `tlbrd`, `tlbwr`,
 * `tlbfill`, `tlbclr`, `tlbflush`, `invtlb`, `lddir`, `ldpte`) on a {@link GuestTlb} and the CSRs that
 * feed them (Reference Manual vol. 1, §4.2.4): while TLBRERA.IsTLBR = 1 the refill CSRs (TLBREHI,
 * TLBRELO0/1) take the place of TLBEHI/TLBELO0/1 and TLBIDX.PS.
 *
 * @module
 */

import { Csr, type CsrFile } from "../cpu/csr.js";
import { Ecode, EsubCode } from "../cpu/exception.js";
import type { Cpu } from "../cpu/interpreter.js";
import { Op } from "../isa/table.js";
import type { GuestMemory } from "./guest-memory.js";
import { GuestTlb, type TlbEntry } from "./tlb.js";

const NE = 1n << 31n;
const PS_SHIFT = 24n;
const PS_FIELD = 0x3fn << PS_SHIFT;
const INDEX = 0xfffn;
const VPPN = 0xffff_ffff_ffff_e000n;
/** The architectural bits of a TLBELO (PTE software bits 7–11 and 48–60 are dropped). */
const TLBELO_BITS = 0xe000_ffff_ffff_f07fn;
const PA_MASK = 0xffff_ffff_ffffn;

/** Whether the hart is inside the TLB-refill handler (TLBRERA.IsTLBR). */
function inRefill(c: CsrFile): boolean {
  return (c.read(Csr.TLBRERA) & 1n) !== 0n;
}

/** The entry the CSRs describe, for `tlbwr`/`tlbfill`. */
function entryFromCsrs(c: CsrFile): TlbEntry {
  const asid = Number(c.read(Csr.ASID) & 0x3ffn);
  if (inRefill(c)) {
    const ehi = c.read(Csr.TLBREHI);
    return {
      vppn: ehi & VPPN,
      ps: Number(ehi & 0x3fn),
      asid,
      lo0: c.read(Csr.TLBRELO0),
      lo1: c.read(Csr.TLBRELO1),
    };
  }
  return {
    vppn: c.read(Csr.TLBEHI) & VPPN,
    ps: Number((c.read(Csr.TLBIDX) & PS_FIELD) >> PS_SHIFT),
    asid,
    lo0: c.read(Csr.TLBELO0),
    lo1: c.read(Csr.TLBELO1),
  };
}

/**
 * Executes one TLB or page-walk instruction for the vCPU's privileged hook (the hart is at PLV0).
 *
 * @param op - The {@link Op} id (TLBSRCH…LDPTE).
 * @param w - The instruction word.
 * @param c - The hart's CSRs.
 * @param cpu - The interpreter (registers, exceptions, software TLB).
 * @param mem - The two-stage translation holding the guest TLB.
 * @returns The hook's result: 1 to continue, 0 when an exception stopped the CPU.
 *
 * @example
 * ```ts
 * import { HostPhysMemory } from "@axvisor/axaddrspace";
 * import { Csr, LoongArchVCpu } from "@axvisor/loongarch-cpu";
 * const vcpu = new LoongArchVCpu(1, 0, { cpuId: 0, dtbAddr: 0n, hal: new HostPhysMemory() });
 * // tlbsrch on an empty TLB sets TLBIDX.NE (see the vCPU tests for a full run)
 * console.log(vcpu.csrs.read(Csr.TLBIDX)); // 0n
 * ```
 */
export function tlbInstruction(op: number, w: number, c: CsrFile, cpu: Cpu, mem: GuestMemory): number {
  const tlb = mem.tlb;
  const rd = w & 31;
  const rj = (w >>> 5) & 31;
  const asid = Number(c.read(Csr.ASID) & 0x3ffn);
  switch (op) {
    case Op.TLBSRCH: {
      const ehi = inRefill(c) ? c.read(Csr.TLBREHI) : c.read(Csr.TLBEHI);
      const i = tlb.search(ehi & VPPN, asid);
      const idx = c.read(Csr.TLBIDX);
      c.set(Csr.TLBIDX, i < 0 ? idx | NE : (idx & ~(NE | INDEX)) | BigInt(i));
      return 1;
    }
    case Op.TLBRD: {
      const idx = c.read(Csr.TLBIDX);
      const i = Number(idx & INDEX);
      const e = i < GuestTlb.SIZE ? tlb.read(i) : undefined;
      if (e === undefined) {
        // an invalid entry: NE = 1 and the entry CSRs read 0 (manual, tlbrd)
        c.set(Csr.TLBIDX, (idx | NE) & ~PS_FIELD);
        c.set(Csr.TLBEHI, 0n);
        c.set(Csr.TLBELO0, 0n);
        c.set(Csr.TLBELO1, 0n);
        c.set(Csr.ASID, c.read(Csr.ASID) & ~0x3ffn);
      } else {
        c.set(Csr.TLBIDX, (idx & ~(NE | PS_FIELD)) | (BigInt(e.ps) << PS_SHIFT));
        c.set(Csr.TLBEHI, e.vppn);
        c.set(Csr.TLBELO0, e.lo0 & TLBELO_BITS);
        c.set(Csr.TLBELO1, e.lo1 & TLBELO_BITS);
        c.set(Csr.ASID, (c.read(Csr.ASID) & ~0x3ffn) | BigInt(e.asid));
      }
      return 1;
    }
    case Op.TLBWR: {
      const idx = c.read(Csr.TLBIDX);
      const i = Number(idx & INDEX) % GuestTlb.SIZE;
      tlb.write(i, idx & NE && !inRefill(c) ? undefined : entryFromCsrs(c));
      cpu.flushTlb();
      return 1;
    }
    case Op.TLBFILL:
      tlb.fill(entryFromCsrs(c));
      cpu.flushTlb();
      return 1;
    case Op.TLBCLR:
    case Op.TLBFLUSH:
      tlb.clear(Number(c.read(Csr.TLBIDX) & INDEX) % GuestTlb.SIZE, asid, op === Op.TLBFLUSH);
      cpu.flushTlb();
      return 1;
    case Op.INVTLB: {
      const rk = (w >>> 10) & 31;
      if (!tlb.invalidate(rd, Number(cpu.getReg(rj) & 0x3ffn), cpu.getReg(rk))) {
        cpu.raiseException(Ecode.INE);
        return 0;
      }
      cpu.flushTlb();
      return 1;
    }
    case Op.LDDIR:
      return lddir(rd, rj, (w >>> 10) & 0xff, c, cpu, mem);
    case Op.LDPTE:
      return ldpte(rj, (w >>> 10) & 0xff, c, cpu, mem);
    default:
      cpu.raiseException(Ecode.INE);
      return 0;
  }
}

/** Bytes per page-table entry as a shift (PWCL.PTEWidth: 0 → 8 bytes). */
function pteShift(c: CsrFile): bigint {
  return 3n + ((c.read(Csr.PWCL) >> 30n) & 3n);
}

/** Reads a table entry at a guest physical address; raises (a nested fault or ADEM) when it cannot. */
function loadEntry(gpa: bigint, cpu: Cpu, mem: GuestMemory): bigint | undefined {
  const v = mem.readPhys64(gpa);
  if (v === undefined) {
    // a lazy page: the run loop turns this into a NestedPageFault and retries the instruction
    cpu.raiseException(Ecode.ADE, EsubCode.ADEM, gpa);
  }
  return v;
}

function lddir(rd: number, rj: number, level: number, c: CsrFile, cpu: Cpu, mem: GuestMemory): number {
  const base = cpu.getReg(rj);
  if (level < 1 || level > 4) {
    cpu.setReg(rd, base);
    return 1;
  }
  if ((base >> 6n) & 1n) {
    // a huge-page entry met on the way down: pass it on, marked with the level it was found at
    cpu.setReg(rd, (base >> 13n) & 3n ? base : (base & ~(3n << 13n)) | (BigInt(level) << 13n));
    return 1;
  }
  const pwcl = c.read(Csr.PWCL);
  const pwch = c.read(Csr.PWCH);
  const [dirBase, dirWidth] =
    level === 1
      ? [(pwcl >> 10n) & 0x1fn, (pwcl >> 15n) & 0x1fn]
      : level === 2
        ? [(pwcl >> 20n) & 0x1fn, (pwcl >> 25n) & 0x1fn]
        : level === 3
          ? [pwch & 0x3fn, (pwch >> 6n) & 0x3fn]
          : [(pwch >> 12n) & 0x3fn, (pwch >> 18n) & 0x3fn];
  const index = (c.read(Csr.TLBRBADV) >> dirBase) & ((1n << dirWidth) - 1n);
  const v = loadEntry((base & PA_MASK) + (index << pteShift(c)), cpu, mem);
  if (v === undefined) return 0;
  cpu.setReg(rd, v);
  return 1;
}

function ldpte(rj: number, seq: number, c: CsrFile, cpu: Cpu, mem: GuestMemory): number {
  const base = cpu.getReg(rj);
  const pwcl = c.read(Csr.PWCL);
  const ptBase = pwcl & 0x1fn;
  const ptWidth = (pwcl >> 5n) & 0x1fn;
  const odd = (seq & 1) === 1;
  let v: bigint;
  let ps: bigint;
  if ((base >> 6n) & 1n) {
    // huge page: each half is half of it; the global bit moves from bit 12 (HGLOBAL) to G (bit 6)
    ps = ptBase + ptWidth - 1n;
    const hg = (base >> 12n) & 1n;
    v = (base & ~((1n << 6n) | (1n << 12n) | (3n << 13n))) | (hg << 6n);
    if (odd) v += 1n << ps;
  } else {
    ps = ptBase;
    const index = ((c.read(Csr.TLBRBADV) >> ptBase) & ((1n << ptWidth) - 1n) & ~1n) + (odd ? 1n : 0n);
    const loaded = loadEntry((base & PA_MASK) + (index << pteShift(c)), cpu, mem);
    if (loaded === undefined) return 0;
    v = loaded;
  }
  // the manual keeps NR/NX/RPLV (bits 61–63); QEMU 7.2 drops them
  c.set(odd ? Csr.TLBRELO1 : Csr.TLBRELO0, v & TLBELO_BITS);
  c.set(Csr.TLBREHI, (c.read(Csr.TLBREHI) & ~0x3fn) | ps);
  return 1;
}
