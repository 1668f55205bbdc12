import { RecordOf } from "../model/field";
import { VARIABLE } from "../model/variable";
import { Collection, Route } from "./collection";
import { EnvironmentRef, environmentPath } from "./environments";

/** An Environment Variable. Twilio returns its value in plain text. */
export type Variable = RecordOf<typeof VARIABLE.fields>;

/** An Environment's Variables; a new key or value reaches functions without a new deployment. */
export const VARIABLES: Route<EnvironmentRef> = {
  path: (ref) => `${environmentPath(ref)}/Variables`,
  key: "variables",
};

/** The Variable endpoints: create, fetch, update, remove and list. */
export type VariablesApi = Collection<typeof VARIABLE.fields, EnvironmentRef>;
