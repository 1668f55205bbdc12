import * as pulumi from "@pulumi/pulumi";
import { PropertyNames, knownProperties } from "../../pulumi/known-properties";
import { ResourceShell } from "../../shell";

/** Inputs of a {@link Variable}. */
export interface VariableArgs {
  /** The Service SID (`ZS…`). */
  serviceSid: pulumi.Input<string>;
  /** The Environment SID (`ZE…`). */
  environmentSid: pulumi.Input<string>;
  /** Its name in `context`, 1 to 128 characters. */
  key: pulumi.Input<string>;
  /** Its value, at most 450 bytes; stored as a secret. */
  value: pulumi.Input<string>;
  /**
   * True when nothing but this stack deploys into the Service (a Service this stack created): an
   * object with exactly the identity asked for that an interrupted create left behind is then taken
   * as this stack's own instead of making a second one. Left out (false), only an object proven to
   * be this request's own is taken, as a Service shared with twilio-run or another stack needs.
   */
  exclusiveService?: pulumi.Input<boolean>;
}

const INPUTS: PropertyNames<VariableArgs> = {
  serviceSid: true,
  environmentSid: true,
  key: true,
  value: true,
  exclusiveService: true,
};

// One provider object for every resource of the kind: Pulumi serializes each provider object once per process.
const shell = new ResourceShell("Variable");

/**
 * A Twilio Serverless Environment Variable, read by functions as `context[key]`. A new key or
 * value changes it in place, and functions see it without a new deployment. The value is a secret
 * in state and outputs, and never appears in a log or an error.
 */
export class Variable extends pulumi.dynamic.Resource {
  /** The Variable SID (`ZV…`), also the resource id. */
  declare public readonly sid: pulumi.Output<string>;
  /** The account that owns it. */
  declare public readonly accountSid: pulumi.Output<string>;
  /** Its Service. */
  declare public readonly serviceSid: pulumi.Output<string>;
  /** Its Environment. */
  declare public readonly environmentSid: pulumi.Output<string>;
  /** Its key. */
  declare public readonly key: pulumi.Output<string>;
  /** Its value (a secret). */
  declare public readonly value: pulumi.Output<string>;
  /** When Twilio created it (ISO 8601). */
  declare public readonly dateCreated: pulumi.Output<string>;
  /** When it last changed. */
  declare public readonly dateUpdated: pulumi.Output<string>;
  /** Its API URL. */
  declare public readonly url: pulumi.Output<string>;

  /** Declares a Variable; `pulumi up` sets it. */
  constructor(name: string, args: VariableArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      ...knownProperties(`Variable "${name}"`, args, INPUTS),
      value: pulumi.secret(args.value),
      sid: undefined,
      accountSid: undefined,
      dateCreated: undefined,
      dateUpdated: undefined,
      url: undefined,
    };
    const secretValue = { additionalSecretOutputs: ["value"] };
    super(shell, name, props, pulumi.mergeOptions(opts, secretValue), "twilio", "Variable");
  }
}
