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
  // Relative to the Pulumi project directory (where Pulumi.yaml is). Editing the file and running
  // `pulumi up` uploads a new version: versions are immutable, so the change is a replacement.
  content: new pulumi.asset.FileAsset("examples/function-from-file/hello.js"),
});

export const versionSid = hello.sid;
export const path = hello.path;
export const contentHash = hello.contentHash;
