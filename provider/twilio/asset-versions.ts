import { lookup } from "mime-types";
import { ListOptions, listAll } from "./paging";
import { RecordOf } from "../model/field";
import { decoderOf } from "../model/derive";
import { ASSET_VERSION } from "../model/versions";
import { Transport } from "./transport";
import { UploadContent, Visibility, versionUploadBody } from "./version-upload";

/** An Asset Version in this package's camelCase form. Twilio offers no way to read its bytes back. */
export type AssetVersion = RecordOf<typeof ASSET_VERSION.fields>;

/** Addresses an Asset. */
export interface AssetRef {
  serviceSid: string;
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

/**
 * The one mapping from Twilio's snake_case answer, its shape checked. Every field is nullable in the
 * spec, but each is set on a real version, and the path and visibility are what a lost upload is
 * recognised by: `null` anywhere is refused as a broken answer.
 */
export const decodeAssetVersion = decoderOf(ASSET_VERSION);

/** The MIME type Twilio serves an asset with is the one its upload declared: taken from the file name. */
export function assetContentType(filename: string): string {
  return lookup(filename) || "application/octet-stream";
}

const path = (ref: AssetRef, sid?: string): string =>
  `/v1/Services/${encodeURIComponent(ref.serviceSid)}/Assets/${encodeURIComponent(ref.assetSid)}/Versions` +
  (sid === undefined ? "" : `/${encodeURIComponent(sid)}`);

/** The Asset Version endpoints: upload, fetch and list (Twilio has no update, delete or content). */
export class AssetVersionsApi {
  constructor(
    private readonly transport: Transport,
    private readonly apiBaseUrl: string,
    private readonly uploadBaseUrl: string,
  ) {}

  /** Uploads a new version to the upload host. */
  create(params: CreateAssetVersionParams): Promise<AssetVersion> {
    const body = versionUploadBody({ ...params, contentType: assetContentType(params.content.filename) });
    const url = `${this.uploadBaseUrl}${path(params)}`;
    return this.transport.send({ method: "POST", url, body }, decodeAssetVersion, params.findExisting);
  }

  /** Fetches one version; a purged or unknown one fails with status 404. */
  fetch(ref: AssetRef, sid: string): Promise<AssetVersion> {
    return this.transport.send({ method: "GET", url: `${this.apiBaseUrl}${path(ref, sid)}` }, decodeAssetVersion);
  }

  /** Lists an Asset's versions, newest first. */
  list(ref: AssetRef, options?: ListOptions): Promise<AssetVersion[]> {
    const list = { what: "Asset Version", key: "asset_versions", decode: decodeAssetVersion };
    return listAll(this.transport, this.apiBaseUrl, path(ref), list, options);
  }
}
