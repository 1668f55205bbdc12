import { BuildStatus } from "../../provider/twilio/builds";
import {
  TEST_CLOCK_KEY,
  WaitClock,
  buildPollDelayMs,
  buildWaitClock,
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

describe("build polling", () => {
  it("polls after 250 ms and 500 ms, then every second however long the build lasts", () => {
    const delays = Array.from({ length: 600 }, (_, i) => buildPollDelayMs(i + 1));
    expect(delays.slice(0, 4)).toEqual([250, 500, 1000, 1000]);
    expect(new Set(delays.slice(2))).toEqual(new Set([1000]));
  });

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
  });
});
