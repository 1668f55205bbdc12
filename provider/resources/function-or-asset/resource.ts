import * as pulumi from "@pulumi/pulumi";
import { PropertyNames, knownProperties } from "../../pulumi/known-properties";
import { ResourceShell } from "../../shell";

/** Inputs of a {@link Function} or an {@link Asset}. */
export interface FunctionOrAssetArgs {
  /** The Service SID (`ZS…`); changing it replaces the resource. */
  serviceSid: pulumi.Input<string>;
  /** Display name, at most 255 characters; changes in place. */
  friendlyName: pulumi.Input<string>;
  /**
   * True when nothing but this stack deploys into the Service (a Service this stack created): an
   * object with exactly the identity asked for that an interrupted create left behind is then taken
   * as this stack's own instead of making a second one. Left out (false), only an object proven to
   * be this request's own is taken, as a Service shared with twilio-run or another stack needs.
   */
  exclusiveService?: pulumi.Input<boolean>;
}

const INPUTS: PropertyNames<FunctionOrAssetArgs> = { serviceSid: true, friendlyName: true, exclusiveService: true };

/** Inputs of a {@link Function}. */
export type FunctionArgs = FunctionOrAssetArgs;
/** Inputs of an {@link Asset}. */
export type AssetArgs = FunctionOrAssetArgs;

// One provider object per kind: Pulumi serializes each provider object once per process.
const shells = { Function: new ResourceShell("Function"), Asset: new ResourceShell("Asset") };

/** What Functions and Assets share: a named slot of a Service whose content comes in versions. */
abstract class FunctionOrAssetResource extends pulumi.dynamic.Resource {
  /** The SID (`ZH…`), also the resource id. */
  declare public readonly sid: pulumi.Output<string>;
  /** The account that owns it. */
  declare public readonly accountSid: pulumi.Output<string>;
  /** Its Service. */
  declare public readonly serviceSid: pulumi.Output<string>;
  /** Its display name. */
  declare public readonly friendlyName: pulumi.Output<string>;
  /** When Twilio created it (ISO 8601). */
  declare public readonly dateCreated: pulumi.Output<string>;
  /** When it last changed. */
  declare public readonly dateUpdated: pulumi.Output<string>;
  /** Its API URL. */
  declare public readonly url: pulumi.Output<string>;

  protected constructor(
    kind: "Function" | "Asset",
    name: string,
    args: FunctionOrAssetArgs,
    opts: pulumi.CustomResourceOptions | undefined,
  ) {
    const props = {
      ...knownProperties(`${kind} "${name}"`, args, INPUTS),
      sid: undefined,
      accountSid: undefined,
      dateCreated: undefined,
      dateUpdated: undefined,
      url: undefined,
    };
    super(shells[kind], name, props, opts, "twilio", kind);
  }
}

/**
 * A Twilio Function: the slot of a Service that {@link FunctionVersion}s of code belong to. Twilio
 * refuses to delete one while a version of it is live; deploy a build without it first.
 */
export class Function extends FunctionOrAssetResource {
  /** Declares a Function; `pulumi up` creates it. */
  constructor(name: string, args: FunctionArgs, opts?: pulumi.CustomResourceOptions) {
    super("Function", name, args, opts);
  }
}

/**
 * A Twilio Asset: the slot of a Service that {@link AssetVersion}s of a static file belong to.
 * Twilio refuses to delete one while a version of it is live; deploy a build without it first.
 */
export class Asset extends FunctionOrAssetResource {
  /** Declares an Asset; `pulumi up` creates it. */
  constructor(name: string, args: AssetArgs, opts?: pulumi.CustomResourceOptions) {
    super("Asset", name, args, opts);
  }
}
