import { lostCreateLookup } from "../../pulumi/created-since";
import { RemoteResource } from "../../pulumi/remote-lifecycle";
import { sidInput } from "../../pulumi/sids";
import { sameJson } from "../../pulumi/spec";
import { storedString } from "../../pulumi/stored";
import { textProblem } from "../../pulumi/text-inputs";
import { Environment } from "../../twilio/environments";
import { TwilioApiError } from "../../twilio/errors";
import { environmentOutputs } from "./outputs";

const DOMAIN_SUFFIX = {
  test: /^[A-Za-z0-9-]+$/,
  says: "may hold only letters, digits and dashes (it ends a domain name)",
};

/** An Environment: a domain serving one build. Twilio changes nothing of it in place. */
export const ENVIRONMENT: RemoteResource<Environment> = {
  spec: {
    name: "Environment",
    inputs: {
      serviceSid: sidInput("serviceSid", "ZS", "replace"),
      uniqueName: {
        onChange: "replace",
        problem: (value) => textProblem("uniqueName", value, { max: 100, required: true }),
      },
      domainSuffix: {
        onChange: "replace",
        problem: (value) => textProblem("domainSuffix", value, { max: 16, required: false, pattern: DOMAIN_SUFFIX }),
      },
    },
    // Both names are unique in the Service: a new Environment in the same Service that keeps
    // either one can exist only once the old one is gone.
    deleteBeforeReplace: (olds, news, replaces) =>
      !replaces.includes("serviceSid") &&
      (olds.uniqueName === news.uniqueName || sameJson(olds.domainSuffix, news.domainSuffix)),
  },
  async create(client, inputs) {
    const serviceSid = String(inputs.serviceSid);
    const domainSuffix =
      typeof inputs.domainSuffix === "string" && inputs.domainSuffix !== "" ? inputs.domainSuffix : undefined;
    try {
      const uniqueName = String(inputs.uniqueName);
      const lost = lostCreateLookup(
        () => client.environments.list(serviceSid),
        (candidate) => candidate.uniqueName === uniqueName,
      );
      return await client.environments.create(serviceSid, { uniqueName, domainSuffix }, lost);
    } catch (err) {
      if (err instanceof TwilioApiError && err.status === 409) {
        throw new Error(
          `${err.message} Service ${serviceSid} already has an Environment named "${String(inputs.uniqueName)}"` +
            `${domainSuffix === undefined ? "" : ` or with the domain suffix "${domainSuffix}"`}.`,
        );
      }
      throw err;
    }
  },
  fetch: (client, id, olds) => client.environments.fetch(storedString(olds, "serviceSid", "Environment"), id),
  remove: (client, id, olds) => client.environments.remove(storedString(olds, "serviceSid", "Environment"), id),
  outputs: environmentOutputs,
};
