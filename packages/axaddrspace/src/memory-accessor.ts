import type { GuestPhysAddr, HostPhysAddr } from "./addr.js";
import { AxError } from "./error.js";

/**
 * What a {@link GuestMemoryAccessor} needs to find guest memory (the one required method of Rust's
 * `GuestMemoryAccessor` trait). {@link AddrSpace} implements it.
 *
 * @example
 * ```ts
 * import { GuestPhysAddr, HostPhysAddr, type GuestMemoryTranslator } from "@axvisor/axaddrspace";
 * // Guest physical 0x8000_0000.. lives at host physical 0x1000.., 64 KiB of it.
 * const t: GuestMemoryTranslator = {
 *   translateAndGetLimit: (gpa) => gpa.value >= 0x8000_0000n && gpa.value < 0x8001_0000n
 *     ? [HostPhysAddr.from(gpa.value - 0x8000_0000n + 0x1000n), 0x10000n] : undefined,
 * };
 * ```
 */
export interface GuestMemoryTranslator {
  /**
   * Translates `gpa` and reports how far the containing region extends.
   *
   * @param gpa - The guest physical address.
   * @returns `[hpa, limit]` or `undefined` when not translatable.
   */
  translateAndGetLimit(gpa: GuestPhysAddr): [HostPhysAddr, bigint] | undefined;
}

/**
 * Typed reads and writes of guest physical memory (Rust `axaddrspace::GuestMemoryAccessor`'s
 * provided methods), little-endian, correct across page boundaries: every access is cut at 4 KiB
 * boundaries and each piece translated separately (Rust copies physically contiguous bytes, which is
 * wrong for frames that are not contiguous). An untranslatable byte throws
 * `AxError("InvalidInput")`, as Rust returns it; nothing is written in that case for typed writes.
 *
 * @example
 * ```ts
 * import { AddrSpace, GuestMemoryAccessor, GuestPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
 * const hpm = new HostPhysMemory();
 * const as = AddrSpace.newEmpty({ levels: 3, base: GuestPhysAddr.from(0), size: 0x10_0000, hal: hpm, arch: "riscv64" });
 * as.mapAlloc(GuestPhysAddr.from(0), 0x2000, MappingFlags.READ | MappingFlags.WRITE, true);
 * const mem = new GuestMemoryAccessor(as, hpm);
 * mem.writeU64(GuestPhysAddr.from(0xffc), 0x1122_3344_5566_7788n); // crosses a page boundary
 * console.log(mem.readU32(GuestPhysAddr.from(0x1000)).toString(16)); // "11223344"
 * ```
 */
export class GuestMemoryAccessor {
  readonly #translator: GuestMemoryTranslator;
  readonly #memory: { dataView(): DataView };
  readonly #scratch: Uint8Array = new Uint8Array(8);
  readonly #scratchView: DataView = new DataView(this.#scratch.buffer);

  /**
   * Creates an accessor.
   *
   * @param translator - Translates guest physical to host physical addresses.
   * @param memory - Host memory, viewed by host physical address (e.g. a {@link HostPhysMemory}).
   */
  constructor(translator: GuestMemoryTranslator, memory: { dataView(): DataView }) {
    this.#translator = translator;
    this.#memory = memory;
  }

  /**
   * Reads a byte.
   *
   * @param gpa - The address.
   * @returns The value.
   * @throws {AxError} `InvalidInput` when not translatable.
   *
   * @example
   * ```ts
   * import { GuestMemoryAccessor, GuestPhysAddr, HostPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const ram = hpm.allocFrames(2)!; // guest 0x8000_0000.. → these two frames
   * const mem = new GuestMemoryAccessor({ translateAndGetLimit: (g) => g.value >= 0x8000_0000n && g.value < 0x8000_2000n ? [HostPhysAddr.from(ram.value + g.value - 0x8000_0000n), 0x2000n] : undefined }, hpm);
   * const at = GuestPhysAddr.from(0x8000_0ffen);
   * mem.writeU8(at, 0x1ff);
   * console.log(mem.readU8(at)); // 255
   * ```
   */
  readU8(gpa: GuestPhysAddr): number {
    this.#read(gpa, 1);
    return this.#scratch[0]!;
  }

  /**
   * Reads a little-endian u16.
   *
   * @param gpa - The address.
   * @returns The value.
   * @throws {AxError} `InvalidInput` when not translatable.
   *
   * @example
   * ```ts
   * import { GuestMemoryAccessor, GuestPhysAddr, HostPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const ram = hpm.allocFrames(2)!; // guest 0x8000_0000.. → these two frames
   * const mem = new GuestMemoryAccessor({ translateAndGetLimit: (g) => g.value >= 0x8000_0000n && g.value < 0x8000_2000n ? [HostPhysAddr.from(ram.value + g.value - 0x8000_0000n), 0x2000n] : undefined }, hpm);
   * const at = GuestPhysAddr.from(0x8000_0ffen);
   * mem.writeU16(at, 0xbeef);
   * console.log(mem.readU16(at).toString(16)); // beef
   * ```
   */
  readU16(gpa: GuestPhysAddr): number {
    this.#read(gpa, 2);
    return this.#scratchView.getUint16(0, true);
  }

  /**
   * Reads a little-endian u32.
   *
   * @param gpa - The address.
   * @returns The value.
   * @throws {AxError} `InvalidInput` when not translatable.
   *
   * @example
   * ```ts
   * import { GuestMemoryAccessor, GuestPhysAddr, HostPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const ram = hpm.allocFrames(2)!; // guest 0x8000_0000.. → these two frames
   * const mem = new GuestMemoryAccessor({ translateAndGetLimit: (g) => g.value >= 0x8000_0000n && g.value < 0x8000_2000n ? [HostPhysAddr.from(ram.value + g.value - 0x8000_0000n), 0x2000n] : undefined }, hpm);
   * const at = GuestPhysAddr.from(0x8000_0ffen);
   * mem.writeU32(at, 0xdeadbeef); // crosses into the second page
   * console.log(mem.readU32(at).toString(16)); // deadbeef
   * ```
   */
  readU32(gpa: GuestPhysAddr): number {
    this.#read(gpa, 4);
    return this.#scratchView.getUint32(0, true);
  }

  /**
   * Reads a little-endian u64.
   *
   * @param gpa - The address.
   * @returns The value.
   * @throws {AxError} `InvalidInput` when not translatable.
   *
   * @example
   * ```ts
   * import { GuestMemoryAccessor, GuestPhysAddr, HostPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const ram = hpm.allocFrames(2)!; // guest 0x8000_0000.. → these two frames
   * const mem = new GuestMemoryAccessor({ translateAndGetLimit: (g) => g.value >= 0x8000_0000n && g.value < 0x8000_2000n ? [HostPhysAddr.from(ram.value + g.value - 0x8000_0000n), 0x2000n] : undefined }, hpm);
   * const at = GuestPhysAddr.from(0x8000_0ffen);
   * mem.writeU64(at, 0x0123_4567_89ab_cdefn);
   * console.log(mem.readU64(at).toString(16)); // 123456789abcdef
   * ```
   */
  readU64(gpa: GuestPhysAddr): bigint {
    this.#read(gpa, 8);
    return this.#scratchView.getBigUint64(0, true);
  }

  /**
   * Writes a byte.
   *
   * @param gpa - The address.
   * @param value - The value (taken mod 2^8).
   * @throws {AxError} `InvalidInput` when not translatable.
   *
   * @example
   * ```ts
   * import { GuestMemoryAccessor, GuestPhysAddr, HostPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const ram = hpm.allocFrames(2)!; // guest 0x8000_0000.. → these two frames
   * const mem = new GuestMemoryAccessor({ translateAndGetLimit: (g) => g.value >= 0x8000_0000n && g.value < 0x8000_2000n ? [HostPhysAddr.from(ram.value + g.value - 0x8000_0000n), 0x2000n] : undefined }, hpm);
   * const at = GuestPhysAddr.from(0x8000_0ffen);
   * mem.writeU8(at, 0x42);
   * console.log(mem.readU8(at)); // 66
   * ```
   */
  writeU8(gpa: GuestPhysAddr, value: number): void {
    this.#scratchView.setUint8(0, value);
    this.#write(gpa, 1);
  }

  /**
   * Writes a little-endian u16.
   *
   * @param gpa - The address.
   * @param value - The value (taken mod 2^16).
   * @throws {AxError} `InvalidInput` when not translatable.
   *
   * @example
   * ```ts
   * import { GuestMemoryAccessor, GuestPhysAddr, HostPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const ram = hpm.allocFrames(2)!; // guest 0x8000_0000.. → these two frames
   * const mem = new GuestMemoryAccessor({ translateAndGetLimit: (g) => g.value >= 0x8000_0000n && g.value < 0x8000_2000n ? [HostPhysAddr.from(ram.value + g.value - 0x8000_0000n), 0x2000n] : undefined }, hpm);
   * const at = GuestPhysAddr.from(0x8000_0ffen);
   * mem.writeU16(at, 0x1234);
   * console.log(mem.readU8(at).toString(16)); // 34
   * ```
   */
  writeU16(gpa: GuestPhysAddr, value: number): void {
    this.#scratchView.setUint16(0, value, true);
    this.#write(gpa, 2);
  }

  /**
   * Writes a little-endian u32.
   *
   * @param gpa - The address.
   * @param value - The value (taken mod 2^32).
   * @throws {AxError} `InvalidInput` when not translatable.
   *
   * @example
   * ```ts
   * import { GuestMemoryAccessor, GuestPhysAddr, HostPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const ram = hpm.allocFrames(2)!; // guest 0x8000_0000.. → these two frames
   * const mem = new GuestMemoryAccessor({ translateAndGetLimit: (g) => g.value >= 0x8000_0000n && g.value < 0x8000_2000n ? [HostPhysAddr.from(ram.value + g.value - 0x8000_0000n), 0x2000n] : undefined }, hpm);
   * const at = GuestPhysAddr.from(0x8000_0ffen);
   * mem.writeU32(at, 0x1122_3344);
   * console.log(mem.readU16(at.add(2)).toString(16)); // 1122
   * ```
   */
  writeU32(gpa: GuestPhysAddr, value: number): void {
    this.#scratchView.setUint32(0, value, true);
    this.#write(gpa, 4);
  }

  /**
   * Writes a little-endian u64.
   *
   * @param gpa - The address.
   * @param value - The value (taken mod 2^64).
   * @throws {AxError} `InvalidInput` when not translatable.
   *
   * @example
   * ```ts
   * import { GuestMemoryAccessor, GuestPhysAddr, HostPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const ram = hpm.allocFrames(2)!; // guest 0x8000_0000.. → these two frames
   * const mem = new GuestMemoryAccessor({ translateAndGetLimit: (g) => g.value >= 0x8000_0000n && g.value < 0x8000_2000n ? [HostPhysAddr.from(ram.value + g.value - 0x8000_0000n), 0x2000n] : undefined }, hpm);
   * const at = GuestPhysAddr.from(0x8000_0ffen);
   * mem.writeU64(at, -1n); // taken mod 2^64
   * console.log(mem.readU32(at.add(4)).toString(16)); // ffffffff
   * ```
   */
  writeU64(gpa: GuestPhysAddr, value: bigint): void {
    this.#scratchView.setBigUint64(0, BigInt.asUintN(64, value), true);
    this.#write(gpa, 8);
  }

  /**
   * Fills `buffer` from guest memory starting at `gpa`. An empty buffer is fine.
   *
   * @param gpa - The start.
   * @param buffer - Receives the bytes.
   * @throws {AxError} `InvalidInput` when a byte is not translatable (earlier bytes are already copied).
   *
   * @example
   * ```ts
   * import { GuestMemoryAccessor, GuestPhysAddr, HostPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const ram = hpm.allocFrames(2)!; // guest 0x8000_0000.. → these two frames
   * const mem = new GuestMemoryAccessor({ translateAndGetLimit: (g) => g.value >= 0x8000_0000n && g.value < 0x8000_2000n ? [HostPhysAddr.from(ram.value + g.value - 0x8000_0000n), 0x2000n] : undefined }, hpm);
   * const at = GuestPhysAddr.from(0x8000_0ffen);
   * mem.writeBuffer(at, Uint8Array.of(1, 2, 3, 4));
   * const buf = new Uint8Array(4);
   * mem.readBuffer(at, buf);
   * console.log([...buf]); // [1, 2, 3, 4]
   * ```
   */
  readBuffer(gpa: GuestPhysAddr, buffer: Uint8Array): void {
    this.#copy(gpa, buffer, false);
  }

  /**
   * Writes `data` to guest memory starting at `gpa`. Empty data is fine.
   *
   * @param gpa - The start.
   * @param data - The bytes.
   * @throws {AxError} `InvalidInput` when a byte is not translatable (earlier bytes are already written).
   *
   * @example
   * ```ts
   * import { GuestMemoryAccessor, GuestPhysAddr, HostPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const ram = hpm.allocFrames(2)!; // guest 0x8000_0000.. → these two frames
   * const mem = new GuestMemoryAccessor({ translateAndGetLimit: (g) => g.value >= 0x8000_0000n && g.value < 0x8000_2000n ? [HostPhysAddr.from(ram.value + g.value - 0x8000_0000n), 0x2000n] : undefined }, hpm);
   * const at = GuestPhysAddr.from(0x8000_0ffen);
   * mem.writeBuffer(at, Uint8Array.from("hi", (c) => c.charCodeAt(0)));
   * console.log(mem.readU16(at).toString(16)); // 6968
   * ```
   */
  writeBuffer(gpa: GuestPhysAddr, data: Uint8Array): void {
    this.#copy(gpa, data, true);
  }

  #read(gpa: GuestPhysAddr, size: number): void {
    this.#copy(gpa, this.#scratch.subarray(0, size), false);
  }

  #write(gpa: GuestPhysAddr, size: number): void {
    // Check every piece first so that a failing typed write changes nothing.
    this.#pieces(gpa, size, () => {});
    this.#copy(gpa, this.#scratch.subarray(0, size), true);
  }

  #copy(gpa: GuestPhysAddr, bytes: Uint8Array, toGuest: boolean): void {
    const u8 = (): Uint8Array => {
      const dv = this.#memory.dataView();
      return new Uint8Array(dv.buffer, dv.byteOffset, dv.byteLength);
    };
    let host: Uint8Array | undefined;
    this.#pieces(gpa, bytes.length, (hpa, off, n) => {
      host ??= u8();
      if (hpa + n > host.length)
        throw new AxError("InvalidInput", `host address 0x${hpa.toString(16)} outside host memory`);
      if (toGuest) host.set(bytes.subarray(off, off + n), hpa);
      else bytes.set(host.subarray(hpa, hpa + n), off);
    });
  }

  #pieces(gpa: GuestPhysAddr, length: number, each: (hpa: number, off: number, n: number) => void): void {
    let off = 0;
    let cur = gpa;
    while (off < length) {
      const t = this.#translator.translateAndGetLimit(cur);
      if (t === undefined) throw new AxError("InvalidInput", `${cur.toString()} is not mapped`);
      const hpa = Number(t[0].value);
      const pageLeft = 4096 - (hpa % 4096);
      const n = Math.min(length - off, pageLeft, Number(t[1]) > 0 ? Number(t[1]) : 1);
      each(hpa, off, n);
      off += n;
      if (off < length) cur = cur.add(n);
    }
  }
}
