import * as pulumi from "@pulumi/pulumi";
import { PropertyNames, knownProperties } from "../../pulumi/known-properties";
import { ResourceShell } from "../../shell";

/** Inputs of an {@link Environment}. */
export interface EnvironmentArgs {
  /** The Service SID (`ZS…`). */
  serviceSid: pulumi.Input<string>;
  /** Unique in the Service, 1 to 100 characters. */
  uniqueName: pulumi.Input<string>;
  /** Unique in the Service, at most 16 letters, digits and dashes; left out, the domain has no suffix. */
  domainSuffix?: pulumi.Input<string>;
  /**
   * True when nothing but this stack deploys into the Service (a Service this stack created): an
   * object with exactly the identity asked for that an interrupted create left behind is then taken
   * as this stack's own instead of making a second one. Left out (false), only an object proven to
   * be this request's own is taken, as a Service shared with twilio-run or another stack needs.
   */
  exclusiveService?: pulumi.Input<boolean>;
}

const INPUTS: PropertyNames<EnvironmentArgs> = {
  serviceSid: true,
  uniqueName: true,
  domainSuffix: true,
  exclusiveService: true,
};

// One provider object for every resource of the kind: Pulumi serializes each provider object once per process.
const shell = new ResourceShell("Environment");

/**
 * A Twilio Serverless Environment: a domain (`<service domain base>[-<suffix>].twil.io`) serving
 * the build its latest {@link Deployment} made live. Twilio changes nothing of it in place, so any
 * change replaces it; a replacement that keeps the unique name or the domain suffix deletes the
 * old one first, since both are unique in the Service.
 */
export class Environment extends pulumi.dynamic.Resource {
  /** The Environment SID (`ZE…`), also the resource id. */
  declare public readonly sid: pulumi.Output<string>;
  /** The account that owns it. */
  declare public readonly accountSid: pulumi.Output<string>;
  /** Its Service. */
  declare public readonly serviceSid: pulumi.Output<string>;
  /** The build it serves, `null` before the first deployment; refreshed by `pulumi refresh`. */
  declare public readonly buildSid: pulumi.Output<string | null>;
  /** Its unique name. */
  declare public readonly uniqueName: pulumi.Output<string>;
  /** Its domain suffix, `null` for none. */
  declare public readonly domainSuffix: pulumi.Output<string | null>;
  /** Its domain name, e.g. `my-service-1234-dev.twil.io`. */
  declare public readonly domainName: pulumi.Output<string>;
  /** `https://` and its domain name: where its functions and assets are served. */
  declare public readonly url: pulumi.Output<string>;
  /** Its API URL. */
  declare public readonly apiUrl: pulumi.Output<string>;
  /** When Twilio created it (ISO 8601). */
  declare public readonly dateCreated: pulumi.Output<string>;
  /** When it last changed. */
  declare public readonly dateUpdated: pulumi.Output<string>;

  /** Declares an Environment; `pulumi up` creates it. */
  constructor(name: string, args: EnvironmentArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      ...knownProperties(`Environment "${name}"`, args, INPUTS),
      sid: undefined,
      accountSid: undefined,
      buildSid: undefined,
      domainName: undefined,
      url: undefined,
      apiUrl: undefined,
      dateCreated: undefined,
      dateUpdated: undefined,
    };
    super(shell, name, props, opts, "twilio", "Environment");
  }
}
