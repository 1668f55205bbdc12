import { created, ok } from "../answers";
import { listPage } from "../paging";
import { FunctionRecord, VersionRecord } from "../records";
import { Route, RouteContext } from "../router";
import { found, serviceOf, serviceUrl } from "./lookups";
import { uploadedVersion } from "./version-upload";

const COLLECTION = "/v1/Services/:service/Functions/:function/Versions";

function functionOf(ctx: RouteContext): FunctionRecord {
  return found(ctx, ctx.store.findFunction(serviceOf(ctx).sid, ctx.params.function));
}

function versionOf(ctx: RouteContext): VersionRecord {
  return found(ctx, ctx.store.findVersion(functionOf(ctx).sid, ctx.params.sid));
}

const versionUrl = (ctx: RouteContext, v: VersionRecord): string =>
  `${serviceUrl(ctx, v.serviceSid)}/Functions/${v.functionSid}/Versions/${v.sid}`;

// Answers carry the API host's URL even for uploads, as Twilio's do.
function json(ctx: RouteContext, v: VersionRecord): unknown {
  const url = versionUrl(ctx, v);
  return {
    sid: v.sid,
    account_sid: ctx.store.accountSid,
    service_sid: v.serviceSid,
    function_sid: v.functionSid,
    path: v.path,
    visibility: v.visibility,
    date_created: v.dateCreated,
    url,
    links: { function_version_content: `${url}/Content` },
  };
}

/** The upload of a Function Version, on the upload host. */
export const FUNCTION_VERSION_UPLOAD_ROUTES: Route[] = [
  {
    method: "POST",
    path: COLLECTION,
    body: "upload",
    handle: (ctx, upload) => {
      const fn = functionOf(ctx);
      const { path, visibility, content } = uploadedVersion(upload);
      const version = ctx.store.addVersion({
        serviceSid: fn.serviceSid,
        functionSid: fn.sid,
        path,
        visibility,
        content,
      });
      return created(json(ctx, version));
    },
  },
];

/** Function Versions on the API host: list (newest first), fetch, and the source as JSON. */
export const FUNCTION_VERSION_ROUTES: Route[] = [
  {
    method: "GET",
    path: COLLECTION,
    handle: (ctx) => {
      const fn = functionOf(ctx);
      const versions = ctx.store.versions.filter((v) => v.functionSid === fn.sid).reverse();
      return listPage(
        ctx,
        "function_versions",
        versions.map((v) => json(ctx, v)),
      );
    },
  },
  { method: "GET", path: `${COLLECTION}/:sid`, handle: (ctx) => ok(json(ctx, versionOf(ctx))) },
  {
    method: "GET",
    path: `${COLLECTION}/:sid/Content`,
    handle: (ctx) => {
      const v = versionOf(ctx);
      return ok({
        sid: v.sid,
        account_sid: ctx.store.accountSid,
        service_sid: v.serviceSid,
        function_sid: v.functionSid,
        content: v.content.toString("utf8"),
        url: `${versionUrl(ctx, v)}/Content`,
      });
    },
  },
];
