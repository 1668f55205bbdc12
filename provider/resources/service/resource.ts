import * as pulumi from "@pulumi/pulumi";
import { PropertyNames, knownProperties } from "../../pulumi/known-properties";
import { ResourceShell } from "../../shell";

/** Inputs of a {@link Service}. */
export interface ServiceArgs {
  /** Unique in the account, 1 to 50 letters, digits and dashes; it starts the domain names. Changing it replaces the Service. */
  uniqueName: pulumi.Input<string>;
  /** Display name, at most 255 characters; `uniqueName` when left out. */
  friendlyName?: pulumi.Input<string>;
  /** Whether functions get the account SID and auth token in their `context` (default `true`). */
  includeCredentials?: pulumi.Input<boolean>;
  /** Whether the Twilio Console may edit the Service (default `false`). */
  uiEditable?: pulumi.Input<boolean>;
}

const INPUTS: PropertyNames<ServiceArgs> = {
  uniqueName: true,
  friendlyName: true,
  includeCredentials: true,
  uiEditable: true,
};

// One provider object for every resource of the kind: Pulumi serializes each provider object once per process.
const shell = new ResourceShell("Service");

/**
 * A Twilio Serverless Service: the container of Functions, Assets, Builds and Environments.
 * `friendlyName`, `includeCredentials` and `uiEditable` change in place; a new `uniqueName` makes a
 * new Service. Deleting it deletes everything it holds.
 */
export class Service extends pulumi.dynamic.Resource {
  /** The Service SID (`ZS…`), also the resource id. */
  declare public readonly sid: pulumi.Output<string>;
  /** The account that owns it. */
  declare public readonly accountSid: pulumi.Output<string>;
  /** Its unique name. */
  declare public readonly uniqueName: pulumi.Output<string>;
  /** Its display name. */
  declare public readonly friendlyName: pulumi.Output<string>;
  /** Whether functions get the account's credentials. */
  declare public readonly includeCredentials: pulumi.Output<boolean>;
  /** Whether the Console may edit it. */
  declare public readonly uiEditable: pulumi.Output<boolean>;
  /** The start of its environments' domain names (`<unique name>-1234`). */
  declare public readonly domainBase: pulumi.Output<string>;
  /** When Twilio created it (ISO 8601). */
  declare public readonly dateCreated: pulumi.Output<string>;
  /** When it last changed. */
  declare public readonly dateUpdated: pulumi.Output<string>;
  /** Its API URL. */
  declare public readonly url: pulumi.Output<string>;

  /** Declares a Service; `pulumi up` creates it. */
  constructor(name: string, args: ServiceArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      shell,
      name,
      {
        ...knownProperties(`Service "${name}"`, args, INPUTS),
        sid: undefined,
        accountSid: undefined,
        domainBase: undefined,
        dateCreated: undefined,
        dateUpdated: undefined,
        url: undefined,
      },
      opts,
      "twilio",
      "Service",
    );
  }
}
