import crypto from "crypto";
import fs from "fs";
import os from "os";
import path from "path";
import { TwilioEmulator } from "../emulator/server";
import { captureProgram } from "./capture";
import { Engine, ProgramResource } from "./engine";
import { ProviderProcess } from "./provider-process";

/** The repository root: the project directory of the example and test programs. */
export const REPO = path.resolve(__dirname, "..", "..");
/** The project name of the top-level Pulumi.yaml. */
export const PROJECT = "twilio-serverless-example";
/** A credential distinctive enough to find anywhere it leaks. */
export const DISTINCTIVE_SECRET = `FAKE-TOKEN-${crypto.randomBytes(8).toString("hex")}-MUST-NOT-LEAK`;

/** Lowercase hex sha256. */
export const sha256 = (data: string | Buffer): string => crypto.createHash("sha256").update(data).digest("hex");

/** An emulator with one service and function, a plugin process and a simulated engine. */
export interface Stack {
  emulator: TwilioEmulator;
  plugin: ProviderProcess;
  engine: Engine;
  serviceSid: string;
  functionSid: string;
  /** A scratch folder, removed by `stop`. */
  tmp: string;
  /** Runs a program (relative to the repo) with the stack's SIDs plus `config` (bare keys get the project namespace). */
  capture: (program: string, config?: Record<string, string>) => Promise<ProgramResource[]>;
  /** Provider config pointing at the emulator with its API key (secret wrapped as a secret). */
  twilioConfig: Record<string, string>;
  /** Replaces the plugin with a fresh one started with `env` (unconfigured). */
  restartPlugin: (env: Record<string, string>) => Promise<void>;
  stop: () => Promise<void>;
}

/** Starts a stack; `configure: false` leaves configuring to the test. */
export async function startStack(
  options: { env?: Record<string, string>; configure?: boolean; cwd?: string } = {},
): Promise<Stack> {
  const emulator = await TwilioEmulator.start({ apiSecret: DISTINCTIVE_SECRET });
  const serviceSid = emulator.createService("example").sid;
  const functionSid = emulator.createFunction(serviceSid, "hello").sid;
  const cwd = options.cwd ?? REPO;
  const plugin = await ProviderProcess.start({ cwd, project: PROJECT, env: options.env });
  const twilioConfig = {
    "twilio:apiKey": emulator.credentials.apiKey,
    "twilio:apiSecret": emulator.credentials.apiSecret,
    "twilio:serverlessBaseUrl": emulator.apiBaseUrl,
    "twilio:serverlessUploadBaseUrl": emulator.uploadBaseUrl,
  };
  if (options.configure !== false) await plugin.configure(twilioConfig, ["twilio:apiSecret"]);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "stack-"));
  const stack: Stack = {
    emulator,
    plugin,
    engine: new Engine(plugin, PROJECT, "dev", cwd),
    serviceSid,
    functionSid,
    tmp,
    twilioConfig,
    capture: (program, config = {}) => {
      const namespaced: Record<string, string> = {
        [`${PROJECT}:serviceSid`]: serviceSid,
        [`${PROJECT}:functionSid`]: functionSid,
      };
      for (const [key, value] of Object.entries(config)) namespaced[`${PROJECT}:${key}`] = value;
      return captureProgram({ program, cwd, project: PROJECT, config: namespaced });
    },
    restartPlugin: async (env) => {
      await stack.plugin.stop();
      stack.plugin = await ProviderProcess.start({ cwd, project: PROJECT, env });
      stack.engine = new Engine(stack.plugin, PROJECT, "dev", cwd);
    },
    stop: async () => {
      await stack.plugin.stop();
      await emulator.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
  return stack;
}
