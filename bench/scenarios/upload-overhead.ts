/**
 * 1. Upload overhead: one `Create` through the dynamic-provider plugin (gRPC, the provider's checks,
 * hashing, its HTTP client) against the floor, a bare axios + form-data POST of the same bytes
 * from another process, interleaved, at a fixed emulator latency.
 */
import fs from "fs";
import path from "path";
import { performance } from "perf_hooks";
import { REPO } from "../../test/engine/fixture";
import { ProviderProcess } from "../../test/engine/provider-process";
import { PropertyBag } from "../../provider/pulumi/wire";
import { heading, ms, ratio, table, yesNo } from "../lib/format";
import { Summary, median, summarize } from "../lib/stats";
import {
  Twilio,
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
  floorMs: number[];
  /** A Check RPC with the same inputs, timed in the same loop: what any call through the plugin costs. */
  rpcMs: number[];
  provider: Summary;
  floor: Summary;
  rpc: Summary;
  /** median(provider) / median(floor). */
  ratio: number;
  /** (median(provider) - median(rpc)) / median(floor): the overhead left once the plugin round trip is taken out. */
  netRatio: number;
  target: number;
  met: boolean;
  /** Plugin CPU per Create and per Check (measured runs; /proc's 10 ms ticks summed over the runs). */
  pluginCpuPerCreateMs: number;
  pluginCpuPerCheckMs: number;
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
}

const LATENCY_MS = 5;

export async function uploadOverhead(worker: ClientWorker, tmp: string): Promise<UploadOverheadResult> {
  const small = path.join(tmp, "upload-1k.js");
  const large = path.join(tmp, "upload-5m.js");
  writeJavascript(small, 1024, "bench upload 1 KiB");
  writeJavascript(large, 5 * 1024 * 1024, "bench upload 5 MiB");
  const specs: CaseSpec[] = [
    { label: "1 KiB", resourceName: "from-string-asset", file: small, size: 1024, warmup: 5, runs: 100, target: 1.3 },
    { label: "5 MiB", resourceName: "from-file", file: large, size: 5 * 1024 * 1024, warmup: 3, runs: 80, target: 1.1 },
  ];

  const twilio = await startTwilio();
  const plugin = await startPlugin(twilio);
  try {
    twilio.emulator.faults.latencyMs = LATENCY_MS;
    // The contents program declares the same function as a FileAsset, a StringAsset and a string:
    // the 1 KiB text goes in as a StringAsset, the 5 MiB file as a FileAsset.
    const program = await capture(twilio, "test/engine/programs/contents", {
      file: path.relative(REPO, large),
      text: fs.readFileSync(small, "utf8"),
      path: "/bench-upload",
      visibility: "public",
    });
    const cases: UploadCase[] = [];
    for (const spec of specs) {
      const inputs = resource(program, spec.resourceName).inputs;
      cases.push(await runCase(spec, twilio, plugin, worker, inputs));
    }
    return { latencyMs: LATENCY_MS, cases };
  } finally {
    await plugin.stop();
    await twilio.emulator.close();
  }
}

async function runCase(
  spec: CaseSpec,
  twilio: Twilio,
  plugin: ProviderProcess,
  worker: ClientWorker,
  programInputs: PropertyBag,
): Promise<UploadCase> {
  const { emulator } = twilio;
  const urn = urnFor(`upload-${spec.label.replace(/\s/g, "")}`);
  const news = wireInputs(programInputs);
  const inputs = await checked(plugin, urn, news);
  const isFile = spec.resourceName === "from-file";
  const seen = new Set<string>();
  let extraRequests = 0;
  const pid = pidOf(plugin);
  let createCpuMs = 0;
  let checkCpuMs = 0;

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

  const provider = async (): Promise<number> => {
    const before = uploads();
    const cpu = cpuMsOf(pid);
    const started = performance.now();
    const created = await plugin.create(urn, inputs);
    const elapsed = performance.now() - started;
    createCpuMs += cpuMsOf(pid) - cpu;
    extraRequests += uploads() - before - 1;
    verifyUpload(created.id, "provider");
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
    const answer = await plugin.check(urn, {}, news);
    const elapsed = performance.now() - started;
    checkCpuMs += cpuMsOf(pid) - cpu;
    if (answer.failures.length > 0) throw new Error(`check refused the inputs: ${JSON.stringify(answer.failures)}`);
    return elapsed;
  };

  for (let i = 0; i < spec.warmup; i++) {
    await provider();
    await floor();
    await rpc();
  }
  extraRequests = 0;
  createCpuMs = 0;
  checkCpuMs = 0;
  const providerMs: number[] = [];
  const floorMs: number[] = [];
  const rpcMs: number[] = [];
  for (let i = 0; i < spec.runs; i++) {
    // Alternate which goes first so that drift in the machine's state touches both alike.
    if (i % 2 === 0) {
      providerMs.push(await provider());
      floorMs.push(await floor());
    } else {
      floorMs.push(await floor());
      providerMs.push(await provider());
    }
    rpcMs.push(await rpc());
  }
  const value = median(providerMs) / median(floorMs);
  return {
    label: spec.label,
    sizeBytes: spec.size,
    providerContent: isFile ? "FileAsset" : "StringAsset",
    floorBody: isFile ? "file stream" : "buffer",
    warmup: spec.warmup,
    runs: spec.runs,
    providerMs,
    floorMs,
    rpcMs,
    provider: summarize(providerMs),
    floor: summarize(floorMs),
    rpc: summarize(rpcMs),
    ratio: value,
    netRatio: (median(providerMs) - median(rpcMs)) / median(floorMs),
    target: spec.target,
    met: value <= spec.target,
    pluginCpuPerCreateMs: createCpuMs / spec.runs,
    pluginCpuPerCheckMs: checkCpuMs / spec.runs,
    extraRequests,
  };
}

export function printUploadOverhead(result: UploadOverheadResult): void {
  heading(
    `1. Upload overhead: Create through the plugin vs a bare axios + form-data POST (latency ${result.latencyMs} ms)`,
  );
  console.log(
    table(
      [
        "size",
        "provider content / floor body",
        "runs",
        "provider median (p10-p90)",
        "floor median (p10-p90)",
        "ratio",
        "target",
        "",
        "plugin RPC (check)",
        "ratio net of RPC",
      ],
      result.cases.map((c) => [
        c.label,
        `${c.providerContent} / ${c.floorBody}`,
        String(c.runs),
        `${ms(c.provider.median)} (${ms(c.provider.p10)}-${ms(c.provider.p90)})`,
        `${ms(c.floor.median)} (${ms(c.floor.p10)}-${ms(c.floor.p90)})`,
        ratio(c.ratio),
        `≤ ${c.target}`,
        yesNo(c.met),
        ms(c.rpc.median),
        ratio(c.netRatio),
      ]),
    ),
  );
  console.log(
    "  floor: timed inside a separate client process; provider: the Create RPC as the engine side sees it. " +
      "plugin RPC: a Check RPC with the same inputs (no HTTP): the part of the overhead every plugin call pays. " +
      "ratio net of RPC: (provider - plugin RPC) / floor, the provider's own code against the floor.",
  );
  for (const c of result.cases) {
    console.log(
      `  ${c.label}: plugin CPU per Create ${ms(c.pluginCpuPerCreateMs)}, per Check ${ms(c.pluginCpuPerCheckMs)} ` +
        `(provider - floor = ${ms(c.provider.median - c.floor.median)} at the median)`,
    );
  }
  for (const c of result.cases) {
    if (c.extraRequests !== 0) console.log(`  ! ${c.label}: ${c.extraRequests} upload requests beyond one per call`);
  }
}
