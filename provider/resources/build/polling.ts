import { BuildStatus } from "../../twilio/builds";

/**
 * Without a prediction, the first reads come sooner, so that a quick build is not held up for a
 * whole second: 250 ms and 750 ms after the wait began.
 */
const QUICK_READS_MS = [250, 750];
/**
 * Then a read every second for as long as the build lasts, the pace of Twilio's docs and of its
 * own Toolkit: one status read a second is a small share of an account's request budget, where a
 * back-off would leave a long build's deployment waiting for several seconds.
 */
const STEADY_GAP_MS = 1_000;
/** Around a predicted end, a read every 250 ms: the completion is seen within that. */
const DENSE_GAP_MS = 250;
/**
 * How far the dense reads reach on each side of the predicted end. Twilio dates builds in whole
 * seconds, so a past build's duration is known to ±1 s only; the mean over several builds is
 * closer, and a build that ends outside the window is still seen within a second, as without a
 * prediction.
 */
const DENSE_REACH_MS = 500;
/**
 * With a prediction, the sparse reads before the dense ones start at a second: what ends before
 * then is far quicker than the Service's builds have been.
 */
const FIRST_SPARSE_READ_MS = 1_000;

/** How often a long build says it is still building. */
export const PROGRESS_EVERY_MS = 10_000;

/** The first time of `times` (increasing) after `afterMs`, or `undefined`. */
const firstAfter = (afterMs: number, times: number[]): number | undefined => times.find((t) => t > afterMs);

/** The next time on a grid of `gapMs` through `anchorMs` after `afterMs`, when `afterMs` ≥ `anchorMs`. */
const nextOnGrid = (afterMs: number, anchorMs: number, gapMs: number): number =>
  anchorMs + gapMs * (Math.floor((afterMs - anchorMs) / gapMs) + 1);

/**
 * When the next status read is due, in ms after the wait began, strictly after `afterMs` (the
 * time of the last read, 0 before the first). Every read is due at a fixed time from the start, so
 * that the time a read takes never pushes the later ones back.
 *
 * Without `expectedMs`: 250 ms, 750 ms, then every second (1.75 s, 2.75 s …).
 *
 * With `expectedMs`, when the build is expected to complete: a read every 250 ms from half a second
 * before it to half a second after, every second before that (counted back from the first dense
 * read, none before the first second) and every second after it. Reads are no more frequent than
 * without a prediction until the dense ones, and a build that completes among them is seen within
 * 250 ms instead of up to a second.
 */
export function nextBuildReadMs(afterMs: number, expectedMs?: number): number {
  if (expectedMs === undefined) {
    return firstAfter(afterMs, QUICK_READS_MS) ?? nextOnGrid(afterMs, QUICK_READS_MS[1], STEADY_GAP_MS);
  }
  const denseFrom = Math.round(expectedMs) - DENSE_REACH_MS;
  const denseTo = Math.round(expectedMs) + DENSE_REACH_MS;
  // No read comes sooner than without a prediction, however quick the builds have been.
  const after = Math.max(afterMs, QUICK_READS_MS[0] - 1);
  if (after >= denseTo) return nextOnGrid(after, denseTo, STEADY_GAP_MS);
  if (after >= denseFrom) return nextOnGrid(after, denseFrom, DENSE_GAP_MS);
  // The latest whole number of seconds before the dense reads that is after `after`, if any such
  // read falls at or after the first second.
  const secondsBack = Math.min(
    Math.ceil((denseFrom - after) / STEADY_GAP_MS) - 1,
    Math.floor((denseFrom - FIRST_SPARSE_READ_MS) / STEADY_GAP_MS),
  );
  return secondsBack >= 1 ? denseFrom - secondsBack * STEADY_GAP_MS : denseFrom;
}

/** How a wait for a build ended. */
export type WaitOutcome = { status: "completed" | "failed" } | { status: "timeout"; waitedMs: number };

/** What a wait needs, injected so that tests need no real sleeping. */
export interface WaitClock {
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  /**
   * How many of its milliseconds pass in a real one: 1 unless a test harness runs build waits
   * faster. A build's expected duration comes from Twilio's dates, which are real time.
   */
  speed?: number;
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
    typeof value.now === "function" &&
    (!("speed" in value) ||
      value.speed === undefined ||
      (typeof value.speed === "number" && Number.isFinite(value.speed) && value.speed > 0))
  );
}

/** The clock of build waits: real time, or the one a test harness put at {@link TEST_CLOCK_KEY}. */
export function buildWaitClock(): WaitClock {
  const installed: unknown = Reflect.get(globalThis, TEST_CLOCK_KEY);
  return isWaitClock(installed) ? installed : REAL_CLOCK;
}

/** What a wait is told of when the build should complete. */
interface Prediction {
  /** The expected duration in ms of the wait's clock, once known. */
  ms: number | undefined;
  /** Still being worked out. */
  pending: boolean;
}

/**
 * Polls `status` until the build completes or fails, or `timeoutMs` has passed, saying at most
 * every {@link PROGRESS_EVERY_MS} how long it has been building. `expectedMs`, the build's
 * expected duration in ms of `clock`, shapes the reads (see {@link nextBuildReadMs}); given as a
 * promise, the reads follow the schedule without a prediction until it settles, and the read
 * being waited for is then re-planned. A rejected or `undefined` prediction leaves that schedule.
 */
export async function waitForBuild(
  status: () => Promise<BuildStatus>,
  options: {
    timeoutMs: number;
    progress: (elapsedMs: number) => void;
    clock: WaitClock;
    expectedMs?: number | Promise<number | undefined>;
  },
): Promise<WaitOutcome> {
  const { clock, timeoutMs } = options;
  const started = clock.now();
  const elapsed = (): number => clock.now() - started;
  const given = options.expectedMs;
  const prediction: Prediction = { ms: typeof given === "number" ? given : undefined, pending: false };
  let arrival: Promise<void> | undefined;
  if (given !== undefined && typeof given !== "number") {
    prediction.pending = true;
    arrival = given.then(
      (ms) => {
        prediction.ms = ms;
        prediction.pending = false;
      },
      () => {
        prediction.pending = false;
      },
    );
  }
  let lastProgress = 0;
  let last = 0;
  for (;;) {
    if (elapsed() >= timeoutMs) return { status: "timeout", waitedMs: elapsed() };
    let due = nextBuildReadMs(last, prediction.ms);
    while (arrival !== undefined && elapsed() < Math.min(due, timeoutMs)) {
      await Promise.race([clock.sleep(Math.min(due, timeoutMs) - elapsed()), arrival]);
      if (prediction.pending) continue;
      arrival = undefined;
      // A prediction that came late may put reads in the past: one read now stands for them.
      due = Math.max(nextBuildReadMs(last, prediction.ms), elapsed());
    }
    const wait = Math.min(due, timeoutMs) - elapsed();
    if (wait > 0) await clock.sleep(wait);
    last = due;
    const current = await status();
    if (current !== "building") return { status: current };
    if (elapsed() - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = elapsed();
      options.progress(lastProgress);
    }
  }
}
