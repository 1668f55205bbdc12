import { fork } from "child_process";
import path from "path";
import { PropertyBag, isBag } from "../../provider/model/wire";
import { PulumiProject } from "./project";

/** A resource as a program declares it (see capture-program.js): assets described, not yet hashed. */
export interface ProgramResource {
  type: string;
  name: string;
  inputs: PropertyBag;
  /** The inputs the program marked secret (their values arrive unwrapped, as the engine sends them). */
  secrets?: string[];
  /** `false` for a component resource, which has no provider and only groups its children. */
  custom?: boolean;
  /** Former types or names of the resource (`aliases`), under which the stack may hold it. */
  aliases?: Array<{ type?: string; name?: string }>;
}

/** What the engine answers a registration with: the id and the state the program then sees. */
export interface Registered {
  /** Empty while unknown (a create in a preview). */
  id: string;
  state: PropertyBag;
}

/** How to run a project's program. */
export interface ProgramRun {
  project: PulumiProject;
  stack?: string;
  /** Stack config, keys namespaced (`project:key`). */
  config?: Record<string, string>;
  preview?: boolean;
  /**
   * How many registrations are answered at once, as `pulumi up --parallel` (default 1: one at a
   * time, in the order the program sends them).
   */
  parallel?: number;
  /**
   * Whether the program process preloads the tests' compile cache and deferred closure serializer,
   * and keeps its transpiled files (default true). A benchmark leaves them out: a user's first
   * `pulumi up` has no such cache, and loads all of the SDK.
   */
  compileCache?: boolean;
  /** Receives the program process's own timestamps (see {@link ProgramMarks}) as it sends them. */
  onMarks?: (marks: ProgramMarks) => void;
}

/**
 * When the program process reached each point, in milliseconds since the epoch
 * (`performance.timeOrigin + performance.now()` there): `started` (the process's time origin),
 * `sdkLoaded` (`@pulumi/pulumi` required), `programLoaded` (the program's module returned) and
 * `firstRegistration` (its first resource sent), each sent once reached.
 */
export type ProgramMarks = Partial<Record<"started" | "sdkLoaded" | "programLoaded" | "firstRegistration", number>>;

const LAZY_SDK = path.join(__dirname, "lazy-sdk.js");

const MARK_NAMES = ["started", "sdkLoaded", "programLoaded", "firstRegistration"] as const;

/** The marks a `{ marks }` message of the program carries; undefined for any other message. */
function marksOf(message: unknown): ProgramMarks | undefined {
  if (!isBag(message) || !isBag(message.marks)) return undefined;
  const marks: ProgramMarks = {};
  for (const name of MARK_NAMES) {
    const value = message.marks[name];
    if (typeof value === "number") marks[name] = value;
  }
  return marks;
}

function resourceOf(message: unknown): ProgramResource & { seq: number } {
  if (
    !isBag(message) ||
    typeof message.seq !== "number" ||
    typeof message.type !== "string" ||
    typeof message.name !== "string" ||
    !isBag(message.inputs)
  ) {
    throw new Error(`the program sent a malformed registration: ${JSON.stringify(message)}`);
  }
  const secrets = Array.isArray(message.secrets) ? message.secrets.map(String) : [];
  const custom = message.custom !== false;
  const aliases = (Array.isArray(message.aliases) ? message.aliases : []).filter(isBag).map((alias) => ({
    type: typeof alias.type === "string" ? alias.type : undefined,
    name: typeof alias.name === "string" ? alias.name : undefined,
  }));
  return { seq: message.seq, type: message.type, name: message.name, inputs: message.inputs, secrets, custom, aliases };
}

/**
 * Whether a thrown value is an error. By shape, not `instanceof`: errors made by Node core or axios
 * inside jest come from another realm.
 */
function isError(value: unknown): value is Error {
  return (
    typeof value === "object" &&
    value !== null &&
    "name" in value &&
    typeof value.name === "string" &&
    "message" in value &&
    typeof value.message === "string"
  );
}

/** A thrown value as an error, itself when it is one (so its class, stack and fields are kept). */
function errorOf(value: unknown): Error {
  return isError(value) ? value : new Error(String(value));
}

/**
 * Runs a project's program in a plain node process under the SDK's mocks, in the program
 * directory, as the engine runs it, and answers each resource it registers with `register`. The
 * process gets none of this one's node options: the language host runs a program with plain node,
 * and a loader this process runs under (tsx's, in the benchmark) would be timed as the program's.
 * Resolves, once the program has finished, with the stack's outputs (its exports; `undefined` when
 * some are unknown, as in a preview of new resources); rejects with the first failed registration
 * or the program's own error.
 */
export function runProgram(
  run: ProgramRun,
  register: (resource: ProgramResource) => Promise<Registered>,
): Promise<PropertyBag | undefined> {
  const { project } = run;
  const cached = run.compileCache !== false;
  const child = fork(path.join(__dirname, "capture-program.js"), [project.entry], {
    cwd: project.programDir,
    // Keeps V8's code for the dependencies a program loads, and the program's transpiled files, for
    // the next run, and loads the SDK's closure serializer only if used (see compile-cache.js,
    // capture-program.js and lazy-sdk.js).
    execArgv: cached ? ["--require", path.join(__dirname, "compile-cache.js"), "--require", LAZY_SDK] : [],
    env: {
      ...process.env,
      ...(cached ? { CAPTURE_TRANSPILED: "keep" } : {}),
      PULUMI_CONFIG: JSON.stringify(run.config ?? {}),
      PULUMI_NODEJS_PROJECT: project.name,
      PULUMI_NODEJS_STACK: run.stack ?? "dev",
      CAPTURE_PREVIEW: String(run.preview ?? false),
    },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    let done = false;
    let outputs: PropertyBag | undefined;
    let failure: unknown;
    // A call, which TypeScript does not narrow: `failure` may be set while a registration awaits.
    const failed = (): boolean => failure !== undefined;
    // Registrations beyond `parallel` wait for a slot, in the order the program sent them.
    const limit = run.parallel ?? 1;
    let active = 0;
    const waiting: Array<() => void> = [];
    const answered: Promise<void>[] = [];
    const answer = async (message: unknown): Promise<void> => {
      if (active >= limit) await new Promise<void>((slot) => waiting.push(slot));
      active++;
      try {
        if (failed()) return;
        const resource = resourceOf(message);
        const { id, state } = await register(resource);
        // A registration still running when another failed answers a program already stopped.
        if (!failed() && child.connected) child.send({ seq: resource.seq, id, state });
      } catch (err) {
        failure ??= err;
        child.kill();
      } finally {
        active--;
        waiting.shift()?.();
      }
    };
    child.on("error", (err) => {
      failure ??= err;
    });
    child.on("message", (message: unknown) => {
      const marks = marksOf(message);
      if (marks !== undefined) {
        run.onMarks?.(marks);
        return;
      }
      if (isBag(message) && message.done === true) {
        done = true;
        if (isBag(message.outputs)) outputs = message.outputs;
        return;
      }
      answered.push(answer(message));
    });
    child.on("close", (code) => {
      // answer() catches whatever a registration throws: this never rejects.
      void Promise.all(answered).then(() => {
        if (failure !== undefined) reject(errorOf(failure));
        else if (code !== 0 || !done) reject(new Error(`the program failed (exit ${code}):\n${output}`));
        else resolve(outputs);
      });
    });
  });
}

/**
 * The resources a project's program declares, each answered as a mock would (its inputs as its
 * state), for tests that need the real `__provider` text and inputs without a stack.
 */
export async function captureProgram(run: ProgramRun): Promise<ProgramResource[]> {
  const resources: ProgramResource[] = [];
  await runProgram(run, (resource) => {
    resources.push(resource);
    return Promise.resolve({ id: `${resource.name}-id`, state: resource.inputs });
  });
  return resources;
}
