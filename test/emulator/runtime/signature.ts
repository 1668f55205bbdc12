/**
 * Twilio's request signature (`X-Twilio-Signature`), which protected Functions and Assets require.
 * https://www.twilio.com/docs/usage/webhooks/webhooks-security describes the algorithm; this is a
 * fresh implementation of it, kept pure so that tests and the demo can sign their own requests.
 */
import crypto from "crypto";

/** Parameters of a signed request: a repeated key has all its values. */
export type SignedParams = Record<string, string | readonly string[]>;

/**
 * The signature Twilio computes for a request: base64 of the HMAC-SHA1, keyed with the account's
 * auth token, of the full URL (query string included) followed by, in key order, each parameter's
 * key and value with nothing between them. A repeated key contributes `key + value` once for each
 * distinct value, in value order, as Twilio's helper library does. Pass no parameters for a GET
 * (its parameters are in the URL) or for a body that is not a form.
 */
export function twilioSignature(authToken: string, url: string, params: SignedParams = {}): string {
  // Plain code-unit order, as `Array.prototype.sort` gives, is the order Twilio's libraries use.
  let data = url;
  for (const key of Object.keys(params).sort()) {
    const value = params[key];
    const values = typeof value === "string" ? [value] : [...new Set(value)].sort();
    for (const each of values) data += key + each;
  }
  return crypto.createHmac("sha1", authToken).update(Buffer.from(data, "utf8")).digest("base64");
}

/** Whether a request's `X-Twilio-Signature` is the one expected, compared in constant time. */
export function signatureMatches(
  authToken: string,
  signature: string | undefined,
  url: string,
  params: SignedParams,
): boolean {
  if (signature === undefined) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(signature);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
