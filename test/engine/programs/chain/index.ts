// A test program: every resource of the deploy chain, each taking the SIDs of those before it.
import * as pulumi from "@pulumi/pulumi";
import {
  Asset,
  Build,
  Deployment,
  Environment,
  FunctionVersion,
  ServerlessFunction,
  Service,
  Variable,
} from "pulumi-twilio-serverless";

const config = new pulumi.Config();

const service = new Service("service", { uniqueName: config.require("uniqueName") });
const hello = new ServerlessFunction("hello", { serviceSid: service.sid, friendlyName: "hello" });
const helloVersion = new FunctionVersion("hello-version", {
  serviceSid: service.sid,
  functionSid: hello.sid,
  path: "/hello",
  visibility: "public",
  content: new pulumi.asset.FileAsset(config.require("file")),
});
// An asset slot, for the files a later build may serve.
new Asset("logo", { serviceSid: service.sid, friendlyName: "logo" });
const build = new Build("build", {
  serviceSid: service.sid,
  functionVersions: [helloVersion.sid],
  dependencies: { lodash: "^4.17.21" },
});
const environment = new Environment("environment", {
  serviceSid: service.sid,
  uniqueName: config.get("environment") ?? "dev",
  domainSuffix: "dev",
});
new Deployment("deployment", { serviceSid: service.sid, environmentSid: environment.sid, buildSid: build.sid });
new Variable("greeting", {
  serviceSid: service.sid,
  environmentSid: environment.sid,
  key: "GREETING",
  value: config.require("greeting"),
});

export const url = environment.url;
