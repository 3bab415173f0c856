import { AxError } from "@axvisor/axaddrspace";

/**
 * Per-physical-CPU virtualisation state of one architecture (Rust trait `AxArchPerCpu`).
 *
 * @example
 * ```ts
 * import type { AxArchPerCpu } from "@axvisor/axvcpu";
 * class EmulatedPerCpu implements AxArchPerCpu {
 *   #on = false;
 *   isEnabled(): boolean { return this.#on; }
 *   hardwareEnable(): void { this.#on = true; }
 *   hardwareDisable(): void { this.#on = false; }
 * }
 * ```
 */
export interface AxArchPerCpu {
  /**
   * Whether hardware virtualisation is enabled on this CPU.
   *
   * @returns `true` when enabled.
   */
  isEnabled(): boolean;
  /**
   * Enables hardware virtualisation on this CPU.
   *
   * @throws {AxError} when it cannot be enabled.
   */
  hardwareEnable(): void;
  /**
   * Disables hardware virtualisation on this CPU.
   *
   * @throws {AxError} when it cannot be disabled.
   */
  hardwareDisable(): void;
  /**
   * The deepest guest page-table level count supported (Rust default 4); feeds `AddrSpace.newEmpty`.
   *
   * @returns 3 or 4; callers assume 4 when absent.
   */
  maxGuestPageTableLevels?(): number;
}

/**
 * The constructor side of {@link AxArchPerCpu} (Rust `AxArchPerCpu::new(cpu_id)`).
 *
 * @typeParam P - the per-CPU type constructed.
 * @example
 * ```ts
 * import type { AxArchPerCpu, AxArchPerCpuConstructor } from "@axvisor/axvcpu";
 * class P implements AxArchPerCpu {
 *   constructor(readonly cpuId: number) {}
 *   isEnabled(): boolean { return false; }
 *   hardwareEnable(): void {}
 *   hardwareDisable(): void {}
 * }
 * const ctor: AxArchPerCpuConstructor<P> = P;
 * ```
 */
export interface AxArchPerCpuConstructor<P extends AxArchPerCpu = AxArchPerCpu> {
  /**
   * Creates the per-CPU state for `cpuId`.
   *
   * @param cpuId - the physical CPU id.
   * @returns the state.
   * @throws {AxError} when creation fails.
   */
  new (cpuId: number): P;
}

/**
 * Host per-CPU state needed to run guests (Rust `axvcpu::AxPerCpu`): created uninitialised,
 * initialised once with a CPU id, then hardware virtualisation is enabled.
 *
 * @typeParam P - the architecture per-CPU type.
 * @example
 * ```ts
 * import { AxPerCpu, type AxArchPerCpu } from "@axvisor/axvcpu";
 * class P implements AxArchPerCpu {
 *   #on = false;
 *   constructor(_cpuId: number) {}
 *   isEnabled(): boolean { return this.#on; }
 *   hardwareEnable(): void { this.#on = true; }
 *   hardwareDisable(): void { this.#on = false; }
 * }
 * const percpu = AxPerCpu.newUninit(P);
 * percpu.init(0);
 * percpu.hardwareEnable();
 * percpu.isEnabled(); // true
 * percpu.drop(); // disables virtualisation again
 * ```
 */
export class AxPerCpu<P extends AxArchPerCpu> {
  readonly #ctor: AxArchPerCpuConstructor<P>;
  #cpuId: number | undefined;
  #arch: P | undefined;

  private constructor(ctor: AxArchPerCpuConstructor<P>) {
    this.#ctor = ctor;
  }

  /**
   * Creates an uninitialised per-CPU state (Rust `new_uninit`).
   *
   * @typeParam P - the architecture per-CPU type.
   * @param ctor - the architecture per-CPU constructor, used by {@link AxPerCpu.init}.
   * @returns the uninitialised state.
   */
  static newUninit<P extends AxArchPerCpu>(ctor: AxArchPerCpuConstructor<P>): AxPerCpu<P> {
    return new AxPerCpu(ctor);
  }

  /**
   * Initialises the state for `cpuId`.
   *
   * @param cpuId - the physical CPU id.
   * @throws {AxError} `BadState` when already initialised; any architecture error.
   */
  init(cpuId: number): void {
    if (this.#cpuId !== undefined) {
      throw new AxError("BadState", `per-CPU state is already initialized (cpu ${this.#cpuId})`);
    }
    const arch = new this.#ctor(cpuId);
    this.#cpuId = cpuId;
    this.#arch = arch;
  }

  /**
   * The CPU id given to {@link AxPerCpu.init}.
   *
   * @returns the id, or `undefined` before `init`.
   */
  cpuId(): number | undefined {
    return this.#cpuId;
  }

  /**
   * The architecture state (Rust `arch_checked`).
   *
   * @returns the architecture per-CPU state.
   * @throws {AxError} `BadState` when not initialised (Rust panics).
   */
  archChecked(): P {
    if (this.#arch === undefined) throw new AxError("BadState", "per-CPU state is not initialized");
    return this.#arch;
  }

  /**
   * Whether hardware virtualisation is enabled on this CPU.
   *
   * @returns `true` when enabled.
   * @throws {AxError} `BadState` when not initialised.
   */
  isEnabled(): boolean {
    return this.archChecked().isEnabled();
  }

  /**
   * Enables hardware virtualisation.
   *
   * @throws {AxError} `BadState` when not initialised; any architecture error.
   */
  hardwareEnable(): void {
    this.archChecked().hardwareEnable();
  }

  /**
   * Disables hardware virtualisation.
   *
   * @throws {AxError} `BadState` when not initialised; any architecture error.
   */
  hardwareDisable(): void {
    this.archChecked().hardwareDisable();
  }

  /**
   * The guest page-table levels the architecture supports (4 unless it says otherwise).
   *
   * @returns the level count.
   * @throws {AxError} `BadState` when not initialised.
   */
  maxGuestPageTableLevels(): number {
    return this.archChecked().maxGuestPageTableLevels?.() ?? 4;
  }

  /**
   * Rust's `Drop`: disables virtualisation if it is still enabled. Does nothing before `init`.
   *
   * @throws {AxError} any architecture error while disabling.
   */
  drop(): void {
    if (this.#arch?.isEnabled()) this.#arch.hardwareDisable();
  }
}
