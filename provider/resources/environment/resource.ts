import { ENVIRONMENT } from "../../model/environment";
import { ArgsOf, resourceClass } from "../../pulumi/described";

/** Inputs of a {@link Environment}. */
export type EnvironmentArgs = ArgsOf<typeof ENVIRONMENT.fields>;

/**
 * A Twilio Serverless Environment: a domain (`<service domain base>[-<suffix>].twil.io`) serving
 * the build its latest Deployment made live. Twilio changes nothing of it in place, so any change
 * replaces it; a replacement that keeps the unique name or the domain suffix deletes the old one
 * first, since both are unique in the Service.
 */
export const Environment = resourceClass(ENVIRONMENT);
/** A declared {@link Environment}, with its outputs. */
export type Environment = InstanceType<typeof Environment>;
