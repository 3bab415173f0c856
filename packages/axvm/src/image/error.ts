import { AxError } from "@axvisor/axaddrspace";

/**
 * A guest image that cannot be loaded: truncated, not ELF64 little-endian, for another machine,
 * malformed program headers, or a segment outside guest memory. An `AxError` with code
 * `InvalidData` (bad bytes) or `BadAddress` (no guest memory there), whose message names the image
 * and the field, e.g. `kernel.elf: e_machine: expected 258 (LoongArch), got 62 (x86-64)`.
 * Nothing has been written to guest memory when it is thrown.
 *
 * @example
 * ```ts
 * import { ImageLoadError, parseElf64 } from "@axvisor/axvm";
 * try {
 *   parseElf64(new Uint8Array(10), { name: "short.elf" });
 * } catch (e) {
 *   if (e instanceof ImageLoadError) console.log(e.image, e.field); // short.elf e_ident
 * }
 * ```
 */
export class ImageLoadError extends AxError {
  /** The image name given by the caller (usually its file name). */
  readonly image: string;
  /** The offending field, e.g. `e_machine`, `program header 2 (p_offset)`. */
  readonly field: string;

  /**
   * Creates the error.
   *
   * @param code - `InvalidData` or `BadAddress`.
   * @param image - the image name.
   * @param field - the offending field.
   * @param detail - what was expected and found.
   */
  constructor(code: "InvalidData" | "BadAddress", image: string, field: string, detail: string) {
    super(code, `${image}: ${field}: ${detail}`);
    this.name = "ImageLoadError";
    this.image = image;
    this.field = field;
  }
}
