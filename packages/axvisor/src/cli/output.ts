// Node-only: the terminal side of the CLI (guest consoles, traces, the progress line).

import { Buffer } from "node:buffer";
import { TextDecoder } from "node:util";
import { formatExitReason } from "@axvisor/axvcpu";
import type { Vmm, VmmEvent } from "../vmm/vmm.js";

/** Pending console bytes beyond which {@link ConsoleOutput} writes without waiting for a flush. */
const FLUSH_BYTES = 1 << 16;

/**
 * Writes guest consoles to stdout, prefixing lines with the VM name when several VMs share it. Output is
 * buffered (a UART hands over a byte at a time, and a write per byte costs a system call): the caller
 * flushes it whenever the VMM yields or waits, and before anything else reaches the terminal.
 */
export class ConsoleOutput {
  readonly #out: NodeJS.WriteStream;
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  readonly #names: Map<number, string>;
  readonly #prefix: boolean;
  readonly #atLineStart = new Map<number, boolean>();
  readonly #decoders = new Map<number, TextDecoder>();
  #progressShown = false;

  constructor(out: NodeJS.WriteStream, names: Map<number, string>, prefix: boolean) {
    this.#out = out;
    this.#names = names;
    this.#prefix = prefix;
  }

  guest(vmId: number, bytes: Uint8Array): void {
    this.clearProgress();
    if (!this.#prefix) {
      // a copy: the caller may reuse its buffer
      this.#queue(bytes.slice());
      return;
    }
    let decoder = this.#decoders.get(vmId);
    if (decoder === undefined) {
      decoder = new TextDecoder();
      this.#decoders.set(vmId, decoder);
    }
    const text = decoder.decode(bytes, { stream: true });
    let start = this.#atLineStart.get(vmId) ?? true;
    let out = "";
    for (const ch of text) {
      if (start) out += `[${this.#names.get(vmId) ?? vmId}] `;
      // Guests end lines with \r\n; keep the bytes but start a new prefix only after \n.
      out += ch;
      start = ch === "\n";
    }
    this.#atLineStart.set(vmId, start);
    this.#queue(Buffer.from(out));
  }

  /** Writes the buffered console output. */
  flush(): void {
    if (this.#pendingBytes === 0) return;
    const chunks = this.#pending;
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#out.write(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
  }

  /** Ends every unfinished prefixed line, so later messages start on their own line, and flushes. */
  finish(): void {
    this.clearProgress();
    for (const [vmId, atStart] of this.#atLineStart) {
      if (!atStart) {
        this.#queue(Buffer.from("\n"));
        this.#atLineStart.set(vmId, true);
      }
    }
    this.flush();
  }

  progress(line: string): void {
    this.flush();
    this.#out.write(`\r\x1b[K${line}`);
    this.#progressShown = true;
  }

  /** Removes the progress line, so that a message can follow. */
  clearProgress(): void {
    if (this.#progressShown) {
      this.#out.write("\r\x1b[K");
      this.#progressShown = false;
    }
  }

  #queue(chunk: Uint8Array): void {
    this.#pending.push(chunk);
    this.#pendingBytes += chunk.length;
    if (this.#pendingBytes >= FLUSH_BYTES) this.flush();
  }
}

/** One line describing a VMM event for `--trace` and for the shell, or `undefined` when not worth a line. */
export function describeEvent(e: VmmEvent, names: ReadonlyMap<number, string>): string | undefined {
  const who = (vcpu?: number): string =>
    `${names.get(e.vmId) ?? `vm${e.vmId}`}${vcpu === undefined ? "" : `/${vcpu}`}`;
  switch (e.kind) {
    case "exit":
      return `[trace] ${who(e.vcpuId)} exit ${formatExitReason(e.exit)}`;
    case "instruction":
      return `[trace] ${who(e.vcpuId)} ${e.pc.toString(16).padStart(16, "0")}: ${e.word.toString(16).padStart(8, "0")}  ${e.text ?? ""}`;
    case "hypercall":
      return `[trace] ${who(e.vcpuId)} hypercall 0x${e.nr.toString(16)} -> ${e.ret}`;
    case "warning":
      return `axvisor: warning: VM ${e.vmId} (${names.get(e.vmId) ?? "?"}): ${e.message}`;
    case "state":
      return undefined;
  }
}

/** The progress line: elapsed time, instructions, speed, VMs still running. */
export function progressLine(vmm: Vmm, startMs: number, nowMs: number): string {
  let instructions = 0;
  for (const s of vmm.stats()) instructions += s.instructions ?? 0;
  const secs = (nowMs - startMs) / 1000;
  const running = vmm.vms().filter((v) => v.state() === "running").length;
  const mips = secs > 0 ? instructions / secs / 1e6 : 0;
  return `[axvisor] ${secs.toFixed(1)} s  ${(instructions / 1e6).toFixed(1)} M instructions  ${mips.toFixed(1)} MIPS  ${running} VM(s) running`;
}
