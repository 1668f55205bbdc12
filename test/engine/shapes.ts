import { RecordedRequest, TwilioEmulator } from "../emulator/server";
import { Step } from "./engine";

/**
 * Each step by resource name (or by `key`: `typed` when names repeat across types), with the
 * operation and what forces a replacement (`replace content`) or what an update changes (`update content`).
 */
export const ops = (steps: Step[], key: (step: Step) => string = (s) => s.name): Record<string, string> =>
  Object.fromEntries(
    steps.map((s) => {
      const properties = s.replaces ?? s.updates;
      return [key(s), properties ? `${s.op} ${properties.join(",")}` : s.op];
    }),
  );

/** A step's key as `<Type> <name>`: `FunctionVersion app/hello`. */
export const typed = (step: Step): string => `${step.type.split(/[:/]/).pop()} ${step.name}`;

/** Requests as `METHOD path`, SIDs shown by their kind (`/ZS`), build status reads left out. */
export const shape = (requests: RecordedRequest[]): string[] =>
  requests
    .filter((r) => !r.path.endsWith("/Status"))
    .map((r) => `${r.method} ${r.path.replace(/\/([A-Z]{2})[0-9a-f]{32}/g, "/$1")}`);

/** A function answering the requests the emulator recorded since its last call (or since this one). */
export function requestsSince(emulator: TwilioEmulator): () => RecordedRequest[] {
  let seen = emulator.requests.length;
  return () => {
    const made = emulator.requests.slice(seen);
    seen = emulator.requests.length;
    return made;
  };
}

/** A deploy's requests by kind, as the emulator received them. */
export interface RequestTally {
  total: number;
  /** POSTs to the upload host: Function and Asset Versions. */
  uploads: number;
  /** Other POSTs and DELETEs: Services, Functions, Assets, Builds, Environments, Deployments, Variables. */
  otherWrites: number;
  /** GETs, build status reads left out. */
  reads: number;
  /** `GET …/Builds/ZB…/Status`. */
  statusPolls: number;
  /** Requests answered 429. */
  throttled: number;
  /** Request body bytes sent to the upload host. */
  bytesUploaded: number;
}

/** `GET …/Builds/ZB…/Status`. */
export const isStatusPoll = (r: RecordedRequest): boolean => r.method === "GET" && r.path.endsWith("/Status");

export function tally(requests: readonly RecordedRequest[]): RequestTally {
  const uploads = requests.filter((r) => r.host === "upload");
  const statusPolls = requests.filter(isStatusPoll).length;
  const reads = requests.filter((r) => r.host === "api" && r.method === "GET").length - statusPolls;
  return {
    total: requests.length,
    uploads: uploads.length,
    otherWrites: requests.length - uploads.length - reads - statusPolls,
    reads,
    statusPolls,
    throttled: requests.filter((r) => r.status === 429).length,
    bytesUploaded: uploads.reduce((sum, r) => sum + r.bytes, 0),
  };
}
