import http from "http";
import https from "https";
import axios, { AxiosResponse } from "axios";
import { TwilioClock } from "../clock";
import { TwilioApiError } from "../errors";
import { uploadLimitsSummary } from "../limits";
import { Redactor, basicToken } from "./redaction";
import { parseRetryAfter } from "./retry-timing";
import { Credentials, Send, TwilioRequest, pathOf } from "./types";

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

/** What the core request needs: who asks, how long one attempt may stay silent, whom to tell the time. */
export interface RequestOptions {
  credentials: Credentials;
  userAgent: string;
  /** Socket inactivity timeout of one attempt. */
  timeoutMs: number;
  redactor: Redactor;
  /** Learns Twilio's time from every answer's `Date` header. */
  clock: TwilioClock;
  /** The local clock a `Retry-After` date is measured against. */
  now: () => number;
}

/**
 * The core of the client, as octokit's `request`: sends one attempt with the credentials, the
 * User-Agent and the socket timeout, and turns whatever is not a 2xx answer (an error answer, a
 * network failure, a timeout) into a `TwilioApiError` without credentials. A body whose own
 * source fails (a file that cannot be read) rejects with a plain error: sending it again cannot help.
 */
export function twilioRequest(options: RequestOptions): Send {
  const { redactor, clock } = options;
  const authorization = `Basic ${basicToken(options.credentials)}`;
  return async (request, attempt) => {
    const body = request.body?.();
    let response: AxiosResponse<unknown>;
    try {
      response = await client.request<unknown>({
        method: request.method,
        url: request.url,
        data: body?.data,
        timeout: options.timeoutMs,
        headers: {
          ...body?.headers,
          Accept: "application/json",
          Authorization: authorization,
          "User-Agent": options.userAgent,
        },
      });
    } catch (err) {
      const bodyError = body?.sourceError?.();
      if (bodyError !== undefined) {
        const cause = redactor.error(bodyError);
        throw new Error(`could not read the body of ${request.method} ${pathOf(request)}: ${cause.message}`, { cause });
      }
      const cause = redactor.error(networkCause(err));
      throw new TwilioApiError({ ...where(request), detail: cause.message, attempts: attempt.number, cause });
    } finally {
      body?.dispose?.();
    }
    clock.observe(response.headers.date);
    const text = typeof response.data === "string" ? response.data : "";
    if (response.status >= 200 && response.status < 300) return { status: response.status, text };
    const retryAfter: unknown = response.headers["retry-after"];
    const error = twilioErrorBody(text);
    throw new TwilioApiError({
      ...where(request),
      status: response.status,
      code: error.code,
      moreInfo: error.moreInfo === undefined ? undefined : redactor.text(error.moreInfo),
      // JSON is redacted once decoded, where escapes no longer hide a secret; other text is
      // redacted whole before a snippet is cut from it, so that no part of a secret remains.
      detail:
        error.message === undefined
          ? describeStatus(response.status, redactor.text(text))
          : redactor.text(error.message),
      attempts: attempt.number,
      retryAfterMs: typeof retryAfter === "string" ? parseRetryAfter(retryAfter, options.now()) : undefined,
    });
  };
}

const where = (request: TwilioRequest): { method: string; path: string } => ({
  method: request.method,
  path: pathOf(request),
});

// What failed underneath axios: the socket or parser error it wraps, or what axios decided itself
// (a timeout, an answer cut short or too long). Only a redacted copy of it may travel further.
// `isAxiosError` checks the shape, so this holds for errors of any realm.
function networkCause(err: unknown): unknown {
  if (!axios.isAxiosError(err)) return err;
  if (err.cause !== undefined) return err.cause;
  const timedOut = err.code === "ECONNABORTED" || err.code === "ETIMEDOUT";
  return { name: "Error", message: timedOut ? `timed out: ${err.message}` : err.message, code: err.code };
}

/** The fields of Twilio's error body: `{"code": 20404, "message": "...", "more_info": "...", "status": 404}`. */
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

// Twilio's gateway answers some failures without its JSON body: a 413 is bare, an HTML page may
// come from a proxy.
function describeStatus(status: number, text: string): string {
  const known: Record<number, string> = {
    413: `the upload is larger than Twilio accepts (${uploadLimitsSummary()})`,
    429: "too many requests",
  };
  const snippet = text.trim().slice(0, 120);
  return known[status] ?? (snippet ? `unexpected answer ${JSON.stringify(snippet)}` : "empty answer");
}
