import { lookup } from "mime-types";
import { Route, ServiceRef, servicePath } from "./collection";
import { RecordOf } from "../model/field";
import { ASSET_VERSION } from "../model/versions";
import { UploadParams, Versions } from "./version-upload";

/** An Asset Version in this package's camelCase form. Twilio offers no way to read its bytes back. */
export type AssetVersion = RecordOf<typeof ASSET_VERSION.fields>;

/** Addresses an Asset. */
export interface AssetRef extends ServiceRef {
  /** The Asset SID (`ZH…`). */
  assetSid: string;
}

/** What one upload of an Asset Version sends. */
export type CreateAssetVersionParams = UploadParams<AssetRef, AssetVersion>;

/** The MIME type Twilio serves an asset with is the one its upload declared: taken from the file name. */
export function assetContentType(filename: string): string {
  return lookup(filename) || "application/octet-stream";
}

/** An Asset's versions. */
export const ASSET_VERSIONS_ROUTE: Route<AssetRef> = {
  path: (ref) => `${servicePath(ref)}/Assets/${encodeURIComponent(ref.assetSid)}/Versions`,
  key: "asset_versions",
};

/** The Asset Version endpoints: upload, fetch and list (Twilio has no update, delete or content). */
export type AssetVersionsApi = Versions<typeof ASSET_VERSION.fields, AssetRef>;
