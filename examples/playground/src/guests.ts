// The guests the page offers. Bundled ELFs are Vite assets (copied into the build with hashed names).
import computeUrl from "../../guests/elf/compute.elf?url";
import csrUrl from "../../guests/elf/csr.elf?url";
import echoUrl from "../../guests/elf/echo.elf?url";
import exceptionsUrl from "../../guests/elf/exceptions.elf?url";
import fpuUrl from "../../guests/elf/fpu.elf?url";
import helloUrl from "../../guests/elf/hello.elf?url";
import hypercallUrl from "../../guests/elf/hypercall.elf?url";
import pagingUrl from "../../guests/elf/paging.elf?url";
import timerUrl from "../../guests/elf/timer.elf?url";

/** A guest of the picker. */
export interface BundledGuest {
  /** The `?guest=` name. */
  readonly id: string;
  /** What the picker shows. */
  readonly label: string;
  /** The kernel file name (also what a dropped TOML's `kernel_path` may name). */
  readonly file: string;
  /** Where the kernel is served, or `undefined` while it is not built (shown disabled). */
  readonly url: string | undefined;
}

// Linux is the extension point: once issue 9 builds a kernel, give it a URL (and, if it needs more
// than QEMU's virt defaults, a TOML in BootRequest) and it becomes selectable.
export const GUESTS: readonly BundledGuest[] = [
  { id: "hello", label: "hello: two lines through the UART", file: "hello.elf", url: helloUrl },
  { id: "compute", label: "compute: integer kernels and checksums", file: "compute.elf", url: computeUrl },
  { id: "csr", label: "csr: CPUCFG words and CSR reset values", file: "csr.elf", url: csrUrl },
  { id: "hypercall", label: "hypercall: hvcl 0 to the hypervisor", file: "hypercall.elf", url: hypercallUrl },
  { id: "echo", label: "echo: type, the guest echoes uppercased", file: "echo.elf", url: echoUrl },
  { id: "timer", label: "timer kernel: periodic interrupts, idle", file: "timer.elf", url: timerUrl },
  {
    id: "paging",
    label: "paging kernel: page tables, TLB refills, a PLV3 task",
    file: "paging.elf",
    url: pagingUrl,
  },
  {
    id: "exceptions",
    label: "exceptions kernel: every exception class",
    file: "exceptions.elf",
    url: exceptionsUrl,
  },
  { id: "fpu", label: "fpu: rounding modes and edge values", file: "fpu.elf", url: fpuUrl },
  { id: "linux", label: "Linux (when it has been built)", file: "vmlinux", url: undefined },
];

/** The guest with that id, if it can boot. */
export function bundledGuest(id: string | null): BundledGuest | undefined {
  return GUESTS.find((g) => g.id === id && g.url !== undefined);
}

/** The bundled guest whose kernel file has that (base) name. */
export function bundledByFile(path: string): BundledGuest | undefined {
  const base = path.split(/[\\/]/).at(-1);
  return GUESTS.find((g) => g.file === base && g.url !== undefined);
}

/** Fetches a bundled kernel. */
export async function fetchKernel(g: BundledGuest): Promise<Uint8Array> {
  if (g.url === undefined) throw new Error(`${g.label} is not available`);
  const res = await fetch(g.url);
  if (!res.ok) throw new Error(`${g.url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}
