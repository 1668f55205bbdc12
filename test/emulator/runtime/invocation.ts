/**
 * What an invocation of a Function of the live build gets: its code, its `context` and what
 * `Runtime.getFunctions()` and `Runtime.getAssets()` list.
 */
import { BuildRecord, EnvironmentRecord, ServiceRecord, VersionRecord } from "../records";
import { FunctionEvent, Invocation } from "./protocol";

/** Where the invocation runs, and with which account credentials. */
export interface InvocationScope {
  service: ServiceRecord;
  environment: EnvironmentRecord;
  domainName: string;
  build: BuildRecord;
  /** The Environment's Variables, key → value. */
  variables: Record<string, string>;
  accountSid: string;
  authToken: string;
}

/**
 * A Function's `context`: every Variable of the Environment, then `DOMAIN_NAME`, `PATH`,
 * `SERVICE_SID`, `ENVIRONMENT_SID`, and `ACCOUNT_SID` and `AUTH_TOKEN` when the Service includes
 * credentials. A Variable of one of these names is overridden (choice: Twilio does not say).
 */
export function contextFor(scope: InvocationScope, path: string): Record<string, string> {
  const credentials: Record<string, string> = scope.service.includeCredentials
    ? { ACCOUNT_SID: scope.accountSid, AUTH_TOKEN: scope.authToken }
    : {};
  return {
    ...scope.variables,
    DOMAIN_NAME: scope.domainName,
    PATH: path,
    SERVICE_SID: scope.service.sid,
    ENVIRONMENT_SID: scope.environment.sid,
    ...credentials,
  };
}

/** The invocation of `version` (a Function Version of the scope's build) for this event. */
export function invocationFor(scope: InvocationScope, version: VersionRecord, event: FunctionEvent): Invocation {
  const { build } = scope;
  return {
    code: version.content.toString("utf8"),
    path: version.path,
    context: contextFor(scope, version.path),
    event,
    functionPaths: build.functionVersions.map((v) => v.path),
    // Copied into every invocation (a worker cannot read the store): private Assets are small.
    privateAssets: build.assetVersions
      .filter((v) => v.visibility === "private")
      .map((v) => ({ path: v.path, content: v.content })),
  };
}
