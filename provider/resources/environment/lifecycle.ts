import { ENVIRONMENT } from "../../model/environment";
import { claims, createOnce, isExclusive } from "../../pulumi/create-once";
import { RemoteResource } from "../../pulumi/remote-lifecycle";
import { storedString } from "../../pulumi/stored";

/** An Environment: a domain serving one build. Twilio changes nothing of it in place. */
export const ENVIRONMENT_RESOURCE: RemoteResource<typeof ENVIRONMENT.fields> = {
  description: ENVIRONMENT,
  create(client, inputs, context) {
    const serviceSid = String(inputs.serviceSid);
    const uniqueName = String(inputs.uniqueName);
    const domainSuffix =
      typeof inputs.domainSuffix === "string" && inputs.domainSuffix !== "" ? inputs.domainSuffix : undefined;
    const suffix = domainSuffix === undefined ? "no domain suffix" : `domain suffix "${domainSuffix}"`;
    return createOnce({
      kind: "Environment",
      what: `Environment "${uniqueName}" (${suffix}) in Service ${serviceSid}`,
      exclusive: isExclusive(inputs),
      clock: client.clock,
      log: context.log,
      send: (lookup) => client.environments.create({ serviceSid }, { uniqueName, domainSuffix }, lookup),
      candidates: () => client.environments.list({ serviceSid }),
      // Both names are its identity: one that shares only one of them is another Environment.
      matches: (candidate) =>
        candidate.uniqueName === uniqueName && (candidate.domainSuffix ?? undefined) === domainSuffix,
      fetch: (sid) => client.environments.fetch({ serviceSid, sid }),
      leftovers: claims.isFresh(serviceSid) ? undefined : () => client.environments.list({ serviceSid }),
      conflict: async (err) => {
        const clashing = (await client.environments.list({ serviceSid })).filter(
          (e) => e.uniqueName === uniqueName || (domainSuffix !== undefined && e.domainSuffix === domainSuffix),
        );
        const named = clashing.map(
          (e) =>
            `${e.sid} ("${e.uniqueName}", ${e.domainSuffix === null ? "no domain suffix" : `domain suffix "${e.domainSuffix}"`}, made ${e.dateCreated})`,
        );
        throw new Error(
          `${err.message} Service ${serviceSid} already has an Environment named "${uniqueName}"` +
            (domainSuffix === undefined ? "" : ` or with the domain suffix "${domainSuffix}"`) +
            `${named.length > 0 ? `: ${named.join(", ")}` : ""}. Nothing shows it is this stack's, so it is not taken: ` +
            "give this environment another uniqueName and domainSuffix, or delete that Environment if it is a leftover.",
        );
      },
    });
  },
  fetch: (client, id, olds) =>
    client.environments.fetch({ serviceSid: storedString(olds, "serviceSid", "Environment"), sid: id }),
  remove: (client, id, olds) =>
    client.environments.remove({ serviceSid: storedString(olds, "serviceSid", "Environment"), sid: id }),
};
