import { JsonReader } from "./shape";
import { ValuesOf, RecordOf } from "../model/field";
import { decoderOf } from "../model/derive";
import { BUILD, BuildDependency, BuildStatus, decodeStatus } from "../model/build";
import { Collection, Ref, Route, ServiceRef, servicePath } from "./collection";

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

/** A Service's Builds (Twilio has no update). */
export const BUILDS: Route<ServiceRef> = { path: (service) => `${servicePath(service)}/Builds`, key: "builds" };

/** The Build endpoints: create, fetch, remove, list, and the status alone. */
export class BuildsApi extends Collection<typeof BUILD.fields, ServiceRef> {
  /** Its status alone, the light request to poll while it builds. */
  status(ref: Ref<ServiceRef>): Promise<BuildStatus> {
    return this.transport.send({ method: "GET", url: `${this.url(ref, ref.sid)}/Status` }, decodeBuildStatus);
  }
}
