import { execFile } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { promisify } from "util";
import { TwilioEmulator } from "../emulator/server";
import { isBag } from "../../provider/model/wire";
import { runProgram } from "./capture";
import { Engine } from "./engine";
import { DISTINCTIVE_SECRET, FUNCTION_EXAMPLE, REPO } from "./fixture";
import { loadProject } from "./project";
import { ProviderProcess } from "./provider-process";
import { readStackFile, writeStackFile } from "./stack-file";

const run = promisify(execFile);
const TSX = path.join(REPO, "node_modules", "tsx", "dist", "cli.mjs");
const CLI = path.join(__dirname, "cli.ts");
const EXAMPLE = loadProject(FUNCTION_EXAMPLE);
const EXEC_ARGV = loadProject(path.join(__dirname, "programs", "exec-argv"));

/**
 * The marks of the command line's timing file (see `CliTiming`) in the order they are reached, from
 * this process's start to the plugin's exit; the program's own between them.
 */
function marksInOrder(file: string): number[] {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  if (!isBag(parsed) || !isBag(parsed.program) || parsed.ok !== true)
    throw new Error(`${file}: not a successful timing`);
  const { program } = parsed;
  const marks = [
    parsed.started,
    parsed.engineReady,
    program.started,
    program.sdkLoaded,
    parsed.pluginSpawn,
    parsed.pluginReady,
    parsed.pluginConfigured,
    parsed.programDone,
    parsed.stateWritten,
    parsed.pluginStopped,
  ];
  return marks.map((mark, i) => {
    if (typeof mark !== "number") throw new Error(`${file}: mark ${i} is missing`);
    return mark;
  });
}

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "process-cli-"));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("the program process", () => {
  it("runs with plain node, whatever node options the engine's process has", async () => {
    // A loader the engine runs under (tsx's, in the benchmark) must not be timed as the program's.
    process.execArgv.push("--no-deprecation");
    try {
      const outputs = await runProgram({ project: EXEC_ARGV, compileCache: false }, () => {
        throw new Error("the program registers nothing");
      });
      expect(outputs).toEqual({ execArgv: [] });
    } finally {
      process.execArgv.pop();
    }
  });
});

describe("the engine's modules", () => {
  /** Whether requiring `module` (under tsx, in a fresh process) loads the gRPC client. */
  async function loadsGrpc(module: string): Promise<boolean> {
    const probe = path.join(tmp, "probe.js");
    fs.writeFileSync(
      probe,
      `require(${JSON.stringify(module)});\n` +
        "console.log(Object.keys(require.cache).some((file) => /[\\\\/]@grpc[\\\\/]grpc-js[\\\\/]/.test(file)));\n",
    );
    const { stdout } = await run(process.execPath, [TSX, probe]);
    return JSON.parse(stdout) === true;
  }

  it("load no gRPC client until a plugin starts: the program starts first, as the CLI starts it", async () => {
    expect(await loadsGrpc(path.join(__dirname, "provider-process.ts"))).toBe(true);
    expect(await loadsGrpc(path.join(__dirname, "engine.ts"))).toBe(false);
  });
});

describe("an engine given a plugin start", () => {
  it("starts no plugin while only components are registered", async () => {
    let starts = 0;
    const start = (): Promise<ProviderProcess> => {
      starts++;
      return Promise.reject(new Error("no plugin in this test"));
    };
    const engine = new Engine(start, EXAMPLE, "dev");
    const steps = await engine.up([{ type: "test:index:Group", name: "group", inputs: {}, custom: false }]);
    expect(steps.map((s) => s.op)).toEqual(["create"]);
    expect(starts).toBe(0);
  });
});

describe("a stack file", () => {
  it("gives back the stack written to it, and a new stack when there is none", () => {
    const file = path.join(tmp, "stack.json");
    expect(readStackFile(file)).toEqual({ state: [], pendingCreates: [], outputs: {} });
    const snapshot = {
      state: [
        { urn: "urn:a", type: "t", name: "a", id: "", inputs: {}, outputs: {}, component: true },
        { urn: "urn:b", type: "t", name: "b", id: "ZN1", inputs: { x: "1" }, outputs: { sid: "ZN1" } },
      ],
      pendingCreates: ["urn:c"],
      outputs: { sid: "ZN1" },
    };
    writeStackFile(file, snapshot);
    expect(readStackFile(file)).toEqual(snapshot);
  });

  it.each([
    ["not a stack", { resources: [] }],
    [
      "a resource without an id",
      { state: [{ urn: "u", type: "t", name: "n", inputs: {}, outputs: {} }], pendingCreates: [], outputs: {} },
    ],
    ["a pending create that is no URN", { state: [], pendingCreates: [1], outputs: {} }],
  ])("refuses %s", (_label, content) => {
    const file = path.join(tmp, "stack.json");
    fs.writeFileSync(file, JSON.stringify(content));
    expect(() => readStackFile(file)).toThrow(file);
  });
});

describe("the engine's command line", () => {
  let emulator: TwilioEmulator;
  beforeEach(async () => {
    emulator = await TwilioEmulator.start({ apiSecret: DISTINCTIVE_SECRET });
  });
  afterEach(async () => {
    await emulator.close();
  });

  it("keeps the stack between processes, and starts the plugin at the first resource that needs it", async () => {
    const serviceSid = emulator.createService("example").sid;
    const functionSid = emulator.createFunction(serviceSid, "hello").sid;
    const config = {
      [`${EXAMPLE.name}:serviceSid`]: serviceSid,
      [`${EXAMPLE.name}:functionSid`]: functionSid,
      "twilio:apiKey": emulator.credentials.apiKey,
      "twilio:apiSecret": emulator.credentials.apiSecret,
      "twilio:serverlessBaseUrl": emulator.apiBaseUrl,
      "twilio:serverlessUploadBaseUrl": emulator.uploadBaseUrl,
    };
    const state = path.join(tmp, "stack.json");
    const timing = path.join(tmp, "timing.json");
    const up = (): Promise<{ stdout: string }> =>
      run(process.execPath, [
        TSX,
        CLI,
        "up",
        "--project",
        FUNCTION_EXAMPLE,
        "--state",
        state,
        "--config",
        JSON.stringify(config),
        "--secret",
        "twilio:apiSecret",
        "--timing",
        timing,
        "--test-helpers",
      ]);

    expect((await up()).stdout).toBe("Resources: 1 created\n");
    expect(emulator.store.versions).toHaveLength(1);
    expect(readStackFile(state).state.map((e) => e.name)).toEqual(["hello"]);
    expect(fs.readFileSync(state, "utf8")).not.toContain(DISTINCTIVE_SECRET);

    const requests = emulator.requests.length;
    expect((await up()).stdout).toBe("Resources: 1 unchanged\n");
    expect(emulator.requests).toHaveLength(requests);

    // The plugin is spawned once the program, SDK loaded, registers its resource: not before.
    const marks = marksInOrder(timing);
    expect([...marks].sort((a, b) => a - b)).toEqual(marks);
  }, 120_000);

  it("refuses an unknown flag, and writes no stack", async () => {
    const state = path.join(tmp, "stack.json");
    await expect(
      run(process.execPath, [TSX, CLI, "up", "--project", FUNCTION_EXAMPLE, "--state", state, "--colour", "red"]),
    ).rejects.toMatchObject({ stderr: expect.stringContaining("unknown flag --colour") });
    expect(fs.existsSync(state)).toBe(false);
  });
});
