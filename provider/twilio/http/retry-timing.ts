/**
 * Retry timing as pure functions, as ky computes its delays: which failures are retried, and how
 * long to wait before the next attempt. The loop that applies them is `retry.ts`.
 */

/** Bounds on retrying one request. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Backoff before the second attempt; doubles for each later one. */
  baseDelayMs: number;
  /** Cap on one computed backoff (a longer `Retry-After` is still honoured within the budget). */
  maxDelayMs: number;
  /** No retry starts once this much time has passed since the first attempt began. */
  maxElapsedMs: number;
}

/**
 * Twilio's 429s mean "not processed", and bursts drain within seconds, so a retry budget of a
 * couple of minutes turns a rate-limited deploy into a slower one instead of a failed one.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  maxElapsedMs: 120_000,
};

/**
 * Whether a failed attempt may be sent again: what Twilio did not process (429), server errors and
 * lost connections (no status). Other 4xx answers are final. A 2xx answer that could not be read
 * is asked for again only by a GET, which changes nothing; a POST or DELETE was processed and must
 * not be repeated.
 */
export function isRetryable(method: string, status: number | undefined): boolean {
  if (status === undefined) return true;
  if (status >= 200 && status < 300) return method === "GET";
  return status === 429 || status >= 500;
}

/** What is known after a failed attempt. */
export interface FailedAttempt {
  /** 1 for the first attempt. */
  attempt: number;
  /** Milliseconds since the first attempt began. */
  elapsedMs: number;
  /** How long the answer's `Retry-After` asked to wait, in milliseconds (see {@link parseRetryAfter}). */
  retryAfterMs?: number;
  /** A number in [0, 1), the jitter source. */
  random: number;
}

/**
 * How long to wait before the next attempt, or `undefined` to give up.
 * Exponential backoff with equal jitter; a `Retry-After` answer is a floor, with jitter added on
 * top so that requests throttled together do not all come back in the same millisecond.
 */
export function retryDelay(policy: RetryPolicy, failed: FailedAttempt): number | undefined {
  if (failed.attempt >= policy.maxAttempts) return undefined;
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failed.attempt - 1));
  const jittered = backoff / 2 + (failed.random * backoff) / 2;
  const floor = failed.retryAfterMs;
  const delay = Math.round(floor === undefined ? jittered : floor + failed.random * policy.baseDelayMs);
  if (failed.elapsedMs + delay > policy.maxElapsedMs) return undefined;
  return delay;
}

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date; `undefined` if absent or malformed. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // Every HTTP-date form starts with a day name and holds hh:mm:ss; Date.parse alone would also
  // read "-5" or "abc 12" as dates.
  if (!/^[A-Za-z]{3,9},? .*\b\d{2}:\d{2}:\d{2}\b/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
