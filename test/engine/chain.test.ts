import fs from "fs";
import path from "path";
import { RecordedRequest } from "../emulator/server";
import { StateEntry } from "./engine";
import { DISTINCTIVE_SECRET, REPO, Stack, startStack } from "./fixture";
import { ProviderProcess } from "./provider-process";
import { ops, requestsSince, shape } from "./shapes";

const CHAIN = path.join(REPO, "test", "engine", "programs", "chain");

describe("the whole deploy chain through the engine protocol", () => {
  let stack: Stack;
  let file: string;
  const config: Record<string, string> = {};
  const entry = (name: string): StateEntry => {
    const found = stack.engine.state.find((e) => e.name === name);
    if (found === undefined) throw new Error(`${name} is not in the stack`);
    return found;
  };
  /** The requests the next step makes. */
  let made: () => RecordedRequest[];
  /** What the plugins stopped before the current one printed. */
  const earlierOutput: string[] = [];

  beforeAll(async () => {
    stack = await startStack({ project: CHAIN });
    file = path.join(stack.tmp, "hello.js");
    fs.writeFileSync(file, "exports.handler = (c, e, cb) => cb(null, `hello ${c.GREETING}`);");
    Object.assign(config, { uniqueName: "chain-test", file, greeting: DISTINCTIVE_SECRET });
    made = requestsSince(stack.emulator);
  });
  afterAll(() => stack.stop());

  it("previews every resource as a create, without a request", async () => {
    expect(ops(await stack.preview(config))).toEqual({
      service: "create",
      hello: "create",
      logo: "create",
      "hello-version": "create",
      build: "create",
      environment: "create",
      deployment: "create",
      greeting: "create",
    });
    expect(made()).toEqual([]);
  });

  it("creates the chain in order and leaves the build live in the environment", async () => {
    await stack.up(config);
    const requests = shape(made());
    // Each resource is created once those whose SIDs it takes exist, in whatever order the
    // program registers the rest.
    expect([...requests].sort()).toEqual(
      [
        "POST /v1/Services",
        "POST /v1/Services/ZS/Functions",
        "POST /v1/Services/ZS/Assets",
        "POST /v1/Services/ZS/Functions/ZH/Versions",
        "POST /v1/Services/ZS/Builds",
        "GET /v1/Services/ZS/Builds",
        "POST /v1/Services/ZS/Environments",
        "POST /v1/Services/ZS/Environments/ZE/Deployments",
        "POST /v1/Services/ZS/Environments/ZE/Variables",
      ].sort(),
    );
    const at = (request: string): number => requests.indexOf(request);
    expect(at("POST /v1/Services/ZS/Functions/ZH/Versions")).toBeLessThan(at("POST /v1/Services/ZS/Builds"));
    expect(at("POST /v1/Services/ZS/Builds")).toBeLessThan(at("POST /v1/Services/ZS/Environments/ZE/Deployments"));
    const environment = entry("environment").outputs;
    const build = entry("build").outputs;
    expect(build).toMatchObject({
      status: "completed",
      functionVersions: [entry("hello-version").id],
      dependencies: { lodash: "^4.17.21" },
      runtime: "node22",
    });
    expect(build.twilioDependencies).toEqual(
      expect.arrayContaining([{ name: "lodash", version: "^4.17.21" }, expect.objectContaining({ name: "twilio" })]),
    );
    expect(environment.url).toBe(`https://${String(environment.domainName)}`);
    expect(environment.domainName).toMatch(/^chain-test-\d{4}-dev\.twil\.io$/);
    expect(entry("deployment").outputs.buildSid).toBe(entry("build").id);
    expect(stack.emulator.liveBuild(entry("environment").id)?.sid).toBe(entry("build").id);
  });

  it("finds nothing to change and makes no request on the next up", async () => {
    expect(new Set(Object.values(ops(await stack.up(config))))).toEqual(new Set(["same"]));
    expect(made()).toEqual([]);
  });

  it("replaces only the version, the build and the deployment when the code changes, the old build deleted once the new one is live", async () => {
    const oldBuild = entry("build").id;
    fs.writeFileSync(file, "exports.handler = (c, e, cb) => cb(null, 'hello again');");
    expect(ops(await stack.preview(config))).toMatchObject({
      "hello-version": "replace content",
      build: "replace functionVersions",
      deployment: "replace buildSid",
      service: "same",
      hello: "same",
      environment: "same",
      greeting: "same",
    });
    made();
    // On a plugin of its own, as each "pulumi up" starts one: the deployment it replaces was made
    // by an earlier one, and the new one made in this up shows the old build is no longer live.
    const plugin = await ProviderProcess.start({ cwd: stack.project.programDir, project: stack.project.name });
    await plugin.configure(stack.twilioConfig, ["twilio:apiSecret"]);
    await stack.plugin.stop();
    earlierOutput.push(...stack.plugin.output);
    stack.plugin = plugin;
    stack.engine.usePlugin(plugin);
    await stack.up(config);
    expect(shape(made())).toEqual([
      "POST /v1/Services/ZS/Functions/ZH/Versions",
      "POST /v1/Services/ZS/Builds",
      "GET /v1/Services/ZS/Builds",
      "POST /v1/Services/ZS/Environments/ZE/Deployments",
      "DELETE /v1/Services/ZS/Builds/ZB",
    ]);
    expect(stack.emulator.liveBuild(entry("environment").id)?.sid).toBe(entry("build").id);
    expect(stack.emulator.requests.at(-1)?.path).toContain(oldBuild);
  });

  it("updates a changed variable in place, and nothing else", async () => {
    const sid = entry("greeting").id;
    expect(ops(await stack.up({ ...config, greeting: "hi" }))).toMatchObject({ greeting: "update value" });
    expect(shape(made())).toEqual(["POST /v1/Services/ZS/Environments/ZE/Variables/ZV"]);
    expect(entry("greeting").id).toBe(sid);
    expect(entry("greeting").outputs.value).toBe("hi");
    config.greeting = "hi";
  });

  it("sends the variable's value as a secret, and never shows it in the plugin's output", async () => {
    const greeting = (await stack.capture(config)).find((r) => r.name === "greeting");
    expect(greeting?.secrets).toEqual(["value"]);
    expect([...earlierOutput, ...stack.plugin.output].join("\n")).not.toContain(DISTINCTIVE_SECRET);
  });

  it("renames the environment by deleting the old one first (its domain suffix stays), then deploying again", async () => {
    const steps = ops(await stack.up({ ...config, environment: "staging" }));
    expect(steps).toMatchObject({
      environment: "replace uniqueName",
      deployment: "replace environmentSid",
      greeting: "replace environmentSid",
      build: "same",
    });
    const requests = shape(made());
    expect(requests.indexOf("DELETE /v1/Services/ZS/Environments/ZE")).toBeLessThan(
      requests.indexOf("POST /v1/Services/ZS/Environments"),
    );
    expect(entry("environment").outputs.uniqueName).toBe("staging");
    expect(stack.emulator.liveBuild(entry("environment").id)?.sid).toBe(entry("build").id);
    config.environment = "staging";
  });

  it("drops a purged build on refresh and builds it again on the next up", async () => {
    const purged = entry("build").id;
    // Twilio deletes builds no environment serves: this one is taken offline behind the stack's back.
    const environment = stack.emulator.store.environments.get(entry("environment").id);
    if (environment === undefined) throw new Error("the environment is gone");
    environment.buildSid = null;
    expect(stack.emulator.purgeBuild(purged)).toBe(true);
    const refreshed = Object.fromEntries((await stack.engine.refresh()).map((s) => [s.name, s.op]));
    expect(refreshed.build).toBe("gone");
    expect(ops(await stack.up(config))).toMatchObject({ build: "create", deployment: "replace buildSid" });
    expect(stack.emulator.liveBuild(entry("environment").id)?.sid).toBe(entry("build").id);
    made();
  });

  it("destroys everything, leaving nothing live and nothing in the emulator but versions Twilio purges", async () => {
    await stack.engine.destroy();
    expect(stack.engine.state).toEqual([]);
    expect(stack.emulator.store.services.size).toBe(1);
    expect([...stack.emulator.store.services.values()].map((s) => s.uniqueName)).toEqual(["example"]);
    const requests = shape(made());
    expect([...requests].sort()).toEqual(
      [
        "DELETE /v1/Services/ZS/Environments/ZE/Variables/ZV",
        "GET /v1/Services/ZS/Environments/ZE",
        "POST /v1/Services/ZS/Environments/ZE/Deployments",
        "DELETE /v1/Services/ZS/Environments/ZE",
        "DELETE /v1/Services/ZS/Builds/ZB",
        "DELETE /v1/Services/ZS/Functions/ZH",
        "DELETE /v1/Services/ZS/Assets/ZH",
        "DELETE /v1/Services/ZS",
      ].sort(),
    );
    // The deployment takes its build offline before the build goes; the service goes last.
    const at = (request: string): number => requests.indexOf(request);
    expect(at("POST /v1/Services/ZS/Environments/ZE/Deployments")).toBeLessThan(at("DELETE /v1/Services/ZS/Builds/ZB"));
    expect(at("DELETE /v1/Services/ZS")).toBe(requests.length - 1);
  });
});

describe("the whole deploy chain under 429s and 5xx", () => {
  let stack: Stack;
  afterAll(() => stack.stop());

  it("completes with one of each resource and the build live, whatever Twilio processed before failing", async () => {
    stack = await startStack({ project: CHAIN });
    const file = path.join(stack.tmp, "hello.js");
    fs.writeFileSync(file, "exports.handler = (c, e, cb) => cb(null, 'under load');");
    const { faults } = stack.emulator;
    // Throttled before anything is processed, on both hosts. Each throttle counts as an attempt,
    // and the backoff before the attempt after a processed 502 doubles with each: six on one
    // request would leave the deploy sleeping for five to ten seconds.
    for (const host of ["api", "upload"] as const) {
      faults.add({ host, action: { kind: "status", status: 429, retryAfter: "0" }, times: 3 });
    }
    // Failed after the create was processed: a resend would make a second one.
    for (const path of [/\/Services$/, /\/Functions$/, /\/Versions$/, /\/Builds$/, /\/Environments$/, /\/Variables$/]) {
      faults.add({ method: "POST", path, action: { kind: "status", status: 502, processed: true } });
    }
    // Failed before: the status poll and the deployment are simply asked again.
    faults.add({ method: "GET", path: /\/Status$/, action: { kind: "status", status: 503 } });
    faults.add({ method: "POST", path: /\/Deployments$/, action: { kind: "drop" } });

    await stack.up({ uniqueName: "under-load", file, greeting: "hi" });
    const { store } = stack.emulator;
    const mine = [...store.services.values()].filter((s) => s.uniqueName === "under-load");
    expect(mine).toHaveLength(1);
    const serviceSid = mine[0].sid;
    const count = (records: Map<string, { serviceSid: string }>): number =>
      [...records.values()].filter((r) => r.serviceSid === serviceSid).length;
    expect([count(store.functions), count(store.assets), count(store.builds), count(store.environments)]).toEqual([
      1, 1, 1, 1,
    ]);
    expect(store.versions.filter((v) => v.serviceSid === serviceSid)).toHaveLength(1);
    expect([...store.variables.values()].filter((v) => v.serviceSid === serviceSid)).toHaveLength(1);
    const environment = stack.engine.state.find((e) => e.name === "environment");
    const build = stack.engine.state.find((e) => e.name === "build");
    expect(stack.emulator.liveBuild(String(environment?.id))?.sid).toBe(build?.id);
    const statuses = stack.emulator.requests.map((r) => r.status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(6);
    expect(statuses.filter((s) => s === 502)).toHaveLength(6);
  });
});
