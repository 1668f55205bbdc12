import { EXCLUSIVE_SERVICE_INPUT, claims, createOnce, firstListing, isExclusive } from "../../pulumi/create-once";
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
  if (value === undefined || value === null) return "value is required";
  if (typeof value !== "string") return `value must be a string, not a ${typeof value}`;
  // Twilio answers "Missing required parameter Value" to an empty one, after whatever ran before it.
  if (value === "") return "value is empty, which Twilio refuses: leave the Variable out instead";
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

const listings = firstListing<Variable>();

/** An Environment Variable; its key and value change in place, and functions see the change at once. */
export const VARIABLE: RemoteResource<Variable> = {
  spec: {
    name: "Variable",
    inputs: {
      serviceSid: sidInput("serviceSid", "ZS", "replace"),
      environmentSid: sidInput("environmentSid", "ZE", "replace"),
      key: { onChange: "update", problem: (value) => textProblem("key", value, { max: 128, required: true }) },
      value: { onChange: "update", problem: valueProblem },
      exclusiveService: EXCLUSIVE_SERVICE_INPUT,
    },
  },
  async create(client, inputs, context) {
    const key = String(inputs.key);
    const value = String(inputs.value);
    const environment = ref(inputs);
    const list = (): Promise<Variable[]> => client.variables.list(environment);
    const variable = await withoutValue(inputs.value, () =>
      createOnce({
        kind: "Variable",
        what: `Variable ${key} of Environment ${environment.environmentSid}`,
        exclusive: isExclusive(inputs),
        clock: client.clock,
        log: context.log,
        send: (lookup) => client.variables.create(environment, { key, value }, lookup),
        candidates: list,
        matches: (candidate) => candidate.key === key,
        fetch: (sid) => client.variables.fetch(environment, sid),
        leftovers: claims.isFresh(environment.environmentSid)
          ? undefined
          : () => listings(environment.environmentSid, list),
      }),
    );
    // One taken from an earlier attempt holds what that attempt's program said.
    if (variable.value === value) return variable;
    return withoutValue(inputs.value, () => client.variables.update(environment, variable.sid, { key, value }));
  },
  fetch: (client, id, olds) => client.variables.fetch(ref(olds), id),
  update: (client, id, olds, news) =>
    withoutValue(news.value, () =>
      client.variables.update(ref(olds), id, { key: String(news.key), value: String(news.value) }),
    ),
  remove: (client, id, olds) => client.variables.remove(ref(olds), id),
  outputs: (variable) => ({ ...variable }),
};
