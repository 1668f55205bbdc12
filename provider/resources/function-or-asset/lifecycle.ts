import { lostCreateLookup } from "../../pulumi/created-since";
import { RemoteResource } from "../../pulumi/remote-lifecycle";
import { sidInput } from "../../pulumi/sids";
import { storedString } from "../../pulumi/stored";
import { ResourceSpec } from "../../pulumi/spec";
import { textProblem } from "../../pulumi/text-inputs";
import { PropertyBag } from "../../pulumi/wire";
import { TwilioApiError } from "../../twilio/errors";
import { FunctionOrAsset, FunctionOrAssetKind } from "../../twilio/functions-and-assets";

/** The inputs of a Function or an Asset: its Service (fixed) and its name (changed in place). */
export function functionOrAssetSpec(kind: FunctionOrAssetKind): ResourceSpec {
  return {
    name: kind,
    inputs: {
      serviceSid: sidInput("serviceSid", "ZS", "replace"),
      friendlyName: {
        onChange: "update",
        problem: (value) => textProblem("friendlyName", value, { max: 255, required: true }),
      },
    },
  };
}

const friendlyName = (inputs: PropertyBag): string => String(inputs.friendlyName);

/** A Function or an Asset: the slot its versions belong to. */
export function functionOrAsset(kind: FunctionOrAssetKind): RemoteResource<FunctionOrAsset> {
  const api = kind === "Function" ? "functions" : "assets";
  return {
    spec: functionOrAssetSpec(kind),
    create(client, inputs) {
      const serviceSid = String(inputs.serviceSid);
      const name = friendlyName(inputs);
      // Names need not be unique: only one of that name created since this create began is its.
      const lost = lostCreateLookup(
        async () => (await client[api].list(serviceSid)).reverse(),
        (candidate) => candidate.friendlyName === name,
      );
      return client[api].create(serviceSid, name, lost);
    },
    fetch: (client, id, olds) => client[api].fetch(storedString(olds, "serviceSid", kind), id),
    update: (client, id, olds, news) =>
      client[api].update(storedString(olds, "serviceSid", kind), id, friendlyName(news)),
    async remove(client, id, olds) {
      try {
        await client[api].remove(storedString(olds, "serviceSid", kind), id);
      } catch (err) {
        // Twilio keeps a Function or Asset whose version a live build serves.
        if (err instanceof TwilioApiError && err.status === 409) {
          throw new Error(
            `${err.message} ${kind} ${id} has a version in the build that is live: deploy a build without it ` +
              "(or delete the environment) before deleting it.",
          );
        }
        throw err;
      }
    },
    outputs: (remote) => ({ ...remote }),
  };
}
