import { lookup } from "mime-types";
import { Records, Route, ServiceRef, servicePath } from "./collection";
import { RecordOf } from "../model/field";
import { ASSET_VERSION } from "../model/versions";
import { Transport } from "./transport";
import { UploadContent, Visibility, versionUploadBody } from "./version-upload";

/** An Asset Version in this package's camelCase form. Twilio offers no way to read its bytes back. */
export type AssetVersion = RecordOf<typeof ASSET_VERSION.fields>;

/** Addresses an Asset. */
export interface AssetRef extends ServiceRef {
  /** The Asset SID (`ZH…`). */
  assetSid: string;
}

/** Parameters of an upload. */
export interface CreateAssetVersionParams extends AssetRef {
  path: string;
  visibility: Visibility;
  content: UploadContent;
  /** As for Function Versions: finds what a lost attempt stored before the upload is sent again. */
  findExisting?: () => Promise<AssetVersion | undefined>;
}

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
export class AssetVersionsApi extends Records<typeof ASSET_VERSION.fields, AssetRef> {
  constructor(
    transport: Transport,
    apiBaseUrl: string,
    private readonly uploadBaseUrl: string,
  ) {
    super(transport, apiBaseUrl, ASSET_VERSION, ASSET_VERSIONS_ROUTE);
  }

  /** Uploads a new version to the upload host. */
  upload(params: CreateAssetVersionParams): Promise<AssetVersion> {
    const body = versionUploadBody({ ...params, contentType: assetContentType(params.content.filename) });
    const url = `${this.uploadBaseUrl}${ASSET_VERSIONS_ROUTE.path(params)}`;
    return this.transport.send({ method: "POST", url, body }, this.decode, params.findExisting);
  }
}
