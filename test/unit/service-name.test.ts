import { defaultServiceName } from "../../provider/serverless-project/service-name";

const TWILIO_RULE = /^[A-Za-z0-9-]{1,50}$/;

describe("defaultServiceName: <package name>-<stack>, within Twilio's rule", () => {
  it("is the package name and the stack name when they fit", () => {
    expect(defaultServiceName("shop", "dev")).toBe("shop-dev");
    expect(defaultServiceName("shop", "staging")).toBe("shop-staging");
    expect(defaultServiceName("a".repeat(46), "dev")).toBe(`${"a".repeat(46)}-dev`);
  });

  it("shortens the package part of a name over 50 characters, keeping it apart with a hash of the full name", () => {
    const long = "a".repeat(47);
    const name = defaultServiceName(long, "dev");
    expect(name).toMatch(TWILIO_RULE);
    expect(name).toMatch(/^a+-dev-[0-9a-f]{8}$/);
    expect(name).toHaveLength(50);
    // Two long names that share their start do not collide.
    expect(defaultServiceName(`${long}x`, "dev")).not.toBe(defaultServiceName(`${long}y`, "dev"));
    expect(defaultServiceName(long, "dev")).toBe(name);
  });

  it("maps a stack name's other characters to dashes, deterministically and without collisions", () => {
    const dotted = defaultServiceName("shop", "eu.prod");
    const underscored = defaultServiceName("shop", "eu_prod");
    expect(dotted).toMatch(/^shop-eu-prod-[0-9a-f]{8}$/);
    expect(underscored).toMatch(/^shop-eu-prod-[0-9a-f]{8}$/);
    expect(dotted).not.toBe(underscored);
    expect(defaultServiceName("shop", "eu-prod")).toBe("shop-eu-prod");
    expect(defaultServiceName("shop", "eu.prod")).toBe(dotted);
  });

  it("keeps at most 20 characters of a long stack name and the rest for the package", () => {
    const name = defaultServiceName("shop", `feature-${"x".repeat(80)}`);
    expect(name).toMatch(TWILIO_RULE);
    expect(name).toMatch(/^shop-feature-x{12}-[0-9a-f]{8}$/);
    const both = defaultServiceName("p".repeat(50), "s".repeat(100));
    expect(both).toMatch(TWILIO_RULE);
    expect(both).toMatch(/^p{20}-s{20}-[0-9a-f]{8}$/);
  });
});
