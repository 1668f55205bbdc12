import http from "http";

/** What the emulator sends back for one request. */
export interface Answer {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

const DOCS = "https://www.twilio.com/docs/errors";

/** Twilio's documentation link for an error code. */
export const moreInfo = (code: number): string => `${DOCS}/${code}`;

/** Twilio's JSON error answer. */
export function twilioError(status: number, code: number, message: string): Answer {
  return { status, json: { code, message, more_info: moreInfo(code), status } };
}

/** Twilio's 404, which names the path without its `/v1` prefix. */
export const notFound = (path: string): Answer =>
  twilioError(404, 20404, `The requested resource ${path.replace(/^\/v1/, "")} was not found`);

/** A parameter Twilio refuses. */
export const invalid = (message: string): Answer => twilioError(400, 20001, message);

/** A request that contradicts what the account holds (a name taken, a live build). */
export const conflict = (message: string): Answer => twilioError(409, 20409, message);

/**
 * A form body not labelled `application/x-www-form-urlencoded`. Unverified against Serverless:
 * Twilio documents 19056 "Input request content type is invalid" for a request whose Content-Type
 * its APIs do not take; the status, code and message here are that page's, assumed to apply.
 */
export const invalidContentType = (): Answer => twilioError(400, 19056, "Input request content type is invalid");

/** A known path asked with a method it does not take. */
export const methodNotAllowed = (): Answer => twilioError(405, 20004, "Method not allowed");

/** The usual success answers. */
export const ok = (json: unknown): Answer => ({ status: 200, json });
export const created = (json: unknown): Answer => ({ status: 201, json });
export const noContent = (): Answer => ({ status: 204, text: "" });

/** Thrown by a route to answer with an error from deep inside its checks. */
export class Refusal extends Error {
  constructor(readonly answer: Answer) {
    super(`refused with ${answer.status}`);
    this.name = "Refusal";
  }
}

/** Ends the route with this answer. */
export function refuse(answer: Answer): never {
  throw new Refusal(answer);
}

/** The text of an HTTP status. */
export function statusText(status: number): string {
  return http.STATUS_CODES[status] ?? `HTTP ${status}`;
}
