/**
 * CPUCFG words reported by `cpucfg`: those of QEMU's `la464` CPU model (qemu-loongarch64 7.2).
 *
 * @module
 */

const WORDS: readonly number[] = [
  0x0014c010, 0x03f2f2fe, 0x0040c00f, 0, 0x05f5e100, 0x00010001, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00002c3d,
  0x06080003, 0x06080003, 0x0608000f, 0x060e000f,
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
