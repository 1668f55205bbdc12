import { RecordOf } from "../model/field";
import { ENVIRONMENT } from "../model/environment";
import { Collection, Route, ServiceRef, servicePath } from "./collection";

/** A Serverless Environment in this package's camelCase form; `url` is where it serves, `apiUrl` its API resource. */
export type Environment = RecordOf<typeof ENVIRONMENT.fields>;

/** A Service's Environments (Twilio changes nothing of one in place). */
export const ENVIRONMENTS: Route<ServiceRef> = {
  path: (service) => `${servicePath(service)}/Environments`,
  key: "environments",
};

/** Addresses an Environment. */
export interface EnvironmentRef extends ServiceRef {
  /** The Environment SID (`ZE…`). */
  environmentSid: string;
}

/** The path of an Environment, under which its Deployments and Variables are. */
export const environmentPath = (ref: EnvironmentRef): string =>
  `${servicePath(ref)}/Environments/${encodeURIComponent(ref.environmentSid)}`;

/** The Environment endpoints: create, fetch, remove and list. */
export type EnvironmentsApi = Collection<typeof ENVIRONMENT.fields, ServiceRef>;
