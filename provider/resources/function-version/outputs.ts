import { FunctionVersion } from "../../twilio/function-versions";

/** The outputs a FunctionVersion keeps in state, all always defined: Twilio's fields and the content hash. */
export interface FunctionVersionOutputs extends FunctionVersion {
  /** Lowercase hex sha256 of the uploaded bytes. */
  contentHash: string;
}

/** The output names, in the order they are documented. */
export const OUTPUT_KEYS: readonly (keyof FunctionVersionOutputs)[] = [
  "sid",
  "accountSid",
  "serviceSid",
  "functionSid",
  "path",
  "visibility",
  "dateCreated",
  "url",
  "contentHash",
];

/** Outputs from Twilio's answer and the hash of what was uploaded. */
export function toOutputs(version: FunctionVersion, contentHash: string): FunctionVersionOutputs {
  return { ...version, contentHash };
}
