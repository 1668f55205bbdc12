import fs from "fs";
import os from "os";
import path from "path";
import { Stack, sha256, startStack } from "./fixture";
import { ProviderProcess } from "./provider-process";
import { makeUserProject } from "./user-project";

const PROGRAM = [
  'import * as pulumi from "@pulumi/pulumi";',
  'import { FunctionVersion } from "pulumi-twilio-serverless";',
  "const config = new pulumi.Config();",
  'new FunctionVersion("hi", {',
  '  serviceSid: config.require("serviceSid"),',
  '  functionSid: config.require("functionSid"),',
  '  path: "hi",',
  '  content: new pulumi.asset.FileAsset("functions/hi.js"),',
  "});",
].join("\n");

describe("a user project with the package installed", () => {
  let project: string;
  let stack: Stack;

  beforeAll(async () => {
    project = makeUserProject({
      "index.ts": PROGRAM,
      "functions/hi.js": "exports.handler = (c, e, cb) => cb(null, 'hi');",
    });
    stack = await startStack({ cwd: project });
  });
  afterAll(async () => {
    await stack.stop();
    fs.rmSync(project, { recursive: true, force: true });
  });

  it("runs the whole lifecycle with the provider loaded from the project's node_modules", async () => {
    const program = await stack.capture(".");
    expect((await stack.engine.up(program)).map((s) => s.op)).toEqual(["create"]);
    expect(stack.engine.state[0].outputs).toMatchObject({
      path: "/hi",
      contentHash: sha256(fs.readFileSync(path.join(project, "functions", "hi.js"))),
    });
    expect((await stack.engine.preview(program)).map((s) => s.op)).toEqual(["same"]);
    expect((await stack.engine.refresh()).map((s) => s.op)).toEqual(["refresh"]);
    expect((await stack.engine.destroy()).map((s) => s.op)).toEqual(["delete"]);
  });
});

describe("a project without the package installed", () => {
  it("fails with Node's message naming the missing package", async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "no-package-"));
    const stack = await startStack();
    const elsewhere = await ProviderProcess.start({ cwd: project, project: "p" });
    try {
      const [resource] = await stack.capture("examples/function-from-file");
      await expect(elsewhere.check("urn:x", {}, { __provider: resource.inputs.__provider })).rejects.toMatchObject({
        details: expect.stringContaining("Cannot find module 'pulumi-twilio-serverless/runtime'"),
      });
    } finally {
      await elsewhere.stop();
      await stack.stop();
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});
