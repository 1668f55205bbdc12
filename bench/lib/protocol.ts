/**
 * Messages between the benchmark and its client worker (bench/client-worker.ts), a separate node
 * process so that the floor client and @twilio-labs/serverless-api do not share an event loop (or a
 * core) with the emulator, just as the provider plugin does not.
 */

/** Where and as whom the worker's clients talk. Every URL is the emulator's, on 127.0.0.1. */
export interface Target {
  apiBaseUrl: string;
  uploadBaseUrl: string;
  username: string;
  password: string;
  serviceSid: string;
  functionSid: string;
}

/** One bare axios + form-data upload, timed inside the worker. */
export interface FloorRequest {
  kind: "floor";
  target: Target;
  /** The bytes to send: read once into a buffer (`buffer`) or streamed from disk per upload (`stream`). */
  file: string;
  mode: "buffer" | "stream";
  path: string;
  visibility: string;
  filename: string;
}

export interface FloorResult {
  kind: "floor";
  ms: number;
  status: number;
  sid?: string;
}

/** Function-version uploads through @twilio-labs/serverless-api, all started at once. */
export interface ServerlessApiRequest {
  kind: "serverless-api";
  target: Target;
  /** The client's `concurrency` config; absent for its default. */
  concurrency?: number;
  items: Array<{ path: string; text: string }>;
}

export interface ServerlessApiResult {
  kind: "serverless-api";
  /** The concurrency the client actually used (its default when none was given). */
  concurrency: number;
  retryLimit: number;
  wallMs: number;
  successes: number;
  failures: number;
  /** Final errors as got reported them to the client (uploadFunction rethrows a generic message). */
  failureReasons: Record<string, number>;
  /** Retries got started (its beforeRetry hook), whether or not it then re-sent the request. */
  retriesStarted: number;
  /** Per-upload time of the successful uploads, from call to answer. */
  successMs: number[];
  /** Per-upload time of the failed ones, from call to the error. */
  failureMs: number[];
}

/** A whole `twilio-run deploy` of a Toolkit project folder: serverless-api's `deployLocalProject`, its defaults. */
export interface ToolkitDeployRequest {
  kind: "toolkit-deploy";
  /** Only the URLs and credentials are used. */
  target: Target;
  /** The project folder (`functions/`, `assets/`, `package.json`). */
  cwd: string;
  /** The Service of an earlier deploy, as `.twilioserverlessrc` keeps it; absent for a first deploy. */
  serviceSid?: string;
}

export interface ToolkitDeployResult {
  kind: "toolkit-deploy";
  wallMs: number;
  ok: boolean;
  /** The error serverless-api threw, when it failed (its message, first line). */
  error?: string;
  serviceSid?: string;
  buildSid?: string;
}

export type WorkerRequest = FloorRequest | ServerlessApiRequest | ToolkitDeployRequest;
export type WorkerResult = FloorResult | ServerlessApiResult | ToolkitDeployResult;

export type WorkerMessage = { id: number; request: WorkerRequest };
export type WorkerReply = { id: number; ok: true; result: WorkerResult } | { id: number; ok: false; error: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function isWorkerMessage(value: unknown): value is WorkerMessage {
  return isRecord(value) && typeof value.id === "number" && isRecord(value.request) && isKind(value.request.kind);
}

export function isWorkerReply(value: unknown): value is WorkerReply {
  if (!isRecord(value) || typeof value.id !== "number") return false;
  if (value.ok === false) return typeof value.error === "string";
  return value.ok === true && isRecord(value.result) && isKind(value.result.kind);
}

function isKind(kind: unknown): kind is WorkerRequest["kind"] {
  return kind === "floor" || kind === "serverless-api" || kind === "toolkit-deploy";
}

/** Refuses any URL that is not plain HTTP on 127.0.0.1: the benchmark never talks to anything else. */
export function assertLoopback(url: string | URL): void {
  const parsed = typeof url === "string" ? new URL(url) : url;
  if (parsed.hostname !== "127.0.0.1" || parsed.protocol !== "http:") {
    throw new Error(`benchmark refuses to send a request to ${parsed.origin}: only http://127.0.0.1 is allowed`);
  }
}
