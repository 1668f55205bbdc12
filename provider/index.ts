/**
 * Pulumi resources for Twilio Serverless.
 *
 * ```ts
 * import * as pulumi from "@pulumi/pulumi";
 * import { FunctionVersion } from "pulumi-twilio-serverless";
 *
 * new FunctionVersion("hello", {
 *   serviceSid: "ZS…",
 *   functionSid: "ZH…",
 *   path: "/hello",
 *   content: new pulumi.asset.FileAsset("functions/hello.js"),
 * });
 * ```
 */
export { FunctionVersion } from "./function-version";
export type { FunctionVersionArgs } from "./function-version";
export { FunctionVersionProvider } from "./function-version-provider";
export { TwilioApiError } from "./twilio/errors";
export { getFunctionVersion, getFunctionVersionContent, listFunctionVersions } from "./data/function-versions";
export type {
  FunctionVersionInfo,
  FunctionVersionContentInfo,
  GetFunctionVersionArgs,
  ListFunctionVersionsArgs,
} from "./data/function-versions";
