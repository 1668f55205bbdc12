import { expectedBuildMs } from "../../provider/resources/build/prediction";
import { Build, BuildStatus } from "../../provider/twilio/builds";

const TWILIO = [
  { name: "twilio", version: "5.x" },
  { name: "@twilio/runtime-handler", version: "2.x" },
];

let n = 0;

/** A past build of the Service, made at `startS` and last updated `seconds` later (whole seconds, as Twilio dates). */
function past(seconds: number, changes: Partial<Build> & { status?: BuildStatus } = {}, startS = 0): Build {
  n++;
  const at = (s: number): string =>
    new Date(Date.UTC(2026, 0, 1, 12, 0, 0) + s * 1000).toISOString().replace(".000", "");
  return {
    sid: `ZB${String(n).padStart(32, "0")}`,
    accountSid: `AC${"0".repeat(32)}`,
    serviceSid: `ZS${"0".repeat(32)}`,
    functionVersions: [`ZN${"1".repeat(32)}`],
    assetVersions: [],
    twilioDependencies: [{ name: "lodash", version: "^4.17.21" }, ...TWILIO],
    runtime: "node22",
    status: "completed",
    dateCreated: at(startS),
    dateUpdated: at(startS + seconds),
    url: "https://serverless.twilio.com/v1/Services/ZS/Builds/ZB",
    ...changes,
  };
}

/** The new build: same recipe as `past` builds unless changed. */
const NEW = past(0, { status: "building" });

describe("a build's expected duration", () => {
  it("is unknown without a completed build of the same recipe", () => {
    expect(expectedBuildMs(NEW, [])).toBeUndefined();
    expect(
      expectedBuildMs(NEW, [
        past(12, { status: "failed" }),
        past(0, { status: "building" }),
        past(12, { runtime: "node20" }),
        past(12, { twilioDependencies: TWILIO }),
        past(12, { twilioDependencies: [{ name: "lodash", version: "^4.17.20" }, ...TWILIO] }),
      ]),
    ).toBeUndefined();
  });

  it("is the mean of the whole-second durations of the same recipe's builds, whatever the order of their dependencies", () => {
    const reordered = [...TWILIO, { name: "lodash", version: "^4.17.21" }];
    // A build of 12.4 s reads as 12 s or 13 s, as the second it started in falls.
    const durations = [12, 13, 12, 12, 13];
    const recent = durations.map((s, i) => past(s, i === 1 ? { twilioDependencies: reordered } : {}, i * 60));
    expect(expectedBuildMs(NEW, [...recent, past(40, { runtime: "node20" })])).toBeCloseTo(12_400);
  });

  it("leaves out builds more than two seconds from the median", () => {
    expect(expectedBuildMs(NEW, [past(15), past(16), past(15), past(60), past(1)])).toBeCloseTo(15_333.33, 1);
    expect(expectedBuildMs(NEW, [past(15), past(17), past(13)])).toBe(15_000);
  });

  it("ignores dates it cannot read and durations below zero", () => {
    expect(expectedBuildMs(NEW, [past(2), past(3, { dateUpdated: "soon" }), past(-1)])).toBe(2_000);
    expect(expectedBuildMs(NEW, [past(3, { dateUpdated: "soon" })])).toBeUndefined();
    expect(expectedBuildMs(NEW, [past(-1)])).toBeUndefined();
  });
});
