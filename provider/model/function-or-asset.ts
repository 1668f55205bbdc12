import { CREATED, IDENTITY, UPDATED_AND_URL, exclusiveService, sid, text } from "./build-fields";
import { FRIENDLY_NAME } from "../twilio/limits";
import { describe } from "./field";

const fields = {
  ...IDENTITY,
  /** The Service SID (`ZS…`); changing it replaces the resource. */
  serviceSid: sid("service_sid", "ZS"),
  /** Display name, at most 255 characters; changes in place. */
  friendlyName: text("friendly_name", { ...FRIENDLY_NAME, updatable: true }),
  /** True when nothing but this stack deploys into the Service: an interrupted create's leftover with exactly the identity asked for is then taken as this stack's (see "Interrupted deploys" in the README). */
  exclusiveService: exclusiveService(),
  ...CREATED,
  ...UPDATED_AND_URL,
};

/** What a Function is made of: a named slot of a Service for versions of code. */
export const FUNCTION = describe({ name: "Function", fields });

/** What an Asset is made of: a named slot of a Service for versions of a static file. */
export const ASSET = describe({ name: "Asset", fields });

/** The fields of a Function and of an Asset, alike. */
export type FunctionOrAssetFields = typeof fields;
