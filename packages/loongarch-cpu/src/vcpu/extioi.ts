/**
 * The extended I/O interrupt controller (EXTIOI, Linux's EIOINTC) of QEMU 7.2's LoongArch `virt`
 * board: 256 interrupt inputs, routed per input to one of 4 cores (coremap) and, per group of 32
 * inputs, to one of the core's interrupt pins IP0–IP3 (ipmap), which drive the core's HWI0–HWI3
 * lines (ESTAT.IS bits 2–5). It lives in IOCSR space at 0x1400–0x1cff and is served by
 * {@link LoongArchVirtIocsr}.
 *
 * @module
 */

import { LoongArchCpuError } from "../error.js";

/**
 * How the EXTIOI drives a core's interrupt line: `line` is the ESTAT.IS bit (2–9 for IP0–IP7).
 *
 * @example
 * ```ts
 * import type { ExtioiLineSink } from "@axvisor/loongarch-cpu";
 * const raised = new Set<string>();
 * const sink: ExtioiLineSink = (cpu, line, level) => {
 *   if (level) raised.add(`${cpu}:${line}`);
 *   else raised.delete(`${cpu}:${line}`);
 * };
 * ```
 */
export type ExtioiLineSink = (cpu: number, line: number, level: boolean) => void;

/** Number of interrupt inputs. */
export const EXTIOI_IRQS = 256;
/** Cores the routing can name (QEMU 7.2's EXTIOI_CPUS). */
const CPUS = 4;
/** Interrupt pins per core (QEMU's LS3A_INTC_IP). */
const IPS = 8;
const GROUPS = EXTIOI_IRQS / 32;

/** First IOCSR address of the block. */
export const EXTIOI_IOCSR_BASE = 0x1400;
/** End (exclusive) of the block in IOCSR space. */
export const EXTIOI_IOCSR_END = 0x1d00;

// IOCSR addresses of the register arrays (32-bit registers).
const NODETYPE = 0x14a0;
const NODETYPE_END = 0x14c0;
const IPMAP = 0x14c0;
const IPMAP_END = 0x14c8;
const ENABLE = 0x1600;
const ENABLE_END = 0x1620;
const BOUNCE = 0x1680;
const BOUNCE_END = 0x16a0;
const COREISR = 0x1800;
const COREISR_END = 0x1820;
const COREMAP = 0x1c00;
const COREMAP_END = 0x1d00;

/** The routing field of an ipmap/coremap byte: its lowest set bit, values ≥ 4 (or none) meaning 0. */
function lowBitIndex(byte: number): number {
  const b = byte & 0xff;
  if (b === 0) return 0;
  const n = 31 - Math.clz32(b & -b);
  return n >= 4 ? 0 : n;
}

/**
 * A snapshot of the EXTIOI registers, for tests and debuggers (see {@link LoongArchExtioi.state}).
 *
 * @example
 * ```ts
 * import { LoongArchExtioi } from "@axvisor/loongarch-cpu";
 * const s = new LoongArchExtioi().state();
 * console.log(s.enable.length, s.coreIsr.length); // 8 4
 * ```
 */
export interface ExtioiState {
  /** Enable words (0x1600–0x161f), one bit per input. */
  readonly enable: readonly number[];
  /** Bounce words (0x1680–0x169f): stored, not acted on (as QEMU). */
  readonly bounce: readonly number[];
  /** The raw input levels, one bit per input. */
  readonly isr: readonly number[];
  /** Per core (0–3): its ISR words (0x1800–0x181f as that core reads them). */
  readonly coreIsr: readonly (readonly number[])[];
  /** ipmap words (0x14c0–0x14c7): one byte per group of 32 inputs. */
  readonly ipmap: readonly number[];
  /** coremap words (0x1c00–0x1cff): one byte per input. */
  readonly coremap: readonly number[];
  /** nodetype words (0x14a0–0x14bf): stored. */
  readonly nodetype: readonly number[];
}

/**
 * The EXTIOI of QEMU 7.2's `virt` board, register for register (QEMU's `loongarch_extioi.c` is the
 * model, bugs included where a guest can see them):
 *
 * | IOCSR | register (32-bit words) |
 * |---|---|
 * | 0x14a0–0x14bf | nodetype (stored) |
 * | 0x14c0–0x14c7 | ipmap: byte g routes inputs 32g…32g+31 to pin IP*n*, n = lowest set bit (≥ 4 → 0) |
 * | 0x1600–0x161f | enable: a disabled input never reaches a core; enabling a raised input delivers it |
 * | 0x1680–0x169f | bounce (stored; no bounce routing, as QEMU) |
 * | 0x1800–0x181f | the reading core's ISR: bits of delivered inputs; writing 1 clears a bit and lowers its pin |
 * | 0x1c00–0x1cff | coremap: byte i routes input i to core *n*, n = lowest set bit (≥ 4 → 0) |
 *
 * A raised, enabled input sets its bit in its core's ISR and raises that core's pin (HWI line
 * `pin + 2`) unless another input already holds the pin; clearing the last bit on a pin lowers it.
 * An input that stays raised after its ISR bit was cleared is not delivered again until it is
 * lowered and raised (or re-enabled), as in QEMU. 8-byte accesses act as two 32-bit accesses;
 * 1- and 2-byte accesses read 0 and are ignored, as QEMU rejects them. The global ISR at 0x1700
 * and the other cores' ISR windows read 0.
 *
 * @example
 * ```ts
 * import { LoongArchExtioi } from "@axvisor/loongarch-cpu";
 * const lines: string[] = [];
 * const eio = new LoongArchExtioi((cpu, line, level) => lines.push(`${cpu}:${line}=${level}`));
 * eio.write(0, 0x14c0, 4, 0x0202_0202n); // inputs 0–127 to IP1
 * eio.write(0, 0x1600, 4, 0xffff_ffffn); // enable inputs 0–31
 * eio.setIrq(2, true);
 * console.log(lines.join()); // "0:3=true"
 * console.log(eio.read(0, 0x1800, 8)); // 4n
 * eio.write(0, 0x1800, 8, 4n); // clear: the pin drops
 * console.log(lines.join()); // "0:3=true,0:3=false"
 * ```
 */
export class LoongArchExtioi {
  readonly #nodetype = new Uint32Array(8);
  readonly #bounce = new Uint32Array(GROUPS);
  readonly #isr = new Uint32Array(GROUPS);
  readonly #coreisr: Uint32Array[] = Array.from({ length: CPUS }, () => new Uint32Array(GROUPS));
  readonly #enable = new Uint32Array(GROUPS);
  readonly #ipmap = new Uint32Array(2);
  readonly #coremap = new Uint32Array(EXTIOI_IRQS / 4);
  readonly #swIpmap = new Uint8Array(GROUPS);
  readonly #swCoremap = new Uint8Array(EXTIOI_IRQS);
  /** Per core and pin: the delivered inputs (QEMU's sw_isr), 8 words each. */
  readonly #swIsr: Uint32Array[][] = Array.from({ length: CPUS }, () =>
    Array.from({ length: IPS }, () => new Uint32Array(GROUPS)),
  );
  /** Last level driven on each core's pin, so {@link LoongArchExtioi.pinLevel} can report it. */
  readonly #pins: boolean[][] = Array.from({ length: CPUS }, () => new Array<boolean>(IPS).fill(false));
  #sink: ExtioiLineSink | undefined;

  /**
   * Creates the controller in its reset state (everything 0: inputs disabled, routed to core 0 IP0).
   *
   * @param sink - Drives the cores' interrupt lines (also settable later with {@link LoongArchExtioi.connect}).
   *
   * @example
   * ```ts
   * import { LoongArchExtioi } from "@axvisor/loongarch-cpu";
   * const eio = new LoongArchExtioi();
   * console.log(eio.pinLevel(0, 0)); // false
   * ```
   */
  constructor(sink?: ExtioiLineSink) {
    this.#sink = sink;
  }

  /**
   * Sets the function that drives the cores' interrupt lines.
   *
   * @param sink - Called with (core, ESTAT.IS bit, level) whenever QEMU would set a pin's level.
   *
   * @example
   * ```ts
   * import { LoongArchExtioi } from "@axvisor/loongarch-cpu";
   * new LoongArchExtioi().connect(() => {});
   * ```
   */
  connect(sink: ExtioiLineSink): void {
    this.#sink = sink;
  }

  /**
   * Raises or lowers interrupt input `irq` (what PCH-PIC output `irq` does on the board).
   *
   * @param irq - The input, 0–255.
   * @param level - `true` raises, `false` lowers.
   * @throws {@link LoongArchCpuError} `InvalidArgument` for an input outside 0–255.
   *
   * @example
   * ```ts
   * import { LoongArchExtioi } from "@axvisor/loongarch-cpu";
   * const eio = new LoongArchExtioi();
   * eio.setIrq(5, true); // not enabled: recorded, not delivered
   * console.log(eio.state().isr[0]); // 32
   * ```
   */
  setIrq(irq: number, level: boolean): void {
    if (!Number.isInteger(irq) || irq < 0 || irq >= EXTIOI_IRQS) {
      throw new LoongArchCpuError("InvalidArgument", `EXTIOI input ${irq} is outside 0..255`);
    }
    const g = irq >>> 5;
    const bit = 1 << (irq & 31);
    this.#isr[g] = level ? (this.#isr[g] ?? 0) | bit : (this.#isr[g] ?? 0) & ~bit;
    this.#update(irq, level);
  }

  /**
   * The level last driven on a core's pin.
   *
   * @param cpu - The core (0–3).
   * @param ip - The pin (0–7).
   * @returns `true` when raised.
   *
   * @example
   * ```ts
   * import { LoongArchExtioi } from "@axvisor/loongarch-cpu";
   * console.log(new LoongArchExtioi().pinLevel(1, 1)); // false
   * ```
   */
  pinLevel(cpu: number, ip: number): boolean {
    return this.#pins[cpu]?.[ip] ?? false;
  }

  /**
   * Re-drives every raised pin of a core through the sink (after the core was (re)attached).
   *
   * @param cpu - The core.
   *
   * @example
   * ```ts
   * import { LoongArchExtioi } from "@axvisor/loongarch-cpu";
   * new LoongArchExtioi().resync(0);
   * ```
   */
  resync(cpu: number): void {
    const pins = this.#pins[cpu];
    if (pins === undefined) return;
    pins.forEach((level, ip) => {
      if (level) this.#sink?.(cpu, ip + 2, true);
    });
  }

  /**
   * A copy of the registers.
   *
   * @returns The register arrays.
   *
   * @example
   * ```ts
   * import { LoongArchExtioi } from "@axvisor/loongarch-cpu";
   * console.log(new LoongArchExtioi().state().ipmap); // [0, 0]
   * ```
   */
  state(): ExtioiState {
    return {
      enable: [...this.#enable],
      bounce: [...this.#bounce],
      isr: [...this.#isr],
      coreIsr: this.#coreisr.map((w) => [...w]),
      ipmap: [...this.#ipmap],
      coremap: [...this.#coremap],
      nodetype: [...this.#nodetype],
    };
  }

  /**
   * An IOCSR read by core `cpu` inside 0x1400–0x1cff.
   *
   * @param cpu - The reading core (selects the ISR it sees).
   * @param addr - The IOCSR address.
   * @param size - 4 or 8 (1 and 2 read 0, as in QEMU).
   * @returns The value, zero-extended.
   *
   * @example
   * ```ts
   * import { LoongArchExtioi } from "@axvisor/loongarch-cpu";
   * const eio = new LoongArchExtioi();
   * eio.write(0, 0x1c00, 4, 0x0101_0101n);
   * console.log(eio.read(0, 0x1c00, 4).toString(16)); // "1010101"
   * ```
   */
  read(cpu: number, addr: number, size: number): bigint {
    if (size === 8) return (this.read(cpu, addr + 4, 4) << 32n) | this.read(cpu, addr, 4);
    // QEMU 7.2 accepts only 4- and 8-byte accesses here: a narrower one reads 0
    if (size !== 4) return 0n;
    return BigInt(this.#readWord(cpu, addr & ~3) >>> 0);
  }

  /**
   * An IOCSR write by core `cpu` inside 0x1400–0x1cff.
   *
   * @param cpu - The writing core (selects the ISR it clears).
   * @param addr - The IOCSR address.
   * @param size - 4 or 8 (1- and 2-byte writes are ignored, as in QEMU).
   * @param value - The value (its low `size` bytes count).
   *
   * @example
   * ```ts
   * import { LoongArchExtioi } from "@axvisor/loongarch-cpu";
   * const eio = new LoongArchExtioi();
   * eio.write(0, 0x1600, 8, 0xffff_ffff_ffff_ffffn);
   * console.log(eio.state().enable.slice(0, 3)); // [4294967295, 4294967295, 0]
   * ```
   */
  write(cpu: number, addr: number, size: number, value: bigint): void {
    if (size === 8) {
      this.write(cpu, addr, 4, value & 0xffff_ffffn);
      this.write(cpu, addr + 4, 4, (value >> 32n) & 0xffff_ffffn);
      return;
    }
    // QEMU 7.2 rejects narrower accesses; merging them into the word would also turn a byte write
    // to the write-1-to-clear ISR into a clear of the other bytes' pending bits
    if (size !== 4) return;
    this.#writeWord(cpu, addr & ~3, Number(BigInt.asUintN(32, value)) >>> 0);
  }

  #readWord(cpu: number, a: number): number {
    if (a >= NODETYPE && a < NODETYPE_END) return this.#nodetype[(a - NODETYPE) >> 2] ?? 0;
    if (a >= IPMAP && a < IPMAP_END) return this.#ipmap[(a - IPMAP) >> 2] ?? 0;
    if (a >= ENABLE && a < ENABLE_END) return this.#enable[(a - ENABLE) >> 2] ?? 0;
    if (a >= BOUNCE && a < BOUNCE_END) return this.#bounce[(a - BOUNCE) >> 2] ?? 0;
    if (a >= COREISR && a < COREISR_END) return this.#coreisr[cpu]?.[(a - COREISR) >> 2] ?? 0;
    if (a >= COREMAP && a < COREMAP_END) return this.#coremap[(a - COREMAP) >> 2] ?? 0;
    return 0;
  }

  #writeWord(cpu: number, a: number, v: number): void {
    if (a >= NODETYPE && a < NODETYPE_END) this.#nodetype[(a - NODETYPE) >> 2] = v;
    else if (a >= IPMAP && a < IPMAP_END) {
      // The ipmap is programmed once by the driver: QEMU re-routes nothing already delivered.
      const index = (a - IPMAP) >> 2;
      this.#ipmap[index] = v;
      for (let i = 0; i < 4; i++) this.#swIpmap[index * 4 + i] = lowBitIndex(v >>> (i * 8));
    } else if (a >= ENABLE && a < ENABLE_END) {
      const index = (a - ENABLE) >> 2;
      const old = this.#enable[index] ?? 0;
      this.#enable[index] = v;
      this.#deliverGroup(index, v & ~old, true);
      this.#deliverGroup(index, ~v & old, false);
    } else if (a >= BOUNCE && a < BOUNCE_END) this.#bounce[(a - BOUNCE) >> 2] = v;
    else if (a >= COREISR && a < COREISR_END) {
      const isr = this.#coreisr[cpu];
      if (isr === undefined) return;
      const index = (a - COREISR) >> 2;
      const old = isr[index] ?? 0;
      isr[index] = old & ~v;
      let cleared = (old & v) >>> 0;
      while (cleared !== 0) {
        const bit = 31 - Math.clz32(cleared & -cleared);
        this.#update(index * 32 + bit, false);
        cleared = (cleared & ~(1 << bit)) >>> 0;
      }
    } else if (a >= COREMAP && a < COREMAP_END) this.#writeCoremap(a - COREMAP, v);
  }

  #writeCoremap(first: number, v: number): void {
    this.#coremap[first >> 2] = v;
    // QEMU 7.2 tests the raw input of the register's first input for all four bytes (a slip we keep:
    // a guest can see it when it re-routes a raised input that is not first in its word).
    const firstRaised = ((this.#isr[first >>> 5] ?? 0) & (1 << (first & 31))) !== 0;
    for (let i = 0; i < 4; i++) {
      const irq = first + i;
      const cpu = lowBitIndex(v >>> (i * 8));
      if (this.#swCoremap[irq] === cpu) continue;
      if (firstRaised) {
        this.#update(irq, false);
        this.#swCoremap[irq] = cpu;
        this.#update(irq, true);
      } else this.#swCoremap[irq] = cpu;
    }
  }

  /** Delivers (or withdraws) the raised inputs among `mask` of group `index`. */
  #deliverGroup(index: number, mask: number, level: boolean): void {
    let pending = (mask & (this.#isr[index] ?? 0)) >>> 0;
    while (pending !== 0) {
      const bit = 31 - Math.clz32(pending & -pending);
      this.#update(index * 32 + bit, level);
      pending = (pending & ~(1 << bit)) >>> 0;
    }
  }

  /** QEMU's extioi_update_irq: one input's change, seen by its core and pin. */
  #update(irq: number, level: boolean): void {
    const g = irq >>> 5;
    const bit = 1 << (irq & 31);
    const ip = this.#swIpmap[g] ?? 0;
    const cpu = this.#swCoremap[irq] ?? 0;
    const coreisr = this.#coreisr[cpu];
    const swIsr = this.#swIsr[cpu]?.[ip];
    if (coreisr === undefined || swIsr === undefined) return;
    if (level) {
      if (((this.#enable[g] ?? 0) & bit) === 0) return;
      coreisr[g] = (coreisr[g] ?? 0) | bit;
      const busy = swIsr.some((w) => w !== 0);
      swIsr[g] = (swIsr[g] ?? 0) | bit;
      // another input already holds the pin high
      if (busy) return;
    } else {
      coreisr[g] = (coreisr[g] ?? 0) & ~bit;
      swIsr[g] = (swIsr[g] ?? 0) & ~bit;
      if (swIsr.some((w) => w !== 0)) return;
    }
    const pins = this.#pins[cpu];
    if (pins !== undefined) pins[ip] = level;
    this.#sink?.(cpu, ip + 2, level);
  }
}
