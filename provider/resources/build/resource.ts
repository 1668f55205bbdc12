import * as pulumi from "@pulumi/pulumi";
import { PropertyNames, knownProperties } from "../../pulumi/known-properties";
import { newerRuntimeWarning } from "../../pulumi/runtimes";
import { ResourceShell } from "../../shell";
import type { BuildDependency, BuildStatus } from "../../twilio/builds";

/** Inputs of a {@link Build}. */
export interface BuildArgs {
  /** The Service SID (`ZS…`). */
  serviceSid: pulumi.Input<string>;
  /** Function Version SIDs (`ZN…`); the order does not matter. */
  functionVersions?: pulumi.Input<pulumi.Input<string>[]>;
  /** Asset Version SIDs (`ZN…`); the order does not matter. At least one version in all is required. */
  assetVersions?: pulumi.Input<pulumi.Input<string>[]>;
  /** npm dependencies: package name to version, e.g. `{ lodash: "^4.17.21" }`. */
  dependencies?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * The Node.js runtime Twilio offers (`node20`, `node22`, `node24`); left out, Twilio chooses (the
   * service's last, or its default). Any other is refused at preview, but a newer Node.js line
   * (`node26`) is sent with a warning, for when Twilio offers it before this package knows it does.
   */
  runtime?: pulumi.Input<string>;
}

const INPUTS: PropertyNames<BuildArgs> = {
  serviceSid: true,
  functionVersions: true,
  assetVersions: true,
  dependencies: true,
  runtime: true,
};

// One provider object for every resource of the kind: Pulumi serializes each provider object once per process.
const shell = new ResourceShell("Build");

/**
 * A Twilio Serverless Build of Function and Asset Versions with npm dependencies. `pulumi up`
 * waits until it has completed (at most `twilio:buildTimeoutSeconds`, 900 by default); a failed
 * build is deleted and reported. Any change makes a new build; Twilio refuses to delete one that
 * is live, which Pulumi's create-before-delete order never asks of it.
 */
export class Build extends pulumi.dynamic.Resource {
  /** The Build SID (`ZB…`), also the resource id. */
  declare public readonly sid: pulumi.Output<string>;
  /** The account that owns it. */
  declare public readonly accountSid: pulumi.Output<string>;
  /** Its Service. */
  declare public readonly serviceSid: pulumi.Output<string>;
  /** Its Function Version SIDs, as given. */
  declare public readonly functionVersions: pulumi.Output<string[]>;
  /** Its Asset Version SIDs, as given. */
  declare public readonly assetVersions: pulumi.Output<string[]>;
  /** Its dependencies, as given. */
  declare public readonly dependencies: pulumi.Output<Record<string, string>>;
  /** Its dependencies as Twilio reports them, with those it adds (`twilio`, `@twilio/runtime-handler`). */
  declare public readonly twilioDependencies: pulumi.Output<BuildDependency[]>;
  /** The runtime it runs on. */
  declare public readonly runtime: pulumi.Output<string>;
  /** `completed` once created; `building` or `failed` after an interrupted wait (see `pulumi refresh`). */
  declare public readonly status: pulumi.Output<BuildStatus>;
  /** When Twilio created it (ISO 8601). */
  declare public readonly dateCreated: pulumi.Output<string>;
  /** When it last changed. */
  declare public readonly dateUpdated: pulumi.Output<string>;
  /** Its API URL. */
  declare public readonly url: pulumi.Output<string>;

  /** Declares a Build; `pulumi up` builds it and waits for it. */
  constructor(name: string, args: BuildArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      ...knownProperties(`Build "${name}"`, args, INPUTS),
      sid: undefined,
      accountSid: undefined,
      twilioDependencies: undefined,
      status: undefined,
      dateCreated: undefined,
      dateUpdated: undefined,
      url: undefined,
    };
    super(shell, name, props, opts, "twilio", "Build");
    // The provider's check can only refuse, and refusing would block a runtime Twilio may offer
    // by now: the warning is given here, where the program has a log, for a runtime known when
    // the program runs (one that is an Output is passed on without it).
    const warning = newerRuntimeWarning(args.runtime);
    if (warning !== undefined) void pulumi.log.warn(warning, this);
  }
}
