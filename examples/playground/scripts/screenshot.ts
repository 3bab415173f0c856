// Makes screenshot.png for the README: the built site in headless chromium, the echo guest after some
// typing, paused and stepped, with the address-space view open on a page-table walk.
// Run: pnpm --filter playground build && pnpm --filter playground screenshot
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "../test/static-server.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const server = await serve(join(root, "dist"));
const profile = mkdtempSync(join(tmpdir(), "playground-shot-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
  ],
  viewport: { width: 1400, height: 860 },
});
try {
  const page = await context.newPage();
  await page.goto(`${server.url}?guest=echo`);
  await page.waitForSelector('#status[data-state="running"]');
  await page.waitForTimeout(1500);
  await page.click("#terminal");
  await page.keyboard.type("hello from the browser");
  await page.keyboard.press("Enter");
  await page.waitForTimeout(1500);
  await page.click("#pause");
  await page.fill("#step-count", "9");
  await page.click("#step");
  await page.click("#addrspace summary");
  await page.fill("#gpa", "0x200000");
  await page.click("#walk");
  await page.waitForFunction(() => (document.getElementById("walk-result")?.textContent ?? "").includes("→"));
  await page.screenshot({ path: join(root, "screenshot.png"), fullPage: true });
} finally {
  await context.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
