/**
 * What the executor and `worker.js` say to each other. The worker is plain JavaScript (so that it
 * runs under jest, tsx and node alike), so these types are its contract written down once: keep
 * both sides in step.
 */

/** Parameters of an event: a key given more than once has all its values, in order. */
export type EventParams = Record<string, string | string[]>;

/** `event.request`: the request's headers (lower-case names) and cookies. */
export interface EventRequest {
  headers: Record<string, string | string[]>;
  cookies: Record<string, string>;
}

/** The `event` a handler receives: query and body parameters, then `request`. */
export interface FunctionEvent {
  params: Record<string, unknown>;
  request: EventRequest;
}

/** A private Asset as `Runtime.getAssets()` offers it. */
export interface PrivateAsset {
  /** Its Serverless path (`/message.txt`), the key of `Runtime.getAssets()`. */
  path: string;
  content: Uint8Array;
}

/** Everything one invocation needs, handed to the worker as its `workerData`. */
export interface Invocation {
  /** The Function's source (CommonJS, exporting `handler`). */
  code: string;
  /** Its Serverless path (`/hello`). */
  path: string;
  /** The `context` values; the worker adds `getTwilioClient`. */
  context: Record<string, string>;
  event: FunctionEvent;
  /** Serverless paths of every Function of the build, for `Runtime.getFunctions()`. */
  functionPaths: string[];
  /** The build's private Assets, for `Runtime.getAssets()`. */
  privateAssets: PrivateAsset[];
}

/** A body as the worker hands it over: nothing, text, JSON text or bytes. */
export type ReplyBody =
  | { kind: "empty" }
  | { kind: "text"; text: string }
  | { kind: "json"; text: string }
  | { kind: "bytes"; bytes: Uint8Array };

/** What the handler called back with, made plain enough to cross threads. */
export type CallbackPayload =
  | { kind: "body"; body: ReplyBody }
  | { kind: "response"; statusCode: number; headers: Record<string, string | string[]>; body: ReplyBody };

/** Messages of the worker to the executor. */
export type WorkerMessage =
  /** The worker is about to load the Function: the invocation's time starts now. */
  | { type: "ready" }
  /** The handler called back with a payload. */
  | { type: "success"; payload: CallbackPayload }
  /**
   * The Function failed: at `load` (its code threw or has no handler) or in the `handler` (an error
   * called back, thrown, or a promise it returned rejected). `message` describes the error.
   */
  | { type: "failure"; phase: "load" | "handler"; message: string };

/** Whether a value received from the worker is one of its messages. */
export function isWorkerMessage(value: unknown): value is WorkerMessage {
  if (typeof value !== "object" || value === null || !("type" in value)) return false;
  return value.type === "ready" || value.type === "success" || value.type === "failure";
}
