import { BuildRecord, BuildStatus } from "./records";
import { now } from "./store";

/** How the emulator's builds behave; every field can also be changed at run time on {@link BuildRunner}. */
export interface BuildOptions {
  /** Milliseconds a new build stays `building` before it completes or fails (default 50). */
  buildDurationMs?: number;
  /** Package names: a build whose dependencies name one of them fails. */
  failingDependencies?: string[];
  /** Keeps every build `building` until {@link BuildRunner.release} (default false). */
  holdBuilds?: boolean;
}

/**
 * Moves builds from `building` to `completed` or `failed`, as Twilio's installer does. A build's
 * outcome is decided when it is created; it is reached `durationMs` later, or at `release()` for a
 * build whose time came while builds were held.
 */
export class BuildRunner {
  /** Milliseconds a build created from now on stays `building`. */
  durationMs: number;
  /** A build created from now on whose dependencies name one of these packages fails. */
  failingDependencies: string[];
  private holding: boolean;
  private failuresLeft = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly waiting: Array<{ build: BuildRecord; outcome: BuildStatus }> = [];

  constructor(options: BuildOptions) {
    this.durationMs = options.buildDurationMs ?? 50;
    this.failingDependencies = [...(options.failingDependencies ?? [])];
    this.holding = options.holdBuilds ?? false;
  }

  /** Makes the next `count` builds created fail, whatever their dependencies. */
  failNext(count = 1): void {
    this.failuresLeft += count;
  }

  /** Keeps builds `building` from now on, however long they wait, until {@link release}. */
  hold(): void {
    this.holding = true;
  }

  /** Ends the hold: builds whose time has come finish now, the others when their time comes. */
  release(): void {
    this.holding = false;
    for (const { build, outcome } of this.waiting.splice(0)) finish(build, outcome);
  }

  /** Starts a build just created in the `building` state. */
  start(build: BuildRecord): void {
    const outcome = this.outcome(build);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.holding) this.waiting.push({ build, outcome });
      else finish(build, outcome);
    }, this.durationMs);
    // A build still running must not keep a test process alive.
    timer.unref();
    this.timers.add(timer);
  }

  /** Forgets every build still running (the emulator is closing). */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.waiting.length = 0;
  }

  private outcome(build: BuildRecord): BuildStatus {
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      return "failed";
    }
    const failing = build.dependencies.some((d) => this.failingDependencies.includes(d.name));
    return failing ? "failed" : "completed";
  }
}

function finish(build: BuildRecord, outcome: BuildStatus): void {
  build.status = outcome;
  build.dateUpdated = now();
  build.finishedAt = Date.now();
}
