import { errorParts } from "../error-parts";
import { Credentials } from "./types";

/** Replaces every occurrence of each secret in `text` with `[REDACTED]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join("[REDACTED]");
  }
  return out;
}

/**
 * A plain copy of `err` for use as a `cause`, keeping only its name, message, `code` and stack,
 * with each secret replaced. Nothing else survives: an HTTP library's error holds the request
 * configuration (the Authorization header), the answer's headers and the request object, and
 * Node's HTTP parser errors hold the raw bytes the server sent (`rawPacket`), any of which may
 * carry the credentials. A value that is not an error becomes an error with its text.
 */
export function redactError(err: unknown, secrets: readonly string[]): Error {
  const parts = errorParts(err) ?? { name: "Error", message: String(err) };
  const copy = new Error(redact(parts.message, secrets));
  copy.name = parts.name;
  copy.stack = redact(parts.stack ?? `${parts.name}: ${parts.message}`, secrets);
  if (parts.code !== undefined) Object.assign(copy, { code: parts.code });
  return copy;
}

/** The token of an HTTP Basic `Authorization` header: a form of the password, redacted as one. */
export function basicToken({ username, password }: Credentials): string {
  return Buffer.from(`${username}:${password}`).toString("base64");
}

/**
 * Removes one client's credentials from what reaches an error: each layer that turns text from the
 * wire, or another library's error, into part of a `TwilioApiError` passes it through here first.
 * The username is redacted too: an account SID names the account.
 */
export class Redactor {
  private readonly secrets: readonly string[];

  constructor(credentials: Credentials) {
    this.secrets = [credentials.password, credentials.username, basicToken(credentials)];
  }

  /** `text` with every credential replaced by `[REDACTED]`. */
  text(text: string): string {
    return redact(text, this.secrets);
  }

  /** A plain copy of `err` without credentials: see {@link redactError}. */
  error(err: unknown): Error {
    return redactError(err, this.secrets);
  }
}
