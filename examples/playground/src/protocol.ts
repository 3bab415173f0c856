// Messages between the page (main.ts) and the VM worker (worker.ts). Plain data only: they cross
// postMessage, so bigints travel as hex strings where the page only displays them.

/** What to boot: a kernel image and, optionally, an axvisor VM config that refers to it. */
export interface BootRequest {
  readonly kind: "boot";
  /** Shown in the status line and used as the VM name for a bare kernel. */
  readonly name: string;
  /** The kernel (ELF) bytes. */
  readonly kernel: Uint8Array;
  /** An axvisor TOML config; without one the kernel boots on QEMU's virt board like `axvisor run --kernel`. */
  readonly toml?: string;
}

export type ToWorker =
  | BootRequest
  | { readonly kind: "pause" }
  | { readonly kind: "resume" }
  | { readonly kind: "step"; readonly count: number }
  | { readonly kind: "input"; readonly bytes: Uint8Array }
  | { readonly kind: "walk"; readonly gpa: string }
  | { readonly kind: "describe" };

/** One traced instruction. */
export interface TraceLine {
  readonly pc: string;
  readonly word: string;
  readonly text: string;
}

/** A sample of the VM's counters (sent a few times a second while it runs). */
export interface StatsSample {
  /** Host milliseconds since boot. */
  readonly t: number;
  /** Guest instructions retired, all vCPUs. */
  readonly instructions: number;
  /** Guest MIPS over the last sample interval (0 while paused). */
  readonly mips: number;
  /** VM exits by reason, cumulative. */
  readonly exits: Readonly<Record<string, number>>;
  /** Interrupts taken, when the vCPU counts them (`undefined`: it does not). */
  readonly interrupts: number | undefined;
  /** TLB refills, when the vCPU counts them (`undefined`: it does not). */
  readonly tlbRefills: number | undefined;
}

/** The VM's address space, for the address-space view. */
export interface AddrSpaceView {
  readonly summary: string;
  readonly root: string;
  readonly areas: readonly {
    readonly start: string;
    readonly end: string;
    readonly flags: string;
    readonly backend: string;
  }[];
  readonly devices: readonly {
    readonly name: string;
    readonly start: string;
    readonly end: string;
    readonly type: string;
  }[];
}

/** One entry of a nested page-table walk. */
export interface WalkStep {
  readonly level: number;
  readonly index: number;
  readonly entryAddr: string;
  readonly bits: string;
  readonly kind: string;
  readonly description: string;
}

export type FromWorker =
  | { readonly kind: "console"; readonly bytes: Uint8Array }
  | {
      readonly kind: "state";
      readonly state: string;
      readonly paused: boolean;
      readonly reason?: string;
    }
  | { readonly kind: "stats"; readonly stats: StatsSample }
  | { readonly kind: "trace"; readonly lines: readonly TraceLine[]; readonly next?: TraceLine }
  | { readonly kind: "addrspace"; readonly view: AddrSpaceView }
  | {
      readonly kind: "walk";
      readonly gpa: string;
      readonly steps: readonly WalkStep[];
      readonly result: string;
    }
  | { readonly kind: "error"; readonly message: string };
