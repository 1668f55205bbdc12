import { BUILD } from "../../model/build";
import { ArgsOf, resourceClass } from "../../pulumi/described";

/** Inputs of a {@link Build}. */
export type BuildArgs = ArgsOf<typeof BUILD.fields>;

/**
 * A Twilio Serverless Build of Function and Asset Versions with npm dependencies. `pulumi up`
 * waits until it has completed (at most `twilio:buildTimeoutSeconds`, 900 by default); a failed
 * build is deleted and reported. Any change makes a new build; Twilio refuses to delete one that
 * is live, which Pulumi's create-before-delete order never asks of it. Its `dateUpdated` is the one
 * Twilio's create answered: the wait reads only the build's status, and Twilio moves the date when
 * the build completes (`pulumi refresh` reads the later one).
 */
export const Build = resourceClass(BUILD);
/** A declared {@link Build}, with its outputs. */
export type Build = InstanceType<typeof Build>;
