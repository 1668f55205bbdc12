// A test program: the Toolkit folder `directory` (functions/hello.js and assets/style.css) as
// `ServerlessProject` deploys it (`layout: files`), or with the children it declared when each file
// was a Function (or Asset) and a version of its own (`layout: versions`), under the same names.
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import {
  Asset,
  AssetVersion,
  Build,
  Deployment,
  Environment,
  FunctionVersion,
  ServerlessFunction,
  ServerlessProject,
  Service,
} from "pulumi-twilio-serverless";

const config = new pulumi.Config();
const directory = config.require("directory");
const uniqueName = config.require("uniqueName");

class FormerProject extends pulumi.ComponentResource {
  readonly url: pulumi.Output<string>;
  constructor(name: string) {
    super("twilio-serverless:index:ServerlessProject", name, {});
    const child = { parent: this };
    const service = new Service(name, { uniqueName }, child);
    const serviceSid = service.sid;
    const exclusiveService = true;
    const environment = new Environment(name, { serviceSid, uniqueName: "production", exclusiveService }, child);
    const fn = new ServerlessFunction(`${name}/hello`, { serviceSid, friendlyName: "/hello", exclusiveService }, child);
    const fnVersion = new FunctionVersion(
      `${name}/hello`,
      {
        serviceSid,
        functionSid: fn.sid,
        path: "/hello",
        visibility: "public",
        content: new pulumi.asset.FileAsset(path.join(directory, "functions", "hello.js")),
      },
      child,
    );
    const asset = new Asset(`${name}/style.css`, { serviceSid, friendlyName: "/style.css", exclusiveService }, child);
    const assetVersion = new AssetVersion(
      `${name}/style.css`,
      {
        serviceSid,
        assetSid: asset.sid,
        path: "/style.css",
        visibility: "public",
        content: new pulumi.asset.FileAsset(path.join(directory, "assets", "style.css")),
      },
      child,
    );
    const build = new Build(
      name,
      { serviceSid, functionVersions: [fnVersion.sid], assetVersions: [assetVersion.sid], dependencies: {} },
      child,
    );
    const deployment = new Deployment(
      name,
      { serviceSid, environmentSid: environment.sid, buildSid: build.sid },
      child,
    );
    this.url = pulumi.interpolate`https://${environment.domainName}${deployment.sid.apply(() => "")}`;
  }
}

const app =
  config.require("layout") === "versions"
    ? new FormerProject("app")
    : new ServerlessProject("app", { directory, uniqueName, dependencies: {} });

export const url = app.url;
