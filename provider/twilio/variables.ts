import { RecordOf } from "../model/field";
import { decoderOf } from "../model/derive";
import { VARIABLE } from "../model/variable";
import { Collection, Route } from "./collection";
import { EnvironmentRef, environmentPath } from "./environments";

/** An Environment Variable. Twilio returns its value in plain text. */
export type Variable = RecordOf<typeof VARIABLE.fields>;

/**
 * The one mapping from Twilio's snake_case answer, its shape checked. Every field is nullable in the
 * spec, but `Key` and `Value` are required to create a variable and the rest is always set:
 * `null` anywhere is refused (an empty value is `""`, not `null`).
 */
export const decodeVariable = decoderOf(VARIABLE);

/** An Environment's Variables; a new key or value reaches functions without a new deployment. */
export const VARIABLES: Route<EnvironmentRef> = {
  path: (ref) => `${environmentPath(ref)}/Variables`,
  key: "variables",
};

/** The Variable endpoints: create, fetch, update, remove and list. */
export type VariablesApi = Collection<typeof VARIABLE.fields, EnvironmentRef>;
