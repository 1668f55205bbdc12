import * as pulumi from "@pulumi/pulumi";
import { FunctionVersion, FunctionVersionContent } from "../twilio/function-versions";
import { PAGE_SIZE } from "../twilio/limits";
import { ArgCheck, programClient, requireArgs, sidRule } from "./program-client";

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

const versionSids = (args: { serviceSid: unknown; functionSid: unknown; sid: unknown }): ArgCheck[] => [
  ["serviceSid", args.serviceSid, sidRule("ZS")],
  ["functionSid", args.functionSid, sidRule("ZH")],
  ["sid", args.sid, sidRule("ZN")],
];

/** Fetches one version, like a data source: the result is an Output resolved during preview and up. */
export function getFunctionVersion(args: GetFunctionVersionArgs): pulumi.Output<FunctionVersionInfo> {
  requireArgs(versionSids(args), "plain");
  return pulumi.all([args.serviceSid, args.functionSid, args.sid]).apply(([serviceSid, functionSid, sid]) => {
    requireArgs(versionSids({ serviceSid, functionSid, sid }), "all");
    return programClient().functionVersions.fetch({ serviceSid, functionSid, sid });
  });
}

/** Fetches the source code of one version. */
export function getFunctionVersionContent(args: GetFunctionVersionArgs): pulumi.Output<FunctionVersionContentInfo> {
  requireArgs(versionSids(args), "plain");
  return pulumi.all([args.serviceSid, args.functionSid, args.sid]).apply(([serviceSid, functionSid, sid]) => {
    requireArgs(versionSids({ serviceSid, functionSid, sid }), "all");
    return programClient().functionVersions.fetchContent({ serviceSid, functionSid, sid });
  });
}

/** Lists a function's versions, newest first, across as many pages as needed. */
export function listFunctionVersions(args: ListFunctionVersionsArgs): pulumi.Output<FunctionVersionInfo[]> {
  const { pageSize, limit } = args;
  if (pageSize !== undefined && (!Number.isInteger(pageSize) || pageSize < PAGE_SIZE.min || pageSize > PAGE_SIZE.max)) {
    throw new Error(`pageSize must be a whole number from ${PAGE_SIZE.min} to ${PAGE_SIZE.max}, got ${pageSize}`);
  }
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new Error(`limit must be a whole number of at least 0, got ${limit}`);
  }
  const sids = (serviceSid: unknown, functionSid: unknown): ArgCheck[] => [
    ["serviceSid", serviceSid, sidRule("ZS")],
    ["functionSid", functionSid, sidRule("ZH")],
  ];
  requireArgs(sids(args.serviceSid, args.functionSid), "plain");
  return pulumi.all([args.serviceSid, args.functionSid]).apply(([serviceSid, functionSid]) => {
    requireArgs(sids(serviceSid, functionSid), "all");
    return programClient().functionVersions.list({ serviceSid, functionSid }, { pageSize, limit });
  });
}
