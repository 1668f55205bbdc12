import { FunctionVersion } from "../twilio/function-versions";
import { PropertyBag } from "./wire";

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

/** Reads a string output from stored state, failing clearly when the state predates it or is damaged. */
export function storedString(props: PropertyBag, key: keyof FunctionVersionOutputs): string {
  const value = props[key];
  if (typeof value !== "string" || value === "") {
    throw new Error(
      `the stored state of this FunctionVersion has no "${key}"; replace it with "pulumi up --replace <urn>"`,
    );
  }
  return value;
}
