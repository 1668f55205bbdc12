import { findUploadedVersion, recoverUpload } from "../../provider/pulumi/upload-recovery";
import { TwilioApiError } from "../../provider/twilio/errors";
import { ClientEnv, sha256, startEnv } from "./setup";

const CODE = "exports.handler = (c, e, cb) => cb(null, 'found');";

describe("findUploadedVersion", () => {
  let env: ClientEnv;
  let startedAt: number;

  const store = (path: string, content: string, visibility = "public") =>
    env.emulator.store.addVersion({ ...env.ref, path, visibility, content: Buffer.from(content) });
  const uploaded = (overrides: { contentHash?: string | undefined } = {}) => ({
    ...env.ref,
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
    await expect(findUploadedVersion(env.client.functionVersions, uploaded())).resolves.toMatchObject({
      sid: created.sid,
    });
  });

  it("does not take an identical version created well before the upload started", async () => {
    store("/found", CODE).dateCreated = new Date(startedAt - 10 * 60 * 1000).toISOString().replace(/\.\d+Z$/, "Z");
    await expect(findUploadedVersion(env.client.functionVersions, uploaded())).resolves.toBeUndefined();
  });

  it("finds nothing when the content had no digest, since then it was never all sent", async () => {
    store("/found", CODE);
    await expect(
      findUploadedVersion(env.client.functionVersions, uploaded({ contentHash: undefined })),
    ).resolves.toBeUndefined();
    expect(env.emulator.requests).toHaveLength(0);
  });

  describe("recoverUpload", () => {
    const failure = (status: number | undefined, causeCode?: string) =>
      new TwilioApiError({
        method: "POST",
        path: "/v1/Services/ZS/Functions/ZH/Versions",
        status,
        detail: "failed",
        cause: causeCode === undefined ? undefined : Object.assign(new Error(causeCode), { code: causeCode }),
      });

    test.each([
      ["an unreadable 201", failure(201)],
      ["a 502 on the last attempt", failure(502)],
      ["a connection reset on the last attempt", failure(undefined, "ECONNRESET")],
    ])("looks for the version after %s", async (_name, err) => {
      const created = store("/found", CODE);
      await expect(recoverUpload(env.client.functionVersions, err, uploaded())).resolves.toMatchObject({
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
      await expect(recoverUpload(env.client.functionVersions, err, uploaded())).resolves.toBeUndefined();
      expect(env.emulator.requests).toHaveLength(0);
    });
  });
});
