import crypto from "crypto";
import http from "http";
import {
  Answer,
  Refusal,
  invalid,
  invalidContentType,
  methodNotAllowed,
  moreInfo,
  notFound,
  statusText,
  twilioError,
} from "./answers";
import { decodeBasic } from "./basic-auth";
import { Multipart, drain, isFormContentType, parseMultipart, readText } from "./bodies";
import { BuildOptions, BuildRunner } from "./build-runner";
import { Faults, FaultAction, Host, credentialEcho } from "./faults";
import { AssetRecord, BuildRecord, FunctionRecord, ServiceRecord } from "./records";
import { ROUTES } from "./routes";
import { Router } from "./router";
import { DependencyOptions } from "./runtime/dependencies";
import { FunctionsRuntime } from "./runtime/runtime";
import { RUNTIME_PREFIX } from "./runtime/target";
import { Store, newSid } from "./store";

export { twilioSignature } from "./runtime/signature";

/** Credentials the emulator accepts: an API key pair and an account SID / auth token pair. */
export interface EmulatorCredentials {
  accountSid: string;
  authToken: string;
  apiKey: string;
  apiSecret: string;
}

/** Emulator settings. */
export interface EmulatorOptions extends Partial<EmulatorCredentials>, BuildOptions, DependencyOptions {
  /** Uploads above this many bytes get 413 (default 25 MiB, Twilio's asset limit). */
  maxUploadBytes?: number;
  /** Port of the API host (default 0: any free port). */
  apiPort?: number;
  /** Port of the upload host (default 0). */
  uploadPort?: number;
  /**
   * Receives one line per request once its connection is done with it:
   * `<method> <api|upload|runtime> <path> <status|dropped> <ms>ms`. Nothing is logged without it.
   */
  log?: (line: string) => void;
  /** Milliseconds a Function invocation of the runtime may run before it answers 504 (default 10 s, Twilio's limit). */
  invocationTimeoutMs?: number;
  /**
   * The folder under which the runtime lays out live builds, in a folder of its own that
   * {@link TwilioEmulator.close} removes (default the OS temp dir).
   */
  dataDir?: string;
}

/** What the emulator saw of an uploaded `Content` part. */
export interface RecordedUpload {
  path?: string;
  visibility?: string;
  filename?: string;
  contentType?: string;
  size: number;
  sha256: string;
}

/** One request as the emulator saw it. */
export interface RecordedRequest {
  host: Host;
  method: string;
  path: string;
  query: string;
  /** The answer's status, or `dropped` when the connection was closed instead of a whole answer. */
  status: number | "dropped";
  /** When the request arrived (`Date.now()`). */
  at: number;
  /** Bytes of request body received. */
  bytes: number;
  userAgent?: string;
  /** The fields of a URL-encoded body, each with every value it was given, in order. */
  form?: Record<string, string[]>;
  upload?: RecordedUpload;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A local Twilio Serverless look-alike on 127.0.0.1: an API host and a separate upload host,
 * Basic auth, the whole deploy chain (Services, Functions, Assets, their Versions, Builds,
 * Environments, Deployments, Variables) with Twilio's JSON shapes, rules, errors and paging, and
 * fault injection for tests. README.md beside this file describes what it does.
 */
export class TwilioEmulator {
  /** Everything the account holds; tests may read it and add to it directly. */
  readonly store: Store;
  readonly faults = new Faults();
  /** How builds move from `building` to `completed` or `failed`. */
  readonly builds: BuildRunner;
  /**
   * Runs the live builds at their domain names on Twilio's runtime-handler;
   * `runtime.invocationTimeoutMs` can be changed at run time.
   */
  readonly runtime: FunctionsRuntime;
  /** The Twilio API requests (runtime requests are not among them). */
  readonly requests: RecordedRequest[] = [];
  readonly credentials: EmulatorCredentials;
  /** Requests being processed now, and the most seen at once. */
  inFlight = 0;
  maxInFlightSeen = 0;
  apiBaseUrl = "";
  uploadBaseUrl = "";
  private readonly maxUploadBytes: number;
  private readonly servers: http.Server[] = [];
  private readonly routers: Record<Host, Router> = { api: new Router(ROUTES.api), upload: new Router(ROUTES.upload) };
  private readonly log: ((line: string) => void) | undefined;

  private constructor(options: EmulatorOptions) {
    this.credentials = {
      accountSid: options.accountSid ?? newSid("AC"),
      authToken: options.authToken ?? crypto.randomBytes(16).toString("hex"),
      apiKey: options.apiKey ?? newSid("SK"),
      apiSecret: options.apiSecret ?? crypto.randomBytes(16).toString("hex"),
    };
    this.store = new Store(this.credentials.accountSid);
    this.builds = new BuildRunner(options);
    this.maxUploadBytes = options.maxUploadBytes ?? 25 * 1024 * 1024;
    this.log = options.log;
    this.runtime = new FunctionsRuntime({
      store: this.store,
      accountSid: this.credentials.accountSid,
      authToken: this.credentials.authToken,
      invocationTimeoutMs: options.invocationTimeoutMs ?? 10_000,
      dataDir: options.dataDir,
      nodeModules: options.nodeModules,
      installDependencies: options.installDependencies,
      dependencyCacheDir: options.dependencyCacheDir,
      urls: () => ({ apiBaseUrl: this.apiBaseUrl, uploadBaseUrl: this.uploadBaseUrl }),
      log: options.log,
    });
  }

  /** Starts both hosts on 127.0.0.1. */
  static async start(options: EmulatorOptions = {}): Promise<TwilioEmulator> {
    const emulator = new TwilioEmulator(options);
    try {
      emulator.apiBaseUrl = await emulator.listen("api", options.apiPort ?? 0);
      emulator.uploadBaseUrl = await emulator.listen("upload", options.uploadPort ?? 0);
    } catch (err) {
      // A port in use: the host already listening and the runtime's folder go too.
      await emulator.close();
      throw err;
    }
    return emulator;
  }

  /** Stops both hosts, closing open connections, the builds and the invocations still running. */
  async close(): Promise<void> {
    this.builds.stop();
    // Connections close first, so that a request whose invocation is stopped gets no answer.
    const stopped = this.servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => {
            resolve();
          });
        }),
    );
    await this.runtime.close();
    await Promise.all(stopped);
  }

  /** Creates a Service directly (tests and demos); the HTTP API can do the same. */
  createService(uniqueName: string): ServiceRecord {
    return this.store.addService(uniqueName, uniqueName);
  }

  /** Creates a Function directly. */
  createFunction(serviceSid: string, friendlyName: string): FunctionRecord {
    return this.store.addFunction(serviceSid, friendlyName);
  }

  /** Creates an Asset directly. */
  createAsset(serviceSid: string, friendlyName: string): AssetRecord {
    return this.store.addAsset(serviceSid, friendlyName);
  }

  /** Purges a Function or Asset Version, as Twilio does with versions no Build uses. */
  purgeVersion(sid: string): boolean {
    return this.store.purgeVersion(sid);
  }

  /**
   * Purges a build, as Twilio does with builds no environment serves; false for an unknown one.
   * Twilio never purges a live build, so asking for one is a mistake of the test.
   */
  purgeBuild(sid: string): boolean {
    const live = this.store.environmentsServing(sid).map((e) => e.sid);
    if (live.length > 0) throw new Error(`Build ${sid} is live in ${live.join(", ")}: Twilio would not purge it`);
    return this.store.builds.delete(sid);
  }

  /** The build live in an Environment, if it has one. */
  liveBuild(environmentSid: string): BuildRecord | undefined {
    const buildSid = this.store.environments.get(environmentSid)?.buildSid;
    return buildSid ? this.store.builds.get(buildSid) : undefined;
  }

  /**
   * The URL of a path of an Environment's domain name on the runtime, for clients that cannot set
   * `Host`: `http://127.0.0.1:<API port>/_runtime/<domain name><path>`. `path` is used as it is (a
   * query string may follow it); a missing leading `/` is added.
   */
  runtimeUrl(domainName: string, path: string): string {
    return `${this.apiBaseUrl}${RUNTIME_PREFIX}${domainName}${path.startsWith("/") ? "" : "/"}${path}`;
  }

  /**
   * TCP connections accepted so far, per host: a client that keeps connections alive opens few. The
   * API host's count includes connections made for the runtime.
   */
  readonly connections: Record<Host, number> = { api: 0, upload: 0 };

  /** Requests recorded so far for one host and method. */
  requestsTo(host: Host, method?: string): RecordedRequest[] {
    return this.requests.filter((r) => r.host === host && (method === undefined || r.method === method));
  }

  private listen(host: Host, port: number): Promise<string> {
    const server = http.createServer((req, res) => {
      // The runtime's requests go past the API's auth, faults, counters and request record.
      const target = host === "api" ? this.runtime.targetOf(req) : undefined;
      const handled = target ? this.runtime.serve(req, res, target) : this.handle(host, req, res);
      handled.catch((err: unknown) => {
        if (!res.headersSent) this.send(res, { status: 500, json: { message: String(err) } });
      });
    });
    server.on("connection", () => this.connections[host]++);
    this.servers.push(server);
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        if (address === null || typeof address === "string") reject(new Error("emulator has no TCP address"));
        else resolve(`http://127.0.0.1:${address.port}`);
      });
    });
  }

  private async handle(host: Host, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator");
    const record: RecordedRequest = {
      host,
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.search,
      status: "dropped",
      bytes: 0,
      at: Date.now(),
      userAgent: req.headers["user-agent"],
    };
    this.requests.push(record);
    const log = this.log;
    if (log) {
      const started = performance.now();
      res.once("close", () => {
        const ms = Math.round(performance.now() - started);
        log(`${record.method} ${host} ${record.path} ${record.status} ${ms}ms`);
      });
    }
    req.on("data", (chunk: Buffer) => {
      record.bytes += chunk.length;
    });
    // The counter above switches the request to flowing mode; without this pause, body chunks
    // arriving while the handler awaits (a fault, the latency) would be lost to the parsers.
    req.pause();

    const gate = this.faults.gate;
    if (gate && this.inFlight >= gate.maxInFlight) {
      await drain(req);
      const answer = twilioError(429, 20429, "Too many requests");
      record.status = this.send(res, { ...answer, headers: { "Retry-After": gate.retryAfter ?? "1" } });
      return;
    }
    const fault = this.faults.take(host, record.method, record.path);
    const afterProcessing =
      (fault?.kind === "status" || fault?.kind === "delay" || fault?.kind === "drop") && fault.processed === true;
    if (fault && !afterProcessing && (await this.applyFault(fault, req, res, record))) return;

    this.inFlight++;
    this.maxInFlightSeen = Math.max(this.maxInFlightSeen, this.inFlight);
    try {
      if (this.faults.latencyMs > 0) await sleep(this.faults.latencyMs);
      const answer = await this.route(host, req, url, record);
      if (fault && afterProcessing && (await this.applyFault(fault, req, res, record))) return;
      if (fault?.kind === "truncate" && answer.json !== undefined) {
        const text = JSON.stringify(answer.json);
        record.status = this.send(res, { status: answer.status, text: text.slice(0, Math.floor(text.length / 2)) });
      } else if (fault?.kind === "nonJson") {
        record.status = this.send(res, { status: 200, text: "<html><body>Service Unavailable</body></html>" });
      } else if (fault?.kind === "echo" && fault.where === "header") {
        record.status = this.send(res, { ...answer, headers: { ...answer.headers, ...this.echoHeader(req) } });
      } else {
        record.status = this.send(res, answer);
      }
    } finally {
      this.inFlight--;
    }
  }

  /** Returns true when the fault has fully handled the request. */
  private async applyFault(
    fault: FaultAction,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    record: RecordedRequest,
  ): Promise<boolean> {
    switch (fault.kind) {
      case "drop":
        await drain(req);
        req.socket.destroy();
        return true;
      case "dropMidUpload":
        await new Promise<void>((resolve) => {
          const resume = (): void => {
            resolve();
          };
          req.once("data", resume);
          req.once("end", resume);
          req.resume();
        });
        req.socket.destroy();
        return true;
      case "status": {
        if (!fault.early) await drain(req);
        const headers: Record<string, string> = fault.retryAfter ? { "Retry-After": fault.retryAfter } : {};
        const answer =
          fault.body !== undefined
            ? { status: fault.status, text: fault.body, headers }
            : { ...twilioError(fault.status, faultCode(fault.status), statusText(fault.status)), headers };
        // Whatever of the body still arrives is read and dropped.
        if (fault.early) res.once("finish", () => req.resume());
        record.status = this.send(res, answer);
        return true;
      }
      case "delay":
        await sleep(fault.ms);
        return false;
      case "echo":
        return this.echo(fault, req, res, record);
      default:
        return false;
    }
  }

  /** Applies an echo fault; returns false when it only decorates the normal answer. */
  private async echo(
    fault: Extract<FaultAction, { kind: "echo" }>,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    record: RecordedRequest,
  ): Promise<boolean> {
    if (fault.where === "header") {
      // Without a status, the normal answer carries the header, once the request is processed.
      if (fault.status === undefined) return false;
      await drain(req);
      const answer = twilioError(fault.status, faultCode(fault.status), statusText(fault.status));
      record.status = this.send(res, { ...answer, headers: this.echoHeader(req) });
      return true;
    }
    await drain(req);
    const echo = credentialEcho(req.headers.authorization ?? "", this.credentials.accountSid);
    switch (fault.where) {
      case "body": {
        if (fault.json === false) {
          const text = `<html><body>${".".repeat(fault.pad ?? 0)}${echo}</body></html>`;
          record.status = this.send(res, { status: fault.status, text });
          return true;
        }
        const code = faultCode(fault.status);
        const password = decodeBasic(req.headers.authorization)?.password ?? "";
        const json = { code, message: echo, more_info: `${moreInfo(code)}#${password}`, status: fault.status };
        record.status = this.send(res, { status: fault.status, json });
        return true;
      }
      case "network":
        req.socket.end(`${echo}\r\n\r\n`);
        return true;
      case "aborted": {
        const body = JSON.stringify({ message: echo });
        res.writeHead(200, {
          "Content-Type": "application/json",
          "Content-Length": String(body.length * 2),
          ...this.echoHeader(req),
        });
        // Closed once the bytes written have left, so that the client reads them before the end.
        res.write(body, () => req.socket.destroy());
        return true;
      }
    }
  }

  private echoHeader(req: http.IncomingMessage): Record<string, string> {
    return { "X-Debug-Authorization": credentialEcho(req.headers.authorization ?? "", this.credentials.accountSid) };
  }

  private authorized(req: http.IncomingMessage): boolean {
    const basic = decodeBasic(req.headers.authorization);
    if (basic === undefined) return false;
    const { user, password } = basic;
    const { apiKey, apiSecret, accountSid, authToken } = this.credentials;
    return (user === apiKey && password === apiSecret) || (user === accountSid && password === authToken);
  }

  private async route(host: Host, req: http.IncomingMessage, url: URL, record: RecordedRequest): Promise<Answer> {
    if (!this.authorized(req)) {
      await drain(req);
      return twilioError(401, 20003, "Authenticate");
    }
    const match = this.routers[host].match(record.method, url.pathname);
    if (match === undefined || match === "wrong method") {
      await drain(req);
      return match === undefined ? notFound(url.pathname) : methodNotAllowed();
    }
    const { route, params } = match;
    const ctx = {
      store: this.store,
      builds: this.builds,
      apiBaseUrl: this.apiBaseUrl,
      url,
      path: url.pathname,
      params,
    };
    try {
      if (route.method !== "POST") {
        await drain(req);
        return route.handle(ctx);
      }
      if (route.body === "form") {
        const text = await readText(req);
        // A body labelled otherwise is never parsed as a form, so that a client whose header went
        // wrong fails here as it would on Twilio. An empty body has no fields to misread: accepted
        // whatever its label (choice), as a POST without parameters (an undeploy) may send none.
        if (text !== "" && !isFormContentType(req.headers["content-type"])) return invalidContentType();
        const form = new URLSearchParams(text);
        record.form = {};
        for (const key of new Set(form.keys())) record.form[key] = form.getAll(key);
        return route.handle(ctx, form);
      }
      const upload = await parseMultipart(req, this.maxUploadBytes);
      if (upload === "too large") {
        return { status: 413, text: "<html><body><h1>413 Request Entity Too Large</h1></body></html>" };
      }
      if (upload === "malformed") return invalid("The request body is not valid multipart/form-data");
      record.upload = describeUpload(upload);
      return route.handle(ctx, upload);
    } catch (err) {
      if (err instanceof Refusal) return err.answer;
      throw err;
    }
  }

  private send(res: http.ServerResponse, answer: Answer): number {
    const body = answer.json !== undefined ? JSON.stringify(answer.json) : (answer.text ?? "");
    const type = answer.json !== undefined ? "application/json" : "text/html";
    res.writeHead(answer.status, { "Content-Type": type, ...answer.headers });
    res.end(body);
    return answer.status;
  }
}

/** Twilio's code for an injected error status. */
function faultCode(status: number): number {
  return status === 429 ? 20429 : 20500;
}

function describeUpload(upload: Multipart): RecordedUpload {
  const content = upload.file?.content ?? Buffer.alloc(0);
  return {
    path: upload.fields.Path,
    visibility: upload.fields.Visibility,
    filename: upload.file?.filename,
    contentType: upload.file?.contentType,
    size: content.length,
    sha256: crypto.createHash("sha256").update(content).digest("hex"),
  };
}
