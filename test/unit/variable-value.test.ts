import { checkInputs } from "../../provider/pulumi/spec";
import { UNKNOWN } from "../../provider/model/wire";
import { VARIABLE } from "../../provider/model/variable";

describe("a Variable's value at check", () => {
  const context = { programDir: process.cwd() };
  const news = { serviceSid: `ZS${"0".repeat(32)}`, environmentSid: `ZE${"1".repeat(32)}`, key: "GREETING" };
  const failures = (value: unknown) => checkInputs(VARIABLE, { ...news, value }, context).failures;

  it('refuses an empty one, which Twilio answers with "Missing required parameter Value" half-way through an up', () => {
    expect(failures("")).toEqual([
      { property: "value", reason: "value is empty, which Twilio refuses: leave the Variable out instead" },
    ]);
  });

  it("accepts one of a single space, and one not known yet in a preview", () => {
    expect(failures(" ")).toEqual([]);
    expect(failures(UNKNOWN)).toEqual([]);
  });
});
