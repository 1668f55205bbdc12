import * as pulumi from "@pulumi/pulumi";
import { PropertyNames, knownProperties } from "../../pulumi/known-properties";
import { ResourceShell } from "../../shell";

/** Inputs of a {@link Deployment}. */
export interface DeploymentArgs {
  /** The Service SID (`ZS…`). */
  serviceSid: pulumi.Input<string>;
  /** The Environment SID (`ZE…`). */
  environmentSid: pulumi.Input<string>;
  /** The Build SID (`ZB…`) to make live. */
  buildSid: pulumi.Input<string>;
}

const INPUTS: PropertyNames<DeploymentArgs> = { serviceSid: true, environmentSid: true, buildSid: true };

// One provider object for every resource of the kind: Pulumi serializes each provider object once per process.
const shell = new ResourceShell("Deployment");

/**
 * A Twilio Serverless Deployment: makes a {@link Build} live in an {@link Environment}. Any change
 * is a new deployment. Twilio has no delete for deployments: destroying one whose build is still
 * live takes the environment offline (a deployment without a build), and destroying one that a
 * newer deployment replaced sends nothing.
 */
export class Deployment extends pulumi.dynamic.Resource {
  /** The Deployment SID (`ZD…`), also the resource id. */
  declare public readonly sid: pulumi.Output<string>;
  /** The account that owns it. */
  declare public readonly accountSid: pulumi.Output<string>;
  /** Its Service. */
  declare public readonly serviceSid: pulumi.Output<string>;
  /** Its Environment. */
  declare public readonly environmentSid: pulumi.Output<string>;
  /** The build it made live. */
  declare public readonly buildSid: pulumi.Output<string>;
  /** When Twilio created it (ISO 8601). */
  declare public readonly dateCreated: pulumi.Output<string>;
  /** When it last changed. */
  declare public readonly dateUpdated: pulumi.Output<string>;
  /** Its API URL. */
  declare public readonly url: pulumi.Output<string>;

  /** Declares a Deployment; `pulumi up` makes the build live. */
  constructor(name: string, args: DeploymentArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      ...knownProperties(`Deployment "${name}"`, args, INPUTS),
      sid: undefined,
      accountSid: undefined,
      dateCreated: undefined,
      dateUpdated: undefined,
      url: undefined,
    };
    super(shell, name, props, opts, "twilio", "Deployment");
  }
}
