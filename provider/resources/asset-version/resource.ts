import * as pulumi from "@pulumi/pulumi";
import { ResourceShell } from "../../shell";
import type { Visibility } from "../../twilio/version-upload";

/** Inputs of an {@link AssetVersion}. */
export interface AssetVersionArgs {
  /** The Service SID (`ZS` + 32 hex digits). */
  serviceSid: pulumi.Input<string>;
  /** The Asset SID (`ZH` + 32 hex digits). */
  assetSid: pulumi.Input<string>;
  /**
   * URL path the asset is served at, e.g. `/css/style.css` (a leading slash is added if missing);
   * at most 255 characters. Text content is uploaded under its last segment, from which Twilio's
   * MIME type follows.
   */
  path: pulumi.Input<string>;
  /** Who may fetch it; `protected` (callers need a valid Twilio signature) when omitted. */
  visibility?: pulumi.Input<Visibility>;
  /**
   * The asset's bytes: a string, a `pulumi.asset.StringAsset`, or a `pulumi.asset.FileAsset`
   * (path relative to the Pulumi program directory, streamed from disk when uploaded, its MIME
   * type taken from the file's name).
   */
  content: pulumi.Input<string | pulumi.asset.StringAsset | pulumi.asset.FileAsset>;
}

// One provider object for every resource: Pulumi serializes each provider object once per process.
const shell = new ResourceShell("AssetVersion");

/**
 * A version of a Twilio Asset's file, uploaded to `serverless-upload.twilio.com`.
 * Versions are immutable: changing `content`, `path`, `visibility`, `serviceSid` or `assetSid`
 * uploads a new version (a replacement). Destroying it only removes it from the stack, since
 * Twilio has no delete for versions and purges those no Build uses. Twilio cannot give an asset's
 * bytes back, so an upload whose answer was lost is recognised by path, visibility and creation
 * time alone.
 */
export class AssetVersion extends pulumi.dynamic.Resource {
  /** The version SID (`ZN…`), also the resource id. */
  declare public readonly sid: pulumi.Output<string>;
  /** The account that owns the version. */
  declare public readonly accountSid: pulumi.Output<string>;
  /** The Service SID. */
  declare public readonly serviceSid: pulumi.Output<string>;
  /** The Asset SID. */
  declare public readonly assetSid: pulumi.Output<string>;
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

  /** Declares an Asset Version; `pulumi up` uploads it. */
  constructor(name: string, args: AssetVersionArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      shell,
      name,
      {
        serviceSid: args.serviceSid,
        assetSid: args.assetSid,
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
      "AssetVersion",
    );
  }
}
