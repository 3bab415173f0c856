import { describe, expect, it } from "vitest";
import { VMStatus, vmStatusAsStr, vmStatusWithIcon } from "../src/index.js";

describe("VMStatus", () => {
  it("as_str is lowercase; with_icon prefixes an icon", () => {
    expect(Object.values(VMStatus).map(vmStatusAsStr)).toEqual([
      "loading",
      "loaded",
      "running",
      "suspended",
      "stopping",
      "stopped",
    ]);
    for (const s of Object.values(VMStatus))
      expect(vmStatusWithIcon(s).endsWith(` ${vmStatusAsStr(s)}`)).toBe(true);
  });
});
