// The hand-written baseline's program: the same function as test/engine/programs/contents, once
// from a FileAsset and once from a StringAsset, through the hand-written provider.
import * as pulumi from "@pulumi/pulumi";
import { handWrittenProvider } from "./provider";

class HandWrittenVersion extends pulumi.dynamic.Resource {
  constructor(name: string, content: pulumi.asset.Asset) {
    const config = new pulumi.Config();
    const props = {
      serviceSid: config.require("serviceSid"),
      functionSid: config.require("functionSid"),
      path: config.require("path"),
      visibility: config.require("visibility"),
      content,
      sid: undefined,
    };
    super(handWrittenProvider, name, props, undefined, "bench", "HandWrittenVersion");
  }
}

const config = new pulumi.Config();
new HandWrittenVersion("from-file", new pulumi.asset.FileAsset(config.require("file")));
new HandWrittenVersion("from-string-asset", new pulumi.asset.StringAsset(config.require("text")));
