import path from "path";
import { LifecycleContext } from "../../pulumi/lifecycle";
import { VersionKind } from "../../pulumi/version-kind";
import { VersionLifecycle } from "../../pulumi/version-lifecycle";
import { AssetVersion } from "../../twilio/asset-versions";
import { ASSET_VERSION_SPEC } from "./spec";

/**
 * Asset Versions: text is uploaded under the last segment of the path (`/css/style.css` as
 * `style.css`), since the MIME type Twilio serves an asset with follows from that name. Twilio
 * cannot give their bytes back, so a lost upload is recognised without its content.
 */
export const ASSET_VERSION: VersionKind<AssetVersion> = {
  spec: ASSET_VERSION_SPEC,
  parent: "Asset",
  parentKey: "assetSid",
  // The path "/" has no last segment; a name is still needed for the part to be a file.
  textFilename: (urlPath) => path.posix.basename(urlPath) || "asset",
  versions: ({ assetVersions: api }, { serviceSid, parentSid }) => {
    const ref = { serviceSid, assetSid: parentSid };
    return {
      upload: (params) => api.create({ ...ref, ...params }),
      fetch: (sid) => api.fetch(ref, sid),
      newest: (limit) => api.list(ref, { limit }),
    };
  },
};

/** The AssetVersion provider methods, as the engine calls them. */
export class AssetVersionLifecycle extends VersionLifecycle<AssetVersion> {
  constructor(context: LifecycleContext) {
    super(ASSET_VERSION, context);
  }
}
