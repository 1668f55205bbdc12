/**
 * 3. Preview cost: `Check` + `Diff` round trips through the plugin for a resource that exists, as
 * `pulumi preview` makes them (check with the stored inputs as olds, diff with the stored outputs),
 * and the HTTP requests Twilio would receive meanwhile (none should be made).
 */
import { performance } from "perf_hooks";
import { heading, ms, ratio, table, yesNo } from "../lib/format";
import { Summary, summarize } from "../lib/stats";
import {
  capture,
  checked,
  cpuMsOf,
  elideAssets,
  pidOf,
  startPlugin,
  startTwilio,
  urnFor,
  wireInputs,
} from "../lib/stack";

const PAIRS = 1000;
const WARMUP = 20;
const LATENCY_MS = 5;

export interface PreviewCostResult {
  latencyMs: number;
  pairs: number;
  content: string;
  pairMs: number[];
  pair: Summary;
  check: Summary;
  diff: Summary;
  /** Plugin CPU per measured pair (from /proc, over all pairs). */
  pluginCpuPerPairMs: number;
  /** Requests the emulator received during the warm-up and the measured pairs. */
  requestsDuring: number;
  /** The median of one bare 1 KiB upload (scenario 1's floor), the baseline. */
  baselineLabel: string;
  baselineMs: number;
  /** median(pair) / baseline. */
  ratio: number;
  met: boolean;
}

export async function previewCost(baseline: { label: string; ms: number }): Promise<PreviewCostResult> {
  const twilio = await startTwilio();
  const plugin = await startPlugin(twilio);
  try {
    twilio.emulator.faults.latencyMs = LATENCY_MS;
    const [declared] = await capture(twilio, "examples/function-from-file");
    const urn = urnFor(declared.name);
    const news = wireInputs(declared.inputs);
    // `pulumi up` first: the resource exists, with its stored inputs and outputs.
    const storedInputs = await checked(plugin, urn, news);
    const created = await plugin.create(urn, storedInputs);
    const before = twilio.emulator.requests.length;

    const checkMs: number[] = [];
    const diffMs: number[] = [];
    const pairMs: number[] = [];
    const pid = pidOf(plugin);
    let cpuStart = cpuMsOf(pid);
    for (let i = 0; i < WARMUP + PAIRS; i++) {
      if (i === WARMUP) cpuStart = cpuMsOf(pid);
      const t0 = performance.now();
      const answer = await plugin.check(urn, storedInputs, news);
      const t1 = performance.now();
      const diff = await plugin.diff(urn, created.id, created.outs, elideAssets(answer.inputs));
      const t2 = performance.now();
      if (answer.failures.length > 0 || diff.changes !== "none") {
        throw new Error(`preview of an unchanged resource found ${JSON.stringify({ answer, diff })}`);
      }
      if (i >= WARMUP) {
        checkMs.push(t1 - t0);
        diffMs.push(t2 - t1);
        pairMs.push(t2 - t0);
      }
    }
    const pluginCpuPerPairMs = (cpuMsOf(pid) - cpuStart) / PAIRS;
    const requestsDuring = twilio.emulator.requests.length - before;
    const pair = summarize(pairMs);
    return {
      latencyMs: LATENCY_MS,
      pairs: PAIRS,
      content: "FileAsset (examples/function-from-file)",
      pairMs,
      pair,
      check: summarize(checkMs),
      diff: summarize(diffMs),
      pluginCpuPerPairMs,
      requestsDuring,
      baselineLabel: baseline.label,
      baselineMs: baseline.ms,
      ratio: pair.median / baseline.ms,
      met: requestsDuring === 0,
    };
  } finally {
    await plugin.stop();
    await twilio.emulator.close();
  }
}

export function printPreviewCost(result: PreviewCostResult): void {
  heading(`3. Preview cost: ${result.pairs} Check + Diff round trips for an existing resource (${result.content})`);
  console.log(
    table(
      [
        "per pair median (p10-p90)",
        "check median",
        "diff median",
        "plugin CPU/pair",
        `vs ${result.baselineLabel}`,
        "requests",
        "target",
        "",
      ],
      [
        [
          `${ms(result.pair.median)} (${ms(result.pair.p10)}-${ms(result.pair.p90)})`,
          ms(result.check.median),
          ms(result.diff.median),
          ms(result.pluginCpuPerPairMs),
          `${ratio(result.ratio)} of ${ms(result.baselineMs)}`,
          String(result.requestsDuring),
          "0 requests",
          yesNo(result.met),
        ],
      ],
    ),
  );
}
