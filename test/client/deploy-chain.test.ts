import { EnvironmentRef } from "../../provider/twilio/deployments";
import { completedBuild, uploadVersion, waitForBuild } from "./deploy-chain-setup";
import { ClientEnv, bufferContent, startEnv } from "./setup";

describe("the deploy chain through the client", () => {
  let env: ClientEnv;

  beforeEach(async () => {
    env = await startEnv();
  });

  afterEach(async () => {
    await env.emulator.close();
  });

  it("goes from a new Service to a build live in an environment with its variables", async () => {
    const { client } = env;
    const service = await client.services.create({}, { uniqueName: "chain", friendlyName: "Chain" });
    const fn = await client.functions.create({ serviceSid: service.sid }, { friendlyName: "hello" });
    const asset = await client.assets.create({ serviceSid: service.sid }, { friendlyName: "logo" });
    const version = await client.functionVersions.upload({
      serviceSid: service.sid,
      functionSid: fn.sid,
      path: "/hello",
      visibility: "public",
      content: bufferContent("exports.handler = (c, e, cb) => cb(null, 'hi');\n"),
    });
    const logo = await client.assetVersions.upload({
      serviceSid: service.sid,
      assetSid: asset.sid,
      path: "/logo.svg",
      visibility: "public",
      content: bufferContent("<svg/>", "logo.svg"),
    });
    const build = await client.builds.create(
      { serviceSid: service.sid },
      {
        functionVersions: [version.sid],
        assetVersions: [logo.sid],
        dependencies: { lodash: "4.17.21" },
        runtime: "node22",
      },
    );
    expect(build.status).toBe("building");
    expect(await waitForBuild(client, service.sid, build.sid)).toBe("completed");
    const environment = await client.environments.create({ serviceSid: service.sid }, { uniqueName: "production" });
    const ref: EnvironmentRef = { serviceSid: service.sid, environmentSid: environment.sid };
    const deployment = await client.deployments.create(ref, { buildSid: build.sid });
    const variable = await client.variables.create(ref, { key: "GREETING", value: "hi" });

    const live = await client.environments.fetch({ serviceSid: service.sid, sid: environment.sid });

    expect(environment.buildSid).toBeNull();
    expect(live.buildSid).toBe(build.sid);
    expect(live.domainName).toBe(`${service.domainBase}.twil.io`);
    expect(deployment.buildSid).toBe(build.sid);
    expect(await client.variables.list(ref)).toEqual([variable]);
    expect(await client.deployments.list(ref)).toEqual([deployment]);
    expect(env.emulator.liveBuild(environment.sid)?.functionVersions.map((v) => v.sid)).toEqual([version.sid]);
    expect(env.emulator.requests.filter((r) => r.method !== "GET").map((r) => `${r.host} ${r.status}`)).toEqual([
      "api 201", // service
      "api 201", // function
      "api 201", // asset
      "upload 201", // function version
      "upload 201", // asset version
      "api 201", // build
      "api 201", // environment
      "api 201", // deployment
      "api 201", // variable
    ]);
  });

  it("lets a wait for a slow build give up, and reads it completed later", async () => {
    env.emulator.builds.hold();
    const version = await uploadVersion(env);
    const build = await env.client.builds.create(
      { serviceSid: env.service.sid },
      {
        functionVersions: [version.sid],
        assetVersions: [],
        dependencies: {},
      },
    );

    expect(await waitForBuild(env.client, env.service.sid, build.sid, 100)).toBe("building");

    env.emulator.builds.release();
    expect(await waitForBuild(env.client, env.service.sid, build.sid)).toBe("completed");
  });

  describe("retries what Twilio did not process", () => {
    let ref: EnvironmentRef;

    beforeEach(async () => {
      const environment = await env.client.environments.create(
        { serviceSid: env.service.sid },
        { uniqueName: "production" },
      );
      ref = { serviceSid: env.service.sid, environmentSid: environment.sid };
    });

    it.each([
      ["a 429 with Retry-After", { kind: "status", status: 429, retryAfter: "1" } as const],
      ["a 503", { kind: "status", status: 503 } as const],
    ])("on build create, status and deploy: %s", async (_what, action) => {
      const version = await uploadVersion(env);
      env.emulator.requests.length = 0;
      env.emulator.faults.add({ method: "POST", path: /\/Builds$/, action });
      env.emulator.faults.add({ method: "GET", path: /\/Builds\/ZB[0-9a-f]{32}\/Status$/, action });
      env.emulator.faults.add({ method: "POST", path: /\/Deployments$/, action });

      const build = await env.client.builds.create(
        { serviceSid: env.service.sid },
        {
          functionVersions: [version.sid],
          assetVersions: [],
          dependencies: {},
        },
      );
      expect(await waitForBuild(env.client, env.service.sid, build.sid)).toBe("completed");
      const deployment = await env.client.deployments.create(ref, { buildSid: build.sid });

      expect(env.emulator.store.builds.size).toBe(1);
      expect(env.emulator.store.deployments.size).toBe(1);
      expect(deployment.buildSid).toBe(build.sid);
      const faulted = env.emulator.requests.filter((r) => r.status === action.status).map((r) => r.method);
      expect(faulted).toEqual(["POST", "GET", "POST"]);
      expect(env.sleeps).toHaveLength(3);
    });

    it("on environment, variable and build deletion", async () => {
      const build = await completedBuild(env);
      const action = { kind: "status", status: 500 } as const;
      env.emulator.faults.add({ method: "POST", path: /\/Variables$/, action });
      env.emulator.faults.add({ method: "DELETE", path: /\/Environments\/ZE[0-9a-f]{32}$/, action });
      env.emulator.faults.add({ method: "DELETE", path: /\/Builds\/ZB[0-9a-f]{32}$/, action });

      await env.client.variables.create(ref, { key: "A", value: "1" });
      expect(env.emulator.store.variables.size).toBe(1);
      await env.client.environments.remove({ serviceSid: env.service.sid, sid: ref.environmentSid });
      await env.client.builds.remove({ serviceSid: env.service.sid, sid: build.sid });

      expect(env.emulator.requests.filter((r) => r.status === 500)).toHaveLength(3);
      expect(env.emulator.store.environments.size).toBe(0);
      expect(env.emulator.store.builds.size).toBe(0);
    });
  });
});
