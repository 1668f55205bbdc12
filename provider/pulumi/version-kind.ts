import { TwilioClient } from "../twilio/client";
import { UploadContent, Visibility } from "../twilio/version-upload";
import { ResourceSpec } from "./spec";

/** The fields Twilio returns for every version, of a Function or of an Asset, camelCased. */
export interface VersionRecord {
  /** The version SID (`ZN…`). */
  sid: string;
  /** The account that owns it (`AC…`). */
  accountSid: string;
  /** Its Service (`ZS…`). */
  serviceSid: string;
  /** The URL path, with its leading slash. */
  path: string;
  /** `public`, `protected` or `private`. */
  visibility: string;
  /** When Twilio created it, ISO 8601 in UTC. */
  dateCreated: string;
  /** Its API resource URL. */
  url: string;
}

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
  /** Its inputs; `spec.name` is the resource type (`FunctionVersion`). */
  spec: ResourceSpec;
  /** What its versions belong to, as messages name it. */
  parent: "Function" | "Asset";
  /** The input and output that hold the parent's SID. */
  parentKey: "functionSid" | "assetSid";
  /** The file name text content is uploaded under, given the version's URL path. */
  textFilename: (path: string) => string;
  /** The versions of `parent` through `client`. */
  versions: (client: TwilioClient, parent: VersionParent) => ParentVersions<V>;
}
