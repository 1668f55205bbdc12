import { errorCode } from "./error-parts";

// Callers that redact secrets of their own (a Variable's value) use the transport's rule.
export { redact } from "./http/redaction";

/** Everything known about one failed Twilio request. */
export interface TwilioApiErrorInit {
  /** HTTP method of the request. */
  method: string;
  /** Path of the request (`/v1/...`), without host or query string. */
  path: string;
  /** HTTP status, absent when no response arrived (network failure, timeout). */
  status?: number;
  /** Twilio's numeric error code (`20404`, `20429`, ...), when the body carried one. */
  code?: number;
  /** Twilio's human message, or a description of the network failure. */
  detail: string;
  /** Twilio's documentation link for `code`. */
  moreInfo?: string;
  /** How many attempts were made before giving up. */
  attempts?: number;
  /** SID of what Twilio created although the request failed afterwards (its answer unreadable). */
  createdSid?: string;
  /** How long Twilio asked to wait before asking again (its `Retry-After`), in milliseconds from its answer. */
  retryAfterMs?: number;
  /** The underlying failure (a socket error, a decoder's complaint): a copy without credentials, made by `redactError`. */
  cause?: Error;
}

/**
 * The one error type for failed Twilio requests: an HTTP error answer, a network failure,
 * a timeout or an answer that cannot be understood. It never holds credentials.
 */
export class TwilioApiError extends Error {
  /** HTTP status, or `undefined` when no response arrived. */
  readonly status: number | undefined;
  /** Twilio's error code, or `undefined` when the answer carried none. */
  readonly code: number | undefined;
  /** Twilio's documentation link for the code. */
  readonly moreInfo: string | undefined;
  /** HTTP method of the failed request. */
  readonly method: string;
  /** Path of the failed request. */
  readonly path: string;
  /** Attempts made, retries included. */
  readonly attempts: number;
  /** SID of what Twilio created before the failure, if one is known. */
  readonly createdSid: string | undefined;
  /** Twilio's own message (or the network failure's), without the request context. */
  readonly detail: string;
  /** How long Twilio asked to wait before asking again, in milliseconds from its answer; `undefined` when it did not say. */
  readonly retryAfterMs: number | undefined;

  constructor(init: TwilioApiErrorInit) {
    super(formatMessage(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "TwilioApiError";
    this.status = init.status;
    this.code = init.code;
    this.moreInfo = init.moreInfo;
    this.method = init.method;
    this.path = init.path;
    this.attempts = init.attempts ?? 1;
    this.createdSid = init.createdSid;
    this.detail = init.detail;
    this.retryAfterMs = init.retryAfterMs;
  }
}

function formatMessage(init: TwilioApiErrorInit): string {
  const what =
    init.status === undefined
      ? `Twilio request failed without a response`
      : `Twilio answered HTTP ${init.status}${init.code === undefined ? "" : ` (error ${init.code})`}`;
  const tries = (init.attempts ?? 1) > 1 ? ` after ${init.attempts} attempts` : "";
  const more = init.moreInfo ? ` See ${init.moreInfo}` : "";
  const created = init.createdSid
    ? ` Twilio created ${createdKind(init.path)} ${init.createdSid} nonetheless, but its answer was unreadable.`
    : "";
  // Twilio's messages sometimes end with a period and sometimes not.
  const detail = init.detail.replace(/[.\s]+$/, "");
  return `${what} to ${init.method} ${init.path}${tries}: ${detail}.${created}${more}`;
}

const KINDS: Record<string, string> = {
  Services: "Service",
  Functions: "Function",
  Assets: "Asset",
  Builds: "Build",
  Environments: "Environment",
  Deployments: "Deployment",
  Variables: "Variable",
};

/** What a create at `path` makes, as users know it: the collection it posts to names it. */
export function createdKind(path: string): string {
  const segments = path.split("/").filter((s) => s !== "");
  const last = segments.at(-1) ?? "";
  if (last === "Versions") return `${KINDS[segments.at(-3) ?? ""] ?? "Function or Asset"} Version`;
  return KINDS[last] ?? "a resource";
}

// A connection that could not be opened carried nothing to Twilio.
const NOT_CONNECTED = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"];

/**
 * True when Twilio may have processed the failed request nonetheless: its 2xx answer could not be
 * read, it answered 5xx (a gateway in front of a slow backend), or the connection was lost or
 * timed out on the way. Never for a 429, which Twilio does not process.
 */
export function mayHaveBeenProcessed(err: unknown): boolean {
  if (!(err instanceof TwilioApiError)) return false;
  if (err.status !== undefined) return (err.status >= 200 && err.status < 300) || err.status >= 500;
  return !NOT_CONNECTED.includes(String(errorCode(err.cause) ?? ""));
}

/** Twilio's error code for a resource that does not exist. */
const TWILIO_NOT_FOUND = 20404;

/**
 * True when Twilio itself says the addressed resource does not exist. A bare 404 (a proxy, a
 * wrong base URL) is not enough: refresh drops whatever this says is gone from the stack.
 */
export function isNotFound(err: unknown): boolean {
  return err instanceof TwilioApiError && err.status === 404 && err.code === TWILIO_NOT_FOUND;
}
