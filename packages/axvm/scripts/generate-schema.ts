// Regenerates schema/axvm-config.schema.json from vmConfigJsonSchema(). Run: pnpm --filter @axvisor/axvm schema
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { vmConfigJsonSchema } from "../src/vmconfig/schema.js";

const out = fileURLToPath(new URL("../schema/axvm-config.schema.json", import.meta.url));
writeFileSync(out, `${JSON.stringify(vmConfigJsonSchema(), null, 2)}\n`);
console.log(`wrote ${out}`);
