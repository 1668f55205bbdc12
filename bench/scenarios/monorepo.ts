/**
 * 7. Beyond one project: 500 functions in 10 services deployed by one stack with Pulumi's default
 * parallelism, behind a 429 gate of 20 requests in flight (an account shared with other work); then
 * three such stacks, of 2 services each, deploying at once to the same account. No target: it shows
 * where the limits are, and how the per-process bound and the adaptive limiter share an account.
 */
import path from "path";
import { performance } from "perf_hooks";
import { RecordedRequest, TwilioEmulator } from "../../test/emulator/server";
import { RequestTally, tally } from "../../test/engine/shapes";
import { Left, left } from "../lib/deploy-figures";
import { bytes, heading, ms, table } from "../lib/format";
import { cpuMsOf, memoryOf, pidOf } from "../lib/stack";
import { generateToolkitProject } from "../lib/toolkit-project";
import { BUILD_MS, LATENCY_MS, ourStack, settled } from "./toolkit-deploy";

const SERVICES = 10;
const FUNCTIONS_PER_SERVICE = 50;
const GATE = 20;
const STACKS = 3;
const SERVICES_PER_STACK = 2;

/** One stack's deploy. */
export interface StackRun {
  label: string;
  services: number;
  functions: number;
  wallMs: number;
  ok: boolean;
  error?: string;
  requests: RequestTally;
  /** The plugin's resident set: configured but idle before the deploy, after it, and its peak (VmHWM). */
  pluginIdleBytes: number;
  pluginRssBytes: number;
  pluginPeakBytes: number;
  pluginCpuMs: number;
}

export interface MonorepoResult {
  latencyMs: number;
  buildMs: number;
  gate: number;
  /** One stack of all the services. */
  single: StackRun & { peakInFlight: number; left: Left };
  /** Several stacks at once on one account. */
  concurrent: { stacks: StackRun[]; wallMs: number; peakInFlight: number; throttled: number };
}

async function gatedEmulator(): Promise<TwilioEmulator> {
  const emulator = await TwilioEmulator.start({ buildDurationMs: BUILD_MS });
  emulator.faults.latencyMs = LATENCY_MS;
  emulator.faults.gate = { maxInFlight: GATE, retryAfter: "1" };
  return emulator;
}

/** Deploys these Toolkit folders as one stack with its own plugin, as one `pulumi up` would. */
async function deployStack(label: string, emulator: TwilioEmulator, directories: string[]): Promise<StackRun> {
  const stack = await ourStack(emulator, directories);
  const pid = pidOf(stack.plugin);
  const cpuBefore = cpuMsOf(pid);
  const idle = memoryOf(pid).rss;
  const before = emulator.requests.length;
  const started = performance.now();
  const outcome = await settled(stack.up);
  const wallMs = performance.now() - started;
  const memory = memoryOf(pid);
  const run: StackRun = {
    label,
    services: directories.length,
    functions: directories.length * FUNCTIONS_PER_SERVICE,
    wallMs,
    ...outcome,
    // With several stacks at once, the others' requests interleave: the caller tells them apart.
    requests: tally(emulator.requests.slice(before)),
    pluginIdleBytes: idle,
    pluginRssBytes: memory.rss,
    pluginPeakBytes: memory.hwm,
    pluginCpuMs: cpuMsOf(pid) - cpuBefore,
  };
  await stack.stop();
  return run;
}

export async function monorepo(tmp: string, progress: (message: string) => void): Promise<MonorepoResult> {
  const names = Array.from({ length: SERVICES }, (_, i) => `mono-${String(i).padStart(2, "0")}`);
  const folders = names.map((name) =>
    generateToolkitProject(path.join(tmp, "monorepo", name), name, FUNCTIONS_PER_SERVICE, 0),
  );
  progress(`  one stack: ${SERVICES} services × ${FUNCTIONS_PER_SERVICE} functions`);
  const single = await gatedEmulator();
  let singleRun: MonorepoResult["single"];
  try {
    const run = await deployStack(
      "one stack",
      single,
      folders.map((f) => f.dir),
    );
    singleRun = { ...run, peakInFlight: single.maxInFlightSeen, left: left(single) };
  } finally {
    await single.close();
  }

  progress(`  ${STACKS} stacks at once, ${SERVICES_PER_STACK} services each`);
  const shared = await gatedEmulator();
  try {
    const started = performance.now();
    const stacks = await Promise.all(
      Array.from({ length: STACKS }, (_, s) =>
        deployStack(
          `stack ${s + 1} of ${STACKS}`,
          shared,
          folders.slice(s * SERVICES_PER_STACK, (s + 1) * SERVICES_PER_STACK).map((f) => f.dir),
        ),
      ),
    );
    const all = tally(shared.requests);
    return {
      latencyMs: LATENCY_MS,
      buildMs: BUILD_MS,
      gate: GATE,
      single: singleRun,
      concurrent: {
        stacks: stacks.map((run, s) => ({
          ...run,
          requests: tally(
            requestsOf(shared, new Set(names.slice(s * SERVICES_PER_STACK, (s + 1) * SERVICES_PER_STACK))),
          ),
        })),
        wallMs: performance.now() - started,
        peakInFlight: shared.maxInFlightSeen,
        throttled: all.throttled,
      },
    };
  } finally {
    await shared.close();
  }
}

/**
 * The requests of one stack among several: those under the SIDs of the Services it created, and
 * the creates of those Services (by unique name).
 */
function requestsOf(emulator: TwilioEmulator, uniqueNames: Set<string>): RecordedRequest[] {
  const sids = new Set(
    [...emulator.store.services.values()].filter((s) => uniqueNames.has(s.uniqueName)).map((s) => s.sid),
  );
  return emulator.requests.filter((r) => {
    const sid = /\/Services\/(ZS[0-9a-f]{32})/.exec(r.path)?.[1];
    // The recorded form holds only the fields the request sent, whatever its index type says.
    const form: Partial<Record<string, string[]>> = r.form ?? {};
    return sid !== undefined ? sids.has(sid) : form.UniqueName?.some((name) => uniqueNames.has(name)) === true;
  });
}

function row(run: StackRun): string[] {
  return [
    run.label,
    `${run.services} × ${FUNCTIONS_PER_SERVICE}`,
    run.ok ? ms(run.wallMs) : `failed after ${ms(run.wallMs)}`,
    String(run.requests.total),
    String(run.requests.throttled),
    `${bytes(run.pluginPeakBytes)} (idle ${bytes(run.pluginIdleBytes)})`,
    ms(run.pluginCpuMs),
  ];
}

export function printMonorepo(result: MonorepoResult): void {
  heading(
    `7. Monorepo: ${SERVICES * FUNCTIONS_PER_SERVICE} functions in ${SERVICES} services, 429 beyond ${result.gate} in flight, ` +
      `${result.latencyMs} ms latency, ${ms(result.buildMs)} builds, Pulumi's default parallelism`,
  );
  console.log(
    table(
      ["stack", "services × functions", "wall", "requests", "429s", "plugin peak RSS", "plugin CPU"],
      [row(result.single), ...result.concurrent.stacks.map(row)],
    ),
  );
  console.log(`  one stack: at most ${result.single.peakInFlight} requests in flight at the emulator`);
  console.log(
    `  ${result.concurrent.stacks.length} stacks at once: ${ms(result.concurrent.wallMs)} in all, at most ${result.concurrent.peakInFlight} in flight, ` +
      `${result.concurrent.throttled} requests answered 429`,
  );
  for (const run of [result.single, ...result.concurrent.stacks]) {
    if (!run.ok) console.log(`  ${run.label} failed: ${run.error ?? "(no message)"}`);
  }
}
