import type { Visibility } from "./version-upload";

const MB = 1024 * 1024;

/** What a version uploads: a Function's code or an Asset's file. */
export type UploadKind = "function" | "asset";

/**
 * Twilio's upload limits: 25 MB for a function and for a public or protected asset, 10 MB for a
 * private asset. Twilio answers a larger upload with a bare 413 once the bytes are on the wire.
 */
export function maxUploadBytes(kind: UploadKind, visibility: Visibility): number {
  return kind === "asset" && visibility === "private" ? 10 * MB : 25 * MB;
}

/** Why an upload of `size` bytes is refused, naming what it is, or `undefined` within the limit. */
export function uploadSizeProblem(
  what: string,
  size: number,
  kind: UploadKind,
  visibility: Visibility,
): string | undefined {
  const limit = maxUploadBytes(kind, visibility);
  if (size <= limit) return undefined;
  const mb = (bytes: number): string => (bytes / MB).toFixed(1).replace(/\.0$/, "");
  return `${what} is ${mb(size)} MB; Twilio accepts at most ${mb(limit)} MB for a ${visibility} ${kind}`;
}
