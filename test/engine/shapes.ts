import { RecordedRequest, TwilioEmulator } from "../emulator/server";
import { Step } from "./engine";

/**
 * Each step by resource name (or by `key`: `typed` when names repeat across types), with the
 * operation and what forces a replacement (`replace content`).
 */
export const ops = (steps: Step[], key: (step: Step) => string = (s) => s.name): Record<string, string> =>
  Object.fromEntries(steps.map((s) => [key(s), s.replaces ? `${s.op} ${s.replaces.join(",")}` : s.op]));

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
