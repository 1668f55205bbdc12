import path from "path";
import { sha256 } from "../../model/content";
import { ASSET_VERSION, FUNCTION_VERSION, VersionRecord } from "../../model/versions";
import { Description, Fields } from "../../model/field";
import { AssetVersion } from "../../twilio/asset-versions";
import { TwilioClient } from "../../twilio/client";
import { FunctionVersion } from "../../twilio/function-versions";
import { UploadContent, Visibility } from "../../twilio/version-upload";

/** What a version belongs to: a Service and one of its Functions or Assets. */
export interface VersionParent {
  /** The Service SID (`ZS…`). */
  serviceSid: string;
  /** The Function or Asset SID (`ZH…`). */
  parentSid: string;
}

/** What one upload sends. */
export interface VersionUploadParams<V> {
  /** The URL path, with its leading slash. */
  path: string;
  visibility: Visibility;
  content: UploadContent;
  /** Looks for the version a lost attempt stored, before the upload is sent again; what it finds is taken. */
  findExisting: () => Promise<V | undefined>;
}

/** The versions of one Function or Asset, through the same calls whatever their kind. */
export interface ParentVersions<V extends VersionRecord> {
  /** Uploads a new version to the upload host. */
  upload(params: VersionUploadParams<V>): Promise<V>;
  /** Fetches one; a purged or unknown one fails with status 404. */
  fetch(sid: string): Promise<V>;
  /** The newest `limit` versions, newest first. */
  newest(limit: number): Promise<V[]>;
  /**
   * The sha256 of the bytes a version holds; absent where Twilio cannot give them back (Asset
   * Versions have no `/Content`), and a lost upload is then recognised without them.
   */
  storedHash?: (sid: string) => Promise<string>;
}

/** What sets one kind of version apart; everything else is shared by `VersionLifecycle`. */
export interface VersionKind<V extends VersionRecord> {
  /** Its fields; `description.name` is the resource type (`FunctionVersion`). */
  description: Description<Fields>;
  /** What its versions belong to, as messages name it. */
  parent: "Function" | "Asset";
  /** The input and output that hold the parent's SID. */
  parentKey: "functionSid" | "assetSid";
  /** The file name text content is uploaded under, given the version's URL path. */
  textFilename: (path: string) => string;
  /** The versions of `parent` through `client`. */
  versions: (client: TwilioClient, parent: VersionParent) => ParentVersions<V>;
}

/** Function Versions: uploaded as `function.js` when given as text, and readable back through `/Content`. */
export const FUNCTION_VERSIONS: VersionKind<FunctionVersion> = {
  description: FUNCTION_VERSION,
  parent: "Function",
  parentKey: "functionSid",
  textFilename: () => "function.js",
  versions: ({ functionVersions: api }, { serviceSid, parentSid: functionSid }) => ({
    upload: (params) => api.upload({ serviceSid, functionSid, ...params }),
    fetch: (sid) => api.fetch({ serviceSid, functionSid, sid }),
    newest: (limit) => api.list({ serviceSid, functionSid }, { limit }),
    storedHash: async (sid) => sha256((await api.fetchContent({ serviceSid, functionSid, sid })).content),
  }),
};

/**
 * Asset Versions: text is uploaded under the last segment of the path (`/css/style.css` as
 * `style.css`), since the MIME type Twilio serves an asset with follows from that name. Twilio
 * cannot give their bytes back, so a lost upload is recognised without its content.
 */
export const ASSET_VERSIONS: VersionKind<AssetVersion> = {
  description: ASSET_VERSION,
  parent: "Asset",
  parentKey: "assetSid",
  // The path "/" has no last segment; a name is still needed for the part to be a file.
  textFilename: (urlPath) => path.posix.basename(urlPath) || "asset",
  versions: ({ assetVersions: api }, { serviceSid, parentSid: assetSid }) => ({
    upload: (params) => api.upload({ serviceSid, assetSid, ...params }),
    fetch: (sid) => api.fetch({ serviceSid, assetSid, sid }),
    newest: (limit) => api.list({ serviceSid, assetSid }, { limit }),
  }),
};
