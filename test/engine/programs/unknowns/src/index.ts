// A test program: the second version's path and content are taken from the first one's outputs,
// which a preview does not know yet whenever the first is created or replaced.
import * as pulumi from "@pulumi/pulumi";
import { FunctionVersion } from "pulumi-twilio-serverless";

const config = new pulumi.Config();
const ref = { serviceSid: config.require("serviceSid"), functionSid: config.require("functionSid") };

const first = new FunctionVersion("first", {
  ...ref,
  path: "/first",
  content: new pulumi.asset.FileAsset(config.require("file")),
});

new FunctionVersion("second", {
  ...ref,
  path: first.sid.apply((sid) => `/after-${sid.slice(-8)}`),
  content: pulumi.interpolate`exports.handler = (c, e, cb) => cb(null, "${first.contentHash}");`,
});
