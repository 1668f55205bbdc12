import { DEPLOYMENT } from "../../provider/model/deployment";
import { LifecycleContext } from "../../provider/pulumi/lifecycle";
import { checkInputs, diffInputs } from "../../provider/pulumi/spec";
import { DEPLOYMENT_RESOURCE } from "../../provider/resources/deployment/lifecycle";
import { EnvironmentRef } from "../../provider/twilio/deployments";
import { isNotFound } from "../../provider/twilio/errors";
import { TWILIO_DATE, completedBuild, lastRequest, sidOf, uploadVersion } from "./deploy-chain-setup";
import { ClientEnv, apiError, startEnv } from "./setup";
import { shape } from "../engine/shapes";

describe("deployments", () => {
  let env: ClientEnv;
  let ref: EnvironmentRef;
  let collection: string;

  beforeEach(async () => {
    env = await startEnv();
    const environment = await env.client.environments.create(
      { serviceSid: env.service.sid },
      { uniqueName: "production" },
    );
    ref = { serviceSid: env.service.sid, environmentSid: environment.sid };
    collection = `/v1/Services/${ref.serviceSid}/Environments/${ref.environmentSid}/Deployments`;
  });

  afterEach(async () => {
    await env.emulator.close();
  });

  const liveBuildSid = async (): Promise<string | null> =>
    (await env.client.environments.fetch({ serviceSid: ref.serviceSid, sid: ref.environmentSid })).buildSid;

  it("makes a completed build live in the environment", async () => {
    const build = await completedBuild(env);

    const deployment = await env.client.deployments.create(ref, { buildSid: build.sid });

    expect(deployment).toEqual({
      sid: expect.stringMatching(sidOf("ZD")),
      accountSid: env.emulator.credentials.accountSid,
      serviceSid: ref.serviceSid,
      environmentSid: ref.environmentSid,
      buildSid: build.sid,
      dateCreated: expect.stringMatching(TWILIO_DATE),
      dateUpdated: deployment.dateCreated,
      url: `${env.emulator.apiBaseUrl}${collection}/${deployment.sid}`,
    });
    expect(lastRequest(env)).toMatchObject({
      method: "POST",
      path: collection,
      status: 201,
      form: { BuildSid: [build.sid] },
    });
    expect(await liveBuildSid()).toBe(build.sid);
    expect(env.emulator.liveBuild(ref.environmentSid)?.sid).toBe(build.sid);
  });

  it("without a build, leaves the environment serving nothing", async () => {
    const build = await completedBuild(env);
    await env.client.deployments.create(ref, { buildSid: build.sid });

    const undeployed = await env.client.deployments.create(ref, {});

    expect(lastRequest(env).form).toEqual({});
    expect(undeployed.buildSid).toBeNull();
    expect(await liveBuildSid()).toBeNull();
    expect(env.emulator.liveBuild(ref.environmentSid)).toBeUndefined();
  });

  it("fails with 409 and code 20409 when the build is live there already, once", async () => {
    const build = await completedBuild(env);
    await env.client.deployments.create(ref, { buildSid: build.sid });

    const err = await apiError(env.client.deployments.create(ref, { buildSid: build.sid }));

    expect(err).toMatchObject({ status: 409, code: 20409, method: "POST", path: collection, attempts: 1 });
    expect(err.detail).toContain(build.sid);
    expect(env.emulator.store.deployments.size).toBe(1);
  });

  it("makes one build live in several environments", async () => {
    const build = await completedBuild(env);
    const staging = await env.client.environments.create(
      { serviceSid: env.service.sid },
      {
        uniqueName: "staging",
        domainSuffix: "stage",
      },
    );

    await env.client.deployments.create({ ...ref, environmentSid: staging.sid }, { buildSid: build.sid });
    await env.client.deployments.create(ref, { buildSid: build.sid });

    expect(env.emulator.liveBuild(staging.sid)?.sid).toBe(build.sid);
    expect(await liveBuildSid()).toBe(build.sid);
  });

  it("fails with 400 and code 20001 for a build that has not completed", async () => {
    env.emulator.builds.hold();
    const version = await uploadVersion(env);
    const building = await env.client.builds.create(
      { serviceSid: env.service.sid },
      {
        functionVersions: [version.sid],
        assetVersions: [],
        dependencies: {},
      },
    );

    const err = await apiError(env.client.deployments.create(ref, { buildSid: building.sid }));

    expect(err).toMatchObject({ status: 400, code: 20001, attempts: 1 });
    expect(err.detail).toBe(`Build ${building.sid} is building: only a completed Build can be deployed`);
    expect(await liveBuildSid()).toBeNull();
  });

  it("fails with 400 and code 20001 for a build the Service does not have", async () => {
    const unknown = `ZB${"0".repeat(32)}`;
    const err = await apiError(env.client.deployments.create(ref, { buildSid: unknown }));
    expect(err).toMatchObject({ status: 400, code: 20001 });
    expect(err.detail).toContain(unknown);
  });

  it("fetches one, and lists them newest first across pages", async () => {
    const first = await completedBuild(env);
    const second = await completedBuild(env);
    const deployments = [
      await env.client.deployments.create(ref, { buildSid: first.sid }),
      await env.client.deployments.create(ref, { buildSid: second.sid }),
      await env.client.deployments.create(ref, {}),
    ];
    env.emulator.requests.length = 0;

    expect(await env.client.deployments.fetch({ ...ref, sid: deployments[0].sid })).toEqual(deployments[0]);
    const listed = await env.client.deployments.list(ref, { pageSize: 2 });

    expect(listed).toEqual([...deployments].reverse());
    expect(env.emulator.requests.map((r) => `${r.path}${r.query}`)).toEqual([
      `${collection}/${deployments[0].sid}`,
      `${collection}?PageSize=2`,
      `${collection}?PageSize=2&Page=1&PageToken=PT1`,
    ]);
  });

  it("fails with Twilio's 404 for an unknown deployment or environment", async () => {
    const unknownDeployment = `ZD${"0".repeat(32)}`;
    const unknownEnvironment = { ...ref, environmentSid: `ZE${"0".repeat(32)}` };

    expect(isNotFound(await apiError(env.client.deployments.fetch({ ...ref, sid: unknownDeployment })))).toBe(true);
    expect(isNotFound(await apiError(env.client.deployments.create(unknownEnvironment, {})))).toBe(true);
    expect(isNotFound(await apiError(env.client.deployments.list(unknownEnvironment)))).toBe(true);
  });
});

describe("a Deployment's isPlugin input", () => {
  let env: ClientEnv;
  const context: LifecycleContext = {
    config: () => () => undefined,
    log: () => undefined,
    programDir: () => process.cwd(),
  };
  const checkContext = { programDir: process.cwd() };

  beforeEach(async () => {
    env = await startEnv();
  });
  afterEach(() => env.emulator.close());

  it("is sent as Twilio's IsPlugin when given, and left out otherwise", async () => {
    const environment = await env.client.environments.create({ serviceSid: env.service.sid }, { uniqueName: "flex" });
    const inputs = { serviceSid: env.service.sid, environmentSid: environment.sid };

    const build = await completedBuild(env);
    await DEPLOYMENT_RESOURCE.create(env.client, { ...inputs, buildSid: build.sid, isPlugin: true }, context);
    expect(lastRequest(env).form).toEqual({ BuildSid: [build.sid], IsPlugin: ["true"] });

    const next = await completedBuild(env);
    await DEPLOYMENT_RESOURCE.create(env.client, { ...inputs, buildSid: next.sid }, context);
    expect(lastRequest(env).form).toEqual({ BuildSid: [next.sid] });
  });

  it("is refused at preview when it is not true or false, and a change replaces the deployment", () => {
    const news = {
      serviceSid: `ZS${"a".repeat(32)}`,
      environmentSid: `ZE${"b".repeat(32)}`,
      buildSid: `ZB${"c".repeat(32)}`,
    };
    expect(checkInputs(DEPLOYMENT, { ...news, isPlugin: "yes" }, checkContext).failures).toEqual([
      { property: "isPlugin", reason: 'isPlugin must be true or false, not "yes"' },
    ]);
    expect(checkInputs(DEPLOYMENT, news, checkContext).failures).toEqual([]);
    const olds = { ...news, isPlugin: null };
    expect(diffInputs(DEPLOYMENT, olds, { ...news, isPlugin: true }, checkContext)).toMatchObject({
      changes: true,
      replaces: ["isPlugin"],
    });
    expect(diffInputs(DEPLOYMENT, olds, news, checkContext).changes).toBe(false);
  });
});

describe("a Deployment's delete", () => {
  let env: ClientEnv;
  let ref: EnvironmentRef;
  const context: LifecycleContext = {
    config: () => () => undefined,
    log: () => undefined,
    programDir: () => process.cwd(),
  };

  beforeEach(async () => {
    env = await startEnv();
    const environment = await env.client.environments.create({ serviceSid: env.service.sid }, { uniqueName: "prod" });
    ref = { serviceSid: env.service.sid, environmentSid: environment.sid };
  });
  afterEach(() => env.emulator.close());

  /** A deployment of `buildSid` made through the resource, by this process. */
  const deployHere = (buildSid: string) => DEPLOYMENT_RESOURCE.create(env.client, { ...ref, buildSid }, context);
  /** A deployment of `buildSid` made by an earlier deploy: the client alone, not the resource. */
  const deployedBefore = (buildSid: string) => env.client.deployments.create(ref, { buildSid });

  /** Deletes the stack's deployment of `buildSid`, answering the requests it made. */
  async function remove(buildSid: string): Promise<string[]> {
    const before = env.emulator.requests.length;
    if (DEPLOYMENT_RESOURCE.remove === undefined) throw new Error("a Deployment has a delete");
    await DEPLOYMENT_RESOURCE.remove(env.client, "ZD-old", { ...ref, buildSid });
    return shape(env.emulator.requests.slice(before));
  }

  const ENVIRONMENT = "GET /v1/Services/ZS/Environments/ZE";
  const UNDEPLOY = "POST /v1/Services/ZS/Environments/ZE/Deployments";

  it("sends nothing once this process has made a newer build live there", async () => {
    const old = await completedBuild(env);
    const next = await completedBuild(env);
    await deployedBefore(old.sid);
    await deployHere(next.sid);

    expect(await remove(old.sid)).toEqual([]);
    expect(env.emulator.liveBuild(ref.environmentSid)?.sid).toBe(next.sid);
  });

  it("reads the environment, and sends nothing else, when an earlier deploy made a newer build live", async () => {
    const old = await completedBuild(env);
    const next = await completedBuild(env);
    await deployedBefore(old.sid);
    await deployedBefore(next.sid);

    expect(await remove(old.sid)).toEqual([ENVIRONMENT]);
    expect(env.emulator.liveBuild(ref.environmentSid)?.sid).toBe(next.sid);
  });

  it("takes the build offline when it is still live (a destroy), then sends nothing for an older one", async () => {
    const old = await completedBuild(env);
    const build = await completedBuild(env);
    await deployedBefore(old.sid);
    await deployedBefore(build.sid);

    expect(await remove(build.sid)).toEqual([ENVIRONMENT, UNDEPLOY]);
    expect(env.emulator.liveBuild(ref.environmentSid)).toBeUndefined();
    expect(await remove(old.sid)).toEqual([]);
  });

  it("takes offline a build this process made live, then sends nothing for an older one", async () => {
    const old = await completedBuild(env);
    const build = await completedBuild(env);
    await deployedBefore(old.sid);
    await deployHere(build.sid);

    expect(await remove(build.sid)).toEqual([ENVIRONMENT, UNDEPLOY]);
    expect(env.emulator.liveBuild(ref.environmentSid)).toBeUndefined();
    expect(await remove(old.sid)).toEqual([]);
  });
});
