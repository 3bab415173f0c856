/**
 * Hardware watchpoints of LA64 (Reference Manual vol. 1, §7.7): the hit test of the fetch watchpoints
 * (FWPnCFG1–4) and of the load/store watchpoints (MWPnCFG1–4), the memory access an instruction makes
 * (address, width, load/store), and the overall status registers' Skip and hit bits. The vCPU runs a guest
 * one instruction at a time while a watchpoint is armed and raises WPE (WPEF / WPEM) on a hit.
 *
 * QEMU 7.2 has none of these registers (they read 0 and ignore writes there), so they are tested
 * against the manual only.
 *
 * @module
 */

import { Csr, type CsrFile, WATCHPOINTS } from "../cpu/csr.js";
import { decode } from "../isa/decode.js";
import { INSNS, InsnFlag } from "../isa/table.js";

/** CSR.CRMD.WE: the global watchpoint enable. */
const CRMD_WE = 0x200n;
/** MWPS/FWPS.Skip. */
const SKIP = 0x1_0000n;

/**
 * The memory access of one instruction, as a load/store watchpoint compares it.
 *
 * @example
 * ```ts
 * import type { MemoryAccessInfo } from "@axvisor/loongarch-cpu";
 * const st: MemoryAccessInfo = { addr: 0x1000n, size: 8, load: false, store: true };
 * ```
 */
export interface MemoryAccessInfo {
  /** The virtual address accessed (maddr). */
  readonly addr: bigint;
  /** Bytes accessed: 1, 2, 4 or 8. */
  readonly size: number;
  /** The instruction reads memory. */
  readonly load: boolean;
  /** The instruction writes memory (both for `am*`). */
  readonly store: boolean;
}

/**
 * The memory access an instruction word makes with the given registers: every non-privileged load and
 * store of the manual's watchpoint table (`ld*`/`st*`/`ldx*`/`stx*`, `ldptr`/`stptr`, `ll`/`sc`, `am*`,
 * `ld{gt,le}`/`st{gt,le}`, and the FP `fld*`/`fst*`).
 *
 * @param word - The instruction word.
 * @param reg - Reads general register n (unsigned 64-bit).
 * @returns The access, or `undefined` for an instruction that does not access memory.
 *
 * @example
 * ```ts
 * import { assemble, memoryAccessOf } from "@axvisor/loongarch-cpu";
 * const [word] = assemble("st.w $a1, $a0, -4");
 * const a = memoryAccessOf(word!, (n) => (n === 4 ? 0x1000n : 0n));
 * console.log(a?.addr.toString(16), a?.size, a?.store); // "ffc" 4 true
 * ```
 */
export function memoryAccessOf(word: number, reg: (n: number) => bigint): MemoryAccessInfo | undefined {
  const def = INSNS[decode(word)];
  if (def === undefined || def.memBytes === 0) return undefined;
  const f = def.flags;
  if ((f & (InsnFlag.LOAD | InsnFlag.STORE)) === 0 || (f & InsnFlag.PRIV) !== 0) return undefined;
  const base = reg((word >>> 5) & 31);
  let addr: bigint;
  switch (def.format) {
    case "RD_RJ_SI12":
    case "FD_RJ_SI12":
      addr = base + BigInt(((word << 10) >> 20) | 0);
      break;
    case "RD_RJ_SI14X4":
      addr = base + (BigInt(((word << 8) >> 18) | 0) << 2n);
      break;
    case "RD_RJ_RK":
    case "FD_RJ_RK":
      // ld/st{gt,le} compare rk as a bound and access rj itself
      addr = (f & InsnFlag.BOUND) !== 0 ? base : base + reg((word >>> 10) & 31);
      break;
    default:
      // am*: the address is rj
      addr = base;
  }
  return {
    addr: BigInt.asUintN(64, addr),
    size: def.memBytes,
    load: (f & InsnFlag.LOAD) !== 0,
    store: (f & InsnFlag.STORE) !== 0,
  };
}

/** Whether watchpoint `cfg3` applies at this privilege level / ASID / mode (steps 2, 3 and 5 of the manual). */
function applies(c: CsrFile, cfg3: bigint, cfg4: bigint, plv: number, debugMode: boolean): boolean {
  if ((cfg3 & 1n) !== 0n && !debugMode) return false;
  if (((cfg3 >> BigInt(1 + plv)) & 1n) === 0n) return false;
  return (cfg3 & 0x80n) === 0n || (cfg4 & 0x3ffn) === (c.read(Csr.ASID) & 0x3ffn);
}

/**
 * Whether any watchpoint can hit: CRMD.WE = 1 and some watchpoint has a privilege level enabled.
 *
 * @param c - The hart's CSRs.
 * @returns `true` when the vCPU must check every instruction.
 *
 * @example
 * ```ts
 * import { Csr, CsrFile, watchpointsArmed } from "@axvisor/loongarch-cpu";
 * const c = new CsrFile();
 * c.write(Csr.FWP0CFG1 + 2, 0x2n); // PLV0
 * console.log(watchpointsArmed(c)); // false: CRMD.WE = 0
 * c.write(Csr.CRMD, c.read(Csr.CRMD) | 0x200n);
 * console.log(watchpointsArmed(c)); // true
 * ```
 */
export function watchpointsArmed(c: CsrFile): boolean {
  if ((c.read(Csr.CRMD) & CRMD_WE) === 0n) return false;
  for (let n = 0; n < WATCHPOINTS; n++) {
    if ((c.read(Csr.FWP0CFG1 + 8 * n + 2) & 0x1en) !== 0n) return true;
    if ((c.read(Csr.MWP0CFG1 + 8 * n + 2) & 0x1en) !== 0n) return true;
  }
  return false;
}

/**
 * The fetch watchpoints that hit at `pc` (the manual's hit test: WE, DMOnly, PLV, ASID when LCL, then
 * `(pc & ~Mask) == (VAddr & ~Mask)`), as a bit set.
 *
 * @param c - The hart's CSRs.
 * @param pc - The fetch address.
 * @param debugMode - DBG.DST.
 * @returns Bit n set when fetch watchpoint n hits.
 *
 * @example
 * ```ts
 * import { Csr, CsrFile, fetchWatchHits } from "@axvisor/loongarch-cpu";
 * const c = new CsrFile();
 * c.write(Csr.CRMD, c.read(Csr.CRMD) | 0x200n);
 * c.write(Csr.FWP0CFG1 + 8, 0x2000n); // watchpoint 1: VAddr
 * c.write(Csr.FWP0CFG1 + 10, 0x2n); // PLV0
 * console.log(fetchWatchHits(c, 0x2000n, false), fetchWatchHits(c, 0x2004n, false)); // 2 0
 * ```
 */
export function fetchWatchHits(c: CsrFile, pc: bigint, debugMode: boolean): number {
  const crmd = c.read(Csr.CRMD);
  if ((crmd & CRMD_WE) === 0n) return 0;
  const plv = Number(crmd & 3n);
  let hits = 0;
  for (let n = 0; n < WATCHPOINTS; n++) {
    const r = Csr.FWP0CFG1 + 8 * n;
    const cfg3 = c.read(r + 2);
    if (!applies(c, cfg3, c.read(r + 3), plv, debugMode)) continue;
    const mask = ~c.read(r + 1);
    if ((pc & mask) === (c.read(r) & mask)) hits |= 1 << n;
  }
  return hits;
}

/**
 * The load/store watchpoints that hit for an access (the manual's seven steps, with its `mbyten` and
 * `bytemask` byte vectors), as a bit set.
 *
 * @param c - The hart's CSRs.
 * @param access - The access ({@link memoryAccessOf}).
 * @param debugMode - DBG.DST.
 * @returns Bit n set when load/store watchpoint n hits.
 *
 * @example
 * ```ts
 * import { Csr, CsrFile, memoryWatchHits } from "@axvisor/loongarch-cpu";
 * const c = new CsrFile();
 * c.write(Csr.CRMD, c.read(Csr.CRMD) | 0x200n);
 * c.write(Csr.MWP0CFG1, 0x1000n);
 * c.write(Csr.MWP0CFG1 + 1, 0x7n); // compare the doubleword
 * c.write(Csr.MWP0CFG1 + 2, 0x202n); // StoreEn, PLV0, Size 0 (8 bytes)
 * const st = { addr: 0x1004n, size: 4, load: false, store: true };
 * console.log(memoryWatchHits(c, st, false), memoryWatchHits(c, { ...st, store: false, load: true }, false)); // 1 0
 * ```
 */
export function memoryWatchHits(c: CsrFile, access: MemoryAccessInfo, debugMode: boolean): number {
  const crmd = c.read(Csr.CRMD);
  if ((crmd & CRMD_WE) === 0n) return 0;
  const plv = Number(crmd & 3n);
  const low = Number(access.addr & 7n);
  const mbyten = (((1 << access.size) - 1) << (low & ~(access.size - 1))) & 0xff;
  let hits = 0;
  for (let n = 0; n < WATCHPOINTS; n++) {
    const r = Csr.MWP0CFG1 + 8 * n;
    const cfg3 = c.read(r + 2);
    if (!applies(c, cfg3, c.read(r + 3), plv, debugMode)) continue;
    const enabled = (access.load && (cfg3 & 0x100n) !== 0n) || (access.store && (cfg3 & 0x200n) !== 0n);
    if (!enabled) continue;
    const vaddr = c.read(r);
    const mask = ~c.read(r + 1);
    if ((access.addr & mask) !== (vaddr & mask)) continue;
    // Size 0..3 watches 8, 4, 2, 1 bytes around VAddr (bytemask is the complement)
    const width = 8 >> Number((cfg3 >> 10n) & 3n);
    const watched = (((1 << width) - 1) << (Number(vaddr & 7n) & ~(width - 1))) & 0xff;
    if ((watched & mbyten) !== 0) hits |= 1 << n;
  }
  return hits;
}

/**
 * Records watchpoint hits in a status register (MWPS or FWPS) as the hardware does: with Skip set the
 * hits are ignored once (Skip clears); otherwise their status bits are set.
 *
 * @param c - The hart's CSRs.
 * @param status - `Csr.MWPS` or `Csr.FWPS`.
 * @param hits - The hit bit set (non-zero).
 * @returns `true` when the hit raises the watchpoint exception, `false` when Skip swallowed it.
 *
 * @example
 * ```ts
 * import { Csr, CsrFile, recordWatchHits } from "@axvisor/loongarch-cpu";
 * const c = new CsrFile();
 * c.write(Csr.FWPS, 0x1_0000n); // Skip
 * console.log(recordWatchHits(c, Csr.FWPS, 1), recordWatchHits(c, Csr.FWPS, 1), c.read(Csr.FWPS)); // false true 1n
 * ```
 */
export function recordWatchHits(c: CsrFile, status: number, hits: number): boolean {
  const v = c.read(status);
  if ((v & SKIP) !== 0n) {
    c.set(status, v & ~SKIP);
    return false;
  }
  c.set(status, v | BigInt(hits));
  return true;
}
