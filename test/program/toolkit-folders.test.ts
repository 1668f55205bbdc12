import * as pulumi from "@pulumi/pulumi";
import fs from "fs";
import os from "os";
import path from "path";
import { ServerlessProject } from "../../provider";
import { PropertyBag } from "../../provider/model/wire";
import { mockInputs, resolve } from "./program-fixture";
import { writeFiles } from "../files";

let registered: { type: string; inputs: PropertyBag }[] = [];
/** Runs what follows as a program of the stack `dev`, its registrations recorded. */
async function run(): Promise<void> {
  await pulumi.runtime.disconnect();
  registered = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const inputs = mockInputs(args);
        registered.push({ type: args.type.split(":").pop() ?? args.type, inputs });
        return { id: `${args.name}-id`, state: inputs };
      },
      call: (args) => mockInputs(args),
    },
    "project",
    "dev",
    false,
  );
}
const versions = (type: string): unknown[][] =>
  registered.filter((r) => r.type === type).map((r) => [r.inputs.path, r.inputs.visibility]);

let dir: string;
let logs: string[];
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "project-folders-"));
  logs = [];
  jest.spyOn(pulumi.log, "info").mockImplementation((message) => {
    logs.push(message);
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

describe("ServerlessProject with functionsFolder and assetsFolder", () => {
  it("deploys the built folders, hidden assets included, and logs each file left out", async () => {
    write({
      "package.json": JSON.stringify({ name: "built" }),
      "src/functions/hello.ts": "export {}",
      "dist/functions/hello.js": "exports.handler = (c, e, cb) => cb(null, 'hi');",
      "dist/functions/hello.js.map": "{}",
      "dist/assets/.well-known/assetlinks.json": "[]",
      "dist/assets/.env": "SECRET=1",
      "dist/assets/logo.private.svg": "<svg/>",
    });
    await run();
    const app = new ServerlessProject("app", {
      directory: dir,
      functionsFolder: "dist/functions",
      assetsFolder: "dist/assets",
    });
    await resolve(app.deploymentSid);
    expect(versions("FunctionFile")).toEqual([["/hello", "public"]]);
    expect(versions("AssetFile")).toEqual([
      ["/.well-known/assetlinks.json", "public"],
      ["/logo.svg", "private"],
    ]);
    expect(logs).toEqual([
      "dist/functions/hello.js.map skipped: only .js files are functions",
      "dist/assets/.env skipped: a .env file may hold secrets (name it as envFile to deploy its values as Variables)",
    ]);
  });

  it("refuses a folder that is not there before anything is declared, naming it", async () => {
    write({ "package.json": JSON.stringify({ name: "built" }), "functions/hello.js": "x" });
    await run();
    expect(() => new ServerlessProject("app", { directory: dir, functionsFolder: "dist/functions" })).toThrow(
      `ServerlessProject "app": functionsFolder "dist/functions": ${path.join(dir, "dist", "functions")} does not exist or is not a folder`,
    );
    await pulumi.runtime.disconnect();
    expect(registered).toEqual([]);
  });
});
