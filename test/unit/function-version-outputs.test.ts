import { storedString } from "../../provider/pulumi/stored";
import { LifecycleContext } from "../../provider/pulumi/lifecycle";
import { ASSET_VERSIONS, FUNCTION_VERSIONS } from "../../provider/resources/versions/kinds";
import { VersionLifecycle } from "../../provider/resources/versions/lifecycle";

const context: LifecycleContext = {
  config: () => () => undefined,
  log: () => undefined,
  programDir: () => ".",
};

const outputs = {
  sid: `ZN${"1".repeat(32)}`,
  accountSid: `AC${"2".repeat(32)}`,
  serviceSid: `ZS${"3".repeat(32)}`,
  functionSid: `ZH${"4".repeat(32)}`,
  path: "/hello",
  visibility: "protected",
  dateCreated: "2026-11-28T00:00:00Z",
  url: "https://serverless.twilio.com/v1/Services/ZS/Functions/ZH/Versions/ZN",
  contentHash: "f".repeat(64),
};

describe("FunctionVersion outputs", () => {
  it("are kept by an update, every one and nothing else: no content, no provider", async () => {
    const lifecycle = new VersionLifecycle(FUNCTION_VERSIONS, context);
    const olds = { ...outputs, content: "exports.handler = () => {};", __provider: "opaque" };
    await expect(lifecycle.update(outputs.sid, olds)).resolves.toEqual({ outs: outputs });
  });

  it("name the Asset's SID on an Asset Version", async () => {
    const { functionSid, ...rest } = outputs;
    const lifecycle = new VersionLifecycle(ASSET_VERSIONS, context);
    await expect(lifecycle.update(rest.sid, { ...rest, assetSid: functionSid })).resolves.toEqual({
      outs: { ...rest, assetSid: functionSid },
    });
  });

  it("say what to do when state lacks one", () => {
    expect(() => storedString({ sid: outputs.sid }, "serviceSid", "FunctionVersion")).toThrow(
      'the stored state of this FunctionVersion has no "serviceSid"; replace it with "pulumi up --replace <urn>"',
    );
  });
});
