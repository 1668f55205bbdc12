import { RequestBody } from "./http/types";

/** A form field: a repeated key for a list, left out when `undefined`. */
export type FormValue = string | boolean | readonly string[] | undefined;

/**
 * A body of `application/x-www-form-urlencoded` fields, as Twilio takes every request but uploads:
 * lists as repeated keys (`FunctionVersions=ZN1&FunctionVersions=ZN2`), booleans as `true`/`false`.
 */
export function formBody(fields: Record<string, FormValue>): () => RequestBody {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (typeof value === "string" || typeof value === "boolean") params.append(key, String(value));
    else for (const item of value) params.append(key, item);
  }
  const text = params.toString();
  return () => ({
    data: text,
    headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(text) },
  });
}
