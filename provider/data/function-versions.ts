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
  serviceSid: pulumi.Input<string>;
  functionSid: pulumi.Input<string>;
  /** The version SID (`ZN…`). */
  sid: pulumi.Input<string>;
}

/** Addresses a function's versions. */
export interface ListFunctionVersionsArgs {
  serviceSid: pulumi.Input<string>;
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

function requireSids(values: Array<[string, unknown, string]>): void {
  const problems = values.map(([property, value, prefix]) => sidProblem(property, value, prefix)).filter(Boolean);
  if (problems.length > 0) throw new Error(problems.join("; "));
}

/** Fetches one version, like a data source: the result is an Output resolved during preview and up. */
export function getFunctionVersion(args: GetFunctionVersionArgs): pulumi.Output<FunctionVersionInfo> {
  return pulumi.all([args.serviceSid, args.functionSid, args.sid]).apply(([serviceSid, functionSid, sid]) => {
    requireSids([
      ["serviceSid", serviceSid, "ZS"],
      ["functionSid", functionSid, "ZH"],
      ["sid", sid, "ZN"],
    ]);
    return programClient().functionVersions.fetch({ serviceSid, functionSid, sid });
  });
}

/** Fetches the source code of one version. */
export function getFunctionVersionContent(args: GetFunctionVersionArgs): pulumi.Output<FunctionVersionContentInfo> {
  return pulumi.all([args.serviceSid, args.functionSid, args.sid]).apply(([serviceSid, functionSid, sid]) => {
    requireSids([
      ["serviceSid", serviceSid, "ZS"],
      ["functionSid", functionSid, "ZH"],
      ["sid", sid, "ZN"],
    ]);
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
  return pulumi.all([args.serviceSid, args.functionSid]).apply(([serviceSid, functionSid]) => {
    requireSids([
      ["serviceSid", serviceSid, "ZS"],
      ["functionSid", functionSid, "ZH"],
    ]);
    return programClient().functionVersions.list({ serviceSid, functionSid, pageSize, limit });
  });
}
