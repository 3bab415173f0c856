import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { exampleConfigRunnable } from "../../../../test-utils/linux-kernel.js";
import {
  CliError,
  isUserError,
  kernelSpec,
  loadArch,
  loadVmFile,
  parsePositive,
  parseSize,
} from "../../src/cli/load.js";

const ROOT = resolve(import.meta.dirname, "../../../..");

describe("parseSize and parsePositive", () => {
  it("reads QEMU-style sizes", () => {
    expect(parseSize("256M")).toBe(256n << 20n);
    expect(parseSize("1G")).toBe(1n << 30n);
    expect(parseSize("512MiB")).toBe(512n << 20n);
    expect(parseSize("64k")).toBe(64n << 10n);
    expect(parseSize("8192")).toBe(8192n);
    for (const bad of ["", "1.5G", "-1M", "0", "100", "12Q"]) expect(() => parseSize(bad)).toThrow(CliError);
  });

  it("reads positive integers within range", () => {
    expect(parsePositive("--smp", "4", 64)).toBe(4);
    for (const bad of ["0", "65", "x", "-2", "1e3"])
      expect(() => parsePositive("--smp", bad, 64)).toThrow(CliError);
  });
});

describe("loadVmFile", () => {
  it("reads every example config and the images it names, relative to the config", () => {
    const names = readdirSync(join(ROOT, "examples/vms"), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".toml"))
      .map((f) => f.slice(0, -".toml".length));
    expect(names.length).toBeGreaterThanOrEqual(12);
    for (const name of names) {
      // the Linux kernels are built into a cache, not committed (examples/linux/build.sh; CI builds them)
      if (!exampleConfigRunnable(name)) continue;
      const spec = loadVmFile(join(ROOT, "examples/vms", `${name}.toml`));
      expect(spec.images.kernel.subarray(0, 4)).toEqual(Uint8Array.of(0x7f, 0x45, 0x4c, 0x46));
      expect(spec.config.emuDevices[0]?.baseGpa).toBe(0x1fe0_01e0n);
    }
  });

  it("gives user errors, never raw exceptions, for bad input", () => {
    expect(() => loadVmFile("missing.toml")).toThrow(new CliError("missing.toml: no such file"));
    expect(() => loadVmFile(ROOT)).toThrow(/is a directory/);
    try {
      loadVmFile(join(import.meta.dirname, "../fixtures/toy/bad-syntax.toml"));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CliError);
      expect((e as CliError).exitCode).toBe(2);
    }
  });
});

describe("kernelSpec", () => {
  it("builds the --kernel machine from an ELF with QEMU's physical-address mask", () => {
    const spec = kernelSpec(join(ROOT, "examples/guests/elf/hello.elf"), {
      mem: "128M",
      smp: "2",
      append: "x",
    });
    expect(spec.config.name).toBe("hello");
    expect(spec.config.physCpuLs.cpuNum).toBe(2);
    expect(spec.images.paddrMask).toBe(0x1fff_ffffn);
  });
});

describe("loadArch and isUserError", () => {
  it("loads an arch module, and refuses modules without a binding", async () => {
    const toy = await loadArch({ archModule: join(import.meta.dirname, "../fixtures/fake-arch.mjs") });
    expect(toy.name).toBe("toy");
    await expect(loadArch({ archModule: join(ROOT, "package.json") })).rejects.toThrow(CliError);
    await expect(loadArch({ arch: "sparc" })).rejects.toThrow(/unknown arch/);
  });

  it("classifies errors by name", () => {
    expect(isUserError(new CliError("x"))).toBe(true);
    expect(isUserError(new RangeError("x"))).toBe(true);
    expect(isUserError(new TypeError("x"))).toBe(false);
  });
});
