import { Answer, conflict, created, invalid, noContent, ok, refuse, twilioError } from "../answers";
import { listPage } from "../paging";
import { AssetVersionRecord, BuildRecord, DependencyRecord, ServiceRecord, VersionRecord } from "../records";
import { Route, RouteContext } from "../router";
import { found, serviceOf, serviceUrl } from "./lookups";

/** The runtimes a build may name: the spec's enum and `node24`. */
const RUNTIMES = ["node8", "node10", "node12", "node14", "node16", "node18", "node20", "node22", "node24"];

/** The runtime of a service that never completed a build. */
const DEFAULT_RUNTIME = "node22";

/** What Twilio adds to every build's dependencies unless the build names them itself. */
export const DEFAULT_DEPENDENCIES: readonly DependencyRecord[] = [
  { name: "twilio", version: "5.x" },
  { name: "@twilio/runtime-handler", version: "2.x" },
];

const COLLECTION = "/v1/Services/:service/Builds";

const buildUrl = (ctx: RouteContext, b: BuildRecord): string => `${serviceUrl(ctx, b.serviceSid)}/Builds/${b.sid}`;

function versionJson(ctx: RouteContext, v: VersionRecord | AssetVersionRecord): unknown {
  const parent = "functionSid" in v ? { function_sid: v.functionSid } : { asset_sid: v.assetSid };
  return {
    sid: v.sid,
    account_sid: ctx.store.accountSid,
    service_sid: v.serviceSid,
    ...parent,
    date_created: v.dateCreated,
    path: v.path,
    visibility: v.visibility,
  };
}

function json(ctx: RouteContext, b: BuildRecord): unknown {
  const url = buildUrl(ctx, b);
  return {
    sid: b.sid,
    account_sid: ctx.store.accountSid,
    service_sid: b.serviceSid,
    asset_versions: b.assetVersions.map((v) => versionJson(ctx, v)),
    function_versions: b.functionVersions.map((v) => versionJson(ctx, v)),
    dependencies: b.dependencies.map(({ name, version }) => ({ name, version })),
    runtime: b.runtime,
    status: b.status,
    date_created: b.dateCreated,
    date_updated: b.dateUpdated,
    url,
    links: { build_status: `${url}/Status` },
  };
}

function buildOf(ctx: RouteContext): BuildRecord {
  return found(ctx, ctx.store.findBuild(serviceOf(ctx).sid, ctx.params.sid));
}

/** Each SID of a repeated field, as a version of this service, or a 400 naming the first unknown. */
function versionsOf<T extends { sid: string; serviceSid: string }>(
  form: URLSearchParams,
  field: string,
  all: readonly T[],
  service: ServiceRecord,
): T[] {
  return form.getAll(field).map((sid) => {
    const version = all.find((v) => v.sid === sid && v.serviceSid === service.sid);
    return version ?? refuse(invalid(`${field}: ${sid} is not a version of Service ${service.sid}`));
  });
}

const isDependency = (value: unknown): value is DependencyRecord =>
  typeof value === "object" &&
  value !== null &&
  "name" in value &&
  typeof value.name === "string" &&
  "version" in value &&
  typeof value.version === "string";

/**
 * The text of `Dependencies` as JSON: the bare array (the spec's example, and what this package's
 * client sends), or that same array between one pair of double quotes, its own quotes left as they
 * are, as `@twilio-labs/serverless-api` sends it (`"${JSON.stringify(dependencies)}"`, which Twilio
 * takes in production). The array encoded as a JSON string literal (`"[{\"name\"…}]"`) is refused:
 * no client is known to send it and whether Twilio takes it is unverified (choice).
 */
function parseDependencies(text: string): unknown {
  const quoted = text.length >= 2 && text.startsWith('"') && text.endsWith('"');
  try {
    return JSON.parse(quoted ? text.slice(1, -1) : text);
  } catch {
    return undefined;
  }
}

/** The `Dependencies` field, empty or absent meaning none, followed by the defaults it leaves out. */
function dependenciesOf(form: URLSearchParams): DependencyRecord[] {
  const text = form.get("Dependencies");
  const parsed = text === null || text === "" ? [] : parseDependencies(text);
  if (!Array.isArray(parsed) || !parsed.every(isDependency)) {
    refuse(invalid("Dependencies must be a JSON array of objects with a name and a version"));
  }
  const own = parsed.map(({ name, version }) => ({ name, version }));
  return [...own, ...DEFAULT_DEPENDENCIES.filter((d) => !own.some((o) => o.name === d.name))];
}

function create(ctx: RouteContext, form: URLSearchParams): Answer {
  const service = serviceOf(ctx);
  const functionVersions = versionsOf(form, "FunctionVersions", ctx.store.versions, service);
  const assetVersions = versionsOf(form, "AssetVersions", ctx.store.assetVersions, service);
  if (functionVersions.length + assetVersions.length === 0) {
    refuse(invalid("At least one Function Version or Asset Version is required for Build."));
  }
  const runtime = form.get("Runtime") ?? ctx.store.lastCompletedBuild(service.sid)?.runtime ?? DEFAULT_RUNTIME;
  if (!RUNTIMES.includes(runtime)) refuse(twilioError(400, 82007, "Unsupported Runtime"));
  const dependencies = dependenciesOf(form);
  const build = ctx.store.addBuild({ serviceSid: service.sid, functionVersions, assetVersions, dependencies, runtime });
  ctx.builds.start(build);
  return created(json(ctx, build));
}

function remove(ctx: RouteContext): Answer {
  const build = buildOf(ctx);
  if (ctx.store.environmentsServing(build.sid).length > 0) {
    refuse(conflict("Cannot delete Build because it's part of an active Deployment."));
  }
  ctx.store.builds.delete(build.sid);
  return noContent();
}

/** `/v1/Services/{ZS}/Builds`: list (newest first), create, fetch, status, and delete unless live. */
export const BUILD_ROUTES: Route[] = [
  {
    method: "GET",
    path: COLLECTION,
    handle: (ctx) => {
      const serviceSid = serviceOf(ctx).sid;
      const builds = [...ctx.store.builds.values()].filter((b) => b.serviceSid === serviceSid).reverse();
      return listPage(
        ctx,
        "builds",
        builds.map((b) => json(ctx, b)),
      );
    },
  },
  { method: "POST", path: COLLECTION, body: "form", handle: create },
  { method: "GET", path: `${COLLECTION}/:sid`, handle: (ctx) => ok(json(ctx, buildOf(ctx))) },
  { method: "DELETE", path: `${COLLECTION}/:sid`, handle: remove },
  {
    method: "GET",
    path: `${COLLECTION}/:sid/Status`,
    handle: (ctx) => {
      const build = buildOf(ctx);
      return ok({
        sid: build.sid,
        account_sid: ctx.store.accountSid,
        service_sid: build.serviceSid,
        status: build.status,
        url: `${buildUrl(ctx, build)}/Status`,
      });
    },
  },
];
