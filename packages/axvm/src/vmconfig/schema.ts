import { toJsonSchema } from "../internal/config-spec.js";
import { VM_CONFIG_SPEC } from "./crate-config.js";

/**
 * The JSON Schema (draft-07) of the VM TOML format, for editors (e.g. Taplo / Even Better TOML:
 * `#:schema ./axvm-config.schema.json`). Generated from the same description the parser uses.
 * The package ships it as `schema/axvm-config.schema.json`.
 *
 * @returns a fresh JSON-serialisable schema object.
 * @example
 * ```ts
 * import { vmConfigJsonSchema } from "@axvisor/axvm";
 * const schema = vmConfigJsonSchema();
 * console.log(Object.keys(schema.properties as object)); // ["base", "kernel", "devices"]
 * ```
 */
export function vmConfigJsonSchema(): Record<string, unknown> {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://axvisor.invalid/schema/axvm-config.schema.json",
    title: "axvisor VM configuration",
    ...toJsonSchema(VM_CONFIG_SPEC),
  };
}
