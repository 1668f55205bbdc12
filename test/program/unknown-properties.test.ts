import * as pulumi from "@pulumi/pulumi";
import {
  Asset,
  AssetVersion,
  Build,
  Deployment,
  Environment,
  FunctionVersion,
  ServerlessFunction,
  ServerlessProject,
  Service,
  Variable,
} from "../../provider";
import { mockInputs } from "./program-fixture";

const ZS = `ZS${"0".repeat(32)}`;
const ZH = `ZH${"1".repeat(32)}`;
const ZN = `ZN${"2".repeat(32)}`;
const ZE = `ZE${"3".repeat(32)}`;
const ZB = `ZB${"4".repeat(32)}`;
const CODE = "exports.handler = (c, e, cb) => cb(null, 'hi');";

/** `args` with one more property, as a spread object or a JavaScript program passes it. */
function withExtra<T extends object>(args: T, key: string, value: unknown): T {
  return Object.assign({}, args, { [key]: value });
}

describe("a property a resource does not take is refused at construction, before anything is declared", () => {
  const registered: string[] = [];
  beforeAll(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(`${args.type} ${args.name}`);
          return { id: `${args.name}-id`, state: mockInputs(args) };
        },
        call: (args) => mockInputs(args),
      },
      "inputs",
      "dev",
      true,
    );
  });
  beforeEach(() => {
    registered.length = 0;
  });
  afterEach(async () => {
    // Registrations are sent asynchronously: give any that was started the time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(registered).toEqual([]);
  });

  test.each<[string, () => unknown, string]>([
    [
      "FunctionVersion",
      () =>
        new FunctionVersion(
          "hello",
          withExtra({ serviceSid: ZS, functionSid: ZH, path: "/hello", content: CODE }, "visiblity", "public"),
        ),
      'FunctionVersion "hello": unknown property "visiblity" (did you mean "visibility"?); it takes serviceSid, functionSid, path, visibility, content',
    ],
    [
      "AssetVersion",
      () =>
        new AssetVersion(
          "logo",
          withExtra({ serviceSid: ZS, assetSid: ZH, path: "/logo.png", content: "x" }, "Visibility", "private"),
        ),
      'AssetVersion "logo": unknown property "Visibility" (did you mean "visibility"?); it takes serviceSid, assetSid, path, visibility, content',
    ],
    [
      "Service",
      () => new Service("svc", withExtra({ uniqueName: "shop" }, "includeCredential", false)),
      'Service "svc": unknown property "includeCredential" (did you mean "includeCredentials"?); it takes uniqueName, friendlyName, includeCredentials, uiEditable',
    ],
    [
      "Function",
      () => new ServerlessFunction("fn", withExtra({ serviceSid: ZS, friendlyName: "/fn" }, "exclusiveServices", true)),
      'Function "fn": unknown property "exclusiveServices" (did you mean "exclusiveService"?); it takes serviceSid, friendlyName, exclusiveService',
    ],
    [
      "Asset",
      () => new Asset("logo", withExtra({ serviceSid: ZS, friendlyName: "/logo.png" }, "path", "/logo.png")),
      'Asset "logo": unknown property "path"; it takes serviceSid, friendlyName, exclusiveService',
    ],
    [
      "Build",
      () => new Build("build", withExtra({ serviceSid: ZS, functionVersions: [ZN] }, "runtim", "node22")),
      'Build "build": unknown property "runtim" (did you mean "runtime"?); it takes serviceSid, functionVersions, assetVersions, dependencies, runtime',
    ],
    [
      "Environment",
      () => new Environment("env", withExtra({ serviceSid: ZS, uniqueName: "dev" }, "domainsuffix", "dev")),
      'Environment "env": unknown property "domainsuffix" (did you mean "domainSuffix"?); it takes serviceSid, uniqueName, domainSuffix, exclusiveService',
    ],
    [
      "Deployment",
      () => new Deployment("live", withExtra({ serviceSid: ZS, environmentSid: ZE, buildSid: ZB }, "buildSids", [ZB])),
      'Deployment "live": unknown property "buildSids" (did you mean "buildSid"?); it takes serviceSid, environmentSid, buildSid, isPlugin',
    ],
    [
      "Variable",
      () =>
        new Variable(
          "greeting",
          withExtra({ serviceSid: ZS, environmentSid: ZE, key: "A", value: "1" }, "secret", true),
        ),
      'Variable "greeting": unknown property "secret"; it takes serviceSid, environmentSid, key, value, exclusiveService',
    ],
    [
      "ServerlessProject",
      () =>
        new ServerlessProject(
          "app",
          withExtra({ uniqueName: "shop", functions: [{ path: "/x", content: CODE }] }, "enviroment", {
            domainSuffix: "dev",
          }),
        ),
      'ServerlessProject "app": unknown property "enviroment" (did you mean "environment"?); it takes directory, ' +
        "functionsFolder, assetsFolder, functions, assets, serviceSid, uniqueName, friendlyName, includeCredentials, uiEditable, environment, " +
        "runtime, dependencies, variables, envFile",
    ],
  ])("%s", (_kind, construct, message) => {
    expect(construct).toThrow(new Error(message));
  });

  it("names every unknown property at once", () => {
    const args = withExtra(
      withExtra({ serviceSid: ZS, environmentSid: ZE, buildSid: ZB }, "colour", 1),
      "serviceSID",
      ZS,
    );
    expect(() => new Deployment("live", args)).toThrow(
      'Deployment "live": unknown property "colour", unknown property "serviceSID" (did you mean "serviceSid"?); ' +
        "it takes serviceSid, environmentSid, buildSid, isPlugin",
    );
  });

  describe("ServerlessProject checks what it nests too", () => {
    const base = { uniqueName: "shop", functions: [{ path: "/x", content: CODE }] };
    test.each<[string, () => unknown, string]>([
      [
        "environment",
        () => new ServerlessProject("app", { ...base, environment: withExtra({}, "domainSufix", "dev") }),
        'environment: unknown property "domainSufix" (did you mean "domainSuffix"?); it takes uniqueName, domainSuffix',
      ],
      [
        "a function",
        () =>
          new ServerlessProject("app", {
            ...base,
            functions: [
              { path: "/a", content: CODE },
              withExtra({ path: "/b", content: CODE }, "visiblity", "private"),
            ],
          }),
        'functions[1]: unknown property "visiblity" (did you mean "visibility"?); it takes path, content, visibility',
      ],
      [
        "an asset",
        () =>
          new ServerlessProject("app", {
            ...base,
            assets: [withExtra({ path: "/a.txt", content: "a" }, "contents", "b")],
          }),
        'assets[0]: unknown property "contents" (did you mean "content"?); it takes path, content, visibility',
      ],
      [
        "an environment that is not an object",
        () => new ServerlessProject("app", withExtra(base, "environment", "dev")),
        "environment must be an object of uniqueName, domainSuffix",
      ],
      [
        "functions that are not a list",
        () => new ServerlessProject("app", withExtra(base, "functions", { path: "/x", content: CODE })),
        "functions must be a list of { path, content, visibility? }",
      ],
      [
        "a function that is not an object",
        () => new ServerlessProject("app", withExtra(base, "functions", ["functions/x.js"])),
        "functions[0] must be an object of path, content, visibility",
      ],
    ])("%s", (_what, construct, message) => {
      expect(construct).toThrow(new Error(`ServerlessProject "app": ${message}`));
    });
  });
});
