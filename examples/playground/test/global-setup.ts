// Builds the site before the end-to-end tests when dist/ is missing or older than anything it is
// made from (its sources, the bundled guests, the built @axvisor packages), so that `pnpm test`
// works from a fresh clone and never tests a stale build.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const root = fileURLToPath(new URL("..", import.meta.url));

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = 0;
  for (const e of readdirSync(path)) t = Math.max(t, newest(join(path, e)));
  return t;
}

export default async function setup(): Promise<void> {
  const built = join(root, "dist", "index.html");
  const inputs = [
    "src",
    "index.html",
    "vite.config.ts",
    "package.json",
    "../guests/elf",
    ...["axaddrspace", "axvcpu", "axvisor", "axvm", "loongarch-cpu", "memory-addr"].map(
      (p) => `../../packages/${p}/dist`,
    ),
  ];
  const source = Math.max(...inputs.map((p) => newest(join(root, p))));
  if (existsSync(built) && statSync(built).mtimeMs >= source) return;
  await build({ root, logLevel: "warn" });
}
