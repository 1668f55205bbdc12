import { JsonReader } from "./shape";
import { ValuesOf, RecordOf } from "../model/field";
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

/** A Service's Builds (Twilio has no update). */
export const BUILDS: Route<ServiceRef> = { path: (service) => `${servicePath(service)}/Builds`, key: "builds" };

/** The Build endpoints: create, fetch, remove, list, and the status alone. */
export class BuildsApi extends Collection<typeof BUILD.fields, ServiceRef> {
  /** Its status alone, the light request to poll while it builds. */
  status(ref: Ref<ServiceRef>): Promise<BuildStatus> {
    return this.transport.send({ method: "GET", url: `${this.url(ref, ref.sid)}/Status` }, decodeBuildStatus);
  }
}
