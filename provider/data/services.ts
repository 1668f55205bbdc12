import * as pulumi from "@pulumi/pulumi";
import { Service } from "../twilio/services";
import { addressOf, programClient, requireArgs } from "./program-client";

/** A Service as {@link getService} returns it. */
export type ServiceInfo = Service;

/** Addresses one Service: exactly one of `sid` and `uniqueName`. */
export interface GetServiceArgs {
  /** The Service SID (`ZS…`). */
  sid?: pulumi.Input<string>;
  /** Its unique name, which Twilio takes wherever the SID goes. */
  uniqueName?: pulumi.Input<string>;
}

/**
 * Fetches one Service by SID or unique name, like a data source: the result is an Output resolved
 * during preview and up. A Service Twilio does not know fails with its 404 (a `TwilioApiError`).
 */
export function getService(args: GetServiceArgs): pulumi.Output<ServiceInfo> {
  const address = addressOf("getService", args, "ZS");
  requireArgs([[address.property, address.value, address.rule]], "plain");
  return pulumi.output(address.value).apply((value) => {
    requireArgs([[address.property, value, address.rule]], "all");
    return programClient().services.fetch({ sid: value });
  });
}
