import { findUploadedVersion } from "../../provider/pulumi/upload-recovery";
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
});
