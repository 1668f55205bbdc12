import { LifecycleContext } from "../../provider/pulumi/lifecycle";
import { storedString } from "../../provider/pulumi/stored";
import { toVersionOutputs, versionOutputKeys } from "../../provider/pulumi/version-outputs";
import { FunctionVersionLifecycle } from "../../provider/resources/function-version/lifecycle";
import { decodeFunctionVersion } from "../../provider/twilio/function-versions";

/** Twilio's answer to an upload, every field its API reference lists. */
const ANSWER = {
  sid: `ZN${"1".repeat(32)}`,
  account_sid: `AC${"2".repeat(32)}`,
  service_sid: `ZS${"3".repeat(32)}`,
  function_sid: `ZH${"4".repeat(32)}`,
  path: "/hello",
  visibility: "protected",
  date_created: "2026-11-28T00:00:00Z",
  url: `https://serverless.twilio.com/v1/Services/ZS${"3".repeat(32)}/Functions/ZH${"4".repeat(32)}/Versions/ZN${"1".repeat(32)}`,
};

/** A context whose config cannot be read: a method that would connect to Twilio fails instead. */
const OFFLINE: LifecycleContext = {
  config: () => {
    throw new Error("this call must make no request");
  },
  log: () => undefined,
  programDir: () => process.cwd(),
};

describe("FunctionVersion outputs", () => {
  const outputs = toVersionOutputs(decodeFunctionVersion(ANSWER), "f".repeat(64));

  it("are the documented keys: every field decoded from Twilio's answer, and the content hash", () => {
    expect(Object.keys(outputs).sort()).toEqual([...versionOutputKeys("functionSid")].sort());
  });

  it("all come through an update, which makes no request when state holds every one", async () => {
    const lifecycle = new FunctionVersionLifecycle(OFFLINE);
    await expect(lifecycle.update(outputs.sid, { ...outputs })).resolves.toEqual({ outs: outputs });
  });

  it("read back from state by name", () => {
    for (const key of versionOutputKeys("functionSid")) {
      expect(storedString({ ...outputs }, key, "FunctionVersion")).toBe(outputs[key]);
    }
  });

  it("say what to do when state lacks one", () => {
    expect(() => storedString({ sid: outputs.sid }, "serviceSid", "FunctionVersion")).toThrow(
      'the stored state of this FunctionVersion has no "serviceSid"; replace it with "pulumi up --replace <urn>"',
    );
  });
});
