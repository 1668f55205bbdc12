/**
 * One `pulumi up` or `pulumi preview` of a project as a process of its own, for timing a deploy as
 * a user waits for it:
 *
 *   node cli.js <up|preview> --project <folder with Pulumi.yaml> --state <file>
 *     [--stack <name>] [--config <JSON object of namespaced keys>] [--secret <key>]...
 *     [--timing <file>] [--parallel <n>] [--test-helpers]
 *
 * The stack is read from `--state` (a new one when the file does not exist) and written back after
 * an `up`, as a backend keeps it between commands. The program runs with plain node (compile it
 * first: the real language host runs a compiled program so), under the SDK's mocks, with the test
 * engine answering for the engine; the SDK's dynamic-provider plugin is started when the first
 * resource that needs it is registered, and configured with the `twilio:*` keys of the config
 * (those named by `--secret` wrapped as secrets); every key reaches the program. Without
 * `--test-helpers` neither process preloads the tests' compile cache, deferred closure serializer or
 * faster build clock: build waits take real time, nothing compiled by an earlier run is reused, and
 * the whole SDK loads.
 *
 * Prints the steps as `pulumi up` sums them up (`Resources: 1 updated, 77 unchanged`). `--timing`
 * receives {@link CliTiming}. Exits 0 once done, 1 on any failure (the message on stderr).
 */
import fs from "fs";
import path from "path";
import { performance } from "perf_hooks";
import { ProgramMarks } from "./capture";
import { Engine, Step, UNBOUNDED } from "./engine";
import { loadProject } from "./project";
import type { ProviderProcess } from "./provider-process";
import { readStackFile, writeStackFile } from "./stack-file";

/**
 * When each point of the command was reached, in milliseconds since the epoch
 * (`performance.timeOrigin + performance.now()`, comparable across processes): this process's
 * start, the engine's readiness (modules loaded, state read), the program process's own marks,
 * the plugin's spawn, its port (ready), its answer to `Configure` (its first call), the program's
 * end, the state written, and the plugin's exit. A point never reached (no plugin in a command
 * that registers nothing) is absent.
 */
export interface CliTiming {
  ok: boolean;
  started: number;
  engineReady?: number;
  program: ProgramMarks;
  pluginSpawn?: number;
  pluginReady?: number;
  pluginConfigured?: number;
  programDone?: number;
  stateWritten?: number;
  pluginStopped?: number;
  /** How many steps of each kind (`create`, `same`, `update`, …) the command took. */
  steps: Record<string, number>;
}

const at = (): number => performance.timeOrigin + performance.now();

interface Arguments {
  command: "up" | "preview";
  project: string;
  state: string;
  stack: string;
  config: Record<string, string>;
  secrets: string[];
  timing?: string;
  parallel: number;
  testHelpers: boolean;
}

function configOf(text: string): Record<string, string> {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error("--config must be a JSON object");
  }
  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== "string") throw new Error(`--config: ${key} must be a string`);
    config[key] = value;
  }
  return config;
}

function parse(argv: string[]): Arguments {
  const [command, ...rest] = argv;
  if (command !== "up" && command !== "preview") throw new Error("usage: cli.js <up|preview> --project <dir> ...");
  const args: Partial<Arguments> & { secrets: string[] } = { command, secrets: [] };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    if (flag === "--test-helpers") {
      args.testHelpers = true;
      continue;
    }
    const value = rest.at(++i);
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === "--project") args.project = value;
    else if (flag === "--state") args.state = value;
    else if (flag === "--stack") args.stack = value;
    else if (flag === "--config") args.config = configOf(value);
    else if (flag === "--secret") args.secrets.push(value);
    else if (flag === "--timing") args.timing = value;
    else if (flag === "--parallel") args.parallel = Number(value);
    else throw new Error(`unknown flag ${flag}`);
  }
  if (args.project === undefined || args.state === undefined) throw new Error("--project and --state are required");
  return {
    command,
    project: args.project,
    state: args.state,
    stack: args.stack ?? "dev",
    config: args.config ?? {},
    secrets: args.secrets,
    timing: args.timing,
    parallel: args.parallel ?? UNBOUNDED,
    testHelpers: args.testHelpers ?? false,
  };
}

function counts(steps: Step[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const step of steps) out[step.op] = (out[step.op] ?? 0) + 1;
  return out;
}

const PAST: Record<string, string> = {
  create: "created",
  same: "unchanged",
  update: "updated",
  replace: "replaced",
  delete: "deleted",
};

async function main(): Promise<number> {
  const timing: CliTiming = { ok: false, started: performance.timeOrigin, program: {}, steps: {} };
  let args: Arguments | undefined;
  let plugin: ProviderProcess | undefined;
  try {
    args = parse(process.argv.slice(2));
    const options = args;
    const project = loadProject(options.project);
    const providerConfig = Object.fromEntries(
      Object.entries(options.config).filter(([key]) => key.startsWith("twilio:")),
    );
    const start = async (): Promise<ProviderProcess> => {
      timing.pluginSpawn = at();
      // Loaded here, with the plugin: the program starts without waiting for the gRPC client.
      const { ProviderProcess: Plugin } = await import("./provider-process.js");
      plugin = await Plugin.start({
        cwd: project.programDir,
        project: project.name,
        testHelpers: options.testHelpers,
      });
      timing.pluginReady = at();
      await plugin.configure(providerConfig, options.secrets);
      timing.pluginConfigured = at();
      return plugin;
    };
    const engine = new Engine(start, project, options.stack, options.parallel);
    engine.restore(readStackFile(options.state));
    timing.engineReady = at();
    const program = {
      config: options.config,
      compileCache: options.testHelpers,
      onMarks: (marks: ProgramMarks) => Object.assign(timing.program, marks),
    };
    let steps: Step[];
    try {
      steps = options.command === "up" ? await engine.up(program) : await engine.preview(program);
    } finally {
      timing.programDone = at();
      // A failed `up` leaves its checkpoint too: what was created, and what was under way.
      if (options.command === "up") {
        writeStackFile(options.state, engine.snapshot());
        timing.stateWritten = at();
      }
    }
    timing.steps = counts(steps);
    timing.ok = true;
    const summary = Object.entries(timing.steps).map(([op, n]) => `${n} ${PAST[op] ?? op}`);
    process.stdout.write(`Resources: ${summary.join(", ")}\n`);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    if (plugin !== undefined) process.stderr.write(`plugin output:\n${plugin.output.join("\n")}\n`);
  } finally {
    if (plugin !== undefined) {
      await plugin.stop();
      timing.pluginStopped = at();
    }
    if (args?.timing !== undefined) {
      fs.mkdirSync(path.dirname(args.timing), { recursive: true });
      fs.writeFileSync(args.timing, JSON.stringify(timing));
    }
  }
  return timing.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exit(1);
  },
);
