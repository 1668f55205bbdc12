import { BuildStatus } from "../../twilio/builds";

/** The first polls come sooner, so that a quick build is not held up for a whole second. */
const QUICK_DELAYS_MS = [250, 500];
/**
 * Then every second for as long as the build lasts, the pace of Twilio's docs and of its own
 * Toolkit: a finished build waits at most a second for its deployment, and one status read a
 * second is a small share of an account's request budget, where a back-off would leave a long
 * build's deployment waiting for several seconds.
 */
const STEADY_DELAY_MS = 1_000;
/** How often a long build says it is still building. */
export const PROGRESS_EVERY_MS = 10_000;

/** The time between poll number `poll` (1-based) and the one before it, or the start: 250 ms, 500 ms, then a second. */
export function buildPollDelayMs(poll: number): number {
  return poll <= QUICK_DELAYS_MS.length ? QUICK_DELAYS_MS[poll - 1] : STEADY_DELAY_MS;
}

/** How a wait for a build ended. */
export type WaitOutcome = { status: "completed" | "failed" } | { status: "timeout"; waitedMs: number };

/** What a wait needs, injected so that tests need no real sleeping. */
export interface WaitClock {
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

const REAL_CLOCK: WaitClock = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: Date.now,
};

/**
 * Where a test harness puts the clock of the build waits of a process it started, before the first
 * wait: the engine runs the provider in a plugin process of its own, which no test can reach with
 * an argument (the harness `--require`s a module that sets it). Nothing else sets it.
 */
export const TEST_CLOCK_KEY = Symbol.for("pulumi-twilio-serverless.test.buildWaitClock");

function isWaitClock(value: unknown): value is WaitClock {
  return (
    typeof value === "object" &&
    value !== null &&
    "sleep" in value &&
    typeof value.sleep === "function" &&
    "now" in value &&
    typeof value.now === "function"
  );
}

/** The clock of build waits: real time, or the one a test harness put at {@link TEST_CLOCK_KEY}. */
export function buildWaitClock(): WaitClock {
  const installed: unknown = Reflect.get(globalThis, TEST_CLOCK_KEY);
  return isWaitClock(installed) ? installed : REAL_CLOCK;
}

/**
 * Polls `status` until the build completes or fails, or `timeoutMs` has passed, saying at most
 * every {@link PROGRESS_EVERY_MS} how long it has been building.
 */
export async function waitForBuild(
  status: () => Promise<BuildStatus>,
  options: { timeoutMs: number; progress: (elapsedMs: number) => void; clock: WaitClock },
): Promise<WaitOutcome> {
  const { clock } = options;
  const started = clock.now();
  let lastProgress = started;
  // Each read is due at a fixed time from the start (250 ms, 750 ms, 1.75 s, 2.75 s …), not a
  // delay after the previous answer: the time a read takes must not push the later ones back.
  let due = started;
  for (let poll = 1; ; poll++) {
    const elapsed = clock.now() - started;
    if (elapsed >= options.timeoutMs) return { status: "timeout", waitedMs: elapsed };
    due += buildPollDelayMs(poll);
    await clock.sleep(Math.max(0, Math.min(due - clock.now(), started + options.timeoutMs - clock.now())));
    const current = await status();
    if (current !== "building") return { status: current };
    if (clock.now() - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = clock.now();
      options.progress(lastProgress - started);
    }
  }
}
