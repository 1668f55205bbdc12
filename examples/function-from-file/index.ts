import * as pulumi from "@pulumi/pulumi";
import { FunctionVersion } from "pulumi-twilio-serverless";

// The Service and Function this version belongs to, from stack config:
//   pulumi config set serviceSid ZS...
//   pulumi config set functionSid ZH...
const config = new pulumi.Config();

const hello = new FunctionVersion("hello", {
  serviceSid: config.require("serviceSid"),
  functionSid: config.require("functionSid"),
  path: "/hello",
  visibility: "public",
  // Relative to the program directory: this folder, since Pulumi.yaml names it as `main` and the
  // engine runs the program and the provider there. Editing the file and running `pulumi up`
  // uploads a new version: versions are immutable, so the change is a replacement.
  content: new pulumi.asset.FileAsset("hello.js"),
});

export const versionSid = hello.sid;
export const path = hello.path;
export const contentHash = hello.contentHash;
