/**
 * 1. Upload overhead: one `Create` through the dynamic-provider plugin (gRPC, the provider's checks,
 * hashing, its HTTP client) against two baselines, interleaved, at a fixed emulator latency: the
 * floor, a bare axios + form-data POST of the same bytes from another process, and a hand-written
 * dynamic provider (bench/handwritten) served by a plugin process of its own.
 */
import fs from "fs";
import path from "path";
import { performance } from "perf_hooks";
import { ProviderProcess } from "../../test/engine/provider-process";
import { PropertyBag } from "../../provider/model/wire";
import { heading, ms, ratio, table, yesNo } from "../lib/format";
import { Summary, median, summarize } from "../lib/stats";
import {
  Twilio,
  assetPath,
  capture,
  checked,
  cpuMsOf,
  pidOf,
  resource,
  startPlugin,
  startTwilio,
  urnFor,
  wireInputs,
  writeJavascript,
} from "../lib/stack";
import { ClientWorker } from "../lib/worker";

export interface UploadCase {
  label: string;
  sizeBytes: number;
  providerContent: "StringAsset" | "FileAsset";
  floorBody: "buffer" | "file stream";
  warmup: number;
  runs: number;
  providerMs: number[];
  /** The hand-written provider's Create RPC, timed as ours is. */
  handWrittenMs: number[];
  floorMs: number[];
  /** A Check RPC with the same inputs, timed in the same loop: what any call through the plugin costs. */
  rpcMs: number[];
  provider: Summary;
  handWritten: Summary;
  floor: Summary;
  rpc: Summary;
  /** median(provider) / median(floor). */
  ratio: number;
  /** (median(provider) - median(rpc)) / median(floor): the overhead left once the plugin round trip is taken out. */
  netRatio: number;
  target: number;
  met: boolean;
  /** median(provider) / median(hand-written): both pay the same plugin round trip. */
  handWrittenRatio: number;
  handWrittenTarget: number;
  handWrittenMet: boolean;
  /** median(hand-written) / median(floor). */
  handWrittenOverFloor: number;
  /** Plugin CPU per Create and per Check (measured runs; /proc's 10 ms ticks summed over the runs). */
  pluginCpuPerCreateMs: number;
  pluginCpuPerCheckMs: number;
  /** The hand-written plugin's CPU per Create. */
  handWrittenCpuPerCreateMs: number;
  /** Upload requests beyond one per call (retries): should be 0. */
  extraRequests: number;
}

export interface UploadOverheadResult {
  latencyMs: number;
  cases: UploadCase[];
}

interface CaseSpec {
  label: string;
  resourceName: "from-string-asset" | "from-file";
  file: string;
  size: number;
  warmup: number;
  runs: number;
  target: number;
  handWrittenTarget: number;
}

/** A plugin and the inputs it creates from, checked by that plugin as the engine would. */
interface Contender {
  plugin: ProviderProcess;
  urn: string;
  inputs: PropertyBag;
}

const LATENCY_MS = 5;
const HANDWRITTEN_TYPE = "pulumi-nodejs:dynamic/bench:HandWrittenVersion";

export async function uploadOverhead(worker: ClientWorker, tmp: string): Promise<UploadOverheadResult> {
  const small = path.join(tmp, "upload-1k.js");
  const large = path.join(tmp, "upload-5m.js");
  writeJavascript(small, 1024, "bench upload 1 KiB");
  writeJavascript(large, 5 * 1024 * 1024, "bench upload 5 MiB");
  const specs: CaseSpec[] = [
    {
      label: "1 KiB",
      resourceName: "from-string-asset",
      file: small,
      size: 1024,
      warmup: 5,
      runs: 150,
      target: 1.3,
      handWrittenTarget: 1.05,
    },
    {
      label: "5 MiB",
      resourceName: "from-file",
      file: large,
      size: 5 * 1024 * 1024,
      warmup: 3,
      runs: 150,
      target: 1.1,
      handWrittenTarget: 1.05,
    },
  ];

  const twilio = await startTwilio();
  const plugin = await startPlugin(twilio);
  // The hand-written provider reads its credentials and upload host from the environment.
  const handWrittenPlugin = await startPlugin(twilio, {
    TWILIO_API_KEY: twilio.emulator.credentials.apiKey,
    TWILIO_API_SECRET: twilio.emulator.credentials.apiSecret,
    TWILIO_SERVERLESS_UPLOAD_BASE_URL: twilio.emulator.uploadBaseUrl,
  });
  try {
    twilio.emulator.faults.latencyMs = LATENCY_MS;
    // Both programs declare the same function as a FileAsset and a StringAsset: the 1 KiB text
    // goes in as a StringAsset, the 5 MiB file as a FileAsset.
    const config = {
      file: assetPath(large),
      text: fs.readFileSync(small, "utf8"),
      path: "/bench-upload",
      visibility: "public",
    };
    const ours = await capture(twilio, "test/engine/programs/contents", config);
    const handWritten = await capture(twilio, "bench/handwritten", config);
    const cases: UploadCase[] = [];
    for (const spec of specs) {
      const name = `upload-${spec.label.replace(/\s/g, "")}`;
      const oursUrn = urnFor(name);
      const handWrittenUrn = urnFor(name, HANDWRITTEN_TYPE);
      const contenders = {
        ours: { plugin, urn: oursUrn, inputs: wireInputs(resource(ours, spec.resourceName).inputs) },
        handWritten: {
          plugin: handWrittenPlugin,
          urn: handWrittenUrn,
          inputs: wireInputs(resource(handWritten, spec.resourceName).inputs),
        },
      };
      cases.push(await runCase(spec, twilio, worker, contenders));
    }
    return { latencyMs: LATENCY_MS, cases };
  } finally {
    await Promise.all([plugin.stop(), handWrittenPlugin.stop()]);
    await twilio.emulator.close();
  }
}

async function runCase(
  spec: CaseSpec,
  twilio: Twilio,
  worker: ClientWorker,
  contenders: { ours: Contender; handWritten: Contender },
): Promise<UploadCase> {
  const { emulator } = twilio;
  const { ours, handWritten } = contenders;
  const news = ours.inputs;
  const oursInputs = await checked(ours.plugin, ours.urn, news);
  const handWrittenInputs = await checked(handWritten.plugin, handWritten.urn, handWritten.inputs);
  const isFile = spec.resourceName === "from-file";
  const seen = new Set<string>();
  let extraRequests = 0;
  const pid = pidOf(ours.plugin);
  let createCpuMs = 0;
  let checkCpuMs = 0;
  let handWrittenCpuMs = 0;

  const uploads = (): number => emulator.requestsTo("upload", "POST").length;
  const verifyUpload = (sid: string | undefined, who: string): void => {
    const last = emulator.requestsTo("upload", "POST").at(-1);
    if (sid === undefined || seen.has(sid)) throw new Error(`${who} upload made no new version (${sid})`);
    seen.add(sid);
    if (last?.upload?.size !== spec.size)
      throw new Error(`${who} uploaded ${last?.upload?.size} bytes, not ${spec.size}`);
    if (last.upload.contentType !== "application/javascript") throw new Error(`${who} sent ${last.upload.contentType}`);
    // The bytes are not needed any more; keeps the emulator small across 5 MiB runs.
    emulator.purgeVersion(sid);
  };

  const create = async (who: string, contender: Contender, inputs: PropertyBag): Promise<[number, number]> => {
    const before = uploads();
    const contenderPid = pidOf(contender.plugin);
    const cpu = cpuMsOf(contenderPid);
    const started = performance.now();
    const created = await contender.plugin.create(contender.urn, inputs);
    const elapsed = performance.now() - started;
    const cpuMs = cpuMsOf(contenderPid) - cpu;
    extraRequests += uploads() - before - 1;
    verifyUpload(created.id, who);
    return [elapsed, cpuMs];
  };
  const provider = async (): Promise<number> => {
    const [elapsed, cpuMs] = await create("provider", ours, oursInputs);
    createCpuMs += cpuMs;
    return elapsed;
  };
  const handWrittenCreate = async (): Promise<number> => {
    const [elapsed, cpuMs] = await create("hand-written", handWritten, handWrittenInputs);
    handWrittenCpuMs += cpuMs;
    return elapsed;
  };
  const floorFilename = isFile ? path.basename(spec.file) : "function.js";
  const floor = async (): Promise<number> => {
    const before = uploads();
    const result = await worker.floor({
      target: twilio.target(),
      file: spec.file,
      mode: isFile ? "stream" : "buffer",
      path: "/bench-upload",
      visibility: "public",
      filename: floorFilename,
    });
    if (result.status !== 201) throw new Error(`floor upload answered ${result.status}`);
    extraRequests += uploads() - before - 1;
    verifyUpload(result.sid, "floor");
    return result.ms;
  };

  const rpc = async (): Promise<number> => {
    const cpu = cpuMsOf(pid);
    const started = performance.now();
    const answer = await ours.plugin.check(ours.urn, {}, news);
    const elapsed = performance.now() - started;
    checkCpuMs += cpuMsOf(pid) - cpu;
    if (answer.failures.length > 0) throw new Error(`check refused the inputs: ${JSON.stringify(answer.failures)}`);
    return elapsed;
  };

  for (let i = 0; i < spec.warmup; i++) {
    await provider();
    await handWrittenCreate();
    await floor();
    await rpc();
  }
  extraRequests = 0;
  createCpuMs = 0;
  checkCpuMs = 0;
  handWrittenCpuMs = 0;
  const providerMs: number[] = [];
  const handWrittenMs: number[] = [];
  const floorMs: number[] = [];
  const rpcMs: number[] = [];
  const timed: Array<() => Promise<void>> = [
    async () => {
      providerMs.push(await provider());
    },
    async () => {
      handWrittenMs.push(await handWrittenCreate());
    },
    async () => {
      floorMs.push(await floor());
    },
  ];
  for (let i = 0; i < spec.runs; i++) {
    // Rotate which goes first so that drift in the machine's state touches all three alike.
    for (let k = 0; k < timed.length; k++) await timed[(i + k) % timed.length]();
    rpcMs.push(await rpc());
  }
  const value = median(providerMs) / median(floorMs);
  const handWrittenRatio = median(providerMs) / median(handWrittenMs);
  return {
    label: spec.label,
    sizeBytes: spec.size,
    providerContent: isFile ? "FileAsset" : "StringAsset",
    floorBody: isFile ? "file stream" : "buffer",
    warmup: spec.warmup,
    runs: spec.runs,
    providerMs,
    handWrittenMs,
    floorMs,
    rpcMs,
    provider: summarize(providerMs),
    handWritten: summarize(handWrittenMs),
    floor: summarize(floorMs),
    rpc: summarize(rpcMs),
    ratio: value,
    netRatio: (median(providerMs) - median(rpcMs)) / median(floorMs),
    target: spec.target,
    met: value <= spec.target,
    handWrittenRatio,
    handWrittenTarget: spec.handWrittenTarget,
    handWrittenMet: handWrittenRatio <= spec.handWrittenTarget,
    handWrittenOverFloor: median(handWrittenMs) / median(floorMs),
    pluginCpuPerCreateMs: createCpuMs / spec.runs,
    pluginCpuPerCheckMs: checkCpuMs / spec.runs,
    handWrittenCpuPerCreateMs: handWrittenCpuMs / spec.runs,
    extraRequests,
  };
}

const spread = (s: Summary): string => `${ms(s.median)} (${ms(s.p10)}-${ms(s.p90)})`;

export function printUploadOverhead(result: UploadOverheadResult): void {
  heading(`1. Upload overhead (emulator latency ${result.latencyMs} ms; medians, p10-p90 in brackets)`);
  console.log(
    table(
      [
        "size",
        "provider content / floor body",
        "runs",
        "provider",
        "hand-written",
        "floor",
        "vs floor",
        "target",
        "",
        "vs hand-written",
        "target",
        "",
      ],
      result.cases.map((c) => [
        c.label,
        `${c.providerContent} / ${c.floorBody}`,
        `${c.provider.n} / ${c.handWritten.n} / ${c.floor.n}`,
        spread(c.provider),
        spread(c.handWritten),
        spread(c.floor),
        ratio(c.ratio),
        `≤ ${c.target}`,
        yesNo(c.met),
        ratio(c.handWrittenRatio),
        `≤ ${c.handWrittenTarget}`,
        yesNo(c.handWrittenMet),
      ]),
    ),
  );
  console.log(
    table(
      ["size", "plugin RPC (check)", "ratio net of RPC", "hand-written / floor", "CPU per Create: ours / hand-written"],
      result.cases.map((c) => [
        c.label,
        ms(c.rpc.median),
        ratio(c.netRatio),
        ratio(c.handWrittenOverFloor),
        `${ms(c.pluginCpuPerCreateMs)} / ${ms(c.handWrittenCpuPerCreateMs)}`,
      ]),
    ),
  );
  console.log(
    "  provider and hand-written: the Create RPC as the engine side sees it, each through a plugin process of its " +
      "own; floor: timed inside a separate client process. plugin RPC: a Check RPC with the same inputs (no HTTP), " +
      "the part of the overhead every plugin call pays. ratio net of RPC: (provider - plugin RPC) / floor.",
  );
  for (const c of result.cases) {
    console.log(
      `  ${c.label}: provider - hand-written = ${ms(c.provider.median - c.handWritten.median)}, ` +
        `provider - floor = ${ms(c.provider.median - c.floor.median)} at the median; ` +
        `plugin CPU per Check ${ms(c.pluginCpuPerCheckMs)}`,
    );
  }
  for (const c of result.cases) {
    if (c.extraRequests !== 0) console.log(`  ! ${c.label}: ${c.extraRequests} upload requests beyond one per call`);
  }
}
