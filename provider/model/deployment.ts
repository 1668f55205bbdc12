import { CREATED, IDENTITY, UPDATED_AND_URL, sentFlag, sid, sidRule } from "./build-fields";
import { Decoded, describe } from "./field";

// Given as an input, but Twilio's record of a deployment that took its build offline holds none.
const buildSid: Decoded<string | null, string, false> = {
  decode: (answer) => answer.nullableString("build_sid"),
  input: { ...sidRule("ZB"), param: "BuildSid" },
};

/** What a Deployment is made of, and the rules its inputs follow. */
export const DEPLOYMENT = describe({
  name: "Deployment",
  fields: {
    ...IDENTITY,
    /** The Service SID (`ZS…`). */
    serviceSid: sid("service_sid", "ZS"),
    /** The Environment SID (`ZE…`). */
    environmentSid: sid("environment_sid", "ZE"),
    /** The Build SID (`ZB…`) to make live. */
    buildSid,
    /** Whether it deploys a Flex Plugin (Twilio's `IsPlugin`); left out, it does not. */
    isPlugin: sentFlag("IsPlugin"),
    ...CREATED,
    ...UPDATED_AND_URL,
  },
});
