import fs from "fs";
import os from "os";
import path from "path";
import { RecordedRequest } from "../emulator/server";
import { StateEntry, Step } from "./engine";
import { REPO, Stack, sha256, startStack } from "./fixture";

const PROGRAM = path.join(REPO, "test", "engine", "programs", "asset-version");
const CSS = "body { color: rebeccapurple; }\n";
const SCRIPT = "document.title = 'assets';\n";
const EMPTY_FILE = path.join(os.tmpdir(), `empty-asset-${process.pid}.css`);

/** Each step by resource name: the operation and what forces a replacement. */
const ops = (steps: Step[]): Record<string, string> =>
  Object.fromEntries(steps.map((s) => [s.name, s.replaces ? `${s.op} ${s.replaces.join(",")}` : s.op]));

describe("AssetVersion through the engine protocol", () => {
  let stack: Stack;
  let assetSid: string;
  let file: string;
  /** The program's config: `file` for a FileAsset, else `text` for a string. */
  let config: Record<string, string>;
  let seen = 0;
  /** The requests made since the last call. */
  const made = (): RecordedRequest[] => {
    const requests = stack.emulator.requests.slice(seen);
    seen = stack.emulator.requests.length;
    return requests;
  };
  const entry = (): StateEntry => {
    const found = stack.engine.state.at(0);
    if (found === undefined) throw new Error("the stack is empty");
    return found;
  };
  const versionsPath = (): string => `/v1/Services/${stack.serviceSid}/Assets/${assetSid}/Versions`;

  beforeAll(async () => {
    stack = await startStack({ project: PROGRAM });
    assetSid = stack.emulator.createAsset(stack.serviceSid, "style").sid;
    // Named unlike the path, to show that a file keeps its own name.
    file = path.join(stack.tmp, "theme.css");
    fs.writeFileSync(file, CSS);
    fs.writeFileSync(EMPTY_FILE, "");
    config = { assetSid, file, path: "/css/style.css", visibility: "public" };
  });
  afterAll(async () => {
    fs.rmSync(EMPTY_FILE, { force: true });
    await stack.stop();
  });

  it("declares one AssetVersion whose small __provider names its kind and loads the package by name", async () => {
    const declared = await stack.capture(config);
    expect(declared.map((r) => r.type)).toEqual(["pulumi-nodejs:dynamic/twilio:AssetVersion"]);
    const text = String(declared[0].inputs.__provider);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(4096);
    expect(text).toContain('"pulumi-twilio-serverless/runtime"');
    expect(text).toContain('"AssetVersion"');
  });

  test.each<[string, Record<string, string>, string, RegExp]>([
    ["an assetSid that is a Service SID", { assetSid: `ZS${"0".repeat(32)}` }, "assetSid", /looks like a Service SID/],
    ["an assetSid that is no SID", { assetSid: "style" }, "assetSid", /does not start with "ZH"/],
    ["a path with a question mark", { path: "/css/style.css?v=2" }, "path", /contains "\?"/],
    ["a visibility typo", { visibility: "Public" }, "visibility", /did you mean "public"/],
    ["an empty file", { file: EMPTY_FILE }, "content", /is empty$/],
  ])("refuses %s at preview, without a request", async (_name, change, property, reason) => {
    await expect(stack.preview({ ...config, ...change })).rejects.toMatchObject({
      failures: [{ property, reason: expect.stringMatching(reason) }],
    });
    expect(made()).toEqual([]);
  });

  it("refuses a FunctionVersion's functionSid, naming what an AssetVersion takes, without a request", async () => {
    const [declared] = await stack.capture(config);
    const urn = stack.engine.urn(declared);
    const news = { __provider: declared.inputs.__provider, serviceSid: stack.serviceSid, path: "/a.css", content: CSS };
    const answer = await stack.plugin.check(urn, {}, { ...news, functionSid: assetSid });
    expect(answer.failures).toEqual([
      {
        property: "functionSid",
        reason: 'unknown property "functionSid"; AssetVersion takes serviceSid, assetSid, path, visibility, content',
      },
      { property: "assetSid", reason: expect.stringMatching(/^assetSid is required: a Function or Asset SID/) },
    ]);
    expect(made()).toEqual([]);
  });

  it("uploads a FileAsset under the file's own name, with the MIME type that name gives", async () => {
    expect(ops(await stack.up(config))).toEqual({ style: "create" });
    const requests = made();
    expect(requests.map((r) => `${r.host} ${r.method} ${r.path}`)).toEqual([`upload POST ${versionsPath()}`]);
    expect(requests[0].upload).toEqual({
      path: "/css/style.css",
      visibility: "public",
      filename: "theme.css",
      contentType: "text/css",
      size: Buffer.byteLength(CSS),
      sha256: sha256(CSS),
    });
    const { id, outputs } = entry();
    expect(id).toMatch(/^ZN[0-9a-f]{32}$/);
    expect(outputs).toEqual({
      __provider: expect.stringContaining('"AssetVersion"'),
      sid: id,
      accountSid: stack.emulator.credentials.accountSid,
      serviceSid: stack.serviceSid,
      assetSid,
      path: "/css/style.css",
      visibility: "public",
      dateCreated: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      url: `${stack.emulator.apiBaseUrl}${versionsPath()}/${id}`,
      contentHash: sha256(CSS),
    });
    const stored = stack.emulator.store.assetVersions.find((v) => v.sid === id);
    expect(stored?.contentType).toBe("text/css");
    expect(stored?.content.toString()).toBe(CSS);
  });

  it("finds nothing to change, without a request, for the same bytes in another file and the path without its slash", async () => {
    expect(ops(await stack.preview(config))).toEqual({ style: "same" });
    const copy = path.join(stack.tmp, "copy.css");
    fs.writeFileSync(copy, CSS);
    expect(ops(await stack.preview({ ...config, file: copy, path: "css/style.css" }))).toEqual({ style: "same" });
    expect(made()).toEqual([]);
  });

  test.each<[string, () => Record<string, string>]>([
    [
      "content",
      () => {
        const other = path.join(stack.tmp, "other.css");
        fs.writeFileSync(other, "body { color: teal; }\n");
        return { file: other };
      },
    ],
    ["path", () => ({ path: "/css/site.css" })],
    ["visibility", () => ({ visibility: "private" })],
    ["serviceSid", () => ({ serviceSid: `ZS${"0".repeat(32)}` })],
    ["assetSid", () => ({ assetSid: `ZH${"0".repeat(32)}` })],
  ])("plans a replacement naming %s when it changes, without a request", async (property, change) => {
    expect(ops(await stack.preview({ ...config, ...change() }))).toEqual({ style: `replace ${property}` });
    expect(made()).toEqual([]);
  });

  it("replaces it from a string, uploaded under the last segment of its path for its MIME type", async () => {
    const oldSid = entry().id;
    config = { assetSid, text: SCRIPT, path: "/js/app.js", visibility: "public" };
    expect(ops(await stack.up(config))).toEqual({ style: "replace path,content" });
    const requests = made();
    expect(requests.map((r) => `${r.host} ${r.method} ${r.path}`)).toEqual([`upload POST ${versionsPath()}`]);
    expect(requests[0].upload).toEqual({
      path: "/js/app.js",
      visibility: "public",
      filename: "app.js",
      contentType: "application/javascript",
      size: Buffer.byteLength(SCRIPT),
      sha256: sha256(SCRIPT),
    });
    expect(entry().id).not.toBe(oldSid);
    expect(entry().outputs).toMatchObject({ path: "/js/app.js", contentHash: sha256(SCRIPT) });
    // The old version is only forgotten: Twilio purges it.
    expect(stack.emulator.store.assetVersions.map((v) => v.sid)).toContain(oldSid);
  });

  it("refreshes outputs from Twilio with one request to the API host", async () => {
    const before = { ...entry().outputs };
    expect(ops(await stack.engine.refresh())).toEqual({ style: "refresh" });
    expect(entry().outputs).toEqual(before);
    expect(made().map((r) => `${r.host} ${r.method} ${r.path}`)).toEqual([
      `api GET ${versionsPath()}/${String(before.sid)}`,
    ]);
  });

  it("drops a version Twilio purged on refresh, and uploads it again on the next up", async () => {
    expect(stack.emulator.purgeVersion(entry().id)).toBe(true);
    expect(ops(await stack.engine.refresh())).toEqual({ style: "gone" });
    expect(stack.engine.state).toEqual([]);
    expect(ops(await stack.preview(config))).toEqual({ style: "create" });
    expect(ops(await stack.up(config))).toEqual({ style: "create" });
    expect(made().map((r) => `${r.host} ${r.method} ${r.status}`)).toEqual(["api GET 404", "upload POST 201"]);
  });

  it("destroys it without a request, having said once in this run that Twilio has no delete", async () => {
    const stored = stack.emulator.store.assetVersions.length;
    expect(ops(await stack.engine.destroy())).toEqual({ style: "delete" });
    expect(made()).toEqual([]);
    expect(stack.emulator.store.assetVersions).toHaveLength(stored);
    // The replacement above forgot a version too.
    expect(await stack.plugin.linesContaining("no API to delete an Asset Version")).toHaveLength(1);
  });

  it("names the assetSid when Twilio knows no such Asset (a Function's SID also starts with ZH)", async () => {
    await expect(stack.up({ ...config, assetSid: stack.functionSid })).rejects.toMatchObject({
      details: expect.stringContaining(
        `Check that Asset ${stack.functionSid} exists in Service ${stack.serviceSid} ` +
          "(a Function SID also starts with ZH, but versions of Functions cannot be uploaded here)",
      ),
    });
    expect(made().map((r) => `${r.host} ${r.method} ${r.status}`)).toEqual(["upload POST 404"]);
    expect(stack.engine.state).toEqual([]);
  });

  it("records the version an upload stored before a 502, without uploading it twice", async () => {
    const recovered = { ...config, path: "/js/recovered.js" };
    stack.emulator.faults.add({
      host: "upload",
      method: "POST",
      action: { kind: "status", status: 502, processed: true },
    });
    expect(ops(await stack.up(recovered))).toEqual({ style: "create" });
    const stored = stack.emulator.store.assetVersions.filter((v) => v.path === "/js/recovered.js");
    expect(stored).toHaveLength(1);
    expect(entry()).toMatchObject({ id: stored[0].sid, outputs: { contentHash: sha256(SCRIPT) } });
    expect(made().map((r) => `${r.host} ${r.method} ${r.status}`)).toEqual(["upload POST 502", "api GET 200"]);
    expect(await stack.plugin.linesContaining("answer to the upload of /js/recovered.js was lost")).toHaveLength(1);
  });
});
