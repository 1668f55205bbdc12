/**
 * The HTTP answer of an invocation, from how it ended: what the handler called back with, an
 * error, or the time limit.
 */
import { Outcome } from "./executor";
import { ReplyBody } from "./protocol";

/** An answer of the runtime, ready to send. */
export interface RuntimeReply {
  status: number;
  /** Header values; `Set-Cookie` and other repeated headers as arrays. */
  headers: Record<string, string | string[]>;
  body: string | Buffer;
}

const TEXT = "text/plain; charset=utf-8";
const JSON_TYPE = "application/json; charset=utf-8";

/** A plain-text answer, as the runtime's own errors are. */
export function textReply(status: number, text: string): RuntimeReply {
  return { status, headers: { "Content-Type": TEXT }, body: text };
}

/**
 * A body with the Content-Type it implies when the Function set none: text is `text/plain`
 * (choice: Twilio documents none; the callback's string answer is `text/plain` on Twilio), JSON
 * `application/json`, bytes `application/octet-stream`.
 */
function typed(body: ReplyBody): { type?: string; body: string | Buffer } {
  switch (body.kind) {
    case "empty":
      return { body: "" };
    case "text":
      return { type: TEXT, body: body.text };
    case "json":
      return { type: JSON_TYPE, body: body.text };
    case "bytes":
      return { type: "application/octet-stream", body: Buffer.from(body.bytes) };
  }
}

/** The answer of an invocation of the Function at `path`. */
export function replyFor(outcome: Outcome, path: string): RuntimeReply {
  switch (outcome.kind) {
    case "timeout":
      return textReply(504, `Function ${path} timed out after ${outcome.limitMs} ms`);
    case "failure": {
      const what = outcome.phase === "load" ? "failed to load" : "failed";
      return textReply(500, `Function ${path} ${what}: ${outcome.message}`);
    }
    case "success": {
      const { payload } = outcome;
      if (payload.kind === "body") {
        const { type, body } = typed(payload.body);
        return { status: 200, headers: type ? { "Content-Type": type } : {}, body };
      }
      const { type, body } = typed(payload.body);
      const hasType = Object.keys(payload.headers).some((name) => name.toLowerCase() === "content-type");
      const headers = type && !hasType ? { ...payload.headers, "Content-Type": type } : payload.headers;
      return { status: payload.statusCode, headers, body };
    }
  }
}
