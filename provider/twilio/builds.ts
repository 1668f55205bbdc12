import { formBody } from "./form";
import { ListOptions, listAll } from "./paging";
import { JsonReader } from "./shape";
import { Transport } from "./transport";

/** Where a build stands: Twilio installs dependencies and packs the versions until it completes or fails. */
export type BuildStatus = "building" | "completed" | "failed";

const STATUSES: readonly BuildStatus[] = ["building", "completed", "failed"];

/** A version as a build lists it. */
export interface BuildVersion {
  /** The version SID (`ZN…`). */
  sid: string;
  /** The Function or Asset it is a version of (`ZH…`). */
  parentSid: string;
  /** Its URL path. */
  path: string;
  /** `public`, `protected` or `private`. */
  visibility: string;
}

/** An npm dependency of a build. */
export interface BuildDependency {
  name: string;
  version: string;
}

/** A Serverless Build in this package's camelCase form. */
export interface Build {
  /** The Build SID (`ZB…`). */
  sid: string;
  /** The account that owns it (`AC…`). */
  accountSid: string;
  /** Its Service (`ZS…`). */
  serviceSid: string;
  /** Its Function Versions. */
  functionVersions: BuildVersion[];
  /** Its Asset Versions. */
  assetVersions: BuildVersion[];
  /** Its dependencies, with the ones Twilio adds (`twilio`, `@twilio/runtime-handler`). */
  dependencies: BuildDependency[];
  /** The Node.js runtime it runs on (`node22`). */
  runtime: string;
  /** Where it stands. */
  status: BuildStatus;
  /** When Twilio created it, ISO 8601 in UTC. */
  dateCreated: string;
  /** When it last changed. */
  dateUpdated: string;
  /** Its API resource URL. */
  url: string;
}

/** What a new build is made of. */
export interface CreateBuildParams {
  functionVersions: readonly string[];
  assetVersions: readonly string[];
  dependencies: readonly BuildDependency[];
  /** Left out, Twilio uses the runtime of the service's last build, or its default. */
  runtime?: string;
}

function decodeStatus(r: JsonReader): BuildStatus {
  const status = r.string("status");
  const known = STATUSES.find((s) => s === status);
  if (known === undefined) throw new Error(`unexpected Build status from Twilio: ${JSON.stringify(status)}`);
  return known;
}

/** The `/Status` answer: only its `status` is read, and a build always has one, so `null` is refused. */
export function decodeBuildStatus(json: unknown): BuildStatus {
  return decodeStatus(new JsonReader(json, "Build Status"));
}

function decodeVersion(parent: "function_sid" | "asset_sid"): (json: unknown) => BuildVersion {
  return (json) => {
    const r = new JsonReader(json, "Build version");
    return {
      sid: r.string("sid"),
      parentSid: r.string(parent),
      path: r.string("path"),
      visibility: r.string("visibility"),
    };
  };
}

function decodeDependency(json: unknown): BuildDependency {
  const r = new JsonReader(json, "Build dependency");
  return { name: r.string("name"), version: r.string("version") };
}

/**
 * The one mapping from Twilio's snake_case answer, its shape checked. Of the fields the spec marks
 * nullable, the three lists take `null` as empty; the SIDs, the runtime, the status, the dates and
 * the URL are always set on a real build, so `null` there is refused as a broken answer.
 */
export function decodeBuild(json: unknown): Build {
  const r = new JsonReader(json, "Build");
  return {
    sid: r.string("sid"),
    accountSid: r.string("account_sid"),
    serviceSid: r.string("service_sid"),
    // Nullable in the spec: a build without Asset Versions (or Function Versions, or dependencies)
    // holds none of them, however Twilio writes that.
    functionVersions: r.arrayOrNone("function_versions").map(decodeVersion("function_sid")),
    assetVersions: r.arrayOrNone("asset_versions").map(decodeVersion("asset_sid")),
    dependencies: r.arrayOrNone("dependencies").map(decodeDependency),
    runtime: r.string("runtime"),
    status: decodeStatus(r),
    dateCreated: r.string("date_created"),
    dateUpdated: r.string("date_updated"),
    url: r.string("url"),
  };
}

const path = (serviceSid: string, sid?: string): string =>
  `/v1/Services/${encodeURIComponent(serviceSid)}/Builds${sid === undefined ? "" : `/${encodeURIComponent(sid)}`}`;

/** The Build endpoints (Twilio has no update). */
export class BuildsApi {
  constructor(
    private readonly transport: Transport,
    private readonly baseUrl: string,
  ) {}

  /** Starts a build; it is `building` until Twilio has installed and packed it. */
  create(
    serviceSid: string,
    params: CreateBuildParams,
    findExisting?: () => Promise<Build | undefined>,
  ): Promise<Build> {
    const body = formBody({
      FunctionVersions: params.functionVersions,
      AssetVersions: params.assetVersions,
      // Twilio takes the dependencies as one field holding a JSON array.
      Dependencies: JSON.stringify(params.dependencies),
      Runtime: params.runtime,
    });
    return this.transport.send(
      { method: "POST", url: `${this.baseUrl}${path(serviceSid)}`, body },
      decodeBuild,
      findExisting,
    );
  }

  /** Fetches one by SID. */
  fetch(serviceSid: string, sid: string): Promise<Build> {
    return this.transport.send({ method: "GET", url: `${this.baseUrl}${path(serviceSid, sid)}` }, decodeBuild);
  }

  /** Its status alone, the light request to poll. */
  status(serviceSid: string, sid: string): Promise<BuildStatus> {
    const url = `${this.baseUrl}${path(serviceSid, sid)}/Status`;
    return this.transport.send({ method: "GET", url }, decodeBuildStatus);
  }

  /** Deletes one; Twilio refuses while it is live in an environment. */
  remove(serviceSid: string, sid: string): Promise<void> {
    return this.transport.send({ method: "DELETE", url: `${this.baseUrl}${path(serviceSid, sid)}` }, () => undefined);
  }

  /** Lists a Service's Builds. */
  list(serviceSid: string, options?: ListOptions): Promise<Build[]> {
    return listAll(
      this.transport,
      this.baseUrl,
      path(serviceSid),
      { what: "Build", key: "builds", decode: decodeBuild },
      options,
    );
  }
}
