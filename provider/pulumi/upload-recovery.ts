import { TwilioApiError } from "../twilio/errors";
import { FunctionVersion, FunctionVersionsApi } from "../twilio/function-versions";
import { sha256 } from "./content";

/** What was uploaded, to recognise the version Twilio created from it. */
export interface UploadedVersion {
  serviceSid: string;
  functionSid: string;
  path: string;
  visibility: string;
  /** sha256 of the uploaded bytes; `undefined` when they were not all read. */
  contentHash: string | undefined;
}

// Twilio answers newest first; a version created by this upload is among the latest few.
const RECENT_VERSIONS = 20;

/**
 * After Twilio accepted an upload (2xx) but its answer could not be read, finds the version the
 * upload created, so that Pulumi records it instead of leaving an untracked version behind:
 * by the SID the answer still showed, or else among the function's newest versions by path,
 * visibility and the sha256 of its content. Returns `undefined` when it cannot be found.
 */
export async function recoverUpload(
  api: FunctionVersionsApi,
  failure: unknown,
  uploaded: UploadedVersion,
): Promise<FunctionVersion | undefined> {
  if (!(failure instanceof TwilioApiError) || failure.method !== "POST") return undefined;
  if (failure.status === undefined || failure.status < 200 || failure.status >= 300) return undefined;
  const ref = { serviceSid: uploaded.serviceSid, functionSid: uploaded.functionSid };
  const matches = (v: FunctionVersion): boolean => v.path === uploaded.path && v.visibility === uploaded.visibility;
  if (failure.createdSid !== undefined) {
    const version = await api.fetch({ ...ref, sid: failure.createdSid });
    return matches(version) ? version : undefined;
  }
  if (uploaded.contentHash === undefined) return undefined;
  for (const candidate of (await api.list({ ...ref, limit: RECENT_VERSIONS })).filter(matches)) {
    const { content } = await api.fetchContent({ ...ref, sid: candidate.sid });
    if (sha256(content) === uploaded.contentHash) return candidate;
  }
  return undefined;
}
