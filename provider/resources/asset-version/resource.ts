import * as pulumi from "@pulumi/pulumi";
import { PropertyNames, knownProperties } from "../../pulumi/known-properties";
import { VersionContentArgs, VersionResource } from "../version-resource";

/**
 * Inputs of an {@link AssetVersion}: the asset's bytes and where it is served. Text content is
 * uploaded under the last segment of `path`, a FileAsset under its file name, from which Twilio's
 * MIME type follows.
 */
export interface AssetVersionArgs extends VersionContentArgs {
  /** The Asset SID (`ZH` + 32 hex digits). */
  assetSid: pulumi.Input<string>;
}

const INPUTS: PropertyNames<AssetVersionArgs> = {
  serviceSid: true,
  assetSid: true,
  path: true,
  visibility: true,
  content: true,
};

/**
 * A version of a Twilio Asset's file, uploaded to `serverless-upload.twilio.com`.
 * Versions are immutable: changing `content`, `path`, `visibility`, `serviceSid` or `assetSid`
 * uploads a new version (a replacement). Destroying it only removes it from the stack, since
 * Twilio has no delete for versions and purges those no Build uses. Twilio cannot give an asset's
 * bytes back, so an upload whose answer was lost is recognised by path, visibility and creation
 * time alone.
 */
export class AssetVersion extends VersionResource {
  /** The Asset SID. */
  declare public readonly assetSid: pulumi.Output<string>;

  /** Declares an Asset Version; `pulumi up` uploads it. */
  constructor(name: string, args: AssetVersionArgs, opts?: pulumi.CustomResourceOptions) {
    super("AssetVersion", name, knownProperties(`AssetVersion "${name}"`, args, INPUTS), opts);
  }
}
