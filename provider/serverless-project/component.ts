import * as pulumi from "@pulumi/pulumi";
import { messageOf } from "../pulumi/error-message";
import { knownProperties } from "../pulumi/known-properties";
import { Build } from "../resources/build/resource";
import { Deployment } from "../resources/deployment/resource";
import { Environment } from "../resources/environment/resource";
import { AssetFile, FunctionFile, FunctionFileArgs } from "../resources/files/resource";
import { Service } from "../resources/service/resource";
import { Variable } from "../resources/variable/resource";
import { SERVERLESS_PROJECT_INPUTS, ServerlessContent, ServerlessProjectArgs } from "./args";
import type { ProjectEntry } from "./project-files";
import { ProjectPlan, planProject } from "./project-plan";

/**
 * A Twilio Serverless Toolkit project, deployed: one Service (unless `serviceSid`), one
 * Environment, a {@link FunctionFile} per function (its Function and the version of its code), an
 * {@link AssetFile} per asset, a Build, a Deployment and the Variables. Each file is one resource
 * named after its URL path (`<name>/hello`), so a preview names the files that changed and what
 * changed in them, `pulumi up` uploads only those (a new version of the same Function), and a file
 * removed from the folder has its Function or Asset deleted once the new build is live. Nothing
 * changed, nothing is sent.
 *
 * Its children are properties, for a program to read any output of theirs or to depend on one:
 * `service`, `environment`, `build`, `deployment`, `variables` (by key) and `functions` and
 * `assets` by URL path (`functions["/hello"].versionSid`).
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
  /** Each function, by URL path: `functions["/hello"]`. */
  public readonly functions: Readonly<Record<string, FunctionFile>>;
  /** Each asset, by URL path: `assets["/logo.png"]`. */
  public readonly assets: Readonly<Record<string, AssetFile>>;
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

    // The Toolkit names a Function or an Asset after its URL path; so does the resource name. The
    // alias keeps the Function (or Asset) of a stack deployed when each file was a Function and a
    // FunctionVersion: the file takes it over and uploads a new version, where a new Function at
    // the same path would be made, and the old one, serving the live build, deleted.
    const files = <R>(
      entries: ProjectEntry<ServerlessContent>[],
      Kind: new (name: string, args: FunctionFileArgs, opts: pulumi.CustomResourceOptions) => R,
      former: "Function" | "Asset",
    ): [string, R][] =>
      entries.map(({ path, visibility, content }) => [
        path,
        new Kind(
          `${name}${path}`,
          { serviceSid, path, visibility, content, exclusiveService },
          { ...child, aliases: [{ type: `pulumi-nodejs:dynamic/twilio:${former}` }] },
        ),
      ]);
    const functions = files(plan.functions, FunctionFile, "Function");
    const assets = files(plan.assets, AssetFile, "Asset");

    const build = new Build(
      name,
      {
        serviceSid,
        functionVersions: functions.map(([, file]) => file.versionSid),
        assetVersions: assets.map(([, file]) => file.versionSid),
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
