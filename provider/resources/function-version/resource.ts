import * as pulumi from "@pulumi/pulumi";
import { PropertyNames, knownProperties } from "../../pulumi/known-properties";
import { VersionContentArgs, VersionResource } from "../version-resource";

/** Inputs of a {@link FunctionVersion}: the function's source and where it is served. */
export interface FunctionVersionArgs extends VersionContentArgs {
  /** The Function SID (`ZH` + 32 hex digits). */
  functionSid: pulumi.Input<string>;
}

const INPUTS: PropertyNames<FunctionVersionArgs> = {
  serviceSid: true,
  functionSid: true,
  path: true,
  visibility: true,
  content: true,
};

/**
 * A version of a Twilio Function's code, uploaded to `serverless-upload.twilio.com`.
 * Versions are immutable: changing `content`, `path`, `visibility`, `serviceSid` or `functionSid`
 * uploads a new version (a replacement). Destroying it only removes it from the stack, since
 * Twilio has no delete for versions and purges those no Build uses.
 */
export class FunctionVersion extends VersionResource {
  /** The Function SID. */
  declare public readonly functionSid: pulumi.Output<string>;

  /** Declares a Function Version; `pulumi up` uploads it. */
  constructor(name: string, args: FunctionVersionArgs, opts?: pulumi.CustomResourceOptions) {
    super("FunctionVersion", name, knownProperties(`FunctionVersion "${name}"`, args, INPUTS), opts);
  }
}
