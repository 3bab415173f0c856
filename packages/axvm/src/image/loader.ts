import { utf8Encode } from "../internal/utf8.js";
import { type ElfSegment, isElf, parseElf64 } from "./elf.js";
import { ImageLoadError } from "./error.js";

/**
 * Where images are loaded: guest physical memory, seen through three operations. `AxVM`
 * implements it; tests and tools may pass a plain buffer-backed fake.
 *
 * @example
 * ```ts
 * import type { GuestImageTarget } from "@axvisor/axvm";
 * const ram = new Uint8Array(0x10000);
 * const target: GuestImageTarget = {
 *   prepareGuestRange: (gpa, len) => gpa + len <= BigInt(ram.length),
 *   writeGuest: (gpa, bytes) => ram.set(bytes, Number(gpa)),
 *   fillGuest: (gpa, len, value) => ram.fill(value, Number(gpa), Number(gpa + len)),
 * };
 * ```
 */
export interface GuestImageTarget {
  /**
   * Makes `[gpa, gpa + len)` writable guest memory (faulting in lazy pages) without writing data.
   *
   * @param gpa - guest physical start.
   * @param len - length in bytes.
   * @returns `false` when part of the range is not guest memory.
   */
  prepareGuestRange(gpa: bigint, len: bigint): boolean;
  /**
   * Copies bytes into guest memory (the range was prepared).
   *
   * @param gpa - guest physical start.
   * @param bytes - the data.
   */
  writeGuest(gpa: bigint, bytes: Uint8Array): void;
  /**
   * Fills guest memory with a byte value (the range was prepared).
   *
   * @param gpa - guest physical start.
   * @param len - length in bytes.
   * @param value - the byte.
   */
  fillGuest(gpa: bigint, len: bigint, value: number): void;
}

/** One range written by a loader. */
export interface LoadedRange {
  /** Guest physical start. */
  readonly gpa: bigint;
  /** Bytes copied from the image. */
  readonly fileSize: bigint;
  /** Bytes occupied in memory (file bytes plus zero fill). */
  readonly memSize: bigint;
}

/** What a loader did. */
export interface LoadedImage {
  /** `"elf"` or `"raw"`. */
  readonly format: "elf" | "raw";
  /** Entry point: ELF `e_entry` (unmasked, as QEMU sets the PC), or the raw load address. */
  readonly entry: bigint;
  /** The ranges written, in order. */
  readonly ranges: readonly LoadedRange[];
}

/** Options of {@link loadElfImage} and {@link loadKernelImage}. */
export interface LoadImageOptions {
  /** Image name for error messages (usually the file name); default `"image"`. */
  readonly name?: string;
  /** Required ELF `e_machine`; any when absent. */
  readonly machine?: number;
  /**
   * Mask applied to each segment's `p_paddr`, as QEMU's `-kernel` does: QEMU 7.2 LoongArch `virt`
   * loads at `paddr & 0x1fffffff` ({@link QEMU_LOONGARCH_PADDR_MASK}). No masking when absent.
   */
  readonly paddrMask?: bigint;
}

/** The physical-address mask QEMU 7.2's LoongArch `virt` applies to ELF segments loaded by `-kernel`. */
export const QEMU_LOONGARCH_PADDR_MASK = 0x1fff_ffffn;

/**
 * Loads an ELF64 image: validates the whole file and prepares every target range first, then copies
 * each `PT_LOAD` segment to `p_paddr` (masked) and zero-fills `p_memsz - p_filesz`.
 *
 * @param target - guest memory.
 * @param bytes - the ELF file.
 * @param options - name, machine, physical-address mask.
 * @returns the entry point and the ranges written.
 * @throws {ImageLoadError} `InvalidData` for a bad file, `BadAddress` when a segment is not in guest
 *   memory; nothing has been written in either case.
 * @example
 * ```ts
 * import { EM_LOONGARCH, loadElfImage, QEMU_LOONGARCH_PADDR_MASK, type GuestImageTarget } from "@axvisor/axvm";
 * declare const vmMemory: GuestImageTarget;
 * declare const elf: Uint8Array;
 * const { entry } = loadElfImage(vmMemory, elf, { name: "hello.elf", machine: EM_LOONGARCH, paddrMask: QEMU_LOONGARCH_PADDR_MASK });
 * ```
 */
export function loadElfImage(
  target: GuestImageTarget,
  bytes: Uint8Array,
  options: LoadImageOptions = {},
): LoadedImage {
  const name = options.name ?? "image";
  const elf = parseElf64(
    bytes,
    options.machine === undefined ? { name } : { name, machine: options.machine },
  );
  const place = (s: ElfSegment): bigint =>
    options.paddrMask === undefined ? s.paddr : s.paddr & options.paddrMask;
  const loads = elf.segments.filter((s) => s.memsz > 0n);
  for (const s of loads) {
    const gpa = place(s);
    if (!target.prepareGuestRange(gpa, s.memsz)) {
      throw new ImageLoadError(
        "BadAddress",
        name,
        `program header ${s.index} (p_paddr)`,
        `segment [0x${gpa.toString(16)}, 0x${(gpa + s.memsz).toString(16)}) is not in guest memory`,
      );
    }
  }
  const ranges: LoadedRange[] = [];
  for (const s of loads) {
    const gpa = place(s);
    if (s.filesz > 0n) target.writeGuest(gpa, s.data);
    if (s.memsz > s.filesz) target.fillGuest(gpa + s.filesz, s.memsz - s.filesz, 0);
    ranges.push({ gpa, fileSize: s.filesz, memSize: s.memsz });
  }
  return { format: "elf", entry: elf.entry, ranges };
}

/**
 * Loads a raw binary at `loadAddr` (the config's `kernel_load_addr`).
 *
 * @param target - guest memory.
 * @param bytes - the image.
 * @param loadAddr - guest physical load address.
 * @param options - `name` for error messages.
 * @returns entry = `loadAddr` and the range written.
 * @throws {ImageLoadError} `BadAddress` when the range is not guest memory (nothing written).
 * @example
 * ```ts
 * import { loadRawImage, type GuestImageTarget } from "@axvisor/axvm";
 * declare const vmMemory: GuestImageTarget;
 * loadRawImage(vmMemory, new Uint8Array([0x00, 0x00, 0x40, 0x03]), 0x200000n, { name: "nop.bin" });
 * ```
 */
export function loadRawImage(
  target: GuestImageTarget,
  bytes: Uint8Array,
  loadAddr: bigint,
  options: { readonly name?: string } = {},
): LoadedImage {
  const name = options.name ?? "image";
  const len = BigInt(bytes.length);
  if (len > 0n && !target.prepareGuestRange(loadAddr, len)) {
    throw new ImageLoadError(
      "BadAddress",
      name,
      "load address",
      `[0x${loadAddr.toString(16)}, 0x${(loadAddr + len).toString(16)}) is not in guest memory`,
    );
  }
  if (len > 0n) target.writeGuest(loadAddr, bytes);
  return { format: "raw", entry: loadAddr, ranges: [{ gpa: loadAddr, fileSize: len, memSize: len }] };
}

/**
 * Writes a kernel command line into guest memory, UTF-8 and NUL-terminated, where the boot protocol
 * says the kernel reads it (the VMM then passes `gpa` in the register the protocol names).
 *
 * @param target - guest memory.
 * @param cmdline - the command line.
 * @param gpa - guest physical address of the string.
 * @param options - `maxBytes`: the most the kernel reads, NUL included; `avoid`: ranges already loaded
 *   (the kernel, a device tree, a ramdisk) that the string must not overwrite.
 * @returns the range written.
 * @throws {ImageLoadError} `InvalidData` when the string is too long, `BadAddress` when the range is not
 *   guest memory or overlaps one of `avoid` (nothing written).
 * @example
 * ```ts
 * import { loadCmdline, type GuestImageTarget } from "@axvisor/axvm";
 * declare const vmMemory: GuestImageTarget;
 * loadCmdline(vmMemory, "console=ttyS0 loglevel=4", 0x100000n, { maxBytes: 4096 });
 * ```
 */
export function loadCmdline(
  target: GuestImageTarget,
  cmdline: string,
  gpa: bigint,
  options: { readonly maxBytes: number; readonly avoid?: readonly LoadedRange[] },
): LoadedRange {
  const bytes = utf8Encode(`${cmdline}\0`);
  if (bytes.length > options.maxBytes) {
    throw new ImageLoadError(
      "InvalidData",
      "cmdline",
      "length",
      `${bytes.length - 1} bytes; the kernel reads at most ${options.maxBytes - 1}`,
    );
  }
  const end = gpa + BigInt(bytes.length);
  for (const r of options.avoid ?? []) {
    if (gpa < r.gpa + r.memSize && r.gpa < end) {
      throw new ImageLoadError(
        "BadAddress",
        "cmdline",
        "address",
        `[0x${gpa.toString(16)}, 0x${end.toString(16)}) overlaps a loaded image at [0x${r.gpa.toString(16)}, 0x${(r.gpa + r.memSize).toString(16)})`,
      );
    }
  }
  loadRawImage(target, bytes, gpa, { name: "cmdline" });
  return { gpa, fileSize: BigInt(bytes.length), memSize: BigInt(bytes.length) };
}

/**
 * Loads a kernel the way QEMU's `-kernel` does: an ELF (by its magic) goes through
 * {@link loadElfImage}, anything else is a raw binary at `loadAddr`.
 *
 * @param target - guest memory.
 * @param bytes - the image.
 * @param loadAddr - load address for raw binaries.
 * @param options - name, machine, physical-address mask (ELF only).
 * @returns what was loaded and the entry point.
 * @throws {ImageLoadError} as the two loaders do.
 * @example
 * ```ts
 * import { loadKernelImage, type GuestImageTarget } from "@axvisor/axvm";
 * declare const vmMemory: GuestImageTarget;
 * declare const kernel: Uint8Array;
 * const loaded = loadKernelImage(vmMemory, kernel, 0x200000n, { name: "kernel" });
 * console.log(loaded.format, loaded.entry);
 * ```
 */
export function loadKernelImage(
  target: GuestImageTarget,
  bytes: Uint8Array,
  loadAddr: bigint,
  options: LoadImageOptions = {},
): LoadedImage {
  if (isElf(bytes)) return loadElfImage(target, bytes, options);
  return loadRawImage(target, bytes, loadAddr, options.name === undefined ? {} : { name: options.name });
}
