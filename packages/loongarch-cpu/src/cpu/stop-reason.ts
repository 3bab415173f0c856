/**
 * Why {@link Cpu.run} returned.
 *
 * @module
 */

/**
 * Why {@link Cpu.run} (or {@link Cpu.step}) returned.
 *
 * @example
 * ```ts
 * import { assemble, Cpu, FlatMemory, StopReason } from "@axvisor/loongarch-cpu";
 * const mem = new FlatMemory(0x1000n, 0x1000);
 * mem.write(0x1000n, new Uint8Array(assemble("addi.d $a0, $zero, 5\nbreak 0").buffer));
 * const cpu = new Cpu(mem, { pc: 0x1000n });
 * console.log(cpu.run(100) === StopReason.EXCEPTION, cpu.getReg(4)); // true 5n
 * ```
 */
export const StopReason = {
  /** The instruction budget ran out; the CPU can simply be run again. */
  BUDGET: 0,
  /** An instruction raised an exception; {@link Cpu.exception} describes it and the PC points at it. */
  EXCEPTION: 1,
  /** A load or store hit a device (non-RAM) address; complete it with {@link Cpu.completeMmio}. */
  MMIO: 2,
} as const;

/** One of the {@link StopReason} values. */
export type StopReasonValue = (typeof StopReason)[keyof typeof StopReason];
