/**
 * A short training run executed once per process before the first real run: it drives every fast
 * path of the interpreter's `switch` (and the TLB-miss and page-crossing paths) so V8 optimises the
 * loop with complete type feedback, instead of deoptimising and recompiling the large function each
 * time a guest first uses another instruction. Internal: not re-exported.
 *
 * @module
 */

import { assemble, assembleProgram } from "../isa/assemble.js";
import { INSNS } from "../isa/table.js";
import { FlatMemory } from "./flat-memory.js";
import type { Cpu } from "./interpreter.js";
import type { CpuMemory } from "./memory.js";
import { PagedMemory, Perm } from "./paged-memory.js";

const BASE = 0x10000n;

/** A memory the training can fill: both memories of this package qualify. */
export type TrainingMemory = CpuMemory & { write(addr: bigint, bytes: Uint8Array): void };

function pagedMemory(size: number): PagedMemory {
  const paged = new PagedMemory();
  paged.map(BASE, size, Perm.READ | Perm.WRITE | Perm.EXEC);
  return paged;
}

function memories(size: number): TrainingMemory[] {
  return [new FlatMemory(BASE, size), pagedMemory(size)];
}

// Three more memory classes (each has a map of its own): with five maps behind `cpu.memory`, V8 compiles
// the interpreter's memory accesses as megamorphic. With only this package's two, the first run on
// another memory (a vCPU's guest memory) deoptimises the interpreter at entry, and V8 may then keep
// running it in its slower on-stack-replacement code for the rest of the process.
class TrainingMemoryA extends FlatMemory {}
class TrainingMemoryB extends FlatMemory {}
class TrainingMemoryC extends FlatMemory {}

function otherMemories(size: number): TrainingMemory[] {
  return [new TrainingMemoryA(BASE, size), new TrainingMemoryB(BASE, size), new TrainingMemoryC(BASE, size)];
}

const SOURCE = `
  li.d    $s0, 0x12000
  li.w    $s1, 400
  li.d    $s2, -7
  li.d    $s3, 0x123456789abcdef
  li.d    $s4, 0x12800
  li.w    $s5, 13
  li.w    $s6, 45
  li.w    $s7, 0
loop:
  addi.d  $t0, $s1, 17
  addi.w  $t1, $t0, -5
  or      $t2, $t0, $t1
  ori     $t3, $t2, 0x55
  andi    $t4, $t3, 0xff
  xori    $t5, $t4, 1
  add.d   $t6, $t5, $s3
  sub.d   $t7, $t6, $s2
  add.w   $t8, $t7, $t0
  sub.w   $a0, $t8, $t1
  xor     $a1, $a0, $s3
  and     $a2, $a1, $s3
  nor     $a3, $a2, $a1
  orn     $a4, $a3, $a2
  andn    $a5, $a4, $a3
  maskeqz $a6, $a5, $s1
  masknez $a7, $a5, $zero
  slt     $t0, $a6, $a7
  sltu    $t1, $a6, $a7
  slti    $t2, $a6, -3
  sltui   $t3, $a6, 100
  mul.d   $t4, $s3, $s2
  slli.d  $t5, $t4, 13
  srli.d  $t6, $t5, 40
  srai.d  $t7, $t5, 7
  slli.d  $t5, $t4, 0
  srli.d  $t6, $t5, 0
  srai.d  $t7, $t5, 33
  slli.d  $t5, $t4, 45
  srli.d  $t6, $t5, 12
  srai.d  $t7, $t5, 0
  bstrpick.d $t8, $t4, 47, 3
  bstrpick.d $t8, $t4, 63, 40
  bstrpick.d $t8, $t4, 31, 0
  sll.d   $t5, $t4, $s5
  srl.d   $t6, $t4, $s6
  sra.d   $t7, $t4, $s7
  sll.d   $t5, $t4, $s6
  srl.d   $t6, $t4, $s7
  sra.d   $t7, $t4, $s5
  sll.d   $t5, $t4, $s7
  srl.d   $t6, $t4, $s5
  sra.d   $t7, $t4, $s6
  sll.w   $t5, $t4, $s5
  srl.w   $t6, $t4, $s6
  sra.w   $t7, $t4, $s7
  sll.w   $t5, $t4, $s7
  srl.w   $t6, $t4, $s5
  sra.w   $t7, $t4, $s6
  slli.w  $t5, $t4, 5
  srli.w  $t6, $t4, 7
  srai.w  $t7, $t4, 9
  slli.w  $t5, $t4, 0
  srli.w  $t6, $t4, 0
  srai.w  $t7, $t4, 0
  rotri.w $t5, $t4, 11
  rotri.w $t5, $t4, 0
  ext.w.h $t6, $t4
  ext.w.b $t7, $t4
  alsl.d  $t8, $t4, $s3, 2
  pcalau12i $t5, 1
  pcaddu12i $t6, -1
  lu12i.w $t7, 0x12345
  lu32i.d $t7, 0x12345
  lu52i.d $t7, $t7, 0x123
  dbar    0
  andi    $a0, $s1, 0x3f8
  add.d   $a1, $s0, $a0
  st.d    $t4, $a1, 8
  ld.d    $a2, $a1, 8
  st.w    $t4, $a1, 16
  st.h    $t4, $a1, 20
  st.b    $t4, $a1, 22
  stptr.w $t4, $a1, 24
  stptr.d $t4, $a1, 32
  ld.w    $a3, $a1, 16
  ld.wu   $a3, $a1, 16
  ld.h    $a3, $a1, 20
  ld.hu   $a3, $a1, 20
  ld.b    $a3, $a1, 22
  ld.bu   $a3, $a1, 22
  ldptr.w $a3, $a1, 24
  ldptr.d $a3, $a1, 32
  stx.d   $t4, $s0, $a0
  stx.w   $t4, $s0, $a0
  stx.h   $t4, $s0, $a0
  stx.b   $t4, $s0, $a0
  ldx.d   $a4, $s0, $a0
  ldx.w   $a4, $s0, $a0
  ldx.wu  $a4, $s0, $a0
  ldx.h   $a4, $s0, $a0
  ldx.hu  $a4, $s0, $a0
  ldx.b   $a4, $s0, $a0
  ldx.bu  $a4, $s0, $a0
  ld.d    $a5, $s4, 0x7fc
  st.d    $a5, $s4, 0x7fc
  beq     $a4, $a4, l1
l1:
  beq     $s1, $s2, l1b
l1b:
  bne     $a4, $a4, l2
l2:
  bne     $s1, $s2, l2b
l2b:
  blt     $s2, $s1, l3
l3:
  blt     $s1, $s2, l3b
l3b:
  bge     $s2, $s1, l4
l4:
  bge     $s1, $s2, l4b
l4b:
  bltu    $s2, $s1, l5
l5:
  bltu    $s1, $s2, l5b
l5b:
  bgeu    $s2, $s1, l6
l6:
  bgeu    $s1, $s2, l6b
l6b:
  beqz    $zero, l7
l7:
  beqz    $s1, l7b
l7b:
  bnez    $zero, l8
l8:
  bl      fn
  bl      far
  bl      tail
  b       l9
fn:
  mul.w   $a6, $s1, $s2
  jirl    $zero, $ra, 0
l9:
  addi.d  $s1, $s1, -1
  bnez    $s1, loop
  break   0
`;

// Functions at the end of the first page (running on into the second) and at the start of the second:
// returning from them re-enters the first page through the fetch TLB
const FAR = `
tail:
  addi.w  $s8, $s8, 1
  addi.w  $s8, $s8, 1
far:
  addi.w  $s8, $s8, 1
  jirl    $zero, $ra, 0
`;

/** The training program with FAR's `far` at the start of its second page. */
function trainingWords(): Uint32Array {
  const far = assembleProgram(SOURCE + FAR, { base: BASE }).labels.get("far")!;
  const pad = ".word 0\n".repeat(Number(BASE + 4096n - far) / 4);
  return assemble(SOURCE + pad + FAR, { base: BASE });
}

let done = false;

/**
 * Runs the training program once per process (the first call only).
 *
 * @param make - Builds a CPU for a memory; passed in to avoid an import cycle with the interpreter.
 */
export function warmUp(make: (mem: TrainingMemory, pc: bigint) => Cpu): void {
  if (done) return;
  done = true;
  try {
    // five memory classes, before anything is hot enough to be optimised: V8 then compiles every access
    // to the memory as megamorphic
    for (const mem of [...memories(0x4000), ...otherMemories(0x4000)]) runSoup(make, mem, 1);
    // V8 optimises the interpreter while this runs, from the feedback gathered so far: the loop with its
    // TLB hits comes before the soup's other passes, so that no optimised code lacks them
    runTraining(make, pagedMemory(0x4000));
    for (const mem of memories(0x4000)) runSoup(make, mem);
    // the loop only needs to run each fast path (TLB hits included) a few hundred times
    runTraining(make, pagedMemory(0x4000));
  } catch {
    // training is only an optimisation
  }
}

/**
 * Executes every instruction of the table a few times with random operand fields, once with all
 * registers pointing into RAM (loads and stores hit) and once with random register values (they
 * fault), so that every case and every slow path of the interpreter has run before V8 optimises it.
 *
 * @param make - Builds a CPU for a memory.
 * @param mem - The memory to run in (a 16 KiB RWX region at 0x10000).
 * @param passes - How many of the six passes to run.
 * @returns The number of instructions executed.
 */
export function runSoup(
  make: (mem: TrainingMemory, pc: bigint) => Cpu,
  mem: TrainingMemory,
  passes = 6,
): number {
  const cpu = make(mem, BASE);
  const word = new Uint8Array(8);
  const dv = new DataView(word.buffer);
  let seed = 0x2545f491;
  const rnd = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return seed >>> 0;
  };
  const hook = (_word: number, _op: number): number => 1;
  // six passes: every instruction runs alone and followed by another, with addresses in RAM and with
  // random values (loads and stores fault), with and without a privileged hook
  for (let pass = 0; pass < passes; pass++) {
    // what a vCPU sets: a privileged hook (an arrow function, so the field's type is already general when
    // the vCPU installs its own) and a large counter compensation (rdtime's BigInt path)
    cpu.privileged = pass % 2 === 0 ? undefined : hook;
    cpu.timeCompensation = pass % 4 === 3 ? 1n << 62n : 0n;
    for (let id = 1; id < INSNS.length; id++) {
      const def = INSNS[id]!;
      const w = (def.match | (rnd() & ~def.mask)) >>> 0;
      dv.setUint32(0, w, true);
      dv.setUint32(4, (INSNS[1 + (rnd() % (INSNS.length - 1))]!.match | (rnd() & 0x3ff)) >>> 0, true);
      mem.write(BASE, word);
      // the registers in the rd, rj and rk fields (the others keep what earlier instructions left)
      const inRam = pass % 3 !== 2;
      for (const r of [w & 31, (w >>> 5) & 31, (w >>> 10) & 31]) {
        cpu.regs[2 * r] = inRam ? 0x12000 + ((rnd() & 0xff) << 3) : rnd() | 0;
        cpu.regs[2 * r + 1] = inRam ? 0 : rnd() & 1 ? -1 : 0;
      }
      cpu.flushTlb();
      cpu.pc = BASE;
      cpu.run(pass % 2 ? 2 : 1);
    }
    // a fetch from an unmapped page (its fault path)
    cpu.pc = BASE + 0x100000n;
    cpu.run(1);
  }
  return cpu.instructionCount;
}

/**
 * Runs the training program to its final `break` and returns the CPU (exported for tests).
 *
 * @param make - Builds a CPU for a memory.
 * @param mem - The memory to run in (a 16 KiB RWX region at 0x10000).
 * @returns The CPU after the run.
 */
export function runTraining(make: (mem: TrainingMemory, pc: bigint) => Cpu, mem: TrainingMemory): Cpu {
  const words = trainingWords();
  mem.write(BASE, new Uint8Array(words.buffer, words.byteOffset, words.byteLength));
  const cpu = make(mem, BASE);
  for (let i = 0; i < 60 && cpu.run(10_000) === 0; i++);
  return cpu;
}
