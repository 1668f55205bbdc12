import * as grpc from "@grpc/grpc-js";
import { ChildProcess, spawn } from "child_process";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { JavaScriptValue, Struct } from "google-protobuf/google/protobuf/struct_pb";
import path from "path";
import readline from "readline";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import { Status } from "@pulumi/pulumi/proto/status_pb";
import { PropertyBag, SIG_KEY } from "../../provider/model/wire";

/** Signature of a secret on the wire, as the engine wraps secret config. */
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

const DYNAMIC_PROVIDER = path.join(
  path.dirname(require.resolve("@pulumi/pulumi/package.json")),
  "cmd",
  "dynamic-provider",
  "index.js",
);

/** Makes the provider's build waits in the plugin run faster than real time (see the file). */
const BUILD_CLOCK = path.join(__dirname, "build-clock.js");
/** Keeps V8's code for the dependencies a plugin loads, for the next plugin (see the file). */
const COMPILE_CACHE = path.join(__dirname, "compile-cache.js");
/** Loads the SDK's closure serializer, which a plugin does not call, only if called (see the file). */
const LAZY_SDK = path.join(__dirname, "lazy-sdk.js");

/** How to start the plugin, as the engine does. */
export interface ProviderProcessOptions {
  /** The program directory: the plugin's working directory. */
  cwd: string;
  /** The Pulumi project name. */
  project: string;
  /** Extra environment (TWILIO_* variables); the parent's PATH and HOME are kept, its TWILIO_* are not. */
  env?: Record<string, string>;
  /**
   * Whether to preload the tests' helpers, the faster build-wait clock, the compile cache and the
   * deferred closure serializer (default true). A benchmark leaves them out: a user's plugin waits
   * in real time, loads all of the SDK, and its first run has no cache.
   */
  testHelpers?: boolean;
}

/** A check answer. */
export interface CheckAnswer {
  inputs: PropertyBag;
  failures: Array<{ property: string; reason: string }>;
}

/** A diff answer. */
export interface DiffAnswer {
  changes: "none" | "some" | "unknown";
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/** A read answer: an empty id means the resource is gone. */
export interface ReadAnswer {
  id: string;
  props: PropertyBag;
}

/** A bag as JSON gives it back: no `undefined` values, which a Struct cannot hold. */
function jsonFields(bag: PropertyBag): Record<string, JavaScriptValue> {
  const parsed: unknown = JSON.parse(JSON.stringify(bag));
  if (typeof parsed !== "object" || parsed === null) throw new Error("a property bag must be an object");
  const fields: Record<string, JavaScriptValue> = {};
  const entries: Array<[string, unknown]> = Object.entries(parsed);
  for (const [key, value] of entries) {
    if (value !== undefined) fields[key] = value;
  }
  return fields;
}

const toStruct = (bag: PropertyBag): Struct => Struct.fromJavaScript(jsonFields(bag));
const fromStruct = (struct: Struct | undefined): PropertyBag => (struct ? struct.toJavaScript() : {});

function call<Req, Res>(
  method: (request: Req, callback: (error: grpc.ServiceError | null, response: Res) => void) => grpc.ClientUnaryCall,
  request: Req,
): Promise<Res> {
  return new Promise((resolve, reject) => {
    method(request, (error, response) => {
      if (error) reject(error);
      else resolve(response);
    });
  });
}

/** What a create reported of a resource it made but could not initialise (a partial failure). */
export interface InitFailure {
  id: string;
  properties: PropertyBag;
  reasons: string[];
}

/** The partial failure a failed Create or Update carries, as the engine reads it, if any. */
export function initFailure(err: unknown): InitFailure | undefined {
  if (!(err instanceof Error) || !("metadata" in err) || !(err.metadata instanceof grpc.Metadata)) return undefined;
  const [bytes] = err.metadata.get("grpc-status-details-bin");
  if (!(bytes instanceof Buffer)) return undefined;
  const detail = Status.deserializeBinary(bytes)
    .getDetailsList()
    .find((any) => any.getTypeName() === "pulumirpc.ErrorResourceInitFailed");
  if (detail === undefined) return undefined;
  const failed = proto.ErrorResourceInitFailed.deserializeBinary(detail.getValue_asU8());
  return { id: failed.getId(), properties: fromStruct(failed.getProperties()), reasons: failed.getReasonsList() };
}

/**
 * The SDK's own dynamic-provider plugin (`@pulumi/pulumi/cmd/dynamic-provider`), started as the
 * engine starts it but for two preloaded test helpers (a faster clock for the provider's build
 * waits, a cache of compiled code), and driven over gRPC with the SDK's stubs.
 */
export class ProviderProcess {
  /** Lines the plugin printed after its port: what the engine shows the user. */
  readonly output: string[] = [];

  private constructor(
    private readonly child: ChildProcess,
    private readonly client: ResourceProviderClient,
  ) {}

  /** The plugin's process id (for reading its memory from /proc), once spawned. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /**
   * What a failed create left, when the plugin says the resource exists but is not initialised
   * (see {@link initFailure}); a method, so that an engine that only holds a plugin needs none of
   * this module's gRPC code until it starts one.
   */
  initFailure(err: unknown): InitFailure | undefined {
    return initFailure(err);
  }

  /** Spawns the plugin and connects to the port it prints. */
  static async start(options: ProviderProcessOptions): Promise<ProviderProcess> {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && !key.startsWith("TWILIO_")) env[key] = value;
    }
    Object.assign(env, { PULUMI_NODEJS_PROJECT: options.project, PULUMI_PROJECT: options.project }, options.env);
    // The engine address is required but unused by the dynamic provider.
    const preloads =
      options.testHelpers === false
        ? []
        : ["--require", COMPILE_CACHE, "--require", LAZY_SDK, "--require", BUILD_CLOCK];
    const child = spawn(process.execPath, [...preloads, DYNAMIC_PROVIDER, "127.0.0.1:1"], {
      cwd: options.cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const lines = readline.createInterface({ input: child.stdout });
    const stderr = readline.createInterface({ input: child.stderr });
    const output: string[] = [];
    stderr.on("line", (line) => output.push(line));
    const port = await new Promise<string>((resolve, reject) => {
      lines.once("line", resolve);
      child.once("exit", (code) => {
        reject(new Error(`dynamic provider exited with ${code}: ${output.join("\n")}`));
      });
    });
    const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const plugin = new ProviderProcess(child, client);
    plugin.output.push(...output);
    lines.on("line", (line) => plugin.output.push(line));
    stderr.on("line", (line) => plugin.output.push(line));
    return plugin;
  }

  /**
   * The output lines containing `text`, once there is one: the plugin prints its logs on its own
   * schedule, after the call that logged has answered. Resolves with none after `timeoutMs`.
   */
  async linesContaining(text: string, timeoutMs = 5_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    const matching = (): string[] => this.output.filter((line) => line.includes(text));
    while (matching().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return matching();
  }

  /** Sends the stack config; keys in `secrets` are wrapped as secrets, as the engine does. */
  async configure(config: Record<string, string>, secrets: string[] = []): Promise<void> {
    const args: PropertyBag = {};
    const request = new proto.ConfigureRequest();
    for (const [key, value] of Object.entries(config)) {
      args[key] = secrets.includes(key) ? { [SIG_KEY]: SECRET_SIG, value } : value;
      request.getVariablesMap().set(key, value);
    }
    request.setArgs(toStruct(args));
    await call<proto.ConfigureRequest, proto.ConfigureResponse>(this.client.configure.bind(this.client), request);
  }

  async check(urn: string, olds: PropertyBag, news: PropertyBag): Promise<CheckAnswer> {
    const request = new proto.CheckRequest();
    request.setUrn(urn);
    request.setOlds(toStruct(olds));
    request.setNews(toStruct(news));
    const response = await call<proto.CheckRequest, proto.CheckResponse>(this.client.check.bind(this.client), request);
    return {
      inputs: fromStruct(response.getInputs()),
      failures: response.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(urn: string, id: string, olds: PropertyBag, news: PropertyBag): Promise<DiffAnswer> {
    const request = new proto.DiffRequest();
    request.setUrn(urn);
    request.setId(id);
    request.setOlds(toStruct(olds));
    request.setNews(toStruct(news));
    const response = await call<proto.DiffRequest, proto.DiffResponse>(this.client.diff.bind(this.client), request);
    const kinds = proto.DiffResponse.DiffChanges;
    const changes = response.getChanges();
    return {
      changes: changes === kinds.DIFF_SOME ? "some" : changes === kinds.DIFF_NONE ? "none" : "unknown",
      replaces: response.getReplacesList(),
      deleteBeforeReplace: response.getDeletebeforereplace(),
    };
  }

  async create(urn: string, properties: PropertyBag): Promise<{ id: string; outs: PropertyBag }> {
    const request = new proto.CreateRequest();
    request.setUrn(urn);
    request.setProperties(toStruct(properties));
    const response = await call<proto.CreateRequest, proto.CreateResponse>(
      this.client.create.bind(this.client),
      request,
    );
    return { id: response.getId(), outs: fromStruct(response.getProperties()) };
  }

  async read(urn: string, id: string, props: PropertyBag, inputs: PropertyBag): Promise<ReadAnswer> {
    const request = new proto.ReadRequest();
    request.setUrn(urn);
    request.setId(id);
    request.setProperties(toStruct(props));
    request.setInputs(toStruct(inputs));
    const response = await call<proto.ReadRequest, proto.ReadResponse>(this.client.read.bind(this.client), request);
    return { id: response.getId(), props: fromStruct(response.getProperties()) };
  }

  async update(urn: string, id: string, olds: PropertyBag, news: PropertyBag): Promise<PropertyBag> {
    const request = new proto.UpdateRequest();
    request.setUrn(urn);
    request.setId(id);
    request.setOlds(toStruct(olds));
    request.setNews(toStruct(news));
    const response = await call<proto.UpdateRequest, proto.UpdateResponse>(
      this.client.update.bind(this.client),
      request,
    );
    return fromStruct(response.getProperties());
  }

  async delete(urn: string, id: string, props: PropertyBag): Promise<void> {
    const request = new proto.DeleteRequest();
    request.setUrn(urn);
    request.setId(id);
    request.setProperties(toStruct(props));
    await call<proto.DeleteRequest, Empty>(this.client.delete.bind(this.client), request);
  }

  /** Whether the plugin's process has ended. */
  get exited(): boolean {
    return this.killed || this.child.exitCode !== null || this.child.signalCode !== null;
  }

  private killed = false;

  /** Ends the plugin at once, as Ctrl-C twice, a CI job's timeout or a machine going down does. */
  async kill(): Promise<void> {
    if (this.exited) return;
    this.killed = true;
    await new Promise<void>((resolve) => {
      this.child.once("exit", () => {
        resolve();
      });
      this.child.kill("SIGKILL");
    });
    this.client.close();
  }

  /** Closes the connection and ends the plugin. */
  async stop(): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once("exit", () => {
        resolve();
      });
      this.child.kill();
    });
  }
}
