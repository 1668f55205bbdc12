import { execFile } from "child_process";
import path from "path";
import util from "util";
import { isBag } from "../../provider/model/wire";
import type { FailureSummary } from "./plain-node-failures";
import { CREDENTIAL_KINDS } from "./setup";

const SCRIPT = path.join(__dirname, "plain-node-failures.ts");
const REPO = path.resolve(__dirname, "..", "..");

function isSummary(value: unknown): value is FailureSummary {
  return (
    isBag(value) &&
    typeof value.kind === "string" &&
    typeof value.fault === "string" &&
    typeof value.isTwilioApiError === "boolean" &&
    Array.isArray(value.leaks) &&
    (value.cause === undefined || isBag(value.cause))
  );
}

// Under jest, errors made by Node core and axios belong to another realm than the client's code,
// so a check that depends on the realm takes another branch here than in production. The client
// runs in a plain node process instead, and what it made of each failure is checked here.
describe("failing requests in a plain node process, as in production", () => {
  let coreErrorsAreErrors: unknown;
  let failures: FailureSummary[];

  beforeAll(async () => {
    const { stdout } = await util.promisify(execFile)(process.execPath, ["--import", "tsx", SCRIPT], {
      cwd: REPO,
      timeout: 60_000,
    });
    const parsed: unknown = JSON.parse(stdout);
    const list: unknown = isBag(parsed) ? parsed.failures : undefined;
    if (!isBag(parsed) || !Array.isArray(list) || !list.every(isSummary))
      throw new Error(`unexpected report: ${stdout}`);
    coreErrorsAreErrors = parsed.coreErrorsAreErrors;
    failures = list;
  });

  const failure = (kind: string, fault: string): FailureSummary => {
    const found = failures.find((f) => f.kind === kind && f.fault === fault);
    if (found === undefined) throw new Error(`no ${fault} failure with an ${kind} in the report`);
    return found;
  };

  it("runs where Node core's errors are instances of Error, unlike under jest", () => {
    expect(coreErrorsAreErrors).toBe(true);
    expect(failures).toHaveLength(8);
  });

  describe.each(CREDENTIAL_KINDS)("with an %s", (kind) => {
    it("reports an error body echoing the credentials as a TwilioApiError, redacted", () => {
      const summary = failure(kind, "body");
      expect(summary).toMatchObject({
        isTwilioApiError: true,
        name: "TwilioApiError",
        status: 401,
        code: 20500,
        moreInfo: "https://www.twilio.com/docs/errors/20500#[REDACTED]",
        leaks: [],
      });
      expect(summary.detail).toMatch(
        /^Authorization: Basic \[REDACTED\]; credentials: \[REDACTED\]:\[REDACTED\]; password: \[REDACTED\]; account: /,
      );
      expect(summary.cause).toBeUndefined();
    });

    // The bytes the server sent (`rawPacket`), the request config and the answer stay behind.
    test.each([
      ["network", "HPE_INVALID_CONSTANT", expect.stringMatching(/^Parse Error: /)],
      ["aborted", "ERR_BAD_RESPONSE", "stream has been aborted"],
      ["timeout", "ECONNABORTED", "timed out: timeout of 200ms exceeded"],
    ])("keeps only the text and code of what failed underneath (%s), as a native error", (fault, code, message) => {
      const summary = failure(kind, fault);
      expect(summary).toMatchObject({ isTwilioApiError: true, name: "TwilioApiError", leaks: [] });
      expect(summary.status).toBeUndefined();
      expect(summary.cause).toMatchObject({ name: "Error", code, message, isNativeError: true });
      expect(summary.cause?.ownKeys.filter((key) => !["code", "message", "name", "stack"].includes(key))).toEqual([]);
      expect(summary.detail).toBe(summary.cause?.message);
    });
  });
});
