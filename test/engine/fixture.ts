import crypto from "crypto";
import fs from "fs";
import os from "os";
import path from "path";
import { EmulatorOptions, TwilioEmulator } from "../emulator/server";
import { ProgramResource, captureProgram } from "./capture";
import { Engine, Step } from "./engine";
import { PulumiProject, loadProject } from "./project";
import { ProviderProcess } from "./provider-process";

/** The repository root, whose Pulumi.yaml runs the ServerlessProject example in its `main` folder. */
export const REPO = path.resolve(__dirname, "..", "..");
/** The FunctionVersion example, a Pulumi project of its own: the default project of {@link startStack}. */
export const FUNCTION_EXAMPLE = path.join(REPO, "examples", "function-from-file");
/** A credential distinctive enough to find anywhere it leaks. */
export const DISTINCTIVE_SECRET = `FAKE-TOKEN-${crypto.randomBytes(8).toString("hex")}-MUST-NOT-LEAK`;

/** Lowercase hex sha256. */
export const sha256 = (data: string | Buffer): string => crypto.createHash("sha256").update(data).digest("hex");

/** An emulator with one service and function, a plugin process and a simulated engine for one project. */
export interface Stack {
  project: PulumiProject;
  emulator: TwilioEmulator;
  plugin: ProviderProcess;
  engine: Engine;
  serviceSid: string;
  functionSid: string;
  /** A scratch folder, removed by `stop`. */
  tmp: string;
  /** The program's stack config: the stack's SIDs as `serviceSid` and `functionSid`, plus `config`; bare keys get the project namespace. */
  programConfig: (config?: Record<string, string>) => Record<string, string>;
  /**
   * The resources the program declares with that config, run under mocks without the engine (as in
   * a preview of a new stack when `preview` is set: other resources' outputs are unknown).
   */
  capture: (config?: Record<string, string>, preview?: boolean) => Promise<ProgramResource[]>;
  /** `pulumi preview` of the program with that config. */
  preview: (config?: Record<string, string>) => Promise<Step[]>;
  /** `pulumi up` of the program with that config. */
  up: (config?: Record<string, string>) => Promise<Step[]>;
  /** Provider config pointing at the emulator with its API key (secret wrapped as a secret). */
  twilioConfig: Record<string, string>;
  /** Replaces the plugin with a fresh one started with `env` (unconfigured). */
  restartPlugin: (env: Record<string, string>) => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * Starts a stack of the project in `project` (a folder with a Pulumi.yaml; the FunctionVersion
 * example by default), with the plugin in the program directory as the engine starts it, with `env`
 * (or the environment `env` makes for the emulator); `configure: false` leaves configuring to the
 * test, and `emulator` passes options to the emulator.
 */
export async function startStack(
  options: {
    env?: Record<string, string> | ((emulator: TwilioEmulator) => Record<string, string>);
    configure?: boolean;
    project?: string;
    emulator?: EmulatorOptions;
  } = {},
): Promise<Stack> {
  const project = loadProject(options.project ?? FUNCTION_EXAMPLE);
  const emulator = await TwilioEmulator.start({ ...options.emulator, apiSecret: DISTINCTIVE_SECRET });
  const serviceSid = emulator.createService("example").sid;
  const functionSid = emulator.createFunction(serviceSid, "hello").sid;
  const start = (env?: Record<string, string>): Promise<ProviderProcess> =>
    ProviderProcess.start({ cwd: project.programDir, project: project.name, env });
  const plugin = await start(typeof options.env === "function" ? options.env(emulator) : options.env);
  const twilioConfig = {
    "twilio:apiKey": emulator.credentials.apiKey,
    "twilio:apiSecret": emulator.credentials.apiSecret,
    "twilio:serverlessBaseUrl": emulator.apiBaseUrl,
    "twilio:serverlessUploadBaseUrl": emulator.uploadBaseUrl,
  };
  if (options.configure !== false) await plugin.configure(twilioConfig, ["twilio:apiSecret"]);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "stack-"));
  const programConfig = (config: Record<string, string> = {}): Record<string, string> => {
    const namespaced: Record<string, string> = {};
    for (const [key, value] of Object.entries({ serviceSid, functionSid, ...config })) {
      namespaced[key.includes(":") ? key : `${project.name}:${key}`] = value;
    }
    return namespaced;
  };
  const stack: Stack = {
    project,
    emulator,
    plugin,
    engine: new Engine(plugin, project, "dev"),
    serviceSid,
    functionSid,
    tmp,
    twilioConfig,
    programConfig,
    capture: (config, preview) => captureProgram({ project, config: programConfig(config), preview }),
    preview: (config) => stack.engine.preview({ config: programConfig(config) }),
    up: (config) => stack.engine.up({ config: programConfig(config) }),
    restartPlugin: async (env) => {
      await stack.plugin.stop();
      stack.plugin = await start(env);
      stack.engine = new Engine(stack.plugin, project, "dev");
    },
    stop: async () => {
      await stack.plugin.stop();
      await emulator.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
  return stack;
}
