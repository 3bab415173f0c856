// Node-only: the terminal's keystrokes (or piped stdin) as a guest's console input, like QEMU -nographic.

/** Queues stdin bytes for a guest UART; on a terminal, raw mode passes keys at once and Ctrl-C stops the run. */
export class StdinConsole {
  readonly #stdin: NodeJS.ReadStream;
  readonly #raw: boolean;
  #queue: number[] = [];
  #ended = false;

  constructor(stdin: NodeJS.ReadStream, onInterrupt: () => void) {
    this.#stdin = stdin;
    this.#raw = stdin.isTTY === true;
    if (this.#raw) {
      stdin.setRawMode(true);
      // Never leave the terminal raw, even if the process ends another way.
      process.once("exit", () => stdin.setRawMode(false));
    }
    stdin.on("data", (chunk: Buffer) => {
      for (const b of chunk) {
        // Raw mode turns Ctrl-C into a byte: keep it as the way out.
        if (this.#raw && b === 0x03) onInterrupt();
        else this.#queue.push(b);
      }
    });
    // A closed or broken stdin just means no more input.
    stdin.on("error", () => {
      this.#ended = true;
    });
    stdin.on("end", () => {
      this.#ended = true;
    });
    stdin.resume();
  }

  /** The bytes received since the last call, or `undefined`. */
  take(): Uint8Array | undefined {
    if (this.#queue.length === 0) return undefined;
    const out = Uint8Array.from(this.#queue);
    this.#queue = [];
    return out;
  }

  /** Whether more input may come: stdin has not ended, or received bytes wait to be taken. */
  open(): boolean {
    return !this.#ended || this.#queue.length > 0;
  }

  /** Restores the terminal and stops reading, so the process can exit. */
  close(): void {
    if (this.#raw) this.#stdin.setRawMode(false);
    this.#stdin.pause();
    this.#stdin.destroy();
  }
}
