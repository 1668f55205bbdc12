import { ASSET, FUNCTION, FunctionOrAssetFields } from "../../model/function-or-asset";
import { claims, createOnce, firstListing, isExclusive } from "../../pulumi/create-once";
import { RemoteResource } from "../../pulumi/remote-lifecycle";
import { storedString } from "../../pulumi/stored";
import { PropertyBag } from "../../model/wire";
import { TwilioApiError } from "../../twilio/errors";
import { FunctionOrAsset, FunctionOrAssetKind } from "../../twilio/functions-and-assets";

const listings = firstListing<FunctionOrAsset>();

const friendlyName = (inputs: PropertyBag): string => String(inputs.friendlyName);

/** A Function or an Asset: the slot its versions belong to. */
export function functionOrAsset(kind: FunctionOrAssetKind): RemoteResource<FunctionOrAssetFields> {
  const api = kind === "Function" ? "functions" : "assets";
  return {
    description: kind === "Function" ? FUNCTION : ASSET,
    create(client, inputs, context) {
      const serviceSid = String(inputs.serviceSid);
      const name = friendlyName(inputs);
      const list = (): Promise<FunctionOrAsset[]> => client[api].list({ serviceSid });
      // Names need not be unique in a Service, so Twilio never refuses a second one: a killed
      // deploy's leftover is looked for before the create, where no other deployer can have made it.
      return createOnce({
        kind,
        what: `${kind} "${name}" in Service ${serviceSid}`,
        exclusive: isExclusive(inputs),
        clock: client.clock,
        log: context.log,
        send: (lookup) => client[api].create({ serviceSid }, { friendlyName: name }, lookup),
        candidates: list,
        matches: (candidate) => candidate.friendlyName === name,
        fetch: (sid) => client[api].fetch({ serviceSid, sid }),
        leftovers: claims.isFresh(serviceSid) ? undefined : () => listings(`${kind} ${serviceSid}`, list),
      });
    },
    fetch: (client, id, olds) => client[api].fetch({ serviceSid: storedString(olds, "serviceSid", kind), sid: id }),
    update: (client, id, olds, news) =>
      client[api].update(
        { serviceSid: storedString(olds, "serviceSid", kind), sid: id },
        { friendlyName: friendlyName(news) },
      ),
    async remove(client, id, olds) {
      try {
        await client[api].remove({ serviceSid: storedString(olds, "serviceSid", kind), sid: id });
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
  };
}
