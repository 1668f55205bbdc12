import { Answer, conflict, created, noContent, ok, refuse } from "../answers";
import { listPage } from "../paging";
import { BuildRecord, FunctionOrAssetRecord } from "../records";
import { Route, RouteContext } from "../router";
import { Store, now } from "../store";
import { requiredText } from "./form-fields";
import { found, serviceOf, serviceUrl } from "./lookups";

/** What tells Functions and Assets apart: their collection, their store, and how builds hold them. */
interface Kind {
  name: "Function" | "Asset";
  segment: "Functions" | "Assets";
  key: "functions" | "assets";
  versionsLink: "function_versions" | "asset_versions";
  records: (store: Store) => Map<string, FunctionOrAssetRecord>;
  add: (store: Store, serviceSid: string, friendlyName: string) => FunctionOrAssetRecord;
  /** Removes it with its versions. */
  remove: (store: Store, sid: string) => void;
  /** True when the build holds a version of it. */
  inBuild: (build: BuildRecord, sid: string) => boolean;
}

const KINDS: readonly Kind[] = [
  {
    name: "Function",
    segment: "Functions",
    key: "functions",
    versionsLink: "function_versions",
    records: (store) => store.functions,
    add: (store, serviceSid, friendlyName) => store.addFunction(serviceSid, friendlyName),
    remove: (store, sid) => {
      store.deleteFunction(sid);
    },
    inBuild: (build, sid) => build.functionVersions.some((v) => v.functionSid === sid),
  },
  {
    name: "Asset",
    segment: "Assets",
    key: "assets",
    versionsLink: "asset_versions",
    records: (store) => store.assets,
    add: (store, serviceSid, friendlyName) => store.addAsset(serviceSid, friendlyName),
    remove: (store, sid) => {
      store.deleteAsset(sid);
    },
    inBuild: (build, sid) => build.assetVersions.some((v) => v.assetSid === sid),
  },
];

function json(ctx: RouteContext, kind: Kind, r: FunctionOrAssetRecord): unknown {
  const url = `${serviceUrl(ctx, r.serviceSid)}/${kind.segment}/${r.sid}`;
  return {
    sid: r.sid,
    account_sid: ctx.store.accountSid,
    service_sid: r.serviceSid,
    friendly_name: r.friendlyName,
    date_created: r.dateCreated,
    date_updated: r.dateUpdated,
    url,
    links: { [kind.versionsLink]: `${url}/Versions` },
  };
}

function routesOf(kind: Kind): Route[] {
  const collection = `/v1/Services/:service/${kind.segment}`;
  const instance = `${collection}/:sid`;
  const inService = (ctx: RouteContext): FunctionOrAssetRecord[] => {
    const serviceSid = serviceOf(ctx).sid;
    return [...kind.records(ctx.store).values()].filter((r) => r.serviceSid === serviceSid);
  };
  const recordOf = (ctx: RouteContext): FunctionOrAssetRecord =>
    found(
      ctx,
      inService(ctx).find((r) => r.sid === ctx.params.sid),
    );
  const remove = (ctx: RouteContext): Answer => {
    const record = recordOf(ctx);
    // Twilio keeps what a live build serves: that build must leave every environment first.
    if (ctx.store.liveBuilds(record.serviceSid).some((b) => kind.inBuild(b, record.sid))) {
      const message = `Cannot delete ${kind.name} ${record.sid} because one of its Versions is part of an active Deployment.`;
      refuse(conflict(message));
    }
    kind.remove(ctx.store, record.sid);
    return noContent();
  };
  return [
    {
      method: "GET",
      path: collection,
      handle: (ctx) =>
        listPage(
          ctx,
          kind.key,
          inService(ctx).map((r) => json(ctx, kind, r)),
        ),
    },
    {
      method: "POST",
      path: collection,
      body: "form",
      handle: (ctx, form) => {
        const serviceSid = serviceOf(ctx).sid;
        const record = kind.add(ctx.store, serviceSid, requiredText(form, "FriendlyName", 255));
        return created(json(ctx, kind, record));
      },
    },
    { method: "GET", path: instance, handle: (ctx) => ok(json(ctx, kind, recordOf(ctx))) },
    {
      method: "POST",
      path: instance,
      body: "form",
      handle: (ctx, form) => {
        const record = recordOf(ctx);
        record.friendlyName = requiredText(form, "FriendlyName", 255);
        record.dateUpdated = now();
        return ok(json(ctx, kind, record));
      },
    },
    { method: "DELETE", path: instance, handle: remove },
  ];
}

/** `/v1/Services/{ZS}/Functions` and `/Assets`: list, create, fetch, rename, and delete unless live. */
export const FUNCTION_AND_ASSET_ROUTES: Route[] = KINDS.flatMap(routesOf);
