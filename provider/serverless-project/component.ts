import * as pulumi from "@pulumi/pulumi";
import { messageOf } from "../pulumi/error-message";
import { knownProperties } from "../pulumi/known-properties";
import { Build } from "../resources/build/resource";
import { Deployment } from "../resources/deployment/resource";
import { Environment } from "../resources/environment/resource";
import { Asset, ServerlessFunction } from "../resources/function-or-asset/resource";
import { AssetVersion, FunctionVersion } from "../resources/versions/resource";
import { Service } from "../resources/service/resource";
import { Variable } from "../resources/variable/resource";
import { SERVERLESS_PROJECT_INPUTS, ServerlessProjectArgs } from "./args";
import type { ProjectEntry } from "./project-files";
import { ProjectPlan, planProject } from "./project-plan";

/** A function of a {@link ServerlessProject}: its Function and the version deployed at its path. */
export interface ServerlessProjectFunction {
  /** The Function, named after the URL path. */
  readonly function: ServerlessFunction;
  /** The version of its code that the project's Build deploys. */
  readonly version: FunctionVersion;
}

/** An asset of a {@link ServerlessProject}: its Asset and the version deployed at its path. */
export interface ServerlessProjectAsset {
  /** The Asset, named after the URL path. */
  readonly asset: Asset;
  /** The version of its bytes that the project's Build deploys. */
  readonly version: AssetVersion;
}

/**
 * A Twilio Serverless Toolkit project, deployed: one Service (unless `serviceSid`), one
 * Environment, a Function and a FunctionVersion per function, an Asset and an AssetVersion per
 * asset, a Build, a Deployment and the Variables. Each file is a resource of its own named after
 * its URL path (`<name>/hello`), so a preview names the files that changed, `pulumi up` uploads
 * only those, and a file removed from the folder has its Function or Asset deleted once the new
 * build is live. Nothing changed, nothing is sent.
 *
 * Its children are properties, for a program to read any output of theirs or to depend on one:
 * `service`, `environment`, `build`, `deployment`, `variables` (by key) and `functions` and
 * `assets` by URL path (`functions["/hello"].version`).
 */
export class ServerlessProject extends pulumi.ComponentResource {
  /** The Service SID (`ZS…`). */
  public readonly serviceSid: pulumi.Output<string>;
  /** The Environment SID (`ZE…`). */
  public readonly environmentSid: pulumi.Output<string>;
  /** The live Build's SID (`ZB…`). */
  public readonly buildSid: pulumi.Output<string>;
  /** The SID (`ZD…`) of the Deployment that made the build live. */
  public readonly deploymentSid: pulumi.Output<string>;
  /** The Environment's domain name, e.g. `my-app-1234.twil.io`. */
  public readonly domainName: pulumi.Output<string>;
  /** `https://` and the domain name. */
  public readonly url: pulumi.Output<string>;
  /** URL path to full URL, for every public and protected function. */
  public readonly functionUrls: pulumi.Output<Record<string, string>>;
  /** URL path to full URL, for every public and protected asset. */
  public readonly assetUrls: pulumi.Output<Record<string, string>>;

  // The children are properties, not registered outputs: each is in the stack already, as a child.
  /** The Service the project created; `undefined` when it deploys into the one `serviceSid` names. */
  public readonly service: Service | undefined;
  /** The Environment it deploys to. */
  public readonly environment: Environment;
  /** The Build of every function and asset version. */
  public readonly build: Build;
  /** The Deployment that makes the Build live in the Environment. */
  public readonly deployment: Deployment;
  /** Each function's Function and FunctionVersion, by URL path: `functions["/hello"]`. */
  public readonly functions: Readonly<Record<string, ServerlessProjectFunction>>;
  /** Each asset's Asset and AssetVersion, by URL path: `assets["/logo.png"]`. */
  public readonly assets: Readonly<Record<string, ServerlessProjectAsset>>;
  /** Each Environment Variable, by key, as deployed (those left out are not here). */
  public readonly variables: Readonly<Record<string, Variable>>;

  /**
   * Reads the project folder and declares its resources. Throws, naming the file or the argument,
   * on a property it does not take (in `environment`, `functions` and `assets` too), a path Twilio
   * refuses, two files at one path, a file of the folder too large to upload, a broken symbolic
   * link, a runtime Twilio does not offer, `ACCOUNT_SID` or `AUTH_TOKEN` among `variables`, or
   * nothing to deploy.
   */
  constructor(name: string, args: ServerlessProjectArgs, opts?: pulumi.ComponentResourceOptions) {
    knownProperties(`ServerlessProject "${name}"`, args, SERVERLESS_PROJECT_INPUTS);
    // Planned before the component registers, so that a refused project declares nothing at all.
    let plan: ProjectPlan;
    try {
      plan = planProject(args, pulumi.getStack());
    } catch (err) {
      throw new Error(`ServerlessProject "${name}": ${messageOf(err)}`);
    }
    super("twilio-serverless:index:ServerlessProject", name, {}, opts);
    // Logged as the engine takes it; nothing waits on a log line.
    for (const line of plan.skipped) void pulumi.log.info(line, this);
    const child = { parent: this };
    // Only a Service this stack created is its alone, so that a leftover of an interrupted create
    // found there can only be its own.
    const exclusiveService = !("sid" in plan.service);

    let service: Service | undefined;
    let serviceSid: pulumi.Output<string>;
    if ("sid" in plan.service) {
      serviceSid = pulumi.output(plan.service.sid);
    } else {
      service = new Service(
        name,
        {
          uniqueName: plan.service.uniqueName,
          friendlyName: args.friendlyName,
          includeCredentials: args.includeCredentials,
          uiEditable: args.uiEditable,
        },
        child,
      );
      serviceSid = service.sid;
    }

    const suffix = plan.environment.domainSuffix;
    const environment = new Environment(
      name,
      {
        serviceSid,
        uniqueName:
          plan.environment.uniqueName ?? pulumi.output(suffix).apply((s) => (s ? `${s}-environment` : "production")),
        domainSuffix: suffix,
        exclusiveService,
      },
      child,
    );

    // The Toolkit names a Function or an Asset after its URL path; so does the resource name.
    const functions = plan.functions.map((entry): [string, ServerlessProjectFunction] => {
      const fn = new ServerlessFunction(
        `${name}${entry.path}`,
        { serviceSid, friendlyName: entry.path, exclusiveService },
        child,
      );
      const { path, visibility, content } = entry;
      const version = new FunctionVersion(
        `${name}${entry.path}`,
        { serviceSid, functionSid: fn.sid, path, visibility, content },
        child,
      );
      return [path, { function: fn, version }];
    });
    const assets = plan.assets.map((entry): [string, ServerlessProjectAsset] => {
      const asset = new Asset(
        `${name}${entry.path}`,
        { serviceSid, friendlyName: entry.path, exclusiveService },
        child,
      );
      const { path, visibility, content } = entry;
      const version = new AssetVersion(
        `${name}${entry.path}`,
        { serviceSid, assetSid: asset.sid, path, visibility, content },
        child,
      );
      return [path, { asset, version }];
    });

    const build = new Build(
      name,
      {
        serviceSid,
        functionVersions: functions.map(([, f]) => f.version.sid),
        assetVersions: assets.map(([, a]) => a.version.sid),
        dependencies: plan.dependencies,
        runtime: args.runtime,
      },
      child,
    );
    const variables = Object.entries(plan.variables).map(([key, value]): [string, Variable] => [
      key,
      new Variable(
        `${name}/${key}`,
        { serviceSid, environmentSid: environment.sid, key, value, exclusiveService },
        child,
      ),
    ]);
    // After the Variables, so that new code never runs without the values it reads.
    const deployment = new Deployment(
      name,
      { serviceSid, environmentSid: environment.sid, buildSid: build.sid },
      { ...child, dependsOn: variables.map(([, variable]) => variable) },
    );

    this.service = service;
    this.environment = environment;
    this.build = build;
    this.deployment = deployment;
    this.functions = Object.fromEntries(functions);
    this.assets = Object.fromEntries(assets);
    this.variables = Object.fromEntries(variables);

    this.serviceSid = serviceSid;
    this.environmentSid = environment.sid;
    this.buildSid = build.sid;
    this.deploymentSid = deployment.sid;
    // Known once the deployment is done, so that a URL is read only when the code behind it is live.
    this.domainName = pulumi.all([environment.domainName, deployment.sid]).apply(([domain]) => domain);
    this.url = pulumi.interpolate`https://${this.domainName}`;
    this.functionUrls = this.domainName.apply((domain) => urlsOf(domain, plan.functions));
    this.assetUrls = this.domainName.apply((domain) => urlsOf(domain, plan.assets));
    this.registerOutputs({
      serviceSid: this.serviceSid,
      environmentSid: this.environmentSid,
      buildSid: this.buildSid,
      deploymentSid: this.deploymentSid,
      domainName: this.domainName,
      url: this.url,
      functionUrls: this.functionUrls,
      assetUrls: this.assetUrls,
    });
  }
}

function urlsOf(domain: string, entries: ProjectEntry<unknown>[]): Record<string, string> {
  return Object.fromEntries(
    entries.filter((e) => e.visibility !== "private").map((e) => [e.path, `https://${domain}${e.path}`]),
  );
}
