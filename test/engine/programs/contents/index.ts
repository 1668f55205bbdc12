// A test program: the same function declared with each kind of content the resource accepts.
import * as pulumi from "@pulumi/pulumi";
import { FunctionVersion } from "pulumi-twilio-serverless";

const config = new pulumi.Config();
const common = {
  serviceSid: config.require("serviceSid"),
  functionSid: config.require("functionSid"),
  path: config.get("path") ?? "hello",
  visibility: config.get<"public" | "protected" | "private">("visibility"),
};

new FunctionVersion("from-file", { ...common, content: new pulumi.asset.FileAsset(config.require("file")) });
new FunctionVersion("from-string-asset", { ...common, content: new pulumi.asset.StringAsset(config.require("text")) });
new FunctionVersion("from-string", { ...common, content: config.require("text") });
