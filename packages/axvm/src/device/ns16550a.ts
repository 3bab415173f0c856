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
const IER_RLSI = 0x04;
const IIR_NO_INT = 0x01;
const IIR_THRI = 0x02;
const IIR_RDI = 0x04;
const IIR_RLSI = 0x06;
const IIR_CTI = 0x0c;
const IIR_FIFO_ENABLED = 0xc0;
const FCR_ENABLE = 0x01;
const FCR_CLEAR_RX = 0x02;
const FCR_CLEAR_TX = 0x04;
const LSR_DR = 0x01;
const LSR_OE = 0x02;
const LSR_BI = 0x10;
const LSR_THRE = 0x20;
const LSR_TEMT = 0x40;
// Overrun, parity, framing errors and break: what raises the line-status interrupt.
const LSR_INT_ANY = 0x1e;
const MCR_DTR = 0x01;
const MCR_RTS = 0x02;
const MCR_OUT1 = 0x04;
const MCR_OUT2 = 0x08;
const MCR_LOOP = 0x10;
// Modem status when not in loopback: carrier, data-set-ready and clear-to-send asserted (as QEMU).
const MSR_IDLE = 0xb0;
const FIFO_SIZE = 16;
/** Receive trigger levels selected by FCR bits 7:6. */
const TRIGGER_LEVELS = [1, 4, 8, 14] as const;

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
  /** The interrupt line: called with the new level whenever it changes (see also `irqUpdates`). */
  readonly irq?: (level: boolean) => void;
  /**
   * Call `irq` at every point QEMU's UART re-evaluates its line (`serial_update_irq`), with the
   * level even when it did not change, instead of only on changes. A QEMU-faithful interrupt
   * controller input (the PCH-PIC) needs this: QEMU re-latches a level input on every such call.
   * Default `false`.
   */
  readonly irqUpdates?: boolean;
  /** Whether MCR.OUT2 must be set for the line to be raised (PC convention; QEMU does not gate). Default `false`. */
  readonly out2GatesIrq?: boolean;
  /** Device name for messages (default `"ns16550a"`). */
  readonly name?: string;
}

/**
 * An NS16550A UART (8 byte registers) as QEMU 7.2 models it (`hw/char/serial.c`): transmit to an
 * injected sink; receive through a 16-byte FIFO (or the single RBR while FCR.FE is 0) fed from a host
 * queue that only hands over what the receiver can take, as QEMU's character backend does (bytes
 * wait, never overrun); the interrupt sources by priority — line status (overrun; IER bit 2),
 * character timeout and received data at the FCR trigger level (IER bit 0), THR empty (IER bit 1) —
 * with IIR, the FIFO bits 7:6, THRE/TEMT always set after a write (transmission is instantaneous),
 * the scratch register, DLL/DLM, loopback with MSR mirroring MCR, and QEMU's reset values
 * (MCR = OUT2, divisor 12).
 *
 * Host input arrives through {@link Ns16550a.receive}, {@link Ns16550a.pollInput} (which asks the
 * `source`), and when the guest reads LSR or RBR with nothing received. One deviation: QEMU raises the
 * character-timeout interrupt four character times after the last byte when fewer than the trigger
 * level wait in the FIFO; here it is pending at once (there is no clock in the device).
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
  readonly #irqUpdates: boolean;
  readonly #out2Gates: boolean;
  /** Bytes the host sent that the receiver has not taken yet (QEMU's chardev buffer). */
  #host: number[] = [];
  #fifo: number[] = [];
  #rbr = 0;
  #lsr = LSR_THRE | LSR_TEMT;
  #ier = 0;
  #iir = IIR_NO_INT;
  #fcr = 0;
  #trigger = 1;
  #lcr = 0;
  #mcr = MCR_OUT2;
  #scr = 0;
  #dll = 0x0c;
  #dlm = 0;
  #thriPending = false;
  #timeoutPending = false;
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
    this.#irqUpdates = options.irqUpdates ?? false;
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
   * Queues input bytes from the host; the receiver takes what it has room for at once (raising DR
   * and, if enabled, the receive interrupt) and the rest as the guest reads.
   *
   * @param data - bytes or text (UTF-8 encoded).
   */
  receive(data: Uint8Array | string | number): void {
    if (typeof data === "number") this.#host.push(data & 0xff);
    else for (const b of typeof data === "string" ? utf8Encode(data) : data) this.#host.push(b);
    this.#pump();
  }

  /**
   * Asks the `source` for input now (without waiting for the guest to look) and hands what the
   * receiver can take to it: how a VMM delivers console input to an interrupt-driven guest.
   *
   * @returns `true` when the source supplied bytes.
   */
  pollInput(): boolean {
    const got = this.#source?.();
    if (got === undefined) {
      if (this.#host.length > 0) this.#pump();
      return false;
    }
    this.receive(got);
    return true;
  }

  /**
   * Number of input bytes not yet read by the guest (in the receiver and still with the host).
   *
   * @returns the count.
   */
  pendingInput(): number {
    const held = this.#fcr & FCR_ENABLE ? this.#fifo.length : this.#lsr & LSR_DR ? 1 : 0;
    return held + this.#host.length;
  }

  /**
   * Whether host input would interrupt the guest: the UART has an interrupt line and the guest has
   * enabled the received-data interrupt (IER bit 0). A VMM waits for console input only while this
   * holds for some UART, since a guest idling otherwise cannot be woken by a key.
   *
   * @returns `true` when a received byte raises the interrupt line.
   * @example
   * ```ts
   * import { Ns16550a } from "@axvisor/axvm";
   * console.log(new Ns16550a({ irq: () => {} }).receiveInterruptArmed()); // false until the guest sets IER.ERBFI
   * ```
   */
  receiveInterruptArmed(): boolean {
    return this.#irq !== undefined && (this.#ier & IER_RDI) !== 0;
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
        else v = this.#readRbr();
        break;
      case IER_DLM:
        v = dlab ? this.#dlm : this.#ier;
        break;
      case IIR_FCR:
        v = this.#iir;
        // Reading IIR while it reports "THR empty" acknowledges that interrupt.
        if ((v & 0x0f) === IIR_THRI) {
          this.#thriPending = false;
          this.#update();
        }
        break;
      case LCR:
        v = this.#lcr;
        break;
      case MCR:
        v = this.#mcr;
        break;
      case LSR:
        this.#fetchInput();
        v = this.#lsr;
        if (v & (LSR_BI | LSR_OE)) {
          this.#lsr &= ~(LSR_BI | LSR_OE);
          this.#update();
        }
        break;
      case MSR:
        v = this.#msr();
        break;
      case SCR:
        v = this.#scr;
        break;
    }
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
        else this.#transmit(v);
        break;
      case IER_DLM:
        if (dlab) this.#dlm = v;
        else {
          const changed = (this.#ier ^ v) & 0x0f;
          this.#ier = v & 0x0f;
          // THRE is always set here, so turning THRI on raises it at once (QEMU and real parts alike)
          if (changed & IER_THRI) this.#thriPending = (this.#ier & IER_THRI) !== 0;
          if (changed) this.#update();
        }
        break;
      case IIR_FCR:
        this.#writeFcr(v);
        break;
      case LCR:
        this.#lcr = v;
        break;
      case MCR:
        this.#mcr = v & 0x1f;
        if (this.#out2Gates) this.#update();
        break;
      case SCR:
        this.#scr = v;
        break;
      // LSR and MSR are read-only.
    }
  }

  #readRbr(): number {
    this.#fetchInput();
    let v: number;
    if (this.#fcr & FCR_ENABLE) {
      v = this.#fifo.shift() ?? 0;
      if (this.#fifo.length === 0) this.#lsr &= ~(LSR_DR | LSR_BI);
      this.#timeoutPending = false;
    } else {
      v = this.#rbr;
      this.#lsr &= ~(LSR_DR | LSR_BI);
    }
    this.#update();
    if (!(this.#mcr & MCR_LOOP)) this.#pump();
    this.#armTimeout();
    return v;
  }

  #transmit(v: number): void {
    this.#thriPending = false;
    this.#update();
    // The byte leaves at once, so THR is empty again.
    this.#thriPending = true;
    this.#update();
    if (this.#mcr & MCR_LOOP) this.#receive1([v]);
    else this.#sink?.(Uint8Array.of(v));
  }

  #writeFcr(value: number): void {
    let v = value;
    // Switching the FIFOs on or off flushes both.
    if ((v ^ this.#fcr) & FCR_ENABLE) v |= FCR_CLEAR_RX | FCR_CLEAR_TX;
    if (v & FCR_CLEAR_RX) {
      this.#lsr &= ~(LSR_DR | LSR_BI);
      this.#timeoutPending = false;
      this.#fifo = [];
    }
    if (v & FCR_CLEAR_TX) this.#thriPending = true;
    this.#fcr = v & 0xc9;
    this.#trigger = TRIGGER_LEVELS[(v >> 6) & 3] ?? 1;
    this.#update();
  }

  /** What the receiver can take now (QEMU's serial_can_receive). */
  #canReceive(): number {
    if (!(this.#fcr & FCR_ENABLE)) return this.#lsr & LSR_DR ? 0 : 1;
    const n = this.#fifo.length;
    if (n >= FIFO_SIZE) return 0;
    // Offer up to the trigger level, then one at a time, so the guest sees the level it asked for.
    return n <= this.#trigger ? this.#trigger - n : 1;
  }

  /** Hands host bytes to the receiver while it has room. */
  #pump(): void {
    for (;;) {
      const room = this.#canReceive();
      if (room === 0 || this.#host.length === 0) return;
      this.#receive1(this.#host.splice(0, room));
    }
  }

  #receive1(bytes: readonly number[]): void {
    if (this.#fcr & FCR_ENABLE) {
      for (const b of bytes) {
        // Receive overruns do not overwrite FIFO contents.
        if (this.#fifo.length < FIFO_SIZE) this.#fifo.push(b);
        else this.#lsr |= LSR_OE;
      }
      this.#lsr |= LSR_DR;
    } else {
      if (this.#lsr & LSR_DR) this.#lsr |= LSR_OE;
      this.#rbr = bytes[bytes.length - 1] ?? 0;
      this.#lsr |= LSR_DR;
    }
    this.#update();
    this.#armTimeout();
  }

  /** The character timeout, as if its four character times had already passed. */
  #armTimeout(): void {
    if (!(this.#fcr & FCR_ENABLE) || this.#timeoutPending) return;
    const n = this.#fifo.length;
    if (n > 0 && n < this.#trigger) {
      this.#timeoutPending = true;
      this.#update();
    }
  }

  /** With nothing received, the host gets a chance to deliver (the polled path). */
  #fetchInput(): void {
    if (this.#lsr & LSR_DR || this.#mcr & MCR_LOOP) return;
    if (this.#host.length > 0) this.#pump();
    else {
      const got = this.#source?.();
      if (got !== undefined) this.receive(got);
    }
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

  /** QEMU's serial_update_irq: recomputes IIR and drives the line. */
  #update(): void {
    const ier = this.#ier;
    let id = IIR_NO_INT;
    if (ier & IER_RLSI && this.#lsr & LSR_INT_ANY) id = IIR_RLSI;
    else if (ier & IER_RDI && this.#timeoutPending) id = IIR_CTI;
    else if (
      ier & IER_RDI &&
      this.#lsr & LSR_DR &&
      (!(this.#fcr & FCR_ENABLE) || this.#fifo.length >= this.#trigger)
    )
      id = IIR_RDI;
    else if (ier & IER_THRI && this.#thriPending) id = IIR_THRI;
    this.#iir = id | (this.#fcr & FCR_ENABLE ? IIR_FIFO_ENABLED : 0);
    const gated = this.#out2Gates && !(this.#mcr & MCR_OUT2);
    const level = !gated && id !== IIR_NO_INT;
    if (level === this.#irqLevel && !this.#irqUpdates) return;
    this.#irqLevel = level;
    this.#irq?.(level);
  }
}
