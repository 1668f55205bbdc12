/**
 * `npm run bench [-- <scenario>...]`: the provider's costs, measured against the local Twilio
 * emulator on 127.0.0.1 through the SDK's dynamic-provider plugin driven over gRPC as the engine
 * drives it. Prints a table per scenario and whether each target was met, and writes the raw
 * figures to bench/results/latest.json. Timings are medians and ratios to baselines measured in
 * the same run; they describe this machine, they assert nothing. Scenarios are named by number or
 * by name (`1`, `upload`, `storm`, `preview`, `memory`, `state`, `toolkit`, `monorepo`, `process`);
 * all run when none is named. `--runs=N` and `--profiles=a,b` narrow the process-to-process
 * scenario for a quick look (its profiles: 50ms, 150ms, 150ms-20mbit, 15s-builds).
 */
import fs from "fs";
import os from "os";
import path from "path";
import { performance } from "perf_hooks";
import { captureProgram } from "../test/engine/capture";
import { REPO } from "../test/engine/fixture";
import { newSid } from "../test/emulator/store";
import { Environment, environment, printEnvironment } from "./lib/env";
import { heading, ms, ratio, table, yesNo, bytes } from "./lib/format";
import { EXAMPLE } from "./lib/stack";
import { round } from "./lib/stats";
import { ClientWorker } from "./lib/worker";
import { MemoryResult, memory, printMemory } from "./scenarios/memory";
import { PreviewCostResult, previewCost, printPreviewCost } from "./scenarios/preview-cost";
import { RateLimitStormResult, printRateLimitStorm, rateLimitStorm } from "./scenarios/rate-limit-storm";
import { StateFootprintResult, printStateFootprint, stateFootprint } from "./scenarios/state-footprint";
import { UploadOverheadResult, printUploadOverhead, uploadOverhead } from "./scenarios/upload-overhead";
import { ToolkitDeployResult, printToolkitDeploy, toolkitDeploy } from "./scenarios/toolkit-deploy";
import { MonorepoResult, monorepo, printMonorepo } from "./scenarios/monorepo";
import {
  ProcessDeployOptions,
  ProcessDeployResult,
  printProcessDeploy,
  processDeploy,
} from "./scenarios/process-deploy";

const RESULTS = path.join(REPO, "bench", "results", "latest.json");

/** Each scenario's number and name, as the command line may select them. */
const SCENARIOS = ["upload", "storm", "preview", "memory", "state", "toolkit", "monorepo", "process"] as const;
type ScenarioName = (typeof SCENARIOS)[number];

/** The options of the process-to-process scenario: `--runs=N`, `--profiles=a,b`. */
function processOptions(args: string[]): ProcessDeployOptions {
  const options: ProcessDeployOptions = {};
  for (const arg of args) {
    const [flag, value] = arg.split("=", 2);
    if (flag === "--runs" && /^[1-9]\d*$/.test(value)) options.runs = Number(value);
    else if (flag === "--profiles" && value) options.profiles = value.split(",");
    else throw new Error(`unknown option "${arg}": --runs=N or --profiles=a,b`);
  }
  return options;
}

/** The scenarios the arguments name (numbers from 1 or names), all of them when none is named. */
function selected(args: string[]): Set<ScenarioName> {
  if (args.length === 0) return new Set(SCENARIOS);
  const out = new Set<ScenarioName>();
  for (const arg of args) {
    const found = SCENARIOS.find((name, i) => arg === name || arg === String(i + 1));
    if (found === undefined) {
      throw new Error(`unknown scenario "${arg}": name one of ${SCENARIOS.map((n, i) => `${i + 1} ${n}`).join(", ")}`);
    }
    out.add(found);
  }
  return out;
}

interface TargetLine {
  scenario: string;
  target: string;
  measured: string;
  met: boolean | undefined;
  note?: string;
}

interface Results {
  environment: Environment;
  durationMs: number;
  scenarios: {
    uploadOverhead?: UploadOverheadResult;
    rateLimitStorm?: RateLimitStormResult;
    previewCost?: PreviewCostResult;
    memory?: MemoryResult;
    stateFootprint?: StateFootprintResult;
    toolkitDeploy?: ToolkitDeployResult;
    monorepo?: MonorepoResult;
    processDeploy?: ProcessDeployResult;
  };
  errors: Record<string, string>;
  targets: TargetLine[];
}

const progress = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

/** The `__provider` text a real program serializes (it does not depend on the stack's SIDs). */
async function providerText(): Promise<string> {
  const declared = (
    await captureProgram({
      project: EXAMPLE,
      config: { [`${EXAMPLE.name}:serviceSid`]: newSid("ZS"), [`${EXAMPLE.name}:functionSid`]: newSid("ZH") },
    })
  ).at(0);
  const text = declared?.inputs.__provider;
  if (typeof text !== "string") throw new Error("the example program serialized no __provider");
  return text;
}

function targets(results: Results): TargetLine[] {
  const lines: TargetLine[] = [];
  const { uploadOverhead: upload, rateLimitStorm: storm, previewCost: preview } = results.scenarios;
  for (const c of upload?.cases ?? []) {
    lines.push({
      scenario: "1. upload overhead",
      target: `${c.label}: provider / floor ≤ ${c.target}`,
      measured: `${ratio(c.ratio)} (${ms(c.provider.median)} / ${ms(c.floor.median)})`,
      met: c.met,
      note: `${ratio(c.netRatio)} net of the ${ms(c.rpc.median)} plugin round trip`,
    });
    lines.push({
      scenario: "1. upload overhead",
      target: `${c.label}: provider / hand-written ≤ ${c.handWrittenTarget}`,
      measured: `${ratio(c.handWrittenRatio)} (${ms(c.provider.median)} / ${ms(c.handWritten.median)})`,
      met: c.handWrittenMet,
      note: `hand-written / floor ${ratio(c.handWrittenOverFloor)}; n = ${c.provider.n} each`,
    });
  }
  for (const t of storm?.targets ?? []) {
    lines.push({
      scenario: "2. rate-limit storm",
      target: `at ${t.latencyMs} ms: ${t.run.versions}/${t.run.versions}, 0 dup, wall ≤ ${t.maxWallOverIdeal} × ideal`,
      measured: `${t.run.successes}/${t.run.versions}, ${t.run.duplicates} dup, ${ratio(t.run.wallOverIdeal)} (${ms(t.run.wallMs)} / ${ms(t.run.idealMs)})`,
      met: t.met,
      note: t.floorDominates ? "unreachable here once a 429 happens: Retry-After floor > 1.5 × ideal" : undefined,
    });
  }
  if (preview) {
    lines.push({
      scenario: "3. preview cost",
      target: `0 requests in ${preview.pairs} check + diff`,
      measured: `${preview.requestsDuring} requests, ${ms(preview.pair.median)} per pair`,
      met: preview.met,
    });
  }
  for (const r of results.scenarios.memory?.runs ?? []) {
    lines.push({
      scenario: "4. memory",
      target: `growth ≤ ${results.scenarios.memory?.target} × file (${r.label})`,
      measured: `${bytes(r.growthBytes)} = ${ratio(r.ratio)} of ${bytes(results.scenarios.memory?.fileBytes ?? 0)}`,
      met: r.met,
    });
  }
  const footprint = results.scenarios.stateFootprint;
  if (footprint) {
    lines.push({
      scenario: "5. state footprint",
      target: "none (README: __provider about 4 KB)",
      measured: footprint.rows.map((r) => `${r.content} ${bytes(r.stateBytes)}`).join(", "),
      met: undefined,
    });
  }
  const toolkit = results.scenarios.toolkitDeploy;
  if (toolkit) {
    const { first, redeploy, noChange, storm, polling, preview: p } = toolkit;
    const scenario = "6. Toolkit project";
    lines.push(
      {
        scenario,
        target: "first deploy: wall ≤ 1.0 × serverless-api's",
        measured: `${ratio(first.ratio)} (${ms(first.ours.wallMs)} / ${ms(first.toolkit.wallMs)})`,
        met: first.met,
        note: `${ratio(first.netRatio)} net of Pulumi's fixed ${ms(toolkit.pulumiFixedMs)}`,
      },
      {
        scenario,
        target: "one function changed: 1 upload, bytes ≤ 1/20, wall − build ≤ 0.3×",
        measured:
          `${redeploy.ours.requests.uploads} vs ${redeploy.toolkit.requests.uploads} uploads, ` +
          `bytes ${ratio(redeploy.bytesRatio)}, ${ratio(redeploy.netRatio)}`,
        met: redeploy.met,
        note: `${ratio(redeploy.netOfPulumiRatio)} net of Pulumi's fixed cost too`,
      },
      {
        scenario,
        target: "nothing changed: 0 uploads, builds, deployments",
        measured: `${noChange.ours.requests.total} requests (serverless-api: ${noChange.toolkit.requests.total})`,
        met: noChange.met,
      },
      {
        scenario,
        target: `429 beyond ${storm.gate} in flight: every file live, 0 duplicates`,
        measured: `${storm.oursAllLive ? "all live" : "NOT all live"}, ${storm.oursDuplicates} dup, ${storm.ours.requests.throttled} 429s, ${ms(storm.ours.wallMs)}`,
        met: storm.met,
        note: `serverless-api: ${storm.toolkit.ok ? "completed" : `failed (${storm.toolkit.error ?? "?"})`}`.slice(
          0,
          100,
        ),
      },
      {
        scenario,
        target: `build wait: ≤ ${polling.maxPolls} polls per build, deployment ≤ ${ms(polling.maxDetectionMs)} after`,
        measured: polling.ours.map((w) => `${w.statusPolls} polls, ${ms(w.detectionMs)}`).join("; "),
        met: polling.met,
      },
      {
        scenario,
        target: "preview: 0 requests",
        measured: `new stack ${p.newStackRequests} in ${ms(p.newStackMs)}, deployed ${p.deployedStackRequests} in ${ms(p.deployedStackMs)}`,
        met: p.met,
      },
    );
  }
  const mono = results.scenarios.monorepo;
  if (mono) {
    lines.push({
      scenario: "7. monorepo",
      target: "none (where the limits are)",
      measured:
        `1 stack of 500: ${mono.single.ok ? ms(mono.single.wallMs) : "failed"}, ${mono.single.requests.throttled} 429s, ` +
        `peak ${mono.single.peakInFlight} in flight, plugin peak ${bytes(mono.single.pluginPeakBytes)}; ` +
        `${mono.concurrent.stacks.length} stacks at once: ${ms(mono.concurrent.wallMs)}, ${mono.concurrent.throttled} 429s`,
      met: undefined,
    });
  }
  const processes = results.scenarios.processDeploy;
  for (const t of processes?.targets ?? []) {
    lines.push({
      scenario: "8. process to process",
      target: `${t.profile}, ${t.case}: ours ÷ twilio-run ≤ ${t.max}`,
      measured: ratio(t.ratio),
      met: t.met,
    });
  }
  for (const c of processes?.noChange.commands ?? []) {
    lines.push({
      scenario: "8. process to process",
      target: `no-change pulumi ${c.command} (fresh process): none`,
      measured: `${ms(c.wall.median)} [${ms(c.wall.min)}–${ms(c.wall.max)}], ${c.requests} requests`,
      met: undefined,
    });
  }
  for (const [scenario, error] of Object.entries(results.errors)) {
    lines.push({ scenario, target: "(scenario failed)", measured: error.split("\n")[0].slice(0, 100), met: false });
  }
  return lines;
}

/** JSON numbers rounded for the file (raw samples keep microseconds). */
function rounded(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isInteger(value) ? round(value, 4) : value;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const chosen = selected(args.filter((arg) => !arg.startsWith("--")));
  const options = processOptions(args.filter((arg) => arg.startsWith("--")));
  const started = performance.now();
  const env = environment();
  printEnvironment(env);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));
  const worker = ClientWorker.start();
  const results: Results = { environment: env, durationMs: 0, scenarios: {}, errors: {}, targets: [] };
  const attempt = async <T>(name: string, run: () => Promise<T>): Promise<T | undefined> => {
    progress(`\n[${((performance.now() - started) / 1000).toFixed(1)} s] ${name}...`);
    try {
      return await run();
    } catch (err) {
      results.errors[name] = err instanceof Error ? (err.stack ?? err.message) : String(err);
      console.log(`\n${name}: FAILED\n  ${results.errors[name].split("\n").slice(0, 4).join("\n  ")}`);
      return undefined;
    }
  };
  try {
    const text = await providerText();
    const upload = chosen.has("upload")
      ? await attempt("1. upload overhead", () => uploadOverhead(worker, tmp))
      : undefined;
    if (upload) printUploadOverhead((results.scenarios.uploadOverhead = upload));

    if (chosen.has("storm")) {
      const storm = await attempt("2. rate-limit storm", () => rateLimitStorm(worker, tmp, text, progress));
      if (storm) printRateLimitStorm((results.scenarios.rateLimitStorm = storm));
    }

    if (chosen.has("preview")) {
      const floor1k = upload?.cases.find((c) => c.sizeBytes === 1024);
      const baseline = floor1k
        ? { label: "one bare 1 KiB upload", ms: floor1k.floor.median }
        : { label: "(no baseline: scenario 1 did not run or failed)", ms: Number.NaN };
      const preview = await attempt("3. preview cost", () => previewCost(baseline));
      if (preview) printPreviewCost((results.scenarios.previewCost = preview));
    }

    if (chosen.has("memory")) {
      const mem = await attempt("4. memory", () => memory(tmp, text));
      if (mem) printMemory((results.scenarios.memory = mem));
    }

    if (chosen.has("state")) {
      const footprint = await attempt("5. state footprint", () => stateFootprint());
      if (footprint) printStateFootprint((results.scenarios.stateFootprint = footprint));
    }

    if (chosen.has("toolkit")) {
      const deploy = await attempt("6. Toolkit project", () => toolkitDeploy(worker, tmp, progress));
      if (deploy) printToolkitDeploy((results.scenarios.toolkitDeploy = deploy));
    }

    if (chosen.has("monorepo")) {
      const mono = await attempt("7. monorepo", () => monorepo(tmp, progress));
      if (mono) printMonorepo((results.scenarios.monorepo = mono));
    }

    if (chosen.has("process")) {
      const processes = await attempt("8. process to process", () => processDeploy(tmp, progress, options));
      if (processes) printProcessDeploy((results.scenarios.processDeploy = processes));
    }
  } finally {
    await worker.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  results.targets = targets(results);
  results.durationMs = performance.now() - started;
  heading("Targets");
  console.log(
    table(
      ["scenario", "target", "measured", "", "note"],
      results.targets.map((t) => [t.scenario, t.target, t.measured, yesNo(t.met), t.note ?? ""]),
    ),
  );
  fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
  fs.writeFileSync(RESULTS, `${JSON.stringify(results, rounded, 2)}\n`);
  console.log(`\nRaw figures: ${path.relative(REPO, RESULTS)}; total ${ms(results.durationMs)}.`);
  if (Object.keys(results.errors).length > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
