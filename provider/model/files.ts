import { FRIENDLY_NAME } from "../twilio/limits";
import { CREATED, IDENTITY, UPDATED_AND_URL, exclusiveService, output, provided, sid, text } from "./build-fields";
import { AnyField, PropertyBag, describe } from "./field";
import { contentField, normalizePath, pathField, sizeProblem, visibilityField } from "./versions";

/**
 * A version field made a change in place: a file's new bytes, path or visibility are a new version
 * of the same Function or Asset, which keeps its SID (and with it its name in the Console and its
 * logs) from one deploy to the next.
 */
function inPlace<F extends AnyField>(field: F): F {
  return { ...field, input: field.input && { ...field.input, onChange: "update" } };
}

// The Toolkit names a Function or an Asset after its URL path.
const pathAsName = (news: PropertyBag): unknown =>
  typeof news.path === "string" ? normalizePath(news.path) : undefined;

const fields = {
  /** The Function's (or Asset's) SID (`ZH…`), also the resource id. */
  sid: IDENTITY.sid,
  /** The account that owns it (`AC…`). */
  accountSid: IDENTITY.accountSid,
  /** The Service SID (`ZS…`); changing it replaces the resource. */
  serviceSid: sid("service_sid", "ZS"),
  /** URL path, e.g. `/hello` (a leading slash is added if missing); at most 255 characters. A change uploads a new version. */
  path: inPlace(pathField),
  /** Who may reach it; `protected` (callers need a valid Twilio signature) when omitted. A change uploads a new version. */
  visibility: inPlace(visibilityField),
  /**
   * The bytes: a string, a `pulumi.asset.StringAsset`, or a `pulumi.asset.FileAsset` (path
   * relative to the Pulumi program directory, streamed from disk when uploaded). Compared by
   * sha256; a change uploads a new version.
   */
  content: inPlace(contentField),
  /** The Function's (or Asset's) display name, at most 255 characters; the path when omitted. Changes in place. */
  friendlyName: text("friendly_name", { ...FRIENDLY_NAME, updatable: true, default: pathAsName }),
  /** True when nothing but this stack deploys into the Service: an interrupted create's leftover with exactly the identity asked for is then taken as this stack's (see "Interrupted deploys" in the README). */
  exclusiveService: exclusiveService(),
  /** The SID (`ZN…`) of the version holding the current bytes: what a Build deploys. */
  versionSid: provided<string>(),
  /** Lowercase hex sha256 of the current version's bytes. */
  contentHash: provided<string>(),
  /** When Twilio created the Function (or Asset) (ISO 8601 in UTC). */
  dateCreated: CREATED.dateCreated,
  /** When the Function (or Asset) itself last changed (ISO 8601 in UTC); a new version does not change it. */
  dateUpdated: UPDATED_AND_URL.dateUpdated,
  /** The Function's (or Asset's) API URL. */
  url: output("url"),
};

/**
 * A function of a Serverless project: a Function and the version of its code a Build deploys,
 * as one resource. New code is a new version of the same Function.
 */
export const FUNCTION_FILE = describe({
  name: "FunctionFile",
  fields,
  together: (inputs, context) => sizeProblem("function", inputs, context),
});

/** An asset of a Serverless project: an Asset and the version of its bytes a Build deploys, as one resource. */
export const ASSET_FILE = describe({
  name: "AssetFile",
  fields,
  together: (inputs, context) => sizeProblem("asset", inputs, context),
});

/** The fields of a FunctionFile and of an AssetFile, alike. */
export type FileFields = typeof fields;
