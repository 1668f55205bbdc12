/**
 * Every Twilio limit and naming rule this package checks before sending a request, in one place.
 * Twilio would refuse the same values, but only once a deploy is under way (a 400 after the
 * resources before it were made) or, for an upload too large, with a bare 413 once every byte is
 * on the wire; checking at preview names the value at fault first.
 */
import type { Visibility } from "./visibility";

/** Characters Twilio allows in a name it turns into a DNS label: letters, digits and dashes. */
const LABEL_CHARACTERS = "A-Za-z0-9-";

/**
 * How Twilio bounds a text field: at most `max` characters (UTF-16 code units, as JavaScript and
 * Twilio's messages count them) and, for some names, only certain characters. The shape is the
 * options of `textProblem` in `model/text.ts`, less `required`.
 */
export interface TextRule {
  max: number;
  /** The characters allowed, and how a refusal says so after the quoted value. */
  pattern?: { test: RegExp; says: string };
}

/**
 * A Service's unique name: 1 to 50 letters, digits and dashes, unique in the account. It starts
 * the Service's domain names (`<uniqueName>-1234.twil.io`), hence the characters.
 */
export const SERVICE_UNIQUE_NAME = {
  max: 50,
  pattern: { test: new RegExp(`^[${LABEL_CHARACTERS}]+$`), says: "may hold only letters, digits and dashes" },
} satisfies TextRule;

/**
 * One character a Service unique name may not hold, wherever it is; global, for `replace` only
 * (`test` on a global expression moves its `lastIndex`).
 */
export const SERVICE_UNIQUE_NAME_REFUSED = new RegExp(`[^${LABEL_CHARACTERS}]`, "g");

/** A friendly (display) name of a Service, a Function or an Asset: at most 255 characters. */
export const FRIENDLY_NAME = { max: 255 } satisfies TextRule;

/** An Environment's unique name: 1 to 100 characters, unique in its Service. */
export const ENVIRONMENT_UNIQUE_NAME = { max: 100 } satisfies TextRule;

/**
 * An Environment's domain suffix: at most 16 letters, digits and dashes, unique in its Service.
 * It ends the Environment's domain name (`<service>-1234-<suffix>.twil.io`), hence the characters.
 */
export const ENVIRONMENT_DOMAIN_SUFFIX = {
  max: 16,
  pattern: {
    test: new RegExp(`^[${LABEL_CHARACTERS}]+$`),
    says: "may hold only letters, digits and dashes (it ends a domain name)",
  },
} satisfies TextRule;

/** A Variable's key, its name in a function's `context`: 1 to 128 characters. */
export const VARIABLE_KEY = { max: 128 } satisfies TextRule;

/** A Variable's value: at most 450 bytes of UTF-8 (bytes, not characters). */
export const VARIABLE_VALUE_MAX_BYTES = 450;

/**
 * A Function's or an Asset's URL path: at most 255 characters with its leading slash, and none of
 * the characters Twilio refuses there (`says` lists them for messages).
 */
export const VERSION_PATH = {
  max: 255,
  /** Matches the first refused character: one Twilio rejects, or any whitespace. */
  forbidden: /[#;,?:@+&$()'"\s]/,
  says: `# ; , ? : @ + & $ ( ) ' " or whitespace`,
};

/** Items per page of a Twilio list: 1 to 1000, 50 when the request names none. */
export const PAGE_SIZE = { min: 1, max: 1000, default: 50 };

/** What a version uploads: a Function's code or an Asset's file. */
export type UploadKind = "function" | "asset";

const MB = 1024 * 1024;

/**
 * Twilio's upload limits, by kind and visibility: 25 MB for a Function and for a public or
 * protected Asset, 10 MB for a private Asset. Twilio answers a larger upload with a bare 413 once
 * the bytes are on the wire.
 */
export const MAX_UPLOAD_BYTES: Readonly<Record<UploadKind, Readonly<Record<Visibility, number>>>> = {
  function: { public: 25 * MB, protected: 25 * MB, private: 25 * MB },
  asset: { public: 25 * MB, protected: 25 * MB, private: 10 * MB },
};

/** The most bytes Twilio accepts in one upload of `kind` with `visibility`. */
export function maxUploadBytes(kind: UploadKind, visibility: Visibility): number {
  return MAX_UPLOAD_BYTES[kind][visibility];
}

const megabytes = (bytes: number): string => (bytes / MB).toFixed(1).replace(/\.0$/, "");

/** Why an upload of `size` bytes is refused, naming what it is, or `undefined` within the limit. */
export function uploadSizeProblem(
  what: string,
  size: number,
  kind: UploadKind,
  visibility: Visibility,
): string | undefined {
  const limit = maxUploadBytes(kind, visibility);
  if (size <= limit) return undefined;
  return `${what} is ${megabytes(size)} MB; Twilio accepts at most ${megabytes(limit)} MB for a ${visibility} ${kind}`;
}

/**
 * The upload limits in a few words, for a 413 that arrived anyway (a file that grew after
 * preview): `Functions and Assets: 25 MB, private Assets: 10 MB`.
 */
export function uploadLimitsSummary(): string {
  const { function: fn, asset } = MAX_UPLOAD_BYTES;
  return `Functions and Assets: ${megabytes(fn.public)} MB, private Assets: ${megabytes(asset.private)} MB`;
}
