/**
 * 8. The deploy as a user waits for it: `twilio-run deploy` run as its CLI against one fresh
 * process running the program through the test engine, each timed from its spawn to its exit. Our
 * side keeps the stack in a file between processes, as a backend does; `twilio-run` keeps its
 * Service SID in `.twiliodeployinfo`. Four deploys in a row (the first, one function changed,
 * nothing changed, one variable changed) under several network and build profiles, with a breakdown
 * of our time before the first request; then a no-change `pulumi preview` and `pulumi up`.
 */
import { spawn } from "child_process";
import fs from "fs";
import path from "path";
import { performance } from "perf_hooks";
import { TwilioEmulator } from "../../test/emulator/server";
import { REPO } from "../../test/engine/fixture";
import { RequestTally, tally } from "../../test/engine/shapes";
import { isBag } from "../../provider/model/wire";
import { CompiledBench, compileBench } from "../lib/compiled";
import { bytes, heading, ms, ratio, table, yesNo } from "../lib/format";
import { Summary, summarize } from "../lib/stats";
import { ThrottlingProxy, Uplink, startThrottlingProxy } from "../lib/throttle-proxy";
import { GeneratedProject, copyProject, generateToolkitProject } from "../lib/toolkit-project";

const FUNCTIONS = 50;
const ASSETS = 20;
const TWILIO_RUN = path.join(REPO, "node_modules", "twilio-run", "bin", "twilio-run.js");
const REDIRECT = path.join(REPO, "bench", "lib", "loopback-redirect.js");
/** The exit code of a `twilio-run` whose preload refused a host other than 127.0.0.1. */
const REFUSED = 97;
/** A deploy that takes longer than this is stopped and counted as failed. */
const DEPLOY_TIMEOUT_MS = 180_000;

/** How the network and Twilio's builds behave for one set of runs. */
export interface ProcessProfile {
  name: string;
  latencyMs: number;
  buildMs: number;
  /** The client's uplink through the throttling proxy, when there is one. */
  uplinkMbitPerS?: number;
  /** Runs of every case on each side (each run on fresh emulators and fresh copies). */
  runs: number;
}

/** The profiles, as `--profiles=` names them. */
export const PROFILES: readonly ProcessProfile[] = [
  { name: "50ms", latencyMs: 50, buildMs: 2000, runs: 3 },
  { name: "150ms", latencyMs: 150, buildMs: 2000, runs: 3 },
  { name: "150ms-20mbit", latencyMs: 150, buildMs: 2000, uplinkMbitPerS: 20, runs: 5 },
  { name: "15s-builds", latencyMs: 150, buildMs: 15_000, runs: 5 },
];

/** The deploys of a run, in their order: each side runs them one after the other. */
export const CASES = ["first", "function", "nothing", "variable"] as const;
/** One of {@link CASES}. */
export type CaseName = (typeof CASES)[number];
const CASE_LABELS: Record<CaseName, string> = {
  first: "first deploy",
  function: "one function changed",
  nothing: "nothing changed",
  variable: "one variable changed",
};

/** Ours ÷ twilio-run's median wall time the issue asks for, by profile and case. */
const TARGETS: Array<{ profile: string; case: CaseName; max: number }> = [
  { profile: "150ms-20mbit", case: "first", max: 1.1 },
  { profile: "150ms-20mbit", case: "function", max: 0.9 },
  { profile: "150ms-20mbit", case: "nothing", max: 0.4 },
  { profile: "15s-builds", case: "function", max: 1.0 },
];

/** The variables of the project's `.env`; the last case changes the first one's value. */
const ENV_FILE = "GREETING=hello\nCOLOR=teal\nRETRIES=3\n";
const ENV_FILE_CHANGED = "GREETING=hello again\nCOLOR=teal\nRETRIES=3\n";

/** One deploy by one side, timed from the spawn of its process to its exit. */
export interface ProcessDeploy {
  wallMs: number;
  ok: boolean;
  error?: string;
  requests: RequestTally;
  /** From the spawn, in ms: the first and the last request the emulator received. */
  firstRequestMs?: number;
  lastRequestMs?: number;
  /** Ours: the engine's and the program's marks (see `CliTiming`), in ms from the spawn. */
  marks?: Record<string, number>;
  /** Ours: the steps by kind. */
  steps?: Record<string, number>;
}

type Deploys = Record<CaseName, ProcessDeploy>;

/** One run of a profile: the four deploys of each side, in the order the sides ran. */
export interface ProcessRun {
  oursFirst: boolean;
  ours: Deploys;
  theirs: Deploys;
}

/** A labelled span of our time, summed up over the runs. */
export interface Segment {
  label: string;
  summary: Summary;
}

/** One case of one profile over its runs. */
export interface CaseSummary {
  case: CaseName;
  ours: Summary;
  theirs: Summary;
  /** Median ÷ median. */
  ratio: number;
  /** The lowest and highest ratio of one run's two deploys. */
  runRatios: { min: number; max: number };
  allOk: boolean;
  /** Medians of the requests each sent. */
  oursRequests: { total: number; uploads: number; bytes: number };
  theirsRequests: { total: number; uploads: number; bytes: number };
  /** Our time, point by point; twilio-run's spawn → first request, first → last, last → exit. */
  oursSegments: Segment[];
  theirsSegments: Segment[];
}

/** One profile: every run, and each case summed up. */
export interface ProfileResult {
  profile: ProcessProfile;
  runs: ProcessRun[];
  cases: CaseSummary[];
}

/** A no-change command of the deployed 70-file project as a fresh process, several times. */
export interface CommandResult {
  command: "preview" | "up";
  samples: ProcessDeploy[];
  wall: Summary;
  segments: Segment[];
  requests: number;
}

/** What scenario 8 measured. */
export interface ProcessDeployResult {
  project: { functions: number; assets: number; bytes: number };
  profiles: ProfileResult[];
  noChange: { latencyMs: number; commands: CommandResult[] };
  targets: Array<{ profile: string; case: CaseName; max: number; ratio: number; met: boolean | undefined }>;
}

/** What the command line may change: fewer runs, fewer profiles, for a quick look. */
export interface ProcessDeployOptions {
  runs?: number;
  profiles?: string[];
}

const now = (): number => performance.timeOrigin + performance.now();

/** The environment of a deploy's process: none of the settings that would change a client's behaviour. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      value === undefined ||
      key.startsWith("TWILIO_") ||
      key.startsWith("PULUMI_") ||
      /^(https?_proxy|no_proxy|node_env|node_options|debug)$/i.test(key)
    ) {
      continue;
    }
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** Spawns a process and waits for its exit: the wall time from the spawn, its exit code and output. */
async function timedProcess(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ spawnAt: number; wallMs: number; code: number | null; output: string }> {
  const spawnAt = now();
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), DEPLOY_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => {
    child.on("exit", (exitCode) => {
      resolve(exitCode);
    });
  });
  const wallMs = performance.now() - started;
  clearTimeout(timer);
  return { spawnAt, wallMs, code, output };
}

/** The requests the emulator received since `before`, and when the first and last arrived after `spawnAt`. */
function requestFigures(
  emulator: TwilioEmulator,
  before: number,
  spawnAt: number,
): Pick<ProcessDeploy, "requests" | "firstRequestMs" | "lastRequestMs"> {
  const made = emulator.requests.slice(before);
  return {
    requests: tally(made),
    firstRequestMs: made.length > 0 ? made[0].at - spawnAt : undefined,
    lastRequestMs: made.length > 0 ? Math.max(...made.map((r) => r.at)) - spawnAt : undefined,
  };
}

/**
 * What is wrong with what the emulator serves after a deploy of `project`, if anything: every file
 * in the live build, the edited function's latest bytes, and the `.env`'s variables.
 */
function liveProblem(emulator: TwilioEmulator, project: GeneratedProject, envText: string): string | undefined {
  const { store } = emulator;
  if (store.services.size !== 1) return `${store.services.size} services`;
  const environments = [...store.environments.values()];
  if (environments.length !== 1) return `${environments.length} environments`;
  const live = emulator.liveBuild(environments[0].sid);
  if (live === undefined) return "no live build";
  if (live.functionVersions.length !== FUNCTIONS || live.assetVersions.length !== ASSETS) {
    return `the live build holds ${live.functionVersions.length} functions and ${live.assetVersions.length} assets`;
  }
  const edited = project.functions[7];
  const bytes = fs.readFileSync(path.join(project.dir, edited));
  const version = live.functionVersions.find((v) => `functions${v.path}.js` === edited);
  if (version === undefined || !version.content.equals(bytes)) return `${edited} is not live as it is on disk`;
  const expected = Object.fromEntries(
    envText
      .trim()
      .split("\n")
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
  const actual = Object.fromEntries(
    [...store.variables.values()].filter((v) => v.environmentSid === environments[0].sid).map((v) => [v.key, v.value]),
  );
  if (JSON.stringify(actual, Object.keys(actual).sort()) !== JSON.stringify(expected, Object.keys(expected).sort())) {
    return `variables ${JSON.stringify(actual)} instead of ${JSON.stringify(expected)}`;
  }
  return undefined;
}

/** The marks of our engine's timing file, in ms from the spawn. */
function marksOf(file: string, spawnAt: number): { marks: Record<string, number>; steps: Record<string, number> } {
  const marks: Record<string, number> = {};
  const steps: Record<string, number> = {};
  if (!fs.existsSync(file)) return { marks, steps };
  const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  if (!isBag(parsed)) return { marks, steps };
  for (const [key, value] of Object.entries(parsed)) if (typeof value === "number") marks[key] = value - spawnAt;
  if (isBag(parsed.program)) {
    for (const [key, value] of Object.entries(parsed.program)) {
      if (typeof value === "number") marks[`program.${key}`] = value - spawnAt;
    }
  }
  if (isBag(parsed.steps)) {
    for (const [key, value] of Object.entries(parsed.steps)) if (typeof value === "number") steps[key] = value;
  }
  return { marks, steps };
}

/** Where one side sends its requests: the emulator's hosts, or throttling proxies in front of them. */
interface Endpoints {
  api: string;
  upload: string;
  close: () => Promise<void>;
}

async function endpointsFor(emulator: TwilioEmulator, profile: ProcessProfile): Promise<Endpoints> {
  if (profile.uplinkMbitPerS === undefined) {
    return { api: emulator.apiBaseUrl, upload: emulator.uploadBaseUrl, close: () => Promise.resolve() };
  }
  // One uplink for both hosts: the client's connection to the internet.
  const uplink = new Uplink(profile.uplinkMbitPerS * 1_000_000);
  const proxies: ThrottlingProxy[] = [
    await startThrottlingProxy(emulator.apiBaseUrl, uplink),
    await startThrottlingProxy(emulator.uploadBaseUrl, uplink),
  ];
  return {
    api: proxies[0].url,
    upload: proxies[1].url,
    close: async () => {
      await Promise.all(proxies.map((p) => p.close()));
    },
  };
}

/** A side of the comparison: deploys its own copy of the project, one process per deploy. */
interface Side {
  deploy: (emulator: TwilioEmulator, label: string) => Promise<ProcessDeploy>;
}

/** Our stack's config: the program's folder, with its `.env`, and the provider pointed at `endpoints`. */
function stackConfig(
  project: GeneratedProject,
  endpoints: Endpoints,
  emulator: TwilioEmulator,
): Record<string, string> {
  const { apiKey, apiSecret } = emulator.credentials;
  return {
    "bench-toolkit:directories": JSON.stringify([project.dir]),
    "bench-toolkit:envFiles": "true",
    "twilio:apiKey": apiKey,
    "twilio:apiSecret": apiSecret,
    "twilio:serverlessBaseUrl": endpoints.api,
    "twilio:serverlessUploadBaseUrl": endpoints.upload,
  };
}

function ourSide(
  compiled: CompiledBench,
  project: GeneratedProject,
  dir: string,
  endpoints: Endpoints,
  emulator: TwilioEmulator,
): Side {
  const stateFile = path.join(dir, "stack.json");
  const config = stackConfig(project, endpoints, emulator);
  return {
    deploy: (target, label) =>
      ourCommand(compiled, "up", stateFile, config, target, path.join(dir, `timing-${label}.json`)),
  };
}

async function ourCommand(
  compiled: CompiledBench,
  command: "up" | "preview",
  stateFile: string,
  config: Record<string, string>,
  emulator: TwilioEmulator,
  timingFile: string,
): Promise<ProcessDeploy> {
  const before = emulator.requests.length;
  const args = [
    compiled.cli,
    command,
    "--project",
    compiled.program,
    "--state",
    stateFile,
    "--stack",
    "bench",
    "--config",
    JSON.stringify(config),
    "--secret",
    "twilio:apiSecret",
    "--timing",
    timingFile,
  ];
  const run = await timedProcess(args, compiled.program, childEnv({}));
  const { marks, steps } = marksOf(timingFile, run.spawnAt);
  marks.exit = run.wallMs;
  return {
    wallMs: run.wallMs,
    ok: run.code === 0,
    ...(run.code === 0 ? {} : { error: `exit ${run.code}: ${run.output.trim().split("\n").slice(-3).join(" | ")}` }),
    ...requestFigures(emulator, before, run.spawnAt),
    marks,
    steps,
  };
}

function theirSide(project: GeneratedProject, endpoints: Endpoints, emulator: TwilioEmulator): Side {
  const { accountSid, authToken } = emulator.credentials;
  // An account SID as the user name: twilio-run then records the Service in .twiliodeployinfo, and
  // every later deploy goes into it, as a user's redeploys do.
  const args = [
    "--require",
    REDIRECT,
    TWILIO_RUN,
    "deploy",
    "--cwd",
    project.dir,
    "--username",
    accountSid,
    "--password",
    authToken,
  ];
  const env = childEnv({ BENCH_TWILIO_API: endpoints.api, BENCH_TWILIO_UPLOAD: endpoints.upload });
  return {
    deploy: async (target) => {
      const before = target.requests.length;
      const run = await timedProcess(args, project.dir, env);
      if (run.code === REFUSED) throw new Error(`twilio-run tried to leave 127.0.0.1: ${run.output.trim()}`);
      return {
        wallMs: run.wallMs,
        ok: run.code === 0,
        ...(run.code === 0
          ? {}
          : { error: `exit ${run.code}: ${run.output.trim().split("\n").slice(-3).join(" | ")}` }),
        ...requestFigures(target, before, run.spawnAt),
      };
    },
  };
}

/** The four deploys of one side, on its own emulator and copy of the project. */
async function sideRun(
  which: "ours" | "theirs",
  profile: ProcessProfile,
  generated: GeneratedProject,
  compiled: CompiledBench,
  dir: string,
): Promise<Deploys> {
  const project = copyProject(generated, path.join(dir, "project"));
  const envPath = path.join(project.dir, ".env");
  fs.writeFileSync(envPath, ENV_FILE);
  const emulator = await TwilioEmulator.start({ buildDurationMs: profile.buildMs });
  emulator.faults.latencyMs = profile.latencyMs;
  const endpoints = await endpointsFor(emulator, profile);
  try {
    const side =
      which === "ours" ? ourSide(compiled, project, dir, endpoints, emulator) : theirSide(project, endpoints, emulator);
    const deploys: Partial<Deploys> = {};
    for (const name of CASES) {
      if (name === "function") fs.appendFileSync(path.join(project.dir, project.functions[7]), "// edited\n");
      if (name === "variable") fs.writeFileSync(envPath, ENV_FILE_CHANGED);
      const deploy = await side.deploy(emulator, name);
      const problem = deploy.ok ? liveProblem(emulator, project, fs.readFileSync(envPath, "utf8")) : undefined;
      deploys[name] = problem === undefined ? deploy : { ...deploy, ok: false, error: problem };
    }
    return {
      first: required(deploys.first),
      function: required(deploys.function),
      nothing: required(deploys.nothing),
      variable: required(deploys.variable),
    };
  } finally {
    await endpoints.close();
    await emulator.close();
  }
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("a case did not run");
  return value;
}

/** A span between two marks (the first that exists of each list), over the deploys that have both. */
function span(
  label: string,
  deploys: ProcessDeploy[],
  from: string[],
  to: string[],
  marksOfDeploy: (d: ProcessDeploy) => Partial<Record<string, number>>,
): Segment {
  const values: number[] = [];
  for (const deploy of deploys) {
    const marks = marksOfDeploy(deploy);
    const start = from.map((k) => (k === "spawn" ? 0 : marks[k])).find((v) => v !== undefined);
    const end = to.map((k) => marks[k]).find((v) => v !== undefined);
    if (start !== undefined && end !== undefined) values.push(end - start);
  }
  return { label, summary: summarize(values) };
}

/** Every mark of a deploy, the emulator's first and last request included. */
function allMarks(deploy: ProcessDeploy): Record<string, number> {
  const marks: Record<string, number> = { ...deploy.marks, exit: deploy.wallMs };
  if (deploy.firstRequestMs !== undefined) marks.firstRequest = deploy.firstRequestMs;
  if (deploy.lastRequestMs !== undefined) marks.lastRequest = deploy.lastRequestMs;
  return marks;
}

/** Our time, from the spawn to the exit, point by point. */
export function ourSegments(deploys: ProcessDeploy[]): Segment[] {
  const s = (label: string, from: string[], to: string[]): Segment => span(label, deploys, from, to, allMarks);
  return [
    s("spawn → engine process started", ["spawn"], ["started"]),
    s("→ engine ready (modules loaded, state read)", ["started"], ["engineReady"]),
    s("→ program process started", ["engineReady"], ["program.started"]),
    s("→ SDK loaded (@pulumi/pulumi required)", ["program.started"], ["program.sdkLoaded"]),
    s("→ program module run (the package loaded)", ["program.sdkLoaded"], ["program.programLoaded"]),
    s("→ first registration (the component)", ["program.programLoaded"], ["program.firstRegistration"]),
    s("→ plugin spawned (first custom resource)", ["program.firstRegistration"], ["pluginSpawn"]),
    s("→ plugin ready (its port printed)", ["pluginSpawn"], ["pluginReady"]),
    s("→ plugin answered its first call (Configure)", ["pluginReady"], ["pluginConfigured"]),
    s("→ first request at the emulator", ["pluginConfigured"], ["firstRequest"]),
    s("spawn → first request (sum of the above)", ["spawn"], ["firstRequest"]),
    s("first request → last request", ["firstRequest"], ["lastRequest"]),
    s("last request (or Configure) → program done", ["lastRequest", "pluginConfigured"], ["programDone"]),
    s("program done → exit (state written, plugin stopped)", ["programDone"], ["exit"]),
    s("spawn → exit", ["spawn"], ["exit"]),
  ];
}

function theirSegments(deploys: ProcessDeploy[]): Segment[] {
  const s = (label: string, from: string[], to: string[]): Segment => span(label, deploys, from, to, allMarks);
  return [
    s("spawn → first request", ["spawn"], ["firstRequest"]),
    s("first request → last request", ["firstRequest"], ["lastRequest"]),
    s("last request → exit", ["lastRequest"], ["exit"]),
  ];
}

const medianOf = (values: number[]): number => summarize(values).median;

function requestMedians(deploys: ProcessDeploy[]): CaseSummary["oursRequests"] {
  return {
    total: medianOf(deploys.map((d) => d.requests.total)),
    uploads: medianOf(deploys.map((d) => d.requests.uploads)),
    bytes: medianOf(deploys.map((d) => d.requests.bytesUploaded)),
  };
}

function summarizeCase(name: CaseName, runs: ProcessRun[]): CaseSummary {
  const ours = runs.map((r) => r.ours[name]);
  const theirs = runs.map((r) => r.theirs[name]);
  const oursWall = summarize(ours.map((d) => d.wallMs));
  const theirsWall = summarize(theirs.map((d) => d.wallMs));
  const perRun = runs.map((r) => r.ours[name].wallMs / r.theirs[name].wallMs);
  return {
    case: name,
    ours: oursWall,
    theirs: theirsWall,
    ratio: oursWall.median / theirsWall.median,
    runRatios: { min: Math.min(...perRun), max: Math.max(...perRun) },
    allOk: [...ours, ...theirs].every((d) => d.ok),
    oursRequests: requestMedians(ours),
    theirsRequests: requestMedians(theirs),
    oursSegments: ourSegments(ours),
    theirsSegments: theirSegments(theirs),
  };
}

async function profileRuns(
  profile: ProcessProfile,
  generated: GeneratedProject,
  compiled: CompiledBench,
  tmp: string,
  progress: (message: string) => void,
): Promise<ProfileResult> {
  const runs: ProcessRun[] = [];
  for (let i = 0; i < profile.runs; i++) {
    // The sides take turns at going first, so that neither always runs on a machine the other warmed.
    const oursFirst = i % 2 === 0;
    const dir = path.join(tmp, profile.name, String(i));
    const run = async (which: "ours" | "theirs"): Promise<Deploys> => {
      const deploys = await sideRun(which, profile, generated, compiled, path.join(dir, which));
      progress(
        `    run ${i + 1}/${profile.runs} ${which === "ours" ? "ServerlessProject" : "twilio-run"}: ` +
          CASES.map((c) => `${c} ${deploys[c].ok ? ms(deploys[c].wallMs) : "FAILED"}`).join(", "),
      );
      for (const c of CASES) if (!deploys[c].ok) progress(`      ${c}: ${deploys[c].error ?? "failed"}`);
      return deploys;
    };
    const first = await run(oursFirst ? "ours" : "theirs");
    const second = await run(oursFirst ? "theirs" : "ours");
    runs.push({ oursFirst, ours: oursFirst ? first : second, theirs: oursFirst ? second : first });
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { profile, runs, cases: CASES.map((c) => summarizeCase(c, runs)) };
}

/** `pulumi preview` and `pulumi up` of the deployed project, nothing changed, each a fresh process. */
async function noChangeCommands(
  generated: GeneratedProject,
  compiled: CompiledBench,
  tmp: string,
  runs: number,
): Promise<ProcessDeployResult["noChange"]> {
  const latencyMs = 50;
  const dir = path.join(tmp, "no-change");
  const project = copyProject(generated, path.join(dir, "project"));
  fs.writeFileSync(path.join(project.dir, ".env"), ENV_FILE);
  const emulator = await TwilioEmulator.start({ buildDurationMs: 2000 });
  emulator.faults.latencyMs = latencyMs;
  try {
    const endpoints = await endpointsFor(emulator, { name: "", latencyMs, buildMs: 2000, runs });
    const stateFile = path.join(dir, "stack.json");
    const config = stackConfig(project, endpoints, emulator);
    const timing = path.join(dir, "timing.json");
    const first = await ourCommand(compiled, "up", stateFile, config, emulator, timing);
    if (!first.ok) throw new Error(`the first deploy failed: ${first.error ?? ""}`);
    const samples: Record<"preview" | "up", ProcessDeploy[]> = { preview: [], up: [] };
    for (let i = 0; i < runs; i++) {
      const order: Array<"preview" | "up"> = i % 2 === 0 ? ["preview", "up"] : ["up", "preview"];
      for (const command of order) {
        const sample = await ourCommand(compiled, command, stateFile, config, emulator, timing);
        if (!sample.ok) throw new Error(`a no-change ${command} failed: ${sample.error ?? ""}`);
        samples[command].push(sample);
      }
    }
    const commands = (["preview", "up"] as const).map((command) => ({
      command,
      samples: samples[command],
      wall: summarize(samples[command].map((s) => s.wallMs)),
      segments: ourSegments(samples[command]),
      requests: samples[command].reduce((sum, s) => sum + s.requests.total, 0),
    }));
    return { latencyMs, commands };
  } finally {
    await emulator.close();
  }
}

/** Runs scenario 8: the profiles chosen, then the no-change preview and up. */
export async function processDeploy(
  tmp: string,
  progress: (message: string) => void,
  options: ProcessDeployOptions = {},
): Promise<ProcessDeployResult> {
  const root = path.join(tmp, "process");
  progress("  compiling the engine's command line and the program (tsc)");
  const compiled = compileBench(path.join(root, "compiled"));
  const generated = generateToolkitProject(path.join(root, "source"), "bench-app", FUNCTIONS, ASSETS);
  const chosen = PROFILES.filter((p) => options.profiles === undefined || options.profiles.includes(p.name));
  const unknown = (options.profiles ?? []).filter((name) => !PROFILES.some((p) => p.name === name));
  if (unknown.length > 0) {
    throw new Error(`unknown profile(s) ${unknown.join(", ")}: name ${PROFILES.map((p) => p.name).join(", ")}`);
  }
  const profiles: ProfileResult[] = [];
  for (const base of chosen) {
    const profile = { ...base, runs: options.runs ?? base.runs };
    progress(
      `  profile ${profile.name}: ${profile.latencyMs} ms per request, ${ms(profile.buildMs)} builds` +
        `${profile.uplinkMbitPerS === undefined ? "" : `, ${profile.uplinkMbitPerS} Mbit/s uplink`}, ${profile.runs} runs`,
    );
    profiles.push(await profileRuns(profile, generated, compiled, root, progress));
  }
  progress("  no-change preview and up as fresh processes");
  const noChange = await noChangeCommands(generated, compiled, root, options.runs ?? 5);
  const targets = TARGETS.map((t) => {
    const found = profiles.find((p) => p.profile.name === t.profile)?.cases.find((c) => c.case === t.case);
    const value = found?.ratio ?? Number.NaN;
    return { ...t, ratio: value, met: found === undefined ? undefined : found.allOk && value <= t.max };
  });
  return { project: { functions: FUNCTIONS, assets: ASSETS, bytes: generated.bytes }, profiles, noChange, targets };
}

const range = (s: Summary): string => `${ms(s.median)} [${ms(s.min)}–${ms(s.max)}]`;

/** Prints scenario 8's tables and targets. */
export function printProcessDeploy(result: ProcessDeployResult): void {
  for (const { profile, cases, runs } of result.profiles) {
    heading(
      `8. Process to process, ${profile.name}: ${profile.latencyMs} ms per request, ${ms(profile.buildMs)} builds` +
        `${profile.uplinkMbitPerS === undefined ? "" : `, ${profile.uplinkMbitPerS} Mbit/s uplink (throttling proxy)`}; ` +
        `${runs.length} runs, medians [min–max]`,
    );
    console.log(
      table(
        [
          "case",
          "ServerlessProject (fresh process)",
          "twilio-run deploy (CLI)",
          "ours ÷ theirs",
          "per run",
          "requests ours / theirs",
          "uploads",
          "bytes up ours / theirs",
          "ok",
        ],
        cases.map((c) => [
          CASE_LABELS[c.case],
          range(c.ours),
          range(c.theirs),
          ratio(c.ratio),
          `${ratio(c.runRatios.min)}–${ratio(c.runRatios.max)}`,
          `${c.oursRequests.total} / ${c.theirsRequests.total}`,
          `${c.oursRequests.uploads} / ${c.theirsRequests.uploads}`,
          `${bytes(c.oursRequests.bytes)} / ${bytes(c.theirsRequests.bytes)}`,
          c.allOk ? "yes" : "NO",
        ]),
      ),
    );
    for (const run of runs) {
      for (const side of [run.ours, run.theirs]) {
        for (const c of CASES)
          if (!side[c].ok)
            console.log(`  ${side === run.ours ? "ours" : "twilio-run"} ${c}: ${side[c].error ?? "failed"}`);
      }
    }
    console.log(`\n  Our time, point by point (medians [min–max] of ${runs.length} runs; ms from the previous point):`);
    console.log(
      table(
        ["span", ...cases.map((c) => CASE_LABELS[c.case])],
        cases[0].oursSegments.map((segment, i) => [
          segment.label,
          ...cases.map((c) => (c.oursSegments[i].summary.n === 0 ? "—" : range(c.oursSegments[i].summary))),
        ]),
      ),
    );
    console.log("\n  twilio-run's time:");
    console.log(
      table(
        ["span", ...cases.map((c) => CASE_LABELS[c.case])],
        cases[0].theirsSegments.map((segment, i) => [
          segment.label,
          ...cases.map((c) => (c.theirsSegments[i].summary.n === 0 ? "—" : range(c.theirsSegments[i].summary))),
        ]),
      ),
    );
  }
  heading(
    `8. No-change commands of the deployed 70-file project, each a fresh process (${result.noChange.latencyMs} ms per request)`,
  );
  console.log(
    table(
      ["command", "wall, median [min–max]", "runs", "requests"],
      result.noChange.commands.map((c) => [`pulumi ${c.command}`, range(c.wall), String(c.wall.n), String(c.requests)]),
    ),
  );
  console.log(
    table(
      ["span", ...result.noChange.commands.map((c) => `pulumi ${c.command}`)],
      (result.noChange.commands[0]?.segments ?? [])
        .map((segment, i) => [
          segment.label,
          ...result.noChange.commands.map((c) => (c.segments[i].summary.n === 0 ? "—" : range(c.segments[i].summary))),
        ])
        .filter((row) => row.slice(1).some((cell) => cell !== "—")),
    ),
  );
  console.log("\n  targets (ours ÷ twilio-run, medians):");
  for (const t of result.targets) {
    console.log(`    ${t.profile}, ${CASE_LABELS[t.case]}: ≤ ${t.max} → ${ratio(t.ratio)}: ${yesNo(t.met)}`);
  }
}
