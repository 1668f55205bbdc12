import { Build } from "../../provider/twilio/builds";
import { isNotFound } from "../../provider/twilio/errors";
import { TWILIO_DATE, lastRequest, sidOf, uploadVersion, waitForBuild } from "./deploy-chain-setup";
import { ClientEnv, apiError, bufferContent, startEnv } from "./setup";

const DEFAULTS = [
  { name: "twilio", version: "5.x" },
  { name: "@twilio/runtime-handler", version: "2.x" },
];

describe("builds", () => {
  let env: ClientEnv;
  let collection: string;

  beforeEach(async () => {
    env = await startEnv();
    collection = `/v1/Services/${env.service.sid}/Builds`;
  });

  afterEach(async () => {
    await env.emulator.close();
  });

  /** A build of one new Function Version, as created (still `building`). */
  async function startBuild(dependencies: Record<string, string> = {}, runtime?: string): Promise<Build> {
    const version = await uploadVersion(env);
    return env.client.builds.create(
      { serviceSid: env.service.sid },
      {
        functionVersions: [version.sid],
        assetVersions: [],
        dependencies,
        runtime,
      },
    );
  }

  describe("create", () => {
    it("sends versions as repeated keys and dependencies as one JSON field, and returns the build camelCased", async () => {
      const first = await uploadVersion(env, "/first");
      const second = await uploadVersion(env, "/second");
      const asset = await env.client.assets.create({ serviceSid: env.service.sid }, { friendlyName: "style" });
      const css = await env.client.assetVersions.upload({
        serviceSid: env.service.sid,
        assetSid: asset.sid,
        path: "/style.css",
        visibility: "protected",
        content: bufferContent("body {}", "style.css"),
      });

      const build = await env.client.builds.create(
        { serviceSid: env.service.sid },
        {
          functionVersions: [first.sid, second.sid],
          assetVersions: [css.sid],
          dependencies: { lodash: "4.17.21" },
        },
      );

      expect(lastRequest(env)).toMatchObject({
        method: "POST",
        path: collection,
        status: 201,
        form: {
          FunctionVersions: [first.sid, second.sid],
          AssetVersions: [css.sid],
          Dependencies: ['[{"name":"lodash","version":"4.17.21"}]'],
        },
      });
      expect(lastRequest(env).form?.Runtime).toBeUndefined();
      expect(build).toEqual({
        sid: expect.stringMatching(sidOf("ZB")),
        accountSid: env.emulator.credentials.accountSid,
        serviceSid: env.service.sid,
        functionVersions: [first.sid, second.sid],
        assetVersions: [css.sid],
        twilioDependencies: [{ name: "lodash", version: "4.17.21" }, ...DEFAULTS],
        runtime: "node22",
        status: "building",
        dateCreated: expect.stringMatching(TWILIO_DATE),
        dateUpdated: build.dateCreated,
        url: `${env.emulator.apiBaseUrl}${collection}/${build.sid}`,
      });
    });

    it("sends the dependencies it is given as JSON, an empty list as []", async () => {
      await startBuild({ twilio: "4.23.0" });
      expect(lastRequest(env).form?.Dependencies).toEqual(['[{"name":"twilio","version":"4.23.0"}]']);

      await startBuild({});
      expect(lastRequest(env).form?.Dependencies).toEqual(["[]"]);
    });

    it("sends the runtime it is given, and none when it is given none", async () => {
      const node24 = await startBuild({}, "node24");
      expect(lastRequest(env).form?.Runtime).toEqual(["node24"]);
      expect(node24.runtime).toBe("node24");

      await startBuild();
      expect(lastRequest(env).form?.Runtime).toBeUndefined();
    });
  });

  describe("status and fetch", () => {
    it("polls `building` until `completed`, which fetch then shows too", async () => {
      env.emulator.builds.hold();
      const build = await startBuild();

      expect(await env.client.builds.status({ serviceSid: env.service.sid, sid: build.sid })).toBe("building");
      expect(lastRequest(env)).toMatchObject({ method: "GET", path: `${collection}/${build.sid}/Status`, status: 200 });

      env.emulator.builds.release();
      expect(await waitForBuild(env.client, env.service.sid, build.sid)).toBe("completed");
      const fetched = await env.client.builds.fetch({ serviceSid: env.service.sid, sid: build.sid });
      expect(fetched).toEqual({ ...build, status: "completed", dateUpdated: expect.stringMatching(TWILIO_DATE) });
    });

    it("reads `failed` for a build Twilio could not install", async () => {
      env.emulator.builds.failNext(1);
      const failing = await startBuild();

      expect(await waitForBuild(env.client, env.service.sid, failing.sid)).toBe("failed");
      expect((await env.client.builds.fetch({ serviceSid: env.service.sid, sid: failing.sid })).status).toBe("failed");
    });

    it("fails with Twilio's 404 for an unknown build", async () => {
      const unknown = `ZB${"0".repeat(32)}`;
      const status = await apiError(env.client.builds.status({ serviceSid: env.service.sid, sid: unknown }));
      const fetched = await apiError(env.client.builds.fetch({ serviceSid: env.service.sid, sid: unknown }));

      expect(isNotFound(status)).toBe(true);
      expect(status.path).toBe(`${collection}/${unknown}/Status`);
      expect(isNotFound(fetched)).toBe(true);
    });
  });

  describe("remove", () => {
    it("deletes a build no environment serves", async () => {
      const build = await startBuild();

      await expect(env.client.builds.remove({ serviceSid: env.service.sid, sid: build.sid })).resolves.toBeUndefined();

      expect(lastRequest(env)).toMatchObject({ method: "DELETE", path: `${collection}/${build.sid}`, status: 204 });
      expect(isNotFound(await apiError(env.client.builds.fetch({ serviceSid: env.service.sid, sid: build.sid })))).toBe(
        true,
      );
    });
  });

  describe("list", () => {
    it("lists the Service's builds newest first, across pages", async () => {
      const sids: string[] = [];
      for (let i = 0; i < 3; i++) sids.push((await startBuild()).sid);
      env.emulator.requests.length = 0;

      const listed = await env.client.builds.list({ serviceSid: env.service.sid }, { pageSize: 2 });

      expect(listed.map((b) => b.sid)).toEqual([...sids].reverse());
      expect(env.emulator.requests.map((r) => `${r.path}${r.query}`)).toEqual([
        `${collection}?PageSize=2`,
        `${collection}?PageSize=2&Page=1&PageToken=PT1`,
      ]);
    });
  });
});
