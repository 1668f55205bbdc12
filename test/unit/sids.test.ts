import { sidProblem } from "../../provider/model/sids";

const HEX = "a".repeat(32);
const SERVICE = `a Service SID ("ZS" followed by 32 hex digits)`;

describe("sidProblem", () => {
  test.each([`ZS${HEX}`, "ZS0123456789abcdefABCDEF0123456789"])("accepts %j", (value) => {
    expect(sidProblem("serviceSid", value, "ZS")).toBeUndefined();
  });

  test.each<[string, unknown]>([
    ["undefined", undefined],
    ["null", null],
    ["an empty string", ""],
  ])("says a SID is required for %s", (_what, value) => {
    expect(sidProblem("serviceSid", value, "ZS")).toBe(`serviceSid is required: ${SERVICE}`);
  });

  test.each<[unknown, string]>([
    [42, "number"],
    [true, "boolean"],
    [{ sid: `ZS${HEX}` }, "object"],
  ])("names the type of the non-string %j", (value, type) => {
    expect(sidProblem("serviceSid", value, "ZS")).toBe(`serviceSid must be ${SERVICE}, not a ${type}`);
  });

  test.each([
    ["ZS", "ZH", "a Service SID", "a Function or Asset SID"],
    ["ZH", "ZS", "a Function or Asset SID", "a Service SID"],
    ["ZH", "ZN", "a Function or Asset SID", "a Function Version or Asset Version SID"],
    ["ZN", "ZH", "a Function Version or Asset Version SID", "a Function or Asset SID"],
    ["ZS", "AC", "a Service SID", "an Account SID"],
  ])("a %s where %s is given names the kind it looks like", (wanted, given, wantedKind, givenKind) => {
    expect(sidProblem("sid", `${given}${HEX}`, wanted)).toBe(
      `sid must be ${wantedKind} ("${wanted}" followed by 32 hex digits), but "${given}${HEX}" looks like ${givenKind}`,
    );
  });

  it("names the Function or Asset SID a ZH is, where a ZS is expected", () => {
    expect(sidProblem("serviceSid", `ZH${HEX}`, "ZS")).toContain("looks like a Function or Asset SID");
  });

  test.each([31, 33, 0])("counts %i hex digits", (digits) => {
    const value = `ZS${"b".repeat(digits)}`;
    expect(sidProblem("serviceSid", value, "ZS")).toBe(
      `serviceSid must be ${SERVICE}; "${value}" has ${digits} hex digits instead of 32`,
    );
  });

  it("shortens a long value to 40 characters", () => {
    const value = `ZS${"b".repeat(50)}`;
    expect(sidProblem("serviceSid", value, "ZS")).toBe(
      `serviceSid must be ${SERVICE}; "${value.slice(0, 40)}…" has 50 hex digits instead of 32`,
    );
  });

  test.each([`ZS${"g".repeat(32)}`, `ZS${"a".repeat(31)}-`, `ZS${"a".repeat(31)}Z`])(
    "refuses the non-hex %j",
    (value) => {
      expect(sidProblem("serviceSid", value, "ZS")).toBe(
        `serviceSid must be ${SERVICE}; "${value}" has characters that are not hex digits`,
      );
    },
  );

  test.each(["zs", "Zs", "zS"])("refuses the prefix %j as not uppercase", (prefix) => {
    expect(sidProblem("serviceSid", `${prefix}${HEX}`, "ZS")).toBe(
      `serviceSid must start with uppercase "ZS", got "${prefix}${HEX}"`,
    );
  });

  test.each([
    [` ZS${HEX}`, `" ZS${HEX}"`],
    [`ZS${HEX}\n`, `"ZS${HEX}\\n"`],
    [`\tZS${HEX} `, `"\\tZS${HEX} "`],
  ])("refuses the whitespace around %j", (value, shown) => {
    expect(sidProblem("serviceSid", value, "ZS")).toBe(`serviceSid has leading or trailing whitespace: ${shown}`);
  });

  it("says what prefix is missing from an unrelated value", () => {
    expect(sidProblem("serviceSid", `QQ${HEX}`, "ZS")).toBe(
      `serviceSid must be ${SERVICE}; "QQ${HEX}" does not start with "ZS"`,
    );
    expect(sidProblem("serviceSid", "my-service", "ZS")).toBe(
      `serviceSid must be ${SERVICE}; "my-service" does not start with "ZS"`,
    );
  });

  it("describes an unlisted prefix generically", () => {
    expect(sidProblem("sid", undefined, "XX")).toBe('sid is required: a XX SID ("XX" followed by 32 hex digits)');
  });
});
