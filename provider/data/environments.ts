import * as pulumi from "@pulumi/pulumi";

import { TwilioClient } from "../twilio/client";
import { Environment } from "../twilio/environments";
import { ArgCheck, addressOf, programClient, requireArgs, sidRule } from "./program-client";

/** An Environment as {@link getEnvironment} returns it: the fields of the `Environment` resource's outputs. */
export type EnvironmentInfo = Environment;

/** Addresses one Environment of a Service: exactly one of `sid` and `uniqueName`. */
export interface GetEnvironmentArgs {
  /** The Service SID (`ZS…`). */
  serviceSid: pulumi.Input<string>;
  /** The Environment SID (`ZE…`). */
  sid?: pulumi.Input<string>;
  /** Its unique name in the Service. */
  uniqueName?: pulumi.Input<string>;
}

// Twilio's `url` is the API's; `url` here is where the environment serves, as in the resource's outputs.

// Twilio fetches an Environment by SID only, so a unique name is looked for in the Service's list.
async function findByUniqueName(client: TwilioClient, serviceSid: string, uniqueName: string): Promise<Environment> {
  const environments = await client.environments.list({ serviceSid });
  const found = environments.find((environment) => environment.uniqueName === uniqueName);
  if (found !== undefined) return found;
  const names = environments.map((environment) => JSON.stringify(environment.uniqueName));
  throw new Error(
    `Service ${serviceSid} has no Environment named ${JSON.stringify(uniqueName)}; ` +
      (names.length === 0 ? "it has no Environments" : `its Environments are ${names.join(", ")}`),
  );
}

/**
 * Fetches one Environment by SID or by unique name within its Service, like a data source: the
 * result is an Output resolved during preview and up. An Environment or Service Twilio does not
 * know by SID fails with its 404 (a `TwilioApiError`); a unique name the Service does not have
 * fails with the names it has.
 */
export function getEnvironment(args: GetEnvironmentArgs): pulumi.Output<EnvironmentInfo> {
  const address = addressOf("getEnvironment", args, "ZE");
  const checks = (serviceSid: unknown, value: unknown): ArgCheck[] => [
    ["serviceSid", serviceSid, sidRule("ZS")],
    [address.property, value, address.rule],
  ];
  requireArgs(checks(args.serviceSid, address.value), "plain");
  return pulumi.all([args.serviceSid, address.value]).apply(async ([serviceSid, value]) => {
    requireArgs(checks(serviceSid, value), "all");
    const client = programClient();
    const environment =
      address.property === "sid"
        ? await client.environments.fetch({ serviceSid, sid: value })
        : await findByUniqueName(client, serviceSid, value);
    return environment;
  });
}
