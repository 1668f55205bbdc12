/**
 * 6. A whole Toolkit project deployed by ServerlessProject and by Twilio's own deploy library
 * (`@twilio-labs/serverless-api` `deployLocalProject`, what `twilio-run deploy` runs), side by side
 * on emulators with the same latency and build time: the first deploy, a redeploy after one
 * function changed, a redeploy with nothing changed, the first deploy under a 429 gate, how each
 * waits for its builds, and what a preview costs.
 */
import fs from "fs";
import path from "path";
import { performance } from "perf_hooks";
import { TwilioEmulator } from "../../test/emulator/server";
import { Engine } from "../../test/engine/engine";
import { REPO } from "../../test/engine/fixture";
import { PulumiProject, loadProject } from "../../test/engine/project";
import { ProviderProcess } from "../../test/engine/provider-process";
import { RequestTally, tally } from "../../test/engine/shapes";
import { BuildWait, Left, buildWaits, left } from "../lib/deploy-figures";
import { bytes, heading, ms, ratio, table, yesNo } from "../lib/format";
import { Target } from "../lib/protocol";
import { GeneratedProject, copyProject, generateToolkitProject } from "../lib/toolkit-project";
import { ClientWorker } from "../lib/worker";
import { messageOf } from "../../provider/pulumi/error-message";

export const FUNCTIONS = 50;
export const ASSETS = 20;
export const LATENCY_MS = 50;
export const BUILD_MS = 2000;
const GATE = 5;
const RETRY_AFTER_S = 1;

/** The benchmark's Pulumi program: one ServerlessProject per folder of its `directories` config. */
export const TOOLKIT_PROGRAM: PulumiProject = loadProject(path.join(REPO, "bench", "toolkit-program"));

/** One deploy by one side. */
export interface DeployRun {
  wallMs: number;
  ok: boolean;
  error?: string;
  requests: RequestTally;
  /** Versions, builds and deployments in the side's emulator after it. */
  left: Left;
}

export interface ToolkitDeployResult {
  latencyMs: number;
  buildMs: number;
  project: { functions: number; assets: number; bytes: number };
  /**
   * What every `pulumi up` pays before and besides Twilio's requests: running the program and a
   * check and diff of every resource (the wall time of the up with nothing changed, which sends none).
   */
  pulumiFixedMs: number;
  first: {
    ours: DeployRun;
    toolkit: DeployRun;
    ratio: number;
    /** (ours − Pulumi's fixed cost) / the Toolkit's. */
    netRatio: number;
    met: boolean;
  };
  redeploy: {
    ours: DeployRun;
    toolkit: DeployRun;
    /** Wall time less the build's own duration, ours / the Toolkit's. */
    netRatio: number;
    /** The same with Pulumi's fixed cost taken from ours too. */
    netOfPulumiRatio: number;
    bytesRatio: number;
    met: boolean;
  };
  noChange: { ours: DeployRun; toolkit: DeployRun; met: boolean };
  storm: {
    gate: number;
    ours: DeployRun;
    toolkit: DeployRun;
    /** Every function and asset is in the live build. */
    oursAllLive: boolean;
    /** Versions created beyond one per file. */
    oursDuplicates: number;
    met: boolean;
  };
  polling: { ours: BuildWait[]; toolkit: BuildWait[]; maxPolls: number; maxDetectionMs: number; met: boolean };
  preview: {
    newStackMs: number;
    newStackRequests: number;
    deployedStackMs: number;
    deployedStackRequests: number;
    met: boolean;
  };
}

/** An emulator as every side of this scenario gets it: Twilio's latency and a build of `BUILD_MS`. */
async function emulatorFor(gate?: number): Promise<TwilioEmulator> {
  const emulator = await TwilioEmulator.start({ buildDurationMs: BUILD_MS });
  emulator.faults.latencyMs = LATENCY_MS;
  if (gate !== undefined) emulator.faults.gate = { maxInFlight: gate, retryAfter: String(RETRY_AFTER_S) };
  return emulator;
}

/** Our side: the dynamic-provider plugin with a user's default settings, driven by the test engine. */
export interface OurStack {
  engine: Engine;
  plugin: ProviderProcess;
  /** `pulumi up` of the program for these Toolkit folders. */
  up: () => Promise<void>;
  preview: () => Promise<void>;
  stop: () => Promise<void>;
}

export async function ourStack(emulator: TwilioEmulator, directories: string[]): Promise<OurStack> {
  const project = TOOLKIT_PROGRAM;
  // As a user's: no test helpers (build waits on the real clock, no compile cache, the whole SDK).
  const plugin = await ProviderProcess.start({ cwd: project.programDir, project: project.name, testHelpers: false });
  const { apiKey, apiSecret } = emulator.credentials;
  await plugin.configure(
    {
      "twilio:apiKey": apiKey,
      "twilio:apiSecret": apiSecret,
      "twilio:serverlessBaseUrl": emulator.apiBaseUrl,
      "twilio:serverlessUploadBaseUrl": emulator.uploadBaseUrl,
    },
    ["twilio:apiSecret"],
  );
  const engine = new Engine(plugin, project, "bench");
  const program = { config: { [`${project.name}:directories`]: JSON.stringify(directories) }, compileCache: false };
  return {
    engine,
    plugin,
    up: async () => {
      await engine.up(program);
    },
    preview: async () => {
      await engine.preview(program);
    },
    stop: () => plugin.stop(),
  };
}

function targetOf(emulator: TwilioEmulator): Target {
  const { apiKey, apiSecret } = emulator.credentials;
  return {
    apiBaseUrl: emulator.apiBaseUrl,
    uploadBaseUrl: emulator.uploadBaseUrl,
    username: apiKey,
    password: apiSecret,
    serviceSid: "",
    functionSid: "",
  };
}

/** Runs one deploy and records what it cost, from the requests the emulator saw meanwhile. */
async function measure(
  emulator: TwilioEmulator,
  deploy: () => Promise<{ ok: boolean; error?: string; wallMs?: number }>,
): Promise<DeployRun> {
  const before = emulator.requests.length;
  const started = performance.now();
  const outcome = await deploy();
  // A client timed where it runs (the worker) reports its own wall time, without the IPC to it.
  const wallMs = outcome.wallMs ?? performance.now() - started;
  return { ...outcome, wallMs, requests: tally(emulator.requests.slice(before)), left: left(emulator) };
}

/** Adds the build waits the emulator holds now: a later deploy deletes the builds it replaces. */
function collectWaits(emulator: TwilioEmulator, waits: Map<string, BuildWait>): void {
  for (const wait of buildWaits(emulator)) if (!waits.has(wait.buildSid)) waits.set(wait.buildSid, wait);
}

/** Runs a deploy, recording its failure (first line) instead of throwing. */
export const settled = async (run: () => Promise<void>): Promise<{ ok: boolean; error?: string }> => {
  try {
    await run();
    return { ok: true };
  } catch (err) {
    return { ok: false, error: messageOf(err).split("\n")[0] };
  }
};

/** Appends a line to one function, the same edit on both sides. */
function editOneFunction(project: GeneratedProject): void {
  fs.appendFileSync(path.join(project.dir, project.functions[7]), "// edited\n");
}

export async function toolkitDeploy(
  worker: ClientWorker,
  tmp: string,
  progress: (message: string) => void,
): Promise<ToolkitDeployResult> {
  const generated = generateToolkitProject(path.join(tmp, "toolkit-source"), "bench-app", FUNCTIONS, ASSETS);
  const oursProject = copyProject(generated, path.join(tmp, "toolkit-ours"));
  const theirsProject = copyProject(generated, path.join(tmp, "toolkit-theirs"));

  // Ours: preview of a new stack, first deploy, preview of the deployed stack, one-file redeploy,
  // no-change redeploy.
  progress("  ServerlessProject: first deploy, one-file redeploy, no-change redeploy");
  const oursEmulator = await emulatorFor();
  const ours = await ourStack(oursEmulator, [oursProject.dir]);
  let preview: ToolkitDeployResult["preview"];
  let oursRuns: DeployRun[];
  let oursWaits: BuildWait[];
  try {
    const waits = new Map<string, BuildWait>();
    const newStack = await measure(oursEmulator, () => settled(ours.preview));
    const first = await measure(oursEmulator, () => settled(ours.up));
    collectWaits(oursEmulator, waits);
    const deployedStack = await measure(oursEmulator, () => settled(ours.preview));
    editOneFunction(oursProject);
    const redeploy = await measure(oursEmulator, () => settled(ours.up));
    collectWaits(oursEmulator, waits);
    const noChange = await measure(oursEmulator, () => settled(ours.up));
    oursRuns = [first, redeploy, noChange];
    oursWaits = [...waits.values()];
    preview = {
      newStackMs: newStack.wallMs,
      newStackRequests: newStack.requests.total,
      deployedStackMs: deployedStack.wallMs,
      deployedStackRequests: deployedStack.requests.total,
      met: newStack.ok && deployedStack.ok && newStack.requests.total === 0 && deployedStack.requests.total === 0,
    };
  } finally {
    await ours.stop();
    await oursEmulator.close();
  }

  progress("  @twilio-labs/serverless-api: the same three deploys");
  const theirsEmulator = await emulatorFor();
  let theirsRuns: DeployRun[];
  let theirsWaits: BuildWait[];
  try {
    const target = targetOf(theirsEmulator);
    let serviceSid: string | undefined;
    const deploy = (): Promise<{ ok: boolean; error?: string }> =>
      worker.toolkitDeploy({ target, cwd: theirsProject.dir, serviceSid }).then((result) => {
        serviceSid ??= result.serviceSid;
        return { ok: result.ok, error: result.error, wallMs: result.wallMs };
      });
    const first = await measure(theirsEmulator, deploy);
    editOneFunction(theirsProject);
    const redeploy = await measure(theirsEmulator, deploy);
    const noChange = await measure(theirsEmulator, deploy);
    theirsRuns = [first, redeploy, noChange];
    theirsWaits = buildWaits(theirsEmulator);
  } finally {
    await theirsEmulator.close();
  }

  progress(`  both again, first deploys behind a 429 gate of ${GATE} in flight`);
  const storm = await stormRuns(worker, generated, tmp);

  const [oursFirst, oursRedeploy, oursNoChange] = oursRuns;
  const [theirsFirst, theirsRedeploy, theirsNoChange] = theirsRuns;
  const firstRatio = oursFirst.wallMs / theirsFirst.wallMs;
  const netRatio = (oursRedeploy.wallMs - BUILD_MS) / (theirsRedeploy.wallMs - BUILD_MS);
  const bytesRatio = oursRedeploy.requests.bytesUploaded / theirsRedeploy.requests.bytesUploaded;
  const maxPolls = Math.floor(BUILD_MS / 1000) + 2;
  const maxDetectionMs = 1200;
  const pulumiFixedMs = oursNoChange.wallMs;
  return {
    latencyMs: LATENCY_MS,
    buildMs: BUILD_MS,
    project: { functions: FUNCTIONS, assets: ASSETS, bytes: generated.bytes },
    pulumiFixedMs,
    first: {
      ours: oursFirst,
      toolkit: theirsFirst,
      ratio: firstRatio,
      netRatio: (oursFirst.wallMs - pulumiFixedMs) / theirsFirst.wallMs,
      met: oursFirst.ok && theirsFirst.ok && firstRatio <= 1.0,
    },
    redeploy: {
      ours: oursRedeploy,
      toolkit: theirsRedeploy,
      netRatio,
      netOfPulumiRatio: (oursRedeploy.wallMs - pulumiFixedMs - BUILD_MS) / (theirsRedeploy.wallMs - BUILD_MS),
      bytesRatio,
      met: oursRedeploy.ok && oursRedeploy.requests.uploads === 1 && bytesRatio <= 1 / 20 && netRatio <= 0.3,
    },
    noChange: {
      ours: oursNoChange,
      toolkit: theirsNoChange,
      met:
        oursNoChange.ok &&
        oursNoChange.requests.total === 0 &&
        oursNoChange.left.builds === oursRedeploy.left.builds &&
        oursNoChange.left.deployments === oursRedeploy.left.deployments,
    },
    storm,
    polling: {
      ours: oursWaits,
      toolkit: theirsWaits,
      maxPolls,
      maxDetectionMs,
      met: oursWaits.length > 0 && oursWaits.every((w) => w.statusPolls <= maxPolls && w.detectionMs <= maxDetectionMs),
    },
    preview,
  };
}

async function stormRuns(
  worker: ClientWorker,
  generated: GeneratedProject,
  tmp: string,
): Promise<ToolkitDeployResult["storm"]> {
  const oursProject = copyProject(generated, path.join(tmp, "storm-ours"));
  const theirsProject = copyProject(generated, path.join(tmp, "storm-theirs"));
  const oursEmulator = await emulatorFor(GATE);
  const ours = await ourStack(oursEmulator, [oursProject.dir]);
  let oursRun: DeployRun;
  let oursAllLive = false;
  let oursDuplicates = Number.NaN;
  try {
    oursRun = await measure(oursEmulator, () => settled(ours.up));
    const environment = [...oursEmulator.store.environments.values()].at(0);
    const live = environment ? oursEmulator.liveBuild(environment.sid) : undefined;
    oursAllLive =
      live !== undefined && live.functionVersions.length === FUNCTIONS && live.assetVersions.length === ASSETS;
    oursDuplicates = oursRun.left.versions - (FUNCTIONS + ASSETS);
  } finally {
    await ours.stop();
    await oursEmulator.close();
  }
  const theirsEmulator = await emulatorFor(GATE);
  let theirsRun: DeployRun;
  try {
    const target = targetOf(theirsEmulator);
    theirsRun = await measure(theirsEmulator, () =>
      worker
        .toolkitDeploy({ target, cwd: theirsProject.dir })
        .then((r) => ({ ok: r.ok, error: r.error, wallMs: r.wallMs })),
    );
  } finally {
    await theirsEmulator.close();
  }
  return {
    gate: GATE,
    ours: oursRun,
    toolkit: theirsRun,
    oursAllLive,
    oursDuplicates,
    met: oursRun.ok && oursAllLive && oursDuplicates === 0,
  };
}

function runRow(label: string, run: DeployRun): string[] {
  const r = run.requests;
  return [
    label,
    run.ok ? ms(run.wallMs) : `failed after ${ms(run.wallMs)}`,
    String(r.uploads),
    String(r.otherWrites),
    String(r.reads),
    String(r.statusPolls),
    String(r.throttled),
    bytes(r.bytesUploaded),
    `${run.left.versions} / ${run.left.builds} / ${run.left.deployments}`,
  ];
}

export function printToolkitDeploy(result: ToolkitDeployResult): void {
  heading(
    `6. A Toolkit project (${result.project.functions} functions of 1–4 KiB, ${result.project.assets} assets of 1 KiB–1 MiB, ` +
      `${bytes(result.project.bytes)}), ServerlessProject vs @twilio-labs/serverless-api, ${result.latencyMs} ms latency, ${ms(result.buildMs)} builds`,
  );
  const header = [
    "deploy",
    "wall",
    "uploads",
    "other writes",
    "reads",
    "status polls",
    "429s",
    "bytes up",
    "left: versions / builds / deployments",
  ];
  console.log(
    table(header, [
      runRow("first: ServerlessProject", result.first.ours),
      runRow("first: serverless-api", result.first.toolkit),
      runRow("one function changed: ServerlessProject", result.redeploy.ours),
      runRow("one function changed: serverless-api", result.redeploy.toolkit),
      runRow("nothing changed: ServerlessProject", result.noChange.ours),
      runRow("nothing changed: serverless-api", result.noChange.toolkit),
      runRow(`first, 429 beyond ${result.storm.gate} in flight: ServerlessProject`, result.storm.ours),
      runRow(`first, 429 beyond ${result.storm.gate} in flight: serverless-api`, result.storm.toolkit),
    ]),
  );
  for (const [label, run] of [
    ["serverless-api, first", result.first.toolkit],
    ["serverless-api, 429 gate", result.storm.toolkit],
    ["ServerlessProject, 429 gate", result.storm.ours],
  ] as const) {
    if (!run.ok) console.log(`  ${label} failed: ${run.error ?? "(no message)"}`);
  }
  console.log(
    `  Pulumi's fixed cost (the up with nothing changed: the program run, check and diff of every resource): ${ms(result.pulumiFixedMs)}`,
  );
  console.log(
    `  first deploy: ${ratio(result.first.ratio)} serverless-api's wall time (target ≤ 1.0×: ${yesNo(result.first.met)}); ` +
      `${ratio(result.first.netRatio)} net of Pulumi's fixed cost`,
  );
  console.log(
    `  one function changed: ${result.redeploy.ours.requests.uploads} upload(s) vs ${result.redeploy.toolkit.requests.uploads}, ` +
      `bytes ${ratio(result.redeploy.bytesRatio)}, wall less the ${ms(result.buildMs)} build ${ratio(result.redeploy.netRatio)} ` +
      `(targets 1 upload, ≤ 0.05× bytes, ≤ 0.3× wall: ${yesNo(result.redeploy.met)}); ` +
      `${ratio(result.redeploy.netOfPulumiRatio)} net of Pulumi's fixed cost too`,
  );
  console.log(
    `  nothing changed: ${result.noChange.ours.requests.total} requests from ServerlessProject (target 0: ${yesNo(result.noChange.met)}); ` +
      `serverless-api ${result.noChange.toolkit.requests.total}`,
  );
  console.log(
    `  429 gate: ServerlessProject ${result.storm.oursAllLive ? "left every file live" : "did NOT leave every file live"}, ` +
      `${result.storm.oursDuplicates} duplicate versions (${yesNo(result.storm.met)})`,
  );
  heading("6. Build waits (per completed build that was then deployed)");
  console.log(
    table(
      ["client", "build", "status polls", "completion → deployment request"],
      [
        ...result.polling.ours.map((w) => [
          "ServerlessProject",
          w.buildSid.slice(0, 10),
          String(w.statusPolls),
          ms(w.detectionMs),
        ]),
        ...result.polling.toolkit.map((w) => [
          "serverless-api",
          w.buildSid.slice(0, 10),
          String(w.statusPolls),
          ms(w.detectionMs),
        ]),
      ],
    ),
  );
  console.log(
    `  target for ServerlessProject: ≤ ${result.polling.maxPolls} polls per ${ms(result.buildMs)} build, deployment within ${ms(result.polling.maxDetectionMs)}: ${yesNo(result.polling.met)}`,
  );
  heading("6. Preview of the 70-file project (check and diff of every resource, as pulumi preview)");
  console.log(
    table(
      ["stack", "wall", "requests to Twilio"],
      [
        ["new (nothing deployed)", ms(result.preview.newStackMs), String(result.preview.newStackRequests)],
        ["deployed, nothing changed", ms(result.preview.deployedStackMs), String(result.preview.deployedStackRequests)],
      ],
    ),
  );
  console.log(
    `  target: zero requests (a dynamic resource's preview is Check and Diff only): ${yesNo(result.preview.met)}`,
  );
}
