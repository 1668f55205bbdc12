/**
 * The Twilio client's transport, composed as octokit composes `request` with its plugins: the
 * core request (`http/request.ts`) wrapped by throttling (`http/throttle.ts`), run by the retry
 * loop (`http/retry.ts`, timing in `http/retry-timing.ts`) with the lookup after a lost answer
 * hooked before each resend (`http/lost-answer.ts`), each answer decoded (`http/decode.ts`), and
 * every error passed through one redactor (`http/redaction.ts`).
 */
import { TwilioClock } from "./clock";
import { decodeAnswer } from "./http/decode";
import { Limiter } from "./http/limiter";
import { lookupBeforeResend } from "./http/lost-answer";
import { Redactor } from "./http/redaction";
import { twilioRequest } from "./http/request";
import { RetryTiming, withRetries } from "./http/retry";
import { DEFAULT_RETRY_POLICY, RetryPolicy } from "./http/retry-timing";
import { throttle } from "./http/throttle";
import { Credentials, Send, TwilioRequest } from "./http/types";

export type { Credentials, RequestBody, TwilioRequest } from "./http/types";

/** How a transport talks to Twilio. */
export interface TransportOptions {
  credentials: Credentials;
  userAgent: string;
  /** Socket inactivity timeout of one attempt. */
  timeoutMs: number;
  /** Shared by every request of the process. */
  limiter: Limiter;
  retryPolicy?: RetryPolicy;
  /** Injected by tests so that retries need no real waiting. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /** Learns Twilio's time from every answer; one per client. */
  clock?: TwilioClock;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends requests to Twilio with authentication, a User-Agent, timeouts, the process-wide
 * concurrency bound and retries of what Twilio did not process (429), server errors and
 * lost connections. Other 4xx answers are final.
 */
export class Transport {
  /** Twilio's clock, as the answers so far show it. */
  readonly clock: TwilioClock;
  private readonly redactor: Redactor;
  private readonly sendOnce: Send;
  private readonly timing: RetryTiming;

  constructor(options: TransportOptions) {
    const now = options.now ?? Date.now;
    this.clock = options.clock ?? new TwilioClock(now);
    this.redactor = new Redactor(options.credentials);
    const core = twilioRequest({
      credentials: options.credentials,
      userAgent: options.userAgent,
      timeoutMs: options.timeoutMs,
      redactor: this.redactor,
      clock: this.clock,
      now,
    });
    this.sendOnce = throttle(core, options.limiter, now);
    this.timing = {
      policy: options.retryPolicy ?? DEFAULT_RETRY_POLICY,
      sleep: options.sleep ?? realSleep,
      random: options.random ?? Math.random,
      now,
    };
  }

  /**
   * Sends `request`, retrying as the policy allows, and decodes a 2xx answer's JSON with `decode`,
   * which checks its shape and throws on a mismatch; a 204 answer (a DELETE's) has no body, and
   * `decode` gets `undefined`. Before a POST is sent again after an answer that leaves open whether
   * Twilio processed it, `findExisting` may find what the lost attempt created; what it returns is
   * taken as the result.
   */
  send<T>(
    request: TwilioRequest,
    decode: (json: unknown) => T,
    findExisting?: () => Promise<T | undefined>,
  ): Promise<T> {
    return withRetries(
      request.method,
      async (attempt) => {
        const answer = await this.sendOnce(request, attempt);
        return decodeAnswer(request, answer, attempt.number, decode, this.redactor);
      },
      this.timing,
      lookupBeforeResend(request, findExisting),
    );
  }
}
