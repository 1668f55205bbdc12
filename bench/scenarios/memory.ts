/**
 * 4. Memory: how much the plugin process's resident set grows while it uploads one 20 MiB
 * FileAsset, over its idle RSS measured just before. A streamed upload needs a few buffers, not
 * the file.
 */
import path from "path";
import { performance } from "perf_hooks";
import { sha256 } from "../../test/engine/fixture";
import { ProviderProcess } from "../../test/engine/provider-process";
import { ASSET_SIG, PropertyBag, SIG_KEY } from "../../provider/model/wire";
import { bytes, heading, ms, ratio, table, yesNo } from "../lib/format";
import { sleep } from "../lib/stats";
import {
  Twilio,
  assetPath,
  checked,
  javascriptOfSize,
  memoryOf,
  pidOf,
  resetPeak,
  startPlugin,
  startTwilio,
  urnFor,
  writeJavascript,
} from "../lib/stack";
import fs from "fs";

const FILE_BYTES = 20 * 1024 * 1024;
const LATENCY_MS = 5;
const POLL_MS = 2;

export interface MemoryRun {
  label: string;
  /** Whether a 1 KiB upload ran first, so that loading the HTTP client is not counted. */
  warmedUp: boolean;
  idleRssBytes: number;
  /** VmHWM after the upload (reset to the idle RSS just before, when the kernel allows it). */
  hwmBytes: number;
  /** The largest VmRSS seen by polling every few ms during the upload. */
  polledPeakBytes: number;
  peakResetWorked: boolean;
  /** max(hwm if reset worked, polled peak) - idle. */
  growthBytes: number;
  /** growth / file size. */
  ratio: number;
  uploadMs: number;
  met: boolean;
}

export interface MemoryResult {
  fileBytes: number;
  latencyMs: number;
  target: number;
  runs: MemoryRun[];
}

function fileInputs(twilio: Twilio, providerText: string, file: string, hash: string, route: string): PropertyBag {
  return {
    __provider: providerText,
    serviceSid: twilio.serviceSid,
    functionSid: twilio.functionSid,
    path: route,
    visibility: "public",
    content: { [SIG_KEY]: ASSET_SIG, hash, path: assetPath(file) },
  };
}

async function measure(
  twilio: Twilio,
  plugin: ProviderProcess,
  inputs: PropertyBag,
  label: string,
  warmedUp: boolean,
): Promise<MemoryRun> {
  const pid = pidOf(plugin);
  const urn = urnFor(`memory-${warmedUp ? "warm" : "cold"}`);
  const news = await checked(plugin, urn, inputs);
  // Let the plugin settle after the RPCs so far, then take the idle figure.
  await sleep(300);
  const peakResetWorked = resetPeak(pid);
  const idle = memoryOf(pid).rss;
  let polledPeak = idle;
  const poll = setInterval(() => {
    polledPeak = Math.max(polledPeak, memoryOf(pid).rss);
  }, POLL_MS);
  const started = performance.now();
  let created: { id: string };
  try {
    created = await plugin.create(urn, news);
  } finally {
    clearInterval(poll);
  }
  const uploadMs = performance.now() - started;
  const after = memoryOf(pid);
  polledPeak = Math.max(polledPeak, after.rss);
  const version = twilio.emulator.store.versions.find((v) => v.sid === created.id);
  if (version?.content.length !== FILE_BYTES) throw new Error(`the emulator holds ${version?.content.length} bytes`);
  twilio.emulator.purgeVersion(created.id);
  const peak = peakResetWorked ? Math.max(after.hwm, polledPeak) : polledPeak;
  const growth = peak - idle;
  return {
    label,
    warmedUp,
    idleRssBytes: idle,
    hwmBytes: after.hwm,
    polledPeakBytes: polledPeak,
    peakResetWorked,
    growthBytes: growth,
    ratio: growth / FILE_BYTES,
    uploadMs,
    met: growth <= FILE_BYTES / 2,
  };
}

export async function memory(tmp: string, providerText: string): Promise<MemoryResult> {
  const big = path.join(tmp, "memory-20m.js");
  const small = path.join(tmp, "memory-1k.js");
  writeJavascript(big, FILE_BYTES, "bench memory 20 MiB");
  fs.writeFileSync(small, javascriptOfSize(1024, "bench memory warm-up"));
  const bigHash = sha256(fs.readFileSync(big));
  const smallHash = sha256(fs.readFileSync(small));
  const twilio = await startTwilio({ maxUploadBytes: 64 * 1024 * 1024 });
  twilio.emulator.faults.latencyMs = LATENCY_MS;
  const runs: MemoryRun[] = [];
  try {
    for (const warmedUp of [true, false]) {
      // A fresh plugin each time: nothing earlier has raised its high-water mark.
      const plugin = await startPlugin(twilio);
      try {
        if (warmedUp) {
          const urn = urnFor("memory-warmup");
          const inputs = await checked(
            plugin,
            urn,
            fileInputs(twilio, providerText, small, smallHash, "/memory-warmup"),
          );
          await plugin.create(urn, inputs);
        }
        const label = warmedUp ? "after a 1 KiB FileAsset upload" : "first upload of a fresh plugin";
        runs.push(
          await measure(twilio, plugin, fileInputs(twilio, providerText, big, bigHash, "/memory"), label, warmedUp),
        );
      } finally {
        await plugin.stop();
      }
    }
  } finally {
    await twilio.emulator.close();
  }
  return { fileBytes: FILE_BYTES, latencyMs: LATENCY_MS, target: 0.5, runs };
}

export function printMemory(result: MemoryResult): void {
  heading(`4. Memory: plugin RSS growth while uploading one ${bytes(result.fileBytes)} FileAsset (fresh plugin)`);
  console.log(
    table(
      ["plugin state", "idle RSS", "peak RSS", "growth", "growth / file", "upload", "target", ""],
      result.runs.map((r) => [
        r.label,
        bytes(r.idleRssBytes),
        bytes(r.idleRssBytes + r.growthBytes),
        bytes(r.growthBytes),
        ratio(r.ratio),
        ms(r.uploadMs),
        `≤ ${result.target}× (${bytes(result.fileBytes * result.target)})`,
        yesNo(r.met),
      ]),
    ),
  );
  const notReset = result.runs.filter((r) => !r.peakResetWorked);
  console.log(
    notReset.length === 0
      ? "  peak = VmHWM, reset to the idle RSS just before the upload (clear_refs), and RSS polled every 2 ms."
      : "  VmHWM could not be reset here; peak = the largest VmRSS polled every 2 ms (may miss short spikes).",
  );
}
