/**
 * Requests sent to the emulator raw, with node's `http`, so that nothing between a test and the
 * emulator fixes them up, and the answers read as they came.
 */
import http from "http";
import querystring from "querystring";
import { TwilioEmulator } from "./server";

/** What came back for one raw request. */
export interface RawAnswer {
  status: number;
  contentType: string | undefined;
  text: string;
}

/** What a raw request sends besides its method and URL. */
export interface RawRequest {
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** The Content-Type Twilio requires of a form body. */
export const FORM = "application/x-www-form-urlencoded";

/** Raw requests to one emulator, authorized with its API key. */
export interface RawHttp {
  /** Sends one request exactly as given: no header is added but `Authorization` (and `Content-Length`). */
  send(method: string, url: string, request?: RawRequest): Promise<RawAnswer>;
  /** The URL of a path of the API host. */
  api(path: string): string;
  /** POSTs a body to the API host with the Content-Type given (none when `undefined`). */
  post(path: string, body: string | Buffer, contentType: string | undefined): Promise<RawAnswer>;
  /** POSTs a URL-encoded form, labelled as Twilio requires. */
  postForm(path: string, fields: Record<string, string | string[]>): Promise<RawAnswer>;
}

/** Raw requests to `emulator`. */
export function rawHttp(emulator: TwilioEmulator): RawHttp {
  const { apiKey, apiSecret } = emulator.credentials;
  const authorization = `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString("base64")}`;
  const send = (method: string, url: string, request: RawRequest = {}): Promise<RawAnswer> => {
    const headers: Record<string, string> = { ...request.headers, Authorization: authorization };
    if (request.body !== undefined) headers["Content-Length"] = String(Buffer.byteLength(request.body));
    return new Promise((resolve, reject) => {
      const req = http.request(url, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
        });
        res.on("end", () => {
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers["content-type"],
            text: Buffer.concat(chunks).toString("utf8"),
          });
        });
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(request.body);
    });
  };
  const api = (path: string): string => `${emulator.apiBaseUrl}${path}`;
  const post = (path: string, body: string | Buffer, contentType: string | undefined): Promise<RawAnswer> =>
    send("POST", api(path), { body, headers: contentType === undefined ? {} : { "Content-Type": contentType } });
  const postForm = (path: string, fields: Record<string, string | string[]>): Promise<RawAnswer> =>
    post(path, querystring.stringify(fields), FORM);
  return { send, api, post, postForm };
}

/** The JSON object of an answer, failing the test with the text when it is none. */
export function jsonOf(answer: RawAnswer): Record<string, unknown> {
  const parsed: unknown = JSON.parse(answer.text);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`expected a JSON object, got ${answer.text}`);
  }
  return { ...parsed };
}

/** Expects Twilio's JSON error with this status and code, and returns it. */
export function expectTwilioError(answer: RawAnswer, status: number, code: number): Record<string, unknown> {
  expect({ status: answer.status, contentType: answer.contentType }).toEqual({
    status,
    contentType: "application/json",
  });
  const json = jsonOf(answer);
  // @types/jest types asymmetric matchers `any`.
  const anyString: unknown = expect.any(String);
  expect(json).toEqual({
    code,
    message: anyString,
    more_info: `https://www.twilio.com/docs/errors/${code}`,
    status,
  });
  return json;
}
