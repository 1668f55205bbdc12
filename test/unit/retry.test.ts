import {
  DEFAULT_RETRY_POLICY,
  FailedAttempt,
  RetryPolicy,
  isRetryable,
  parseRetryAfter,
  retryDelay,
} from "../../provider/twilio/http/retry-timing";

const policy: RetryPolicy = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1000, maxElapsedMs: 10_000 };
// Wed, 21 Oct 2015 07:28:00 GMT, three seconds ahead of NOW.
const NOW = Date.UTC(2015, 9, 21, 7, 27, 57);

function failed(overrides: Partial<FailedAttempt>): FailedAttempt {
  return { attempt: 1, elapsedMs: 0, random: 0, ...overrides };
}

describe("retryDelay", () => {
  describe("exponential backoff with equal jitter", () => {
    // backoff = base * 2^(attempt-1); delay = backoff/2 + random * backoff/2, rounded.
    test.each([
      [1, 0, 50],
      [1, 0.5, 75],
      [1, 0.999, 100],
      [2, 0, 100],
      [2, 0.5, 150],
      [2, 0.999, 200],
      [3, 0, 200],
      [3, 0.5, 300],
      [3, 0.999, 400],
      [4, 0, 400],
      [4, 0.5, 600],
      [4, 0.999, 800],
    ])("attempt %i with random %d waits %i ms", (attempt, random, expected) => {
      expect(retryDelay(policy, failed({ attempt, random }))).toBe(expected);
    });

    it("uses the default policy's 250 ms base", () => {
      expect(retryDelay(DEFAULT_RETRY_POLICY, failed({ attempt: 1, random: 0 }))).toBe(125);
      expect(retryDelay(DEFAULT_RETRY_POLICY, failed({ attempt: 3, random: 0.5 }))).toBe(750);
    });
  });

  describe("cap at maxDelayMs", () => {
    // From attempt 5 on, 100 * 2^(attempt-1) >= 1600 is capped to 1000 before jitter.
    test.each([
      [5, 0, 500],
      [5, 0.5, 750],
      [5, 0.999, 1000],
      [9, 0, 500],
      [9, 0.5, 750],
      [9, 0.999, 1000],
    ])("attempt %i with random %d waits %i ms", (attempt, random, expected) => {
      expect(retryDelay(policy, failed({ attempt, random }))).toBe(expected);
    });
  });

  describe("give up at maxAttempts", () => {
    it("still retries after the attempt before the last", () => {
      expect(retryDelay({ ...policy, maxAttempts: 4 }, failed({ attempt: 3, random: 0 }))).toBe(200);
    });

    it("gives up once maxAttempts attempts were made", () => {
      expect(retryDelay({ ...policy, maxAttempts: 4 }, failed({ attempt: 4, random: 0 }))).toBeUndefined();
      expect(retryDelay({ ...policy, maxAttempts: 4 }, failed({ attempt: 5, random: 0 }))).toBeUndefined();
    });

    it("never retries with maxAttempts 1", () => {
      expect(retryDelay({ ...policy, maxAttempts: 1 }, failed({ attempt: 1 }))).toBeUndefined();
    });

    it("gives up even when Retry-After is present", () => {
      expect(retryDelay({ ...policy, maxAttempts: 2 }, failed({ attempt: 2, retryAfterMs: 1_000 }))).toBeUndefined();
    });
  });

  describe("give up when elapsed + delay exceeds maxElapsedMs", () => {
    it("retries when elapsed + delay equals the budget exactly", () => {
      expect(retryDelay(policy, failed({ attempt: 1, random: 0, elapsedMs: 9_950 }))).toBe(50);
    });

    it("gives up when elapsed + delay is one millisecond over the budget", () => {
      expect(retryDelay(policy, failed({ attempt: 1, random: 0, elapsedMs: 9_951 }))).toBeUndefined();
    });

    it("judges the jittered delay, not the bare backoff", () => {
      // attempt 2: random 0 → 100 ms fits, random 0.999 → 200 ms does not.
      expect(retryDelay(policy, failed({ attempt: 2, random: 0, elapsedMs: 9_850 }))).toBe(100);
      expect(retryDelay(policy, failed({ attempt: 2, random: 0.999, elapsedMs: 9_850 }))).toBeUndefined();
    });

    it("gives up when a Retry-After would outlast the budget", () => {
      expect(retryDelay(policy, failed({ retryAfterMs: 11_000 }))).toBeUndefined();
      expect(retryDelay(policy, failed({ retryAfterMs: 5_000, elapsedMs: 5_001 }))).toBeUndefined();
      expect(retryDelay(policy, failed({ retryAfterMs: 5_000, elapsedMs: 5_000 }))).toBe(5_000);
    });
  });

  describe("Retry-After is a floor, plus jitter up to baseDelayMs", () => {
    test.each([
      [0, 2_000],
      [0.5, 2_050],
      [0.999, 2_100],
    ])("Retry-After 2 s with random %d waits %i ms", (random, expected) => {
      expect(retryDelay(policy, failed({ attempt: 1, random, retryAfterMs: 2_000 }))).toBe(expected);
    });

    it("is honoured beyond maxDelayMs", () => {
      expect(retryDelay(policy, failed({ attempt: 1, random: 0.5, retryAfterMs: 5_000 }))).toBe(5_050);
    });

    it("replaces the exponential backoff of a late attempt", () => {
      // attempt 9 alone would wait 500..1000 ms.
      expect(retryDelay(policy, failed({ attempt: 9, random: 0, retryAfterMs: 3_000 }))).toBe(3_000);
    });
  });

  describe("a Retry-After of 0 (a date already past) leaves only the jitter", () => {
    it("waits up to one base delay", () => {
      expect(retryDelay(policy, failed({ attempt: 4, random: 0, retryAfterMs: 0 }))).toBe(0);
      expect(retryDelay(policy, failed({ attempt: 4, random: 0.5, retryAfterMs: 0 }))).toBe(50);
      expect(retryDelay(policy, failed({ attempt: 4, random: 0.999, retryAfterMs: 0 }))).toBe(100);
    });
  });
});

describe("isRetryable", () => {
  test.each([429, 500, 502, 503, 504])("retries a %i, which Twilio did not process or may not have", (status) => {
    expect(isRetryable("POST", status)).toBe(true);
    expect(isRetryable("GET", status)).toBe(true);
  });

  test.each([300, 400, 401, 403, 404, 409, 413])("never retries a final %i", (status) => {
    expect(isRetryable("GET", status)).toBe(false);
  });

  it("retries a lost connection, which has no status", () => {
    expect(isRetryable("POST", undefined)).toBe(true);
  });

  it("asks again for an unreadable 2xx only with a GET: a POST or DELETE was processed", () => {
    expect(isRetryable("GET", 200)).toBe(true);
    expect(isRetryable("POST", 201)).toBe(false);
    expect(isRetryable("DELETE", 204)).toBe(false);
  });
});

describe("parseRetryAfter", () => {
  it("is undefined without a header", () => {
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });

  test.each([
    ["0", 0],
    ["1", 1_000],
    ["120", 120_000],
    [" 3 ", 3_000],
    ["1.5", 1_500],
    ["0.25", 250],
  ])("reads delta-seconds %j as %i ms", (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it("reads an IMF-fixdate relative to nowMs", () => {
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", NOW)).toBe(3_000);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", NOW - 60_000)).toBe(63_000);
  });

  it("reads the obsolete RFC 850 date form", () => {
    expect(parseRetryAfter("Wednesday, 21-Oct-15 07:28:00 GMT", NOW)).toBe(3_000);
  });

  it("floors a date in the past at 0", () => {
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", NOW)).toBe(0);
    expect(parseRetryAfter("Thu, 01 Jan 1970 00:00:00 GMT", NOW)).toBe(0);
  });

  test.each(["soon", "", "   ", "10s", "1e3", "-5", "-1", "+5", "abc 12", "Infinity", "NaN", "5 apples"])(
    "ignores the malformed value %j",
    (value) => {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
      // With a small clock too, so that a value misread as some date cannot hide behind the 0 floor.
      expect(parseRetryAfter(value, 0)).toBeUndefined();
    },
  );
});
