import { type AccessWidth, GuestPhysAddr, type GuestPhysAddrRange } from "@axvisor/axaddrspace";
import { AddrRange } from "@axvisor/memory-addr";
import { EmulatedDeviceType } from "../vmconfig/enums.js";
import type { BaseMmioDeviceOps } from "./base-device-ops.js";

/** Guest physical base of the PCH-PIC on QEMU's LoongArch `virt` board (VIRT_PCH_REG_BASE). */
export const QEMU_VIRT_PCH_PIC_BASE = 0x1000_0000n;
/** Size of the PCH-PIC register window as QEMU 7.2 maps it (three regions covering 4 KiB). */
export const PCH_PIC_WINDOW_SIZE = 0x1000;
/** PCH-PIC input pin of the UART on QEMU's `virt` board (VIRT_UART_IRQ; GSI 66). */
export const QEMU_VIRT_UART_PCH_PIN = 2;

const PINS = 64;
const ID_LO_VALUE = 0x0700_0000;
const ID_VERSION = 0x1;

// Offsets in the window.
const INT_ID_LO = 0x00;
const INT_ID_HI = 0x04;
const INT_MASK = 0x20;
const HTMSI_EN = 0x40;
const INT_EDGE = 0x60;
const INT_CLEAR = 0x80;
const AUTO_CTRL0 = 0xc0;
const AUTO_CTRL1 = 0xe0;
const ROUTE_ENTRY = 0x100;
const HTMSI_VEC = 0x200;
const REG8_START = 0x100;
const REG32_HIGH_START = 0x3a0;
const INT_ISR = 0x3a0;
const INT_POL = 0x3e0;

const MASK64 = (1n << 64n) - 1n;

/**
 * The output of the PCH-PIC: a pin's HTMSI vector and the level QEMU sets on it. On the `virt`
 * board output *n* is EXTIOI input *n*.
 *
 * @example
 * ```ts
 * import type { PchPicOutput } from "@axvisor/axvm";
 * const seen: string[] = [];
 * const out: PchPicOutput = (vector, level) => seen.push(`${vector}=${level}`);
 * ```
 */
export type PchPicOutput = (vector: number, level: boolean) => void;

/** Options of {@link LoongArchPchPic}. */
export interface LoongArchPchPicOptions {
  /** Guest physical base (default {@link QEMU_VIRT_PCH_PIC_BASE}); the window spans 4 KiB. */
  readonly base?: GuestPhysAddr | bigint;
  /** Where the outputs go (also settable later with {@link LoongArchPchPic.connect}). */
  readonly output?: PchPicOutput;
  /** Device name for messages (default `"pch-pic"`). */
  readonly name?: string;
}

/**
 * The registers of the PCH-PIC, as {@link LoongArchPchPic.state} reports them (64-bit masks, bit n = pin n).
 *
 * @example
 * ```ts
 * import { LoongArchPchPic } from "@axvisor/axvm";
 * const s = new LoongArchPchPic().state();
 * console.log(s.intMask === 0xffff_ffff_ffff_ffffn, s.htmsiVector.length); // true 64
 * ```
 */
export interface PchPicState {
  /** INT_MASK (0x20): a set bit masks the pin (reset: all masked). */
  readonly intMask: bigint;
  /** HTMSI_EN (0x40): stored. */
  readonly htmsiEn: bigint;
  /** INT_EDGE (0x60): 1 = edge-triggered, 0 = level. */
  readonly intEdge: bigint;
  /** The request register (QEMU's intirr, not readable by the guest in 7.2). */
  readonly intIrr: bigint;
  /** INT_ISR (0x3a0): pins whose request was forwarded (the guest reads it masked). */
  readonly intIsr: bigint;
  /** INT_POL (0x3e0): stored (QEMU 7.2 inverts nothing). */
  readonly intPolarity: bigint;
  /** ROUTE_ENTRY bytes (0x100–0x13f): stored (QEMU routes by HTMSI_VEC only). */
  readonly routeEntry: readonly number[];
  /** HTMSI_VEC (0x200–0x23f): the output vector of each pin. */
  readonly htmsiVector: readonly number[];
}

/**
 * The LoongArch PCH-PIC (LS7A I/O interrupt controller, Linux's `loongson,pch-pic-1.0`) as QEMU 7.2
 * models it (`hw/intc/loongarch_pch_pic.c`): 64 input pins, each forwarded to output
 * `HTMSI_VEC[pin]` (on the `virt` board, EXTIOI input of that number). Register window (from the base):
 *
 * | offset | register |
 * |---|---|
 * | 0x000 / 0x004 | INT_ID: 0x07000000 / (63 << 16) \| 1 (version 1, 64 pins) |
 * | 0x020 / 0x024 | INT_MASK (reset all ones); unmasking a requested pin forwards it, masking withdraws it |
 * | 0x040 / 0x044 | HTMSI_EN (stored) |
 * | 0x060 / 0x064 | INT_EDGE: 1 = edge |
 * | 0x080 / 0x084 | INT_CLEAR: writing 1 to an edge pin clears its request (level pins ignore it) |
 * | 0x0c0, 0x0e0 (+4) | AUTO_CTRL0/1 (ignored, read 0) |
 * | 0x100–0x13f | ROUTE_ENTRY bytes (reset 1; stored) |
 * | 0x200–0x23f | HTMSI_VEC bytes (reset 0): the output of each pin |
 * | 0x3a0 / 0x3a4 | INT_ISR: forwarded & ~masked; a write replaces it |
 * | 0x3e0 / 0x3e4 | INT_POL (stored) |
 *
 * Everything else reads 0, INT_IRR (0x380) included, as in QEMU 7.2. The 32-bit registers take
 * 4- and 8-byte accesses (8 = the low word, then the high one); narrower accesses read 0 and are
 * ignored, as QEMU rejects them. The byte registers take byte accesses; wider ones act byte by byte
 * (QEMU rejects those).
 *
 * Input semantics follow QEMU 7.2 exactly, its quirks included: a level pin's request follows its
 * input; an edge pin latches a request on a rising input; any call with a high input forwards the
 * lowest requested unmasked pin among the changed ones, any call with a low input withdraws the
 * lowest forwarded one (also for edge pins).
 *
 * @example
 * ```ts
 * import { AccessWidth, GuestPhysAddr } from "@axvisor/axaddrspace";
 * import { LoongArchPchPic } from "@axvisor/axvm";
 * const seen: string[] = [];
 * const pic = new LoongArchPchPic({ output: (v, level) => seen.push(`${v}=${level}`) });
 * const at = (off: number) => GuestPhysAddr.from(0x1000_0000n + BigInt(off));
 * pic.handleWrite(at(0x202), AccessWidth.Byte, 2n); // pin 2 → vector 2
 * pic.handleWrite(at(0x20), AccessWidth.Dword, 0xffff_fffbn); // unmask pin 2
 * pic.setIrq(2, true);
 * console.log(seen); // ["2=true"]
 * console.log(pic.handleRead(at(0x3a0), AccessWidth.Dword)); // 4n
 * ```
 */
export class LoongArchPchPic implements BaseMmioDeviceOps {
  /** Device name used in messages. */
  readonly name: string;
  readonly #base: bigint;
  #output: PchPicOutput | undefined;
  #intMask = MASK64;
  #htmsiEn = 0n;
  #intEdge = 0n;
  #lastIrr = 0n;
  #intIrr = 0n;
  #intIsr = 0n;
  #polarity = 0n;
  readonly #route = new Uint8Array(PINS).fill(1);
  readonly #vector = new Uint8Array(PINS);

  /**
   * Creates the controller in QEMU's reset state (every pin masked, level-triggered, vector 0).
   *
   * @param options - base, output, name.
   */
  constructor(options: LoongArchPchPicOptions = {}) {
    const base = options.base ?? QEMU_VIRT_PCH_PIC_BASE;
    this.#base = typeof base === "bigint" ? base : base.value;
    this.#output = options.output;
    this.name = options.name ?? "pch-pic";
  }

  /**
   * Sets where the outputs go.
   *
   * @param output - Called with (vector, level) whenever QEMU would set an output's level.
   */
  connect(output: PchPicOutput): void {
    this.#output = output;
  }

  /**
   * The device type: an interrupt controller.
   *
   * @returns `EmulatedDeviceType.InterruptController`.
   */
  emuType(): EmulatedDeviceType {
    return EmulatedDeviceType.InterruptController;
  }

  /**
   * The register window.
   *
   * @returns `[base, base + 0x1000)`.
   */
  addressRange(): GuestPhysAddrRange {
    return AddrRange.fromStartSize(GuestPhysAddr.from(this.#base), PCH_PIC_WINDOW_SIZE);
  }

  /**
   * Drives input pin `pin` (what a device's interrupt line does).
   *
   * @param pin - The pin, 0–63.
   * @param level - The input level.
   * @throws {RangeError} For a pin outside 0–63.
   */
  setIrq(pin: number, level: boolean): void {
    if (!Number.isInteger(pin) || pin < 0 || pin >= PINS) {
      throw new RangeError(`PCH-PIC pin ${pin} is outside 0..63`);
    }
    const mask = 1n << BigInt(pin);
    if (this.#intEdge & mask) {
      if (level) {
        if ((this.#lastIrr & mask) === 0n) this.#intIrr |= mask;
        this.#lastIrr |= mask;
      } else this.#lastIrr &= ~mask;
    } else if (level) {
      this.#intIrr |= mask;
      this.#lastIrr |= mask;
    } else {
      this.#intIrr &= ~mask;
      this.#lastIrr &= ~mask;
    }
    this.#forward(mask, level);
  }

  /**
   * A copy of the registers, for tests and debuggers.
   *
   * @returns The register values.
   */
  state(): PchPicState {
    return {
      intMask: this.#intMask,
      htmsiEn: this.#htmsiEn,
      intEdge: this.#intEdge,
      intIrr: this.#intIrr,
      intIsr: this.#intIsr,
      intPolarity: this.#polarity,
      routeEntry: [...this.#route],
      htmsiVector: [...this.#vector],
    };
  }

  /**
   * Reads a register.
   *
   * @param addr - An address in the window.
   * @param width - The access width.
   * @returns The value.
   */
  handleRead(addr: GuestPhysAddr, width: AccessWidth): bigint {
    const off = Number(addr.value - this.#base);
    const size = widthBytes(width);
    if (off >= REG8_START && off < REG32_HIGH_START) {
      let v = 0n;
      for (let i = 0; i < size; i++) v |= BigInt(this.#readByte(off + i)) << BigInt(i * 8);
      return v;
    }
    if (size < 4) return 0n;
    const lo = BigInt(this.#read32(off));
    return size === 8 ? (BigInt(this.#read32(off + 4)) << 32n) | lo : lo;
  }

  /**
   * Writes a register.
   *
   * @param addr - An address in the window.
   * @param width - The access width.
   * @param val - The value.
   */
  handleWrite(addr: GuestPhysAddr, width: AccessWidth, val: bigint): void {
    const off = Number(addr.value - this.#base);
    const size = widthBytes(width);
    if (off >= REG8_START && off < REG32_HIGH_START) {
      for (let i = 0; i < size; i++) this.#writeByte(off + i, Number((val >> BigInt(i * 8)) & 0xffn));
      return;
    }
    if (size < 4) return;
    this.#write32(off, Number(val & 0xffff_ffffn));
    if (size === 8) this.#write32(off + 4, Number((val >> 32n) & 0xffff_ffffn));
  }

  /** QEMU's pch_pic_update_irq: forwards the lowest eligible pin of `mask`, or withdraws the lowest forwarded one. */
  #forward(mask: bigint, level: boolean): void {
    if (level) {
      const v = mask & this.#intIrr & ~this.#intMask;
      if (v === 0n) return;
      const pin = lowestBit(v);
      this.#intIsr |= 1n << BigInt(pin);
      this.#output?.(this.#vector[pin] ?? 0, true);
    } else {
      const v = mask & this.#intIsr;
      if (v === 0n) return;
      const pin = lowestBit(v);
      this.#intIsr &= ~(1n << BigInt(pin));
      this.#output?.(this.#vector[pin] ?? 0, false);
    }
  }

  #readByte(off: number): number {
    if (off >= HTMSI_VEC && off < HTMSI_VEC + PINS) return this.#vector[off - HTMSI_VEC] ?? 0;
    if (off >= ROUTE_ENTRY && off < ROUTE_ENTRY + PINS) return this.#route[off - ROUTE_ENTRY] ?? 0;
    return 0;
  }

  #writeByte(off: number, v: number): void {
    if (off >= HTMSI_VEC && off < HTMSI_VEC + PINS) this.#vector[off - HTMSI_VEC] = v;
    else if (off >= ROUTE_ENTRY && off < ROUTE_ENTRY + PINS) this.#route[off - ROUTE_ENTRY] = v;
  }

  #read32(off: number): number {
    switch (off) {
      case INT_ID_LO:
        return ID_LO_VALUE;
      case INT_ID_HI:
        return (((PINS - 1) << 16) | ID_VERSION) >>> 0;
      case INT_MASK:
      case INT_MASK + 4:
        return half(this.#intMask, off - INT_MASK);
      case INT_EDGE:
      case INT_EDGE + 4:
        return half(this.#intEdge, off - INT_EDGE);
      case HTMSI_EN:
      case HTMSI_EN + 4:
        return half(this.#htmsiEn, off - HTMSI_EN);
      case INT_ISR:
      case INT_ISR + 4:
        return half(this.#intIsr & ~this.#intMask, off - INT_ISR);
      case INT_POL:
      case INT_POL + 4:
        return half(this.#polarity, off - INT_POL);
      default:
        // AUTO_CTRL0/1, INT_CLEAR and reserved words
        return 0;
    }
  }

  #write32(off: number, data: number): void {
    switch (off) {
      case INT_MASK:
      case INT_MASK + 4: {
        const hi = off !== INT_MASK;
        const old = half(this.#intMask, hi ? 4 : 0);
        this.#intMask = setHalf(this.#intMask, hi, data);
        const shift = hi ? 32n : 0n;
        const unmasked = BigInt((old & ~data) >>> 0) << shift;
        const masked = BigInt((~old & data) >>> 0) << shift;
        if (unmasked) this.#forward(unmasked, true);
        if (masked) this.#forward(masked, false);
        return;
      }
      case INT_EDGE:
      case INT_EDGE + 4:
        this.#intEdge = setHalf(this.#intEdge, off !== INT_EDGE, data);
        return;
      case INT_CLEAR:
      case INT_CLEAR + 4: {
        const bits = BigInt(data >>> 0) << (off === INT_CLEAR ? 0n : 32n);
        // only edge pins have a latched request to clear
        if ((this.#intEdge & bits) === 0n) return;
        this.#intIrr &= ~bits;
        this.#forward(bits, false);
        this.#intIsr &= ~bits;
        return;
      }
      case HTMSI_EN:
      case HTMSI_EN + 4:
        this.#htmsiEn = setHalf(this.#htmsiEn, off !== HTMSI_EN, data);
        return;
      case INT_ISR:
      case INT_ISR + 4:
        this.#intIsr = setHalf(this.#intIsr, off !== INT_ISR, data);
        return;
      case INT_POL:
      case INT_POL + 4:
        this.#polarity = setHalf(this.#polarity, off !== INT_POL, data);
        return;
      case AUTO_CTRL0:
      case AUTO_CTRL0 + 4:
      case AUTO_CTRL1:
      case AUTO_CTRL1 + 4:
        return;
      default:
        return;
    }
  }
}

function widthBytes(width: AccessWidth): number {
  return width.size();
}

function half(v: bigint, byteOffset: number): number {
  return Number((v >> BigInt(byteOffset * 8)) & 0xffff_ffffn);
}

function setHalf(v: bigint, hi: boolean, data: number): bigint {
  const d = BigInt(data >>> 0);
  return hi ? (v & 0xffff_ffffn) | (d << 32n) : (v & ~0xffff_ffffn & MASK64) | d;
}

function lowestBit(v: bigint): number {
  let n = 0;
  let x = v;
  while ((x & 0xffff_ffffn) === 0n) {
    x >>= 32n;
    n += 32;
  }
  const low = Number(x & 0xffff_ffffn);
  return n + 31 - Math.clz32(low & -low);
}
