import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { vmConfigJsonSchema } from "../../src/index.js";

const committed = fileURLToPath(new URL("../../schema/axvm-config.schema.json", import.meta.url));

// Walks a JSON value by keys and indices.
function at(node: unknown, ...path: (string | number)[]): unknown {
  let cur = node;
  for (const k of path) cur = (cur as Record<string | number, unknown>)[k];
  return cur;
}

describe("vmConfigJsonSchema", () => {
  it("matches the committed schema/axvm-config.schema.json (run `pnpm --filter @axvisor/axvm schema`)", () => {
    expect(JSON.parse(readFileSync(committed, "utf8"))).toEqual(vmConfigJsonSchema());
  });

  it("describes the three tables, their required keys and no extra keys", () => {
    const s = vmConfigJsonSchema();
    expect(at(s, "$schema")).toBe("http://json-schema.org/draft-07/schema#");
    expect(at(s, "required")).toEqual(["base", "kernel", "devices"]);
    expect(at(s, "additionalProperties")).toBe(false);
    expect(at(s, "properties", "kernel", "required")).toEqual([
      "entry_point",
      "kernel_path",
      "kernel_load_addr",
      "memory_regions",
    ]);
    expect(at(s, "properties", "devices", "required")).toEqual(["emu_devices", "passthrough_devices"]);
  });

  it("gives positional entries as tuples or tables, with enums for codes and aliases", () => {
    const s = vmConfigJsonSchema();
    const region = at(s, "properties", "kernel", "properties", "memory_regions", "items", "oneOf");
    expect(at(region, 0)).toMatchObject({ type: "array", minItems: 4, maxItems: 4, additionalItems: false });
    expect(at(region, 0, "items", 3)).toMatchObject({ type: "integer", enum: [0, 1, 2] });
    expect(at(region, 1)).toMatchObject({ type: "object", required: ["gpa", "size", "flags", "map_type"] });
    const devices = at(s, "properties", "devices", "properties");
    expect(at(devices, "interrupt_mode", "enum")).toEqual([
      "no_irq",
      "no",
      "none",
      "emu",
      "emulated",
      "passthrough",
      "pt",
    ]);
    expect(at(devices, "passthrough_devices", "items", "oneOf", 0)).toMatchObject({
      minItems: 1,
      maxItems: 5,
    });
    expect(at(devices, "emu_devices", "items", "oneOf", 0, "items", 4, "enum")).toEqual([
      0, 1, 2, 10, 32, 33, 34, 48, 225, 226, 227,
    ]);
  });
});
