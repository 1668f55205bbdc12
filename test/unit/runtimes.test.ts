import { TWILIO_RUNTIMES, newerRuntimeWarning, runtimeProblem } from "../../provider/model/runtimes";
import { BUILD as BUILD_SPEC } from "../../provider/model/build";
import { checkInputs } from "../../provider/pulumi/spec";
import { UNKNOWN } from "../../provider/model/wire";

const OFFERED = "Twilio offers node20, node22, node24";

describe("the runtimes Twilio offers", () => {
  it("are node20, node22 and node24", () => {
    expect(TWILIO_RUNTIMES).toEqual(["node20", "node22", "node24"]);
    for (const runtime of TWILIO_RUNTIMES) {
      expect(runtimeProblem(runtime)).toBeUndefined();
      expect(newerRuntimeWarning(runtime)).toBeUndefined();
    }
  });

  test.each([
    ["node14", `runtime "node14" is not offered by Twilio (retired, or never offered); ${OFFERED}`],
    ["node18", `runtime "node18" is not offered by Twilio (retired, or never offered); ${OFFERED}`],
    ["node21", `runtime "node21" is not offered by Twilio (retired, or never offered); ${OFFERED}`],
    ["node99", `runtime "node99" is not a Node.js line Twilio offers; ${OFFERED}`],
    ["node25", `runtime "node25" is not a Node.js line Twilio offers; ${OFFERED}`],
    ["node32", `runtime "node32" is not a Node.js line Twilio offers; ${OFFERED}`],
    ["node100", `runtime "node100" is not a Node.js line Twilio offers; ${OFFERED}`],
    ["python3", `runtime "python3" is not a Twilio runtime; ${OFFERED}`],
    ["Node22", `runtime "Node22" is not a Twilio runtime; ${OFFERED}`],
    ["22", `runtime "22" is not a Twilio runtime; ${OFFERED}`],
  ])("refuses %s, naming those offered", (runtime, reason) => {
    expect(runtimeProblem(runtime)).toBe(reason);
    expect(newerRuntimeWarning(runtime)).toBeUndefined();
  });

  it("refuses a runtime that is not a string", () => {
    expect(runtimeProblem(22)).toBe('runtime must be a Twilio runtime such as "node22", got 22');
    expect(newerRuntimeWarning(22)).toBeUndefined();
  });

  test.each(["node26", "node28", "node30"])("lets %s, a newer even Node.js line, through with a warning", (runtime) => {
    expect(runtimeProblem(runtime)).toBeUndefined();
    expect(newerRuntimeWarning(runtime)).toBe(
      `runtime "${runtime}" is newer than those this package knows Twilio offers (node20, node22, node24); it is ` +
        'sent as it is, and Twilio refuses the build (82007 "Unsupported Runtime"), after the uploads, if it does not offer it.',
    );
  });
});

describe("a Build's runtime at check", () => {
  const context = { programDir: process.cwd() };
  const news = { serviceSid: `ZS${"0".repeat(32)}`, functionVersions: [`ZN${"1".repeat(32)}`] };

  it("refuses one Twilio does not offer, naming those it does", () => {
    expect(checkInputs(BUILD_SPEC, { ...news, runtime: "node14" }, context).failures).toEqual([
      {
        property: "runtime",
        reason: `runtime "node14" is not offered by Twilio (retired, or never offered); ${OFFERED}`,
      },
    ]);
  });

  it("accepts one offered, a newer line, one left out, and one unknown in a preview", () => {
    for (const runtime of ["node22", "node26", undefined, null, UNKNOWN]) {
      expect(checkInputs(BUILD_SPEC, { ...news, runtime }, context).failures).toEqual([]);
    }
  });
});
