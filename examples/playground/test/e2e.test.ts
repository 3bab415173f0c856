// End-to-end: the BUILT site in headless Debian chromium (playwright-core), served from 127.0.0.1.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve } from "./static-server.js";

const CHROMIUM = "/usr/bin/chromium";
const root = fileURLToPath(new URL("..", import.meta.url));
const repo = join(root, "..", "..");
const out = join(root, "test-output");
const missing = !existsSync(CHROMIUM);
if (missing && process.env["CI"] !== "true") {
  console.warn(`playground e2e tests skipped: ${CHROMIUM} is missing (apt-get install chromium)`);
}

// What a closed network needs: no sandbox (containers), no GPU, and nothing that phones home.
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

interface PlaygroundHooks {
  transcript(): string;
  terminalText(): string;
}
const transcript = (page: Page): Promise<string> =>
  page.evaluate(() => (globalThis as unknown as { playground: PlaygroundHooks }).playground.transcript());
const terminalText = (page: Page): Promise<string> =>
  page.evaluate(() => (globalThis as unknown as { playground: PlaygroundHooks }).playground.terminalText());

describe.skipIf(missing && process.env["CI"] !== "true")("playground in chromium", () => {
  let context: BrowserContext;
  let server: Awaited<ReturnType<typeof serve>>;
  let profile: string;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(out, { recursive: true });
    server = await serve(join(root, "dist"));
    profile = mkdtempSync(join(tmpdir(), "playground-chromium-"));
    // A persistent context is how playwright takes a --user-data-dir: a fresh one per run.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1400, height: 900 },
    });
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (profile !== undefined) rmSync(profile, { recursive: true, force: true });
  });

  async function open(query: string): Promise<Page> {
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.url}${query}`);
    return page;
  }

  it("boots hello from ?guest=hello; the page transcript equals the CLI's", async () => {
    const page = await open("?guest=hello");
    await page.waitForSelector('#status[data-state="stopped"]');
    await page.screenshot({ path: join(out, "hello.png") });
    expect(await page.textContent("#status")).toBe("stopped: powered off");
    const cli = execFileSync(
      process.execPath,
      [
        join(repo, "packages/axvisor/dist/cli.js"),
        "run",
        "--kernel",
        join(repo, "examples/guests/elf/hello.elf"),
      ],
      { encoding: "utf8" },
    );
    expect(cli).toContain("Hello from a LoongArch64 guest");
    // The guest's bytes, exactly as the CLI wrote them to stdout (both carry the guest's \r\n).
    expect(await transcript(page)).toBe(cli);
    // The terminal keeps lines, not bytes: its \r\n is a line break, so compare with \n and no trailing break.
    expect(await terminalText(page)).toBe(cli.replaceAll("\r\n", "\n").trimEnd());
    expect(errors).toEqual([]);
    await page.close();
  });

  it("types into the echo guest and sees the echo; pause and step trace instructions", async () => {
    const page = await open("?guest=echo");
    await page.waitForFunction(() =>
      (globalThis as unknown as { playground: PlaygroundHooks }).playground.transcript().endsWith("> "),
    );
    await page.click("#terminal");
    await page.keyboard.type("hello playground");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() =>
      (globalThis as unknown as { playground: PlaygroundHooks }).playground
        .terminalText()
        .includes("> HELLO PLAYGROUND\n> "),
    );
    expect(await transcript(page)).toContain("> HELLO PLAYGROUND\r\n> ");

    await page.click("#pause");
    await page.waitForSelector('#status[data-state="paused"]');
    await page.fill("#step-count", "8");
    await page.click("#step");
    // Pausing shows the next instruction; the step adds the 8 it ran.
    await page.waitForFunction(
      () => (document.getElementById("trace")?.textContent ?? "").split("\n").length === 9,
    );
    const trace = (await page.textContent("#trace")) ?? "";
    const lines = trace.split("\n");
    expect(lines.slice(0, 8).every((l) => /^ {2}0x[0-9a-f]{16} {2}[0-9a-f]{8} {2}\S/.test(l))).toBe(true);
    expect(lines[8]).toMatch(/^→ 0x[0-9a-f]{16} {2}[0-9a-f]{8} {2}\S.*\(next\)$/);
    // The guest polls the UART's line status: its loop loads a byte (ld.bu) and tests it.
    expect(trace).toMatch(/ld\.bu/);
    await page.screenshot({ path: join(out, "echo.png") });

    await page.click("#pause"); // resume
    await page.click("#terminal");
    await page.keyboard.type("exit");
    await page.keyboard.press("Enter");
    await page.waitForSelector('#status[data-state="stopped"]');
    expect(await transcript(page)).toMatch(/> EXIT\r\nbye\r\n$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("boots a dropped axvisor TOML, resolving its kernel_path to a bundled guest", async () => {
    const page = await open("");
    await page.setInputFiles("#files", join(repo, "examples/vms/hello.toml"));
    await page.waitForSelector('#status[data-state="stopped"]');
    expect(await transcript(page)).toContain("Hello from a LoongArch64 guest on the virt board!\r\n");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("opens the address-space view and walks a GPA through the nested page table", async () => {
    const page = await open("?guest=compute");
    await page.waitForSelector('#status[data-state="stopped"]');
    await page.click("#addrspace summary");
    await page.waitForSelector("#as-areas tr:nth-child(2)");
    expect(await page.textContent("#as-devices")).toContain("GPA:0x1fe001e0");
    await page.fill("#gpa", "0x200000");
    await page.click("#walk");
    await page.waitForFunction(() =>
      (document.getElementById("walk-result")?.textContent ?? "").includes("→"),
    );
    const walk = (await page.textContent("#walk-result")) ?? "";
    expect(walk).toMatch(/^walk of GPA 0x200000:/);
    expect(walk).toMatch(/L0\[ *\d+\] @ PA:0x[0-9a-f]+: 0x[0-9a-f]{16} {2}table/);
    expect(walk).toMatch(/leaf/);
    expect(walk).toMatch(/→ PA:0x[0-9a-f]+ \(READ \| WRITE \| EXECUTE\)/);
    expect(Number((await page.textContent("#instructions"))?.replaceAll(",", ""))).toBeGreaterThan(1_000_000);
    await page.screenshot({ path: join(out, "address-space.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
