import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LoongArchExtioi, LoongArchVirtIocsr } from "../../src/index.js";

/** An EXTIOI recording every pin change as "cpu:line=0|1". */
function eio() {
  const events: string[] = [];
  const e = new LoongArchExtioi((cpu, line, level) => events.push(`${cpu}:${line}=${level ? 1 : 0}`));
  return { e, events };
}

/** Programs the controller the way Linux 6.12's eiointc_router_init does on core 0. */
function linuxInit(e: LoongArchExtioi): void {
  for (let i = 0; i < 8; i++)
    e.write(0, 0x14a0 + i * 4, 4, BigInt((((1 << (i * 2 + 1)) << 16) | (1 << (i * 2))) >>> 0));
  for (let i = 0; i < 2; i++) e.write(0, 0x14c0 + i * 4, 4, 0x0202_0202n);
  for (let i = 0; i < 64; i++) e.write(0, 0x1c00 + i * 4, 4, 0x0101_0101n);
  for (let i = 0; i < 8; i++) {
    e.write(0, 0x1600 + i * 4, 4, 0xffff_ffffn);
    e.write(0, 0x1680 + i * 4, 4, 0xffff_ffffn);
  }
}

describe("LoongArchExtioi registers", () => {
  it("stores nodetype, ipmap, enable, bounce and coremap words and reads them back as words and dwords", () => {
    const { e } = eio();
    linuxInit(e);
    expect(e.read(0, 0x14a0, 4)).toBe(0x0002_0001n);
    expect(e.read(0, 0x14a4, 4)).toBe(0x0008_0004n);
    expect(e.read(0, 0x14c0, 8)).toBe(0x0202_0202_0202_0202n);
    expect(e.read(0, 0x1600, 8)).toBe(0xffff_ffff_ffff_ffffn);
    expect(e.read(0, 0x1680, 4)).toBe(0xffff_ffffn);
    expect(e.read(0, 0x1cfc, 4)).toBe(0x0101_0101n);
    // the global ISR block is not readable in QEMU 7.2, nor is anything else unlisted
    expect(e.read(0, 0x1700, 4)).toBe(0n);
    expect(e.read(0, 0x1500, 8)).toBe(0n);
  });

  it("1- and 2-byte accesses read 0 and are ignored, as QEMU 7.2 rejects them", () => {
    const { e } = eio();
    e.write(0, 0x1c00, 4, 0x0101_0101n);
    e.write(0, 0x1600, 4, 0xffff_ffffn);
    expect(e.read(0, 0x1c01, 1)).toBe(0n);
    expect(e.read(0, 0x1602, 2)).toBe(0n);
    e.write(0, 0x1c02, 1, 0x02n);
    e.write(0, 0x1600, 2, 0n);
    expect(e.read(0, 0x1c00, 4)).toBe(0x0101_0101n);
    expect(e.read(0, 0x1600, 4)).toBe(0xffff_ffffn);
  });

  it("a byte write to the core ISR clears no pending bit (no read-modify-write of the word)", () => {
    const { e, events } = eio();
    linuxInit(e);
    e.setIrq(2, true);
    e.setIrq(10, true);
    expect(e.read(0, 0x1800, 4)).toBe(0x404n);
    e.write(0, 0x1800, 1, 0x04n);
    e.write(0, 0x1801, 1, 0x04n);
    e.write(0, 0x1800, 2, 0xffffn);
    expect(e.read(0, 0x1800, 4)).toBe(0x404n);
    expect(events).toEqual(["0:3=1"]);
  });
});

describe("LoongArchExtioi routing", () => {
  it("delivers an enabled input to its core's ISR and raises IP1 = ESTAT.IS[3] (Linux's setup)", () => {
    const { e, events } = eio();
    linuxInit(e);
    e.setIrq(2, true);
    expect(events).toEqual(["0:3=1"]);
    expect(e.read(0, 0x1800, 8)).toBe(4n);
    expect(e.pinLevel(0, 1)).toBe(true);
    e.setIrq(2, false);
    expect(events).toEqual(["0:3=1", "0:3=0"]);
    expect(e.read(0, 0x1800, 8)).toBe(0n);
  });

  it("keeps the pin high while any input on it is delivered; a raise while busy drives nothing", () => {
    const { e, events } = eio();
    linuxInit(e);
    e.setIrq(2, true);
    e.setIrq(40, true);
    expect(events).toEqual(["0:3=1"]);
    expect(e.read(0, 0x1800, 8)).toBe((1n << 40n) | 4n);
    e.setIrq(2, false);
    expect(events).toEqual(["0:3=1"]);
    e.setIrq(40, false);
    expect(events).toEqual(["0:3=1", "0:3=0"]);
  });

  it("write-1-to-clear of the core ISR lowers the pin; a still-raised input is not re-delivered", () => {
    const { e, events } = eio();
    linuxInit(e);
    e.setIrq(7, true);
    e.write(0, 0x1800, 8, 1n << 7n);
    expect(events).toEqual(["0:3=1", "0:3=0"]);
    expect(e.read(0, 0x1800, 4)).toBe(0n);
    expect(e.state().isr[0]).toBe(1 << 7);
    // writing zeros clears nothing
    e.setIrq(8, true);
    e.write(0, 0x1800, 4, 0n);
    expect(e.read(0, 0x1800, 4)).toBe(1n << 8n);
  });

  it("a disabled input is latched but not delivered; enabling delivers it, disabling withdraws it", () => {
    const { e, events } = eio();
    e.write(0, 0x14c0, 4, 0x0404_0404n); // IP2
    e.setIrq(33, true);
    expect(events).toEqual([]);
    expect(e.state().isr[1]).toBe(2);
    e.write(0, 0x1604, 4, 2n);
    expect(events).toEqual(["0:4=1"]);
    expect(e.read(0, 0x1804, 4)).toBe(2n);
    e.write(0, 0x1604, 4, 0n);
    expect(events).toEqual(["0:4=1", "0:4=0"]);
    expect(e.read(0, 0x1804, 4)).toBe(0n);
  });

  it("routes by coremap (lowest set bit, ≥ 4 means core 0) and ipmap per group of 32", () => {
    const { e, events } = eio();
    e.write(0, 0x1600, 4, 0xffff_ffffn);
    e.write(0, 0x1604, 4, 0xffff_ffffn);
    e.write(0, 0x14c0, 4, 0x0000_0801n); // group 0 → IP0, group 1 → IP3
    e.write(0, 0x1c00, 4, 0x0010_0c04n); // input 0 → core 2, 1 → core 2 (0x0c), 2 → core 0 (0x10: bit 4)
    e.write(0, 0x1c20, 4, 0x08n); // input 32 → core 3
    e.setIrq(0, true);
    e.setIrq(1, true);
    e.setIrq(2, true);
    e.setIrq(32, true);
    expect(events).toEqual(["2:2=1", "0:2=1", "3:5=1"]);
    expect(e.read(2, 0x1800, 4)).toBe(3n);
    expect(e.read(0, 0x1800, 4)).toBe(4n);
    expect(e.read(3, 0x1804, 4)).toBe(1n);
    expect(e.read(1, 0x1800, 8)).toBe(0n);
  });

  it("re-routing a raised input (first of its coremap word) moves it to the new core", () => {
    const { e, events } = eio();
    e.write(0, 0x1600, 4, 0xffff_ffffn);
    e.setIrq(4, true);
    e.write(0, 0x1c04, 4, 0x02n);
    expect(events).toEqual(["0:2=1", "0:2=0", "1:2=1"]);
    expect(e.read(1, 0x1800, 4)).toBe(16n);
    expect(e.read(0, 0x1800, 4)).toBe(0n);
  });

  it("resync re-drives the raised pins of a core", () => {
    const { e, events } = eio();
    linuxInit(e);
    e.setIrq(9, true);
    e.resync(0);
    e.resync(1);
    expect(events).toEqual(["0:3=1", "0:3=1"]);
  });

  it("rejects inputs outside 0..255", () => {
    const { e } = eio();
    for (const irq of [256, -1, 1.5]) {
      expect(() => e.setIrq(irq, true)).toThrow(
        expect.objectContaining({ name: "LoongArchCpuError", code: "InvalidArgument" }),
      );
    }
  });

  it("property: with Linux's setup, the pin is high exactly while some raised input is neither cleared nor lowered", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 255 }), fc.constantFrom("up", "down", "ack")), {
          maxLength: 60,
        }),
        (ops) => {
          const { e } = eio();
          linuxInit(e);
          const delivered = new Set<number>();
          const raised = new Set<number>();
          for (const [irq, op] of ops) {
            if (op === "up") {
              if (!raised.has(irq)) delivered.add(irq);
              raised.add(irq);
              e.setIrq(irq, true);
            } else if (op === "down") {
              raised.delete(irq);
              delivered.delete(irq);
              e.setIrq(irq, false);
            } else {
              delivered.delete(irq);
              e.write(0, 0x1800 + ((irq >> 5) << 2), 4, BigInt((1 << (irq & 31)) >>> 0));
            }
            expect(e.pinLevel(0, 1)).toBe(delivered.size > 0);
          }
        },
      ),
    );
  });
});

describe("LoongArchVirtIocsr with the EXTIOI", () => {
  it("serves 0x1400–0x1cff from the EXTIOI and drives HWI lines through the attached sinks", () => {
    const io = new LoongArchVirtIocsr();
    const seen: string[] = [];
    io.attach(0, (line, level) => seen.push(`${line}:${level}`));
    expect(io.write(0, 0x14c0n, 4, 0x0202_0202n)).toBe(true);
    expect(io.write(0, 0x1600n, 8, 0xffff_ffff_ffff_ffffn)).toBe(true);
    io.extioi.setIrq(2, true);
    expect(seen).toEqual(["3:true"]);
    expect(io.read(0, 0x1800n, 8)).toBe(4n);
    io.write(0, 0x1800n, 8, 4n);
    expect(seen).toEqual(["3:true", "3:false"]);
  });

  it("any-send (0x1158) writes EXTIOI registers with the byte mask, as Linux routes and masks vectors", () => {
    const io = new LoongArchVirtIocsr();
    io.attach(0, () => {});
    io.write(0, 0x1c00n, 4, 0x0101_0101n);
    // eiointc_set_irq_route(pos 2, cpu 1): data byte 2 = 0x02, mask keeps bytes 0, 1 and 3
    const mask = ~(1 << 2) & 0xf;
    const v = (0x0002_0000n << 32n) | (1n << 31n) | (BigInt(mask) << 27n) | 0x1c00n;
    expect(io.write(0, 0x1158n, 8, v)).toBe(true);
    expect(io.read(0, 0x1c00n, 4)).toBe(0x0102_0101n);
    // mask 0: the whole word
    io.write(0, 0x1158n, 8, (0xffff_fffbn << 32n) | (1n << 31n) | 0x1600n);
    expect(io.read(0, 0x1600n, 4)).toBe(0xffff_fffbn);
  });

  it("attach re-drives a pin that is already high", () => {
    const io = new LoongArchVirtIocsr();
    io.write(0, 0x1600n, 4, 1n);
    io.extioi.setIrq(0, true);
    const seen: string[] = [];
    io.attach(0, (line, level) => seen.push(`${line}:${level}`));
    expect(seen).toEqual(["2:true"]);
  });
});
