import { created, ok } from "../answers";
import { listPage } from "../paging";
import { AssetRecord, AssetVersionRecord } from "../records";
import { Route, RouteContext } from "../router";
import { found, serviceOf, serviceUrl } from "./lookups";
import { uploadedVersion } from "./version-upload";

const COLLECTION = "/v1/Services/:service/Assets/:asset/Versions";

function assetOf(ctx: RouteContext): AssetRecord {
  return found(ctx, ctx.store.findAsset(serviceOf(ctx).sid, ctx.params.asset));
}

// Unlike a Function Version, an Asset Version has no links: Twilio serves no way to read its bytes.
function json(ctx: RouteContext, v: AssetVersionRecord): unknown {
  return {
    sid: v.sid,
    account_sid: ctx.store.accountSid,
    service_sid: v.serviceSid,
    asset_sid: v.assetSid,
    path: v.path,
    visibility: v.visibility,
    date_created: v.dateCreated,
    url: `${serviceUrl(ctx, v.serviceSid)}/Assets/${v.assetSid}/Versions/${v.sid}`,
  };
}

/** The upload of an Asset Version, on the upload host. */
export const ASSET_VERSION_UPLOAD_ROUTES: Route[] = [
  {
    method: "POST",
    path: COLLECTION,
    body: "upload",
    handle: (ctx, upload) => {
      const asset = assetOf(ctx);
      const version = ctx.store.addAssetVersion({
        serviceSid: asset.serviceSid,
        assetSid: asset.sid,
        ...uploadedVersion(upload),
      });
      return created(json(ctx, version));
    },
  },
];

/** Asset Versions on the API host: list (newest first) and fetch; there is no `/Content`. */
export const ASSET_VERSION_ROUTES: Route[] = [
  {
    method: "GET",
    path: COLLECTION,
    handle: (ctx) => {
      const asset = assetOf(ctx);
      const versions = ctx.store.assetVersions.filter((v) => v.assetSid === asset.sid).reverse();
      return listPage(
        ctx,
        "asset_versions",
        versions.map((v) => json(ctx, v)),
      );
    },
  },
  {
    method: "GET",
    path: `${COLLECTION}/:sid`,
    handle: (ctx) => ok(json(ctx, found(ctx, ctx.store.findAssetVersion(assetOf(ctx).sid, ctx.params.sid)))),
  },
];
