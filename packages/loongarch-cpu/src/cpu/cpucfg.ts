/**
 * CPUCFG words reported by `cpucfg`: those of QEMU's `la464` CPU model (qemu-loongarch64 7.2), except
 * CPUCFG6, which advertises the performance monitors this package implements.
 *
 * @module
 */

/**
 * CPUCFG6 (performance monitors): PMP = 1, PMVER = 1, PMNUM = 3 (four monitors), PMBITS = 63 (64-bit
 * counters), UPM = 1 (MISC.RPCNTL lets user mode read them), the values of the 3A5000 (la464); QEMU 7.2
 * reports 0 because it has no monitors.
 */
const CPUCFG6 = 0x1 | (1 << 1) | (3 << 4) | (63 << 8) | (1 << 14);

const WORDS: readonly number[] = [
  0x0014c010,
  0x03f2f2fe,
  0x0040c00f,
  0,
  0x05f5e100,
  0x00010001,
  CPUCFG6,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0x00002c3d,
  0x06080003,
  0x06080003,
  0x0608000f,
  0x060e000f,
];

/**
 * The CPUCFG word `index` of the emulated CPU (QEMU la464: LA64, 48-bit VA/PA, UAL, 100 MHz stable counter).
 *
 * @param index - The word number (the value of `rj`); out-of-range numbers read 0.
 * @returns The 32-bit configuration word.
 *
 * @example
 * ```ts
 * import { cpucfgWord } from "@axvisor/loongarch-cpu";
 * console.log(cpucfgWord(1).toString(16)); // "3f2f2fe"
 * ```
 */
export function cpucfgWord(index: number): number {
  return WORDS[index] ?? 0;
}
