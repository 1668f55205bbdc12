import { ASSET, FUNCTION } from "../../model/function-or-asset";
import { ArgsOf, resourceClass } from "../../pulumi/described";

/** Inputs of a {@link ServerlessFunction}. */
export type ServerlessFunctionArgs = ArgsOf<typeof FUNCTION.fields>;

/** Inputs of an {@link Asset}. */
export type AssetArgs = ArgsOf<typeof ASSET.fields>;

/**
 * A Twilio Function (Pulumi type `twilio:Function`): the slot of a Service that
 * {@link FunctionVersion}s of code belong to. Named so as not to shadow JavaScript's `Function`.
 * Twilio refuses to delete one while a version of it is live; deploy a build without it first.
 */
export const ServerlessFunction = resourceClass(FUNCTION);
/** A declared {@link ServerlessFunction}, with its outputs. */
export type ServerlessFunction = InstanceType<typeof ServerlessFunction>;

/**
 * A Twilio Asset: the slot of a Service that {@link AssetVersion}s of a static file belong to.
 * Twilio refuses to delete one while a version of it is live; deploy a build without it first.
 */
export const Asset = resourceClass(ASSET);
/** A declared {@link Asset}, with its outputs. */
export type Asset = InstanceType<typeof Asset>;
