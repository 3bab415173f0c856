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
    expect(rd(RBR)).toBe(0);
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
    expect(rd(IIR)).toBe(0xc1);
    expect(irqs.length).toBeGreaterThan(2);
    expect(irqs.every((l, i) => i === 0 || l !== irqs[i - 1])).toBe(true); // only changes are reported
  });

  it("FCR clears the receive FIFO", () => {
    const { u, rd, wr } = uart();
    u.receive("abc");
    wr(FCR, 0x03);
    expect(rd(LSR) & 1).toBe(0);
  });

  it("OUT2 gates the line when asked", () => {
    const { u, wr } = uart({ out2GatesIrq: true });
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
        expect(lsr & ~0x61).toBe(0);
      }),
    );
  });
});
