import { formBody } from "./form";
import { ListOptions, listAll } from "./paging";
import { JsonReader } from "./shape";
import { ValuesOf, RecordOf } from "../model/field";
import { decoderOf, formOf } from "../model/derive";
import { BUILD, BuildDependency, BuildStatus, decodeStatus } from "../model/build";
import { Transport } from "./transport";

export type { BuildDependency, BuildStatus };

/** A Serverless Build in this package's camelCase form: its versions by SID, Twilio's dependency list as `twilioDependencies`. */
export type Build = RecordOf<typeof BUILD.fields>;

/** What a new build is made of; left out, `runtime` is the service's last build's, or Twilio's default. */
export type CreateBuildParams = ValuesOf<typeof BUILD.fields>;

/** The `/Status` answer: only its `status` is read, and a build always has one, so `null` is refused. */
export function decodeBuildStatus(json: unknown): BuildStatus {
  return decodeStatus(new JsonReader(json, "Build Status"));
}

/**
 * The one mapping from Twilio's snake_case answer, its shape checked. Of the fields the spec marks
 * nullable, the three lists take `null` as empty; the SIDs, the runtime, the status, the dates and
 * the URL are always set on a real build, so `null` there is refused as a broken answer.
 */
export const decodeBuild = decoderOf(BUILD);

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
    const body = formBody(formOf(BUILD, "create", params));
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
