import { VmmError } from "../vmm/error.js";
import type { ArchBinding } from "./binding.js";
import { loongarch64 } from "./loongarch64.js";

/**
 * Architectures the application knows by name. An architecture is listed here before its vCPU
 * exists so that the CLI can say so instead of calling it unknown.
 *
 * @example
 * ```ts
 * import { KNOWN_ARCHS } from "@axvisor/axvisor";
 * console.log(KNOWN_ARCHS.includes("loongarch64")); // true
 * ```
 */
export const KNOWN_ARCHS: readonly string[] = ["loongarch64"];

/**
 * The architecture bindings that have a vCPU implementation, by name.
 *
 * @example
 * ```ts
 * import { archs } from "@axvisor/axvisor";
 * console.log(Object.keys(archs)); // ["loongarch64"]
 * ```
 */
export const archs: Readonly<Record<string, ArchBinding>> = { loongarch64 };

/**
 * The default architecture of the CLI.
 *
 * @example
 * ```ts
 * import { DEFAULT_ARCH } from "@axvisor/axvisor";
 * console.log(DEFAULT_ARCH); // loongarch64
 * ```
 */
export const DEFAULT_ARCH = "loongarch64";

/**
 * Looks up an architecture binding by name.
 *
 * @param name - The architecture name, e.g. `loongarch64`.
 * @returns The binding.
 * @throws {VmmError} `UnknownArch` for a name nobody knows; `NoVCpu` for a known architecture
 * whose vCPU is not implemented yet.
 * @example
 * ```ts
 * import { resolveArch, VmmError } from "@axvisor/axvisor";
 * try {
 *   resolveArch("sparc");
 * } catch (e) {
 *   console.log((e as VmmError).code); // UnknownArch
 * }
 * ```
 */
export function resolveArch(name: string): ArchBinding {
  const found = Object.hasOwn(archs, name) ? archs[name] : undefined;
  if (found !== undefined) return found;
  if (KNOWN_ARCHS.includes(name)) {
    throw new VmmError("NoVCpu", `no vCPU implementation for arch ${name} yet`);
  }
  const known = [...new Set([...KNOWN_ARCHS, ...Object.keys(archs)])].join(", ");
  throw new VmmError("UnknownArch", `unknown arch "${name}" (known: ${known})`);
}
