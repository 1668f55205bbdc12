// A test program: a ServerlessProject of the Toolkit folder `directory`, options from stack config.
import * as pulumi from "@pulumi/pulumi";
import { ServerlessProject, type ServerlessProjectArgs } from "pulumi-twilio-serverless";

const config = new pulumi.Config();

// Every property as the config gives it, serviceSid with uniqueName too, as a JavaScript program
// may pass them: the type refuses that pair, the component's check is what the tests see.
const args = {
  directory: config.get("directory"),
  functionsFolder: config.get("functionsFolder"),
  assetsFolder: config.get("assetsFolder"),
  functions: config.getObject("functions"),
  serviceSid: config.get("existingServiceSid"),
  uniqueName: config.get("uniqueName"),
  environment: { domainSuffix: config.get("domainSuffix") },
  variables: config.getObject("variables"),
  envFile: config.get("envFile"),
  friendlyName: config.get("friendlyName"),
  includeCredentials: config.getBoolean("includeCredentials"),
  runtime: config.get("runtime"),
  dependencies: config.getObject("dependencies"),
};
const app = new ServerlessProject("app", args as ServerlessProjectArgs);

export const url = app.url;
export const functionUrls = app.functionUrls;
export const assetUrls = app.assetUrls;
export const sids = { build: app.buildSid, deployment: app.deploymentSid, environment: app.environmentSid };
