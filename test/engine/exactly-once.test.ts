import fs from "fs";
import path from "path";
import { FaultAction, FaultRule } from "../emulator/faults";
import { RecordedRequest } from "../emulator/server";
import { Engine } from "./engine";
import { REPO, Stack, startStack } from "./fixture";
import { ProviderProcess } from "./provider-process";

const PROGRAM = path.join(REPO, "test", "engine", "programs", "serverless-project");
const SID = "[A-Z]{2}[0-9a-f]{32}";

/** The nine creates of a first deploy, as the requests that make them. */
const CREATES: Array<[string, Pick<FaultRule, "host" | "path">]> = [
  ["Service", { host: "api", path: /^\/v1\/Services$/ }],
  ["Function", { host: "api", path: new RegExp(`^/v1/Services/${SID}/Functions$`) }],
  ["Asset", { host: "api", path: new RegExp(`^/v1/Services/${SID}/Assets$`) }],
  ["FunctionVersion", { host: "upload", path: /\/Functions\/ZH[0-9a-f]{32}\/Versions$/ }],
  ["AssetVersion", { host: "upload", path: /\/Assets\/ZH[0-9a-f]{32}\/Versions$/ }],
  ["Build", { host: "api", path: new RegExp(`^/v1/Services/${SID}/Builds$`) }],
  ["Environment", { host: "api", path: new RegExp(`^/v1/Services/${SID}/Environments$`) }],
  ["Deployment", { host: "api", path: /\/Deployments$/ }],
  ["Variable", { host: "api", path: /\/Variables$/ }],
];

/** Answers that leave open whether Twilio made what was asked. */
const AMBIGUOUS: Array<[string, FaultAction]> = [
  ["a 500 after Twilio processed it", { kind: "status", status: 500, processed: true }],
  ["an empty 504 after Twilio processed it", { kind: "status", status: 504, body: "", processed: true }],
  ["a truncated 2xx", { kind: "truncate" }],
  ["an HTML page with status 200", { kind: "nonJson" }],
  ["a connection dropped after Twilio processed it", { kind: "drop", processed: true }],
];

const handler = (answer: string): string => `exports.handler = (c, e, cb) => cb(null, ${JSON.stringify(answer)});`;

function writeProject(dir: string): void {
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "once-app", dependencies: {} }),
    "functions/hello.js": handler("hello"),
    "assets/style.css": "body { color: red; }",
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("every create is exactly once, whatever happens to its answer or its deploy", () => {
  let stack: Stack;
  let dir: string;
  let n = 0;

  beforeAll(async () => {
    stack = await startStack({ project: PROGRAM });
    dir = path.join(stack.tmp, "app");
    writeProject(dir);
  });
  afterEach(() => {
    stack.emulator.faults.clear();
  });
  afterAll(() => stack.stop());

  /** A new stack of the program, deploying a Service of its own. */
  function newStack(config: Record<string, string> = {}): { engine: Engine; config: Record<string, string> } {
    n++;
    const engine = new Engine(stack.plugin, stack.project, `once${n}`);
    const all: Record<string, string> = { directory: dir, variables: JSON.stringify({ GREETING: "hi" }), ...config };
    if (!("existingServiceSid" in config)) all.uniqueName = `once-app-${n}`;
    return { engine, config: stack.programConfig(all) };
  }

  const serviceNamed = (uniqueName: string): string => {
    const found = [...stack.emulator.store.services.values()].filter((s) => s.uniqueName === uniqueName);
    expect(found).toHaveLength(1);
    return found[0].sid;
  };

  /** Everything in the Service, counted: one of each, or a duplicate shows. */
  function inventory(serviceSid: string): Record<string, number> {
    const { store } = stack.emulator;
    const inService = <T extends { serviceSid: string }>(items: Iterable<T>): T[] =>
      [...items].filter((i) => i.serviceSid === serviceSid);
    const environments = inService(store.environments.values());
    return {
      functions: inService(store.functions.values()).length,
      assets: inService(store.assets.values()).length,
      functionVersions: inService(store.versions).length,
      assetVersions: inService(store.assetVersions).length,
      builds: inService(store.builds.values()).length,
      environments: environments.length,
      deployments: inService(store.deployments.values()).length,
      variables: inService(store.variables.values()).length,
      liveEnvironments: environments.filter((e) => e.buildSid !== null).length,
    };
  }

  const ONE_OF_EVERYTHING = {
    functions: 1,
    assets: 1,
    functionVersions: 1,
    assetVersions: 1,
    builds: 1,
    environments: 1,
    deployments: 1,
    variables: 1,
    liveEnvironments: 1,
  };

  /** The live build serves what the stack holds, and an up with nothing changed sends nothing. */
  async function expectConverged(engine: Engine, config: Record<string, string>, serviceSid: string): Promise<void> {
    const build = engine.state.find((e) => e.type.endsWith(":Build"));
    const environment = engine.state.find((e) => e.type.endsWith(":Environment"));
    expect(stack.emulator.liveBuild(String(environment?.id))?.sid).toBe(build?.id);
    for (const entry of engine.state.filter((e) => !e.component)) {
      expect(entry.id).toMatch(new RegExp(`^${SID}$`));
    }
    const domain = String(environment?.outputs.domainName);
    const response = await fetch(stack.emulator.runtimeUrl(domain, "/hello"));
    expect(`${response.status} ${await response.text()}`).toBe("200 hello");
    const before = stack.emulator.requests.length;
    const steps = await engine.up({ config });
    expect(steps.every((s) => s.op === "same")).toBe(true);
    expect(stack.emulator.requests.slice(before)).toEqual([]);
    expect(serviceNamed(String(engine.state.find((e) => e.type.endsWith(":Service"))?.outputs.uniqueName))).toBe(
      serviceSid,
    );
  }

  const conflictsIn = (requests: RecordedRequest[]): RecordedRequest[] => requests.filter((r) => r.status === 409);

  describe.each(AMBIGUOUS)("after %s", (_name, action) => {
    it("on each of the nine creates, a first deploy and its rerun make one of everything", async () => {
      const { engine, config } = newStack();
      const since = stack.emulator.requests.length;
      for (const [, match] of CREATES) stack.emulator.faults.add({ ...match, method: "POST", action });
      const first = await engine.up({ config }).then(
        () => undefined,
        (err: unknown) => err,
      );
      if (first !== undefined) await engine.up({ config });
      // Every create met the fault.
      for (const [kind, match] of CREATES) {
        const met = stack.emulator.requests
          .slice(since)
          .filter((r) => r.method === "POST" && r.host === match.host && match.path?.test(r.path));
        expect([kind, met.length > 0]).toEqual([kind, true]);
      }
      const serviceSid = serviceNamed(config[`${stack.project.name}:uniqueName`]);
      expect(inventory(serviceSid)).toEqual(ONE_OF_EVERYTHING);
      expect(conflictsIn(stack.emulator.requests.slice(since))).toEqual([]);
      await expectConverged(engine, config, serviceSid);
    });
  });

  it("keeps a created Service whose answer showed only its SID, and converges on the next up", async () => {
    const { engine, config } = newStack();
    const uniqueName = config[`${stack.project.name}:uniqueName`];
    stack.emulator.faults.add({ ...CREATES[0][1], method: "POST", action: { kind: "truncate" } });
    stack.emulator.faults.add({
      host: "api",
      method: "GET",
      path: /^\/v1\/Services\/ZS/,
      action: { kind: "status", status: 404 },
    });
    await expect(engine.up({ config })).rejects.toMatchObject({
      details: expect.stringMatching(
        /Twilio created Service ZS[0-9a-f]{32} \(Service "once-app-\d+"\) but its answer was unreadable/,
      ),
    });
    const serviceSid = serviceNamed(uniqueName);
    expect(engine.state.find((e) => e.type.endsWith(":Service"))?.id).toBe(serviceSid);
    await engine.up({ config });
    expect(inventory(serviceSid)).toEqual(ONE_OF_EVERYTHING);
    await engine.refresh();
    expect(engine.state.find((e) => e.type.endsWith(":Service"))?.outputs.domainBase).toMatch(/^once-app-\d+-\d{4}$/);
    await expectConverged(engine, config, serviceSid);
  });

  describe("a deploy killed while a create is under way, then refreshed and run again", () => {
    /** Starts the up, kills the plugin once `reached` holds, and brings a new plugin for the next command. */
    async function killDuring(
      engine: Engine,
      config: Record<string, string>,
      reached: () => boolean,
      hold?: Pick<FaultRule, "host" | "path">,
    ): Promise<void> {
      if (hold) {
        stack.emulator.faults.add({ ...hold, method: "POST", action: { kind: "delay", ms: 5_000, processed: true } });
      }
      const up = engine.up({ config }).then(
        () => undefined,
        (err: unknown) => err,
      );
      await waitFor("the step to kill in", reached);
      await stack.plugin.kill();
      expect(await up).toBeDefined();
      stack.emulator.faults.clear();
      const plugin = await ProviderProcess.start({ cwd: stack.project.programDir, project: stack.project.name });
      await plugin.configure(stack.twilioConfig, ["twilio:apiSecret"]);
      stack.plugin = plugin;
      engine.usePlugin(plugin);
      expect(engine.pendingCreates.length).toBeGreaterThan(0);
      await expect(engine.up({ config })).rejects.toThrow(/pending operations/);
      await engine.refresh();
    }

    /** The SID of the Service named so, once there is one. */
    const serviceSidOf = (name: string): string | undefined =>
      [...stack.emulator.store.services.values()].find((s) => s.uniqueName === name)?.sid;
    const inService = (name: string, items: Iterable<{ serviceSid: string }>): boolean => {
      const sid = serviceSidOf(name);
      return sid !== undefined && [...items].some((i) => i.serviceSid === sid);
    };

    test.each<[string, (name: string) => boolean, Pick<FaultRule, "host" | "path"> | undefined]>([
      ["the Service create", (name) => serviceSidOf(name) !== undefined, CREATES[0][1]],
      ["the Function creates", (name) => inService(name, stack.emulator.store.functions.values()), CREATES[1][1]],
      ["the uploads", (name) => inService(name, stack.emulator.store.versions), CREATES[3][1]],
      [
        "the build wait",
        (name) =>
          inService(
            name,
            [...stack.emulator.store.builds.values()].filter((b) => b.status === "building"),
          ),
        undefined,
      ],
      ["the Environment create", (name) => inService(name, stack.emulator.store.environments.values()), CREATES[6][1]],
      ["the Variable create", (name) => inService(name, stack.emulator.store.variables.values()), CREATES[8][1]],
      ["the deployment", (name) => inService(name, stack.emulator.store.deployments.values()), CREATES[7][1]],
    ])("killed during %s, the rerun converges to one of everything", async (_name, reached, hold) => {
      const { engine, config } = newStack();
      const uniqueName = config[`${stack.project.name}:uniqueName`];
      const builds = stack.emulator.builds.durationMs;
      // A build long enough to be killed in.
      if (hold === undefined) stack.emulator.builds.durationMs = 3_000;
      try {
        await killDuring(engine, config, () => reached(uniqueName), hold);
      } finally {
        stack.emulator.builds.durationMs = builds;
      }
      // The program changed meanwhile: what the rerun takes is made to say what the program says now.
      const rerun = {
        ...config,
        [`${stack.project.name}:friendlyName`]: "Renamed",
        [`${stack.project.name}:variables`]: JSON.stringify({ GREETING: "hello" }),
      };
      const since = stack.emulator.requests.length;
      await engine.up({ config: rerun });
      const serviceSid = serviceNamed(uniqueName);
      expect(stack.emulator.store.services.get(serviceSid)?.friendlyName).toBe("Renamed");
      const environmentSid = String(engine.state.find((e) => e.type.endsWith(":Environment"))?.id);
      expect(stack.emulator.store.variablesOf(environmentSid)).toEqual({ GREETING: "hello" });
      const counts = inventory(serviceSid);
      // A version whose upload was killed is never recorded: Twilio purges versions no build uses.
      expect({ ...counts, functionVersions: 1, assetVersions: 1 }).toEqual(ONE_OF_EVERYTHING);
      expect([counts.functionVersions, counts.assetVersions].every((c) => c <= 2)).toBe(true);
      // Twilio refuses a second Service of that name: the refusal is how the rerun learns of the
      // one the killed create made, and it takes it (it holds nothing). Nothing else conflicts.
      const conflicts = conflictsIn(stack.emulator.requests.slice(since)).map((r) => `${r.method} ${r.path}`);
      expect(conflicts).toEqual(hold === CREATES[0][1] ? ["POST /v1/Services"] : []);
      if (hold === CREATES[0][1]) {
        const said = `Service "${uniqueName}" (${serviceSid}) exists and holds nothing`;
        expect(await stack.plugin.linesContaining(said)).toHaveLength(1);
      }
      await expectConverged(engine, rerun, serviceSid);
    });
  });

  describe("in a Service shared with other deployers", () => {
    const functionsNamed = (serviceSid: string, name: string): string[] =>
      [...stack.emulator.store.functions.values()]
        .filter((f) => f.serviceSid === serviceSid && f.friendlyName === name)
        .map((f) => f.sid);
    const stateSid = (engine: Engine, type: string): string =>
      String(engine.state.find((e) => e.type.endsWith(`:${type}`))?.id);
    const secondsFromNow = (s: number): string =>
      new Date(Date.now() + s * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");

    it("a lost create never takes another deployer's Function of the same name, and destroy leaves it", async () => {
      const shared = stack.emulator.createService(`shared-${n}`);
      // twilio-run deployed /hello into it a minute ago: well within the five minutes a
      // local-clock window would allow.
      const theirs = stack.emulator.createFunction(shared.sid, "/hello");
      theirs.dateCreated = secondsFromNow(-60);
      const { engine, config } = newStack({ existingServiceSid: shared.sid, domainSuffix: "mine" });
      stack.emulator.faults.add({
        ...CREATES[1][1],
        method: "POST",
        action: { kind: "status", status: 500, processed: true },
      });
      await engine.up({ config });
      const mine = stateSid(engine, "FunctionFile");
      expect(mine).not.toBe(theirs.sid);
      expect(functionsNamed(shared.sid, "/hello").sort()).toEqual([theirs.sid, mine].sort());
      await engine.destroy();
      expect(functionsNamed(shared.sid, "/hello")).toEqual([theirs.sid]);
    });

    it("takes neither of two objects that fit, makes its own and names both as possible orphans", async () => {
      const shared = stack.emulator.createService(`shared-${n}`);
      // Another deployer made one of the same name while this create's answer was on its way.
      const theirs = stack.emulator.createFunction(shared.sid, "/hello");
      theirs.dateCreated = secondsFromNow(30);
      const { engine, config } = newStack({ existingServiceSid: shared.sid, domainSuffix: "mine" });
      stack.emulator.faults.add({ ...CREATES[1][1], method: "POST", action: { kind: "drop", processed: true } });
      await engine.up({ config });
      const mine = stateSid(engine, "FunctionFile");
      const all = functionsNamed(shared.sid, "/hello");
      expect(all).toHaveLength(3);
      const lost = all.filter((sid) => sid !== mine && sid !== theirs.sid);
      const said = (await stack.plugin.linesContaining("cannot be told from another deployer's")).join("\n");
      expect(said).toContain(theirs.sid);
      expect(said).toContain(lost[0]);
      expect(said).not.toContain(mine);
      await engine.destroy();
      expect(functionsNamed(shared.sid, "/hello").sort()).toEqual([theirs.sid, ...lost].sort());
    });

    it("two stacks deploy side by side in one Service, a lost create on one never takes the other's, and each destroy leaves the other's objects", async () => {
      const shared = stack.emulator.createService(`shared-${n}`);
      const a = newStack({ existingServiceSid: shared.sid, domainSuffix: "a" });
      await a.engine.up({ config: a.config });
      const b = newStack({ existingServiceSid: shared.sid, domainSuffix: "b" });
      for (const [, match] of CREATES.slice(1)) {
        stack.emulator.faults.add({
          ...match,
          method: "POST",
          action: { kind: "status", status: 502, processed: true },
        });
      }
      await b.engine.up({ config: b.config });
      const owned = (engine: Engine): string[] =>
        engine.state
          .filter((e) => !e.component && !e.type.endsWith(":FunctionVersion") && !e.type.endsWith(":AssetVersion"))
          .map((e) => e.id);
      const ofA = owned(a.engine);
      const ofB = owned(b.engine);
      expect(ofA.filter((sid) => ofB.includes(sid))).toEqual([]);
      expect(functionsNamed(shared.sid, "/hello")).toHaveLength(2);

      await b.engine.destroy();
      const environmentA = stateSid(a.engine, "Environment");
      expect(stack.emulator.liveBuild(environmentA)?.sid).toBe(stateSid(a.engine, "Build"));
      expect(functionsNamed(shared.sid, "/hello")).toEqual([stateSid(a.engine, "FunctionFile")]);
      const before = stack.emulator.requests.length;
      await a.engine.up({ config: a.config });
      expect(stack.emulator.requests.slice(before)).toEqual([]);

      await a.engine.destroy();
      expect(functionsNamed(shared.sid, "/hello")).toEqual([]);
      expect(stack.emulator.store.services.has(shared.sid)).toBe(true);
    });
  });
});
