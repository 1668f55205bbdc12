import * as pulumi from "@pulumi/pulumi";
import { ResourceShell } from "../../shell";
import type { Visibility } from "../../twilio/version-upload";

/** Inputs of a {@link FunctionVersion}. */
export interface FunctionVersionArgs {
  /** The Service SID (`ZS` + 32 hex digits). */
  serviceSid: pulumi.Input<string>;
  /** The Function SID (`ZH` + 32 hex digits). */
  functionSid: pulumi.Input<string>;
  /** URL path of the function, e.g. `/hello` (a leading slash is added if missing); at most 255 characters. */
  path: pulumi.Input<string>;
  /** Who may call it; `protected` (callers need a valid Twilio signature) when omitted. */
  visibility?: pulumi.Input<Visibility>;
  /**
   * The function's source: a string, a `pulumi.asset.StringAsset`, or a `pulumi.asset.FileAsset`
   * (path relative to the Pulumi program directory, streamed from disk when uploaded).
   */
  content: pulumi.Input<string | pulumi.asset.StringAsset | pulumi.asset.FileAsset>;
}

// One provider object for every resource: Pulumi serializes each provider object once per process.
const shell = new ResourceShell("FunctionVersion");

/**
 * A version of a Twilio Function's code, uploaded to `serverless-upload.twilio.com`.
 * Versions are immutable: changing `content`, `path`, `visibility`, `serviceSid` or `functionSid`
 * uploads a new version (a replacement). Destroying it only removes it from the stack, since
 * Twilio has no delete for versions and purges those no Build uses.
 */
export class FunctionVersion extends pulumi.dynamic.Resource {
  /** The version SID (`ZN…`), also the resource id. */
  declare public readonly sid: pulumi.Output<string>;
  /** The account that owns the version. */
  declare public readonly accountSid: pulumi.Output<string>;
  /** The Service SID. */
  declare public readonly serviceSid: pulumi.Output<string>;
  /** The Function SID. */
  declare public readonly functionSid: pulumi.Output<string>;
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

  /** Declares a Function Version; `pulumi up` uploads it. */
  constructor(name: string, args: FunctionVersionArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      shell,
      name,
      {
        serviceSid: args.serviceSid,
        functionSid: args.functionSid,
        path: args.path,
        visibility: args.visibility,
        content: args.content,
        sid: undefined,
        accountSid: undefined,
        dateCreated: undefined,
        url: undefined,
        contentHash: undefined,
      },
      opts,
      "twilio",
      "FunctionVersion",
    );
  }
}
