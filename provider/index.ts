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
export { ServerlessProject } from "./serverless-project/component";
export type {
  ServerlessProjectArgs,
  ServerlessFile,
  ServerlessEnvironmentArgs,
  ServerlessContent,
} from "./serverless-project/args";
export { Service } from "./resources/service/resource";
export type { ServiceArgs } from "./resources/service/resource";
// Named apart from JavaScript's global `Function`; its Pulumi type stays `twilio:Function`.
export { ServerlessFunction, Asset } from "./resources/function-or-asset/resource";
export type { ServerlessFunctionArgs, AssetArgs } from "./resources/function-or-asset/resource";
export { FunctionFile, AssetFile } from "./resources/files/resource";
export type { FunctionFileArgs, AssetFileArgs } from "./resources/files/resource";
export { FunctionVersion, AssetVersion } from "./resources/versions/resource";
export type { FunctionVersionArgs, AssetVersionArgs } from "./resources/versions/resource";
export { Build } from "./resources/build/resource";
export type { BuildArgs } from "./resources/build/resource";
export type { BuildDependency, BuildStatus } from "./model/build";
export { Environment } from "./resources/environment/resource";
export type { EnvironmentArgs } from "./resources/environment/resource";
export { Deployment } from "./resources/deployment/resource";
export type { DeploymentArgs } from "./resources/deployment/resource";
export { Variable } from "./resources/variable/resource";
export type { VariableArgs } from "./resources/variable/resource";
export type { Visibility } from "./twilio/visibility";
export { TWILIO_RUNTIMES } from "./model/runtimes";
export { TwilioApiError } from "./twilio/errors";
export { getService, getServiceOutput } from "./data/services";
export type { GetServiceArgs, GetServiceOutputArgs, GetServiceResult } from "./data/services";
export { getEnvironment, getEnvironmentOutput } from "./data/environments";
export type { GetEnvironmentArgs, GetEnvironmentOutputArgs, GetEnvironmentResult } from "./data/environments";
export {
  getFunctionVersion,
  getFunctionVersionOutput,
  getFunctionVersionContent,
  getFunctionVersionContentOutput,
  listFunctionVersions,
  listFunctionVersionsOutput,
} from "./data/function-versions";
export type {
  GetFunctionVersionArgs,
  GetFunctionVersionOutputArgs,
  GetFunctionVersionResult,
  GetFunctionVersionContentArgs,
  GetFunctionVersionContentOutputArgs,
  GetFunctionVersionContentResult,
  ListFunctionVersionsArgs,
  ListFunctionVersionsOutputArgs,
  ListFunctionVersionsResult,
} from "./data/function-versions";
