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

describe("a project whose installed runtime has another contract version", () => {
  /** A project whose node_modules holds a stand-in runtime declaring `api`, whose check passes. */
  function projectWithRuntime(api: number): string {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "runtime-api-"));
    const pkg = path.join(project, "node_modules", "pulumi-twilio-serverless");
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(
      path.join(pkg, "package.json"),
      JSON.stringify({ name: "pulumi-twilio-serverless", exports: { "./runtime": "./runtime.js" } }),
    );
    fs.writeFileSync(
      path.join(pkg, "runtime.js"),
      `exports.RUNTIME_API = ${api};\n` +
        "exports.configure = async () => {};\n" +
        "exports.functionVersion = { check: async (olds, news) => ({ inputs: news, failures: [] }) };\n",
    );
    return project;
  }

  test.each([
    [0, "rejects", "upgrade pulumi-twilio-serverless in"],
    [2, "accepts", undefined],
  ] as const)("with API %i, the stored shell %s it", async (api, _verb, message) => {
    const project = projectWithRuntime(api);
    const stack = await startStack();
    const plugin = await ProviderProcess.start({ cwd: project, project: "p" });
    try {
      const [resource] = await stack.capture("examples/function-from-file");
      const checking = plugin.check("urn:x", {}, { __provider: resource.inputs.__provider });
      if (message === undefined) await expect(checking).resolves.toMatchObject({ failures: [] });
      else await expect(checking).rejects.toMatchObject({ details: expect.stringContaining(message) });
    } finally {
      await plugin.stop();
      await stack.stop();
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});
