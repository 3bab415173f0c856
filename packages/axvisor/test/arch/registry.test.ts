import { describe, expect, it } from "vitest";
import { archs, DEFAULT_ARCH, KNOWN_ARCHS, resolveArch, VmmError } from "../../src/index.js";

const codeOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(VmmError);
    expect((e as VmmError).name).toBe("VmmError");
    return (e as VmmError).code;
  }
  return "no error";
};

describe("arch registry", () => {
  it("knows loongarch64 and uses it by default", () => {
    expect(KNOWN_ARCHS).toContain("loongarch64");
    expect(DEFAULT_ARCH).toBe("loongarch64");
  });

  it("names unknown architectures and lists the known ones", () => {
    expect(codeOf(() => resolveArch("sparc"))).toBe("UnknownArch");
    expect(() => resolveArch("sparc")).toThrow('unknown arch "sparc" (known: loongarch64)');
    // Inherited object keys are not architectures.
    expect(codeOf(() => resolveArch("toString"))).toBe("UnknownArch");
  });

  it("returns the registered binding, or says that a known arch has no vCPU yet", () => {
    for (const name of KNOWN_ARCHS) {
      const binding = archs[name];
      if (binding === undefined) {
        expect(codeOf(() => resolveArch(name))).toBe("NoVCpu");
        expect(() => resolveArch(name)).toThrow(`no vCPU implementation for arch ${name} yet`);
      } else {
        expect(resolveArch(name)).toBe(binding);
        expect(binding.name).toBe(name);
      }
    }
  });
});
