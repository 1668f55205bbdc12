import { AssetRef, AssetVersion } from "../../provider/twilio/asset-versions";
import { isNotFound } from "../../provider/twilio/errors";
import { TWILIO_DATE, lastRequest, sidOf } from "./deploy-chain-setup";
import { ClientEnv, apiError, bufferContent, sha256, startEnv, unsafeVisibility, uploadsOf } from "./setup";

describe("assetVersions", () => {
  let env: ClientEnv;
  let ref: AssetRef;
  let collection: string;

  beforeEach(async () => {
    env = await startEnv();
    ref = { serviceSid: env.service.sid, assetSid: env.emulator.createAsset(env.service.sid, "assets").sid };
    collection = `/v1/Services/${ref.serviceSid}/Assets/${ref.assetSid}/Versions`;
  });

  afterEach(async () => {
    await env.emulator.close();
  });

  function upload(path: string, bytes: string | Buffer = "body {}\n", filename = "style.css"): Promise<AssetVersion> {
    return env.client.assetVersions.upload({
      ...ref,
      path,
      visibility: "public",
      content: bufferContent(bytes, filename),
    });
  }

  describe("create", () => {
    it("uploads the three parts to the upload host and returns the version camelCased", async () => {
      const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);

      const version = await env.client.assetVersions.upload({
        ...ref,
        path: "img/logo.png",
        visibility: "private",
        content: bufferContent(bytes, "logo.png"),
      });

      expect(version).toEqual({
        sid: expect.stringMatching(sidOf("ZN")),
        accountSid: env.emulator.credentials.accountSid,
        serviceSid: ref.serviceSid,
        assetSid: ref.assetSid,
        path: "/img/logo.png",
        visibility: "private",
        dateCreated: expect.stringMatching(TWILIO_DATE),
        // The answer of the upload host names the API host, as Twilio's does.
        url: `${env.emulator.apiBaseUrl}${collection}/${version.sid}`,
      });
      expect(uploadsOf(env.emulator)).toHaveLength(1);
      expect(lastRequest(env)).toMatchObject({
        host: "upload",
        method: "POST",
        path: collection,
        status: 201,
        upload: {
          path: "img/logo.png",
          visibility: "private",
          filename: "logo.png",
          contentType: "image/png",
          size: bytes.length,
          sha256: sha256(bytes),
        },
      });
      const [stored] = env.emulator.store.assetVersions;
      expect(stored.content.equals(bytes)).toBe(true);
    });

    it.each([
      ["style.css", "text/css"],
      ["app.js", "application/javascript"],
      ["data.json", "application/json"],
      ["index.html", "text/html"],
      ["font.woff2", "font/woff2"],
      ["notes.unknown-extension", "application/octet-stream"],
      ["README", "application/octet-stream"],
    ])("declares %s as %s", async (filename, contentType) => {
      await upload(`/${filename}`, "bytes", filename);
      expect(lastRequest(env).upload).toMatchObject({ filename, contentType });
      expect(env.emulator.store.assetVersions[0].contentType).toBe(contentType);
    });

    it("sends the whole upload again after a 429, storing one version", async () => {
      env.emulator.faults.add({ host: "upload", action: { kind: "status", status: 429, retryAfter: "1" } });

      const version = await upload("/retried.css", "body { margin: 0 }");

      expect(env.emulator.requests.map((r) => r.status)).toEqual([429, 201]);
      expect(uploadsOf(env.emulator).map((r) => r.upload?.sha256)).toEqual([sha256("body { margin: 0 }")]);
      expect(env.emulator.store.assetVersions.map((v) => v.sid)).toEqual([version.sid]);
      expect(env.sleeps).toEqual([expect.any(Number)]);
    });

    it("fails with Twilio's 404 for an unknown Asset, once", async () => {
      const unknown = { ...ref, assetSid: `ZH${"0".repeat(32)}` };
      const err = await apiError(
        env.client.assetVersions.upload({ ...unknown, path: "/x", visibility: "public", content: bufferContent("x") }),
      );
      expect(isNotFound(err)).toBe(true);
      expect(err).toMatchObject({ method: "POST", attempts: 1 });
      expect(env.emulator.store.assetVersions).toEqual([]);
    });

    it("fails with 400 and code 20001 on a visibility Twilio does not know", async () => {
      const err = await apiError(
        env.client.assetVersions.upload({
          ...ref,
          path: "/x.css",
          visibility: unsafeVisibility("hidden"),
          content: bufferContent("x", "x.css"),
        }),
      );
      expect(err).toMatchObject({ status: 400, code: 20001, attempts: 1 });
      expect(err.detail).toBe("Visibility must be one of public, protected, private; got hidden");
    });
  });

  describe("fetch and list", () => {
    it("fetches what the upload returned from the API host", async () => {
      const created = await upload("/fetched.css");

      expect(await env.client.assetVersions.fetch({ ...ref, sid: created.sid })).toEqual(created);
      expect(lastRequest(env)).toMatchObject({ host: "api", method: "GET", path: `${collection}/${created.sid}` });
    });

    it("fails with Twilio's 404 for a purged version", async () => {
      const created = await upload("/purged.css");
      expect(env.emulator.purgeVersion(created.sid)).toBe(true);

      expect(isNotFound(await apiError(env.client.assetVersions.fetch({ ...ref, sid: created.sid })))).toBe(true);
    });

    it("lists the Asset's versions newest first, across pages", async () => {
      const created: AssetVersion[] = [];
      for (const name of ["a", "b", "c"]) created.push(await upload(`/${name}.css`));
      const other = env.emulator.createAsset(env.service.sid, "other");
      await env.client.assetVersions.upload({
        serviceSid: ref.serviceSid,
        assetSid: other.sid,
        path: "/other.css",
        visibility: "public",
        content: bufferContent("x", "other.css"),
      });
      env.emulator.requests.length = 0;

      const listed = await env.client.assetVersions.list(ref, { pageSize: 2 });

      expect(listed).toEqual([...created].reverse());
      expect(env.emulator.requests.map((r) => `${r.host} ${r.path}${r.query}`)).toEqual([
        `api ${collection}?PageSize=2`,
        `api ${collection}?PageSize=2&Page=1&PageToken=PT1`,
      ]);
    });
  });
});
