// A tour of @axvisor/loongarch-cpu: assemble a block, run it on the interpreter, print the registers
// and the disassembly with the instruction count; show a precise exception; then run a static C
// program the way the `la64-user` bin does.
// Run it with `pnpm --filter @axvisor/example-loongarch-cpu start`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  assemble,
  Cpu,
  disassemble,
  ecodeName,
  FlatMemory,
  GPR_NAMES,
  LinuxUser,
  StopReason,
} from "@axvisor/loongarch-cpu";

const BASE = 0x1_2000_0000n;
const hex = (v: bigint) => `0x${v.toString(16).padStart(16, "0")}`;

// 1. A block: 64-bit arithmetic, a loop, a call, and a 128-bit product.
const source = `
  li.d     $a0, 0x123456789abcdef0
  li.w     $a1, 10
  move     $a2, $zero
loop:
  add.d    $a2, $a2, $a1
  addi.d   $a1, $a1, -1
  bnez     $a1, loop
  bl       square
  mulh.du  $a4, $a0, $a0
  mul.d    $a5, $a0, $a0
  bstrpick.d $a6, $a0, 47, 16
  break    0
square:
  mul.d    $a3, $a2, $a2
  ret
`;
const words = assemble(source, { base: BASE });
const mem = new FlatMemory(BASE, 0x1000);
mem.write(BASE, new Uint8Array(words.buffer, words.byteOffset, words.byteLength));
const cpu = new Cpu(mem, { pc: BASE });
const stop = cpu.run(1000);

console.log("== disassembly ==");
words.forEach((w, i) => {
  const pc = BASE + BigInt(4 * i);
  console.log(`  ${pc.toString(16)}:  ${w.toString(16).padStart(8, "0")}  ${disassemble(w, pc)}`);
});
console.log(
  `\n== stopped: ${stop === StopReason.EXCEPTION ? ecodeName(cpu.exception!.ecode) : stop} at ${hex(cpu.pc)} after ${cpu.instructionCount} instructions ==`,
);
for (let r = 0; r < 32; r += 2) {
  const a = `${GPR_NAMES[r]}`.padStart(5);
  const b = `${GPR_NAMES[r + 1]}`.padStart(5);
  console.log(`  ${a} ${hex(cpu.getReg(r))}   ${b} ${hex(cpu.getReg(r + 1))}`);
}

// 2. Precise exceptions: a load from an unmapped address stops at the faulting instruction.
const bad = assemble("li.d $t0, 0x900000\nld.w $t1, $t0, 8", { base: BASE });
mem.write(BASE, new Uint8Array(bad.buffer));
const cpu2 = new Cpu(mem, { pc: BASE });
cpu2.run(10);
const e = cpu2.exception!;
console.log(
  `\n== exception: ${ecodeName(e.ecode)} at ${hex(e.pc)} (${disassemble(e.insn)}), badv ${hex(e.badv)} ==`,
);

// 3. A whole static C program, as `la64-user guests/elf/bignum.elf` runs it.
const elfPath = join(import.meta.dirname, "../../../packages/loongarch-cpu/guests/elf/bignum.elf");
const out: Uint8Array[] = [];
const proc = LinuxUser.load(new Uint8Array(readFileSync(elfPath)), {
  argv: ["bignum.elf"],
  io: { stdout: (b) => out.push(b.slice()), stderr: (b) => process.stderr.write(b) },
});
const t0 = performance.now();
const result = proc.run();
const ms = performance.now() - t0;
const text = Buffer.concat(out).toString();
console.log(
  `\n== bignum.elf: exit ${result.exitCode}, ${result.instructions} instructions in ${ms.toFixed(0)} ms ==`,
);
for (const line of text.split("\n").filter(Boolean))
  console.log(`  ${line.length > 100 ? `${line.slice(0, 97)}...` : line}`);
