import * as pulumi from "@pulumi/pulumi";
import type { FunctionVersion, FunctionVersionContent } from "../twilio/function-versions";
import { PAGE_SIZE } from "../twilio/limits";
import { DataHelper, invoke, invokeOutput } from "./invoke";
import { ArgCheck, optionalWholeNumberRule, sidRule } from "./program-client";

/** A Function Version as {@link getFunctionVersion} returns it: Twilio's fields, camelCased. */
export type GetFunctionVersionResult = FunctionVersion;

/** A Function Version's source code, with its SIDs, as {@link getFunctionVersionContent} returns it. */
export type GetFunctionVersionContentResult = FunctionVersionContent;

/** What {@link listFunctionVersions} returns: the Function's versions, newest first, and the SIDs asked for. */
export interface ListFunctionVersionsResult {
  /** The Service SID asked for. */
  readonly serviceSid: string;
  /** The Function SID asked for. */
  readonly functionSid: string;
  /** The versions, newest first. */
  readonly versions: GetFunctionVersionResult[];
}

/** Which version {@link getFunctionVersion} fetches. */
export interface GetFunctionVersionArgs {
  /** The Service SID (`ZS…`). */
  serviceSid: string;
  /** The Function SID (`ZH…`). */
  functionSid: string;
  /** The version SID (`ZN…`). */
  sid: string;
}

/** {@link GetFunctionVersionArgs}, each an Input, for {@link getFunctionVersionOutput}. */
export interface GetFunctionVersionOutputArgs {
  /** The Service SID (`ZS…`). */
  serviceSid: pulumi.Input<string>;
  /** The Function SID (`ZH…`). */
  functionSid: pulumi.Input<string>;
  /** The version SID (`ZN…`). */
  sid: pulumi.Input<string>;
}

/** Which version's code {@link getFunctionVersionContent} fetches. */
export type GetFunctionVersionContentArgs = GetFunctionVersionArgs;

/** {@link GetFunctionVersionContentArgs}, each an Input, for {@link getFunctionVersionContentOutput}. */
export type GetFunctionVersionContentOutputArgs = GetFunctionVersionOutputArgs;

/** Whose versions {@link listFunctionVersions} lists. */
export interface ListFunctionVersionsArgs {
  /** The Service SID (`ZS…`). */
  serviceSid: string;
  /** The Function SID (`ZH…`). */
  functionSid: string;
  /** Versions per request, 1 to 1000 (Twilio's default is 50). */
  pageSize?: number;
  /** Stop after this many versions (newest first). */
  limit?: number;
}

/** {@link ListFunctionVersionsArgs}, each an Input, for {@link listFunctionVersionsOutput}. */
export interface ListFunctionVersionsOutputArgs {
  /** The Service SID (`ZS…`). */
  serviceSid: pulumi.Input<string>;
  /** The Function SID (`ZH…`). */
  functionSid: pulumi.Input<string>;
  /** Versions per request, 1 to 1000 (Twilio's default is 50). */
  pageSize?: pulumi.Input<number>;
  /** Stop after this many versions (newest first). */
  limit?: pulumi.Input<number>;
}

const versionChecks = (args: { serviceSid: unknown; functionSid: unknown; sid: unknown }): ArgCheck[] => [
  ["serviceSid", args.serviceSid, sidRule("ZS")],
  ["functionSid", args.functionSid, sidRule("ZH")],
  ["sid", args.sid, sidRule("ZN")],
];

const VERSION: DataHelper<GetFunctionVersionOutputArgs, GetFunctionVersionResult> = {
  name: "getFunctionVersion",
  checks: versionChecks,
  request: (client, { serviceSid, functionSid, sid }) =>
    client.functionVersions.fetch({ serviceSid, functionSid, sid }),
};

const CONTENT: DataHelper<GetFunctionVersionContentOutputArgs, GetFunctionVersionContentResult> = {
  name: "getFunctionVersionContent",
  checks: versionChecks,
  request: (client, { serviceSid, functionSid, sid }) =>
    client.functionVersions.fetchContent({ serviceSid, functionSid, sid }),
};

const LIST: DataHelper<ListFunctionVersionsOutputArgs, ListFunctionVersionsResult> = {
  name: "listFunctionVersions",
  checks: (args) => [
    ["serviceSid", args.serviceSid, sidRule("ZS")],
    ["functionSid", args.functionSid, sidRule("ZH")],
    ["pageSize", args.pageSize, optionalWholeNumberRule(PAGE_SIZE.min, PAGE_SIZE.max)],
    ["limit", args.limit, optionalWholeNumberRule(0)],
  ],
  request: async (client, { serviceSid, functionSid, pageSize, limit }) => ({
    serviceSid,
    functionSid,
    versions: await client.functionVersions.list({ serviceSid, functionSid }, { pageSize, limit }),
  }),
};

/**
 * Fetches one version of a Function. A malformed SID fails before any request; one Twilio does not
 * know fails with its 404 (a `TwilioApiError`). Options as for {@link getService}.
 */
export function getFunctionVersion(
  args: GetFunctionVersionArgs,
  opts?: pulumi.InvokeOptions,
): Promise<GetFunctionVersionResult> {
  return invoke(VERSION, args, opts);
}

/** {@link getFunctionVersion} with arguments that may be Outputs, as an Output (see {@link getServiceOutput}). */
export function getFunctionVersionOutput(
  args: GetFunctionVersionOutputArgs,
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<GetFunctionVersionResult> {
  return invokeOutput(VERSION, args, opts);
}

/** Fetches the source code of one version of a Function, as {@link getFunctionVersion} fetches the version. */
export function getFunctionVersionContent(
  args: GetFunctionVersionContentArgs,
  opts?: pulumi.InvokeOptions,
): Promise<GetFunctionVersionContentResult> {
  return invoke(CONTENT, args, opts);
}

/** {@link getFunctionVersionContent} with arguments that may be Outputs, as an Output (see {@link getServiceOutput}). */
export function getFunctionVersionContentOutput(
  args: GetFunctionVersionContentOutputArgs,
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<GetFunctionVersionContentResult> {
  return invokeOutput(CONTENT, args, opts);
}

/**
 * Lists a Function's versions, newest first, across as many pages as needed, or up to `limit`.
 * A malformed SID, or a `pageSize` or `limit` out of range, fails before any request.
 */
export function listFunctionVersions(
  args: ListFunctionVersionsArgs,
  opts?: pulumi.InvokeOptions,
): Promise<ListFunctionVersionsResult> {
  return invoke(LIST, args, opts);
}

/** {@link listFunctionVersions} with arguments that may be Outputs, as an Output (see {@link getServiceOutput}). */
export function listFunctionVersionsOutput(
  args: ListFunctionVersionsOutputArgs,
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<ListFunctionVersionsResult> {
  return invokeOutput(LIST, args, opts);
}
