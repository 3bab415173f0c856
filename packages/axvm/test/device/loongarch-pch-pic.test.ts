import { AccessWidth, GuestPhysAddr } from "@axvisor/axaddrspace";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EmulatedDeviceType, LoongArchPchPic, QEMU_VIRT_PCH_PIC_BASE } from "../../src/index.js";

const at = (off: number) => GuestPhysAddr.from(QEMU_VIRT_PCH_PIC_BASE + BigInt(off));

function pic() {
  const out: string[] = [];
  const p = new LoongArchPchPic({ output: (v, l) => out.push(`${v}=${l ? 1 : 0}`) });
  const r32 = (off: number) => p.handleRead(at(off), AccessWidth.Dword);
  const r64 = (off: number) => p.handleRead(at(off), AccessWidth.Qword);
  const w32 = (off: number, v: bigint) => p.handleWrite(at(off), AccessWidth.Dword, v);
  const w64 = (off: number, v: bigint) => p.handleWrite(at(off), AccessWidth.Qword, v);
  const w8 = (off: number, v: bigint) => p.handleWrite(at(off), AccessWidth.Byte, v);
  const r8 = (off: number) => p.handleRead(at(off), AccessWidth.Byte);
  return { p, out, r32, r64, w32, w64, w8, r8 };
}

/** What Linux 6.12's pch_pic_reset does with pic-base-vec 0. */
function linuxReset(t: ReturnType<typeof pic>): void {
  for (let i = 0; i < 64; i++) {
    t.w8(0x200 + i, BigInt(i));
    t.w8(0x100 + i, 1n);
  }
  for (let i = 0; i < 2; i++) {
    t.w32(0x20 + 4 * i, 0xffff_ffffn);
    t.w32(0x80 + 4 * i, 0xffff_ffffn);
    t.w32(0xc0 + 4 * i, 0n);
    t.w32(0xe0 + 4 * i, 0n);
    t.w32(0x40 + 4 * i, 0xffff_ffffn);
  }
}

describe("LoongArchPchPic registers", () => {
  it("is a 4 KiB interrupt controller at 0x10000000", () => {
    const { p } = pic();
    expect(p.emuType()).toBe(EmulatedDeviceType.InterruptController);
    expect(p.addressRange().toString()).toBe("GPA:0x10000000..GPA:0x10001000");
  });

  it("ID: a 64-bit read gives what Linux decodes as 64 vectors", () => {
    const { r32, r64 } = pic();
    expect(r32(0)).toBe(0x0700_0000n);
    expect(r32(4)).toBe(0x003f_0001n);
    const id = r64(0);
    expect(Number((id >> 48n) & 0xffn) + 1).toBe(64);
  });

  it("reset state: all masked, level, vectors 0, route entries 1", () => {
    const { p, r64, r8 } = pic();
    expect(r64(0x20)).toBe(0xffff_ffff_ffff_ffffn);
    expect(r64(0x60)).toBe(0n);
    expect(r8(0x100)).toBe(1n);
    expect(r8(0x23f)).toBe(0n);
    expect(p.state().intIrr).toBe(0n);
  });

  it("stores MASK, HTMSI_EN, EDGE, POL halves independently and reads them back", () => {
    const t = pic();
    t.w64(0x40, 0x1234_5678_9abc_def0n);
    expect(t.r64(0x40)).toBe(0x1234_5678_9abc_def0n);
    t.w32(0x64, 0x5n);
    expect(t.r64(0x60)).toBe(0x5_0000_0000n);
    t.w32(0x3e0, 0xffn);
    t.w32(0x3e4, 0x1n);
    expect(t.r64(0x3e0)).toBe(0x1_0000_00ffn);
  });

  it("AUTO_CTRL, INT_CLEAR, INT_IRR (0x380) and reserved words read 0; narrow 32-bit accesses are ignored", () => {
    const t = pic();
    t.w32(0xc0, 0xffn);
    expect(t.r32(0xc0)).toBe(0n);
    expect(t.r32(0x80)).toBe(0n);
    t.p.setIrq(1, true);
    expect(t.r32(0x380)).toBe(0n);
    t.p.handleWrite(at(0x20), AccessWidth.Byte, 0n);
    expect(t.r64(0x20)).toBe(0xffff_ffff_ffff_ffffn);
    expect(t.p.handleRead(at(0x0), AccessWidth.Word)).toBe(0n);
  });

  it("byte registers: route entries and vectors; wider accesses act byte by byte", () => {
    const t = pic();
    t.w8(0x205, 0x85n);
    expect(t.r8(0x205)).toBe(0x85n);
    t.p.handleWrite(at(0x210), AccessWidth.Dword, 0x1312_1110n);
    expect(t.p.state().htmsiVector.slice(0x10, 0x14)).toEqual([0x10, 0x11, 0x12, 0x13]);
    expect(t.p.handleRead(at(0x210), AccessWidth.Qword)).toBe(0x1312_1110n);
    expect(t.r8(0x150)).toBe(0n);
  });

  it("rejects pins outside 0..63", () => {
    const { p } = pic();
    expect(() => p.setIrq(64, true)).toThrow(RangeError);
  });
});

describe("LoongArchPchPic interrupts", () => {
  it("level pin: forwarded to its HTMSI vector while raised and unmasked; ISR reads it", () => {
    const t = pic();
    linuxReset(t);
    t.w32(0x20, 0xffff_fffbn); // unmask pin 2
    t.p.setIrq(2, true);
    expect(t.out).toEqual(["2=1"]);
    expect(t.r32(0x3a0)).toBe(4n);
    // QEMU re-latches on every raise call
    t.p.setIrq(2, true);
    expect(t.out).toEqual(["2=1", "2=1"]);
    t.p.setIrq(2, false);
    expect(t.out).toEqual(["2=1", "2=1", "2=0"]);
    expect(t.r32(0x3a0)).toBe(0n);
  });

  it("masked pins are requested but not forwarded; unmasking forwards, masking withdraws", () => {
    const t = pic();
    linuxReset(t);
    t.p.setIrq(40, true);
    expect(t.out).toEqual([]);
    t.w32(0x24, 0xffff_feffn); // unmask pin 40: bit 8 of the high word
    expect(t.r64(0x20)).toBe(0xffff_feff_ffff_ffffn);
    expect(t.out).toEqual(["40=1"]);
    expect(t.r64(0x3a0)).toBe(1n << 40n);
    t.w32(0x24, 0xffff_ffffn);
    expect(t.out).toEqual(["40=1", "40=0"]);
    // the ISR read is masked anyway
    expect(t.r64(0x3a0)).toBe(0n);
  });

  it("edge pin: latches a rising input; INT_CLEAR drops the request and the output", () => {
    const t = pic();
    linuxReset(t);
    t.w32(0x60, 1n << 5n);
    t.w32(0x20, ~(1n << 5n) & 0xffff_ffffn);
    t.p.setIrq(5, true);
    t.p.setIrq(5, true); // no new edge
    expect(t.out).toEqual(["5=1", "5=1"]);
    expect(t.p.state().intIrr).toBe(1n << 5n);
    t.w32(0x80, 1n << 5n);
    expect(t.out).toEqual(["5=1", "5=1", "5=0"]);
    expect(t.p.state().intIrr).toBe(0n);
    // still high: a further raise is no edge, so nothing is forwarded
    t.p.setIrq(5, true);
    expect(t.out).toEqual(["5=1", "5=1", "5=0"]);
    // INT_CLEAR of a level pin does nothing
    t.w32(0x80, 1n << 6n);
    expect(t.out.length).toBe(3);
  });

  it("edge pin: as in QEMU 7.2 a falling input withdraws the forwarded request but keeps it latched", () => {
    const t = pic();
    t.w32(0x60, 1n);
    t.w32(0x20, 0xffff_fffen);
    t.p.setIrq(0, true);
    t.p.setIrq(0, false);
    expect(t.out).toEqual(["0=1", "0=0"]);
    expect(t.p.state().intIrr).toBe(1n);
    expect(t.p.state().intIsr).toBe(0n);
  });

  it("unmasking several requested pins forwards only the lowest (QEMU 7.2)", () => {
    const t = pic();
    t.w8(0x203, 7n);
    t.p.setIrq(3, true);
    t.p.setIrq(9, true);
    t.w32(0x20, 0n);
    expect(t.out).toEqual(["7=1"]);
  });

  it("writing INT_ISR replaces it", () => {
    const t = pic();
    t.w32(0x20, 0n);
    t.w32(0x3a0, 0x30n);
    expect(t.r32(0x3a0)).toBe(0x30n);
    expect(t.p.state().intIsr).toBe(0x30n);
  });

  it("property: a level pin's output follows input ∧ unmasked under any order of changes", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom("in", "mask"), fc.boolean()), { maxLength: 40 }),
        (ops) => {
          const t = pic();
          let input = false;
          let masked = true;
          let out = false;
          t.p.connect((v, l) => {
            expect(v).toBe(0);
            out = l;
          });
          for (const [what, v] of ops) {
            if (what === "in") {
              input = v;
              t.p.setIrq(0, v);
            } else {
              masked = v;
              t.w32(0x20, v ? 0xffff_ffffn : 0xffff_fffen);
            }
            expect(out).toBe(input && !masked);
          }
        },
      ),
    );
  });
});
