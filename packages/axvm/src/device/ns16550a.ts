import { type AccessWidth, GuestPhysAddr, type GuestPhysAddrRange } from "@axvisor/axaddrspace";
import { AddrRange } from "@axvisor/memory-addr";
import { utf8Encode } from "../internal/utf8.js";
import { EmulatedDeviceType } from "../vmconfig/enums.js";
import type { BaseMmioDeviceOps } from "./base-device-ops.js";

/** Guest physical address of UART0 on QEMU's LoongArch `virt` board. */
export const QEMU_VIRT_LOONGARCH_UART_BASE = 0x1fe0_01e0n;

// Register offsets (byte registers, no shift).
const RBR_THR_DLL = 0;
const IER_DLM = 1;
const IIR_FCR = 2;
const LCR = 3;
const MCR = 4;
const LSR = 5;
const MSR = 6;
const SCR = 7;

const LCR_DLAB = 0x80;
const IER_RDI = 0x01;
const IER_THRI = 0x02;
const IIR_NO_INT = 0x01;
const IIR_THRI = 0x02;
const IIR_RDI = 0x04;
const IIR_FIFO_ENABLED = 0xc0;
const FCR_ENABLE = 0x01;
const FCR_CLEAR_RX = 0x02;
const LSR_DR = 0x01;
const LSR_THRE = 0x20;
const LSR_TEMT = 0x40;
const MCR_DTR = 0x01;
const MCR_RTS = 0x02;
const MCR_OUT1 = 0x04;
const MCR_OUT2 = 0x08;
const MCR_LOOP = 0x10;
// Modem status when not in loopback: carrier, data-set-ready and clear-to-send asserted (as QEMU).
const MSR_IDLE = 0xb0;

/** Options of {@link Ns16550a}. */
export interface Ns16550aOptions {
  /** Guest physical base (default {@link QEMU_VIRT_LOONGARCH_UART_BASE}); the device spans 8 byte registers. */
  readonly base?: GuestPhysAddr | bigint;
  /** Receives every transmitted byte (THR writes outside loopback). */
  readonly sink?: (bytes: Uint8Array) => void;
  /**
   * Polled for input when the receive queue is empty and the guest looks at RBR or LSR: return
   * bytes (a number, a `Uint8Array` or a string) or `undefined` when there is none.
   */
  readonly source?: () => number | Uint8Array | string | undefined;
  /** The interrupt line: called with the new level whenever it changes. */
  readonly irq?: (level: boolean) => void;
  /** Whether MCR.OUT2 must be set for the line to be raised (PC convention; QEMU does not gate). Default `false`. */
  readonly out2GatesIrq?: boolean;
  /** Device name for messages (default `"ns16550a"`). */
  readonly name?: string;
}

/**
 * An NS16550A UART (8 byte registers): transmit to an injected sink, receive from an injected
 * source or {@link Ns16550a.receive}, and the register behaviour Linux's 8250 driver probes: scratch
 * register, IER read-back, FIFO detection through IIR bits 7:6, loopback with MSR mirroring MCR,
 * THRE/TEMT always set (transmission is instantaneous), DR while input is queued, IIR priorities
 * (received data over THR empty) and an interrupt line.
 *
 * Accesses of any width address the byte register at their offset; only the low byte is used.
 *
 * @example
 * ```ts
 * import { AccessWidth, GuestPhysAddr } from "@axvisor/axaddrspace";
 * import { Ns16550a } from "@axvisor/axvm";
 * let out = "";
 * const uart = new Ns16550a({ sink: (b) => (out += String.fromCharCode(...b)) });
 * uart.handleWrite(GuestPhysAddr.from(0x1fe001e0n), AccessWidth.Byte, 0x48n);
 * out; // "H"
 * uart.handleRead(GuestPhysAddr.from(0x1fe001e5n), AccessWidth.Byte); // 0x60n: THRE | TEMT
 * ```
 */
export class Ns16550a implements BaseMmioDeviceOps {
  /** Device name used in messages. */
  readonly name: string;
  readonly #base: bigint;
  readonly #sink: ((bytes: Uint8Array) => void) | undefined;
  readonly #source: (() => number | Uint8Array | string | undefined) | undefined;
  readonly #irq: ((level: boolean) => void) | undefined;
  readonly #out2Gates: boolean;
  #rx: number[] = [];
  #ier = 0;
  #lcr = 0;
  #mcr = 0;
  #scr = 0;
  #dll = 0;
  #dlm = 0;
  #fifo = false;
  #thriPending = false;
  #irqLevel = false;

  /**
   * Creates the UART.
   *
   * @param options - base address, sink, source, interrupt line.
   */
  constructor(options: Ns16550aOptions = {}) {
    const base = options.base ?? QEMU_VIRT_LOONGARCH_UART_BASE;
    this.#base = typeof base === "bigint" ? base : base.value;
    this.#sink = options.sink;
    this.#source = options.source;
    this.#irq = options.irq;
    this.#out2Gates = options.out2GatesIrq ?? false;
    this.name = options.name ?? "ns16550a";
  }

  /**
   * The device type: a console.
   *
   * @returns `EmulatedDeviceType.Console`.
   */
  emuType(): EmulatedDeviceType {
    return EmulatedDeviceType.Console;
  }

  /**
   * The 8-byte register window.
   *
   * @returns `[base, base + 8)`.
   */
  addressRange(): GuestPhysAddrRange {
    return AddrRange.fromStartSize(GuestPhysAddr.from(this.#base), 8);
  }

  /**
   * Queues input bytes for the guest (raises DR and, if enabled, the receive interrupt).
   *
   * @param data - bytes or text (UTF-8 encoded).
   */
  receive(data: Uint8Array | string | number): void {
    this.#enqueue(data);
    this.#updateIrq();
  }

  /**
   * Number of input bytes queued and not yet read by the guest.
   *
   * @returns the queue length.
   */
  pendingInput(): number {
    return this.#rx.length;
  }

  /**
   * The current level of the interrupt line.
   *
   * @returns `true` when raised.
   */
  irqLevel(): boolean {
    return this.#irqLevel;
  }

  /**
   * Reads a register.
   *
   * @param addr - an address in the window.
   * @param _width - the access width (the byte register at the offset is read).
   * @returns the register value.
   */
  handleRead(addr: GuestPhysAddr, _width: AccessWidth): bigint {
    const off = Number(addr.value - this.#base);
    const dlab = (this.#lcr & LCR_DLAB) !== 0;
    let v = 0;
    switch (off) {
      case RBR_THR_DLL:
        if (dlab) v = this.#dll;
        else {
          this.#poll();
          v = this.#rx.shift() ?? 0;
        }
        break;
      case IER_DLM:
        v = dlab ? this.#dlm : this.#ier;
        break;
      case IIR_FCR: {
        const iir = this.#iir();
        // Reading IIR while it reports "THR empty" acknowledges that interrupt.
        if (iir === IIR_THRI) this.#thriPending = false;
        v = iir | (this.#fifo ? IIR_FIFO_ENABLED : 0);
        break;
      }
      case LCR:
        v = this.#lcr;
        break;
      case MCR:
        v = this.#mcr;
        break;
      case LSR:
        this.#poll();
        v = LSR_THRE | LSR_TEMT | (this.#rx.length > 0 ? LSR_DR : 0);
        break;
      case MSR:
        v = this.#msr();
        break;
      case SCR:
        v = this.#scr;
        break;
    }
    this.#updateIrq();
    return BigInt(v);
  }

  /**
   * Writes a register.
   *
   * @param addr - an address in the window.
   * @param _width - the access width (the low byte is written).
   * @param val - the value.
   */
  handleWrite(addr: GuestPhysAddr, _width: AccessWidth, val: bigint): void {
    const off = Number(addr.value - this.#base);
    const v = Number(val & 0xffn);
    const dlab = (this.#lcr & LCR_DLAB) !== 0;
    switch (off) {
      case RBR_THR_DLL:
        if (dlab) this.#dll = v;
        else {
          if (this.#mcr & MCR_LOOP) this.#rx.push(v);
          else this.#sink?.(Uint8Array.of(v));
          // The byte leaves at once, so THR is empty again.
          this.#thriPending = true;
        }
        break;
      case IER_DLM:
        if (dlab) this.#dlm = v;
        else {
          const enablingThri = (v & IER_THRI) !== 0 && (this.#ier & IER_THRI) === 0;
          this.#ier = v & 0x0f;
          if (enablingThri) this.#thriPending = true;
        }
        break;
      case IIR_FCR:
        if ((v & FCR_ENABLE) !== (this.#fifo ? 1 : 0)) this.#rx = [];
        this.#fifo = (v & FCR_ENABLE) !== 0;
        if (v & FCR_CLEAR_RX) this.#rx = [];
        break;
      case LCR:
        this.#lcr = v;
        break;
      case MCR:
        this.#mcr = v & 0x1f;
        break;
      case SCR:
        this.#scr = v;
        break;
      // LSR and MSR are read-only.
    }
    this.#updateIrq();
  }

  #enqueue(data: Uint8Array | string | number): void {
    if (typeof data === "number") this.#rx.push(data & 0xff);
    else for (const b of typeof data === "string" ? utf8Encode(data) : data) this.#rx.push(b);
  }

  #poll(): void {
    if (this.#rx.length > 0 || this.#source === undefined || this.#mcr & MCR_LOOP) return;
    const got = this.#source();
    if (got !== undefined) this.#enqueue(got);
  }

  #iir(): number {
    if (this.#ier & IER_RDI && this.#rx.length > 0) return IIR_RDI;
    if (this.#ier & IER_THRI && this.#thriPending) return IIR_THRI;
    return IIR_NO_INT;
  }

  #msr(): number {
    if (!(this.#mcr & MCR_LOOP)) return MSR_IDLE;
    const m = this.#mcr;
    return (
      (m & MCR_RTS ? 0x10 : 0) |
      (m & MCR_DTR ? 0x20 : 0) |
      (m & MCR_OUT1 ? 0x40 : 0) |
      (m & MCR_OUT2 ? 0x80 : 0)
    );
  }

  #updateIrq(): void {
    const gated = this.#out2Gates && !(this.#mcr & MCR_OUT2);
    const level = !gated && this.#iir() !== IIR_NO_INT;
    if (level !== this.#irqLevel) {
      this.#irqLevel = level;
      this.#irq?.(level);
    }
  }
}
