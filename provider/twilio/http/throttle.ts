import { TwilioApiError } from "../errors";
import { Limiter } from "./limiter";
import { Send } from "./types";

/**
 * Throttling, as octokit's throttling plugin wraps `request`: each attempt waits for a slot of
 * the process-wide `limiter` and tells it how the attempt went: a 429 lowers the bound, a 2xx
 * answer counts towards raising it. The wait is reported to the attempt, since time spent queued
 * here is not Twilio failing and must not use up the retry budget.
 */
export function throttle(send: Send, limiter: Limiter, now: () => number): Send {
  return (request, attempt) => {
    const queued = now();
    return limiter.run(async (round) => {
      attempt.waited(now() - queued);
      try {
        const answer = await send(request, attempt);
        limiter.succeeded(round);
        return answer;
      } catch (err) {
        if (err instanceof TwilioApiError && err.status === 429) limiter.overloaded(round);
        throw err;
      }
    });
  };
}
