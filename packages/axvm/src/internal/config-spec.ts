// A small declarative description of the VM TOML format. The parser and the JSON Schema generator
// both walk it, so the schema can never drift from what fromToml accepts.
import { AxVMConfigError } from "../vmconfig/error.js";

export type Spec =
  | { readonly kind: "u64"; readonly description: string }
  | { readonly kind: "string"; readonly description: string }
  | {
      readonly kind: "intEnum";
      readonly values: readonly (readonly [value: number, name: string])[];
      readonly description: string;
    }
  | {
      readonly kind: "strEnum";
      readonly values: readonly (readonly [canonical: string, aliases: readonly string[]])[];
      readonly description: string;
    }
  | { readonly kind: "array"; readonly items: Spec; readonly description: string }
  | {
      readonly kind: "record";
      readonly fields: readonly FieldSpec[];
      readonly description: string;
    }
  | { readonly kind: "table"; readonly fields: readonly FieldSpec[]; readonly description: string };

export interface FieldSpec {
  readonly key: string;
  readonly prop: string;
  readonly spec: Spec;
  /** Required fields have no default; optional ones default to `default()` or `undefined`. */
  readonly required: boolean;
  readonly default?: () => unknown;
  readonly description: string;
}

export function describeValue(v: unknown): string {
  if (typeof v === "bigint") return `integer ${v}`;
  if (typeof v === "number") return Number.isNaN(v) ? "float nan" : `float ${v}`;
  if (typeof v === "string") return `string ${JSON.stringify(v)}`;
  if (typeof v === "boolean") return `boolean ${v}`;
  if (Array.isArray(v)) return `an array of ${v.length} element${v.length === 1 ? "" : "s"}`;
  if (v instanceof Date || (typeof v === "object" && v !== null && "toISOString" in v)) return "a datetime";
  if (typeof v === "object" && v !== null) return "a table";
  return String(v);
}

function isTable(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date) && !("toISOString" in v)
  );
}

function fail(path: string, label: string, expected: string, got: unknown): never {
  throw new AxVMConfigError(
    path,
    `${label === "" ? "config" : label}: expected ${expected}, got ${describeValue(got)}`,
  );
}

export function expectedOf(spec: Spec): string {
  switch (spec.kind) {
    case "u64":
      return "a non-negative integer";
    case "string":
      return "a string";
    case "intEnum": {
      const items = spec.values.map(([v, n]) => `${v} (${n})`);
      return items.length <= 2 ? items.join(" or ") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
    }
    case "strEnum": {
      const names = spec.values.flatMap(([, aliases]) => aliases).map((s) => JSON.stringify(s));
      return `one of ${names.join(", ")}`;
    }
    case "array":
      return `an array of ${plural(spec.items)}`;
    case "record":
      return `an array [${spec.fields.map((f) => f.key).join(", ")}] or an inline table`;
    case "table":
      return "a table";
  }
}

function plural(spec: Spec): string {
  switch (spec.kind) {
    case "u64":
      return "non-negative integers";
    case "string":
      return "strings";
    case "array":
      return "arrays";
    case "record":
      return `[${spec.fields.map((f) => f.key).join(", ")}] entries`;
    default:
      return "values";
  }
}

function parseFields(
  fields: readonly FieldSpec[],
  table: Record<string, unknown>,
  path: string,
  label: string,
): Record<string, unknown> {
  const known = new Set(fields.map((f) => f.key));
  const unknown = Object.keys(table).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    const where = path === "" ? "top level" : label;
    const first = unknown[0] as string;
    const msg =
      unknown.length === 1
        ? `${join(path, first)}: unknown key "${first}" in ${where}`
        : `${where}: unknown keys ${unknown.map((k) => `"${k}"`).join(", ")}`;
    throw new AxVMConfigError(
      join(path, first),
      `${msg} (expected one of: ${fields.map((f) => f.key).join(", ")})`,
    );
  }
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const p = join(path, f.key);
    if (Object.hasOwn(table, f.key)) {
      out[f.prop] = parseValue(f.spec, table[f.key], p, p);
    } else if (f.required) {
      throw new AxVMConfigError(p, `${p}: missing required key (expected ${expectedOf(f.spec)})`);
    } else {
      out[f.prop] = f.default?.();
    }
  }
  return out;
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

export function parseValue(spec: Spec, v: unknown, path: string, label: string): unknown {
  switch (spec.kind) {
    case "u64":
      if (typeof v !== "bigint" || v < 0n) fail(path, label, expectedOf(spec), v);
      return v;
    case "string":
      if (typeof v !== "string") fail(path, label, expectedOf(spec), v);
      return v;
    case "intEnum": {
      if (typeof v !== "bigint") fail(path, label, expectedOf(spec), v);
      const hit = spec.values.find(([n]) => BigInt(n) === v);
      if (hit === undefined) fail(path, label, expectedOf(spec), v);
      return hit[0];
    }
    case "strEnum": {
      if (typeof v !== "string") fail(path, label, expectedOf(spec), v);
      const hit = spec.values.find(([, aliases]) => aliases.includes(v));
      if (hit === undefined) fail(path, label, expectedOf(spec), v);
      return hit[0];
    }
    case "array": {
      if (!Array.isArray(v)) fail(path, label, expectedOf(spec), v);
      return v.map((item, i) => parseValue(spec.items, item, `${path}[${i}]`, `${path}[${i}]`));
    }
    case "record": {
      if (isTable(v)) return parseFields(spec.fields, v, path, label);
      if (!Array.isArray(v)) fail(path, label, expectedOf(spec), v);
      const min = spec.fields.filter((f) => f.required).length;
      const max = spec.fields.length;
      if (v.length < min || v.length > max) {
        const shape = `[${spec.fields.map((f) => f.key).join(", ")}]`;
        const count = min === max ? `${max}` : `${min} to ${max}`;
        fail(path, label, `${count} elements ${shape}`, v);
      }
      const out: Record<string, unknown> = {};
      spec.fields.forEach((f, i) => {
        const p = `${path}[${i}]`;
        out[f.prop] = i < v.length ? parseValue(f.spec, v[i], p, `${p} (${f.key})`) : f.default?.();
      });
      return out;
    }
    case "table":
      if (!isTable(v)) fail(path, label, expectedOf(spec), v);
      return parseFields(spec.fields, v, path, label === "" ? "top level" : `[${label}]`);
  }
}

type JsonSchema = { [key: string]: unknown };

function fieldsSchema(fields: readonly FieldSpec[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const f of fields) properties[f.key] = { ...toJsonSchema(f.spec), description: f.description };
  const required = fields.filter((f) => f.required).map((f) => f.key);
  return {
    type: "object",
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
}

export function toJsonSchema(spec: Spec): JsonSchema {
  switch (spec.kind) {
    case "u64":
      return { type: "integer", minimum: 0, description: spec.description };
    case "string":
      return { type: "string", description: spec.description };
    case "intEnum":
      return {
        type: "integer",
        enum: spec.values.map(([v]) => v),
        description: `${spec.description} ${spec.values.map(([v, n]) => `${v} = ${n}`).join(", ")}.`,
      };
    case "strEnum":
      return {
        type: "string",
        enum: spec.values.flatMap(([, aliases]) => aliases),
        description: spec.description,
      };
    case "array":
      return { type: "array", items: toJsonSchema(spec.items), description: spec.description };
    case "record": {
      const min = spec.fields.filter((f) => f.required).length;
      return {
        description: spec.description,
        oneOf: [
          {
            type: "array",
            items: spec.fields.map((f) => ({
              ...toJsonSchema(f.spec),
              description: `${f.key}: ${f.description}`,
            })),
            minItems: min,
            maxItems: spec.fields.length,
            additionalItems: false,
          },
          fieldsSchema(spec.fields),
        ],
      };
    }
    case "table":
      return { ...fieldsSchema(spec.fields), description: spec.description };
  }
}
