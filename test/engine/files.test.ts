import path from "path";
import { PropertyBag } from "../../provider/model/wire";
import { REPO, Stack, sha256, startStack } from "./fixture";
import { initFailure } from "./provider-process";
import { requestsSince, shape } from "./shapes";
import { writeFiles } from "../files";

const PROGRAM = path.join(REPO, "test", "engine", "programs", "serverless-project");
type Kind = "FunctionFile" | "AssetFile";
const urn = (kind: Kind, name: string): string =>
  `urn:pulumi:dev::serverless-project-test::pulumi-nodejs:dynamic/twilio:${kind}::${name}`;
const handler = (answer: string): string => `exports.handler = (c, e, cb) => cb(null, ${JSON.stringify(answer)});`;

describe("FunctionFile and AssetFile: a Function or Asset and its current version, as one resource", () => {
  let stack: Stack;
  let providers: Record<string, unknown>;
  let made: ReturnType<typeof requestsSince>;
  let n = 0;

  const news = (kind: Kind, inputs: PropertyBag): PropertyBag => ({ __provider: providers[kind], ...inputs });
  async function checked(kind: Kind, inputs: PropertyBag): Promise<PropertyBag> {
    const answer = await stack.plugin.check(
      urn(kind, "f"),
      {},
      news(kind, { serviceSid: stack.serviceSid, ...inputs }),
    );
    expect(answer.failures).toEqual([]);
    return answer.inputs;
  }
  async function create(kind: Kind, inputs: PropertyBag): Promise<{ id: string; outs: PropertyBag }> {
    return stack.plugin.create(urn(kind, `f${++n}`), await checked(kind, inputs));
  }
  const functionsNamed = (name: string) =>
    [...stack.emulator.store.functions.values()].filter(
      (f) => f.serviceSid === stack.serviceSid && f.friendlyName === name,
    );
  const versionsOf = (functionSid: string) =>
    stack.emulator.store.versions.filter((v) => v.functionSid === functionSid);

  beforeAll(async () => {
    stack = await startStack({ project: PROGRAM });
    const dir = path.join(stack.tmp, "app");
    writeFiles(dir, { "functions/hello.js": handler("hi"), "assets/a.txt": "a" });
    const resources = await stack.capture({ directory: dir, uniqueName: "files" });
    providers = Object.fromEntries(
      resources.map((r) => [r.type.slice(r.type.lastIndexOf(":") + 1), r.inputs.__provider]),
    );
    made = requestsSince(stack.emulator);
  });
  afterAll(() => stack.stop());

  it("creates the Function, named after the path, and uploads its version; the outputs hold both SIDs but never the content", async () => {
    const { id, outs } = await create("FunctionFile", { path: "hello-1", content: handler("one") });
    expect(shape(made())).toEqual(["POST /v1/Services/ZS/Functions", "POST /v1/Services/ZS/Functions/ZH/Versions"]);
    expect(id).toMatch(/^ZH[0-9a-f]{32}$/);
    expect(outs).toMatchObject({
      sid: id,
      serviceSid: stack.serviceSid,
      friendlyName: "/hello-1",
      path: "/hello-1",
      visibility: "protected",
      contentHash: sha256(handler("one")),
    });
    expect(outs.versionSid).toMatch(/^ZN[0-9a-f]{32}$/);
    expect(outs).not.toHaveProperty("content");
    expect(versionsOf(id).map((v) => [v.sid, v.path, v.content.toString()])).toEqual([
      [outs.versionSid, "/hello-1", handler("one")],
    ]);
  });

  it("uploads new code as a new version of the same Function: an update, not a replacement", async () => {
    const { id, outs } = await create("FunctionFile", { path: "/hello-2", content: handler("one") });
    made();
    const next = await checked("FunctionFile", { path: "/hello-2", content: handler("two") });
    expect(await stack.plugin.diff(urn("FunctionFile", "f"), id, outs, next)).toEqual({
      changes: "some",
      replaces: [],
      deleteBeforeReplace: false,
    });
    const updated = await stack.plugin.update(urn("FunctionFile", "f"), id, outs, next);
    expect(shape(made())).toEqual(["POST /v1/Services/ZS/Functions/ZH/Versions"]);
    expect(updated).toMatchObject({ sid: id, contentHash: sha256(handler("two")) });
    expect(updated.versionSid).not.toBe(outs.versionSid);
    expect(functionsNamed("/hello-2")).toHaveLength(1);
    // Nothing changed: nothing to do.
    const same = await stack.plugin.diff(urn("FunctionFile", "f"), id, updated, next);
    expect(same.changes).toBe("none");
  });

  it("renames the Function in place without uploading, and replaces only for another Service", async () => {
    const inputs = { path: "/hello-3", content: handler("three") };
    const { id, outs } = await create("FunctionFile", inputs);
    made();
    const renamed = await checked("FunctionFile", { ...inputs, friendlyName: "Hello three" });
    const diff = await stack.plugin.diff(urn("FunctionFile", "f"), id, outs, renamed);
    expect(diff).toMatchObject({ changes: "some", replaces: [] });
    const updated = await stack.plugin.update(urn("FunctionFile", "f"), id, outs, renamed);
    expect(shape(made())).toEqual(["POST /v1/Services/ZS/Functions/ZH"]);
    expect(updated).toMatchObject({ friendlyName: "Hello three", versionSid: outs.versionSid });
    const other = stack.emulator.createService("other").sid;
    const moved = await checked("FunctionFile", { ...inputs, serviceSid: other });
    expect((await stack.plugin.diff(urn("FunctionFile", "f"), id, outs, moved)).replaces).toEqual(["serviceSid"]);
  });

  it("keeps a Function whose upload failed, with its SID and no version, and the next up uploads into it", async () => {
    stack.emulator.faults.add({
      host: "upload",
      action: { kind: "status", status: 400, body: '{"code":20001,"message":"refused","status":400}' },
    });
    const inputs = await checked("FunctionFile", { path: "/hello-4", content: handler("four") });
    const failure = await stack.plugin.create(urn("FunctionFile", "f4"), inputs).then(
      () => undefined,
      (err: unknown) => initFailure(err),
    );
    expect(failure?.id).toMatch(/^ZH[0-9a-f]{32}$/);
    expect(failure?.reasons.join()).toMatch(/Function ZH[0-9a-f]{32} was created, but \/hello-4 was not uploaded/);
    expect(failure?.properties).toMatchObject({ sid: failure?.id, versionSid: null, contentHash: null });
    expect(failure?.properties.__provider).toBe(providers.FunctionFile);
    const id = String(failure?.id);
    const olds = failure?.properties ?? {};
    made();
    expect((await stack.plugin.diff(urn("FunctionFile", "f4"), id, olds, inputs)).changes).toBe("some");
    const updated = await stack.plugin.update(urn("FunctionFile", "f4"), id, olds, inputs);
    expect(shape(made())).toEqual(["POST /v1/Services/ZS/Functions/ZH/Versions"]);
    expect(updated).toMatchObject({ sid: id, contentHash: sha256(handler("four")) });
    expect(functionsNamed("/hello-4")).toHaveLength(1);
  });

  it("reads a purged version as none, so that the next up uploads it again; deletes the Function", async () => {
    const { id, outs } = await create("FunctionFile", { path: "/hello-5", content: handler("five") });
    stack.emulator.store.versions.splice(
      stack.emulator.store.versions.findIndex((v) => v.sid === outs.versionSid),
      1,
    );
    const read = await stack.plugin.read(urn("FunctionFile", "f"), id, outs, {});
    expect(read.id).toBe(id);
    expect(read.props).toMatchObject({ sid: id, versionSid: null, contentHash: null, friendlyName: "/hello-5" });
    const inputs = await checked("FunctionFile", { path: "/hello-5", content: handler("five") });
    expect((await stack.plugin.diff(urn("FunctionFile", "f"), id, read.props, inputs)).changes).toBe("some");
    await stack.plugin.delete(urn("FunctionFile", "f"), id, outs);
    expect(stack.emulator.store.functions.has(id)).toBe(false);
    // Gone from Twilio: gone from the stack on refresh.
    expect((await stack.plugin.read(urn("FunctionFile", "f"), id, outs, {})).id).toBe("");
  });

  it("uploads an AssetFile's text under the last segment of its path, into an Asset named after the path", async () => {
    made();
    const { id, outs } = await create("AssetFile", { path: "/css/site.css", content: "body {}", visibility: "public" });
    expect(shape(made())).toEqual(["POST /v1/Services/ZS/Assets", "POST /v1/Services/ZS/Assets/ZH/Versions"]);
    expect(stack.emulator.store.assets.get(id)?.friendlyName).toBe("/css/site.css");
    const version = stack.emulator.store.assetVersions.find((v) => v.sid === outs.versionSid);
    expect(version).toMatchObject({ path: "/css/site.css", visibility: "public" });
    expect(outs).toMatchObject({ contentHash: sha256("body {}"), visibility: "public" });
  });

  it("refuses at check what a FunctionVersion refuses, naming the property", async () => {
    const answer = await stack.plugin.check(
      urn("FunctionFile", "bad"),
      {},
      news("FunctionFile", { serviceSid: stack.serviceSid, path: "/has space", content: "x", visibility: "Public" }),
    );
    expect(answer.failures.map((f) => f.property)).toEqual(["path", "visibility"]);
    expect(made()).toEqual([]);
  });
});
