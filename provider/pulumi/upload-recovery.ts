import { TwilioApiError, mayHaveBeenProcessed } from "../twilio/errors";
import { FunctionVersion, FunctionVersionsApi } from "../twilio/function-versions";
import { sha256 } from "./content";

/** What was uploaded, to recognise the version Twilio created from it. */
export interface UploadedVersion {
  serviceSid: string;
  functionSid: string;
  path: string;
  visibility: string;
  /** sha256 of the uploaded bytes; `undefined` when they were not all read, so none were stored. */
  contentHash: string | undefined;
  /** When the upload started (ms since the epoch): older versions are not its. */
  startedAt: number;
}

// Twilio answers newest first; a version created by this upload is among the latest few.
const RECENT_VERSIONS = 20;
// Twilio's date_created has whole seconds and its clock is not ours.
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * Finds the version an upload created among the function's newest versions, by path, visibility,
 * creation time and the sha256 of its content. Returns `undefined` when there is none.
 */
export async function findUploadedVersion(
  api: FunctionVersionsApi,
  uploaded: UploadedVersion,
): Promise<FunctionVersion | undefined> {
  if (uploaded.contentHash === undefined) return undefined;
  const ref = { serviceSid: uploaded.serviceSid, functionSid: uploaded.functionSid };
  const candidates = (await api.list({ ...ref, limit: RECENT_VERSIONS })).filter(
    (v) => matches(v, uploaded) && !(Date.parse(v.dateCreated) < uploaded.startedAt - CLOCK_SKEW_MS),
  );
  for (const candidate of candidates) {
    const { content } = await api.fetchContent({ ...ref, sid: candidate.sid });
    if (sha256(content) === uploaded.contentHash) return candidate;
  }
  return undefined;
}

/**
 * After an upload failed in a way that leaves open whether Twilio stored it (an unreadable 2xx
 * answer, or a 5xx or lost connection on its last attempt), finds the version it created, so that
 * Pulumi records it instead of leaving an untracked version behind: by the SID an answer still
 * showed, or else as {@link findUploadedVersion} does.
 */
export async function recoverUpload(
  api: FunctionVersionsApi,
  failure: unknown,
  uploaded: UploadedVersion,
): Promise<FunctionVersion | undefined> {
  if (!(failure instanceof TwilioApiError) || failure.method !== "POST" || !mayHaveBeenProcessed(failure)) {
    return undefined;
  }
  if (failure.createdSid !== undefined) {
    const ref = { serviceSid: uploaded.serviceSid, functionSid: uploaded.functionSid };
    const version = await api.fetch({ ...ref, sid: failure.createdSid });
    return matches(version, uploaded) ? version : undefined;
  }
  return findUploadedVersion(api, uploaded);
}

function matches(version: FunctionVersion, uploaded: UploadedVersion): boolean {
  return version.path === uploaded.path && version.visibility === uploaded.visibility;
}
