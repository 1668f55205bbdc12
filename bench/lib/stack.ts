import { execFileSync } from "child_process";
import fs from "fs";
import path from "path";
import { EmulatorOptions, TwilioEmulator } from "../../test/emulator/server";
import { ProgramResource, captureProgram } from "../../test/engine/capture";
import { assetToWire } from "../../test/engine/engine";
import { FUNCTION_EXAMPLE, REPO } from "../../test/engine/fixture";
import { PulumiProject, loadProject } from "../../test/engine/project";
import { ProviderProcess, ProviderProcessOptions } from "../../test/engine/provider-process";
import { ASSET_SIG, PropertyBag, SIG_KEY, isBag } from "../../provider/model/wire";
import { Target } from "./protocol";

export const RESOURCE_TYPE = "pulumi-nodejs:dynamic/twilio:FunctionVersion";

/**
 * The FunctionVersion example project: the plugins of the upload scenarios run in its program
 * directory, as the engine runs it, so relative FileAsset paths start there.
 */
export const EXAMPLE: PulumiProject = loadProject(FUNCTION_EXAMPLE);

/** The URN the engine gives a resource of type `type` named `name` in the bench stack. */
export const urnFor = (name: string, type = RESOURCE_TYPE): string =>
  `urn:pulumi:bench::${EXAMPLE.name}::${type}::${name}`;

/** A FileAsset path for `file` as a program would write it: relative to the plugins' working directory. */
export const assetPath = (file: string): string => path.relative(EXAMPLE.programDir, file);

/** An emulator with one Service and one Function. */
export interface Twilio {
  emulator: TwilioEmulator;
  serviceSid: string;
  functionSid: string;
  /** Stack config pointing the provider at the emulator (maxConcurrency left at its default). */
  config: Record<string, string>;
  /** The same, for the worker's clients. */
  target: (functionSid?: string) => Target;
}

export async function startTwilio(options: EmulatorOptions = {}): Promise<Twilio> {
  const emulator = await TwilioEmulator.start(options);
  const serviceSid = emulator.createService("bench").sid;
  const functionSid = emulator.createFunction(serviceSid, "bench").sid;
  const { apiKey, apiSecret } = emulator.credentials;
  return {
    emulator,
    serviceSid,
    functionSid,
    config: {
      "twilio:apiKey": apiKey,
      "twilio:apiSecret": apiSecret,
      "twilio:serverlessBaseUrl": emulator.apiBaseUrl,
      "twilio:serverlessUploadBaseUrl": emulator.uploadBaseUrl,
    },
    target: (fn = functionSid) => ({
      apiBaseUrl: emulator.apiBaseUrl,
      uploadBaseUrl: emulator.uploadBaseUrl,
      username: apiKey,
      password: apiSecret,
      serviceSid,
      functionSid: fn,
    }),
  };
}

/**
 * A fresh dynamic-provider plugin in the example's program directory, configured for `twilio`;
 * `env` reaches the plugin's environment (the parent's TWILIO_* variables never do).
 */
export async function startPlugin(twilio: Twilio, env?: ProviderProcessOptions["env"]): Promise<ProviderProcess> {
  // As a user's: no test helpers (build waits on the real clock, no compile cache, the whole SDK).
  const plugin = await ProviderProcess.start({
    cwd: EXAMPLE.programDir,
    project: EXAMPLE.name,
    env,
    testHelpers: false,
  });
  await plugin.configure(twilio.config, ["twilio:apiSecret"]);
  return plugin;
}

/**
 * Runs the program of a project of the repository (the folder holding its Pulumi.yaml) under the
 * SDK's mocks with the emulator's SIDs plus `config`.
 */
export function capture(
  twilio: Twilio,
  projectDir: string,
  config: Record<string, string> = {},
): Promise<ProgramResource[]> {
  const project = loadProject(path.join(REPO, projectDir));
  const namespaced: Record<string, string> = {};
  const all = { serviceSid: twilio.serviceSid, functionSid: twilio.functionSid, ...config };
  for (const [key, value] of Object.entries(all)) namespaced[`${project.name}:${key}`] = value;
  return captureProgram({ project, config: namespaced });
}

/** Finds a captured resource by name. */
export function resource(resources: ProgramResource[], name: string): ProgramResource {
  const found = resources.find((r) => r.name === name);
  if (!found)
    throw new Error(`the program declared no resource "${name}" (got ${resources.map((r) => r.name).join(",")})`);
  return found;
}

/** A program's inputs as the engine sends them to check and create: assets with hash and path or text. */
export function wireInputs(inputs: PropertyBag): PropertyBag {
  const out: PropertyBag = {};
  for (const [key, value] of Object.entries(inputs)) out[key] = assetToWire(value, EXAMPLE.programDir, false);
  return out;
}

/** Stored inputs as the engine sends them to diff: assets reduced to their hash. */
export function elideAssets(bag: PropertyBag): PropertyBag {
  const out: PropertyBag = {};
  for (const [key, value] of Object.entries(bag)) {
    out[key] = isBag(value) && value[SIG_KEY] === ASSET_SIG ? { [SIG_KEY]: ASSET_SIG, hash: value.hash } : value;
  }
  return out;
}

/** Checks `news` and fails loudly on check failures (a benchmark of a refused input measures nothing). */
export async function checked(plugin: ProviderProcess, urn: string, news: PropertyBag): Promise<PropertyBag> {
  const answer = await plugin.check(urn, {}, news);
  if (answer.failures.length > 0) {
    throw new Error(`check refused ${urn}: ${answer.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
  }
  return answer.inputs;
}

/** Writes `size` bytes of valid JavaScript (a handler padded with comment lines), distinct per `tag`. */
export function javascriptOfSize(size: number, tag: string): Buffer {
  const head = `// ${tag}\nexports.handler = (context, event, callback) => callback(null, ${JSON.stringify(tag)});\n`;
  const line = "// padding padding padding padding padding padding padding padding padding padding\n";
  const out = Buffer.alloc(size, 0x20);
  let offset = out.write(head, 0, "utf8");
  while (offset + line.length <= size - 1) offset += out.write(line, offset, "utf8");
  out[size - 1] = 0x0a;
  return out;
}

export function writeJavascript(file: string, size: number, tag: string): void {
  fs.writeFileSync(file, javascriptOfSize(size, tag));
}

/** VmRSS and VmHWM of a process, in bytes, from /proc. */
export function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string): number => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status);
    if (!match) throw new Error(`/proc/${pid}/status has no ${name}`);
    return Number(match[1]) * 1024;
  };
  return { rss: field("VmRSS"), hwm: field("VmHWM") };
}

/** Resets a process's VmHWM to its current RSS (Linux `clear_refs` 5); false where not permitted. */
export function resetPeak(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

let ticksPerSecond: number | undefined;

/** CPU time (user + system) a process has used so far, in ms, from /proc (10 ms resolution at 100 Hz). */
export function cpuMsOf(pid: number): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime
  // are fields 14 and 15 of the line, so 12th and 13th after the ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/** CPU time this process has used so far, in ms. */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** The plugin's pid, which the benchmark needs for /proc. */
export function pidOf(plugin: ProviderProcess): number {
  const pid = plugin.pid;
  if (pid === undefined) throw new Error("the plugin process has no pid");
  return pid;
}
