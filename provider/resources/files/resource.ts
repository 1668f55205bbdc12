import { ASSET_FILE, FUNCTION_FILE } from "../../model/files";
import { ArgsOf, resourceClass } from "../../pulumi/described";

/**
 * A function of a Serverless project as one resource (Pulumi type `twilio:FunctionFile`): a Twilio
 * Function, named after its path unless `friendlyName` says otherwise, and the version of its code
 * that a {@link Build} deploys (`versionSid`). New code, a new path or visibility upload a new
 * version of the same Function (an update, not a replacement). Deleting it deletes the Function,
 * which Twilio refuses while a live build serves it: deploy a build without it first, as a
 * `ServerlessProject` does.
 */
export const FunctionFile = resourceClass(FUNCTION_FILE);
/** A declared {@link FunctionFile}, with its outputs. */
export type FunctionFile = InstanceType<typeof FunctionFile>;
/** Inputs of a {@link FunctionFile}: where the function is served, who may call it, and its code. */
export type FunctionFileArgs = ArgsOf<typeof FUNCTION_FILE.fields>;

/**
 * An asset of a Serverless project as one resource (Pulumi type `twilio:AssetFile`): a Twilio
 * Asset and the version of its bytes that a {@link Build} deploys (`versionSid`). New bytes, a new
 * path or visibility upload a new version of the same Asset. Text content is uploaded under the last
 * segment of `path`, a FileAsset under its file name, from which Twilio's MIME type follows.
 */
export const AssetFile = resourceClass(ASSET_FILE);
/** A declared {@link AssetFile}, with its outputs. */
export type AssetFile = InstanceType<typeof AssetFile>;
/** Inputs of an {@link AssetFile}: where the asset is served, who may fetch it, and its bytes. */
export type AssetFileArgs = ArgsOf<typeof ASSET_FILE.fields>;
