import { Claims, Dated, OwnershipRule, judge } from "../../provider/pulumi/create-once";
import { TwilioClock } from "../../provider/twilio/clock";
import { createdKind } from "../../provider/twilio/errors";

interface Named extends Dated {
  name: string;
}

const SENT = Date.parse("2026-12-07T10:00:00.400Z");
let n = 0;
const made = (name: string, at: string): Named => ({
  sid: `ZH${String(++n).padStart(32, "0")}`,
  name,
  dateCreated: at,
});

const rule = (overrides: Partial<OwnershipRule<Named>> = {}): OwnershipRule<Named> => ({
  exclusive: false,
  sentAtTwilio: SENT,
  matches: (c) => c.name === "/hello",
  isClaimed: () => false,
  ...overrides,
});

describe("the ownership rules of a create", () => {
  describe("in a Service shared with other deployers", () => {
    it("takes the one object of exactly that identity Twilio dated since the request was sent", () => {
      const mine = made("/hello", "2026-12-07T10:00:01Z");
      const verdict = judge([made("/other", "2026-12-07T10:00:01Z"), mine], rule());
      expect(verdict).toEqual({ own: mine, suspects: [] });
    });

    it("counts the second the request was sent in, and the one before it for the clock estimate", () => {
      const sameSecond = made("/hello", "2026-12-07T10:00:00Z");
      expect(judge([sameSecond], rule()).own).toBe(sameSecond);
      const secondBefore = made("/hello", "2026-12-07T09:59:59Z");
      expect(judge([secondBefore], rule()).own).toBe(secondBefore);
    });

    it("never takes another deployer's object made before the request, however recent", () => {
      const theirs = made("/hello", "2026-12-07T09:59:58Z");
      expect(judge([theirs], rule())).toEqual({ own: undefined, suspects: [] });
      // A five-minute window would have taken it.
      expect(judge([made("/hello", "2026-12-07T09:56:00Z")], rule()).own).toBeUndefined();
    });

    it("takes nothing when two objects fit, and names both as possible orphans", () => {
      const a = made("/hello", "2026-12-07T10:00:01Z");
      const b = made("/hello", "2026-12-07T10:00:02Z");
      const verdict = judge([a, b], rule());
      expect(verdict.own).toBeUndefined();
      expect(verdict.suspects.map((s) => s.sid).sort()).toEqual([a.sid, b.sid].sort());
    });

    it("takes nothing when Twilio's clock is unknown", () => {
      expect(judge([made("/hello", "2026-12-07T10:00:01Z")], rule({ sentAtTwilio: undefined })).own).toBeUndefined();
    });

    it("never takes an object another resource of this process owns", () => {
      const claimed = made("/hello", "2026-12-07T10:00:01Z");
      const verdict = judge([claimed], rule({ isClaimed: (sid) => sid === claimed.sid }));
      expect(verdict.own).toBeUndefined();
    });
  });

  describe("in a Service only this stack deploys to", () => {
    it("takes an object of exactly that identity whenever it was made, the newest first", () => {
      const old = made("/hello", "2026-12-07T08:00:00Z");
      const older = made("/hello", "2026-12-07T07:00:00Z");
      const verdict = judge([older, old, made("/hell", "2026-12-07T10:00:01Z")], rule({ exclusive: true }));
      expect(verdict.own).toBe(old);
    });

    it("takes nothing of another identity", () => {
      expect(judge([made("/hello2", "2026-12-07T10:00:01Z")], rule({ exclusive: true })).own).toBeUndefined();
    });
  });
});

describe("Claims", () => {
  it("keeps what this process made apart from what it took", () => {
    const claims = new Claims();
    claims.claim("ZSmade", true);
    claims.claim("ZStaken", false);
    expect([claims.isClaimed("ZSmade"), claims.isFresh("ZSmade")]).toEqual([true, true]);
    expect([claims.isClaimed("ZStaken"), claims.isFresh("ZStaken")]).toEqual([true, false]);
    expect(claims.isClaimed("ZSother")).toBe(false);
  });
});

describe("TwilioClock", () => {
  it("reads Twilio's time from a Date header, whatever the local clock says", () => {
    let local = 1_000_000;
    const clock = new TwilioClock(() => local);
    expect(clock.at(local)).toBeUndefined();
    clock.observe("Mon, 07 Dec 2026 10:00:00 GMT");
    const twilioNow = Date.parse("2026-12-07T10:00:00.500Z");
    expect(clock.at(local)).toBe(twilioNow);
    local += 2_000;
    expect(clock.at(local - 2_000)).toBe(twilioNow);
    expect(clock.at(local)).toBe(twilioNow + 2_000);
  });

  it("ignores a missing or malformed header", () => {
    const clock = new TwilioClock(() => 0);
    clock.observe(undefined);
    clock.observe("yesterday-ish");
    expect(clock.at(0)).toBeUndefined();
  });
});

describe("createdKind", () => {
  it.each([
    ["/v1/Services", "Service"],
    ["/v1/Services/ZS1/Functions", "Function"],
    ["/v1/Services/ZS1/Assets", "Asset"],
    ["/v1/Services/ZS1/Functions/ZH1/Versions", "Function Version"],
    ["/v1/Services/ZS1/Assets/ZH1/Versions", "Asset Version"],
    ["/v1/Services/ZS1/Builds", "Build"],
    ["/v1/Services/ZS1/Environments", "Environment"],
    ["/v1/Services/ZS1/Environments/ZE1/Deployments", "Deployment"],
    ["/v1/Services/ZS1/Environments/ZE1/Variables", "Variable"],
  ])("names what a create at %s makes", (path, kind) => {
    expect(createdKind(path)).toBe(kind);
  });
});
