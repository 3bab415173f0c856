import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LoongArchVirtIocsr } from "../../src/index.js";

/** A bus with cores 0..n-1 attached, recording each core's IPI line. */
function board(n = 2) {
  const io = new LoongArchVirtIocsr();
  const lines: boolean[] = Array(n).fill(false);
  const events: string[] = [];
  for (let i = 0; i < n; i++) {
    io.attach(i, (line, level) => {
      expect(line).toBe(12);
      lines[i] = level;
      events.push(`${i}:${level ? "up" : "down"}`);
    });
  }
  return { io, lines, events };
}

describe("LoongArchVirtIocsr misc registers", () => {
  it("reads QEMU 7.2 virt's VERSION, FEATURE, VENDOR, CPUNAME and MISC_FUNC, also in narrower widths", () => {
    const { io } = board(1);
    expect(io.read(0, 0x0n, 8)).toBe(0n);
    expect(io.read(0, 0x8n, 8)).toBe(0x1cn);
    expect(io.read(0, 0x10n, 8)).toBe(0x6e6f_7367_6e6f_6f4cn);
    expect(io.read(0, 0x20n, 8)).toBe(0x3030_3035_4133n);
    expect(io.read(0, 0x420n, 8)).toBe(1n << 48n);
    expect(io.read(0, 0x10n, 1)).toBe(0x4cn); // "L"
    expect(io.read(0, 0x14n, 4)).toBe(0x6e6f_7367n);
    expect(io.read(0, 0x426n, 2)).toBe(1n);
    expect(io.read(0, 0x18n, 8)).toBe(0n);
  });

  it("ignores writes to the misc registers and to unmodelled EXTIOI addresses, which read 0", () => {
    const { io } = board(1);
    expect(io.write(0, 0x420n, 8, 0n)).toBe(true);
    expect(io.read(0, 0x420n, 8)).toBe(1n << 48n);
    expect(io.write(0, 0x1420n, 8, 5n)).toBe(true);
    expect(io.read(0, 0x1420n, 8)).toBe(0n);
  });

  it("claims nothing outside its ranges", () => {
    const { io } = board(1);
    for (const a of [0x428n, 0x1048n + 8n, 0x1d00n, 0x9000n, -1n, 1n << 40n]) {
      expect(io.read(0, a, 4)).toBeUndefined();
      expect(io.write(0, a, 4, 1n)).toBe(false);
    }
  });
});

describe("LoongArchVirtIocsr IPI block", () => {
  it("raises a core's line while status & enable is non-zero; set and clear change status", () => {
    const { io, lines, events } = board();
    io.write(0, 0x1008n, 4, 0b101n);
    expect(lines[0]).toBe(false); // not enabled yet
    expect(io.read(0, 0x1000n, 4)).toBe(5n);
    io.write(0, 0x1004n, 4, 0xffff_ffffn);
    expect(lines[0]).toBe(true); // enabling a pending IPI raises the line
    io.write(0, 0x100cn, 4, 1n);
    expect(lines[0]).toBe(true);
    io.write(0, 0x100cn, 4, 4n);
    expect(lines[0]).toBe(false);
    expect(events).toEqual(["0:up", "0:down"]);
    expect(io.ipiState(0)).toEqual({ status: 0, enable: 0xffff_ffff });
    expect(lines[1]).toBe(false);
  });

  it("splits 64-bit accesses over the 32-bit registers; status is read-only", () => {
    const { io } = board(1);
    io.write(0, 0x1000n, 8, (3n << 32n) | 0xffn);
    expect(io.ipiState(0)).toEqual({ status: 0, enable: 3 });
    io.write(0, 0x1008n, 8, (1n << 32n) | 6n); // set 6, then clear 1 (nothing)
    expect(io.read(0, 0x1000n, 8)).toBe((3n << 32n) | 6n);
    expect(io.read(0, 0x1008n, 8)).toBe(0n);
  });

  it("keeps four 64-bit mailboxes per core, byte addressable", () => {
    const { io } = board();
    io.write(0, 0x1020n, 8, 0x1122_3344_5566_7788n);
    expect(io.read(0, 0x1020n, 8)).toBe(0x1122_3344_5566_7788n);
    expect(io.read(0, 0x1024n, 4)).toBe(0x1122_3344n);
    io.write(0, 0x1039n, 1, 0xabn);
    expect(io.read(0, 0x1038n, 8)).toBe(0xab00n);
    expect(io.read(1, 0x1020n, 8)).toBe(0n);
  });

  it("IPI send (0x1040) sets bit [4:0] of the status of core [25:16]", () => {
    const { io, lines } = board();
    io.write(1, 0x1004n, 4, 0xffff_ffffn);
    io.write(0, 0x1040n, 4, (1n << 16n) | 3n);
    expect(io.ipiState(1).status).toBe(8);
    expect(lines).toEqual([false, true]);
    io.write(0, 0x1040n, 4, (9n << 16n) | 3n); // no core 9: ignored
    expect(io.ipiState(0).status).toBe(0);
  });

  it("mail send (0x1048) writes 32 bits into the target's mailbox word [4:2], skipping masked bytes", () => {
    const { io } = board();
    io.write(0, 0x1048n, 8, (0xaabb_ccddn << 32n) | (1n << 16n) | (2n << 2n));
    expect(io.read(1, 0x1028n, 8)).toBe(0xaabb_ccddn);
    io.write(0, 0x1048n, 8, (0x1122_3344n << 32n) | (0x3n << 27n) | (1n << 16n) | (2n << 2n));
    expect(io.read(1, 0x1028n, 4)).toBe(0x1122_ccddn);
    expect(io.read(0, 0x1028n, 8)).toBe(0n);
  });

  it("any send (0x1158) writes 32 bits at the target's IOCSR offset [15:0] with a byte mask", () => {
    const { io, lines } = board();
    io.write(0, 0x1158n, 8, (0x1234_5678n << 32n) | (1n << 16n) | 0x1030n);
    io.write(0, 0x1158n, 8, (0x9abc_def0n << 32n) | (0x3n << 27n) | (1n << 16n) | 0x1030n);
    expect(io.read(1, 0x1030n, 4)).toBe(0x9abc_5678n);
    // into the enable and set registers: the target's line goes up
    io.write(0, 0x1158n, 8, (0xffff_ffffn << 32n) | (1n << 16n) | 0x1004n);
    io.write(0, 0x1158n, 8, (0x10n << 32n) | (1n << 16n) | 0x1008n);
    expect(io.ipiState(1)).toEqual({ status: 0x10, enable: 0xffff_ffff });
    expect(lines[1]).toBe(true);
    // narrower sends are ignored; the send registers read 0
    expect(io.write(0, 0x1158n, 4, 0x1008n)).toBe(true);
    expect(io.read(0, 0x1158n, 8)).toBe(0n);
  });

  it("property: the line always equals (status & enable) != 0, and only changes are reported", () => {
    const op = fc.record({
      reg: fc.constantFrom(0x1004n, 0x1008n, 0x100cn),
      value: fc.bigInt({ min: 0n, max: 0xffff_ffffn }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const { io, lines, events } = board(1);
        for (const { reg, value } of ops) {
          io.write(0, reg, 4, value);
          const s = io.ipiState(0);
          expect(lines[0]).toBe((s.status & s.enable) !== 0);
        }
        for (let i = 1; i < events.length; i++) expect(events[i]).not.toBe(events[i - 1]);
      }),
    );
  });
});

describe("LoongArchVirtIocsr documentation example", () => {
  it("boots core 1 through its mailbox as the class example shows", () => {
    const iocsr = new LoongArchVirtIocsr();
    const log: string[] = [];
    iocsr.attach(1, (line, level) => log.push(`core 1 line ${line}: ${level}`));
    iocsr.write(1, 0x1004n, 4, 0xffff_ffffn);
    iocsr.write(0, 0x1048n, 8, (0x200000n << 32n) | (1n << 16n));
    iocsr.write(0, 0x1040n, 4, (1n << 16n) | 0n);
    expect(log).toEqual(["core 1 line 12: true"]);
    expect(iocsr.read(1, 0x1020n, 8)!.toString(16)).toBe("200000");
  });
});
