import type * as pulumi from "@pulumi/pulumi";
import { UploadKind, VERSION_PATH, uploadSizeProblem } from "../twilio/limits";
import { Visibility, isVisibility } from "../twilio/visibility";
import { CREATED, IDENTITY, given, output, provided, sid } from "./build-fields";
import { contentHash, contentProblem, contentSize, parseContent } from "./content";
import { CheckContext, Decoded, Fields, PropertyBag, RecordOf, describe } from "./field";

/** The visibility Twilio applies when none is given. */
export const DEFAULT_VISIBILITY: Visibility = "protected";

/** `path` as Twilio stores it: with a leading slash. */
export function normalizePath(value: string): string {
  return value.startsWith("/") ? value : `/${value}`;
}

/** Why a function or asset path is refused, or `undefined`. */
export function pathProblem(value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return "path is required, e.g. /hello";
  if (typeof value !== "string") return `path must be a string, not a ${typeof value}`;
  const normalized = normalizePath(value);
  if (normalized.length > VERSION_PATH.max) {
    return `path is ${normalized.length} characters long (with its leading slash); Twilio allows at most ${VERSION_PATH.max}`;
  }
  const bad = VERSION_PATH.forbidden.exec(value);
  if (bad) {
    const shown = /\s/.test(bad[0]) ? "whitespace" : `"${bad[0]}"`;
    return `path ${JSON.stringify(value)} contains ${shown}; Twilio paths cannot contain ${VERSION_PATH.says}`;
  }
  return undefined;
}

/** Why a visibility is refused (with the value probably meant), or `undefined`. */
export function visibilityProblem(value: unknown): string | undefined {
  if (isVisibility(value)) return undefined;
  const hint =
    typeof value === "string" && isVisibility(value.trim().toLowerCase())
      ? ` (did you mean "${value.trim().toLowerCase()}"?)`
      : "";
  return `visibility must be "public", "protected" or "private", got ${JSON.stringify(value)}${hint}`;
}

/** What a program passes as a version's bytes. */
export type VersionContent = string | pulumi.asset.StringAsset | pulumi.asset.FileAsset;

// Versions are immutable, so every change is a replacement.
/** A version's URL path: required, with a leading slash once checked. */
export const pathField: Decoded<string, string, false> = {
  decode: (r) => r.string("path"),
  input: {
    onChange: "replace",
    problem: (_property, value) => pathProblem(value),
    normalize: (value) => (typeof value === "string" ? normalizePath(value) : value),
    changed: (olds, value) => typeof value !== "string" || olds.path !== normalizePath(value),
  },
};

/** A version's visibility: `protected` when left out. */
export const visibilityField: Decoded<Visibility, Visibility, true> = {
  decode: (r) => {
    const visibility = r.string("visibility");
    if (!isVisibility(visibility)) throw new Error(`unexpected visibility from Twilio: ${JSON.stringify(visibility)}`);
    return visibility;
  },
  input: {
    onChange: "replace",
    problem: (_property, value) => visibilityProblem(value),
    default: () => DEFAULT_VISIBILITY,
    changed: (olds, value) => olds.visibility !== (value ?? DEFAULT_VISIBILITY),
  },
};

/** A version's bytes, compared by sha256, never by text; kept out of the outputs, which would otherwise hold every byte. */
export const contentField = given<never, VersionContent, false>({
  onChange: "replace",
  problem: (_property, value, { programDir }) => {
    const content = parseContent(value);
    return typeof content === "string" ? content : contentProblem(content, programDir);
  },
  changed: (olds, value, { programDir }) => {
    const content = parseContent(value);
    const hash = typeof content === "string" ? undefined : contentHash(content, programDir);
    return hash === undefined || hash !== olds.contentHash;
  },
});

/** The fields of every version before its parent's SID. */
const HEAD = {
  ...IDENTITY,
  /** The Service SID (`ZS` + 32 hex digits). */
  serviceSid: sid("service_sid", "ZS"),
};

/** The fields of every version after its parent's SID. */
const TAIL = {
  /** URL path, e.g. `/hello` (a leading slash is added if missing); at most 255 characters. */
  path: pathField,
  /** Who may reach it; `protected` (callers need a valid Twilio signature) when omitted. */
  visibility: visibilityField,
  /**
   * The bytes: a string, a `pulumi.asset.StringAsset`, or a `pulumi.asset.FileAsset` (path
   * relative to the Pulumi program directory, streamed from disk when uploaded).
   */
  content: contentField,
  ...CREATED,
  /** Its API URL. */
  url: output("url"),
  /** Lowercase hex sha256 of the uploaded bytes. */
  contentHash: provided<string>(),
};

/** The fields Twilio returns for every version, of a Function or of an Asset. */
export type VersionRecord = RecordOf<typeof HEAD & typeof TAIL>;

/**
 * Twilio's size limit depends on the visibility, so it is checked once both are known, at
 * preview, where Twilio itself would only answer a bare 413 once the bytes were sent.
 */
export function sizeProblem(kind: UploadKind, inputs: PropertyBag, { programDir }: CheckContext) {
  const content = parseContent(inputs.content);
  const visibility = inputs.visibility;
  if (typeof content === "string" || !isVisibility(visibility)) return [];
  const measured = contentSize(content, programDir);
  const reason = measured && uploadSizeProblem(measured.what, measured.size, kind, visibility);
  return reason ? [{ property: "content", reason }] : [];
}

/** A version of `kind`, whose parent's SID is the one field of `parent`. */
function versionOf<const N extends string, P extends Fields>(name: N, kind: UploadKind, parent: P) {
  return describe({
    name,
    fields: { ...HEAD, ...parent, ...TAIL },
    together: (inputs, context) => sizeProblem(kind, inputs, context),
  });
}

/** A Function Version: a Function's code, uploaded as `function.js` when given as text. */
export const FUNCTION_VERSION = versionOf("FunctionVersion", "function", {
  /** The Function SID (`ZH` + 32 hex digits). */
  functionSid: sid("function_sid", "ZH"),
});

/**
 * An Asset Version: an Asset's file. Text content is uploaded under the last segment of `path`, a
 * FileAsset under its file name, from which Twilio's MIME type follows.
 */
export const ASSET_VERSION = versionOf("AssetVersion", "asset", {
  /** The Asset SID (`ZH` + 32 hex digits). */
  assetSid: sid("asset_sid", "ZH"),
});
