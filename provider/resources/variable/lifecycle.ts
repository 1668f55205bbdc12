import { lostCreateLookup } from "../../pulumi/created-since";
import { RemoteResource } from "../../pulumi/remote-lifecycle";
import { sidInput } from "../../pulumi/sids";
import { storedString } from "../../pulumi/stored";
import { textProblem } from "../../pulumi/text-inputs";
import { PropertyBag } from "../../pulumi/wire";
import { EnvironmentRef } from "../../twilio/deployments";
import { redact } from "../../twilio/errors";
import { Variable } from "../../twilio/variables";
import { messageOf } from "../../pulumi/error-message";

/** Twilio's limit on a value, in bytes of UTF-8. */
const MAX_VALUE_BYTES = 450;

// The value is a secret: a refusal says how long it is, never what it is.
function valueProblem(value: unknown): string | undefined {
  if (value === undefined || value === null) return "value is required (an empty string is allowed)";
  if (typeof value !== "string") return `value must be a string, not a ${typeof value}`;
  const bytes = Buffer.byteLength(value);
  return bytes > MAX_VALUE_BYTES ? `value is ${bytes} bytes long; Twilio allows at most ${MAX_VALUE_BYTES}` : undefined;
}

const ref = (props: PropertyBag): EnvironmentRef => ({
  serviceSid: storedString(props, "serviceSid", "Variable"),
  environmentSid: storedString(props, "environmentSid", "Variable"),
});

/** Runs a request whose failure must not repeat the value, should Twilio quote it. */
async function withoutValue<T>(value: unknown, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (err) {
    const message = messageOf(err);
    throw new Error(typeof value === "string" && value !== "" ? redact(message, [value]) : message);
  }
}

/** An Environment Variable; its key and value change in place, and functions see the change at once. */
export const VARIABLE: RemoteResource<Variable> = {
  spec: {
    name: "Variable",
    inputs: {
      serviceSid: sidInput("serviceSid", "ZS", "replace"),
      environmentSid: sidInput("environmentSid", "ZE", "replace"),
      key: { onChange: "update", problem: (value) => textProblem("key", value, { max: 128, required: true }) },
      value: { onChange: "update", problem: valueProblem },
    },
  },
  create(client, inputs) {
    const key = String(inputs.key);
    // Keys are unique in an environment: the one with this key since this create began is its.
    const lost = lostCreateLookup(
      () => client.variables.list(ref(inputs)),
      (candidate) => candidate.key === key,
    );
    return withoutValue(inputs.value, () =>
      client.variables.create(ref(inputs), { key, value: String(inputs.value) }, lost),
    );
  },
  fetch: (client, id, olds) => client.variables.fetch(ref(olds), id),
  update: (client, id, olds, news) =>
    withoutValue(news.value, () =>
      client.variables.update(ref(olds), id, { key: String(news.key), value: String(news.value) }),
    ),
  remove: (client, id, olds) => client.variables.remove(ref(olds), id),
  outputs: (variable) => ({ ...variable }),
};
