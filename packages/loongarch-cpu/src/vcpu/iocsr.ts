/**
 * The IOCSR space of QEMU's LoongArch `virt` board, shared by the cores of one VM: the misc
 * registers (VERSION, FEATURE, VENDOR, CPUNAME, MISC_FUNC), the per-core IPI block with its mailboxes
 * and the IPI/mail/any-send registers, and the EXTIOI interrupt controller ({@link LoongArchExtioi}).
 * `iocsrrd.*`/`iocsrwr.*` are per-core
 * accesses (the IPI status a core reads is its own), so the vCPU serves them from this object instead
 * of exiting to the VMM, as Linux KVM's in-kernel IPI device does.
 *
 * @module
 */

import { EXTIOI_IOCSR_BASE, EXTIOI_IOCSR_END, LoongArchExtioi } from "./extioi.js";

/**
 * How a core's interrupt line is driven by the IOCSR devices: `level` true raises, false lowers.
 *
 * @example
 * ```ts
 * import type { IocsrIrqSink } from "@axvisor/loongarch-cpu";
 * const changes: [number, boolean][] = [];
 * const sink: IocsrIrqSink = (line, level) => changes.push([line, level]);
 * ```
 */
export type IocsrIrqSink = (line: number, level: boolean) => void;

/**
 * An IOCSR space a {@link LoongArchVCpu} can serve `iocsr*` instructions from (see
 * `LoongArchVCpuCreateConfig.iocsr`).
 *
 * @example
 * ```ts
 * import { type IocsrBus, LoongArchVirtIocsr } from "@axvisor/loongarch-cpu";
 * const bus: IocsrBus = new LoongArchVirtIocsr();
 * console.log(bus.read(0, 0x8n, 8)); // 28n
 * ```
 */
export interface IocsrBus {
  /**
   * Connects a core: `sink` is called when one of its interrupt lines changes.
   *
   * @param cpuId - The core id.
   * @param sink - Its interrupt-line callback.
   */
  attach(cpuId: number, sink: IocsrIrqSink): void;
  /**
   * A read by core `cpuId`.
   *
   * @param cpuId - The reading core.
   * @param addr - The IOCSR address.
   * @param size - 1, 2, 4 or 8 bytes.
   * @returns The value (zero-extended), or `undefined` when nothing is at `addr`.
   */
  read(cpuId: number, addr: bigint, size: number): bigint | undefined;
  /**
   * A write by core `cpuId`.
   *
   * @param cpuId - The writing core.
   * @param addr - The IOCSR address.
   * @param size - 1, 2, 4 or 8 bytes.
   * @param value - The value (its low `size` bytes count).
   * @returns `false` when nothing is at `addr`.
   */
  write(cpuId: number, addr: bigint, size: number, value: bigint): boolean;
}

/**
 * The IPI registers of one core, as {@link LoongArchVirtIocsr.ipiState} reports them.
 *
 * @example
 * ```ts
 * import type { IpiCoreState } from "@axvisor/loongarch-cpu";
 * const idle: IpiCoreState = { status: 0, enable: 0xffff_ffff };
 * ```
 */
export interface IpiCoreState {
  /** IPI status (0x1000): one bit per pending IPI vector. */
  readonly status: number;
  /** IPI enable (0x1004): the vectors that raise the core's IPI line. */
  readonly enable: number;
}

/** ESTAT.IS bit of the IPI. */
const IPI_LINE = 12;
const MISC_END = 0x428;
const IPI_BASE = 0x1000;
const IPI_END = 0x1048;
const MAIL_SEND = 0x1048;
const ANY_SEND = 0x1158;
const EXTIOI_BASE = EXTIOI_IOCSR_BASE;
const EXTIOI_END = EXTIOI_IOCSR_END;

/** Misc registers as QEMU 7.2's `virt` reads them (VERSION reads 0 there). */
const MISC: ReadonlyMap<number, bigint> = new Map([
  [0x0, 0n],
  // IOCSRF_MSI | IOCSRF_EXTIOI | IOCSRF_CSRIPI
  [0x8, 0x1cn],
  // "Loongson"
  [0x10, 0x6e6f_7367_6e6f_6f4cn],
  // "3A5000"
  [0x20, 0x3030_3035_4133n],
  // MISC_FUNC: EXTIOI enabled (bit 48); writes are ignored
  [0x420, 1n << 48n],
]);

class IpiCore {
  status = 0;
  enable = 0;
  readonly mailbox = new Uint8Array(32);
  sink: IocsrIrqSink | undefined;
  level = false;

  update(): void {
    const level = (this.status & this.enable) !== 0;
    if (level === this.level) return;
    this.level = level;
    this.sink?.(IPI_LINE, level);
  }
}

/**
 * The IOCSR space of QEMU 7.2's LoongArch `virt` board for one VM (one instance shared by all its
 * vCPUs). Per core, at 0x1000–0x1047 (32-bit registers; a 64-bit access touches two):
 *
 * | address | register |
 * |---|---|
 * | 0x1000 | IPI status (read-only; bits set by IPI sends) |
 * | 0x1004 | IPI enable |
 * | 0x1008 | IPI set (write: status \|= value) |
 * | 0x100c | IPI clear (write: status &= ~value) |
 * | 0x1020–0x103f | mailbox buffers 0–3 (64-bit each) |
 * | 0x1040 | IPI send: vector [4:0], target core [25:16] |
 * | 0x1048 | mail send: 32-bit data [63:32] into the target's buffer word [4:2], core [25:16], byte mask [30:27] |
 * | 0x1158 | any send: 32-bit data [63:32] to the target's IOCSR offset [15:0], core [25:16], byte mask [30:27] |
 *
 * The core's IPI line (ESTAT.IS[12]) is high while `status & enable` is non-zero. The misc registers
 * (0x0 VERSION, 0x8 FEATURE, 0x10 VENDOR, 0x20 CPUNAME, 0x420 MISC_FUNC) read QEMU's values; the rest
 * of 0x0–0x427 reads 0 and ignores writes. 0x1400–0x1cff is the EXTIOI ({@link LoongArchVirtIocsr.extioi}),
 * which drives the cores' HWI lines (ESTAT.IS[2..9]) through the same sinks; an any-send whose target
 * offset lies there writes its registers (Linux routes EIOINTC vectors that way). Addresses outside
 * these ranges are not claimed (the vCPU then exits with `SysRegRead`/`SysRegWrite`).
 *
 * @example
 * ```ts
 * import { LoongArchVirtIocsr } from "@axvisor/loongarch-cpu";
 * const iocsr = new LoongArchVirtIocsr();
 * const seen: string[] = [];
 * iocsr.attach(1, (line, level) => seen.push(`core 1 line ${line}: ${level}`));
 * iocsr.write(1, 0x1004n, 4, 0xffff_ffffn); // core 1 enables its IPIs
 * iocsr.write(0, 0x1048n, 8, (0x200000n << 32n) | (1n << 16n)); // mailbox 0 of core 1, low word
 * iocsr.write(0, 0x1040n, 4, (1n << 16n) | 0n); // IPI vector 0 to core 1
 * console.log(seen.join()); // "core 1 line 12: true"
 * console.log(iocsr.read(1, 0x1020n, 8)!.toString(16)); // "200000"
 * ```
 */
export class LoongArchVirtIocsr implements IocsrBus {
  readonly #cores = new Map<number, IpiCore>();
  /**
   * The VM's EXTIOI: device interrupts enter it through {@link LoongArchExtioi.setIrq} (the PCH-PIC's
   * outputs on the `virt` board) and it raises the attached cores' HWI lines.
   */
  readonly extioi: LoongArchExtioi = new LoongArchExtioi((cpu, line, level) =>
    this.#cores.get(cpu)?.sink?.(line, level),
  );

  #core(cpuId: number): IpiCore {
    let c = this.#cores.get(cpuId);
    if (c === undefined) {
      c = new IpiCore();
      this.#cores.set(cpuId, c);
    }
    return c;
  }

  /**
   * Connects a core's interrupt lines (the vCPU does this when it is created).
   *
   * @param cpuId - The core id (0–1023).
   * @param sink - Called with (12, level) when its IPI line changes and with (2–9, level) when the
   *   EXTIOI drives one of its HWI lines.
   *
   * @example
   * ```ts
   * import { LoongArchVirtIocsr } from "@axvisor/loongarch-cpu";
   * new LoongArchVirtIocsr().attach(0, () => {});
   * ```
   */
  attach(cpuId: number, sink: IocsrIrqSink): void {
    const c = this.#core(cpuId);
    c.sink = sink;
    c.level = false;
    c.update();
    this.extioi.resync(cpuId);
  }

  /**
   * The IPI state of a core, for tests and debuggers.
   *
   * @param cpuId - The core id.
   * @returns Its status and enable registers.
   *
   * @example
   * ```ts
   * import { LoongArchVirtIocsr } from "@axvisor/loongarch-cpu";
   * console.log(new LoongArchVirtIocsr().ipiState(0)); // { status: 0, enable: 0 }
   * ```
   */
  ipiState(cpuId: number): IpiCoreState {
    const c = this.#core(cpuId);
    return { status: c.status >>> 0, enable: c.enable >>> 0 };
  }

  /**
   * Reads `size` bytes at `addr` as core `cpuId` sees them.
   *
   * @param cpuId - The reading core.
   * @param addr - The IOCSR address.
   * @param size - 1, 2, 4 or 8.
   * @returns The zero-extended value, or `undefined` outside the modelled ranges.
   *
   * @example
   * ```ts
   * import { LoongArchVirtIocsr } from "@axvisor/loongarch-cpu";
   * const io = new LoongArchVirtIocsr();
   * console.log(io.read(0, 0x10n, 8)!.toString(16)); // "6e6f73676e6f6f4c"
   * console.log(io.read(0, 0x9000n, 4)); // undefined
   * ```
   */
  read(cpuId: number, addr: bigint, size: number): bigint | undefined {
    if (addr < 0n || addr >= 0x1_0000n) return undefined;
    const a = Number(addr);
    if (a < MISC_END) {
      let v = 0n;
      for (let i = 0; i < size; i++) {
        const byte = a + i;
        const word = MISC.get(byte & ~7) ?? 0n;
        v |= ((word >> BigInt((byte & 7) * 8)) & 0xffn) << BigInt(i * 8);
      }
      return v;
    }
    if (a >= IPI_BASE && a < IPI_END) {
      const c = this.#core(cpuId);
      let v = 0n;
      for (let i = 0; i < size; i++) v |= BigInt(this.#ipiByte(c, a + i - IPI_BASE)) << BigInt(i * 8);
      return v;
    }
    if (a >= EXTIOI_BASE && a < EXTIOI_END) return this.extioi.read(cpuId, a, size);
    if (a === MAIL_SEND || a === ANY_SEND) return 0n;
    return undefined;
  }

  /**
   * Writes `size` bytes at `addr` as core `cpuId`.
   *
   * @param cpuId - The writing core.
   * @param addr - The IOCSR address.
   * @param size - 1, 2, 4 or 8.
   * @param value - The value.
   * @returns `false` outside the modelled ranges.
   *
   * @example
   * ```ts
   * import { LoongArchVirtIocsr } from "@axvisor/loongarch-cpu";
   * const io = new LoongArchVirtIocsr();
   * io.write(0, 0x1008n, 4, 0b101n);
   * console.log(io.ipiState(0).status); // 5
   * ```
   */
  write(cpuId: number, addr: bigint, size: number, value: bigint): boolean {
    if (addr < 0n || addr >= 0x1_0000n) return false;
    const a = Number(addr);
    const v = BigInt.asUintN(size * 8, value);
    if (a < MISC_END) return true;
    if (a >= EXTIOI_BASE && a < EXTIOI_END) {
      this.extioi.write(cpuId, a, size, v);
      return true;
    }
    if (a === MAIL_SEND || a === ANY_SEND) {
      if (size === 8) this.#send(a, v);
      return true;
    }
    if (a >= IPI_BASE && a < IPI_END) {
      const off = a - IPI_BASE;
      if (off === 0x40) {
        this.#ipiSend(v);
        return true;
      }
      const c = this.#core(cpuId);
      if (off >= 0x20 && off < 0x40) {
        for (let i = 0; i < size && off + i < 0x40; i++)
          c.mailbox[off + i - 0x20] = Number((v >> BigInt(i * 8)) & 0xffn);
        return true;
      }
      // the control registers are 32 bits wide: a 64-bit write covers two
      for (let i = 0; i < size; i += 4)
        this.#ipiWrite32(c, off + i, Number((v >> BigInt(i * 8)) & 0xffff_ffffn));
      return true;
    }
    return false;
  }

  #ipiByte(c: IpiCore, off: number): number {
    if (off >= 0x20 && off < 0x40) return c.mailbox[off - 0x20] ?? 0;
    const word = off & ~3;
    const w = word === 0 ? c.status : word === 4 ? c.enable : 0;
    return (w >>> ((off & 3) * 8)) & 0xff;
  }

  #ipiWrite32(c: IpiCore, off: number, v: number): void {
    switch (off) {
      case 0x4:
        c.enable = v | 0;
        break;
      case 0x8:
        c.status |= v;
        break;
      case 0xc:
        c.status &= ~v;
        break;
      default:
        // status is read-only; the rest of the block is reserved
        return;
    }
    c.update();
  }

  #ipiSend(v: bigint): void {
    const target = Number((v >> 16n) & 0x3ffn);
    const c = this.#cores.get(target);
    if (c === undefined) return;
    c.status |= 1 << Number(v & 0x1fn);
    c.update();
  }

  /** Mail send and any send: a masked 32-bit write into the target core's IOCSR space. */
  #send(kind: number, v: bigint): void {
    const target = Number((v >> 16n) & 0x3ffn);
    const c = this.#cores.get(target);
    if (c === undefined) return;
    const off = kind === MAIL_SEND ? 0x20 + Number(v & 0x1cn) : Number(v & 0xffffn) - IPI_BASE;
    const mask = Number((v >> 27n) & 0xfn);
    const data = Number(v >> 32n);
    const ioAddr = off + IPI_BASE;
    if (kind === ANY_SEND && ioAddr >= EXTIOI_BASE && ioAddr < EXTIOI_END) {
      // QEMU reads and writes the word with unspecified attributes, i.e. as core 0
      const aligned = ioAddr & ~3;
      const old = Number(this.extioi.read(0, aligned, 4));
      let word = 0;
      for (let i = 0; i < 4; i++) {
        const byte = mask & (1 << i) ? (old >>> (i * 8)) & 0xff : (data >>> (i * 8)) & 0xff;
        word |= byte << (i * 8);
      }
      this.extioi.write(0, aligned, 4, BigInt(word >>> 0));
      return;
    }
    if (off >= 0x20 && off < 0x40) {
      for (let i = 0; i < 4; i++) {
        if ((mask & (1 << i)) === 0 && off + i < 0x40) c.mailbox[off + i - 0x20] = (data >>> (i * 8)) & 0xff;
      }
      return;
    }
    if (off < 0 || off >= 0x20 || (off & 3) !== 0) return;
    // a masked byte keeps the register's old value
    let word = 0;
    for (let i = 0; i < 4; i++) {
      const byte = mask & (1 << i) ? this.#ipiByte(c, off + i) : (data >>> (i * 8)) & 0xff;
      word |= byte << (i * 8);
    }
    this.#ipiWrite32(c, off, word >>> 0);
  }
}
