import { DEPLOYMENT } from "../../model/deployment";
import { ArgsOf, resourceClass } from "../../pulumi/described";

/** Inputs of a {@link Deployment}. */
export type DeploymentArgs = ArgsOf<typeof DEPLOYMENT.fields>;

/**
 * A Twilio Serverless Deployment: makes a Build live in an Environment. Any change is a new
 * deployment. Twilio has no delete for deployments: destroying one whose build is still live takes
 * the environment offline (a deployment without a build), and destroying one that a newer
 * deployment replaced sends nothing.
 */
export const Deployment = resourceClass(DEPLOYMENT);
/** A declared {@link Deployment}, with its outputs. */
export type Deployment = InstanceType<typeof Deployment>;
