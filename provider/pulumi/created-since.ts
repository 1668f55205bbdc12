import { isNotFound } from "../twilio/errors";

// Twilio's date_created has whole seconds and its clock is not ours.
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * True when a resource Twilio dated `dateCreated` may have been created by a request started at
 * `startedAt` (ms since the epoch): what was there before is not what a lost answer created.
 */
export function createdSince(dateCreated: string, startedAt: number): boolean {
  return !(Date.parse(dateCreated) < startedAt - CLOCK_SKEW_MS);
}

/** For a lookup by name: Twilio's 404 means there is none; any other failure stands. */
export function notFoundAsNone(err: unknown): never[] {
  if (isNotFound(err)) return [];
  throw err;
}
