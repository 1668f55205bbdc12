import fs from "fs";
import path from "path";
import { ProgramResource } from "./engine";
import { DISTINCTIVE_SECRET, REPO, Stack, sha256, startStack } from "./fixture";

const EXAMPLE_FILE = path.join(REPO, "examples", "function-from-file", "hello.js");

describe("the example program through the engine protocol", () => {
  let stack: Stack;
  let program: ProgramResource[];

  beforeAll(async () => {
    stack = await startStack();
    program = await stack.capture("examples/function-from-file");
  });
  afterAll(() => stack.stop());

  it("declares one FunctionVersion whose __provider is small and loads the package by name", () => {
    expect(program.map((r) => r.type)).toEqual(["pulumi-nodejs:dynamic/twilio:FunctionVersion"]);
    const text = String(program[0].inputs.__provider);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(4096);
    expect(text).toContain('"pulumi-twilio-serverless/runtime"');
    expect(program[0].inputs.content).toEqual({ asset: "file", path: "examples/function-from-file/hello.js" });
  });

  it("previews a create without any request to Twilio", async () => {
    expect((await stack.engine.preview(program)).map((s) => s.op)).toEqual(["create"]);
    expect(stack.emulator.requests).toHaveLength(0);
  });

  it("uploads the file on up, to the upload host, as multipart", async () => {
    expect((await stack.engine.up(program)).map((s) => s.op)).toEqual(["create"]);
    const [entry] = stack.engine.state;
    const fileHash = sha256(fs.readFileSync(EXAMPLE_FILE));
    expect(entry.id).toMatch(/^ZN[0-9a-f]{32}$/);
    expect(stack.emulator.requests.map((r) => `${r.host} ${r.method}`)).toEqual(["upload POST"]);
    expect(stack.emulator.requests[0].upload).toEqual({
      path: "/hello",
      visibility: "public",
      filename: "hello.js",
      contentType: "application/javascript",
      size: fs.statSync(EXAMPLE_FILE).size,
      sha256: fileHash,
    });
    expect(entry.outputs).toEqual({
      __provider: program[0].inputs.__provider,
      sid: entry.id,
      accountSid: stack.emulator.credentials.accountSid,
      serviceSid: stack.serviceSid,
      functionSid: stack.functionSid,
      path: "/hello",
      visibility: "public",
      dateCreated: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      url: `${stack.emulator.apiBaseUrl}/v1/Services/${stack.serviceSid}/Functions/${stack.functionSid}/Versions/${entry.id}`,
      contentHash: fileHash,
    });
  });

  it("finds nothing to change right after the create, without requests", async () => {
    const before = stack.emulator.requests.length;
    expect((await stack.engine.preview(program)).map((s) => s.op)).toEqual(["same"]);
    expect(stack.emulator.requests.length).toBe(before);
  });

  it("finds nothing to change when only the serialized provider text differs", async () => {
    const changed = program.map((r) => ({ ...r, inputs: { ...r.inputs, __provider: `${r.inputs.__provider}\n` } }));
    expect((await stack.engine.preview(changed)).map((s) => s.op)).toEqual(["same"]);
  });

  it("refreshes outputs from Twilio", async () => {
    const before = { ...stack.engine.state[0].outputs };
    expect((await stack.engine.refresh()).map((s) => s.op)).toEqual(["refresh"]);
    expect(stack.engine.state[0].outputs).toEqual(before);
    expect(stack.emulator.requests.at(-1)).toMatchObject({
      host: "api",
      method: "GET",
      path: `/v1/Services/${stack.serviceSid}/Functions/${stack.functionSid}/Versions/${before.sid}`,
    });
  });

  it("removes the version from state, without any request, on destroy", async () => {
    const before = stack.emulator.requests.length;
    expect((await stack.engine.destroy()).map((s) => s.op)).toEqual(["delete"]);
    expect(stack.engine.state).toEqual([]);
    expect(stack.emulator.requests.length).toBe(before);
    expect(stack.emulator.store.versions).toHaveLength(1);
    expect(stack.plugin.output.filter((l) => l.includes("no API to delete a Function Version"))).toHaveLength(1);
  });

  it("never lets the API secret into __provider, state or the plugin's output", () => {
    expect(String(program[0].inputs.__provider)).not.toContain(DISTINCTIVE_SECRET);
    expect(JSON.stringify(program)).not.toContain(DISTINCTIVE_SECRET);
    expect(stack.plugin.output.join("\n")).not.toContain(DISTINCTIVE_SECRET);
  });
});

describe("every kind of content through a whole lifecycle", () => {
  let stack: Stack;
  let file: string;
  const capture = (config: Record<string, string> = {}): Promise<ProgramResource[]> =>
    stack.capture("test/engine/programs/contents", {
      file: path.relative(REPO, file),
      text: "exports.handler = (c, e, cb) => cb(null, 'string');",
      ...config,
    });
  const ops = (steps: Array<{ name: string; op: string; replaces?: string[] }>): Record<string, string> =>
    Object.fromEntries(steps.map((s) => [s.name, s.replaces ? `${s.op} ${s.replaces.join(",")}` : s.op]));

  beforeAll(async () => {
    stack = await startStack();
    file = path.join(stack.tmp, "function.js");
    fs.writeFileSync(file, "exports.handler = (c, e, cb) => cb(null, 'v1');");
  });
  afterAll(() => stack.stop());

  it("creates a version from a FileAsset, a StringAsset and a string, hashing the uploaded bytes", async () => {
    const program = await capture();
    expect(ops(await stack.engine.up(program))).toEqual({
      "from-file": "create",
      "from-string-asset": "create",
      "from-string": "create",
    });
    const hashes = Object.fromEntries(stack.engine.state.map((e) => [e.name, e.outputs.contentHash]));
    const textHash = sha256("exports.handler = (c, e, cb) => cb(null, 'string');");
    expect(hashes).toEqual({
      "from-file": sha256(fs.readFileSync(file)),
      "from-string-asset": textHash,
      "from-string": textHash,
    });
    const uploaded = stack.emulator.requestsTo("upload", "POST").map((r) => r.upload?.sha256);
    expect(uploaded.sort()).toEqual(Object.values(hashes).sort());
    expect(stack.engine.state.every((e) => e.outputs.path === "/hello")).toBe(true);
    expect(stack.engine.state.every((e) => e.outputs.visibility === "protected")).toBe(true);
  });

  it("treats hello and /hello, and an omitted and an explicit default visibility, as the same", async () => {
    const program = await capture({ path: "/hello", visibility: "protected" });
    expect(Object.values(ops(await stack.engine.preview(program)))).toEqual(["same", "same", "same"]);
  });

  it("replaces only the version whose file changed, naming content as the reason", async () => {
    fs.writeFileSync(file, "exports.handler = (c, e, cb) => cb(null, 'v2');");
    const program = await capture();
    expect(ops(await stack.engine.preview(program))).toEqual({
      "from-file": "replace content",
      "from-string-asset": "same",
      "from-string": "same",
    });
    const oldSid = stack.engine.state.find((e) => e.name === "from-file")?.id;
    const before = stack.emulator.requests.length;
    await stack.engine.up(program);
    const during = stack.emulator.requests.slice(before);
    expect(during.map((r) => `${r.host} ${r.method}`)).toEqual(["upload POST"]);
    const entry = stack.engine.state.find((e) => e.name === "from-file");
    expect(entry?.id).not.toBe(oldSid);
    expect(entry?.outputs.contentHash).toBe(sha256(fs.readFileSync(file)));
  });

  it("names visibility and path as the reasons when they change", async () => {
    const steps = await stack.engine.preview(await capture({ visibility: "private", path: "/bye" }));
    expect(Object.values(ops(steps))).toEqual(Array(3).fill("replace path,visibility"));
  });

  it("drops a version Twilio purged on refresh, and keeps the others", async () => {
    const purged = stack.engine.state.find((e) => e.name === "from-string");
    expect(stack.emulator.purgeVersion(String(purged?.id))).toBe(true);
    expect(ops(await stack.engine.refresh())).toEqual({
      "from-file": "refresh",
      "from-string-asset": "refresh",
      "from-string": "gone",
    });
    expect(stack.engine.state.map((e) => e.name)).toEqual(["from-file", "from-string-asset"]);
  });

  it("plans a create for the purged version on the next up", async () => {
    expect(ops(await stack.engine.preview(await capture()))).toEqual({
      "from-file": "same",
      "from-string-asset": "same",
      "from-string": "create",
    });
  });

  it("destroys without requests and explains it once", async () => {
    const before = stack.emulator.requests.length;
    await stack.engine.destroy();
    expect(stack.emulator.requests.length).toBe(before);
    expect(stack.plugin.output.filter((l) => l.includes("no API to delete a Function Version"))).toHaveLength(1);
  });
});
