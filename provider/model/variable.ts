import { CREATED, IDENTITY, UPDATED_AND_URL, exclusiveService, paramOf, sid, text } from "./build-fields";
import { VARIABLE_KEY, VARIABLE_VALUE_MAX_BYTES } from "../twilio/limits";
import { Decoded, describe } from "./field";

// The value is a secret: a refusal says how long it is, never what it is.
function valueProblem(property: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return `${property} is required`;
  if (typeof value !== "string") return `${property} must be a string, not a ${typeof value}`;
  // Twilio answers "Missing required parameter Value" to an empty one, after whatever ran before it.
  if (value === "") return `${property} is empty, which Twilio refuses: leave the Variable out instead`;
  const bytes = Buffer.byteLength(value);
  return bytes > VARIABLE_VALUE_MAX_BYTES
    ? `${property} is ${bytes} bytes long; Twilio allows at most ${VARIABLE_VALUE_MAX_BYTES}`
    : undefined;
}

const secretValue: Decoded<string, string, false> = {
  decode: (answer) => answer.string("value"),
  input: { onChange: "update", problem: valueProblem, secret: true, param: paramOf("value") },
};

/** What a Variable is made of, and the rules its inputs follow. */
export const VARIABLE = describe({
  name: "Variable",
  fields: {
    ...IDENTITY,
    /** The Service SID (`ZS…`). */
    serviceSid: sid("service_sid", "ZS"),
    /** The Environment SID (`ZE…`). */
    environmentSid: sid("environment_sid", "ZE"),
    /** Its name in `context`, 1 to 128 characters. */
    key: text("key", { ...VARIABLE_KEY, updatable: true }),
    /** Its value, at most 450 bytes; stored as a secret. */
    value: secretValue,
    /** True when nothing but this stack deploys into the Service: an interrupted create's leftover with exactly the identity asked for is then taken as this stack's (see "Interrupted deploys" in the README). */
    exclusiveService: exclusiveService(),
    ...CREATED,
    ...UPDATED_AND_URL,
  },
});
