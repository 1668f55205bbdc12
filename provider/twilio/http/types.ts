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

/** A 2xx answer, its body not decoded yet. */
export interface Answer {
  status: number;
  /** The body as received; empty when there is none (a 204). */
  text: string;
}

/** What the layers under the retry loop know of the attempt they serve. */
export interface Attempt {
  /** 1 for the first attempt; errors report it as their `attempts`. */
  readonly number: number;
  /**
   * Records time spent waiting in this process (for a slot under the concurrency bound): it is
   * not Twilio failing, so the retry budget leaves it out.
   */
  waited(ms: number): void;
}

/**
 * Sends one attempt of a request: resolves with a 2xx answer; rejects with a `TwilioApiError` for
 * any other answer or a network failure, or with a plain error when the body's own source failed.
 * Every layer under the retry loop has this shape, so each wraps the one below (as octokit's
 * plugins wrap `request`).
 */
export type Send = (request: TwilioRequest, attempt: Attempt) => Promise<Answer>;

/** The path of a request, without host or query string, as errors name it. */
export function pathOf(request: TwilioRequest): string {
  return new URL(request.url).pathname;
}
