import { VersionRecord } from "./version-kind";

/** The outputs a version keeps in state, all always defined: Twilio's fields and the content hash. */
export type VersionOutputs<V extends VersionRecord> = V & {
  /** Lowercase hex sha256 of the uploaded bytes. */
  contentHash: string;
};

/** The output names of a version whose parent's SID is `parentKey`, in the order they are documented. */
export function versionOutputKeys<K extends string>(
  parentKey: K,
): readonly (keyof VersionRecord | K | "contentHash")[] {
  return ["sid", "accountSid", "serviceSid", parentKey, "path", "visibility", "dateCreated", "url", "contentHash"];
}

/** Outputs from Twilio's answer and the hash of what was uploaded. */
export function toVersionOutputs<V extends VersionRecord>(version: V, contentHash: string): VersionOutputs<V> {
  return { ...version, contentHash };
}
