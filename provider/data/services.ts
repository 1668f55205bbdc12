import * as pulumi from "@pulumi/pulumi";
import type { Service } from "../twilio/services";
import { DataHelper, invoke, invokeOutput } from "./invoke";
import { SidOrUniqueName, addressOf } from "./program-client";

/** A Service as {@link getService} returns it: Twilio's fields, camelCased. */
export type GetServiceResult = Service;

/**
 * Which Service {@link getService} fetches: exactly one of `sid` (the Service SID, `ZS…`) and
 * `uniqueName` (its unique name, which Twilio takes wherever the SID goes).
 */
export type GetServiceArgs = SidOrUniqueName<string>;

/** {@link GetServiceArgs}, each an Input, for {@link getServiceOutput}. */
export type GetServiceOutputArgs = SidOrUniqueName<pulumi.Input<string>>;

const SERVICE: DataHelper<GetServiceOutputArgs, GetServiceResult> = {
  name: "getService",
  checks: (args) => {
    const address = addressOf("getService", args, "ZS");
    return [[address.property, address.value, address.rule]];
  },
  request: (client, args) => client.services.fetch({ sid: addressOf<string>("getService", args, "ZS").value }),
};

/**
 * Fetches one Service by SID or unique name. A Service Twilio does not know fails with its 404 (a
 * `TwilioApiError`); a malformed SID, an empty name, or both or neither of them fail before any request.
 *
 * The request is sent from the program, with the credentials of the stack config (`twilio:*`) or
 * the environment, as the resources' are: `opts.provider` is refused (this package has no provider
 * resource), `opts.parent` changes nothing (it only picks an invoke's default provider), and
 * `opts.version` and `opts.pluginDownloadURL` (which pick a plugin) are ignored.
 */
export function getService(args: GetServiceArgs, opts?: pulumi.InvokeOptions): Promise<GetServiceResult> {
  return invoke(SERVICE, args, opts);
}

/**
 * {@link getService} with arguments that may be Outputs, as an Output: the request is sent once
 * they and the resources of `opts.dependsOn` are known (in a preview where one is not, the result
 * is unknown); the result is secret when an argument is. A plain argument Twilio would refuse
 * throws at the call.
 */
export function getServiceOutput(
  args: GetServiceOutputArgs,
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<GetServiceResult> {
  return invokeOutput(SERVICE, args, opts);
}
