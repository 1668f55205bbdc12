import { BuildStatus } from "../../provider/twilio/builds";
import {
  TEST_CLOCK_KEY,
  WaitClock,
  buildWaitClock,
  nextBuildReadMs,
  waitForBuild,
} from "../../provider/resources/build/polling";

/** A clock that moves only when the wait sleeps, recording each sleep. */
function fakeClock(): WaitClock & { sleeps: number[] } {
  let time = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    sleep: (ms) => {
      sleeps.push(ms);
      time += ms;
      return Promise.resolve();
    },
  };
}

/** Status answers: `building` until `doneAfterMs` of the clock, then `outcome`. */
const statusAt = (clock: WaitClock, doneAfterMs: number, outcome: BuildStatus) => (): Promise<BuildStatus> =>
  Promise.resolve(clock.now() >= doneAfterMs ? outcome : "building");

/** The times of the first `count` reads, by the schedule alone. */
function readTimes(count: number, expectedMs?: number): number[] {
  const times: number[] = [];
  let last = 0;
  while (times.length < count) times.push((last = nextBuildReadMs(last, expectedMs)));
  return times;
}

/** The reads up to the first at or after `buildMs`, and how late that one comes. */
function seen(buildMs: number, expectedMs?: number): { reads: number; lateMs: number } {
  const times: number[] = [];
  let last = 0;
  while (last < buildMs) times.push((last = nextBuildReadMs(last, expectedMs)));
  return { reads: times.length, lateMs: last - buildMs };
}

/** Build durations from 1.5 s to a minute in uneven steps, and a few longer ones. */
const DURATIONS = [...Array.from({ length: 430 }, (_, i) => 1_500 + i * 137), 299_999, 600_001];

/** The durations and prediction errors for which `fails` holds, for one expectation over all of them. */
function failures(
  durations: number[],
  offsetsMs: number[],
  fails: (buildMs: number, predicted: { reads: number; lateMs: number }) => boolean,
): string[] {
  const failed: string[] = [];
  for (const buildMs of durations) {
    for (const offMs of offsetsMs) {
      if (buildMs + offMs < 0) continue;
      const predicted = seen(buildMs, buildMs + offMs);
      if (fails(buildMs, predicted))
        failed.push(`${buildMs} ms predicted ${buildMs + offMs} ms: ${JSON.stringify(predicted)}`);
    }
  }
  return failed;
}

describe("the build read schedule", () => {
  it("without a prediction, reads after 250 ms and 750 ms, then every second however long the build lasts", () => {
    const times = readTimes(600);
    expect(times.slice(0, 4)).toEqual([250, 750, 1750, 2750]);
    expect(new Set(times.slice(2).map((t, i) => t - times[i + 1]))).toEqual(new Set([1000]));
  });

  it("with a prediction, reads every second until half a second before it, every 250 ms to half a second after, then every second", () => {
    expect(readTimes(20, 15_000)).toEqual([
      ...Array.from({ length: 13 }, (_, i) => 1_500 + i * 1_000),
      14_500,
      14_750,
      15_000,
      15_250,
      15_500,
      16_500,
      17_500,
    ]);
    expect(readTimes(7, 2_000)).toEqual([1_500, 1_750, 2_000, 2_250, 2_500, 3_500, 4_500]);
  });

  it("reads no sooner than 250 ms, and not before the first second unless the predicted end is within it", () => {
    expect(readTimes(5, 300)).toEqual([300, 550, 800, 1_800, 2_800]);
    expect(readTimes(2, 1_800)).toEqual([1_300, 1_550]);
    expect(readTimes(2, 3_200)).toEqual([1_700, 2_700]);
  });

  it("sees a build that ends as predicted within 250 ms, with no more reads than without a prediction", () => {
    expect(failures(DURATIONS, [0], (ms, p) => p.lateMs > 250 || p.reads > seen(ms).reads)).toEqual([]);
  });

  it("sees a build that ends within half a second of the prediction within 250 ms, for at most one more read from 2 s on", () => {
    const offsets = [-500, -320, -110, 130, 260, 500];
    expect(failures(DURATIONS, offsets, (_ms, p) => p.lateMs > 250)).toEqual([]);
    const from2s = DURATIONS.filter((ms) => ms >= 2_000);
    expect(failures(from2s, offsets, (ms, p) => p.reads > seen(ms).reads + 1)).toEqual([]);
  });

  it("sees a build far from its prediction within a second, for at most three more reads", () => {
    const offsets = [-30_000, -3_000, -900, 900, 3_000, 30_000];
    expect(failures(DURATIONS, offsets, (ms, p) => p.lateMs > 1_000 || p.reads > seen(ms).reads + 3)).toEqual([]);
  });
});

describe("build polling", () => {
  test.each([300, 2_000, 2_700, 30_000, 600_000])(
    "a build of %i ms is seen within a second of completing, with at most one poll per second plus two",
    async (buildMs) => {
      const clock = fakeClock();
      let polls = 0;
      let seenAt = Number.NaN;
      const status = statusAt(clock, buildMs, "completed");
      await waitForBuild(
        async () => {
          polls++;
          const answer = await status();
          if (answer === "completed") seenAt = clock.now();
          return answer;
        },
        { timeoutMs: 900_000, clock, progress: () => undefined },
      );
      expect(seenAt - buildMs).toBeLessThanOrEqual(1_000);
      expect(polls).toBeLessThanOrEqual(Math.floor(buildMs / 1000) + 2);
    },
  );

  it("ends at the first poll that sees the build completed", async () => {
    const clock = fakeClock();
    const progress: number[] = [];
    const outcome = await waitForBuild(statusAt(clock, 2_700, "completed"), {
      timeoutMs: 900_000,
      progress: (ms) => progress.push(ms),
      clock,
    });
    expect(outcome).toEqual({ status: "completed" });
    expect(clock.sleeps).toEqual([250, 500, 1000, 1000]);
    expect(progress).toEqual([]);
  });

  it("reads at fixed times from the start, however long each read takes", async () => {
    const clock = fakeClock();
    const readAt: number[] = [];
    const slowRead = async (): Promise<BuildStatus> => {
      readAt.push(clock.now());
      await clock.sleep(120);
      return clock.now() >= 3_000 ? "completed" : "building";
    };
    await waitForBuild(slowRead, { timeoutMs: 900_000, progress: () => {}, clock });
    expect(readAt).toEqual([250, 750, 1750, 2750, 3750]);
  });

  it("reports a failed build as soon as it is seen", async () => {
    const clock = fakeClock();
    const outcome = await waitForBuild(statusAt(clock, 0, "failed"), { timeoutMs: 1_000, progress: () => {}, clock });
    expect(outcome).toEqual({ status: "failed" });
    expect(clock.sleeps).toEqual([250]);
  });

  it("says how long it has been building at most every 10 s", async () => {
    const clock = fakeClock();
    const progress: number[] = [];
    await waitForBuild(statusAt(clock, 45_000, "completed"), {
      timeoutMs: 900_000,
      progress: (ms) => progress.push(ms),
      clock,
    });
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.every((ms, i) => i === 0 || ms - progress[i - 1] >= 10_000)).toBe(true);
  });

  it("gives up once the timeout has passed, never sleeping past it", async () => {
    const clock = fakeClock();
    const outcome = await waitForBuild(statusAt(clock, Infinity, "completed"), {
      timeoutMs: 12_000,
      progress: () => {},
      clock,
    });
    expect(outcome).toEqual({ status: "timeout", waitedMs: 12_000 });
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(12_000);
  });
});

describe("a build wait told when the build should end", () => {
  /** Waits for a build of `buildMs` with `expectedMs`, answering the times of its status reads. */
  async function readsOf(
    buildMs: number,
    expectedMs: number | Promise<number | undefined>,
    clock = fakeClock(),
    onRead: (n: number) => void = () => undefined,
  ): Promise<number[]> {
    const readAt: number[] = [];
    await waitForBuild(
      () => {
        readAt.push(clock.now());
        onRead(readAt.length);
        return Promise.resolve(clock.now() >= buildMs ? "completed" : "building");
      },
      { timeoutMs: 900_000, progress: () => undefined, clock, expectedMs },
    );
    return readAt;
  }

  it("reads around the predicted end, known from the start", async () => {
    expect(await readsOf(15_000, 15_000)).toEqual([
      ...Array.from({ length: 13 }, (_, i) => 1_500 + i * 1_000),
      14_500,
      14_750,
      15_000,
    ]);
  });

  it("takes a prediction that arrives before the first read instead of that read", async () => {
    expect(await readsOf(2_000, Promise.resolve(2_000))).toEqual([1_500, 1_750, 2_000]);
  });

  it("reads as without a prediction until it arrives, then around the predicted end", async () => {
    let arrive: (ms: number) => void = () => undefined;
    const later = new Promise<number>((resolve) => (arrive = resolve));
    const afterFirstRead = (n: number): void => {
      if (n === 1) arrive(2_000);
    };
    expect(await readsOf(2_000, later, fakeClock(), afterFirstRead)).toEqual([250, 1_500, 1_750, 2_000]);
  });

  it("reads once, not once for each read it would have made, when a late prediction puts reads in the past", async () => {
    let arrive: (ms: number) => void = () => undefined;
    const later = new Promise<number>((resolve) => (arrive = resolve));
    const clock = fakeClock();
    const sleep = clock.sleep;
    // Arrives during the sleep before the 750 ms read, saying the build should have ended at 200 ms.
    clock.sleep = (ms) => {
      const slept = sleep(ms);
      if (clock.now() >= 600) arrive(200);
      return slept;
    };
    expect(await readsOf(1_000, later, clock)).toEqual([250, 750, 1_700]);
  });

  it.each([
    ["fails", Promise.reject(new Error("listing failed"))],
    ["finds no history", Promise.resolve(undefined)],
  ])("reads as without a prediction when working one out %s", async (_what, prediction) => {
    // Sleeps that end after other callbacks have run, as real timers do: a prediction that
    // settles during one is seen before it ends.
    const clock = fakeClock();
    const sleep = clock.sleep;
    clock.sleep = (ms) => sleep(ms).then(() => new Promise<void>((resolve) => setImmediate(resolve)));
    expect(await readsOf(2_000, prediction, clock)).toEqual([250, 750, 1_750, 2_750]);
  });
});

describe("the clock of build waits", () => {
  afterEach(() => Reflect.deleteProperty(globalThis, TEST_CLOCK_KEY));

  it("is real time unless a test harness put one in the process", async () => {
    const clock = buildWaitClock();
    const before = Date.now();
    expect(clock.now()).toBeGreaterThanOrEqual(before);
    await clock.sleep(30);
    // Timers may fire a millisecond early.
    expect(Date.now() - before).toBeGreaterThanOrEqual(29);
    expect(clock.now()).toBeLessThanOrEqual(Date.now());
  });

  it("is the one a test harness put in the process, if it is a clock", () => {
    const real = buildWaitClock();
    const installed = fakeClock();
    Reflect.set(globalThis, TEST_CLOCK_KEY, installed);
    expect(buildWaitClock()).toBe(installed);
    Reflect.set(globalThis, TEST_CLOCK_KEY, { now: () => 0 });
    expect(buildWaitClock()).toBe(real);
    const faster = { ...fakeClock(), speed: 10 };
    Reflect.set(globalThis, TEST_CLOCK_KEY, faster);
    expect(buildWaitClock()).toBe(faster);
    for (const speed of [0, -1, Number.NaN, "10"]) {
      Reflect.set(globalThis, TEST_CLOCK_KEY, { ...fakeClock(), speed });
      expect(buildWaitClock()).toBe(real);
    }
  });
});
