import fs from "fs";
import path from "path";
import { ProgramResource, StateEntry, Step } from "./engine";
import { UNKNOWN } from "../../provider/model/wire";
import { DISTINCTIVE_SECRET, REPO, Stack, sha256, startStack } from "./fixture";

const EXAMPLE_FILE = path.join(REPO, "examples", "function-from-file", "hello.js");

/** Each step as `pulumi preview` shows it: by resource name, the operation and what forces a replacement. */
const ops = (steps: Step[]): Record<string, string> =>
  Object.fromEntries(steps.map((s) => [s.name, s.replaces ? `${s.op} ${s.replaces.join(",")}` : s.op]));

describe("the FunctionVersion example through the engine protocol, run in its program directory", () => {
  let stack: Stack;
  let program: ProgramResource[];
  /** Everything a user or a state file could show: the stack state, the plugin's output, the program's inputs. */
  const shown = (): string => JSON.stringify([stack.engine.state, program]) + stack.plugin.output.join("\n");

  beforeAll(async () => {
    stack = await startStack();
    program = await stack.capture();
  });
  afterAll(() => stack.stop());

  it("runs the program and the plugin in the main folder, where the FileAsset path is relative to", () => {
    expect(stack.project.programDir).toBe(path.dirname(EXAMPLE_FILE));
    expect(program[0].inputs.content).toEqual({ asset: "file", path: "hello.js" });
  });

  it("declares one FunctionVersion whose __provider is small and loads the package by name", () => {
    expect(program.map((r) => r.type)).toEqual(["pulumi-nodejs:dynamic/twilio:FunctionVersion"]);
    const text = String(program[0].inputs.__provider);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(4096);
    expect(text).toContain('"pulumi-twilio-serverless/runtime"');
  });

  it("previews a create without any request to Twilio", async () => {
    expect((await stack.preview()).map((s) => s.op)).toEqual(["create"]);
    expect(stack.emulator.requests).toHaveLength(0);
  });

  it("uploads the file on up, to the upload host, as multipart", async () => {
    expect((await stack.up()).map((s) => s.op)).toEqual(["create"]);
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
    expect((await stack.preview()).map((s) => s.op)).toEqual(["same"]);
    expect(stack.emulator.requests.length).toBe(before);
  });

  it("finds nothing to change when only the serialized provider text differs", async () => {
    const changed = program.map((r) => ({
      ...r,
      inputs: { ...r.inputs, __provider: `${String(r.inputs.__provider)}\n` },
    }));
    expect((await stack.engine.preview(changed)).map((s) => s.op)).toEqual(["same"]);
  });

  it("refreshes outputs from Twilio", async () => {
    const before = { ...stack.engine.state[0].outputs };
    expect((await stack.engine.refresh()).map((s) => s.op)).toEqual(["refresh"]);
    expect(stack.engine.state[0].outputs).toEqual(before);
    expect(stack.emulator.requests.at(-1)).toMatchObject({
      host: "api",
      method: "GET",
      path: `/v1/Services/${stack.serviceSid}/Functions/${stack.functionSid}/Versions/${String(before.sid)}`,
    });
  });

  it("never lets the API secret into __provider, the stored state or the plugin's output", () => {
    expect(stack.engine.state).toHaveLength(1);
    expect(JSON.stringify(stack.engine.state)).toContain(stack.engine.state[0].id);
    expect(shown()).not.toContain(DISTINCTIVE_SECRET);
  });

  it("removes the version from state, without any request, on destroy", async () => {
    const before = stack.emulator.requests.length;
    expect((await stack.engine.destroy()).map((s) => s.op)).toEqual(["delete"]);
    expect(stack.engine.state).toEqual([]);
    expect(stack.emulator.requests.length).toBe(before);
    expect(stack.emulator.store.versions).toHaveLength(1);
    expect(await stack.plugin.linesContaining("no API to delete a Function Version")).toHaveLength(1);
    expect(stack.plugin.output.join("\n")).not.toContain(DISTINCTIVE_SECRET);
  });
});

describe("every kind of content through a whole lifecycle", () => {
  let stack: Stack;
  let file: string;
  const config = (changes: Record<string, string> = {}): Record<string, string> => ({
    file,
    text: "exports.handler = (c, e, cb) => cb(null, 'string');",
    ...changes,
  });

  beforeAll(async () => {
    stack = await startStack({ project: path.join(REPO, "test", "engine", "programs", "contents") });
    file = path.join(stack.tmp, "function.js");
    fs.writeFileSync(file, "exports.handler = (c, e, cb) => cb(null, 'v1');");
  });
  afterAll(() => stack.stop());

  it("creates a version from a FileAsset, a StringAsset and a string, hashing the uploaded bytes", async () => {
    expect(ops(await stack.up(config()))).toEqual({
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
    const steps = await stack.preview(config({ path: "/hello", visibility: "protected" }));
    expect(Object.values(ops(steps))).toEqual(["same", "same", "same"]);
  });

  it("replaces only the version whose file changed, naming content as the reason", async () => {
    fs.writeFileSync(file, "exports.handler = (c, e, cb) => cb(null, 'v2');");
    expect(ops(await stack.preview(config()))).toEqual({
      "from-file": "replace content",
      "from-string-asset": "same",
      "from-string": "same",
    });
    const oldSid = stack.engine.state.find((e) => e.name === "from-file")?.id;
    const before = stack.emulator.requests.length;
    await stack.up(config());
    const during = stack.emulator.requests.slice(before);
    expect(during.map((r) => `${r.host} ${r.method}`)).toEqual(["upload POST"]);
    const entry = stack.engine.state.find((e) => e.name === "from-file");
    expect(entry?.id).not.toBe(oldSid);
    expect(entry?.outputs.contentHash).toBe(sha256(fs.readFileSync(file)));
  });

  it("names visibility and path as the reasons when they change", async () => {
    const steps = await stack.preview(config({ visibility: "private", path: "/bye" }));
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
    expect(ops(await stack.preview(config()))).toEqual({
      "from-file": "same",
      "from-string-asset": "same",
      "from-string": "create",
    });
  });

  it("destroys without requests and explains it once", async () => {
    const before = stack.emulator.requests.length;
    await stack.engine.destroy();
    expect(stack.emulator.requests.length).toBe(before);
    expect(await stack.plugin.linesContaining("no API to delete a Function Version")).toHaveLength(1);
  });
});

describe("inputs taken from another resource's outputs", () => {
  let stack: Stack;
  let file: string;
  let first: () => StateEntry;
  let second: () => StateEntry;
  const config = (): Record<string, string> => ({ file });

  beforeAll(async () => {
    stack = await startStack({ project: path.join(REPO, "test", "engine", "programs", "unknowns") });
    file = path.join(stack.tmp, "first.js");
    fs.writeFileSync(file, "exports.handler = (c, e, cb) => cb(null, 'first v1');");
    const named = (name: string) => (): StateEntry => {
      const entry = stack.engine.state.find((e) => e.name === name);
      if (entry === undefined) throw new Error(`${name} is not in the stack`);
      return entry;
    };
    first = named("first");
    second = named("second");
  });
  afterAll(() => stack.stop());

  it("runs a program whose main is a subfolder there", () => {
    expect(stack.project.programDir).toBe(path.join(stack.project.root, "src"));
  });

  it("previews both creates although the second one's path and content are unknown", async () => {
    expect(ops(await stack.preview(config()))).toEqual({ first: "create", second: "create" });
    expect(stack.emulator.requests).toHaveLength(0);
  });

  it("creates both with the first one's outputs filled in", async () => {
    expect(ops(await stack.up(config()))).toEqual({ first: "create", second: "create" });
    expect(second().outputs.path).toBe(`/after-${first().id.slice(-8)}`);
    expect(second().outputs.contentHash).toBe(
      sha256(`exports.handler = (c, e, cb) => cb(null, "${String(first().outputs.contentHash)}");`),
    );
  });

  it("finds nothing to change when the first one is unchanged, its outputs being known", async () => {
    expect(ops(await stack.preview(config()))).toEqual({ first: "same", second: "same" });
  });

  it("names path and content as unknown replacements of the second when the first is replaced", async () => {
    fs.writeFileSync(file, "exports.handler = (c, e, cb) => cb(null, 'first v2');");
    const before = stack.emulator.requests.length;
    expect(ops(await stack.preview(config()))).toEqual({ first: "replace content", second: "replace path,content" });
    expect(stack.emulator.requests.length).toBe(before);
  });

  it("answers Check with the unknown values kept and no failure, and Diff with a replacement", async () => {
    const old = second();
    const [declared] = (await stack.capture(config(), true)).filter((r) => r.name === "second");
    const news = declared.inputs;
    expect(news).toMatchObject({ path: UNKNOWN, content: UNKNOWN });
    const checked = await stack.plugin.check(old.urn, old.inputs, news);
    expect(checked).toEqual({ inputs: { ...news, visibility: "protected" }, failures: [] });
    expect(await stack.plugin.diff(old.urn, old.id, old.outputs, checked.inputs)).toEqual({
      changes: "some",
      replaces: ["path", "content"],
      deleteBeforeReplace: false,
    });
  });

  it("replaces both on up, the second with the new version's SID in its path", async () => {
    const oldSecond = second().id;
    expect(ops(await stack.up(config()))).toEqual({ first: "replace content", second: "replace path,content" });
    expect(second().id).not.toBe(oldSecond);
    expect(second().outputs.path).toBe(`/after-${first().id.slice(-8)}`);
  });
});
