import { claims } from "../../provider/pulumi/create-once";
import { LifecycleContext } from "../../provider/pulumi/lifecycle";
import { BUILD_RESOURCE } from "../../provider/resources/build/lifecycle";
import { TEST_CLOCK_KEY, WaitClock } from "../../provider/resources/build/polling";
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

describe("the Build resource", () => {
  let env: ClientEnv;
  let context: LifecycleContext;

  beforeEach(async () => {
    env = await startEnv();
    const { apiKey, apiSecret } = env.emulator.credentials;
    const config: Record<string, string> = { apiKey, apiSecret };
    context = { config: () => (key) => config[key], log: () => undefined, programDir: () => process.cwd() };
  });
  afterEach(async () => {
    Reflect.deleteProperty(globalThis, TEST_CLOCK_KEY);
    await env.emulator.close();
  });

  /** The Build resource's create of a new version of the Function, uploaded in this run unless `earlier`. */
  async function create(earlier = false): Promise<Build> {
    const version = await uploadVersion(env);
    if (!earlier) claims.claim(version.sid, true);
    env.emulator.requests.length = 0;
    return BUILD_RESOURCE.create(env.client, { serviceSid: env.service.sid, functionVersions: [version.sid] }, context);
  }

  /** The requests since the create, status reads counted apart. */
  const made = (): { requests: string[]; statusReads: number } => {
    const all = env.emulator.requests.map((r) => `${r.method} ${r.path}${r.query}`);
    const requests = all.filter((r) => !r.endsWith("/Status"));
    return { requests, statusReads: all.length - requests.length };
  };

  it("reads only the status until the build completes, and answers the create's record with that status", async () => {
    const build = await create();

    const collection = `/v1/Services/${env.service.sid}/Builds`;
    expect(made().requests.sort()).toEqual([`GET ${collection}?PageSize=20`, `POST ${collection}`]);
    expect(made().statusReads).toBeGreaterThanOrEqual(1);
    const fetched = await env.client.builds.fetch({ serviceSid: env.service.sid, sid: build.sid });
    // Twilio moves date_updated when the build completes: the create's stays.
    expect(build).toEqual({ ...fetched, dateUpdated: build.dateCreated });
    expect(build.status).toBe("completed");
  });

  it("lists the Service's builds once when it looks for a build an interrupted deploy left", async () => {
    await create(true);

    const collection = `/v1/Services/${env.service.sid}/Builds`;
    expect(made().requests).toEqual([`GET ${collection}?PageSize=20`, `POST ${collection}`]);
  });

  it("completes when listing the Service's builds fails", async () => {
    env.emulator.faults.add({ method: "GET", path: /\/Builds$/, action: { kind: "status", status: 500 }, times: 10 });

    expect((await create()).status).toBe("completed");
    expect(env.emulator.requests.filter((r) => r.method === "GET" && r.path.endsWith("/Builds"))).not.toEqual([]);
  });

  it("reports a failed build with the create's runtime and dependencies, deleting it without reading it again", async () => {
    env.emulator.builds.failNext();

    await expect(create()).rejects.toThrow(
      /failed on runtime node22 with dependencies twilio@5\.x, .*; it was deleted/,
    );
    expect(made().requests.filter((r) => r.startsWith("GET") && !r.includes("?"))).toEqual([]);
    expect(env.emulator.store.builds.size).toBe(0);
  });

  describe("on a clock of its own", () => {
    /**
     * A wait clock that moves only when the wait sleeps, ten times faster than the emulator's dates
     * as a test harness's does; each sleep takes a little real time, for the emulator's answers.
     * The held build completes once the clock reaches `completesAtMs`.
     */
    function install(completesAtMs: number): number[] {
      const readAt: number[] = [];
      let time = 0;
      const clock: WaitClock = {
        now: () => time,
        speed: 10,
        sleep: async (ms) => {
          time += ms;
          await new Promise((resolve) => setTimeout(resolve, 2));
          if (time >= completesAtMs) env.emulator.builds.release();
        },
      };
      Reflect.set(globalThis, TEST_CLOCK_KEY, clock);
      const status = env.client.builds.status.bind(env.client.builds);
      env.client.builds.status = (ref) => {
        readAt.push(time);
        return status(ref);
      };
      env.emulator.builds.durationMs = 0;
      env.emulator.builds.hold();
      return readAt;
    }

    /** An earlier completed build, which took `seconds` by Twilio's dates. */
    async function earlierBuild(seconds: number, dependencies: Record<string, string> = {}): Promise<void> {
      const version = await uploadVersion(env);
      const build = await env.client.builds.create(
        { serviceSid: env.service.sid },
        { functionVersions: [version.sid], assetVersions: [], dependencies },
      );
      const record = env.emulator.store.builds.get(build.sid);
      if (record === undefined) throw new Error("the earlier build is gone");
      record.status = "completed";
      record.dateUpdated = new Date(Date.parse(record.dateCreated) + seconds * 1000).toISOString().replace(".000", "");
    }

    it("reads 250 ms and 750 ms in, then every second, for a Service's first build", async () => {
      const readAt = install(12_000);
      await create();
      expect(readAt).toEqual([250, 750, ...Array.from({ length: 12 }, (_, i) => 1_750 + i * 1_000)]);
    });

    it("reads densely around when the Service's builds like it have completed, its dates read in real time", async () => {
      const readAt = install(12_000);
      // 1.2 s of real time, twelve seconds of the wait's clock; a build of other dependencies does not count.
      for (const seconds of [1, 1, 2, 1, 1]) await earlierBuild(seconds);
      await earlierBuild(5, { lodash: "4" });

      await create();
      // Until the listing answers, the reads at 250 ms and 750 ms may go ahead.
      expect(readAt.filter((t) => t > 750)).toEqual([
        ...Array.from({ length: 10 }, (_, i) => 1_500 + i * 1_000),
        11_500,
        11_750,
        12_000,
      ]);
    });
  });
});
