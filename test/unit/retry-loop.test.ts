import { TwilioApiError } from "../../provider/twilio/errors";
import { lookupBeforeResend } from "../../provider/twilio/http/lost-answer";
import { RetryTiming, withRetries } from "../../provider/twilio/http/retry";
import { Attempt } from "../../provider/twilio/http/types";

const POLICY = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, maxElapsedMs: 10_000 };

/** A failure of attempt `number`, as the core request makes them. */
const failed = (number: number, status?: number): TwilioApiError =>
  new TwilioApiError({ method: "POST", path: "/v1/Services", status, detail: "x", attempts: number });

describe("withRetries", () => {
  let clock: number;
  let sleeps: number[];
  const timing = (): RetryTiming => ({
    policy: POLICY,
    now: () => clock,
    random: () => 0,
    sleep: (ms) => {
      sleeps.push(ms);
      clock += ms;
      return Promise.resolve();
    },
  });

  beforeEach(() => {
    clock = 0;
    sleeps = [];
  });

  it("sends again after a retryable failure, numbering the attempts, and returns the first success", async () => {
    const seen: number[] = [];
    const result = await withRetries(
      "GET",
      ({ number }) => {
        seen.push(number);
        return number < 3 ? Promise.reject(failed(number, 503)) : Promise.resolve("ok");
      },
      timing(),
    );
    expect(result).toBe("ok");
    expect(seen).toEqual([1, 2, 3]);
    expect(sleeps).toEqual([50, 100]);
  });

  it("throws the last attempt's failure once the policy's attempts are used", async () => {
    const err = await withRetries("GET", ({ number }) => Promise.reject(failed(number, 500)), timing()).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ status: 500, attempts: POLICY.maxAttempts });
    expect(sleeps).toHaveLength(POLICY.maxAttempts - 1);
  });

  it("throws a final answer, and anything that is not a TwilioApiError, at once", async () => {
    const unreadable = new Error("could not read the body of POST /v1/x: EACCES");
    await expect(withRetries("POST", () => Promise.reject(failed(1, 400)), timing())).rejects.toMatchObject({
      status: 400,
    });
    await expect(withRetries("POST", () => Promise.reject(unreadable), timing())).rejects.toBe(unreadable);
    expect(sleeps).toEqual([]);
  });

  it("leaves time spent waiting for a slot out of the budget", async () => {
    // Each attempt waits longer than the whole budget for its slot, then fails with a 503.
    const once = (attempt: Attempt): Promise<string> => {
      clock += POLICY.maxElapsedMs;
      attempt.waited(POLICY.maxElapsedMs);
      return attempt.number < 3 ? Promise.reject(failed(attempt.number, 503)) : Promise.resolve("ok");
    };
    await expect(withRetries("GET", once, timing())).resolves.toBe("ok");
  });

  it("takes what the hook before a resend finds, and leaves its time out of the budget", async () => {
    let sent = 0;
    const found = await withRetries<string>(
      "POST",
      ({ number }) => {
        sent++;
        return Promise.reject(failed(number, 502));
      },
      timing(),
      (failure) => {
        clock += POLICY.maxElapsedMs;
        return Promise.resolve(failure.attempts === 2 ? { value: "found" } : undefined);
      },
    );
    expect(found).toBe("found");
    expect(sent).toBe(2);
  });
});

describe("lookupBeforeResend", () => {
  const post = { method: "POST", url: "http://127.0.0.1/v1/Services" } as const;
  const lost = failed(1, undefined);
  const notConnected = new TwilioApiError({
    method: "POST",
    path: "/v1/Services",
    detail: "connect ECONNREFUSED",
    cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
  });

  it("is there only for a POST with something to look with", () => {
    const find = () => Promise.resolve("found");
    expect(lookupBeforeResend({ ...post, method: "GET" }, find)).toBeUndefined();
    expect(lookupBeforeResend(post, undefined)).toBeUndefined();
  });

  it("looks after a failure Twilio may have processed, and not after one it did not", async () => {
    let looks = 0;
    const hook = lookupBeforeResend(post, () => Promise.resolve(++looks === 1 ? "found" : undefined));
    if (hook === undefined) throw new Error("no hook");
    expect(await hook(failed(1, 429))).toBeUndefined();
    expect(await hook(notConnected)).toBeUndefined();
    expect(looks).toBe(0);
    expect(await hook(lost)).toEqual({ value: "found" });
    expect(await hook(failed(1, 502))).toBeUndefined();
    expect(looks).toBe(2);
  });

  it("lets the failure stand when the lookup fails, since sending again might make a second", async () => {
    const hook = lookupBeforeResend(post, () => Promise.reject(new Error("lookup failed")));
    const failure = failed(1, 500);
    await expect(hook?.(failure)).rejects.toBe(failure);
  });
});
