/**
 * The two-stage translation of a LoongArch vCPU, as a {@link CpuMemory} for the interpreter:
 * guest virtual → guest physical by the guest's own mode (direct address mode, direct-mapping windows),
 * then guest physical → host physical by walking the VM's nested page table (the LA64 PTE format that
 * `@axvisor/axaddrspace` writes) in host physical memory. The interpreter caches the result per 4 KiB
 * page in its software TLB and only calls {@link GuestMemory.translate} on a miss.
 *
 * A miss in the nested table is recorded (address, access) so the vCPU can turn the fault into a VM
 * exit instead of a guest exception, the way a root-mode TLB fault reaches KVM under LVZ.
 *
 * @module
 */

import { GuestPhysAddr, type GuestPhysAddrRange } from "@axvisor/axaddrspace";
import { Access, Fault } from "../cpu/memory.js";
import { SCRATCH_SIZE } from "../jit/region-compiler.js";
import { GuestTlb, TLB_REFILL } from "./tlb.js";

/**
 * Host physical memory as the vCPU reads it: byte offset = host physical address. A
 * `HostPhysMemory` of `@axvisor/axaddrspace` fits.
 *
 * @example
 * ```ts
 * import { HostPhysMemory } from "@axvisor/axaddrspace";
 * import type { HostMemoryView } from "@axvisor/loongarch-cpu";
 * const view: HostMemoryView = new HostPhysMemory();
 * console.log(view.u8().length); // 65536
 * ```
 */
export interface HostMemoryView {
  /** The current byte view of all host memory (a new object after the memory grows). */
  u8(): Uint8Array;
  /** The current `DataView` of all host memory. */
  dataView(): DataView;
  /**
   * The `WebAssembly.Memory` behind the views (the compiler tier's generated code addresses it directly).
   * Without it a vCPU asked for `cpuTier: "jit"` stays on the interpreter.
   */
  readonly memory?: {
    /** The current buffer. */
    readonly buffer: ArrayBuffer;
    /**
     * Grows the memory.
     *
     * @param delta - Number of 64 KiB pages to add.
     * @returns The previous size in pages.
     */
    grow(delta: number): number;
  };
  /**
   * Allocates `count` contiguous zeroed 4 KiB frames (the compiler tier's per-vCPU scratch area).
   *
   * @param count - Number of frames.
   * @returns The host physical address of the first frame, or `undefined` when memory is exhausted.
   */
  allocFrames?(count: number):
    | {
        /** The address. */
        readonly value: bigint;
      }
    | undefined;
  /**
   * Returns a frame obtained from {@link HostMemoryView.allocFrames}.
   *
   * @param paddr - Host physical address of the frame.
   */
  deallocFrameAddress?(paddr: number): void;
}

/**
 * What the vCPU uses of the VM's nested address space: which guest physical addresses belong to an
 * area (lazy RAM that a fault can fill, rather than a device), and a change notification to flush the
 * software TLB. An `AddrSpace` of `@axvisor/axaddrspace` fits.
 *
 * @example
 * ```ts
 * import { AddrSpace, GuestPhysAddr, HostPhysMemory } from "@axvisor/axaddrspace";
 * import type { NestedAddrSpace } from "@axvisor/loongarch-cpu";
 * const as: NestedAddrSpace = AddrSpace.newEmpty({ levels: 4, base: GuestPhysAddr.from(0), size: 1n << 30n, hal: new HostPhysMemory(), arch: "loongarch64" });
 * console.log(as.findArea(GuestPhysAddr.from(0))); // undefined
 * ```
 */
export interface NestedAddrSpace {
  /** Page-table levels of the nested table (3 or 4). */
  readonly levels: number;
  /**
   * The area containing a guest physical address.
   *
   * @param gpa - The address.
   * @returns The area, or `undefined` when no area covers it (a device address).
   */
  findArea(gpa: GuestPhysAddr): unknown;
  /**
   * Subscribes to mapping changes.
   *
   * @param listener - Called after every change to the mappings, with the range changed.
   * @returns A function that unsubscribes.
   */
  onChange(listener: (range: GuestPhysAddrRange) => void): () => void;
}

const V = 1;
const GH = 1 << 6;
const W = 1 << 8;
const NR_HI = 1 << 29;
const NX_HI = 1 << 30;
/** The guest-physical address bits (PALEN = 48 on la464; QEMU masks DA/DMW addresses to them). */
const PA_HI_MASK = 0xffff;

/**
 * Two-stage guest memory of a {@link LoongArchVCpu}, implementing the interpreter's {@link CpuMemory}.
 *
 * The vCPU sets the guest mode fields ({@link GuestMemory.setMode}) whenever CRMD or a DMW changes and
 * flushes the CPU's TLB; the nested root comes from `setEptRoot`.
 *
 * @example
 * ```ts
 * import { AddrSpace, GuestPhysAddr, HostPhysMemory, MappingFlags } from "@axvisor/axaddrspace";
 * import { Access, GuestMemory } from "@axvisor/loongarch-cpu";
 * const hpm = new HostPhysMemory();
 * const as = AddrSpace.newEmpty({ levels: 4, base: GuestPhysAddr.from(0), size: 1n << 32n, hal: hpm, arch: "loongarch64" });
 * as.mapAlloc(GuestPhysAddr.from(0x200000), 0x1000, MappingFlags.READ | MappingFlags.WRITE | MappingFlags.EXECUTE, true);
 * const mem = new GuestMemory(hpm, 4, as);
 * mem.root = Number(as.pageTableRoot().value);
 * // DA mode: 0x9000_0000_0020_0000 is guest physical 0x200000
 * console.log(mem.translate(0x200000, 0x9000_0000 | 0, Access.READ) === Number(as.translate(GuestPhysAddr.from(0x200000))!.value)); // true
 * ```
 */
export class GuestMemory {
  /** Host physical address of the nested root table, or -1 before `setEptRoot`. */
  root = -1;
  /** Whether the last failed translation was a nested (stage-2) fault, not a guest one. */
  nestedFault = false;
  /** Whether the last failed translation missed the guest TLB (a TLB refill in mapped mode). */
  tlbRefill = false;
  /** Guest physical page (low 32 bits) of the last nested fault or device access. */
  faultGpaLo = 0;
  /** Guest physical page (high 32 bits) of the last nested fault or device access. */
  faultGpaHi = 0;
  /** The {@link Access} of the last nested fault. */
  faultAccess = 0;
  /** Whether the last nested fault found no valid leaf (not a permission failure). */
  faultNotPresent = false;
  /**
   * The page-fault Ecode of the last failed guest TLB translation (PIL…PPI), 0 when the last failure
   * was not one. The interpreter only knows "unmapped" and "protection"; PPI needs this.
   */
  guestFault = 0;
  /** The guest's STLB + MTLB, consulted in mapped mode after the direct-mapping windows. */
  readonly tlb: GuestTlb = new GuestTlb();
  /**
   * 32-bit address mode (CSR.MISC.VA32L1–3 at the current PLV): virtual addresses are zero-extended
   * from their low 32 bits before translation. The vCPU sets it and flushes the CPU's TLB.
   */
  va32 = false;

  private readonly host: HostMemoryView;
  private readonly levels: number;
  private readonly space: NestedAddrSpace | undefined;
  private da = true;
  private plv = 0;
  private readonly dmwLo = new Int32Array(4);
  private readonly dmwHi = new Int32Array(4);
  private paLo = 0;
  private paHi = 0;
  private asid = 0;
  private access = 0;
  private scratch = -1;

  /**
   * Creates the translation.
   *
   * @param host - Host physical memory holding the nested page table and guest RAM.
   * @param levels - Levels of the nested page table (3 or 4).
   * @param space - The VM's address space; without it a missing leaf under existing tables counts as
   *   lazy RAM and a missing table as a device.
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { GuestMemory } from "@axvisor/loongarch-cpu";
   * const mem = new GuestMemory(new HostPhysMemory(), 4);
   * console.log(mem.root); // -1
   * ```
   */
  constructor(host: HostMemoryView, levels: number, space?: NestedAddrSpace) {
    this.host = host;
    this.levels = levels;
    this.space = space;
  }

  /**
   * All host memory (interpreter offsets are host physical addresses).
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { GuestMemory } from "@axvisor/loongarch-cpu";
   * console.log(new GuestMemory(new HostPhysMemory(), 4).ram.length); // 65536
   * ```
   */
  get ram(): Uint8Array {
    return this.host.u8();
  }

  /**
   * Host physical address of the compiler tier's scratch area (registers, TLBs), once
   * {@link GuestMemory.enableWasm} allocated it; -1 before.
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { GuestMemory } from "@axvisor/loongarch-cpu";
   * console.log(new GuestMemory(new HostPhysMemory(), 4).jitScratchBase); // -1
   * ```
   */
  get jitScratchBase(): number {
    return this.scratch;
  }

  /**
   * Prepares host memory for the compiler tier: allocates its scratch frames and returns the
   * `WebAssembly.Memory` that generated code imports (guest RAM already lives in it). Later calls return
   * the same memory.
   *
   * @returns The memory, or `undefined` when the host view has no `WebAssembly.Memory` or frame
   *   allocator, or no frames are left.
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { GuestMemory } from "@axvisor/loongarch-cpu";
   * const mem = new GuestMemory(new HostPhysMemory(), 4);
   * console.log(mem.enableWasm() !== undefined, mem.jitScratchBase > 0); // true true
   * ```
   */
  enableWasm(): HostMemoryView["memory"] {
    const h = this.host;
    if (h.memory === undefined || h.allocFrames === undefined) return undefined;
    if (this.scratch < 0) {
      const base = h.allocFrames(Math.ceil(SCRATCH_SIZE / 4096));
      if (base === undefined) return undefined;
      this.scratch = Number(base.value);
    }
    return h.memory;
  }

  /**
   * Frees the compiler tier's scratch frames (when the vCPU is disposed).
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { GuestMemory } from "@axvisor/loongarch-cpu";
   * const hpm = new HostPhysMemory();
   * const mem = new GuestMemory(hpm, 4);
   * mem.enableWasm();
   * mem.releaseWasm();
   * console.log(mem.jitScratchBase, hpm.stats.framesInUse); // -1 0
   * ```
   */
  releaseWasm(): void {
    if (this.scratch < 0) return;
    for (let off = 0; off < SCRATCH_SIZE; off += 4096) this.host.deallocFrameAddress?.(this.scratch + off);
    this.scratch = -1;
  }

  /**
   * Updates the guest translation mode from CSR values.
   *
   * @param crmd - CSR.CRMD.
   * @param dmw - CSR.DMW0–DMW3.
   * @param asid - CSR.ASID.ASID (for TLB lookups; default 0).
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { GuestMemory } from "@axvisor/loongarch-cpu";
   * const mem = new GuestMemory(new HostPhysMemory(), 4);
   * mem.setMode(0xb0n, [0x9000_0000_0000_0011n, 0n, 0n, 0n]); // paging on, one cached window at 0x9000...
   * ```
   */
  setMode(crmd: bigint, dmw: readonly bigint[], asid = 0): void {
    const c = Number(crmd & 0x3ffn);
    this.asid = asid & 0x3ff;
    // QEMU: direct address mode when DA=1 and PG=0; any other combination translates
    this.da = (c & 0x8) !== 0 && (c & 0x10) === 0;
    this.plv = c & 3;
    for (let i = 0; i < 4; i++) {
      const v = dmw[i] ?? 0n;
      this.dmwLo[i] = Number(BigInt.asIntN(32, v));
      this.dmwHi[i] = Number(BigInt.asIntN(32, v >> 32n));
    }
  }

  /**
   * Translates one guest virtual page to a host physical address (the interpreter's TLB refill).
   *
   * @param pageLo - Low 32 bits of the guest virtual page.
   * @param pageHi - High 32 bits.
   * @param access - An {@link Access} value.
   * @returns The host physical address of the page, or a {@link Fault} code: UNMAPPED for a guest TLB
   *   miss ({@link GuestMemory.tlbRefill}) or a nested fault ({@link GuestMemory.nestedFault}),
   *   BAD_ADDRESS for a non-canonical address, MMIO for a device.
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { Access, Fault, GuestMemory } from "@axvisor/loongarch-cpu";
   * const mem = new GuestMemory(new HostPhysMemory(), 4);
   * // no nested root yet, so no RAM: a device address
   * console.log(mem.translate(0x1000, 0, Access.READ) === Fault.MMIO); // true
   * ```
   */
  translate(pageLo: number, pageHi: number, access: number): number {
    this.access = access;
    const f = this.stage1(pageLo, pageHi);
    if (f !== 0) return f;
    return this.stage2(this.paLo, this.paHi, access);
  }

  /**
   * The guest physical address of a guest virtual address under the current mode (no side effects).
   *
   * @param va - The guest virtual address.
   * @returns The guest physical address, or `undefined` when the guest mode cannot translate it.
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { GuestMemory } from "@axvisor/loongarch-cpu";
   * const mem = new GuestMemory(new HostPhysMemory(), 4);
   * console.log(mem.guestPhys(0x9000_0000_1fe0_01e0n)?.toString(16)); // "1fe001e0"
   * ```
   */
  guestPhys(va: bigint): bigint | undefined {
    const lo = Number(BigInt.asIntN(32, va));
    const hi = Number(BigInt.asIntN(32, va >> 32n));
    const refill = this.tlbRefill;
    const fault = this.guestFault;
    this.access = Access.READ;
    const f = this.stage1(lo, hi);
    this.tlbRefill = refill;
    this.guestFault = fault;
    if (f !== 0) return undefined;
    return (BigInt(this.paHi >>> 0) << 32n) | BigInt(this.paLo >>> 0);
  }

  /** Guest virtual → guest physical into paLo/paHi; 0 or a Fault code. */
  private stage1(lo: number, hi: number): number {
    if (this.va32) hi = 0;
    if (this.da) {
      this.paLo = lo;
      this.paHi = hi & PA_HI_MASK;
      return 0;
    }
    const seg = hi >>> 28;
    const plvBit = 1 << this.plv;
    for (let i = 0; i < 4; i++) {
      if (this.dmwLo[i]! & plvBit && this.dmwHi[i]! >>> 28 === seg) {
        this.paLo = lo;
        this.paHi = hi & PA_HI_MASK;
        return 0;
      }
    }
    // VALEN = 48: bits 63..47 must all be equal
    const top = hi >> 15;
    if (top !== 0 && top !== -1) return Fault.BAD_ADDRESS;
    const va = (BigInt(hi) << 32n) | BigInt(lo >>> 0);
    const r = this.tlb.translate(BigInt.asUintN(64, va), this.asid, this.plv, this.access);
    if (r === 0) {
      const pa = this.tlb.pa;
      this.paLo = Number(BigInt.asIntN(32, pa));
      this.paHi = Number(pa >> 32n);
      return 0;
    }
    if (r === TLB_REFILL) {
      this.tlbRefill = true;
      return Fault.UNMAPPED;
    }
    this.guestFault = r;
    // PME/PNR/PNX are "protection" to the interpreter, the rest "unmapped"; PPI is told by guestFault
    return r >= 4 && r <= 6 ? Fault.PROTECTION : Fault.UNMAPPED;
  }

  /**
   * Reads a little-endian doubleword at a guest physical address (the page walk of `lddir`/`ldpte`).
   *
   * @param gpa - The guest physical address (8-byte aligned).
   * @returns The value, or `undefined` when the address is not mapped RAM (then
   *   {@link GuestMemory.nestedFault} tells a lazy page the VM can fault in from a device address).
   *
   * @example
   * ```ts
   * import { HostPhysMemory } from "@axvisor/axaddrspace";
   * import { GuestMemory } from "@axvisor/loongarch-cpu";
   * console.log(new GuestMemory(new HostPhysMemory(), 4).readPhys64(0x1000n)); // undefined
   * ```
   */
  readPhys64(gpa: bigint): bigint | undefined {
    const lo = Number(BigInt.asIntN(32, gpa));
    const hi = Number(BigInt.asIntN(32, gpa >> 32n));
    const base = this.stage2(lo & -4096, hi, Access.READ);
    if (base < 0) return undefined;
    return this.host.dataView().getBigUint64(base + (lo & 0xff8), true);
  }

  /** Guest physical → host physical by walking the nested table. */
  private stage2(gLo: number, gHi: number, access: number): number {
    const dv = this.host.dataView();
    let table = this.root;
    let missingLeaf = false;
    let notPresent = true;
    let result = -1;
    if (table >= 0 && (this.levels === 4 || gHi >>> 7 === 0)) {
      for (let level = this.levels - 1; level >= 0; level--) {
        const idx =
          level === 3
            ? (gHi >>> 7) & 0x1ff
            : level === 2
              ? ((gHi & 0x7f) << 2) | (gLo >>> 30)
              : level === 1
                ? (gLo >>> 21) & 0x1ff
                : (gLo >>> 12) & 0x1ff;
        const at = table + idx * 8;
        if (at + 8 > dv.byteLength) break;
        const lo = dv.getInt32(at, true);
        const hi = dv.getInt32(at + 4, true);
        if (!(lo & V)) {
          missingLeaf = level === 0;
          break;
        }
        // host memory is a wasm32 memory: a physical address needs no high bits
        if (hi & PA_HI_MASK) break;
        const huge = level > 0 && level < 3 && (lo & GH) !== 0;
        if (level > 0 && !huge) {
          table = (lo & -4096) >>> 0;
          continue;
        }
        const allowed =
          access === Access.WRITE ? (lo & W) !== 0 : access === Access.FETCH ? !(hi & NX_HI) : !(hi & NR_HI);
        if (!allowed) {
          missingLeaf = true;
          notPresent = false;
          break;
        }
        const span = level === 0 ? 0 : level === 1 ? 0x1f_f000 : 0x3fff_f000;
        result = ((lo & -4096 & ~span) | (gLo & span)) >>> 0;
        break;
      }
    }
    if (result >= 0 && result + 4096 <= dv.byteLength) return result;
    this.faultGpaLo = gLo & -4096;
    this.faultGpaHi = gHi;
    this.faultAccess = access;
    this.faultNotPresent = notPresent;
    let ram = missingLeaf;
    if (this.space !== undefined) {
      const gpa = (BigInt(gHi >>> 0) << 32n) | BigInt((gLo & -4096) >>> 0);
      ram = this.space.findArea(GuestPhysAddr.from(gpa)) !== undefined;
    }
    if (ram) {
      this.nestedFault = true;
      return Fault.UNMAPPED;
    }
    return Fault.MMIO;
  }
}
