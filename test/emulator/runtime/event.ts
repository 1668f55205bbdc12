/**
 * The `event` of an invocation, built from the HTTP request as Twilio's runtime builds it: query
 * and body parameters merged, and `event.request` with the headers and cookies.
 */
import http from "http";
import { EventParams, EventRequest, FunctionEvent } from "./protocol";

/**
 * Headers Twilio's runtime keeps from Functions: those its own infrastructure adds or uses
 * (the list of `@twilio/runtime-handler`'s development server, which mirrors it).
 */
const HIDDEN_PREFIXES = ["i-twilio-", "i-t-", "ot-", "x-amz", "x-forwarded-", "x-accel-"];
const HIDDEN = new Set([
  "via",
  "referer",
  "transfer-encoding",
  "proxy-authorization",
  "proxy-authenticate",
  "x-real-ip",
  "connection",
  "proxy-connection",
  "expect",
  "trailer",
  "upgrade",
]);

/** What a request body holds: form parameters, a JSON document, or nothing the runtime reads. */
export type ParsedBody =
  | { kind: "form"; params: URLSearchParams }
  | { kind: "json"; value: unknown }
  | { kind: "other" }
  | { kind: "invalid json" };

/** Reads a body by its `Content-Type`: only forms and JSON become event parameters, as on Twilio. */
export function parseBody(contentType: string | undefined, text: string): ParsedBody {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") return { kind: "form", params: new URLSearchParams(text) };
  if (type !== "application/json" || text.trim() === "") return { kind: "other" };
  try {
    return { kind: "json", value: JSON.parse(text) };
  } catch {
    return { kind: "invalid json" };
  }
}

/** Parameters of a query or a form: a key given once is a string, a repeated one an array. */
export function paramsOf(search: URLSearchParams): EventParams {
  const params: EventParams = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    params[key] = values.length === 1 ? values[0] : values;
  }
  return params;
}

/** The cookies of a `Cookie` header, by name; a value that is not valid percent-encoding stays as sent. */
export function cookiesOf(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const pair of (header ?? "").split(";")) {
    const at = pair.indexOf("=");
    if (at < 0) continue;
    const name = pair.slice(0, at).trim();
    let value = pair.slice(at + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (name === "" || name in cookies) continue;
    try {
      cookies[name] = decodeURIComponent(value);
    } catch {
      cookies[name] = value;
    }
  }
  return cookies;
}

/** The request's headers under lower-case names, without those Twilio hides; repeated ones as arrays. */
export function headersOf(rawHeaders: readonly string[]): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    if (HIDDEN.has(name) || HIDDEN_PREFIXES.some((prefix) => name.startsWith(prefix))) continue;
    const existing = headers[name];
    const value = rawHeaders[i + 1];
    headers[name] = existing === undefined ? value : [existing, value].flat();
  }
  return headers;
}

/**
 * The event: query parameters, then those of a form or the keys of a JSON object body (a body
 * parameter wins over a query parameter of the same name), then `request`, which no parameter
 * can replace.
 */
export function buildEvent(req: http.IncomingMessage, query: URLSearchParams, body: ParsedBody): FunctionEvent {
  const fromBody: Record<string, unknown> =
    body.kind === "form" ? paramsOf(body.params) : body.kind === "json" && isPlainObject(body.value) ? body.value : {};
  const request: EventRequest = { headers: headersOf(req.rawHeaders), cookies: cookiesOf(req.headers.cookie) };
  return { params: { ...paramsOf(query), ...fromBody }, request };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
