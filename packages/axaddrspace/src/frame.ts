import type { HostPhysAddr } from "./addr.js";
import { AxError } from "./error.js";
import type { PagingHandler } from "./hal.js";

const PAGE_SIZE = 4096;

/**
 * One 4 KiB host frame owned by its holder (Rust `axaddrspace::PhysFrame`). Call
 * {@link PhysFrame.dealloc} to give it back (Rust frees it on `Drop`).
 *
 * @example
 * ```ts
 * import { HostPhysMemory, PhysFrame } from "@axvisor/axaddrspace";
 * const hpm = new HostPhysMemory();
 * const frame = PhysFrame.allocZero(hpm);
 * frame.fill(0xaa);
 * console.log(frame.bytes()[0]); // 170
 * frame.dealloc();
 * ```
 */
export class PhysFrame {
  readonly #hal: PagingHandler;
  #paddr: HostPhysAddr | undefined;

  private constructor(hal: PagingHandler, paddr: HostPhysAddr | undefined) {
    this.#hal = hal;
    this.#paddr = paddr;
  }

  /**
   * Allocates a frame (contents unspecified unless the HAL zeroes; {@link HostPhysMemory} does).
   *
   * @param hal - The allocator.
   * @returns The frame.
   * @throws {AxError} `NoMemory` when the allocator is exhausted; `BadState` when it returns address 0
   *   (Rust asserts).
   *
   * @example
   * ```ts
   * import { HostPhysMemory, PhysFrame } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const f = PhysFrame.alloc(hpm);
   * console.log(`${f.startPaddr()}`); // PA:0x1000
   * ```
   */
  static alloc(hal: PagingHandler): PhysFrame {
    const paddr = hal.allocFrame();
    if (paddr === undefined) throw new AxError("NoMemory");
    if (paddr.value === 0n) throw new AxError("BadState", "the allocator returned frame 0");
    return new PhysFrame(hal, paddr);
  }

  /**
   * Allocates a zero-filled frame.
   *
   * @param hal - The allocator.
   * @returns The frame.
   * @throws {AxError} `NoMemory` when the allocator is exhausted.
   *
   * @example
   * ```ts
   * import { HostPhysMemory, PhysFrame } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * console.log(PhysFrame.allocZero(hpm).bytes().every((b) => b === 0)); // true
   * ```
   */
  static allocZero(hal: PagingHandler): PhysFrame {
    const frame = PhysFrame.alloc(hal);
    frame.fill(0);
    return frame;
  }

  /**
   * A frame object that owns nothing (Rust's `unsafe uninit`); most methods throw on it.
   *
   * @param hal - The allocator it would belong to.
   * @returns The uninitialised frame.
   *
   * @example
   * ```ts
   * import { HostPhysMemory, PhysFrame } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const f = PhysFrame.uninit(hpm);
   * f.dealloc(); // frees nothing
   * console.log(hpm.stats.framesFreed); // 0
   * ```
   */
  static uninit(hal: PagingHandler): PhysFrame {
    return new PhysFrame(hal, undefined);
  }

  /**
   * The frame's start address.
   *
   * @returns The host physical address.
   * @throws {AxError} `BadState` ("uninitialized PhysFrame") for an uninitialised or freed frame.
   *
   * @example
   * ```ts
   * import { HostPhysMemory, PhysFrame } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * console.log(`${PhysFrame.alloc(hpm).startPaddr()}`); // PA:0x1000
   * ```
   */
  startPaddr(): HostPhysAddr {
    if (this.#paddr === undefined) throw new AxError("BadState", "uninitialized PhysFrame");
    return this.#paddr;
  }

  /**
   * A view of the frame's 4096 bytes (valid until host memory next grows).
   *
   * @returns The bytes.
   * @throws {AxError} `BadState` for an uninitialised frame.
   *
   * @example
   * ```ts
   * import { HostPhysMemory, PhysFrame } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * console.log(PhysFrame.alloc(hpm).bytes().length); // 4096
   * ```
   */
  bytes(): Uint8Array {
    const pa = Number(this.startPaddr().value);
    const dv = this.#hal.dataView();
    return new Uint8Array(dv.buffer, dv.byteOffset + pa, PAGE_SIZE);
  }

  /**
   * Fills the whole frame with one byte.
   *
   * @param byte - The value.
   * @throws {AxError} `BadState` for an uninitialised frame.
   *
   * @example
   * ```ts
   * import { HostPhysMemory, PhysFrame } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const f = PhysFrame.alloc(hpm);
   * f.fill(0x5a);
   * console.log(f.bytes()[4095]); // 90
   * ```
   */
  fill(byte: number): void {
    this.bytes().fill(byte);
  }

  /**
   * Returns the frame to its allocator; later calls do nothing (an uninitialised frame frees nothing).
   *
   * @example
   * ```ts
   * import { HostPhysMemory, PhysFrame } from "@axvisor/axaddrspace";
   * const hpm = new HostPhysMemory();
   * const f = PhysFrame.alloc(hpm);
   * f.dealloc();
   * f.dealloc();
   * console.log(hpm.stats.framesFreed); // 1
   * ```
   */
  dealloc(): void {
    if (this.#paddr === undefined) return;
    this.#hal.deallocFrame(this.#paddr);
    this.#paddr = undefined;
  }
}
