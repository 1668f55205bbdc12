import * as pulumi from "@pulumi/pulumi";
import { ResourceShell } from "../shell";
import type { Visibility } from "../twilio/version-upload";

/** What a version of a Function's code or of an Asset's file is made from. */
export interface VersionContentArgs {
  /** The Service SID (`ZS` + 32 hex digits). */
  serviceSid: pulumi.Input<string>;
  /** URL path, e.g. `/hello` (a leading slash is added if missing); at most 255 characters. */
  path: pulumi.Input<string>;
  /** Who may reach it; `protected` (callers need a valid Twilio signature) when omitted. */
  visibility?: pulumi.Input<Visibility>;
  /**
   * The bytes: a string, a `pulumi.asset.StringAsset`, or a `pulumi.asset.FileAsset` (path
   * relative to the Pulumi program directory, streamed from disk when uploaded).
   */
  content: pulumi.Input<string | pulumi.asset.StringAsset | pulumi.asset.FileAsset>;
}

// One provider object per kind: Pulumi serializes each provider object once per process.
const shells = {
  FunctionVersion: new ResourceShell("FunctionVersion"),
  AssetVersion: new ResourceShell("AssetVersion"),
};

/** The outputs and registration Function Versions and Asset Versions share. */
export abstract class VersionResource extends pulumi.dynamic.Resource {
  /** The version SID (`ZN…`), also the resource id. */
  declare public readonly sid: pulumi.Output<string>;
  /** The account that owns the version. */
  declare public readonly accountSid: pulumi.Output<string>;
  /** The Service SID. */
  declare public readonly serviceSid: pulumi.Output<string>;
  /** The URL path, with its leading slash. */
  declare public readonly path: pulumi.Output<string>;
  /** `public`, `protected` or `private`. */
  declare public readonly visibility: pulumi.Output<Visibility>;
  /** When Twilio created the version (ISO 8601). */
  declare public readonly dateCreated: pulumi.Output<string>;
  /** The version's API URL. */
  declare public readonly url: pulumi.Output<string>;
  /** Lowercase hex sha256 of the uploaded bytes. */
  declare public readonly contentHash: pulumi.Output<string>;

  protected constructor(
    kind: keyof typeof shells,
    name: string,
    /** Every input, the parent's SID (`functionSid` or `assetSid`) among them, none unknown. */
    inputs: VersionContentArgs,
    opts: pulumi.CustomResourceOptions | undefined,
  ) {
    const props = {
      ...inputs,
      sid: undefined,
      accountSid: undefined,
      dateCreated: undefined,
      url: undefined,
      contentHash: undefined,
    };
    super(shells[kind], name, props, opts, "twilio", kind);
  }
}
