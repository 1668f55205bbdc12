import { ASSET_VERSION, FUNCTION_VERSION } from "../../model/versions";
import { ArgsOf, resourceClass } from "../../pulumi/described";

/** Inputs of a {@link FunctionVersion}: the function's source and where it is served. */
export type FunctionVersionArgs = ArgsOf<typeof FUNCTION_VERSION.fields>;

/**
 * A version of a Twilio Function's code, uploaded to `serverless-upload.twilio.com`.
 * Versions are immutable: changing `content`, `path`, `visibility`, `serviceSid` or `functionSid`
 * uploads a new version (a replacement). Destroying it only removes it from the stack, since
 * Twilio has no delete for versions and purges those no Build uses.
 */
export const FunctionVersion = resourceClass(FUNCTION_VERSION);
/** A declared {@link FunctionVersion}, with its outputs. */
export type FunctionVersion = InstanceType<typeof FunctionVersion>;

/**
 * Inputs of an {@link AssetVersion}: the asset's bytes and where it is served. Text content is
 * uploaded under the last segment of `path`, a FileAsset under its file name, from which Twilio's
 * MIME type follows.
 */
export type AssetVersionArgs = ArgsOf<typeof ASSET_VERSION.fields>;

/**
 * A version of a Twilio Asset's file, uploaded to `serverless-upload.twilio.com`.
 * Versions are immutable: changing `content`, `path`, `visibility`, `serviceSid` or `assetSid`
 * uploads a new version (a replacement). Destroying it only removes it from the stack, since
 * Twilio has no delete for versions and purges those no Build uses. Twilio cannot give an asset's
 * bytes back, so an upload whose answer was lost is recognised by path, visibility and creation
 * time alone.
 */
export const AssetVersion = resourceClass(ASSET_VERSION);
/** A declared {@link AssetVersion}, with its outputs. */
export type AssetVersion = InstanceType<typeof AssetVersion>;
