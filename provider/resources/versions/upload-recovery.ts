import { VersionRecord } from "../../model/versions";
import { createdSince } from "../../pulumi/created-since";
import { TwilioApiError, mayHaveBeenProcessed } from "../../twilio/errors";
import { ParentVersions } from "./kinds";

/** What was uploaded, to recognise the version Twilio created from it. */
export interface UploadedVersion {
  /** The URL path, with its leading slash. */
  path: string;
  visibility: string;
  /** sha256 of the uploaded bytes; `undefined` when they were not all read, so none were stored. */
  contentHash: string | undefined;
  /** When the upload started (ms since the epoch): older versions are not its. */
  startedAt: number;
}

// Twilio answers newest first; a version created by this upload is among the latest few.
const RECENT_VERSIONS = 20;

/**
 * Finds the version an upload created among its parent's newest versions, by path, visibility,
 * creation time and, where Twilio gives the bytes back, the sha256 of its content. Returns
 * `undefined` when there is none.
 *
 * Asset Versions have no `/Content`, so the newest one with the upload's path and visibility
 * created since the upload began (within the allowance for clock skew) is taken as its own: a
 * version of the same path and visibility uploaded to the same Asset in that time by someone else,
 * or shortly before by an earlier upload, is taken for it when the lost attempt stored nothing.
 */
export async function findUploadedVersion<V extends VersionRecord>(
  versions: ParentVersions<V>,
  uploaded: UploadedVersion,
): Promise<V | undefined> {
  if (uploaded.contentHash === undefined) return undefined;
  const candidates = (await versions.newest(RECENT_VERSIONS)).filter(
    (v) => matches(v, uploaded) && createdSince(v.dateCreated, uploaded.startedAt),
  );
  const { storedHash } = versions;
  if (storedHash === undefined) return candidates[0];
  for (const candidate of candidates) {
    if ((await storedHash(candidate.sid)) === uploaded.contentHash) return candidate;
  }
  return undefined;
}

/**
 * After an upload failed in a way that leaves open whether Twilio stored it (an unreadable 2xx
 * answer, or a 5xx or lost connection on its last attempt), finds the version it created, so that
 * Pulumi records it instead of leaving an untracked version behind: by the SID an answer still
 * showed, or else as {@link findUploadedVersion} does.
 */
export async function recoverUpload<V extends VersionRecord>(
  versions: ParentVersions<V>,
  failure: unknown,
  uploaded: UploadedVersion,
): Promise<V | undefined> {
  if (!(failure instanceof TwilioApiError) || failure.method !== "POST" || !mayHaveBeenProcessed(failure)) {
    return undefined;
  }
  if (failure.createdSid !== undefined) {
    const version = await versions.fetch(failure.createdSid);
    return matches(version, uploaded) ? version : undefined;
  }
  return findUploadedVersion(versions, uploaded);
}

function matches(version: VersionRecord, uploaded: UploadedVersion): boolean {
  return version.path === uploaded.path && version.visibility === uploaded.visibility;
}
