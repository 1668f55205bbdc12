import { VARIABLE } from "../../model/variable";
import { claims, createOnce, firstListing, isExclusive } from "../../pulumi/create-once";
import { RemoteResource } from "../../pulumi/remote-lifecycle";
import { storedString } from "../../pulumi/stored";
import { PropertyBag } from "../../model/wire";
import { EnvironmentRef } from "../../twilio/deployments";
import { redact } from "../../twilio/errors";
import { Variable } from "../../twilio/variables";
import { messageOf } from "../../pulumi/error-message";

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
export const VARIABLE_RESOURCE: RemoteResource<typeof VARIABLE.fields> = {
  description: VARIABLE,
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
        fetch: (sid) => client.variables.fetch({ ...environment, sid }),
        leftovers: claims.isFresh(environment.environmentSid)
          ? undefined
          : () => listings(environment.environmentSid, list),
      }),
    );
    // One taken from an earlier attempt holds what that attempt's program said.
    if (variable.value === value) return variable;
    return withoutValue(inputs.value, () =>
      client.variables.update({ ...environment, sid: variable.sid }, { key, value }),
    );
  },
  fetch: (client, id, olds) => client.variables.fetch({ ...ref(olds), sid: id }),
  update: (client, id, olds, news) =>
    withoutValue(news.value, () =>
      client.variables.update({ ...ref(olds), sid: id }, { key: String(news.key), value: String(news.value) }),
    ),
  remove: (client, id, olds) => client.variables.remove({ ...ref(olds), sid: id }),
};
