import { storedString } from "../../provider/pulumi/stored";
import { toVersionOutputs as toOutputs, versionOutputKeys } from "../../provider/pulumi/version-outputs";

const OUTPUT_KEYS = versionOutputKeys("functionSid");

const version = {
  sid: `ZN${"1".repeat(32)}`,
  accountSid: `AC${"2".repeat(32)}`,
  serviceSid: `ZS${"3".repeat(32)}`,
  functionSid: `ZH${"4".repeat(32)}`,
  path: "/hello",
  visibility: "protected",
  dateCreated: "2026-11-28T00:00:00Z",
  url: "https://serverless.twilio.com/v1/Services/ZS/Functions/ZH/Versions/ZN",
};

describe("FunctionVersion outputs", () => {
  it("are exactly the documented keys, so update keeps every one of them", () => {
    expect(Object.keys(toOutputs(version, "f".repeat(64))).sort()).toEqual([...OUTPUT_KEYS].sort());
  });

  it("read back from state by name", () => {
    const outputs = toOutputs(version, "f".repeat(64));
    for (const key of OUTPUT_KEYS) expect(storedString({ ...outputs }, key, "FunctionVersion")).toBe(outputs[key]);
  });

  it("say what to do when state lacks one", () => {
    expect(() => storedString({ sid: version.sid }, "serviceSid", "FunctionVersion")).toThrow(
      'the stored state of this FunctionVersion has no "serviceSid"; replace it with "pulumi up --replace <urn>"',
    );
  });
});
