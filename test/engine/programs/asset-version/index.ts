// A test program: one Asset Version, from a file when `file` is set, else from the string `text`.
import * as pulumi from "@pulumi/pulumi";
import { AssetVersion } from "pulumi-twilio-serverless";

const config = new pulumi.Config();
const file = config.get("file");

new AssetVersion("style", {
  serviceSid: config.require("serviceSid"),
  assetSid: config.require("assetSid"),
  path: config.require("path"),
  visibility: config.get<"public" | "protected" | "private">("visibility"),
  content: file === undefined ? config.require("text") : new pulumi.asset.FileAsset(file),
});
