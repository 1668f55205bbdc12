import { execFile } from "child_process";
import fs from "fs";
import http from "http";
import os from "os";
import path from "path";
import { promisify } from "util";
import { ASSET_SIG, SIG_KEY } from "../../provider/model/wire";
import { REPO, Stack, sha256, startStack } from "./fixture";

// A program under mocks, in a process of its own so that nothing else has loaded a module: it
// imports the built package, declares resources, and reports the HTTP and multipart modules loaded before
// and after a data helper is called.
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const http = () => Object.keys(require.cache)
  .filter((file) => /[\\\\/]node_modules[\\\\/](axios|form-data)[\\\\/]/.test(file))
  .map((file) => file.match(/[\\\\/]node_modules[\\\\/](axios|form-data)[\\\\/]/)[1]);
pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name + "-id", state: a.inputs }), call: (a) => a.inputs }, "p", "dev", false);
const pkg = require(${JSON.stringify(path.join(REPO, "dist", "provider", "index.js"))});
const app = new pkg.ServerlessProject("app", {
  uniqueName: "shop",
  functions: [{ path: "/hi", content: "exports.handler = () => {};" }],
  assets: [{ path: "/a.txt", content: "a" }],
  variables: { A: "1" },
});
new pkg.FunctionVersion("v", { serviceSid: "ZS" + "0".repeat(32), functionSid: "ZH" + "0".repeat(32), path: "/v", content: "x" });
app.deploymentSid.apply(async () => {
  const declared = [...new Set(http())];
  // The server the environment names answers 404: the call fails, after loading the client.
  await pkg.getService({ uniqueName: "shop" }).catch(() => undefined);
  console.log(JSON.stringify({ declared, called: [...new Set(http())] }));
});
`;

describe("the HTTP client", () => {
  it("is not loaded by a program that declares resources, only once a data helper is called", async () => {
    // Credentials are resolved before the client is loaded, so the helper is given some, and a
    // server that refuses at once, without a retry.
    const server = http.createServer((_req, res) =>
      res.writeHead(404, { "content-type": "application/json" }).end("{}"),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    const env = {
      ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("TWILIO_"))),
      TWILIO_ACCOUNT_SID: `AC${"0".repeat(32)}`,
      TWILIO_AUTH_TOKEN: "token",
      TWILIO_SERVERLESS_BASE_URL: `http://127.0.0.1:${port}`,
    };
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ["-e", PROGRAM], { cwd: REPO, env });
      const loaded: unknown = JSON.parse(stdout);
      expect(loaded).toEqual({ declared: [], called: expect.arrayContaining(["axios", "form-data"]) });
    } finally {
      server.close();
    }
  });
});

// Reports, in the file LOADS_REPORT, the HTTP modules a plugin process loads, as it loads them.
const REPORT_LOADS = path.join(__dirname, "fixtures", "report-loads.js");

describe("the HTTP client in the plugin", () => {
  let stack: Stack;
  let report: string;
  const loaded = (): string[] =>
    fs.existsSync(report) ? fs.readFileSync(report, "utf8").split("\n").filter(Boolean) : [];
  // The texts the build wrote, which every class of the built package registers, by kind.
  const parsed: unknown = JSON.parse(fs.readFileSync(path.join(REPO, "dist", "provider", "shell-texts.json"), "utf8"));
  const texts = new Map(
    Object.entries(typeof parsed === "object" && parsed !== null ? parsed : {}).map(([kind, text]) => [
      kind,
      String(text),
    ]),
  );
  const providerOf = (kind: string): string => {
    const text = texts.get(kind);
    if (text === undefined) throw new Error(`the build wrote no text for ${kind}`);
    return text;
  };
  const urn = (kind: string): string =>
    `urn:pulumi:dev::twilio-serverless-example::pulumi-nodejs:dynamic/twilio:${kind}::lazy`;

  beforeAll(async () => {
    report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "loads-")), "loads.txt");
    const preload = [process.env.NODE_OPTIONS, `--require ${JSON.stringify(REPORT_LOADS)}`].filter(Boolean).join(" ");
    stack = await startStack({ env: { NODE_OPTIONS: preload, LOADS_REPORT: report } });
  });
  afterAll(async () => {
    await stack.stop();
    fs.rmSync(path.dirname(report), { recursive: true, force: true });
  });

  // The stack has configured the plugin before the test begins.
  it("is not loaded by configure, check and diff, only by the first call that talks to Twilio", async () => {
    const text = "exports.handler = (c, e, cb) => cb(null, 'lazy');";
    const news = {
      __provider: providerOf("FunctionVersion"),
      serviceSid: stack.serviceSid,
      functionSid: stack.functionSid,
      path: "lazy",
      content: { [SIG_KEY]: ASSET_SIG, hash: sha256(text), text },
    };
    const checked = await stack.plugin.check(urn("FunctionVersion"), {}, news);
    expect(checked.failures).toEqual([]);
    const moved = { ...checked.inputs, path: "/moved" };
    expect(await stack.plugin.diff(urn("FunctionVersion"), "ZN", checked.inputs, moved)).toMatchObject({
      changes: "some",
      replaces: expect.arrayContaining(["path"]),
    });
    for (const kind of texts.keys()) {
      const answer = await stack.plugin.check(urn(kind), {}, { __provider: providerOf(kind) });
      expect(answer.failures.length).toBeGreaterThan(0);
      await stack.plugin.diff(urn(kind), "X", { __provider: providerOf(kind) }, { __provider: providerOf(kind) });
    }
    expect(loaded()).toEqual([]);

    const created = await stack.plugin.create(urn("FunctionVersion"), checked.inputs);
    expect(created.outs).toMatchObject({ sid: created.id, __provider: providerOf("FunctionVersion") });
    expect(loaded()).toEqual(expect.arrayContaining(["axios", "form-data", "transport"]));
  });
});
