import { AccessWidth, GuestPhysAddr } from "@axvisor/axaddrspace";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EmulatedDeviceType, Ns16550a, QEMU_VIRT_LOONGARCH_UART_BASE } from "../../src/index.js";

const B = AccessWidth.Byte;
const reg = (off: number) => GuestPhysAddr.from(QEMU_VIRT_LOONGARCH_UART_BASE + BigInt(off));
const [RBR, IER, IIR, LCR, MCR, LSR, MSR, SCR] = [0, 1, 2, 3, 4, 5, 6, 7];
const FCR = IIR;
const THR = RBR;

function uart(
  opts: { source?: () => number | Uint8Array | string | undefined; out2GatesIrq?: boolean } = {},
) {
  const out: number[] = [];
  const irqs: boolean[] = [];
  const u = new Ns16550a({ ...opts, sink: (b) => out.push(...b), irq: (l) => irqs.push(l) });
  const rd = (off: number) => Number(u.handleRead(reg(off), B));
  const wr = (off: number, v: number) => u.handleWrite(reg(off), B, BigInt(v));
  return { u, out, irqs, rd, wr };
}

describe("Ns16550a", () => {
  it("is an 8-byte console at the QEMU virt address", () => {
    const { u } = uart();
    expect(u.emuType()).toBe(EmulatedDeviceType.Console);
    expect(u.addressRange().toString()).toBe("GPA:0x1fe001e0..GPA:0x1fe001e8");
  });

  it("transmits THR writes to the sink; LSR has THRE|TEMT", () => {
    const { out, rd, wr } = uart();
    expect(rd(LSR)).toBe(0x60);
    for (const c of "Hi\n") wr(THR, c.charCodeAt(0));
    expect(String.fromCharCode(...out)).toBe("Hi\n");
    expect(rd(LSR)).toBe(0x60);
  });

  it("uses only the low byte of wider accesses", () => {
    const { u, out } = uart();
    u.handleWrite(reg(THR), AccessWidth.Dword, 0x1234_5641n);
    expect(out).toEqual([0x41]);
    expect(u.handleRead(reg(LSR), AccessWidth.Word)).toBe(0x60n);
  });

  it("receives from receive() and an injected source; DR while queued", () => {
    const feed: (string | undefined)[] = ["ok"];
    const { u, rd } = uart({ source: () => feed.shift() });
    expect(rd(LSR) & 1).toBe(1);
    expect(rd(RBR)).toBe(0x6f);
    expect(rd(RBR)).toBe(0x6b);
    expect(rd(LSR)).toBe(0x60);
    // nothing received: RBR still holds the last byte, as in QEMU
    expect(rd(RBR)).toBe(0x6b);
    u.receive(Uint8Array.of(0xc3, 0xa9));
    u.receive("é");
    expect(u.pendingInput()).toBe(4);
    expect([rd(RBR), rd(RBR), rd(RBR), rd(RBR)]).toEqual([0xc3, 0xa9, 0xc3, 0xa9]);
  });

  it("DLAB switches offsets 0/1 to DLL/DLM; LCR, MCR, SCR read back", () => {
    const { out, rd, wr } = uart();
    wr(LCR, 0x83);
    wr(0, 0x01);
    wr(1, 0x00);
    expect([rd(0), rd(1)]).toEqual([0x01, 0x00]);
    expect(out).toEqual([]);
    wr(LCR, 0x03);
    expect(rd(LCR)).toBe(0x03);
    wr(IER, 0x05);
    expect(rd(IER)).toBe(0x05);
    wr(SCR, 0xa5);
    expect(rd(SCR)).toBe(0xa5);
    wr(MCR, 0xff);
    expect(rd(MCR)).toBe(0x1f);
  });

  it("passes the Linux 8250 probe: scratch, IER, loopback MSR, FIFO detection", () => {
    const { rd, wr } = uart();
    wr(IER, 0);
    expect(rd(IER)).toBe(0);
    wr(IER, 0x0f);
    expect(rd(IER) & 0x0f).toBe(0x0f);
    wr(IER, 0);
    // Loopback: MCR = LOOP | OUT2 | RTS → MSR = DCD | CTS = 0x90.
    wr(MCR, 0x1a);
    expect(rd(MSR) & 0xf0).toBe(0x90);
    wr(MCR, 0);
    expect(rd(MSR)).toBe(0xb0);
    // FIFO enable makes IIR bits 7:6 read 11 (16550A).
    wr(FCR, 0x01);
    expect(rd(IIR) >> 6).toBe(3);
    wr(FCR, 0x00);
    expect(rd(IIR)).toBe(0x01);
  });

  it("loopback sends THR to the receiver, not the sink", () => {
    const { out, rd, wr } = uart();
    wr(MCR, 0x10);
    wr(THR, 0x55);
    expect(out).toEqual([]);
    expect(rd(LSR) & 1).toBe(1);
    expect(rd(RBR)).toBe(0x55);
  });

  it("IIR priorities and the interrupt line", () => {
    const { u, irqs, rd, wr } = uart();
    expect(rd(IIR)).toBe(0x01);
    wr(IER, 0x02); // THRI: THR is empty → interrupt at once
    expect(u.irqLevel()).toBe(true);
    expect(rd(IIR)).toBe(0x02); // reading IIR acknowledges THRE
    expect(u.irqLevel()).toBe(false);
    expect(rd(IIR)).toBe(0x01);
    wr(IER, 0x03);
    u.receive("x");
    expect(rd(IIR)).toBe(0x04); // received data outranks THRE
    wr(THR, 0x41);
    expect(rd(IIR)).toBe(0x04);
    expect(rd(RBR)).toBe(0x78);
    expect(rd(IIR)).toBe(0x02);
    expect(rd(IIR)).toBe(0x01);
    wr(FCR, 0x07);
    // enabling the FIFOs flushes the transmitter too, which makes THR-empty pending again (QEMU)
    expect(rd(IIR)).toBe(0xc2);
    expect(rd(IIR)).toBe(0xc1);
    expect(irqs.length).toBeGreaterThan(2);
    expect(irqs.every((l, i) => i === 0 || l !== irqs[i - 1])).toBe(true); // only changes are reported
  });

  it("FCR clears what the receiver holds; bytes the host has not delivered yet follow", () => {
    const { u, rd, wr } = uart();
    u.receive("abc");
    expect(u.pendingInput()).toBe(3);
    wr(FCR, 0x03);
    expect(u.pendingInput()).toBe(2);
    expect(rd(RBR)).toBe(0x62);
  });

  it("OUT2 gates the line when asked", () => {
    const { u, rd, wr } = uart({ out2GatesIrq: true });
    expect(rd(MCR)).toBe(0x08); // QEMU's reset value
    wr(MCR, 0);
    wr(IER, 0x01);
    u.receive("a");
    expect(u.irqLevel()).toBe(false);
    wr(MCR, 0x08);
    expect(u.irqLevel()).toBe(true);
  });
});

describe("Ns16550a robustness", () => {
  it("law: any access sequence keeps LSR sane and never throws", () => {
    const op = fc.tuple(fc.boolean(), fc.nat({ max: 7 }), fc.integer({ min: 0, max: 255 }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 50 }), (ops) => {
        const { rd, wr } = uart({ source: () => undefined });
        for (const [write, off, v] of ops) {
          if (write) wr(off, v);
          else rd(off);
        }
        const lsr = rd(5);
        expect(lsr & 0x60).toBe(0x60);
        // DR, and OE after a loopback overrun
        expect(lsr & ~0x63).toBe(0);
      }),
    );
  });
});

describe("Ns16550a as QEMU 7.2 receives and interrupts", () => {
  it("without FIFO the host hands over one byte at a time; each RBR read takes the next", () => {
    const { u, rd, wr } = uart();
    wr(IER, 0x01);
    u.receive("ab");
    expect(u.irqLevel()).toBe(true);
    expect(rd(IIR)).toBe(0x04);
    expect(rd(RBR)).toBe(0x61);
    expect(u.irqLevel()).toBe(true);
    expect(rd(RBR)).toBe(0x62);
    expect(u.irqLevel()).toBe(false);
    expect(rd(IIR)).toBe(0x01);
  });

  it("FIFO: received data at the trigger level, character timeout below it; the host never overruns", () => {
    const { u, rd, wr } = uart();
    wr(FCR, 0x81); // FIFO on, trigger 8 (what Linux's 8250 uses)
    wr(IER, 0x01);
    u.receive("0123456789abcdefghij");
    // up to the trigger level, then one at a time: 8 + 1
    expect(rd(IIR)).toBe(0xc4);
    expect(u.pendingInput()).toBe(20);
    const got: number[] = [];
    while (rd(LSR) & 1) got.push(rd(RBR));
    expect(String.fromCharCode(...got)).toBe("0123456789abcdefghij");
    expect(rd(LSR)).toBe(0x60);
    expect(rd(IIR)).toBe(0xc1);
    u.receive("xy");
    expect(rd(IIR)).toBe(0xcc); // timeout: fewer than 8 wait
    expect(rd(RBR)).toBe(0x78);
    expect(rd(IIR)).toBe(0xcc);
    expect(rd(RBR)).toBe(0x79);
    expect(rd(IIR)).toBe(0xc1);
    expect(u.irqLevel()).toBe(false);
  });

  it("trigger level 1 takes one byte at a time and interrupts with received data", () => {
    const { u, rd, wr } = uart();
    wr(FCR, 0x01);
    wr(IER, 0x01);
    u.receive("pq");
    expect(rd(IIR)).toBe(0xc4);
    expect(rd(RBR)).toBe(0x70);
    expect(rd(IIR)).toBe(0xc4);
    expect(rd(RBR)).toBe(0x71);
    expect(rd(IIR)).toBe(0xc1);
  });

  it("a loopback overrun sets OE and the line-status interrupt; reading LSR clears it", () => {
    const { u, rd, wr } = uart();
    wr(IER, 0x04);
    wr(MCR, 0x10);
    wr(THR, 1);
    wr(THR, 2);
    expect(u.irqLevel()).toBe(true);
    expect(rd(IIR)).toBe(0x06);
    expect(rd(LSR)).toBe(0x63);
    expect(rd(LSR)).toBe(0x61);
    expect(u.irqLevel()).toBe(false);
    expect(rd(RBR)).toBe(2);
  });

  it("irqUpdates reports every re-evaluation: a THR write lowers and raises THR-empty again", () => {
    const levels: boolean[] = [];
    const u = new Ns16550a({ irq: (l) => levels.push(l), irqUpdates: true });
    u.handleWrite(reg(IER), B, 0x02n);
    expect(levels).toEqual([true]);
    u.handleWrite(reg(THR), B, 0x41n);
    expect(levels).toEqual([true, false, true]);
    u.handleRead(reg(LCR), B); // no re-evaluation
    expect(levels).toEqual([true, false, true]);
    u.handleRead(reg(IIR), B);
    expect(levels).toEqual([true, false, true, false]);
  });

  it("pollInput asks the source even while the guest does not look", () => {
    const feed: (string | undefined)[] = [undefined, "z"];
    const { u, rd, wr } = uart({ source: () => feed.shift() });
    wr(IER, 0x01);
    expect(u.pollInput()).toBe(false);
    expect(u.irqLevel()).toBe(false);
    expect(u.pollInput()).toBe(true);
    expect(u.irqLevel()).toBe(true);
    expect(rd(RBR)).toBe(0x7a);
  });

  it("resets like QEMU: divisor 12, MCR OUT2, IIR no interrupt", () => {
    const { rd, wr } = uart();
    expect(rd(IIR)).toBe(0x01);
    expect(rd(MCR)).toBe(0x08);
    wr(LCR, 0x80);
    expect([rd(0), rd(1)]).toEqual([0x0c, 0]);
  });
});
