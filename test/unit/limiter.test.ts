import { Limiter, MAX_PROBE_COOLDOWN_ROUNDS, PROBE_COOLDOWN_ROUNDS } from "../../provider/twilio/http/limiter";

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  let reject: (reason: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs tasks through a limiter, each blocked on its own deferred, recording start order and peak concurrency. */
function harness(limiter: Limiter, count: number) {
  const gates = Array.from({ length: count }, () => deferred<string>());
  const started: number[] = [];
  let current = 0;
  let peak = 0;
  const results = gates.map((gate, i) =>
    limiter.run(async () => {
      started.push(i);
      current++;
      peak = Math.max(peak, current);
      try {
        return await gate.promise;
      } finally {
        current--;
      }
    }),
  );
  return { gates, started, results, peak: () => peak };
}

describe("Limiter", () => {
  it("never runs more than limit tasks at once", async () => {
    const limiter = new Limiter(2);
    const { gates, started, results, peak } = harness(limiter, 5);
    await settle();
    expect(started).toEqual([0, 1]);
    expect(limiter.running).toBe(2);

    gates[1].resolve("b");
    await settle();
    expect(started).toEqual([0, 1, 2]);
    expect(limiter.running).toBe(2);

    gates[0].resolve("a");
    gates[2].resolve("c");
    await settle();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(limiter.running).toBe(2);

    gates[3].resolve("d");
    gates[4].resolve("e");
    await expect(Promise.all(results)).resolves.toEqual(["a", "b", "c", "d", "e"]);
    expect(peak()).toBe(2);
    expect(limiter.running).toBe(0);
  });

  it("starts waiting tasks in arrival order", async () => {
    const limiter = new Limiter(1);
    const { gates, started, results } = harness(limiter, 4);
    await settle();
    expect(started).toEqual([0]);
    for (let i = 0; i < 4; i++) {
      gates[i].resolve(String(i));
      await settle();
      expect(started).toEqual([0, 1, 2, 3].slice(0, Math.min(i + 2, 4)));
    }
    await expect(Promise.all(results)).resolves.toEqual(["0", "1", "2", "3"]);
  });

  it("does not let a newcomer overtake tasks already waiting", async () => {
    const limiter = new Limiter(1);
    const { gates, started } = harness(limiter, 2);
    await settle();
    gates[0].resolve("a");
    // Arrives while task 1 is queued: must start after it.
    const order: string[] = [];
    const late = limiter.run(() => {
      order.push("late");
      return Promise.resolve();
    });
    await settle();
    expect(started).toEqual([0, 1]);
    expect(order).toEqual([]);
    gates[1].resolve("b");
    await late;
    expect(order).toEqual(["late"]);
  });

  it("setCeiling raising the bound starts waiting tasks at once", async () => {
    const limiter = new Limiter(1);
    const { gates, started, results, peak } = harness(limiter, 4);
    await settle();
    expect(started).toEqual([0]);

    limiter.setCeiling(3);
    expect(limiter.limit).toBe(3);
    await settle();
    expect(started).toEqual([0, 1, 2]);
    expect(limiter.running).toBe(3);

    gates.forEach((gate, i) => {
      gate.resolve(String(i));
    });
    await expect(Promise.all(results)).resolves.toEqual(["0", "1", "2", "3"]);
    expect(peak()).toBe(3);
  });

  it("setCeiling lowering the bound lets running tasks finish but starts no more", async () => {
    const limiter = new Limiter(2);
    const { gates, started, results } = harness(limiter, 4);
    await settle();
    limiter.setCeiling(1);
    gates[0].resolve("a");
    await settle();
    expect(started).toEqual([0, 1]);
    expect(limiter.running).toBe(1);
    gates[1].resolve("b");
    await settle();
    expect(started).toEqual([0, 1, 2]);
    gates[2].resolve("c");
    gates[3].resolve("d");
    await expect(Promise.all(results)).resolves.toEqual(["a", "b", "c", "d"]);
  });

  it("frees the slot of a rejected task and passes the rejection on", async () => {
    const limiter = new Limiter(1);
    const { gates, started, results } = harness(limiter, 2);
    await settle();
    const failure = new Error("boom");
    gates[0].reject(failure);
    await expect(results[0]).rejects.toBe(failure);
    await settle();
    expect(started).toEqual([0, 1]);
    expect(limiter.running).toBe(1);
    gates[1].resolve("b");
    await expect(results[1]).resolves.toBe("b");
    expect(limiter.running).toBe(0);
  });

  it("frees the slot of a task that throws synchronously", async () => {
    const limiter = new Limiter(1);
    const failure = new Error("sync");
    await expect(
      limiter.run(() => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(limiter.running).toBe(0);
    await expect(limiter.run(() => Promise.resolve(42))).resolves.toBe(42);
  });

  describe("adapting to 429s", () => {
    /** Runs `count` tasks one after another, each reporting success. */
    const succeed = async (limiter: Limiter, count: number): Promise<void> => {
      for (let i = 0; i < count; i++) {
        await limiter.run((r) => {
          limiter.succeeded(r);
          return Promise.resolve();
        });
      }
    };
    /** Runs one task that reports a 429. */
    const throttle = (limiter: Limiter): Promise<void> =>
      limiter.run((r) => {
        limiter.overloaded(r);
        return Promise.resolve();
      });

    it("halves the bound once per round, however many tasks of that round were throttled", async () => {
      const limiter = new Limiter(10);
      const rounds: number[] = [];
      await Promise.all(
        Array.from({ length: 6 }, () =>
          limiter.run((round) => {
            rounds.push(round);
            return Promise.resolve();
          }),
        ),
      );
      for (const round of rounds) limiter.overloaded(round);
      expect(limiter.limit).toBe(5);
      limiter.overloaded(rounds[0]);
      expect(limiter.limit).toBe(5);
    });

    it("never goes below one", async () => {
      const limiter = new Limiter(2);
      for (let i = 0; i < 4; i++) await throttle(limiter);
      expect(limiter.limit).toBe(1);
    });

    it("starts fewer tasks after halving, and starts more as soon as the bound grows", async () => {
      const limiter = new Limiter(4);
      await throttle(limiter);
      expect(limiter.limit).toBe(2);
      await succeed(limiter, 2 * PROBE_COOLDOWN_ROUNDS - 2);
      const round = await limiter.run((r) => Promise.resolve(r));
      const { gates, started, results } = harness(limiter, 4);
      await settle();
      expect(started).toEqual([0, 1]);
      limiter.succeeded(round);
      limiter.succeeded(round);
      expect(limiter.limit).toBe(3);
      await settle();
      expect(started).toEqual([0, 1, 2]);
      gates.forEach((gate, i) => {
        gate.resolve(String(i));
      });
      await Promise.all(results);
    });

    it("waits a cooldown after a drop, then grows one per `limit` successes, up to the ceiling", async () => {
      const limiter = new Limiter(8);
      await throttle(limiter);
      expect(limiter.limit).toBe(4);
      await succeed(limiter, 4 * PROBE_COOLDOWN_ROUNDS - 1);
      expect(limiter.limit).toBe(4);
      await succeed(limiter, 1);
      expect(limiter.limit).toBe(5);
      await succeed(limiter, 4);
      expect(limiter.limit).toBe(5);
      await succeed(limiter, 1);
      expect(limiter.limit).toBe(6);
      await succeed(limiter, 6 + 7);
      expect(limiter.limit).toBe(8);
      await succeed(limiter, 100);
      expect(limiter.limit).toBe(8);
    });

    it("goes back to the last bound that worked when a probe above it is throttled", async () => {
      const limiter = new Limiter(10);
      await throttle(limiter);
      await succeed(limiter, 5 * PROBE_COOLDOWN_ROUNDS + 6);
      expect(limiter.limit).toBe(7);
      await throttle(limiter);
      expect(limiter.limit).toBe(6);
    });

    it("doubles the cooldown for each probe throttled in a row, and resets it once a probe fits", async () => {
      const limiter = new Limiter(10);
      await throttle(limiter);
      await succeed(limiter, 5 * PROBE_COOLDOWN_ROUNDS);
      const probe = async (cooldownRounds: number): Promise<void> => {
        expect(limiter.limit).toBe(6);
        await throttle(limiter);
        expect(limiter.limit).toBe(5);
        await succeed(limiter, 5 * cooldownRounds - 1);
        expect(limiter.limit).toBe(5);
        await succeed(limiter, 1);
      };
      await probe(2 * PROBE_COOLDOWN_ROUNDS);
      await probe(4 * PROBE_COOLDOWN_ROUNDS);
      for (let rounds = 8 * PROBE_COOLDOWN_ROUNDS; rounds < MAX_PROBE_COOLDOWN_ROUNDS; rounds *= 2) await probe(rounds);
      await probe(MAX_PROBE_COOLDOWN_ROUNDS);
      await probe(MAX_PROBE_COOLDOWN_ROUNDS);
      await succeed(limiter, 6);
      expect(limiter.limit).toBe(7);
      await throttle(limiter);
      expect(limiter.limit).toBe(6);
      await succeed(limiter, 6 * 2 * PROBE_COOLDOWN_ROUNDS);
      expect(limiter.limit).toBe(7);
    });

    it("halves when throttled at a bound that used to work, as when another deploy takes a share", async () => {
      const limiter = new Limiter(10);
      await throttle(limiter);
      await succeed(limiter, 5 * PROBE_COOLDOWN_ROUNDS);
      expect(limiter.limit).toBe(6);
      await throttle(limiter);
      expect(limiter.limit).toBe(5);
      await throttle(limiter);
      expect(limiter.limit).toBe(2);
    });

    it("halves again, with the first cooldown, when throttled after whole rounds at the ceiling", async () => {
      const limiter = new Limiter(4);
      await throttle(limiter);
      await succeed(limiter, 2 * PROBE_COOLDOWN_ROUNDS + 3);
      await throttle(limiter);
      expect(limiter.limit).toBe(3);
      await succeed(limiter, 3 * 2 * PROBE_COOLDOWN_ROUNDS);
      expect(limiter.limit).toBe(4);
      await succeed(limiter, 4 * 10);
      await throttle(limiter);
      expect(limiter.limit).toBe(2);
      await succeed(limiter, 2 * PROBE_COOLDOWN_ROUNDS);
      expect(limiter.limit).toBe(3);
    });

    it("ignores successes of tasks that started before the last change", async () => {
      const limiter = new Limiter(4);
      let oldRound = -1;
      await limiter.run((round) => {
        oldRound = round;
        return Promise.resolve();
      });
      await throttle(limiter);
      for (let i = 0; i < 5; i++) limiter.succeeded(oldRound);
      expect(limiter.limit).toBe(2);
    });

    it("keeps what it learned when the same ceiling is set again, and resets on a new one", async () => {
      const limiter = new Limiter(8);
      await throttle(limiter);
      limiter.setCeiling(8);
      expect(limiter.limit).toBe(4);
      limiter.setCeiling(6);
      expect(limiter.limit).toBe(6);
      expect(limiter.ceiling).toBe(6);
    });
  });
});
