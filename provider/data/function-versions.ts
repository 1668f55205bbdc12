import * as pulumi from "@pulumi/pulumi";
import { FunctionVersion, FunctionVersionContent } from "../twilio/function-versions";
import { connect } from "../pulumi/session";
import { sidProblem } from "../pulumi/sids";

/** A Function Version as the program helpers return it. */
export type FunctionVersionInfo = FunctionVersion;
/** A Function Version's source code as {@link getFunctionVersionContent} returns it. */
export type FunctionVersionContentInfo = FunctionVersionContent;

/** Addresses one version. */
export interface GetFunctionVersionArgs {
  /** The Service SID (`ZS…`). */
  serviceSid: pulumi.Input<string>;
  /** The Function SID (`ZH…`). */
  functionSid: pulumi.Input<string>;
  /** The version SID (`ZN…`). */
  sid: pulumi.Input<string>;
}

/** Addresses a function's versions. */
export interface ListFunctionVersionsArgs {
  /** The Service SID (`ZS…`). */
  serviceSid: pulumi.Input<string>;
  /** The Function SID (`ZH…`). */
  functionSid: pulumi.Input<string>;
  /** Versions per request, 1 to 1000 (Twilio's default is 50). */
  pageSize?: number;
  /** Stop after this many versions (newest first). */
  limit?: number;
}

// Same settings as the provider, read in the program: stack config `twilio:*`, then the environment.
const programClient = () => {
  const config = new pulumi.Config("twilio");
  return connect((key) => config.get(key));
};

// Plain strings are checked at the call, so a typo fails where it is written; values that are
// still Outputs are checked once they resolve.
function requireSids(values: Array<[string, unknown, string]>, known: "plain" | "all"): void {
  const problems = values
    .filter(([, value]) => known === "all" || typeof value === "string")
    .map(([property, value, prefix]) => sidProblem(property, value, prefix))
    .filter(Boolean);
  if (problems.length > 0) throw new Error(problems.join("; "));
}

const versionSids = (args: {
  serviceSid: unknown;
  functionSid: unknown;
  sid: unknown;
}): Array<[string, unknown, string]> => [
  ["serviceSid", args.serviceSid, "ZS"],
  ["functionSid", args.functionSid, "ZH"],
  ["sid", args.sid, "ZN"],
];

/** Fetches one version, like a data source: the result is an Output resolved during preview and up. */
export function getFunctionVersion(args: GetFunctionVersionArgs): pulumi.Output<FunctionVersionInfo> {
  requireSids(versionSids(args), "plain");
  return pulumi.all([args.serviceSid, args.functionSid, args.sid]).apply(([serviceSid, functionSid, sid]) => {
    requireSids(versionSids({ serviceSid, functionSid, sid }), "all");
    return programClient().functionVersions.fetch({ serviceSid, functionSid, sid });
  });
}

/** Fetches the source code of one version. */
export function getFunctionVersionContent(args: GetFunctionVersionArgs): pulumi.Output<FunctionVersionContentInfo> {
  requireSids(versionSids(args), "plain");
  return pulumi.all([args.serviceSid, args.functionSid, args.sid]).apply(([serviceSid, functionSid, sid]) => {
    requireSids(versionSids({ serviceSid, functionSid, sid }), "all");
    return programClient().functionVersions.fetchContent({ serviceSid, functionSid, sid });
  });
}

/** Lists a function's versions, newest first, across as many pages as needed. */
export function listFunctionVersions(args: ListFunctionVersionsArgs): pulumi.Output<FunctionVersionInfo[]> {
  const { pageSize, limit } = args;
  if (pageSize !== undefined && (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)) {
    throw new Error(`pageSize must be a whole number from 1 to 1000, got ${pageSize}`);
  }
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new Error(`limit must be a whole number of at least 0, got ${limit}`);
  }
  const sids = (serviceSid: unknown, functionSid: unknown): Array<[string, unknown, string]> => [
    ["serviceSid", serviceSid, "ZS"],
    ["functionSid", functionSid, "ZH"],
  ];
  requireSids(sids(args.serviceSid, args.functionSid), "plain");
  return pulumi.all([args.serviceSid, args.functionSid]).apply(([serviceSid, functionSid]) => {
    requireSids(sids(serviceSid, functionSid), "all");
    return programClient().functionVersions.list({ serviceSid, functionSid, pageSize, limit });
  });
}
