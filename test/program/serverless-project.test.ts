import * as pulumi from "@pulumi/pulumi";
import fs from "fs";
import os from "os";
import path from "path";
import {
  AssetFile,
  Build,
  Deployment,
  Environment,
  FunctionFile,
  ServerlessProject,
  Service,
  Variable,
} from "../../provider";
import { PropertyBag } from "../../provider/model/wire";
import { mockInputs, resolve } from "./program-fixture";
import { writeFiles } from "../files";

const ZS = `ZS${"0".repeat(32)}`;
const ZN = `ZN${"2".repeat(32)}`;
const CODE = "exports.handler = (c, e, cb) => cb(null, 'hi');";
const functions = [{ path: "/hello", content: CODE }];

/** A resource as the program registered it. */
interface Registration {
  type: string;
  name: string;
  inputs: PropertyBag;
}

let registered: Registration[] = [];
/**
 * Runs what follows as a program of `stack`, in a preview when `preview` is set; registrations are
 * recorded. The previous program's calls are let finish first: a component's outputs are
 * registered after its children, and a new mock monitor would not know it.
 */
async function runAs(stack: string, preview = false): Promise<void> {
  await pulumi.runtime.disconnect();
  registered = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const inputs = mockInputs(args);
        registered.push({ type: args.type.split(":").pop() ?? args.type, name: args.name, inputs });
        return { id: `${args.name}-id`, state: inputs };
      },
      call: (args) => mockInputs(args),
    },
    "project",
    stack,
    preview,
  );
}
const inputsOf = (type: string): PropertyBag[] => registered.filter((r) => r.type === type).map((r) => r.inputs);
/** Waits until every resource of the project is registered: the Deployment comes after all the rest. */
const declared = async (app: ServerlessProject): Promise<void> => {
  await resolve(app.deploymentSid);
};

let dir: string;
let logs: { info: string[]; warn: string[] };
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "project-"));
  logs = { info: [], warn: [] };
  jest.spyOn(pulumi.log, "info").mockImplementation((message) => {
    logs.info.push(message);
    return Promise.resolve();
  });
  jest.spyOn(pulumi.log, "warn").mockImplementation((message) => {
    logs.warn.push(message);
    return Promise.resolve();
  });
});
afterEach(() => {
  jest.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});
const write = (files: Record<string, string>): void => {
  writeFiles(dir, files);
};

describe("the default Service unique name", () => {
  it("is package.json's name and the stack's, as the preview shows it, so that two stacks never collide", async () => {
    write({ "package.json": JSON.stringify({ name: "shop" }), "functions/hello.js": CODE });
    for (const stack of ["dev", "staging"]) {
      await runAs(stack, true);
      await declared(new ServerlessProject("app", { directory: dir }));
      expect(inputsOf("Service")).toEqual([expect.objectContaining({ uniqueName: `shop-${stack}` })]);
    }
  });

  it("maps a stack name's other characters and fits Twilio's 50 characters", async () => {
    write({
      "package.json": JSON.stringify({ name: "a-rather-long-package-name-for-a-shop-app" }),
      "functions/x.js": CODE,
    });
    await runAs("eu_west.prod");
    await declared(new ServerlessProject("app", { directory: dir }));
    const [service] = inputsOf("Service");
    expect(service.uniqueName).toMatch(/^a-rather-long-package-name-f-eu-west-prod-[0-9a-f]{8}$/);
    expect(String(service.uniqueName)).toHaveLength(50);
  });

  it("refuses a package.json name that cannot start a Service name, before anything is declared", async () => {
    write({ "package.json": JSON.stringify({ name: "@acme/shop" }), "functions/x.js": CODE });
    await runAs("dev");
    expect(() => new ServerlessProject("app", { directory: dir })).toThrow(
      'ServerlessProject "app": package.json name "@acme/shop" cannot be a Service unique name (letters, digits and dashes only); set uniqueName',
    );
    await pulumi.runtime.disconnect();
    expect(registered).toEqual([]);
  });

  it("is the uniqueName given, whatever the stack", async () => {
    write({ "package.json": JSON.stringify({ name: "shop" }), "functions/x.js": CODE });
    await runAs("staging");
    await declared(new ServerlessProject("app", { directory: dir, uniqueName: "pinned" }));
    expect(inputsOf("Service")).toEqual([expect.objectContaining({ uniqueName: "pinned" })]);
  });
});

describe("the children, exposed as properties", () => {
  const args = { functions, assets: [{ path: "/a.txt", content: "a" }], variables: { A: "1" } };

  it("are each resource the project declared, files keyed by URL path and variables by key", async () => {
    await runAs("dev");
    const app = new ServerlessProject("app", { ...args, uniqueName: "shop" });
    await declared(app);
    expect(app.service).toBeInstanceOf(Service);
    expect(app.environment).toBeInstanceOf(Environment);
    expect(app.build).toBeInstanceOf(Build);
    expect(app.deployment).toBeInstanceOf(Deployment);
    expect(Object.keys(app.functions)).toEqual(["/hello"]);
    expect(app.functions["/hello"]).toBeInstanceOf(FunctionFile);
    expect(Object.keys(app.assets)).toEqual(["/a.txt"]);
    expect(app.assets["/a.txt"]).toBeInstanceOf(AssetFile);
    expect(Object.keys(app.variables)).toEqual(["A"]);
    expect(app.variables.A).toBeInstanceOf(Variable);
    // The same resources as registered, by name: one per file.
    const urn = (resource: pulumi.Resource): Promise<string> => resolve(resource.urn);
    expect(await urn(app.functions["/hello"])).toMatch(/\$pulumi-nodejs:dynamic\/twilio:FunctionFile::app\/hello$/);
    expect(await urn(app.assets["/a.txt"])).toMatch(/\$pulumi-nodejs:dynamic\/twilio:AssetFile::app\/a\.txt$/);
    expect(await resolve(app.deployment.id)).toBe("app-id");
    expect(await resolve(app.variables.A.id)).toBe("app/A-id");
  });

  it("have no Service when the project deploys into one it was given", async () => {
    await runAs("dev");
    const app = new ServerlessProject("app", { ...args, serviceSid: ZS });
    await declared(app);
    expect(app.service).toBeUndefined();
    expect(await resolve(app.serviceSid)).toBe(ZS);
    expect(app.functions["/hello"]).toBeInstanceOf(FunctionFile);
  });
});

describe("serviceSid or the created Service's name and settings", () => {
  test.each<[string, () => ServerlessProject, string]>([
    [
      "uniqueName",
      // @ts-expect-error the type refuses both; JavaScript programs get the error
      () => new ServerlessProject("app", { functions, serviceSid: ZS, uniqueName: "shop" }),
      "give serviceSid (an existing Service) or uniqueName (a new one), not both",
    ],
    [
      "the created Service's settings",
      // @ts-expect-error the type refuses them; JavaScript programs get the error
      () => new ServerlessProject("app", { functions, serviceSid: ZS, friendlyName: "Shop", uiEditable: true }),
      "friendlyName, uiEditable set up a Service the project creates; leave them out with serviceSid",
    ],
    [
      "includeCredentials",
      // @ts-expect-error the type refuses it; JavaScript programs get the error
      () => new ServerlessProject("app", { functions, serviceSid: ZS, includeCredentials: false }),
      "includeCredentials set up a Service the project creates; leave them out with serviceSid",
    ],
  ])("with serviceSid, %s is refused before anything is declared", async (_what, construct, message) => {
    await runAs("dev");
    expect(construct).toThrow(new Error(`ServerlessProject "app": ${message}`));
    await pulumi.runtime.disconnect();
    expect(registered).toEqual([]);
  });
});

describe("exclusiveService on the file, Environment and Variable children", () => {
  const kinds = ["FunctionFile", "AssetFile", "Environment", "Variable"];
  const args = { functions, assets: [{ path: "/a.txt", content: "a" }], variables: { A: "1" } };

  it("is true when the project creates its Service", async () => {
    await runAs("dev");
    await declared(new ServerlessProject("app", { ...args, uniqueName: "shop" }));
    for (const kind of kinds) expect(inputsOf(kind)).toEqual([expect.objectContaining({ exclusiveService: true })]);
  });

  it("is false when the project deploys into a Service it was given", async () => {
    await runAs("dev");
    await declared(new ServerlessProject("app", { ...args, serviceSid: ZS }));
    expect(inputsOf("Service")).toEqual([]);
    for (const kind of kinds) expect(inputsOf(kind)).toEqual([expect.objectContaining({ exclusiveService: false })]);
  });
});

describe("variables the Toolkit would not send", () => {
  const keys = (): unknown[] => inputsOf("Variable").map((v) => v.key);

  it("leaves empty values and credentials out of envFile, and empty values out of variables, one log line each", async () => {
    write({ ".env": "A=1\nEMPTY=\nACCOUNT_SID=ACxxxx\nAUTH_TOKEN=secret-token\nB=2\nC=3\n" });
    await runAs("dev");
    const app = new ServerlessProject("app", {
      uniqueName: "shop",
      functions,
      envFile: path.join(dir, ".env"),
      variables: { D: "", B: "", C: "three" },
    });
    await declared(app);
    expect(keys()).toEqual(["A", "C"]);
    // The program's value, still a secret.
    expect(inputsOf("Variable")[1].value).toMatchObject({ value: "three" });
    expect(logs.info).toEqual([
      "envFile: EMPTY skipped: its value is empty, which Twilio refuses",
      "envFile: ACCOUNT_SID skipped: functions read the account's own as context.ACCOUNT_SID when includeCredentials is on (the default)",
      "envFile: AUTH_TOKEN skipped: functions read the account's own as context.AUTH_TOKEN when includeCredentials is on (the default)",
      "variables: D skipped: its value is empty, which Twilio refuses",
      "variables: B skipped: its value is empty, which Twilio refuses",
    ]);
    expect(logs.info.join("\n")).not.toContain("secret-token");
  });

  test.each(["ACCOUNT_SID", "AUTH_TOKEN"])("refuses %s in variables at construction, with the reason", async (key) => {
    await runAs("dev");
    expect(() => new ServerlessProject("app", { uniqueName: "shop", functions, variables: { [key]: "x" } })).toThrow(
      new Error(
        `ServerlessProject "app": variables: ${key} cannot be a Variable: functions read the account's own as ` +
          `context.${key} when includeCredentials is on (the default)`,
      ),
    );
  });

  it("passes a value that is an Output, which the Variable's check judges once known", async () => {
    await runAs("dev");
    await declared(
      new ServerlessProject("app", { uniqueName: "shop", functions, variables: { A: pulumi.output("") } }),
    );
    expect(keys()).toEqual(["A"]);
  });
});

describe("the runtime", () => {
  test.each([
    ["node14", "is not offered by Twilio (retired, or never offered)"],
    ["node99", "is not a Node.js line Twilio offers"],
    ["python3", "is not a Twilio runtime"],
  ])("refuses %s at construction, naming those offered, before anything is declared", async (runtime, why) => {
    await runAs("dev");
    expect(() => new ServerlessProject("app", { uniqueName: "shop", functions, runtime })).toThrow(
      new Error(`ServerlessProject "app": runtime "${runtime}" ${why}; Twilio offers node20, node22, node24`),
    );
    await pulumi.runtime.disconnect();
    expect(registered).toEqual([]);
  });

  it("passes one offered, and one that is an Output, to the Build without a warning", async () => {
    await runAs("dev");
    await declared(new ServerlessProject("app", { uniqueName: "shop", functions, runtime: "node24" }));
    await declared(
      new ServerlessProject("other", { uniqueName: "other", functions, runtime: pulumi.output("node14") }),
    );
    expect(inputsOf("Build").map((b) => b.runtime)).toEqual(["node24", "node14"]);
    expect(logs.warn).toEqual([]);
  });

  it("passes a newer Node.js line to the Build, which warns once", async () => {
    await runAs("dev");
    await declared(new ServerlessProject("app", { uniqueName: "shop", functions, runtime: "node26" }));
    expect(inputsOf("Build").map((b) => b.runtime)).toEqual(["node26"]);
    expect(logs.warn).toEqual([expect.stringMatching(/^runtime "node26" is newer than those this package knows/)]);
  });
});

describe("a Build's runtime, where the program runs", () => {
  it("warns of a newer Node.js line, on the Build, and of no other", async () => {
    await runAs("dev");
    const warn = jest.mocked(pulumi.log.warn);
    const newer = new Build("newer", { serviceSid: ZS, functionVersions: [ZN], runtime: "node28" });
    new Build("offered", { serviceSid: ZS, functionVersions: [ZN], runtime: "node22" });
    new Build("chosen", { serviceSid: ZS, functionVersions: [ZN] });
    await resolve(newer.urn);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(
      'runtime "node28" is newer than those this package knows Twilio offers (node20, node22, node24); it is sent ' +
        'as it is, and Twilio refuses the build (82007 "Unsupported Runtime"), after the uploads, if it does not offer it.',
      newer,
    );
  });
});
