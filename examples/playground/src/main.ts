// The page: guest picker and file drop, the xterm.js console, run controls, figures, trace and the
// address-space view. All VM work happens in worker.ts; this file only sends requests and draws replies.
import "@xterm/xterm/css/xterm.css";
import "./style.css";
import { Terminal } from "@xterm/xterm";
import { bundledByFile, bundledGuest, fetchKernel, GUESTS } from "./guests.js";
import type {
  AddrSpaceView,
  BootRequest,
  FromWorker,
  StatsSample,
  ToWorker,
  TraceLine,
  WalkStep,
} from "./protocol.js";
import { Sparkline } from "./sparkline.js";

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`#${id} is missing from index.html`);
  return el as T;
};

const guestSelect = $<HTMLSelectElement>("guest");
const bootButton = $<HTMLButtonElement>("boot");
const pauseButton = $<HTMLButtonElement>("pause");
const stepButton = $<HTMLButtonElement>("step");
const stepCount = $<HTMLInputElement>("step-count");
const statusLine = $("status");
const messages = $("messages");

for (const g of GUESTS) {
  const opt = new Option(g.label, g.id);
  opt.disabled = g.url === undefined;
  guestSelect.add(opt);
}

const term = new Terminal({
  rows: 24,
  cols: 80,
  fontSize: 13,
  scrollback: 5000,
  theme: { background: "#000000" },
});
term.open($("terminal"));

let worker: Worker;
// Guest console bytes as they arrived, for the tests (the terminal keeps lines, not bytes).
let transcript = "";
const decoder = new TextDecoder();

function send(m: ToWorker, transfer: Transferable[] = []): void {
  worker.postMessage(m, transfer);
}

// ---- figures

const mipsChart = new Sparkline($<HTMLCanvasElement>("mips-chart"), "#6cb6ff");
const instrChart = new Sparkline($<HTMLCanvasElement>("instr-chart"), "#8ddb8c");
const exitChart = new Sparkline($<HTMLCanvasElement>("exit-chart"), "#f0b072");
let lastStats: StatsSample | undefined;
const sumExits = (s: StatsSample): number => Object.values(s.exits).reduce((a, b) => a + b, 0);

function showStats(s: StatsSample): void {
  const prev = lastStats;
  lastStats = s;
  $("mips").textContent = s.mips.toFixed(1);
  $("instructions").textContent = s.instructions.toLocaleString("en");
  const dt = prev === undefined ? 0 : (s.t - prev.t) / 1000;
  const rate = prev === undefined || dt <= 0 ? 0 : (sumExits(s) - sumExits(prev)) / dt;
  $("exit-rate").textContent = Math.round(rate).toLocaleString("en");
  mipsChart.push(s.mips);
  instrChart.push(s.instructions);
  exitChart.push(rate);
  const counted = s.interrupts !== undefined && s.tlbRefills !== undefined;
  $("irq-tlb").textContent = `${s.interrupts ?? 0} · ${s.tlbRefills ?? 0}`;
  $("irq-note").hidden = counted;
  const entries = Object.entries(s.exits).sort((a, b) => b[1] - a[1]);
  const max = entries[0]?.[1] ?? 1;
  $("exits").replaceChildren(
    ...entries.map(([reason, n]) => {
      const row = document.createElement("div");
      const label = document.createElement("span");
      label.textContent = reason;
      const bar = document.createElement("i");
      bar.style.width = `${Math.max(1, (n / max) * 100)}%`;
      const count = document.createElement("em");
      count.textContent = n.toLocaleString("en");
      row.append(label, bar, count);
      return row;
    }),
  );
}

// ---- trace and address space

function traceText(lines: readonly TraceLine[], next: TraceLine | undefined): string {
  const fmt = (l: TraceLine): string => `${l.pc}  ${l.word.slice(2)}  ${l.text}`;
  const out = lines.map((l) => `  ${fmt(l)}`);
  if (next !== undefined) out.push(`→ ${fmt(next)}   (next)`);
  return out.length === 0
    ? "(nothing traced yet: Step runs instructions with the tracer on)"
    : out.join("\n");
}

function table(el: HTMLElement, head: readonly string[], rows: readonly (readonly string[])[]): void {
  const tr = (cells: readonly string[], tag: "td" | "th"): HTMLTableRowElement => {
    const r = document.createElement("tr");
    for (const c of cells) {
      const cell = document.createElement(tag);
      cell.textContent = c;
      r.append(cell);
    }
    return r;
  };
  el.replaceChildren(tr(head, "th"), ...rows.map((r) => tr(r, "td")));
}

function showAddrSpace(v: AddrSpaceView): void {
  $("as-summary").textContent = `${v.summary}; nested page table at ${v.root}`;
  table(
    $("as-areas"),
    ["start", "end", "flags", "backend"],
    v.areas.map((a) => [a.start, a.end, a.flags, a.backend]),
  );
  table(
    $("as-devices"),
    ["device", "start", "end", "type"],
    v.devices.map((d) => [d.name, d.start, d.end, d.type]),
  );
}

function showWalk(gpa: string, steps: readonly WalkStep[], result: string): void {
  const lines = steps.map(
    (s) =>
      `L${s.level}[${String(s.index).padStart(3)}] @ ${s.entryAddr}: ${s.bits}  ${s.kind.padEnd(10)} ${s.description}`,
  );
  $("walk-result").textContent = [`walk of GPA ${gpa}:`, ...lines, result].join("\n");
}

// ---- state

let booted = false;
let paused = false;

function showState(state: string, isPaused: boolean, reason: string | undefined): void {
  paused = isPaused;
  const running = state === "running";
  statusLine.textContent = `${state}${running && isPaused ? " (paused)" : ""}${reason === undefined ? "" : `: ${reason}`}`;
  statusLine.dataset["state"] = running && isPaused ? "paused" : state;
  pauseButton.disabled = !running;
  pauseButton.textContent = isPaused ? "Resume" : "Pause";
  stepButton.disabled = !running;
  if ($<HTMLDetailsElement>("addrspace").open) send({ kind: "describe" });
}

function onMessage(m: FromWorker): void {
  switch (m.kind) {
    case "console": {
      const text = decoder.decode(m.bytes, { stream: true });
      transcript += text;
      term.write(m.bytes);
      break;
    }
    case "state":
      showState(m.state, m.paused, m.reason);
      break;
    case "stats":
      showStats(m.stats);
      break;
    case "trace":
      $("trace").textContent = traceText(m.lines, m.next);
      break;
    case "addrspace":
      showAddrSpace(m.view);
      break;
    case "walk":
      showWalk(m.gpa, m.steps, m.result);
      break;
    case "error":
      messages.textContent += `${m.message}\n`;
      break;
  }
}

function startWorker(): void {
  worker?.terminate();
  worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
  worker.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
  worker.onerror = (e) => {
    messages.textContent += `worker error: ${e.message}\n`;
  };
}

function boot(req: BootRequest): void {
  // A fresh worker per boot: the old VM's memory goes with it.
  startWorker();
  term.reset();
  transcript = "";
  messages.textContent = "";
  lastStats = undefined;
  for (const c of [mipsChart, instrChart, exitChart]) c.clear();
  $("trace").textContent = "Pause, then Step: the instructions run, disassembled.";
  $("walk-result").textContent = "";
  booted = true;
  statusLine.textContent = `booting ${req.name}…`;
  send(req, [req.kernel.buffer as ArrayBuffer]);
  term.focus();
}

async function bootBundled(id: string): Promise<void> {
  const g = bundledGuest(id);
  if (g === undefined) {
    messages.textContent = `no bundled guest "${id}"\n`;
    return;
  }
  guestSelect.value = g.id;
  const url = new URL(location.href);
  url.searchParams.set("guest", g.id);
  history.replaceState(null, "", url);
  try {
    boot({ kind: "boot", name: g.file, kernel: await fetchKernel(g) });
  } catch (e) {
    messages.textContent = `${e instanceof Error ? e.message : String(e)}\n`;
  }
}

// ---- dropped files: an ELF boots on the virt board; a TOML boots with the ELF its kernel_path names

const dropped = new Map<string, Uint8Array>();
let pendingToml: { name: string; text: string } | undefined;

async function takeFiles(files: Iterable<File>): Promise<void> {
  for (const f of files) {
    if (f.name.endsWith(".toml")) pendingToml = { name: f.name, text: await f.text() };
    else dropped.set(f.name, new Uint8Array(await f.arrayBuffer()));
  }
  if (pendingToml !== undefined) {
    const path = /^\s*kernel_path\s*=\s*"([^"]*)"/m.exec(pendingToml.text)?.[1];
    if (path === undefined) {
      messages.textContent = `${pendingToml.name}: no [kernel] kernel_path\n`;
      return;
    }
    const base = path.split(/[\\/]/).at(-1) ?? path;
    const bundled = bundledByFile(base);
    const kernel = dropped.get(base) ?? (bundled === undefined ? undefined : await fetchKernel(bundled));
    if (kernel === undefined) {
      messages.textContent = `${pendingToml.name} boots ${path}: drop ${base} too\n`;
      return;
    }
    const toml = pendingToml.text;
    pendingToml = undefined;
    boot({ kind: "boot", name: base, kernel: kernel.slice(), toml });
    return;
  }
  const last = [...dropped.entries()].at(-1);
  if (last !== undefined) boot({ kind: "boot", name: last[0], kernel: last[1].slice() });
}

// ---- wiring

bootButton.onclick = () => void bootBundled(guestSelect.value);
pauseButton.onclick = () => send({ kind: paused ? "resume" : "pause" });
stepButton.onclick = () => send({ kind: "step", count: Number(stepCount.value) || 1 });
term.onData((data) => {
  if (booted) send({ kind: "input", bytes: new TextEncoder().encode(data) });
});
$<HTMLInputElement>("files").onchange = (e) => {
  const files = (e.target as HTMLInputElement).files;
  if (files !== null) void takeFiles(files);
};
document.addEventListener("dragover", (e) => {
  e.preventDefault();
  document.body.classList.add("dragging");
});
document.addEventListener("dragleave", () => document.body.classList.remove("dragging"));
document.addEventListener("drop", (e) => {
  e.preventDefault();
  document.body.classList.remove("dragging");
  if (e.dataTransfer !== null) void takeFiles(e.dataTransfer.files);
});
$<HTMLDetailsElement>("addrspace").ontoggle = () => {
  if ($<HTMLDetailsElement>("addrspace").open && booted) send({ kind: "describe" });
};
$<HTMLFormElement>("walk-form").onsubmit = (e) => {
  e.preventDefault();
  send({ kind: "walk", gpa: $<HTMLInputElement>("gpa").value });
};

/** What the end-to-end tests read: the console as bytes decoded, and as the terminal shows it. */
(globalThis as { playground?: unknown }).playground = {
  transcript: (): string => transcript,
  terminalText: (): string => {
    const buf = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buf.length; i++) lines.push(buf.getLine(i)?.translateToString(true) ?? "");
    while (lines.length > 0 && lines.at(-1) === "") lines.pop();
    return lines.join("\n");
  },
};

startWorker();
const initial = new URLSearchParams(location.search).get("guest");
if (initial !== null) void bootBundled(initial);
