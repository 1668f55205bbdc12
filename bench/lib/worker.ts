import { ChildProcess, fork } from "child_process";
import path from "path";
import {
  FloorRequest,
  FloorResult,
  ServerlessApiRequest,
  ServerlessApiResult,
  ToolkitDeployRequest,
  ToolkitDeployResult,
  WorkerRequest,
  WorkerResult,
  isWorkerReply,
} from "./protocol";

const WORKER = path.join(__dirname, "..", "client-worker.ts");

/** Environment of the worker: none of the settings that would change serverless-api's or got's behaviour. */
function workerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith("TWILIO_") || /^(https?_proxy|no_proxy|node_env|debug)$/i.test(key)) {
      continue;
    }
    env[key] = value;
  }
  return env;
}

/** The parent's side of bench/client-worker.ts. */
export class ClientWorker {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (result: WorkerResult) => void; reject: (error: Error) => void }
  >();

  private constructor(private readonly child: ChildProcess) {
    child.on("message", (message: unknown) => {
      if (!isWorkerReply(message)) return;
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(`client worker: ${message.error}`));
    });
    child.on("exit", (code) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`client worker exited with ${code}`));
      this.pending.clear();
    });
  }

  /** The worker's process id, for its CPU time. */
  get pid(): number {
    const pid = this.child.pid;
    if (pid === undefined) throw new Error("the client worker has no pid");
    return pid;
  }

  /** Forks the worker; it inherits tsx's loader through execArgv. */
  static start(): ClientWorker {
    const child = fork(WORKER, [], { env: workerEnv(), stdio: ["ignore", "inherit", "inherit", "ipc"] });
    return new ClientWorker(child);
  }

  async floor(request: Omit<FloorRequest, "kind">): Promise<FloorResult> {
    const result = await this.send({ kind: "floor", ...request });
    if (result.kind !== "floor") throw new Error("client worker answered the wrong kind");
    return result;
  }

  async serverlessApi(request: Omit<ServerlessApiRequest, "kind">): Promise<ServerlessApiResult> {
    const result = await this.send({ kind: "serverless-api", ...request });
    if (result.kind !== "serverless-api") throw new Error("client worker answered the wrong kind");
    return result;
  }

  async toolkitDeploy(request: Omit<ToolkitDeployRequest, "kind">): Promise<ToolkitDeployResult> {
    const result = await this.send({ kind: "toolkit-deploy", ...request });
    if (result.kind !== "toolkit-deploy") throw new Error("client worker answered the wrong kind");
    return result;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once("exit", () => {
        resolve();
      });
      this.child.disconnect();
    });
  }

  private send(request: WorkerRequest): Promise<WorkerResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, request }, (err) => {
        if (err) {
          this.pending.delete(id);
          reject(err);
        }
      });
    });
  }
}
