import { SERVICE } from "../../model/service";
import { ArgsOf, resourceClass } from "../../pulumi/described";

/** Inputs of a {@link Service}. */
export type ServiceArgs = ArgsOf<typeof SERVICE.fields>;

/**
 * A Twilio Serverless Service: the container of Functions, Assets, Builds and Environments.
 * `friendlyName`, `includeCredentials` and `uiEditable` change in place; a new `uniqueName` makes a
 * new Service. Deleting it deletes everything it holds.
 */
export const Service = resourceClass(SERVICE);
/** A declared {@link Service}, with its outputs. */
export type Service = InstanceType<typeof Service>;
