import { notFoundAsNone } from "../../pulumi/created-since";
import { claims, createOnce } from "../../pulumi/create-once";
import { LifecycleContext } from "../../pulumi/lifecycle";
import { RemoteResource } from "../../pulumi/remote-lifecycle";
import { PropertyBag } from "../../model/wire";
import { TwilioClient } from "../../twilio/client";
import { TwilioApiError } from "../../twilio/errors";
import { CreateServiceParams, Service } from "../../twilio/services";
import { SERVICE } from "../../model/service";
import { valuesOf } from "../../model/derive";

const plural = (n: number, one: string): string => `${n}${n === 20 ? "+" : ""} ${one}${n === 1 ? "" : "s"}`;

/** What a Service holds, as "2 Functions, 1 Environment"; empty when it holds nothing. */
async function holdings(client: TwilioClient, sid: string): Promise<string[]> {
  const page = { limit: 20 };
  const [functions, assets, environments, builds] = await Promise.all([
    client.functions.list({ serviceSid: sid }, page),
    client.assets.list({ serviceSid: sid }, page),
    client.environments.list({ serviceSid: sid }, page),
    client.builds.list({ serviceSid: sid }, page),
  ]);
  const counts: Array<[number, string]> = [
    [functions.length, "Function"],
    [assets.length, "Asset"],
    [environments.length, "Environment"],
    [builds.length, "Build"],
  ];
  return counts.filter(([n]) => n > 0).map(([n, what]) => plural(n, what));
}

/**
 * A Service of the unique name asked for exists and nothing proves this create made it. An
 * interrupted create leaves it empty, and an empty one is taken; one that holds anything was made
 * by some deployer for its code, and taking it would let this stack's destroy delete that code.
 */
async function takeIfEmpty(
  client: TwilioClient,
  err: TwilioApiError,
  existing: Service[],
  context: LifecycleContext,
): Promise<Service> {
  const service = existing.at(0);
  if (service === undefined) throw err;
  const held = await holdings(client, service.sid);
  if (held.length === 0) {
    claims.claim(service.sid, true);
    context.log(
      `Service "${service.uniqueName}" (${service.sid}) exists and holds nothing, as an interrupted create leaves ` +
        "it: took it as this stack's.",
    );
    return service;
  }
  throw new Error(
    `${err.message} Service "${service.uniqueName}" (${service.sid}) already exists in this account and holds ` +
      `${held.join(", ")}, so it is not a leftover of this stack and is never taken. Either deploy into it ` +
      `(ServerlessProject: serviceSid: "${service.sid}"), or choose another uniqueName, or delete it ` +
      `(twilio api:serverless:v1:services:remove --sid ${service.sid}) and run "pulumi up" again.`,
  );
}

/** An adopted Service is made to say what the program says. */
async function converge(client: TwilioClient, service: Service, params: CreateServiceParams): Promise<Service> {
  const wanted: PropertyBag = params;
  const current: PropertyBag = service;
  const differs = Object.entries(SERVICE.fields).some(
    ([key, field]) => field.input?.onChange === "update" && wanted[key] !== undefined && current[key] !== wanted[key],
  );
  // An update sends only what Twilio changes in place.
  return differs ? client.services.update({ sid: service.sid }, params) : service;
}

/** A Service: created by unique name, renamed and reconfigured in place, deleted with all it holds. */
export const SERVICE_RESOURCE: RemoteResource<typeof SERVICE.fields> = {
  description: SERVICE,
  async create(client, inputs, context) {
    const params = valuesOf(SERVICE, inputs);
    const uniqueName = String(params.uniqueName);
    const service = await createOnce({
      kind: "Service",
      what: `Service "${uniqueName}"`,
      // Unique names are unique in the account: there is only ever one candidate.
      exclusive: false,
      clock: client.clock,
      log: context.log,
      send: (lookup) => client.services.create({}, params, lookup),
      candidates: () => client.services.fetch({ sid: uniqueName }).then((service) => [service], notFoundAsNone),
      matches: (candidate) => candidate.uniqueName === uniqueName,
      fetch: (sid) => client.services.fetch({ sid }),
      conflict: (err, existing) => takeIfEmpty(client, err, existing, context),
    });
    return converge(client, service, params);
  },
  fetch: (client, id) => client.services.fetch({ sid: id }),
  update: (client, id, _olds, news) => client.services.update({ sid: id }, valuesOf(SERVICE, news)),
  remove: (client, id) => client.services.remove({ sid: id }),
};
