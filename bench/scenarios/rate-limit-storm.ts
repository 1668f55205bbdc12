/**
 * 2. Rate-limit storm: 300 versions at once against an emulator that answers 429 with
 * `Retry-After: 1` beyond 5 requests in flight, through the plugin (300 parallel Create RPCs,
 * default settings) and through @twilio-labs/serverless-api (its defaults, and concurrency 50).
 */
import fs from "fs";
import path from "path";
import { performance } from "perf_hooks";
import { DEFAULT_MAX_CONCURRENCY } from "../../provider/config/settings";
import { TwilioEmulator } from "../../test/emulator/server";
import { sha256 } from "../../test/engine/fixture";
import { ProviderProcess } from "../../test/engine/provider-process";
import { ASSET_SIG, PropertyBag, SIG_KEY } from "../../provider/model/wire";
import { heading, ms, ratio, table, yesNo } from "../lib/format";
import { median } from "../lib/stats";
import {
  Twilio,
  checked,
  cpuMsOf,
  javascriptOfSize,
  ownCpuMs,
  pidOf,
  startPlugin,
  startTwilio,
  urnFor,
} from "../lib/stack";
import { ClientWorker } from "../lib/worker";

const VERSIONS = 300;
const GATE = 5;
const RETRY_AFTER_S = 1;
const PAYLOAD_BYTES = 1024;
const MAX_WALL_OVER_IDEAL = 1.5;
/** A run that has not finished by then is cut short and reported as such. */
const RUN_DEADLINE_MS = 150_000;
const SAMPLE_MS = 5;

export interface StormRun {
  client: string;
  latencyMs: number;
  /** Requests in flight the client allows. */
  concurrency: number;
  versions: number;
  successes: number;
  failures: number;
  failureReasons: Record<string, number>;
  /** Upload requests the emulator received for the storm, and how many it answered 429. */
  requests: number;
  answered429: number;
  /** Versions the emulator holds for the storm's function. */
  created: number;
  /** created - successes: versions made that the client does not know of. */
  duplicates: number;
  /** Paths holding more than one version. */
  pathsWithSeveralVersions: number;
  /** Most requests the emulator processed at once (the gate caps it at 5). */
  maxInFlightSeen: number;
  /** Requests the emulator was processing, averaged over the wall time (sampled every 5 ms). */
  meanInFlight: number;
  wallMs: number;
  /** Median of 20 uncontended bare uploads of the same payload at latency 0, plus the latency. */
  serviceMs: number;
  /** versions × serviceMs / gate. */
  idealMs: number;
  /** Retry-After + serviceMs once any 429 happened (what any client honouring it pays), else null. */
  retryAfterFloorMs: number | null;
  wallOverIdeal: number;
  wallOverFloor: number | null;
  timedOut: boolean;
  /** For serverless-api: retries got started (then went through with or declined). */
  retriesStarted?: number;
  medianSuccessMs: number;
  medianFailureMs: number;
  /** CPU the client's process used during the storm, per version: the plugin, or the worker running serverless-api. */
  clientCpuMsPerVersion: number;
  /** CPU of the benchmark's own process (emulator and the engine side of gRPC) over the wall time, in cores. */
  harnessCpuCores: number;
}

export interface StormTarget {
  latencyMs: number;
  run: StormRun;
  maxWallOverIdeal: number;
  met: boolean;
  /** True when any 429 puts the target out of reach: Retry-After + service > 1.5 × ideal. */
  floorDominates: boolean;
}

export interface RateLimitStormResult {
  versions: number;
  gate: number;
  retryAfterS: number;
  payloadBytes: number;
  runs: StormRun[];
  targets: StormTarget[];
}

type Client = { kind: "ours" } | { kind: "serverless-api"; concurrency?: number };

interface Item {
  path: string;
  text: string;
}

/** What a client reports of its storm. */
interface Outcome {
  label: string;
  concurrency: number;
  /** performance.now() in this process when the storm began. */
  startedAt: number;
  wallMs: number;
  successes: number;
  failures: number;
  failureReasons: Record<string, number>;
  successMs: number[];
  failureMs: number[];
  timedOut: boolean;
  retriesStarted?: number;
  clientCpuMs: number;
  harnessCpuMs: number;
}

interface Prepared {
  twilio: Twilio;
  stormFunctionSid: string;
  serviceMs: number;
  items: Item[];
}

const clientName = (client: Client): string =>
  client.kind === "ours" ? "ours" : `serverless-api ${client.concurrency ?? "defaults"}`;

/** A fresh emulator, its uncontended service time, and the storm's function and payloads. */
async function prepare(worker: ClientWorker, tmp: string, latencyMs: number, tag: string): Promise<Prepared> {
  const twilio = await startTwilio();
  // Uncontended service time: the median of bare uploads of the same size with no added latency,
  // to the stack's main function, so that they are not counted in the storm.
  const probeFile = path.join(tmp, `storm-probe-${tag}.js`);
  fs.writeFileSync(probeFile, javascriptOfSize(PAYLOAD_BYTES, `probe ${tag}`));
  twilio.emulator.faults.latencyMs = 0;
  const samples: number[] = [];
  for (let i = 0; i < 25; i++) {
    const result = await worker.floor({
      target: twilio.target(),
      file: probeFile,
      mode: "buffer",
      path: "/probe",
      visibility: "public",
      filename: "probe.js",
    });
    if (result.status !== 201) throw new Error(`probe upload answered ${result.status}`);
    if (i >= 5) samples.push(result.ms);
  }
  const stormFunctionSid = twilio.emulator.createFunction(twilio.serviceSid, `storm-${tag}`).sid;
  const items = Array.from({ length: VERSIONS }, (_, i) => ({
    path: `/storm-${i}`,
    text: javascriptOfSize(PAYLOAD_BYTES, `storm ${tag} #${i}`).toString("utf8"),
  }));
  return { twilio, stormFunctionSid, serviceMs: latencyMs + median(samples), items };
}

function closeGate(emulator: TwilioEmulator): void {
  emulator.faults.gate = { maxInFlight: GATE, retryAfter: String(RETRY_AFTER_S) };
  emulator.maxInFlightSeen = 0;
}

function withDeadline<T>(work: Promise<T>, deadlineMs: number): Promise<T | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => {
      resolve("timeout");
    }, deadlineMs);
  });
  return Promise.race([work, deadline]).finally(() => {
    clearTimeout(timer);
  });
}

/** 300 Create RPCs at once through a fresh plugin with default settings. */
async function runOurs(prepared: Prepared, plugin: ProviderProcess, providerText: string): Promise<Outcome> {
  const { twilio, stormFunctionSid, items } = prepared;
  const inputsFor = (functionSid: string, item: Item): PropertyBag => ({
    __provider: providerText,
    serviceSid: twilio.serviceSid,
    functionSid,
    path: item.path,
    visibility: "public",
    content: { [SIG_KEY]: ASSET_SIG, hash: sha256(item.text), text: item.text },
  });
  // Warm the plugin (its modules, the provider text) with one upload before the gate closes.
  const warmUrn = urnFor("storm-warmup");
  await plugin.create(warmUrn, await checked(plugin, warmUrn, inputsFor(twilio.functionSid, items[0])));
  const creates: Array<{ urn: string; inputs: PropertyBag }> = [];
  for (const [i, item] of items.entries()) {
    const urn = urnFor(`storm-${i}`);
    creates.push({ urn, inputs: await checked(plugin, urn, inputsFor(stormFunctionSid, item)) });
  }
  closeGate(twilio.emulator);
  const failureReasons: Record<string, number> = {};
  const successMs: number[] = [];
  const failureMs: number[] = [];
  const pid = pidOf(plugin);
  const clientCpu = cpuMsOf(pid);
  const harnessCpu = ownCpuMs();
  const startedAt = performance.now();
  const all = Promise.all(
    creates.map(async ({ urn, inputs }) => {
      const begun = performance.now();
      try {
        await plugin.create(urn, inputs);
        successMs.push(performance.now() - begun);
      } catch (err) {
        failureMs.push(performance.now() - begun);
        const text = err instanceof Error ? err.message : String(err);
        const reason = text.replace(/Z[NHS][0-9a-f]{32}/g, "…").slice(0, 160);
        failureReasons[reason] = (failureReasons[reason] ?? 0) + 1;
      }
    }),
  );
  const finished = await withDeadline(all, RUN_DEADLINE_MS);
  const wallMs = performance.now() - startedAt;
  return {
    label: `pulumi-twilio-serverless (default maxConcurrency ${DEFAULT_MAX_CONCURRENCY})`,
    concurrency: DEFAULT_MAX_CONCURRENCY,
    startedAt,
    wallMs,
    successes: successMs.length,
    failures: failureMs.length,
    failureReasons,
    successMs,
    failureMs,
    timedOut: finished === "timeout",
    clientCpuMs: cpuMsOf(pid) - clientCpu,
    harnessCpuMs: ownCpuMs() - harnessCpu,
  };
}

/** The same 300 uploads through @twilio-labs/serverless-api in the client worker. */
async function runServerlessApi(prepared: Prepared, worker: ClientWorker, concurrency?: number): Promise<Outcome> {
  const { twilio, stormFunctionSid, items } = prepared;
  // Warm serverless-api (its modules, file-type's import) with one upload before the gate closes.
  const warm = await worker.serverlessApi({ target: twilio.target(), concurrency, items: [items[0]] });
  if (warm.successes !== 1) {
    throw new Error(`serverless-api cannot upload to the emulator: ${JSON.stringify(warm.failureReasons)}`);
  }
  closeGate(twilio.emulator);
  const clientCpu = cpuMsOf(worker.pid);
  const harnessCpu = ownCpuMs();
  const startedAt = performance.now();
  const ran = await withDeadline(
    worker.serverlessApi({ target: twilio.target(stormFunctionSid), concurrency, items }),
    RUN_DEADLINE_MS,
  );
  if (ran === "timeout") throw new Error("the serverless-api storm did not finish in time");
  const clientCpuMs = cpuMsOf(worker.pid) - clientCpu;
  const harnessCpuMs = ownCpuMs() - harnessCpu;
  return {
    label: `@twilio-labs/serverless-api (${concurrency === undefined ? `defaults: concurrency ${ran.concurrency}` : `concurrency ${concurrency}`})`,
    concurrency: ran.concurrency,
    startedAt,
    wallMs: ran.wallMs,
    successes: ran.successes,
    failures: ran.failures,
    failureReasons: ran.failureReasons,
    successMs: ran.successMs,
    failureMs: ran.failureMs,
    timedOut: false,
    retriesStarted: ran.retriesStarted,
    clientCpuMs,
    harnessCpuMs,
  };
}

async function stormRun(
  worker: ClientWorker,
  tmp: string,
  providerText: string,
  client: Client,
  latencyMs: number,
): Promise<StormRun> {
  const prepared = await prepare(worker, tmp, latencyMs, `${clientName(client).replace(/\s/g, "-")}-${latencyMs}ms`);
  const { emulator } = prepared.twilio;
  emulator.faults.latencyMs = latencyMs;
  const samples: Array<{ t: number; inFlight: number }> = [];
  const sampler = setInterval(() => samples.push({ t: performance.now(), inFlight: emulator.inFlight }), SAMPLE_MS);
  let plugin: ProviderProcess | undefined;
  try {
    let outcome: Outcome;
    if (client.kind === "ours") {
      plugin = await startPlugin(prepared.twilio);
      outcome = await runOurs(prepared, plugin, providerText);
    } else {
      outcome = await runServerlessApi(prepared, worker, client.concurrency);
    }
    const during = samples.filter((s) => s.t >= outcome.startedAt && s.t <= outcome.startedAt + outcome.wallMs);
    const meanInFlight = during.reduce((sum, s) => sum + s.inFlight, 0) / Math.max(1, during.length);
    return summarize(prepared, outcome, latencyMs, meanInFlight);
  } finally {
    clearInterval(sampler);
    await plugin?.stop();
    await emulator.close();
  }
}

function summarize(prepared: Prepared, outcome: Outcome, latencyMs: number, meanInFlight: number): StormRun {
  const { emulator } = prepared.twilio;
  const { stormFunctionSid, serviceMs } = prepared;
  // Upload requests to the storm's function only: the probes and warm-ups went to another one.
  const stormPath = `/Functions/${stormFunctionSid}/Versions`;
  const requests = emulator.requests.filter((r) => r.host === "upload" && r.path.endsWith(stormPath));
  const versions = emulator.store.versions.filter((v) => v.functionSid === stormFunctionSid);
  const perPath = new Map<string, number>();
  for (const v of versions) perPath.set(v.path, (perPath.get(v.path) ?? 0) + 1);
  const answered429 = requests.filter((r) => r.status === 429).length;
  const idealMs = (VERSIONS * serviceMs) / GATE;
  const retryAfterFloorMs = answered429 > 0 ? RETRY_AFTER_S * 1000 + serviceMs : null;
  return {
    client: outcome.label,
    latencyMs,
    concurrency: outcome.concurrency,
    versions: VERSIONS,
    successes: outcome.successes,
    failures: outcome.failures,
    failureReasons: outcome.failureReasons,
    requests: requests.length,
    answered429,
    created: versions.length,
    duplicates: versions.length - outcome.successes,
    pathsWithSeveralVersions: [...perPath.values()].filter((n) => n > 1).length,
    maxInFlightSeen: emulator.maxInFlightSeen,
    meanInFlight,
    wallMs: outcome.wallMs,
    serviceMs,
    idealMs,
    retryAfterFloorMs,
    wallOverIdeal: outcome.wallMs / idealMs,
    wallOverFloor: retryAfterFloorMs === null ? null : outcome.wallMs / retryAfterFloorMs,
    timedOut: outcome.timedOut,
    retriesStarted: outcome.retriesStarted,
    medianSuccessMs: median(outcome.successMs),
    medianFailureMs: median(outcome.failureMs),
    clientCpuMsPerVersion: outcome.clientCpuMs / VERSIONS,
    harnessCpuCores: outcome.harnessCpuMs / outcome.wallMs,
  };
}

function target(run: StormRun): StormTarget {
  const floorDominates = run.retryAfterFloorMs !== null && run.retryAfterFloorMs > MAX_WALL_OVER_IDEAL * run.idealMs;
  return {
    latencyMs: run.latencyMs,
    run,
    maxWallOverIdeal: MAX_WALL_OVER_IDEAL,
    met:
      !run.timedOut &&
      run.successes === run.versions &&
      run.duplicates === 0 &&
      run.wallMs <= MAX_WALL_OVER_IDEAL * run.idealMs,
    floorDominates,
  };
}

/** The storm at 5 ms; at 50 ms too when the Retry-After floor puts the target out of reach at 5 ms. */
export async function rateLimitStorm(
  worker: ClientWorker,
  tmp: string,
  providerText: string,
  progress: (message: string) => void,
): Promise<RateLimitStormResult> {
  const runs: StormRun[] = [];
  const targets: StormTarget[] = [];
  const clients: Client[] = [{ kind: "ours" }, { kind: "serverless-api" }, { kind: "serverless-api", concurrency: 50 }];
  const latencies = [5];
  for (let l = 0; l < latencies.length; l++) {
    const latencyMs = latencies[l];
    for (const client of clients) {
      progress(`  storm: ${clientName(client)} at ${latencyMs} ms`);
      const run = await stormRun(worker, tmp, providerText, client, latencyMs);
      runs.push(run);
      if (client.kind === "ours") {
        const t = target(run);
        targets.push(t);
        if (t.floorDominates && latencyMs === 5) latencies.push(50);
      }
    }
  }
  return { versions: VERSIONS, gate: GATE, retryAfterS: RETRY_AFTER_S, payloadBytes: PAYLOAD_BYTES, runs, targets };
}

export function printRateLimitStorm(result: RateLimitStormResult): void {
  heading(
    `2. Rate-limit storm: ${result.versions} uploads of 1 KiB at once; 429 + Retry-After: ${result.retryAfterS} beyond ${result.gate} in flight`,
  );
  console.log(
    table(
      [
        "client",
        "latency",
        "ok",
        "failed",
        "429s",
        "created",
        "dup",
        "in flight (mean/max)",
        "wall",
        "service",
        "ideal",
        "wall/ideal",
        "RA floor",
        "wall/floor",
        "client CPU/upload",
      ],
      result.runs.map((r) => [
        r.client,
        `${r.latencyMs} ms`,
        `${r.successes}/${r.versions}`,
        String(r.failures),
        String(r.answered429),
        String(r.created),
        String(r.duplicates),
        `${r.meanInFlight.toFixed(1)}/${r.maxInFlightSeen}`,
        `${ms(r.wallMs)}${r.timedOut ? " (cut)" : ""}`,
        ms(r.serviceMs),
        ms(r.idealMs),
        ratio(r.wallOverIdeal),
        r.retryAfterFloorMs === null ? "n/a" : ms(r.retryAfterFloorMs),
        r.wallOverFloor === null ? "n/a" : ratio(r.wallOverFloor),
        ms(r.clientCpuMsPerVersion),
      ]),
    ),
  );
  console.log(
    `  service = latency + median uncontended 1 KiB upload at latency 0; ideal = ${result.versions} × service / ${result.gate}; ` +
      `RA floor = Retry-After + service (any client honouring Retry-After pays it once a 429 happens).`,
  );
  console.log(
    `  client CPU/upload: CPU time of the uploading process (the plugin, or the worker running serverless-api) / ${result.versions}. ` +
      `The benchmark's own process (emulator, engine side) used ${result.runs.map((r) => r.harnessCpuCores.toFixed(2)).join(", ")} cores.`,
  );
  for (const r of result.runs) {
    const reasons = Object.entries(r.failureReasons);
    if (reasons.length === 0) continue;
    const retries =
      r.retriesStarted === undefined
        ? ""
        : `; got started ${r.retriesStarted} retries, ${Math.max(0, r.requests - r.versions)} requests re-sent`;
    console.log(
      `  ${r.client} at ${r.latencyMs} ms: ${reasons.map(([k, n]) => `${n} × ${k}`).join("; ")} ` +
        `(median failure after ${ms(r.medianFailureMs)})${retries}`,
    );
  }
  for (const t of result.targets) {
    const why = t.floorDominates
      ? `; out of reach once any 429 happens: floor ${ms(t.run.retryAfterFloorMs ?? Number.NaN)} > ${t.maxWallOverIdeal} × ideal ${ms(t.run.idealMs)}`
      : "";
    console.log(
      `  target, ours at ${t.latencyMs} ms: ${t.run.versions}/${t.run.versions}, no duplicates, wall ≤ ${t.maxWallOverIdeal} × ideal → ` +
        `${t.run.successes}/${t.run.versions}, ${t.run.duplicates} dup, ${ratio(t.run.wallOverIdeal)}: ${yesNo(t.met)}${why}`,
    );
  }
}
