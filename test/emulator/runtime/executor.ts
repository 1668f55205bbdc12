/**
 * Runs Function invocations, each in a worker thread of its own (`worker.js`): a runaway Function
 * (`while (true) {}`) cannot be interrupted from the same thread, but its worker can be terminated,
 * and a fresh worker per invocation keeps one Function's globals from leaking into the next.
 */
import path from "path";
import { Worker } from "worker_threads";
import { CallbackPayload, Invocation, isWorkerMessage } from "./protocol";

/** How an invocation ended. */
export type Outcome =
  /** The handler called back with this payload. */
  | { kind: "success"; payload: CallbackPayload }
  /**
   * It failed: at `load` (its code threw, or exported no handler), in the `handler` (an error it
   * called back with or threw), or the worker `crashed` (an uncaught asynchronous error, memory).
   */
  | { kind: "failure"; phase: "load" | "handler" | "crashed"; message: string }
  /** It did not call back within the limit. */
  | { kind: "timeout"; limitMs: number };

// A plain `.js` file beside this one, so that the same path works from the sources under jest and
// tsx; the worker gets no `execArgv`, hence none of the TypeScript loaders the parent may run with.
const WORKER = path.join(__dirname, "worker.js");

// Starting a worker takes tens of milliseconds, more on a loaded machine: that time is not the
// Function's, so its limit runs from the worker's "ready"; this only catches a worker that never is.
const STARTUP_LIMIT_MS = 30_000;

// Twilio gives a Function 256 MB of memory.
const HEAP_LIMIT_MB = 256;

/** Starts invocations and stops those still running when the emulator closes. */
export class Executor {
  private readonly running = new Set<Worker>();

  /** @param limitMs how long a Function may run before its invocation ends in a timeout */
  constructor(public limitMs: number) {}

  /**
   * Runs one invocation. `env` becomes the worker's `process.env` (the Environment's Variables,
   * not the emulator's own environment, which holds its credentials).
   */
  run(invocation: Invocation, env: Record<string, string>): Promise<Outcome> {
    const limitMs = this.limitMs;
    const worker = new Worker(WORKER, {
      workerData: invocation,
      env,
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB },
    });
    this.running.add(worker);
    return new Promise<Outcome>((resolve) => {
      let timer = setTimeout(
        () => end({ kind: "failure", phase: "crashed", message: "the worker did not start" }),
        STARTUP_LIMIT_MS,
      );
      let ended = false;
      const end = (outcome: Outcome): void => {
        if (ended) return;
        ended = true;
        clearTimeout(timer);
        this.running.delete(worker);
        // Whatever the Function still does after calling back is cut off, as on Twilio.
        void worker.terminate();
        resolve(outcome);
      };
      worker.on("message", (message: unknown) => {
        if (!isWorkerMessage(message)) return;
        if (message.type === "ready") {
          clearTimeout(timer);
          timer = setTimeout(() => end({ kind: "timeout", limitMs }), limitMs);
        } else if (message.type === "success") {
          end({ kind: "success", payload: message.payload });
        } else {
          end({ kind: "failure", phase: message.phase, message: message.message });
        }
      });
      worker.on("error", (err) => end({ kind: "failure", phase: "crashed", message: `${err.name}: ${err.message}` }));
      // A worker whose event loop ran dry without a callback can never call back: as on Twilio, the
      // invocation still waits for its limit. Only an exit with a failure code ends it now.
      worker.on("exit", (code) => {
        if (code !== 0) end({ kind: "failure", phase: "crashed", message: `the Function exited with code ${code}` });
      });
    });
  }

  /** Terminates every invocation still running. */
  async close(): Promise<void> {
    const workers = [...this.running];
    this.running.clear();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
