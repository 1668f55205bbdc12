import { TwilioApiError } from "../errors";
import { Redactor } from "./redaction";
import { Answer, TwilioRequest, pathOf } from "./types";

/**
 * Decodes a 2xx answer's JSON with `decode`, which checks its shape and throws on a mismatch; a
 * 204 answer (a DELETE's) has no body, and `decode` gets `undefined`. An answer that is not JSON,
 * or not of the expected shape, becomes a `TwilioApiError` with the 2xx status: Twilio processed
 * the request, so a POST may have made something, whose SID the error carries when the text
 * shows one.
 */
export function decodeAnswer<T>(
  request: TwilioRequest,
  answer: Answer,
  attempts: number,
  decode: (json: unknown) => T,
  redactor: Redactor,
): T {
  const decoded = decodeJson(answer.status === 204 ? undefined : answer.text, decode, redactor);
  if ("value" in decoded) return decoded.value;
  const sid = request.method === "POST" ? /"sid"\s*:\s*"([A-Z]{2}[0-9a-fA-F]{32})"/.exec(answer.text)?.[1] : undefined;
  throw new TwilioApiError({
    method: request.method,
    path: pathOf(request),
    status: answer.status,
    detail: decoded.problem,
    attempts,
    createdSid: sid,
    cause: decoded.cause,
  });
}

// `text` is undefined for an answer without a body (204).
function decodeJson<T>(
  text: string | undefined,
  decode: (json: unknown) => T,
  redactor: Redactor,
): { value: T } | { problem: string; cause?: Error } {
  let json: unknown;
  if (text !== undefined) {
    try {
      json = JSON.parse(text);
    } catch {
      // V8's own message quotes a few characters of the text, which may be part of a secret that
      // no redaction recognises; this snippet is cut from the text after redacting all of it.
      const snippet = JSON.stringify(redactor.text(text).slice(0, 80));
      return { problem: `the answer is not valid JSON (${text.length} bytes: ${snippet})` };
    }
  }
  try {
    return { value: decode(json) };
  } catch (err) {
    const cause = redactor.error(err);
    return { problem: cause.message, cause };
  }
}
