import path from "path";
import { PropertyBag, UNKNOWN, isBag } from "../../provider/model/wire";
import { DISTINCTIVE_SECRET, REPO, Stack, startStack } from "./fixture";
import { initFailure } from "./provider-process";

const CHAIN = path.join(REPO, "test", "engine", "programs", "chain");
type Kind = "Service" | "Function" | "Asset" | "Build" | "Environment" | "Deployment" | "Variable";
const urn = (kind: Kind, name = "r"): string =>
  `urn:pulumi:dev::chain-test::pulumi-nodejs:dynamic/twilio:${kind}::${name}`;
const sid = (prefix: string, digit = "0"): string => `${prefix}${digit.repeat(32)}`;

/** The serialized provider of every kind, as the chain program declares them. */
async function providersOf(stack: Stack): Promise<Record<string, unknown>> {
  const resources = await stack.capture({ uniqueName: "x", file: "hello.js", greeting: "x" });
  return Object.fromEntries(resources.map((r) => [r.type.slice(r.type.lastIndexOf(":") + 1), r.inputs.__provider]));
}

describe("the deploy chain's resources through the plugin", () => {
  let stack: Stack;
  let providers: Record<string, unknown>;
  const news = (kind: Kind, inputs: PropertyBag): PropertyBag => ({ __provider: providers[kind], ...inputs });
  const check = (kind: Kind, inputs: PropertyBag) => stack.plugin.check(urn(kind), {}, news(kind, inputs));
  /** Checks and creates; resolves with the id and outputs. */
  async function create(kind: Kind, inputs: PropertyBag): Promise<{ id: string; outs: PropertyBag }> {
    const checked = await check(kind, inputs);
    expect(checked.failures).toEqual([]);
    return stack.plugin.create(urn(kind), checked.inputs);
  }
  const diff = async (kind: Kind, id: string, olds: PropertyBag, inputs: PropertyBag) =>
    stack.plugin.diff(urn(kind), id, olds, (await check(kind, inputs)).inputs);

  beforeAll(async () => {
    stack = await startStack({ project: CHAIN });
    providers = await providersOf(stack);
  });
  afterAll(() => stack.stop());

  describe("check refuses bad input, naming the property, without any request", () => {
    const version = sid("ZN", "1");
    test.each<[Kind, PropertyBag, string, RegExp]>([
      ["Service", {}, "uniqueName", /^uniqueName is required$/],
      ["Service", { uniqueName: "a".repeat(51) }, "uniqueName", /51 characters long; Twilio allows at most 50/],
      ["Service", { uniqueName: "my service" }, "uniqueName", /only letters, digits and dashes/],
      ["Service", { uniqueName: "ok", friendlyName: "f".repeat(256) }, "friendlyName", /at most 255/],
      ["Service", { uniqueName: "ok", includeCredentials: "yes" }, "includeCredentials", /true or false/],
      [
        "Service",
        { uniqueName: "ok", uniquename: "ok" },
        "uniquename",
        /unknown property "uniquename" \(did you mean "uniqueName"\?\); Service takes/,
      ],
      ["Function", { serviceSid: sid("ZH"), friendlyName: "f" }, "serviceSid", /looks like a Function or Asset SID/],
      ["Asset", { serviceSid: sid("ZS") }, "friendlyName", /^friendlyName is required$/],
      ["Build", { serviceSid: sid("ZS") }, "functionVersions", /at least one Function Version or Asset Version/],
      ["Build", { serviceSid: sid("ZS"), functionVersions: version }, "functionVersions", /must be a list/],
      [
        "Build",
        { serviceSid: sid("ZS"), functionVersions: [sid("ZH")] },
        "functionVersions",
        /functionVersions\[0\].*looks like a Function or Asset SID/,
      ],
      ["Build", { serviceSid: sid("ZS"), assetVersions: [version, version] }, "assetVersions", /lists ZN1+ twice/],
      [
        "Build",
        { serviceSid: sid("ZS"), functionVersions: [version], dependencies: { "Bad Name": "1" } },
        "dependencies",
        /not an npm package name/,
      ],
      [
        "Build",
        { serviceSid: sid("ZS"), functionVersions: [version], dependencies: { lodash: "" } },
        "dependencies",
        /version of lodash/,
      ],
      [
        "Build",
        { serviceSid: sid("ZS"), functionVersions: [version], runtime: "22" },
        "runtime",
        /not a Twilio runtime; Twilio offers node20, node22, node24$/,
      ],
      ["Environment", { serviceSid: sid("ZS"), uniqueName: "e".repeat(101) }, "uniqueName", /at most 100/],
      [
        "Environment",
        { serviceSid: sid("ZS"), uniqueName: "dev", domainSuffix: "a.b" },
        "domainSuffix",
        /letters, digits and dashes/,
      ],
      [
        "Environment",
        { serviceSid: sid("ZS"), uniqueName: "dev", domainSuffix: "s".repeat(17) },
        "domainSuffix",
        /at most 16/,
      ],
      [
        "Deployment",
        { serviceSid: sid("ZS"), environmentSid: sid("ZE"), buildSid: version },
        "buildSid",
        /looks like a Function Version/,
      ],
      ["Variable", { serviceSid: sid("ZS"), environmentSid: sid("ZE"), value: "v" }, "key", /^key is required$/],
      [
        "Variable",
        { serviceSid: sid("ZS"), environmentSid: sid("ZE"), key: "K", value: DISTINCTIVE_SECRET.repeat(20) },
        "value",
        /^value is \d+ bytes long; Twilio allows at most 450$/,
      ],
    ])("%s %j: %s", async (kind, inputs, property, reason) => {
      const before = stack.emulator.requests.length;
      const answer = await check(kind, inputs);
      expect(answer.failures).toEqual([{ property, reason: expect.stringMatching(reason) }]);
      expect(JSON.stringify(answer.failures)).not.toContain(DISTINCTIVE_SECRET);
      expect(stack.emulator.requests.length).toBe(before);
    });

    it("passes values unknown in a preview", async () => {
      const answer = await check("Build", { serviceSid: UNKNOWN, functionVersions: [UNKNOWN], dependencies: UNKNOWN });
      expect(answer.failures).toEqual([]);
    });
  });

  describe("Service", () => {
    let id: string;
    let outs: PropertyBag;

    it("is created with Twilio's defaults filled in, every output defined", async () => {
      ({ id, outs } = await create("Service", { uniqueName: "svc-one" }));
      expect(outs).toMatchObject({
        sid: id,
        uniqueName: "svc-one",
        friendlyName: "svc-one",
        includeCredentials: true,
        uiEditable: false,
        domainBase: expect.stringMatching(/^svc-one-\d{4}$/),
      });
      expect(Object.values(outs).every((v) => v !== undefined)).toBe(true);
    });

    it("finds no change in the same inputs, and updates the friendly name in place", async () => {
      expect(await diff("Service", id, outs, { uniqueName: "svc-one" })).toMatchObject({ changes: "none" });
      const changed = { uniqueName: "svc-one", friendlyName: "Service One", uiEditable: true };
      expect(await diff("Service", id, outs, changed)).toMatchObject({ changes: "some", replaces: [] });
      outs = await stack.plugin.update(urn("Service"), id, outs, (await check("Service", changed)).inputs);
      expect(outs).toMatchObject({ sid: id, friendlyName: "Service One", uiEditable: true });
      expect(stack.emulator.store.services.get(id)).toMatchObject({ friendlyName: "Service One", uiEditable: true });
    });

    it("is replaced for a new unique name", async () => {
      expect(await diff("Service", id, outs, { uniqueName: "svc-two" })).toMatchObject({
        replaces: ["uniqueName"],
        deleteBeforeReplace: false,
      });
    });

    it("shows a change made in the Console after a refresh, as drift to undo", async () => {
      const record = stack.emulator.store.services.get(id);
      if (record === undefined) throw new Error("service gone");
      record.friendlyName = "renamed in the Console";
      const read = await stack.plugin.read(urn("Service"), id, outs, {});
      expect(read.props.friendlyName).toBe("renamed in the Console");
      const program = { uniqueName: "svc-one", friendlyName: "Service One", uiEditable: true };
      expect(await diff("Service", id, read.props, program)).toMatchObject({ changes: "some", replaces: [] });
    });

    it("is deleted, and a second delete or a refresh finds it gone without failing", async () => {
      await stack.plugin.delete(urn("Service"), id, outs);
      expect(stack.emulator.store.services.has(id)).toBe(false);
      await stack.plugin.delete(urn("Service"), id, outs);
      expect((await stack.plugin.read(urn("Service"), id, outs, {})).id).toBe("");
    });

    it("says what to do when the unique name is taken", async () => {
      await expect(create("Service", { uniqueName: "example" })).rejects.toMatchObject({
        details: expect.stringMatching(
          /Service "example" \(ZS[0-9a-f]{32}\) already exists in this account and holds 1 Function, so it is not a leftover/,
        ),
      });
    });
  });

  describe("Function and Asset", () => {
    it.each<Kind>(["Function", "Asset"])(
      "%s: created, renamed in place, replaced for another service, deleted",
      async (kind) => {
        const { id, outs } = await create(kind, { serviceSid: stack.serviceSid, friendlyName: "one" });
        expect(outs).toMatchObject({ sid: id, serviceSid: stack.serviceSid, friendlyName: "one" });
        expect(await diff(kind, id, outs, { serviceSid: stack.serviceSid, friendlyName: "two" })).toMatchObject({
          changes: "some",
          replaces: [],
        });
        const two = (await check(kind, { serviceSid: stack.serviceSid, friendlyName: "two" })).inputs;
        const renamed = await stack.plugin.update(urn(kind), id, outs, two);
        expect(renamed.friendlyName).toBe("two");
        expect(await diff(kind, id, renamed, { serviceSid: sid("ZS", "a"), friendlyName: "two" })).toMatchObject({
          replaces: ["serviceSid"],
        });
        await stack.plugin.delete(urn(kind), id, renamed);
        expect((await stack.plugin.read(urn(kind), id, renamed, {})).id).toBe("");
      },
    );
  });

  describe("Build, Environment, Deployment and Variable", () => {
    let version: string;
    let build: { id: string; outs: PropertyBag };
    let environment: { id: string; outs: PropertyBag };
    const env = (): PropertyBag => ({ serviceSid: stack.serviceSid, environmentSid: environment.id });

    beforeAll(() => {
      version = stack.emulator.store.addVersion({
        serviceSid: stack.serviceSid,
        functionSid: stack.functionSid,
        path: "/hello",
        visibility: "public",
        content: Buffer.from("exports.handler = (c, e, cb) => cb(null, 'hi');"),
      }).sid;
    });

    it("a Build waits until completed, keeping the user's dependencies apart from Twilio's", async () => {
      build = await create("Build", {
        serviceSid: stack.serviceSid,
        functionVersions: [version],
        dependencies: { lodash: "4" },
      });
      expect(build.outs).toMatchObject({
        status: "completed",
        runtime: "node22",
        functionVersions: [version],
        assetVersions: [],
        dependencies: { lodash: "4" },
        twilioDependencies: expect.arrayContaining([
          { name: "lodash", version: "4" },
          expect.objectContaining({ name: "twilio" }),
        ]),
      });
      const polls = stack.emulator.requests.filter((r) => r.path.endsWith(`/Builds/${build.id}/Status`));
      expect(polls.length).toBeGreaterThanOrEqual(1);
    });

    it("a Build left without a runtime never differs from the one Twilio chose", async () => {
      const same = { serviceSid: stack.serviceSid, functionVersions: [version], dependencies: { lodash: "4" } };
      expect(await diff("Build", build.id, build.outs, same)).toMatchObject({ changes: "none" });
      expect(await diff("Build", build.id, build.outs, { ...same, runtime: "node20" })).toMatchObject({
        replaces: ["runtime"],
      });
      expect(await diff("Build", build.id, build.outs, { ...same, dependencies: { lodash: "5" } })).toMatchObject({
        replaces: ["dependencies"],
      });
    });

    it("an Environment serves at https:// and its domain name; a replacement keeping a name deletes first", async () => {
      environment = await create("Environment", {
        serviceSid: stack.serviceSid,
        uniqueName: "stage",
        domainSuffix: "stage",
      });
      expect(environment.outs).toMatchObject({
        buildSid: null,
        domainSuffix: "stage",
        url: `https://${String(environment.outs.domainName)}`,
      });
      const keepSuffix = { serviceSid: stack.serviceSid, uniqueName: "staging", domainSuffix: "stage" };
      expect(await diff("Environment", environment.id, environment.outs, keepSuffix)).toMatchObject({
        replaces: ["uniqueName"],
        deleteBeforeReplace: true,
      });
      const newBoth = { serviceSid: stack.serviceSid, uniqueName: "staging", domainSuffix: "stg" };
      expect(await diff("Environment", environment.id, environment.outs, newBoth)).toMatchObject({
        deleteBeforeReplace: false,
      });
    });

    it("a Deployment makes the build live, and records the live one when Twilio says it already is", async () => {
      const first = await create("Deployment", { ...env(), buildSid: build.id });
      expect(stack.emulator.liveBuild(environment.id)?.sid).toBe(build.id);
      const again = await create("Deployment", { ...env(), buildSid: build.id });
      expect(again.id).toBe(first.id);
      const refreshed = await stack.plugin.read(urn("Environment"), environment.id, environment.outs, {});
      expect(refreshed.props.buildSid).toBe(build.id);
    });

    it("a Function whose version is live is not deleted, and the error says why", async () => {
      const fn = { __provider: providers.Function, serviceSid: stack.serviceSid, friendlyName: "hello" };
      await expect(stack.plugin.delete(urn("Function"), stack.functionSid, fn)).rejects.toMatchObject({
        details: expect.stringContaining("has a version in the build that is live"),
      });
    });

    it("a Variable's value changes in place and appears in no error", async () => {
      const variable = await create("Variable", { ...env(), key: "GREETING", value: DISTINCTIVE_SECRET });
      expect(
        await diff("Variable", variable.id, variable.outs, { ...env(), key: "GREETING", value: "hi" }),
      ).toMatchObject({
        changes: "some",
        replaces: [],
      });
      stack.emulator.faults.add({
        method: "POST",
        path: /\/Variables$/,
        action: {
          kind: "status",
          status: 400,
          body: JSON.stringify({ code: 20001, message: `Value ${DISTINCTIVE_SECRET} rejected`, status: 400 }),
        },
      });
      const failure = await create("Variable", { ...env(), key: "OTHER", value: DISTINCTIVE_SECRET }).catch(
        (err: unknown) => err,
      );
      expect(JSON.stringify(failure) + String(failure)).toContain("[REDACTED]");
      expect(JSON.stringify(failure) + String(failure) + stack.plugin.output.join("\n")).not.toContain(
        DISTINCTIVE_SECRET,
      );
    });

    it("a failed Build is deleted and reported with its SID, runtime and dependencies", async () => {
      stack.emulator.builds.failNext();
      const failure = await create("Build", {
        serviceSid: stack.serviceSid,
        functionVersions: [version],
        dependencies: { left: "1.3.0" },
      }).then(
        () => "created",
        (err: unknown) => (isBag(err) && typeof err.details === "string" ? err.details : String(err)),
      );
      expect(failure).toMatch(
        /Build ZB[0-9a-f]{32} failed on runtime node22 with dependencies .*left@1\.3\.0.*; it was deleted/,
      );
      const failedSid = /Build (ZB[0-9a-f]{32})/.exec(failure)?.[1] ?? "";
      expect(stack.emulator.store.builds.has(failedSid)).toBe(false);
    });

    it("a Deployment deleted after another made a newer build live sends nothing; deleted while live, it takes the build offline", async () => {
      const second = await create("Build", { serviceSid: stack.serviceSid, functionVersions: [version] });
      const older = await stack.plugin
        .read(urn("Deployment"), "", { ...env(), buildSid: build.id }, {})
        .catch(() => undefined);
      expect(older).toBeUndefined();
      const newer = await create("Deployment", { ...env(), buildSid: second.id });
      const before = stack.emulator.requests.length;
      await stack.plugin.delete(urn("Deployment"), "ZD-old", {
        __provider: providers.Deployment,
        ...env(),
        buildSid: build.id,
      });
      expect(stack.emulator.requests.slice(before).map((r) => r.method)).toEqual(["GET"]);
      await stack.plugin.delete(urn("Deployment"), newer.id, newer.outs);
      expect(stack.emulator.liveBuild(environment.id)).toBeUndefined();
    });
  });
});

describe("a create whose answer is lost after Twilio stored it", () => {
  let stack: Stack;
  let providers: Record<string, unknown>;
  let environmentSid: string;
  let versionSid: string;
  beforeAll(async () => {
    stack = await startStack({ project: CHAIN });
    providers = await providersOf(stack);
    versionSid = stack.emulator.store.addVersion({
      serviceSid: stack.serviceSid,
      functionSid: stack.functionSid,
      path: "/lost",
      visibility: "public",
      content: Buffer.from("exports.handler = () => {};"),
    }).sid;
    environmentSid = stack.emulator.store.addEnvironment(stack.serviceSid, "lost", "lost").sid;
  });
  afterAll(() => stack.stop());

  test.each<[Kind, () => PropertyBag, RegExp, () => number]>([
    ["Service", () => ({ uniqueName: "lost-answer" }), /\/v1\/Services$/, () => stack.emulator.store.services.size],
    [
      "Function",
      () => ({ serviceSid: stack.serviceSid, friendlyName: "lost" }),
      /\/Functions$/,
      () => stack.emulator.store.functions.size,
    ],
    [
      "Environment",
      () => ({ serviceSid: stack.serviceSid, uniqueName: "lost-env" }),
      /\/Environments$/,
      () => stack.emulator.store.environments.size,
    ],
    [
      "Variable",
      () => ({ serviceSid: stack.serviceSid, environmentSid, key: "LOST", value: "v" }),
      /\/Variables$/,
      () => stack.emulator.store.variables.size,
    ],
    [
      "Build",
      () => ({ serviceSid: stack.serviceSid, functionVersions: [versionSid] }),
      /\/Builds$/,
      () => stack.emulator.store.builds.size,
    ],
  ])("%s: found before it is sent again, so there is one", async (kind, inputs, path, count) => {
    const before = count();
    stack.emulator.faults.add({ method: "POST", path, action: { kind: "status", status: 502, processed: true } });
    const checked = await stack.plugin.check(urn(kind), {}, { __provider: providers[kind], ...inputs() });
    const created = await stack.plugin.create(urn(kind), checked.inputs);
    expect(count()).toBe(before + 1);
    expect(created.id).toMatch(/^Z[SHEVB][0-9a-f]{32}$/);
    const posts = stack.emulator.requests.filter((r) => r.method === "POST" && path.test(r.path));
    expect(posts.map((r) => r.status)).toEqual([502]);
  });
});

describe("a Build slower than twilio:buildTimeoutSeconds", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ project: CHAIN, configure: false });
    await stack.plugin.configure({ ...stack.twilioConfig, "twilio:buildTimeoutSeconds": "1" }, ["twilio:apiSecret"]);
  });
  afterAll(() => stack.stop());

  it("is kept in the stack as a partial failure, read by refresh, finished by the next up or replaced if it failed", async () => {
    const providers = await providersOf(stack);
    const version = stack.emulator.store.addVersion({
      serviceSid: stack.serviceSid,
      functionSid: stack.functionSid,
      path: "/slow",
      visibility: "public",
      content: Buffer.from("exports.handler = () => {};"),
    }).sid;
    stack.emulator.builds.hold();
    const inputs = { __provider: providers.Build, serviceSid: stack.serviceSid, functionVersions: [version] };
    const checked = await stack.plugin.check(urn("Build"), {}, inputs);
    const err = await stack.plugin.create(urn("Build"), checked.inputs).catch((e: unknown) => e);
    const kept = initFailure(err);
    expect(kept?.id).toMatch(/^ZB/);
    expect(kept?.properties).toMatchObject({ status: "building", __provider: providers.Build });
    expect(kept?.reasons[0]).toMatch(/still building after 1 s .*kept in the stack/);
    const olds = kept?.properties ?? {};
    const id = kept?.id ?? "";
    expect(await stack.plugin.diff(urn("Build"), id, olds, checked.inputs)).toMatchObject({
      changes: "some",
      replaces: [],
    });
    stack.emulator.builds.release();
    const refreshed = await stack.plugin.read(urn("Build"), id, olds, checked.inputs);
    expect(refreshed.props.status).toBe("completed");
    expect(await stack.plugin.diff(urn("Build"), id, refreshed.props, checked.inputs)).toMatchObject({
      changes: "none",
    });
    expect(await stack.plugin.update(urn("Build"), id, olds, checked.inputs)).toMatchObject({ status: "completed" });
    expect(await stack.plugin.diff(urn("Build"), id, { ...olds, status: "failed" }, checked.inputs)).toMatchObject({
      replaces: ["status"],
    });
  });
});
