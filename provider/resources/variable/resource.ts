import { VARIABLE } from "../../model/variable";
import { ArgsOf, resourceClass } from "../../pulumi/described";

/** Inputs of a {@link Variable}. */
export type VariableArgs = ArgsOf<typeof VARIABLE.fields>;

/**
 * A Twilio Serverless Environment Variable, read by functions as `context[key]`. A new key or
 * value changes it in place, and functions see it without a new deployment. The value is a secret
 * in state and outputs, and never appears in a log or an error.
 */
export const Variable = resourceClass(VARIABLE);
/** A declared {@link Variable}, with its outputs. */
export type Variable = InstanceType<typeof Variable>;
