import * as pulumi from "@pulumi/pulumi";
import type { TwilioClient } from "../twilio/client";
import type { Environment } from "../twilio/environments";
import { DataHelper, invoke, invokeOutput } from "./invoke";
import { SidOrUniqueName, addressOf, sidRule } from "./program-client";

/**
 * An Environment as {@link getEnvironment} returns it: the fields of the `Environment` resource's
 * outputs, `url` being where it serves and `apiUrl` Twilio's API address.
 */
export type GetEnvironmentResult = Environment;

/**
 * Which Environment {@link getEnvironment} fetches: `serviceSid` (its Service's SID, `ZS…`) and
 * exactly one of `sid` (the Environment SID, `ZE…`) and `uniqueName` (its unique name in the Service).
 */
export type GetEnvironmentArgs = { serviceSid: string } & SidOrUniqueName<string>;

/** {@link GetEnvironmentArgs}, each an Input, for {@link getEnvironmentOutput}. */
export type GetEnvironmentOutputArgs = { serviceSid: pulumi.Input<string> } & SidOrUniqueName<pulumi.Input<string>>;

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

const ENVIRONMENT: DataHelper<GetEnvironmentOutputArgs, GetEnvironmentResult> = {
  name: "getEnvironment",
  checks: (args) => {
    const address = addressOf("getEnvironment", args, "ZE");
    return [
      ["serviceSid", args.serviceSid, sidRule("ZS")],
      [address.property, address.value, address.rule],
    ];
  },
  request: async (client, args) => {
    const { property, value } = addressOf<string>("getEnvironment", args, "ZE");
    const environment =
      property === "sid"
        ? await client.environments.fetch({ serviceSid: args.serviceSid, sid: value })
        : await findByUniqueName(client, args.serviceSid, value);
    return environment;
  },
};

/**
 * Fetches one Environment by SID or by unique name within its Service. An Environment or Service
 * Twilio does not know by SID fails with its 404 (a `TwilioApiError`); a unique name the Service
 * does not have fails with the names it has; a malformed SID, an empty name, or both or neither of
 * `sid` and `uniqueName` fail before any request. Options as for {@link getService}.
 */
export function getEnvironment(args: GetEnvironmentArgs, opts?: pulumi.InvokeOptions): Promise<GetEnvironmentResult> {
  return invoke(ENVIRONMENT, args, opts);
}

/**
 * {@link getEnvironment} with arguments that may be Outputs, as an Output, sent once they and the
 * resources of `opts.dependsOn` are known (see {@link getServiceOutput}).
 */
export function getEnvironmentOutput(
  args: GetEnvironmentOutputArgs,
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<GetEnvironmentResult> {
  return invokeOutput(ENVIRONMENT, args, opts);
}
