import { closestName, knownProperties, unknownPropertiesProblem } from "../../provider/pulumi/known-properties";
import { BUILD as BUILD_SPEC } from "../../provider/model/build";
import { checkInputs } from "../../provider/pulumi/spec";

const VERSION = ["serviceSid", "functionSid", "path", "visibility", "content"];

describe("closestName: the known name a slip stands for", () => {
  test.each([
    ["visiblity", VERSION, "visibility"],
    ["visibilty", VERSION, "visibility"],
    ["Path", VERSION, "path"],
    ["ptah", VERSION, "path"],
    ["SERVICESID", VERSION, "serviceSid"],
    ["servicesid", VERSION, "serviceSid"],
    ["enviroment", ["environment", "envFile"], "environment"],
    ["domainSufix", ["uniqueName", "domainSuffix"], "domainSuffix"],
    ["exclusiveServices", ["serviceSid", "friendlyName", "exclusiveService"], "exclusiveService"],
  ])("%s → %s", (name, known, expected) => {
    expect(closestName(name, known)).toBe(expected);
  });

  test.each([
    ["friendlyName", VERSION],
    ["colour", VERSION],
    ["val", ["key", "value"]],
    ["sid", ["key", "value"]],
  ])("%s: none close enough", (name, known) => {
    expect(closestName(name, known)).toBeUndefined();
  });

  it("takes the nearest, and the first listed on a tie", () => {
    expect(closestName("pathh", ["paths", "path"])).toBe("paths");
    expect(closestName("abcd", ["abce", "abcf"])).toBe("abce");
    expect(closestName("abcde", ["abxyz", "abcdx"])).toBe("abcdx");
  });
});

describe("unknownPropertiesProblem / knownProperties", () => {
  it("names every unknown property, each with its suggestion, then what the object takes", () => {
    expect(unknownPropertiesProblem({ path: "/x", visiblity: "public", colour: 1 }, VERSION)).toBe(
      'unknown property "visiblity" (did you mean "visibility"?), unknown property "colour"; ' +
        "it takes serviceSid, functionSid, path, visibility, content",
    );
    expect(unknownPropertiesProblem({ path: "/x" }, VERSION)).toBeUndefined();
  });

  it("counts a property given as undefined: its name is still a slip", () => {
    expect(unknownPropertiesProblem({ visiblity: undefined }, VERSION)).toMatch(/^unknown property "visiblity"/);
  });

  it("returns the object itself when every property is known, and throws naming where otherwise", () => {
    const names = { alpha: true, beta: true } as const;
    const args: { alpha?: number; beta?: number } = { alpha: 1 };
    expect(knownProperties('Thing "t"', args, names)).toBe(args);
    const misspelt: { alpha?: number; beta?: number } = Object.assign({ alpha: 1 }, { btea: 2 });
    expect(() => knownProperties('Thing "t"', misspelt, names)).toThrow(
      'Thing "t": unknown property "btea" (did you mean "beta"?); it takes alpha, beta',
    );
  });
});

describe("checkInputs names the property an unknown one probably meant", () => {
  it("says so for a misspelt input, and not for one of another resource", () => {
    const context = { programDir: process.cwd() };
    const news = { serviceSid: `ZS${"0".repeat(32)}`, functionVersions: [`ZN${"1".repeat(32)}`] };
    expect(checkInputs(BUILD_SPEC, { ...news, runtme: "node22" }, context).failures).toEqual([
      {
        property: "runtme",
        reason:
          'unknown property "runtme" (did you mean "runtime"?); Build takes serviceSid, functionVersions, assetVersions, dependencies, runtime',
      },
    ]);
    expect(checkInputs(BUILD_SPEC, { ...news, friendlyName: "x" }, context).failures).toEqual([
      {
        property: "friendlyName",
        reason:
          'unknown property "friendlyName"; Build takes serviceSid, functionVersions, assetVersions, dependencies, runtime',
      },
    ]);
  });
});
