import { RecordOf } from "../model/field";
import { DEPLOYMENT } from "../model/deployment";
import { Collection, Route } from "./collection";
import { EnvironmentRef, environmentPath } from "./environments";

export type { EnvironmentRef };

/** A Serverless Deployment: a build made live in an environment (`buildSid` `null` for one that left it without a build). */
export type Deployment = RecordOf<typeof DEPLOYMENT.fields>;

/**
 * An Environment's Deployments, newest first. Twilio has no update and no delete: a deployment
 * without a build takes the environment offline.
 */
export const DEPLOYMENTS: Route<EnvironmentRef> = {
  path: (ref) => `${environmentPath(ref)}/Deployments`,
  key: "deployments",
};

/** The Deployment endpoints: create, fetch and list. */
export type DeploymentsApi = Collection<typeof DEPLOYMENT.fields, EnvironmentRef>;
