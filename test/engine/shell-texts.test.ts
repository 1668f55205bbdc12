import { execFile } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { promisify } from "util";
import { REPO } from "./fixture";

const DIST = path.join(REPO, "dist", "provider");

// A program under mocks, in a process of its own, run on the built package. It declares one
// resource of every class the package exports, counting the SDK's closure serializer's calls, then
// asks `pulumi.dynamic.Resource` itself for the resource of each kind of the runtime with the built
// shell, which is what the classes registered before the texts were written at build time.
const PROGRAM = `
const path = require("path");
const pulumi = require("@pulumi/pulumi");
const closure = require("@pulumi/pulumi/runtime/closure/serializeClosure");
const dist = ${JSON.stringify(DIST)};
let calls = 0;
const counted = (serialize) => (...args) => { calls += 1; return serialize(...args); };
closure.serializeFunction = counted(closure.serializeFunction);
pulumi.runtime.serializeFunction = counted(pulumi.runtime.serializeFunction);
const registered = {};
pulumi.runtime.setMocks({
  newResource: (a) => { registered[a.name] = { type: a.type, provider: a.inputs.__provider }; return { id: a.name + "-id", state: a.inputs }; },
  call: (a) => a.inputs,
}, "p", "dev", false);
const pkg = require(path.join(dist, "index.js"));
const classes = Object.entries(pkg).filter(([, value]) => typeof value === "function" && value.prototype instanceof pulumi.CustomResource);
for (const [name, Class] of classes) new Class("class-" + name, {});
const whileDeclaring = calls;
const { ResourceShell } = require(path.join(dist, "shell.js"));
const kinds = Object.keys(require(path.join(dist, "runtime.js")).resources);
for (const kind of kinds) new pulumi.dynamic.Resource(new ResourceShell(kind), "sdk-" + kind, {}, undefined, "twilio", kind);
process.on("exit", () => {
  console.log(JSON.stringify({ classes: classes.map(([name]) => name), kinds, whileDeclaring, registered }));
});
`;

interface Registration {
  type: string;
  provider: string;
}

interface Report {
  classes: string[];
  kinds: string[];
  whileDeclaring: number;
  registered: Record<string, Registration>;
}

function isReport(value: unknown): value is Report {
  return typeof value === "object" && value !== null && "registered" in value && "kinds" in value;
}

describe("the __provider texts written when the package is built", () => {
  let report: Report;
  let texts: Record<string, string>;

  beforeAll(async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", PROGRAM], { cwd: REPO });
    const parsed: unknown = JSON.parse(stdout);
    if (!isReport(parsed)) throw new Error(`the program reported ${stdout}`);
    report = parsed;
    const file: unknown = JSON.parse(fs.readFileSync(path.join(DIST, "shell-texts.json"), "utf8"));
    if (typeof file !== "object" || file === null) throw new Error("shell-texts.json is not an object");
    texts = Object.fromEntries(Object.entries(file).map(([kind, text]) => [kind, String(text)]));
  });

  it("are one per kind the runtime serves, in its order", () => {
    expect(report.kinds.length).toBeGreaterThanOrEqual(9);
    expect(Object.keys(texts)).toEqual(report.kinds);
  });

  // The mocks see a secret input wrapped: equal to the plain text, the SDK's is not secret either.
  it("are, kind by kind, what pulumi.dynamic.Resource serializes for the built shell, under the same type", () => {
    for (const kind of report.kinds) {
      expect({ kind, ...report.registered[`sdk-${kind}`] }).toEqual({
        kind,
        type: `pulumi-nodejs:dynamic/twilio:${kind}`,
        provider: texts[kind],
      });
    }
  });

  it("are what every resource class registers, without running the SDK's closure serializer", () => {
    expect(report.classes).toEqual(expect.arrayContaining(["Service", "ServerlessFunction", "FunctionVersion"]));
    for (const name of report.classes) {
      const { type, provider } = report.registered[`class-${name}`];
      const kind = type.slice("pulumi-nodejs:dynamic/twilio:".length);
      expect({ name, type, provider }).toEqual({
        name,
        type: `pulumi-nodejs:dynamic/twilio:${kind}`,
        provider: texts[kind],
      });
    }
    expect(report.whileDeclaring).toBe(0);
  });

  // A copy of the built package whose texts file is `texts` (none when undefined) declares a Service.
  async function declareServiceWith(texts: Record<string, string> | undefined): Promise<unknown> {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "texts-"));
    try {
      fs.cpSync(DIST, path.join(tmp, "provider"), { recursive: true });
      const file = path.join(tmp, "provider", "shell-texts.json");
      if (texts === undefined) fs.rmSync(file);
      else fs.writeFileSync(file, JSON.stringify(texts));
      const program = `
        const pulumi = require("@pulumi/pulumi");
        pulumi.runtime.setMocks({ newResource: (a) => ({ id: "x", state: a.inputs }), call: (a) => a.inputs }, "p", "dev", false);
        const pkg = require(${JSON.stringify(path.join(tmp, "provider", "index.js"))});
        new pkg.Service("s", { uniqueName: "shop" });
      `;
      // The copy resolves the SDK from this repository's dependencies.
      const env = { ...process.env, NODE_PATH: path.join(REPO, "node_modules") };
      return await promisify(execFile)(process.execPath, ["-e", program], { cwd: REPO, env }).catch(
        (err: unknown) => err,
      );
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }

  it("missing from a build, fail the declaration of a resource with the step that writes them", async () => {
    expect(await declareServiceWith(undefined)).toMatchObject({
      stderr: expect.stringMatching(
        /cannot read .*shell-texts\.json \(build pulumi-twilio-serverless with npm run build\)/,
      ),
    });
    const others = Object.fromEntries(Object.entries(texts).filter(([kind]) => kind !== "Service"));
    expect(await declareServiceWith(others)).toMatchObject({
      stderr: expect.stringContaining("shell-texts.json has no text for Service: build pulumi-twilio-serverless"),
    });
    expect(await declareServiceWith(texts)).toMatchObject({ stderr: "" });
  });
});
