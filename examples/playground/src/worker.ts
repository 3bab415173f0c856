// The VM worker: a VmRunner driven by messages, running the guest in ~10 ms turns. Between turns it
// yields through a MessageChannel (setTimeout would be clamped to 4 ms), so pause, step and input are
// handled within one turn.
import type { FromWorker, ToWorker } from "./protocol.js";
import { VmRunner } from "./vm-runner.js";

const TURN_MS = 10;

interface WorkerScope {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;

// console bytes are copied, not transferred: a transfer detaches the buffer, and one detached buffer makes
// V8 check every later typed-array access in this worker for detachment (the interpreter slows by ~15%)
const runner = new VmRunner((m) => scope.postMessage(m));

const wake = new MessageChannel();
let scheduled = false;
function schedule(): void {
  if (scheduled || !runner.runnable()) return;
  scheduled = true;
  wake.port2.postMessage(null);
}
wake.port1.onmessage = () => {
  scheduled = false;
  runner.turn(TURN_MS);
  runner.tick();
  schedule();
};

scope.onmessage = (event) => {
  const m = event.data;
  try {
    switch (m.kind) {
      case "boot":
        runner.boot(m);
        break;
      case "pause":
        runner.pause();
        break;
      case "resume":
        runner.resume();
        break;
      case "step":
        runner.step(m.count);
        break;
      case "input":
        runner.input(m.bytes);
        break;
      case "describe":
        runner.describe();
        break;
      case "walk":
        runner.walk(m.gpa);
        break;
    }
  } catch (e) {
    scope.postMessage({ kind: "error", message: e instanceof Error ? e.message : String(e) });
  }
  schedule();
};
