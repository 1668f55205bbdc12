/**
 * The rules of Twilio's Serverless API the emulator enforces: unique names, limits, what a delete
 * takes with it and what it refuses while live, how a build gets its runtime and dependencies.
 * The client tests rely on them without restating them. Records are set up in the store, and the
 * request under test is sent raw.
 */
import { EnvironmentRecord, VersionRecord } from "./records";
import { RawAnswer, RawHttp, expectTwilioError, jsonOf, rawHttp } from "./raw";
import { TwilioEmulator } from "./server";

let emulator: TwilioEmulator;
let raw: RawHttp;

beforeEach(async () => {
  emulator = await TwilioEmulator.start({ buildDurationMs: 0 });
  raw = rawHttp(emulator);
});

afterEach(() => emulator.close());

const get = (path: string): Promise<RawAnswer> => raw.send("GET", raw.api(path));
const remove = (path: string): Promise<RawAnswer> => raw.send("DELETE", raw.api(path));
const messageOf = (answer: RawAnswer): unknown => jsonOf(answer).message;

/** A Service with a Function and one version of it. */
function serviceWithVersion(name = "rules"): { serviceSid: string; functionSid: string; version: VersionRecord } {
  const service = emulator.createService(name);
  const fn = emulator.createFunction(service.sid, "hello");
  const version = emulator.store.addVersion({
    serviceSid: service.sid,
    functionSid: fn.sid,
    path: "/hello",
    visibility: "public",
    content: Buffer.from("exports.handler = (c, e, cb) => cb(null, 'hi');"),
  });
  return { serviceSid: service.sid, functionSid: fn.sid, version };
}

/** A completed build of `version` on `runtime`, live in a new Environment. */
function live(version: VersionRecord, runtime = "node22"): { buildSid: string; environment: EnvironmentRecord } {
  const build = emulator.store.addBuild({
    serviceSid: version.serviceSid,
    functionVersions: [version],
    assetVersions: [],
    dependencies: [],
    runtime,
  });
  build.status = "completed";
  const environment = emulator.store.addEnvironment(version.serviceSid, "live", null);
  emulator.store.addDeployment(environment, build.sid);
  return { buildSid: build.sid, environment };
}

/** Polls a build's status until it is no longer `building`. */
async function settled(serviceSid: string, buildSid: string): Promise<unknown> {
  for (const end = Date.now() + 5_000; ;) {
    const { status } = jsonOf(await get(`/v1/Services/${serviceSid}/Builds/${buildSid}/Status`));
    if (status !== "building" || Date.now() > end) return status;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("Services", () => {
  it("refuse a unique name the account already has with 409 and code 20409, making none", async () => {
    const existing = emulator.createService("taken");
    const answer = await raw.postForm("/v1/Services", { UniqueName: existing.uniqueName, FriendlyName: "x" });
    expectTwilioError(answer, 409, 20409);
    expect(messageOf(answer)).toContain("taken");
    expect(emulator.store.services.size).toBe(1);
  });

  it("are limited to 50 in an account: the 51st is refused with 400 and code 20001", async () => {
    for (let i = 0; i < 50; i++) emulator.createService(`filler-${i}`);
    const answer = await raw.postForm("/v1/Services", { UniqueName: "one-too-many", FriendlyName: "x" });
    expectTwilioError(answer, 400, 20001);
    expect(messageOf(answer)).toBe("Services are limited to less than or equal to 50");
  });

  it.each([
    ["a space", "my app"],
    ["51 characters", "a".repeat(51)],
  ])("refuse a unique name with %s with 400 and code 20001", async (_what, uniqueName) => {
    const answer = await raw.postForm("/v1/Services", { UniqueName: uniqueName, FriendlyName: "x" });
    expectTwilioError(answer, 400, 20001);
    expect(messageOf(answer)).toContain("UniqueName");
  });

  it("are deleted with everything in them, even what is live", async () => {
    const { serviceSid, version } = serviceWithVersion();
    const { environment } = live(version);
    emulator.store.addVariable(environment, "GREETING", "hello");
    emulator.createAsset(serviceSid, "logo");

    expect((await remove(`/v1/Services/${serviceSid}`)).status).toBe(204);

    const { store } = emulator;
    const left = [store.functions, store.assets, store.builds, store.environments, store.deployments, store.variables];
    expect(left.map((map) => map.size)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(store.versions).toEqual([]);
  });
});

describe("Builds", () => {
  const builds = (serviceSid: string): string => `/v1/Services/${serviceSid}/Builds`;

  it("without a runtime take that of the Service's last completed build", async () => {
    const { serviceSid, version } = serviceWithVersion();
    live(version, "node20");
    // Still building: not the last completed one.
    emulator.builds.hold();
    const building = await raw.postForm(builds(serviceSid), { FunctionVersions: version.sid, Runtime: "node24" });
    expect(jsonOf(building)).toMatchObject({ runtime: "node24", status: "building" });

    const inherited = await raw.postForm(builds(serviceSid), { FunctionVersions: version.sid });

    expect(jsonOf(inherited).runtime).toBe("node20");
  });

  it("refuse a runtime Twilio does not offer with 400 and code 82007, making none", async () => {
    const { serviceSid, version } = serviceWithVersion();
    const answer = await raw.postForm(builds(serviceSid), { FunctionVersions: version.sid, Runtime: "node6" });
    expectTwilioError(answer, 400, 82007);
    expect(messageOf(answer)).toBe("Unsupported Runtime");
    expect(emulator.store.builds.size).toBe(0);
  });

  it("need a version: none is refused with 400 and code 20001", async () => {
    const { serviceSid } = serviceWithVersion();
    const answer = await raw.postForm(builds(serviceSid), { Dependencies: "[]" });
    expectTwilioError(answer, 400, 20001);
    expect(messageOf(answer)).toBe("At least one Function Version or Asset Version is required for Build.");
  });

  it("refuse a version the Service does not have with 400 and code 20001, naming it alone", async () => {
    const { serviceSid, version } = serviceWithVersion();
    const unknown = `ZN${"0".repeat(32)}`;
    const answer = await raw.postForm(builds(serviceSid), { FunctionVersions: [version.sid, unknown] });
    expectTwilioError(answer, 400, 20001);
    expect(messageOf(answer)).toContain(unknown);
    expect(messageOf(answer)).not.toContain(version.sid);
  });

  it("get Twilio's default dependencies added, a default the request names keeping its version", async () => {
    const { serviceSid, version } = serviceWithVersion();
    const answer = await raw.postForm(builds(serviceSid), {
      FunctionVersions: version.sid,
      Dependencies: JSON.stringify([{ name: "twilio", version: "4.23.0" }]),
    });
    expect(jsonOf(answer).dependencies).toEqual([
      { name: "twilio", version: "4.23.0" },
      { name: "@twilio/runtime-handler", version: "2.x" },
    ]);
  });

  it("fail when a dependency is one the emulator was told fails, or when told to fail the next", async () => {
    const { serviceSid, version } = serviceWithVersion();
    emulator.builds.failingDependencies.push("left-pad");
    const create = async (dependencies: Array<{ name: string; version: string }>): Promise<unknown> => {
      const answer = await raw.postForm(builds(serviceSid), {
        FunctionVersions: version.sid,
        Dependencies: JSON.stringify(dependencies),
      });
      return settled(serviceSid, String(jsonOf(answer).sid));
    };

    expect(await create([{ name: "left-pad", version: "0.0.1" }])).toBe("failed");
    emulator.builds.failNext(1);
    expect(await create([])).toBe("failed");
    expect(await create([])).toBe("completed");
  });

  it("cannot be deleted while live (409, code 20409), and can once their Environment is gone", async () => {
    const { serviceSid, version } = serviceWithVersion();
    const { buildSid, environment } = live(version);

    const refused = await remove(`${builds(serviceSid)}/${buildSid}`);

    expectTwilioError(refused, 409, 20409);
    expect(messageOf(refused)).toBe("Cannot delete Build because it's part of an active Deployment.");
    expect((await remove(`/v1/Services/${serviceSid}/Environments/${environment.sid}`)).status).toBe(204);
    expect((await remove(`${builds(serviceSid)}/${buildSid}`)).status).toBe(204);
    expect(emulator.store.builds.size).toBe(0);
  });
});

describe("Environments", () => {
  const environments = (serviceSid: string): string => `/v1/Services/${serviceSid}/Environments`;

  it.each([
    ["unique name", { UniqueName: "staging", DomainSuffix: "other" }],
    ["domain suffix", { UniqueName: "other", DomainSuffix: "stage" }],
  ])("refuse a %s the Service already has with 409 and code 20409, making none", async (_what, fields) => {
    const { serviceSid } = serviceWithVersion();
    emulator.store.addEnvironment(serviceSid, "staging", "stage");

    const answer = await raw.postForm(environments(serviceSid), fields);

    expectTwilioError(answer, 409, 20409);
    expect(messageOf(answer)).toBe("Environment with this UniqueName or DomainSuffix already exists.");
    expect(emulator.store.environments.size).toBe(1);
  });

  it("refuse a domain suffix over 16 characters with 400 and code 20001", async () => {
    const { serviceSid } = serviceWithVersion();
    const answer = await raw.postForm(environments(serviceSid), { UniqueName: "long", DomainSuffix: "s".repeat(17) });
    expectTwilioError(answer, 400, 20001);
    expect(messageOf(answer)).toContain("DomainSuffix");
  });

  it("are deleted with their deployments and variables, which frees their build", async () => {
    const { serviceSid, version } = serviceWithVersion();
    const { buildSid, environment } = live(version);
    emulator.store.addVariable(environment, "KEY", "value");

    expect((await remove(`${environments(serviceSid)}/${environment.sid}`)).status).toBe(204);

    expect(emulator.store.deployments.size).toBe(0);
    expect(emulator.store.variables.size).toBe(0);
    expect((await remove(`/v1/Services/${serviceSid}/Builds/${buildSid}`)).status).toBe(204);
  });
});

describe.each(["Function", "Asset"] as const)("%ss", (kind) => {
  const collection = (serviceSid: string): string => `/v1/Services/${serviceSid}/${kind}s`;

  it("refuse an empty name with 400 and code 20001", async () => {
    const { serviceSid } = serviceWithVersion();
    const answer = await raw.postForm(collection(serviceSid), { FriendlyName: "" });
    expectTwilioError(answer, 400, 20001);
    expect(messageOf(answer)).toContain("FriendlyName");
  });

  it("cannot be deleted while one of their versions is live (409, code 20409), and can, with their versions, once none is", async () => {
    const service = emulator.createService("slots");
    const parent =
      kind === "Function"
        ? emulator.createFunction(service.sid, "served")
        : emulator.createAsset(service.sid, "served");
    const common = { serviceSid: service.sid, path: "/live", visibility: "public", content: Buffer.from("x") };
    const functionVersions =
      kind === "Function" ? [emulator.store.addVersion({ ...common, functionSid: parent.sid })] : [];
    const assetVersions =
      kind === "Asset"
        ? [emulator.store.addAssetVersion({ ...common, assetSid: parent.sid, contentType: "text/css" })]
        : [];
    const build = emulator.store.addBuild({
      serviceSid: service.sid,
      functionVersions,
      assetVersions,
      dependencies: [],
      runtime: "node22",
    });
    build.status = "completed";
    const environment = emulator.store.addEnvironment(service.sid, "live", null);
    emulator.store.addDeployment(environment, build.sid);
    const path = `${collection(service.sid)}/${parent.sid}`;

    const refused = await remove(path);

    expectTwilioError(refused, 409, 20409);
    expect(messageOf(refused)).toBe(
      `Cannot delete ${kind} ${parent.sid} because one of its Versions is part of an active Deployment.`,
    );
    expect((await get(path)).status).toBe(200);

    // A deployment without a build leaves the Environment serving nothing.
    const undeployed = await raw.postForm(
      `/v1/Services/${service.sid}/Environments/${environment.sid}/Deployments`,
      {},
    );
    expect(undeployed.status).toBe(201);
    expect((await remove(path)).status).toBe(204);
    expect((await get(path)).status).toBe(404);
    const versions = kind === "Function" ? emulator.store.versions : emulator.store.assetVersions;
    expect(versions).toEqual([]);
  });
});
