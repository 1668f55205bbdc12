/**
 * What each kind of Twilio Serverless resource is made of, described once: the Twilio client
 * derives its decoders and request fields from these, the Pulumi resources their checks, diffs,
 * input and output types.
 */
export { BUILD } from "./build";
export { DEPLOYMENT } from "./deployment";
export { ENVIRONMENT } from "./environment";
export { ASSET, FUNCTION } from "./function-or-asset";
export { SERVICE } from "./service";
export { VARIABLE } from "./variable";
export { ASSET_VERSION, FUNCTION_VERSION } from "./versions";
