import http from "http";
import https from "https";
import axios from "axios";
import { TwilioApiError, mayHaveBeenProcessed, redact, redactError } from "./errors";
import { TwilioClock } from "./clock";
import { Limiter } from "./limiter";
import { DEFAULT_RETRY_POLICY, RetryPolicy, retryDelay } from "./retry";

/** HTTP Basic credentials: an API key SID and secret, or an account SID and auth token. */
export interface Credentials {
  username: string;
  password: string;
}

/** A request body, built anew for every attempt so that a retry re-sends all of it. */
export interface RequestBody {
  /** Anything axios sends as is: a `form-data` instance, URL-encoded text, a buffer. */
  data: unknown;
  /** Headers that belong to this body (multipart boundary, length). */
  headers: Record<string, string | number>;
  /** Releases what the body holds open (a file stream) when an attempt ends. */
  dispose?: () => void;
  /** The error of the body's own source (a file that cannot be read), if it failed. */
  sourceError?: () => Error | undefined;
}

/** One Twilio request. */
export interface TwilioRequest {
  method: "GET" | "POST" | "DELETE";
  /** Absolute URL. */
  url: string;
  body?: () => RequestBody;
}

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

/**
 * How long an idle kept-alive socket is kept. A server closes idle connections on its own timer
 * (5 s for a Node server); a request written to a socket the server is closing at that moment
 * fails as if its answer were lost, and a create then has to look for what it made. Closing first
 * avoids the race. Node's agent would take the server's `Keep-Alive: timeout` hint, but only when
 * an agent timeout is set, and then only if the hint is shorter.
 */
export const IDLE_SOCKET_MS = 4_000;

// Keep-alive sockets are shared process-wide: a deploy of hundreds of versions reuses a few
// connections instead of paying a TLS handshake per upload.
const httpAgent = new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS });
const httpsAgent = new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS });

const client = axios.create({
  httpAgent,
  httpsAgent,
  // follow-redirects buffers whole request bodies to replay them on a redirect, which would
  // hold every upload in memory; Twilio never redirects API calls.
  maxRedirects: 0,
  // No maxBodyLength: with one, axios pipes a stream body through a counting Transform, after
  // which it never reuses the socket: every upload would pay a new connection and TLS handshake.
  maxContentLength: 50 * 1024 * 1024,
  responseType: "text",
  transformResponse: [(data: unknown) => data],
  validateStatus: () => true,
});

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface AttemptOutcome {
  /** Present when an answer arrived. */
  status?: number;
  text?: string;
  retryAfter?: string;
  /** Present when no answer arrived: what failed, already stripped of anything but its text. */
  networkError?: Error;
  /** Present when the body could not be produced: sending it again cannot help. */
  bodyError?: Error;
}

/**
 * Sends requests to Twilio with authentication, a User-Agent, timeouts, the process-wide
 * concurrency bound and retries of what Twilio did not process (429), server errors and
 * lost connections. Other 4xx answers are final.
 */
export class Transport {
  private readonly policy: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly authorization: string;
  /** Twilio's clock, as the answers so far show it. */
  readonly clock: TwilioClock;

  constructor(private readonly options: TransportOptions) {
    this.policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.clock = options.clock ?? new TwilioClock(this.now);
    const { username, password } = options.credentials;
    this.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
  }

  /**
   * Sends `request`, retrying as the policy allows, and decodes a 2xx answer's JSON with `decode`,
   * which checks its shape and throws on a mismatch; a 204 answer (a DELETE's) has no body, and
   * `decode` gets `undefined`. Before a POST is sent again after an answer
   * that leaves open whether Twilio processed it, `beforeResend` may find what the lost attempt
   * created; what it returns is taken as the result.
   */
  async send<T>(
    request: TwilioRequest,
    decode: (json: unknown) => T,
    beforeResend?: () => Promise<T | undefined>,
  ): Promise<T> {
    const path = new URL(request.url).pathname;
    const started = this.now();
    // Time spent waiting for a slot, or looking for what a lost attempt created, is not Twilio
    // failing: it does not count against the retry budget, or a large deploy would give up on its
    // first 429.
    let excludedMs = 0;
    for (let attempt = 1; ; attempt++) {
      const { limiter } = this.options;
      const enqueued = this.now();
      const outcome = await limiter.run(async (round) => {
        excludedMs += this.now() - enqueued;
        const result = await this.attempt(request);
        if (result.status === 429) limiter.overloaded(round);
        else if (result.status !== undefined && result.status < 300) limiter.succeeded(round);
        return result;
      });
      if (outcome.bodyError) {
        const cause = redactError(outcome.bodyError, this.secrets());
        throw new Error(`could not read the body of ${request.method} ${path}: ${cause.message}`, { cause });
      }
      let unreadable: TwilioApiError | undefined;
      if (outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300) {
        const decoded = this.decodeSuccess(request, path, outcome, attempt, decode);
        if (!(decoded instanceof TwilioApiError)) return decoded.value;
        // A GET changes nothing, so an answer cut short or mangled on the way is asked for again;
        // a POST was processed and must not be repeated.
        if (request.method !== "GET") throw decoded;
        unreadable = decoded;
      } else if (!isRetryable(outcome)) {
        throw this.failure(request, path, outcome, attempt);
      }
      const delay = retryDelay(this.policy, {
        attempt,
        elapsedMs: this.now() - started - excludedMs,
        retryAfter: outcome.retryAfter,
        nowMs: this.now(),
        random: this.random(),
      });
      const failure = unreadable ?? this.failure(request, path, outcome, attempt);
      if (delay === undefined) throw failure;
      await this.sleep(delay);
      if (beforeResend !== undefined && request.method === "POST" && mayHaveBeenProcessed(failure)) {
        const lookupStarted = this.now();
        // Sending again when the lookup could not tell whether Twilio made it might make a second:
        // the failure stands, and the caller's own recovery looks again once.
        const found = await beforeResend().catch(() => {
          throw failure;
        });
        excludedMs += this.now() - lookupStarted;
        if (found !== undefined) return found;
      }
    }
  }

  private async attempt(request: TwilioRequest): Promise<AttemptOutcome> {
    const body = request.body?.();
    try {
      const response = await client.request<string>({
        method: request.method,
        url: request.url,
        data: body?.data,
        timeout: this.options.timeoutMs,
        headers: {
          ...body?.headers,
          Accept: "application/json",
          Authorization: this.authorization,
          "User-Agent": this.options.userAgent,
        },
      });
      this.clock.observe(response.headers.date);
      const retryAfter = response.headers["retry-after"];
      return {
        status: response.status,
        text: typeof response.data === "string" ? response.data : "",
        retryAfter: typeof retryAfter === "string" ? retryAfter : undefined,
      };
    } catch (err) {
      const bodyError = body?.sourceError?.();
      return bodyError ? { bodyError } : { networkError: redactError(networkCause(err), this.secrets()) };
    } finally {
      body?.dispose?.();
    }
  }

  private decodeSuccess<T>(
    request: TwilioRequest,
    path: string,
    outcome: AttemptOutcome,
    attempts: number,
    decode: (json: unknown) => T,
  ): { value: T } | TwilioApiError {
    const text = outcome.text ?? "";
    const decoded = this.decodeJson(outcome.status === 204 ? undefined : text, decode);
    if ("value" in decoded) return decoded;
    // The request was processed: a POST may have created something the caller must hear of.
    const sid = request.method === "POST" ? /"sid"\s*:\s*"([A-Z]{2}[0-9a-fA-F]{32})"/.exec(text)?.[1] : undefined;
    return new TwilioApiError({
      method: request.method,
      path,
      status: outcome.status,
      detail: decoded.problem,
      attempts,
      createdSid: sid,
      cause: decoded.cause,
    });
  }

  // `text` is undefined for an answer without a body (204).
  private decodeJson<T>(
    text: string | undefined,
    decode: (json: unknown) => T,
  ): { value: T } | { problem: string; cause?: Error } {
    let json: unknown;
    if (text !== undefined) {
      try {
        json = JSON.parse(text);
      } catch {
        // V8's own message quotes a few characters of the text, which may be part of a secret that
        // no redaction recognises; this snippet is cut from the text after redacting all of it.
        const snippet = JSON.stringify(this.redact(text).slice(0, 80));
        return { problem: `the answer is not valid JSON (${text.length} bytes: ${snippet})` };
      }
    }
    try {
      return { value: decode(json) };
    } catch (err) {
      const cause = redactError(err, this.secrets());
      return { problem: cause.message, cause };
    }
  }

  private failure(request: TwilioRequest, path: string, outcome: AttemptOutcome, attempts: number): TwilioApiError {
    if (outcome.status === undefined) {
      const cause = outcome.networkError ?? new Error("no answer");
      return new TwilioApiError({ method: request.method, path, detail: cause.message, attempts, cause });
    }
    const text = outcome.text ?? "";
    const body = twilioErrorBody(text);
    return new TwilioApiError({
      method: request.method,
      path,
      status: outcome.status,
      code: body.code,
      moreInfo: body.moreInfo === undefined ? undefined : this.redact(body.moreInfo),
      // JSON is redacted once decoded, where escapes no longer hide a secret; other text is
      // redacted whole before a snippet is cut from it, so that no part of a secret remains.
      detail:
        body.message === undefined ? describeStatus(outcome.status, this.redact(text)) : this.redact(body.message),
      attempts,
    });
  }

  private redact(text: string): string {
    return redact(text, this.secrets());
  }

  private secrets(): string[] {
    const { username, password } = this.options.credentials;
    return [password, username, this.authorization.slice("Basic ".length)];
  }
}

function isRetryable(outcome: AttemptOutcome): boolean {
  if (outcome.status === undefined) return true;
  return outcome.status === 429 || outcome.status >= 500;
}

// What failed underneath axios: the socket or parser error it wraps, or what axios decided itself
// (a timeout, an answer cut short or too long). Only redactError's copy of it may travel further.
// `isAxiosError` checks the shape, so this holds for errors of any realm.
function networkCause(err: unknown): unknown {
  if (!axios.isAxiosError(err)) return err;
  if (err.cause !== undefined) return err.cause;
  const timedOut = err.code === "ECONNABORTED" || err.code === "ETIMEDOUT";
  return { name: "Error", message: timedOut ? `timed out: ${err.message}` : err.message, code: err.code };
}

interface TwilioErrorBody {
  code?: number;
  message?: string;
  moreInfo?: string;
}

function twilioErrorBody(text: string): TwilioErrorBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof parsed !== "object" || parsed === null) return {};
  const record: Record<string, unknown> = { ...parsed };
  return {
    code: typeof record.code === "number" ? record.code : undefined,
    message: typeof record.message === "string" ? record.message : undefined,
    moreInfo: typeof record.more_info === "string" ? record.more_info : undefined,
  };
}

function describeStatus(status: number, text: string): string {
  const known: Record<number, string> = {
    413: "the upload is larger than Twilio accepts (Functions and Assets: 25 MB, private Assets: 10 MB)",
    429: "too many requests",
  };
  const snippet = text.trim().slice(0, 120);
  return known[status] ?? (snippet ? `unexpected answer ${JSON.stringify(snippet)}` : "empty answer");
}
