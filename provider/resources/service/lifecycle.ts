import { lostCreateLookup, notFoundAsNone } from "../../pulumi/created-since";
import { RemoteResource } from "../../pulumi/remote-lifecycle";
import { PropertyBag } from "../../pulumi/wire";
import { TwilioApiError } from "../../twilio/errors";
import { Service } from "../../twilio/services";
import { SERVICE_SPEC } from "./spec";

const text = (inputs: PropertyBag, key: string): string => String(inputs[key]);
const flag = (inputs: PropertyBag, key: string): boolean | undefined =>
  typeof inputs[key] === "boolean" ? inputs[key] : undefined;

/** A Service: created by unique name, renamed and reconfigured in place, deleted with all it holds. */
export const SERVICE: RemoteResource<Service> = {
  spec: SERVICE_SPEC,
  async create(client, inputs) {
    const uniqueName = text(inputs, "uniqueName");
    try {
      const params = {
        uniqueName,
        friendlyName: text(inputs, "friendlyName"),
        includeCredentials: flag(inputs, "includeCredentials"),
        uiEditable: flag(inputs, "uiEditable"),
      };
      // Unique names are unique in the account: the one named so since this create began is its.
      const lost = lostCreateLookup(
        () => client.services.fetch(uniqueName).then((service) => [service], notFoundAsNone),
        () => true,
      );
      return await client.services.create(params, lost);
    } catch (err) {
      if (err instanceof TwilioApiError && err.status === 409) {
        throw new Error(
          `${err.message} A Service named "${uniqueName}" already exists in this account: pick another uniqueName, ` +
            "or deploy into the existing one by its SID.",
        );
      }
      throw err;
    }
  },
  fetch: (client, id) => client.services.fetch(id),
  update: (client, id, _olds, news) =>
    client.services.update(id, {
      friendlyName: text(news, "friendlyName"),
      includeCredentials: flag(news, "includeCredentials"),
      uiEditable: flag(news, "uiEditable"),
    }),
  remove: (client, id) => client.services.remove(id),
  outputs: (service) => ({ ...service }),
};
