import { findUploadedVersion, recoverUpload } from "../../provider/resources/versions/upload-recovery";
import { ASSET_VERSIONS, FUNCTION_VERSIONS } from "../../provider/resources/versions/kinds";
import { TwilioApiError } from "../../provider/twilio/errors";
import { ClientEnv, sha256, startEnv } from "./setup";

const CODE = "exports.handler = (c, e, cb) => cb(null, 'found');";

/** An upload's failure on its last attempt: an HTTP status, or none and the network error's code. */
const failure = (status: number | undefined, causeCode?: string) =>
  new TwilioApiError({
    method: "POST",
    path: "/v1/Services/ZS/Functions/ZH/Versions",
    status,
    detail: "failed",
    cause: causeCode === undefined ? undefined : Object.assign(new Error(causeCode), { code: causeCode }),
  });

/** A Twilio date (whole seconds) this long before `ms`. */
const minutesBefore = (ms: number, minutes: number): string =>
  new Date(ms - minutes * 60 * 1000).toISOString().replace(/\.\d+Z$/, "Z");

describe("findUploadedVersion", () => {
  let env: ClientEnv;
  let startedAt: number;

  const versions = () =>
    FUNCTION_VERSIONS.versions(env.client, { serviceSid: env.ref.serviceSid, parentSid: env.ref.functionSid });
  const store = (path: string, content: string, visibility = "public") =>
    env.emulator.store.addVersion({ ...env.ref, path, visibility, content: Buffer.from(content) });
  const uploaded = (overrides: { contentHash?: string | undefined } = {}) => ({
    path: "/found",
    visibility: "public",
    contentHash: sha256(CODE),
    startedAt,
    ...overrides,
  });

  beforeEach(async () => {
    env = await startEnv();
    startedAt = Date.now();
  });
  afterEach(() => env.emulator.close());

  it("finds the version with the upload's path, visibility and content among the newest", async () => {
    store("/found", "// other content");
    store("/other", CODE);
    store("/found", CODE, "private");
    const created = store("/found", CODE);
    store("/later", "// newer");
    await expect(findUploadedVersion(versions(), uploaded())).resolves.toMatchObject({
      sid: created.sid,
    });
  });

  it("does not take an identical version created well before the upload started", async () => {
    store("/found", CODE).dateCreated = minutesBefore(startedAt, 10);
    await expect(findUploadedVersion(versions(), uploaded())).resolves.toBeUndefined();
  });

  it("finds nothing when the content had no digest, since then it was never all sent", async () => {
    store("/found", CODE);
    await expect(findUploadedVersion(versions(), uploaded({ contentHash: undefined }))).resolves.toBeUndefined();
    expect(env.emulator.requests).toHaveLength(0);
  });

  describe("recoverUpload", () => {
    test.each([
      ["an unreadable 201", failure(201)],
      ["a 502 on the last attempt", failure(502)],
      ["a connection reset on the last attempt", failure(undefined, "ECONNRESET")],
    ])("looks for the version after %s", async (_name, err) => {
      const created = store("/found", CODE);
      await expect(recoverUpload(versions(), err, uploaded())).resolves.toMatchObject({
        sid: created.sid,
      });
    });

    test.each([
      ["a 429", failure(429)],
      ["a 400", failure(400)],
      ["a refused connection", failure(undefined, "ECONNREFUSED")],
      ["an error that is not Twilio's", new Error("boom")],
    ])("does not look after %s, which stored nothing", async (_name, err) => {
      store("/found", CODE);
      await expect(recoverUpload(versions(), err, uploaded())).resolves.toBeUndefined();
      expect(env.emulator.requests).toHaveLength(0);
    });
  });
});

describe("findUploadedVersion for Asset Versions, whose bytes Twilio cannot give back", () => {
  let env: ClientEnv;
  let assetSid: string;
  let startedAt: number;

  const versions = () => ASSET_VERSIONS.versions(env.client, { serviceSid: env.service.sid, parentSid: assetSid });
  const store = (path: string, visibility = "public") =>
    env.emulator.store.addAssetVersion({
      serviceSid: env.service.sid,
      assetSid,
      path,
      visibility,
      content: Buffer.from("body {}"),
      contentType: "text/css",
    });
  const uploaded = (overrides: { contentHash?: string | undefined } = {}) => ({
    path: "/style.css",
    visibility: "public",
    contentHash: sha256("body {}"),
    startedAt,
    ...overrides,
  });

  beforeEach(async () => {
    env = await startEnv();
    assetSid = env.emulator.createAsset(env.service.sid, "style").sid;
    startedAt = Date.now();
  });
  afterEach(() => env.emulator.close());

  it("takes the newest version with the upload's path and visibility, with one list request", async () => {
    store("/style.css");
    store("/other.css");
    store("/style.css", "private");
    const created = store("/style.css");
    store("/later.css");
    await expect(findUploadedVersion(versions(), uploaded())).resolves.toMatchObject({ sid: created.sid });
    expect(env.emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /v1/Services/${env.service.sid}/Assets/${assetSid}/Versions`,
    ]);
  });

  it("does not take a matching version created well before the upload started", async () => {
    store("/style.css").dateCreated = minutesBefore(startedAt, 10);
    await expect(findUploadedVersion(versions(), uploaded())).resolves.toBeUndefined();
  });

  it("finds nothing, without a request, when the content had no digest", async () => {
    store("/style.css");
    await expect(findUploadedVersion(versions(), uploaded({ contentHash: undefined }))).resolves.toBeUndefined();
    expect(env.emulator.requests).toHaveLength(0);
  });

  it("finds it after a 502 on the last attempt, and does not look after a 429", async () => {
    const created = store("/style.css");
    await expect(recoverUpload(versions(), failure(502), uploaded())).resolves.toMatchObject({ sid: created.sid });
    const before = env.emulator.requests.length;
    await expect(recoverUpload(versions(), failure(429), uploaded())).resolves.toBeUndefined();
    expect(env.emulator.requests.length).toBe(before);
  });
});
