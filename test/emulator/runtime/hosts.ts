/**
 * The hosts that run a live build: worker threads (host.js) each serving runtime-handler's app for
 * one Environment's build, one invocation at a time, kept warm between invocations as Twilio keeps
 * its containers. A worker thread is what makes a runaway Function stoppable (`while (true) {}`
 * cannot be interrupted from its own thread, its worker can be terminated) and gives each build
 * its own `Twilio`, `Runtime` and module cache, which runtime-handler keeps process-wide.
 */
import type { ServerConfig } from "@twilio/runtime-handler/dev";
import http from "http";
import path from "path";
import { Worker } from "worker_threads";
import { DEV_SERVER } from "./layout";

// A plain `.js` file beside this one, so that the same path works from the sources under jest and
// tsx; the worker gets no `execArgv`, hence none of the TypeScript loaders the parent may run with.
const HOST_SCRIPT = path.join(__dirname, "host.js");

// Keeps V8's code for what a host loads, for the next host (see the file).
const COMPILE_CACHE = path.join(__dirname, "..", "..", "engine", "compile-cache.js");

// Twilio gives a Function 256 MB of memory.
const HEAP_LIMIT_MB = 256;

// A host that does not answer a ping this soon after an invocation is still busy with work the
// Function left running (a loop after its callback): it would hang the next invocation.
const PING_LIMIT_MS = 1_000;

// Idle hosts kept per Environment after a burst of concurrent invocations.
const MAX_IDLE = 2;

/** What host.js posts (keep in step with it). */
type HostMessage = { type: "ready"; port: number } | { type: "tainted" } | { type: "pong" };

function isHostMessage(value: unknown): value is HostMessage {
  if (typeof value !== "object" || value === null || !("type" in value)) return false;
  return ["ready", "tainted", "pong"].includes(String(value.type));
}

/** What a host runs: runtime-handler's config, and the `process.env` its Functions see. */
export interface HostSetup {
  config: ServerConfig;
  env: Record<string, string>;
}

/** One worker thread serving runtime-handler's app on 127.0.0.1. */
export class Host {
  /** Keeps the connection to the host open between invocations. */
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  /** Set once an error escaped a Function: the host is not reused. */
  tainted = false;
  /** Why the worker stopped, once it has. */
  stopped: string | undefined;
  /** Settles once the worker thread is gone. */
  readonly exited: Promise<void>;
  private readonly pongs: Array<() => void> = [];

  private constructor(
    private readonly worker: Worker,
    readonly port: number,
  ) {
    this.exited = new Promise((resolve) => {
      worker.once("exit", () => {
        resolve();
      });
    });
    worker.on("message", (message: unknown) => {
      if (!isHostMessage(message)) return;
      if (message.type === "tainted") this.tainted = true;
      if (message.type === "pong") this.pongs.shift()?.();
    });
  }

  /**
   * Starts a host; rejects with the reason it could not start. Loading runtime-handler, express and
   * twilio takes most of a second, more on a loaded machine: that time is no Function's, so their
   * limit runs once the host is ready, and `startupTimeoutMs` only catches a host that never is.
   */
  static start(setup: HostSetup, startupTimeoutMs: number): Promise<Host> {
    const worker = new Worker(HOST_SCRIPT, {
      workerData: { devServer: DEV_SERVER, config: setup.config, compileCache: COMPILE_CACHE },
      env: setup.env,
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB },
    });
    return new Promise<Host>((resolve, reject) => {
      let host: Host | undefined;
      const fail = (reason: string): void => {
        clearTimeout(timer);
        if (host !== undefined) host.stopped ??= reason;
        else {
          void worker.terminate();
          reject(new Error(reason));
        }
      };
      const timer = setTimeout(() => {
        fail(`it did not start within ${startupTimeoutMs} ms`);
      }, startupTimeoutMs);
      worker.on("message", (message: unknown) => {
        if (!isHostMessage(message) || host !== undefined) return;
        if (message.type === "ready") {
          clearTimeout(timer);
          host = new Host(worker, message.port);
          resolve(host);
        }
      });
      worker.on("error", (err) => {
        fail(`${err.name}: ${err.message}`);
      });
      worker.on("exit", (code) => {
        fail(`it exited with code ${code}`);
      });
    });
  }

  /** Whether the host answers a ping within `ms`: false when a Function keeps its thread busy. */
  ping(ms = PING_LIMIT_MS): Promise<boolean> {
    if (this.stopped !== undefined) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        resolve(false);
      }, ms);
      this.pongs.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
      this.worker.postMessage({ type: "ping" });
    });
  }

  /** Stops the host and whatever its Functions are doing. */
  async terminate(): Promise<void> {
    this.stopped ??= "it was stopped";
    this.agent.destroy();
    await this.worker.terminate();
  }
}

/**
 * The hosts of one Environment's live build: an idle one serves the next invocation, a new one
 * starts when all are busy. `key` tells which build, domain and variables they run, so that the
 * runtime replaces the pool when one of them changes.
 */
export class HostPool {
  private readonly idle: Host[] = [];
  private readonly all = new Set<Host>();
  private retired = false;
  /** Hosts being checked after an invocation, and the invocations waiting for one of them. */
  private checking = 0;
  private readonly checked: Array<() => void> = [];

  /**
   * @param runtime `running`: every host of the runtime whose thread is alive, which this pool's
   * join while they are; `startupTimeoutMs`: how long a new host may take to start
   */
  constructor(
    readonly key: string,
    readonly buildSid: string,
    /** What a new host runs (the build is laid out on first use). */
    readonly setup: () => Promise<HostSetup>,
    private readonly runtime: { running: Set<Host>; startupTimeoutMs: () => number },
  ) {}

  /** A host for one invocation, to be given back with {@link release} or {@link discard}. */
  async acquire(): Promise<Host> {
    for (;;) {
      const idle = this.idle.pop();
      if (idle !== undefined) return idle;
      // A host just released is being checked: the next request of a client usually comes before
      // that ends, and waiting for it is far cheaper than starting another.
      if (this.checking === 0) break;
      await new Promise<void>((resolve) => this.checked.push(resolve));
    }
    const host = await Host.start(await this.setup(), this.runtime.startupTimeoutMs());
    this.all.add(host);
    const { running } = this.runtime;
    running.add(host);
    void host.exited.then(() => running.delete(host));
    return host;
  }

  /** Takes a host back after an invocation; it is kept for the next one only if it is well and free. */
  release(host: Host): void {
    this.checking++;
    void (async () => {
      // The pong also comes after any `tainted` the host posted while answering.
      const answers = !this.retired && (await host.ping());
      const reusable = answers && !this.retired && !host.tainted && host.stopped === undefined;
      if (reusable && this.idle.length < MAX_IDLE) this.idle.push(host);
      else this.discard(host);
      this.checking--;
      for (const wake of this.checked.splice(0)) wake();
    })();
  }

  /** Stops a host (timed out, failed): the next invocation gets another. */
  discard(host: Host): void {
    this.all.delete(host);
    const at = this.idle.indexOf(host);
    if (at >= 0) this.idle.splice(at, 1);
    void host.terminate();
  }

  /** Stops the idle hosts now; busy ones stop when their invocation ends. */
  retire(): void {
    this.retired = true;
    for (const host of this.idle.splice(0)) this.discard(host);
  }

  /** Stops every host, busy or not. */
  async close(): Promise<void> {
    this.retired = true;
    const hosts = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    await Promise.all(hosts.map((host) => host.terminate()));
  }
}
