import fs from "fs";
import path from "path";
import { messageOf } from "../../provider/pulumi/error-message";
import { RecordedRequest } from "../emulator/server";
import { twilioSignature } from "../emulator/runtime/signature";
import { StateEntry } from "./engine";
import { REPO, Stack, startStack } from "./fixture";
import { ops, requestsSince, shape, typed } from "./shapes";

const PROGRAM = path.join(REPO, "test", "engine", "programs", "serverless-project");

/** Writes a Toolkit project's files (paths with `/`) under `dir`. */
function writeProject(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
}

const handler = (answer: string): string => `exports.handler = (c, e, cb) => cb(null, ${JSON.stringify(answer)});`;

describe("a Toolkit folder deployed by ServerlessProject", () => {
  let stack: Stack;
  let dir: string;
  const config: Record<string, string> = {};
  const entry = (type: string, name: string): StateEntry => {
    const found = stack.engine.state.find((e) => e.name === name && e.type.endsWith(`:${type}`));
    if (found === undefined) throw new Error(`${type} ${name} is not in the stack`);
    return found;
  };
  /** The requests the next step makes. */
  let made: () => RecordedRequest[];
  /** What the live environment answers at a path: status and body. */
  const answer = async (urlPath: string): Promise<string> => {
    const domain = String(entry("Environment", "app").outputs.domainName);
    const response = await fetch(stack.emulator.runtimeUrl(domain, urlPath));
    return `${response.status} ${await response.text()}`;
  };
  const uploads = (requests: RecordedRequest[]): string[] =>
    requests.filter((r) => r.host === "upload").map((r) => String(r.upload?.path));

  beforeAll(async () => {
    stack = await startStack({ project: PROGRAM });
    dir = path.join(stack.tmp, "app");
    writeProject(dir, {
      "package.json": JSON.stringify({ name: "toolkit-app", dependencies: { lodash: "^4.17.21", leftpad: "" } }),
      "functions/hello.js": handler("hello"),
      "functions/admin.protected.js": handler("admin"),
      "functions/nested/deep thing.js": handler("deep"),
      "functions/README.md": "not a function",
      "assets/style.css": "body { color: red; }",
      "assets/notes.private.txt": "private notes",
      "assets/.env": "SECRET=do-not-ship",
    });
    Object.assign(config, {
      directory: dir,
      variables: JSON.stringify({ GREETING: "hi" }),
      friendlyName: "Toolkit App",
      includeCredentials: "false",
    });
    made = requestsSince(stack.emulator);
  });
  afterAll(() => stack.stop());

  it("previews one resource per function file and per asset, without a request", async () => {
    expect(ops(await stack.preview(config), typed)).toEqual({
      "ServerlessProject app": "create",
      "Service app": "create",
      "Environment app": "create",
      "FunctionFile app/admin": "create",
      "FunctionFile app/hello": "create",
      "FunctionFile app/nested/deep-thing": "create",
      "AssetFile app/notes.txt": "create",
      "AssetFile app/style.css": "create",
      "Build app": "create",
      "Variable app/GREETING": "create",
      "Deployment app": "create",
    });
    expect(made()).toEqual([]);
  });

  it("deploys the folder as the Toolkit lays it out, secrets and non-.js functions left out", async () => {
    await stack.up(config);
    const requests = made();
    expect(uploads(requests).sort()).toEqual(["/admin", "/hello", "/nested/deep-thing", "/notes.txt", "/style.css"]);
    const build = stack.emulator.liveBuild(entry("Environment", "app").id);
    expect(build?.sid).toBe(entry("Build", "app").id);
    expect(build?.functionVersions.map((v) => [v.path, v.visibility])).toEqual([
      ["/admin", "protected"],
      ["/hello", "public"],
      ["/nested/deep-thing", "public"],
    ]);
    expect(build?.assetVersions.map((v) => [v.path, v.visibility])).toEqual([
      ["/notes.txt", "private"],
      ["/style.css", "public"],
    ]);
    expect(build?.dependencies).toEqual(
      expect.arrayContaining([
        { name: "lodash", version: "^4.17.21" },
        { name: "leftpad", version: "*" },
      ]),
    );
    const service = stack.emulator.store.services.get(entry("Service", "app").id);
    expect(service).toMatchObject({
      // package.json's name and the stack's, so that another stack of the program never collides.
      uniqueName: "toolkit-app-dev",
      friendlyName: "Toolkit App",
      includeCredentials: false,
    });
    const environment = entry("Environment", "app").outputs;
    expect(environment).toMatchObject({ uniqueName: "production", domainSuffix: null });
    expect(environment.domainName).toMatch(/^toolkit-app-dev-\d{4}\.twil\.io$/);
    expect(entry("FunctionFile", "app/hello").outputs.friendlyName).toBe("/hello");
    const domain = String(environment.domainName);
    expect(stack.engine.outputs).toEqual({
      url: `https://${domain}`,
      functionUrls: {
        "/admin": `https://${domain}/admin`,
        "/hello": `https://${domain}/hello`,
        "/nested/deep-thing": `https://${domain}/nested/deep-thing`,
      },
      assetUrls: { "/style.css": `https://${domain}/style.css` },
      sids: { build: build?.sid, deployment: entry("Deployment", "app").id, environment: environment.sid },
    });
    expect(await answer("/hello")).toBe("200 hello");
    expect(await answer("/style.css")).toBe("200 body { color: red; }");
    expect(await answer("/notes.txt")).toMatch(/^404 /);
    const variables = [...stack.emulator.store.variables.values()].filter((v) => v.environmentSid === environment.sid);
    expect(variables.map((v) => [v.key, v.value])).toEqual([["GREETING", "hi"]]);
  });

  it("makes no request at all on an up with nothing changed", async () => {
    expect(new Set(Object.values(ops(await stack.up(config), typed)))).toEqual(new Set(["same"]));
    expect(made()).toEqual([]);
  });

  it("uploads only the changed file as a new version of its Function, builds and deploys once, and names the file and its content in the preview", async () => {
    const versionOf = (type: string, name: string): unknown => entry(type, name).outputs.versionSid;
    const kept = ["app/admin", "app/nested/deep-thing"].map((name) => versionOf("FunctionFile", name));
    const keptAssets = ["app/notes.txt", "app/style.css"].map((name) => versionOf("AssetFile", name));
    const hello = entry("FunctionFile", "app/hello");
    const before = { sid: hello.id, versionSid: hello.outputs.versionSid };
    writeProject(dir, { "functions/hello.js": handler("hello again") });
    const preview = ops(await stack.preview(config), typed);
    expect(Object.entries(preview).filter(([, op]) => op !== "same")).toEqual([
      ["FunctionFile app/hello", "update content"],
      ["Build app", "replace functionVersions"],
      ["Deployment app", "replace buildSid"],
    ]);
    expect(made()).toEqual([]);
    await stack.up(config);
    const requests = made();
    expect(shape(requests)).toEqual([
      "POST /v1/Services/ZS/Functions/ZH/Versions",
      "POST /v1/Services/ZS/Builds",
      "GET /v1/Services/ZS/Builds",
      "POST /v1/Services/ZS/Environments/ZE/Deployments",
      "GET /v1/Services/ZS/Environments/ZE",
      "DELETE /v1/Services/ZS/Builds/ZB",
    ]);
    expect(uploads(requests)).toEqual(["/hello"]);
    expect(["app/admin", "app/nested/deep-thing"].map((name) => versionOf("FunctionFile", name))).toEqual(kept);
    expect(["app/notes.txt", "app/style.css"].map((name) => versionOf("AssetFile", name))).toEqual(keptAssets);
    // The same Function, a new version of it.
    expect(entry("FunctionFile", "app/hello").id).toBe(before.sid);
    expect(versionOf("FunctionFile", "app/hello")).not.toBe(before.versionSid);
    expect(await answer("/hello")).toBe("200 hello again");
  });

  it("deletes a removed file's Function only once the build without it is live", async () => {
    const removed = entry("FunctionFile", "app/nested/deep-thing").id;
    fs.rmSync(path.join(dir, "functions", "nested"), { recursive: true });
    const preview = ops(await stack.preview(config), typed);
    expect(preview).toMatchObject({
      "FunctionFile app/nested/deep-thing": "delete",
      "Build app": "replace functionVersions",
    });
    await stack.up(config);
    const sent = made();
    expect(uploads(sent)).toEqual([]);
    const requests = shape(sent);
    expect(requests).toContain("DELETE /v1/Services/ZS/Functions/ZH");
    expect(requests.indexOf("POST /v1/Services/ZS/Environments/ZE/Deployments")).toBeLessThan(
      requests.indexOf("DELETE /v1/Services/ZS/Functions/ZH"),
    );
    expect(stack.emulator.store.functions.has(removed)).toBe(false);
  });

  it("adds one resource for a new file, and makes only its Function and uploads only that file", async () => {
    writeProject(dir, { "functions/added.js": handler("added") });
    const steps = ops(await stack.up(config), typed);
    expect(Object.entries(steps).filter(([, op]) => op === "create")).toEqual([["FunctionFile app/added", "create"]]);
    const requests = made();
    expect(uploads(requests)).toEqual(["/added"]);
    expect(shape(requests).filter((r) => r === "POST /v1/Services/ZS/Functions")).toHaveLength(1);
    const live = stack.emulator.liveBuild(entry("Environment", "app").id);
    expect(live?.functionVersions.map((v) => v.path)).toEqual(["/added", "/admin", "/hello"]);
  });

  it("leaves the previous deployment live when the build fails, and says which build failed", async () => {
    const environmentSid = entry("Environment", "app").id;
    const before = stack.emulator.liveBuild(environmentSid)?.sid;
    writeProject(dir, { "functions/hello.js": handler("broken") });
    stack.emulator.builds.failNext();
    const message = await stack.up(config).then(() => "the up succeeded", messageOf);
    expect(message).toMatch(/Build ZB[0-9a-f]{32} failed/);
    const failed = /ZB[0-9a-f]{32}/.exec(message)?.[0];
    expect(failed).not.toBe(before);
    expect(stack.emulator.liveBuild(environmentSid)?.sid).toBe(before);
    expect(shape(made()).filter((r) => r.includes("/Deployments"))).toEqual([]);
    // The next up deploys the change.
    await stack.up(config);
    made();
    expect(
      stack.emulator
        .liveBuild(environmentSid)
        ?.functionVersions.find((v) => v.path === "/hello")
        ?.content.toString(),
    ).toBe(handler("broken"));
  });

  it("leaves nothing of the project in the emulator after destroy", async () => {
    const serviceSid = entry("Service", "app").id;
    await stack.engine.destroy();
    const { store } = stack.emulator;
    expect(stack.engine.state).toEqual([]);
    expect(store.services.has(serviceSid)).toBe(false);
    const ours = <T extends { serviceSid: string }>(records: Iterable<T>): T[] =>
      [...records].filter((r) => r.serviceSid === serviceSid);
    expect(ours(store.functions.values())).toEqual([]);
    expect(ours(store.assets.values())).toEqual([]);
    expect(ours(store.versions)).toEqual([]);
    expect(ours(store.assetVersions)).toEqual([]);
    expect(ours(store.builds.values())).toEqual([]);
    expect(ours(store.environments.values())).toEqual([]);
    expect(ours(store.variables.values())).toEqual([]);
  });
});

describe("the repository's example, deployed as Pulumi.yaml says", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ project: REPO });
  });
  afterAll(() => stack.stop());

  it("answers at its live URLs, then makes no request on an up with nothing changed, and destroys to nothing", async () => {
    expect(stack.project.programDir).toBe(path.join(REPO, "examples", "serverless-project"));
    await stack.up();
    const environment = stack.engine.state.find((e) => e.type.endsWith(":Environment"));
    const domain = String(environment?.outputs.domainName);
    expect(domain).toMatch(/^hello-serverless-dev-\d{4}\.twil\.io$/);
    const get = async (urlPath: string, headers: Record<string, string> = {}): Promise<string> => {
      const response = await fetch(stack.emulator.runtimeUrl(domain, urlPath), { headers });
      return `${response.status} ${await response.text()}`;
    };
    expect(await get("/hello?name=Ada")).toBe("200 Ahoy, Ada!");
    expect(JSON.parse((await get("/message")).slice(4))).toEqual({
      message: "Only functions of this service can read this file.",
      from: domain,
    });
    expect(await get("/admin")).toMatch(/^401 /);
    const signature = twilioSignature(stack.emulator.credentials.authToken, `https://${domain}/admin`);
    expect(await get("/admin", { "X-Twilio-Signature": signature })).toMatch(/^200 \{"service":"ZS/);
    expect(await get("/message.txt")).toMatch(/^404 /);
    expect(await get("/index.html")).toMatch(/^200 <!doctype html>/);

    const before = stack.emulator.requests.length;
    expect(new Set((await stack.up()).map((s) => s.op))).toEqual(new Set(["same"]));
    expect(stack.emulator.requests.length).toBe(before);
    await stack.engine.destroy();
    expect([...stack.emulator.store.services.values()].map((s) => s.uniqueName)).toEqual(["example"]);
  });
});

describe("ServerlessProject's inputs", () => {
  let stack: Stack;
  let dir: string;
  beforeAll(async () => {
    stack = await startStack({ project: PROGRAM });
  });
  afterAll(() => stack.stop());
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(stack.tmp, "app-"));
  });

  test.each([
    [{ "functions/a@b.js": handler("x") }, /functions\/a@b\.js: path "\/a@b" contains "@"/],
    [
      { "functions/hello.js": handler("x"), "functions/hello.protected.js": handler("y") },
      /functions\/hello\.js and functions\/hello\.protected\.js are both the function at \/hello/,
    ],
    [
      { "README.md": "nothing to deploy", "functions/.env": "SECRET=x" },
      /has no functions \(functions\/ or src\/\) and no assets \(assets\/ or static\/\); Twilio refuses a build without any \(20001\)/,
    ],
    [
      { "package.json": JSON.stringify({ name: "@acme/app" }), "functions/x.js": handler("x") },
      /package\.json name "@acme\/app" cannot be a Service unique name/,
    ],
    [{ "functions/x.js": handler("x") }, /set uniqueName or serviceSid: there is no package\.json name/],
    [{ "package.json": "{ not json", "functions/x.js": handler("x") }, /package\.json is not valid JSON/],
  ])("refuses a folder at construction, naming the file, with no request (%#)", async (files, message) => {
    writeProject(dir, files);
    const before = stack.emulator.requests.length;
    const failure = stack.capture({ directory: dir });
    await expect(failure).rejects.toThrow(message);
    await expect(failure).rejects.toThrow(/ServerlessProject "app": /);
    expect(stack.emulator.requests.length).toBe(before);
  });

  it("refuses a file larger than Twilio accepts, naming it with its size and the limit", async () => {
    writeProject(dir, { "package.json": JSON.stringify({ name: "big" }), "assets/notes.private.txt": "" });
    fs.truncateSync(path.join(dir, "assets", "notes.private.txt"), 11 * 1024 * 1024);
    await expect(stack.capture({ directory: dir })).rejects.toThrow(
      /assets\/notes\.private\.txt is 11 MB; Twilio accepts at most 10 MB for a private asset/,
    );
  });

  it("refuses a directory that does not exist, and serviceSid together with uniqueName", async () => {
    await expect(stack.capture({ directory: path.join(dir, "missing") })).rejects.toThrow(
      /directory .*missing does not exist or is not a folder/,
    );
    writeProject(dir, { "functions/x.js": handler("x") });
    await expect(
      stack.capture({ directory: dir, existingServiceSid: stack.serviceSid, uniqueName: "x" }),
    ).rejects.toThrow(/give serviceSid \(an existing Service\) or uniqueName \(a new one\), not both/);
  });

  it("deploys into an existing Service, with Variables from envFile as secrets and explicit functions", async () => {
    writeProject(dir, {
      "package.json": JSON.stringify({ name: "overridden", dependencies: { lodash: "^4.17.21" } }),
      "functions/x.js": handler("x"),
      ".env":
        '# local settings\nGREETING=hello # inline comment\nEMPTY=\nACCOUNT_SID=ACxxx\nexport QUOTED="two\\nlines"\n',
    });
    const config = {
      directory: dir,
      existingServiceSid: stack.serviceSid,
      domainSuffix: "stage",
      envFile: path.join(dir, ".env"),
      variables: JSON.stringify({ QUOTED: "from the program" }),
      functions: JSON.stringify([{ path: "inline", content: handler("inline") }]),
      dependencies: JSON.stringify({ "left-pad": "1.3.0" }),
      runtime: "node20",
    };
    const declared = await stack.capture(config);
    expect(declared.filter((r) => r.type.endsWith(":Service"))).toEqual([]);
    const variables = declared.filter((r) => r.type.endsWith(":Variable"));
    expect(variables.map((r) => [r.inputs.key, r.inputs.value, r.secrets])).toEqual([
      ["GREETING", "hello", ["value"]],
      ["QUOTED", "from the program", ["value"]],
    ]);
    await stack.up(config);
    const environment = stack.engine.state.find((e) => e.type.endsWith(":Environment"));
    expect(environment?.outputs).toMatchObject({ serviceSid: stack.serviceSid, uniqueName: "stage-environment" });
    const live = stack.emulator.liveBuild(String(environment?.id));
    expect(live?.functionVersions.map((v) => [v.path, v.visibility])).toEqual([
      ["/inline", "public"],
      ["/x", "public"],
    ]);
    expect(live?.runtime).toBe("node20");
    expect(live?.dependencies[0]).toEqual({ name: "left-pad", version: "1.3.0" });
    expect(live?.dependencies.map((d) => d.name)).not.toContain("lodash");
    await stack.engine.destroy();
    // The Service was not the stack's: it stays, with only what it held before.
    expect(stack.emulator.store.services.has(stack.serviceSid)).toBe(true);
    const held = [...stack.emulator.store.functions.values()].filter((f) => f.serviceSid === stack.serviceSid);
    expect(held.map((f) => f.sid)).toEqual([stack.functionSid]);
    expect([...stack.emulator.store.environments.values()].filter((e) => e.serviceSid === stack.serviceSid)).toEqual(
      [],
    );
    expect([...stack.emulator.store.builds.values()].filter((b) => b.serviceSid === stack.serviceSid)).toEqual([]);
  });

  it("refuses an envFile line that is not KEY=value, naming the file and line but not its text", async () => {
    writeProject(dir, { "functions/x.js": handler("x"), ".env": "A=1\nsecret-material-without-a-key\n" });
    const failure = stack.capture({ directory: dir, uniqueName: "x", envFile: path.join(dir, ".env") });
    await expect(failure).rejects.toThrow(
      /\.env:2: expected KEY=value \(the line is not shown: it may hold a secret\)/,
    );
    await expect(failure).rejects.not.toThrow(/secret-material/);
  });
});
