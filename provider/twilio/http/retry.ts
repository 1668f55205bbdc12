import { TwilioApiError } from "../errors";
import { RetryPolicy, isRetryable, retryDelay } from "./retry-timing";
import { Attempt } from "./types";

/** The clocks and the jitter source of the retry loop: real ones, unless a test drives them. */
export interface RetryTiming {
  policy: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
}

/**
 * Runs before a request is sent again after `failure`, once the backoff is over. It may find that
 * the failed attempt took effect after all, and then returns `{ value }`, which is taken as the
 * result; it throws to stop the retries.
 */
export type BeforeResend<T> = (failure: TwilioApiError) => Promise<{ value: T } | undefined>;

/**
 * The retry layer, as octokit's retry plugin: runs `once` until it succeeds, fails in a way that
 * is final, or the policy gives up, sleeping the delays `retry-timing.ts` computes in between.
 * The final error is the last attempt's, which counts the attempts made. Anything but a
 * `TwilioApiError` (a body that cannot be read, a bug) is final at once.
 *
 * Time spent waiting in this process (for a slot, reported through {@link Attempt.waited}) or in
 * `beforeResend` is not Twilio failing: it does not count against the budget, or a large deploy
 * would give up on its first 429.
 */
export async function withRetries<T>(
  method: string,
  once: (attempt: Attempt) => Promise<T>,
  timing: RetryTiming,
  beforeResend?: BeforeResend<T>,
): Promise<T> {
  const started = timing.now();
  let excludedMs = 0;
  for (let number = 1; ; number++) {
    let failure: TwilioApiError;
    try {
      return await once({ number, waited: (ms) => (excludedMs += ms) });
    } catch (err) {
      if (!(err instanceof TwilioApiError) || !isRetryable(method, err.status)) throw err;
      failure = err;
    }
    const delay = retryDelay(timing.policy, {
      attempt: number,
      elapsedMs: timing.now() - started - excludedMs,
      retryAfterMs: failure.retryAfterMs,
      random: timing.random(),
    });
    if (delay === undefined) throw failure;
    await timing.sleep(delay);
    if (beforeResend !== undefined) {
      const lookupStarted = timing.now();
      const found = await beforeResend(failure);
      excludedMs += timing.now() - lookupStarted;
      if (found !== undefined) return found.value;
    }
  }
}
