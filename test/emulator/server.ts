import Busboy from "busboy";
import crypto from "crypto";
import http from "http";
import { Faults, FaultAction, Host } from "./faults";
import { FunctionRecord, ServiceRecord, Store, VersionRecord, newSid } from "./store";

/** Credentials the emulator accepts: an API key pair and an account SID / auth token pair. */
export interface EmulatorCredentials {
  accountSid: string;
  authToken: string;
  apiKey: string;
  apiSecret: string;
}

/** Emulator settings. */
export interface EmulatorOptions extends Partial<EmulatorCredentials> {
  /** Uploads above this many bytes get 413 (default 25 MiB, Twilio's asset limit). */
  maxUploadBytes?: number;
  /** Port of the API host (default 0: any free port). */
  apiPort?: number;
  /** Port of the upload host (default 0). */
  uploadPort?: number;
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
  /** The answer's status, or `dropped` when the connection was closed instead. */
  status: number | "dropped";
  /** Bytes of request body received. */
  bytes: number;
  userAgent?: string;
  upload?: RecordedUpload;
}

interface Answer {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

const DOCS = "https://www.twilio.com/docs/errors";

function twilioError(status: number, code: number, message: string): Answer {
  return { status, json: { code, message, more_info: `${DOCS}/${code}`, status } };
}

const notFound = (path: string): Answer =>
  twilioError(404, 20404, `The requested resource ${path.replace(/^\/v1/, "")} was not found`);

const invalid = (message: string): Answer => twilioError(400, 20001, message);

const VISIBILITIES = ["public", "protected", "private"];
const FORBIDDEN_PATH_CHARS = /[#;,?:@+&$()'"\s]/;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A local Twilio Serverless look-alike on 127.0.0.1: an API host and a separate upload host,
 * Basic auth, Services, Functions and Function Versions with Twilio's JSON shapes, errors and
 * paging, and fault injection for tests.
 */
export class TwilioEmulator {
  readonly store: Store;
  readonly faults = new Faults();
  readonly requests: RecordedRequest[] = [];
  readonly credentials: EmulatorCredentials;
  /** Requests being processed now, and the most seen at once. */
  inFlight = 0;
  maxInFlightSeen = 0;
  apiBaseUrl = "";
  uploadBaseUrl = "";
  private readonly maxUploadBytes: number;
  private readonly servers: http.Server[] = [];

  private constructor(options: EmulatorOptions) {
    this.credentials = {
      accountSid: options.accountSid ?? newSid("AC"),
      authToken: options.authToken ?? crypto.randomBytes(16).toString("hex"),
      apiKey: options.apiKey ?? newSid("SK"),
      apiSecret: options.apiSecret ?? crypto.randomBytes(16).toString("hex"),
    };
    this.store = new Store(this.credentials.accountSid);
    this.maxUploadBytes = options.maxUploadBytes ?? 25 * 1024 * 1024;
  }

  /** Starts both hosts on 127.0.0.1. */
  static async start(options: EmulatorOptions = {}): Promise<TwilioEmulator> {
    const emulator = new TwilioEmulator(options);
    emulator.apiBaseUrl = await emulator.listen("api", options.apiPort ?? 0);
    emulator.uploadBaseUrl = await emulator.listen("upload", options.uploadPort ?? 0);
    return emulator;
  }

  /** Stops both hosts, closing open connections. */
  async close(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      ),
    );
  }

  /** Creates a Service directly (tests and demos); the HTTP API can do the same. */
  createService(uniqueName: string): ServiceRecord {
    return this.store.addService(uniqueName, uniqueName);
  }

  /** Creates a Function directly. */
  createFunction(serviceSid: string, friendlyName: string): FunctionRecord {
    return this.store.addFunction(serviceSid, friendlyName);
  }

  /** Purges a version, as Twilio does with versions no Build uses. */
  purgeVersion(sid: string): boolean {
    return this.store.purgeVersion(sid);
  }

  /** TCP connections accepted so far, per host: a client that keeps connections alive opens few. */
  readonly connections: Record<Host, number> = { api: 0, upload: 0 };

  /** Requests recorded so far for one host and method. */
  requestsTo(host: Host, method?: string): RecordedRequest[] {
    return this.requests.filter((r) => r.host === host && (method === undefined || r.method === method));
  }

  private listen(host: Host, port: number): Promise<string> {
    const server = http.createServer((req, res) => {
      this.handle(host, req, res).catch((err: unknown) => {
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
      userAgent: req.headers["user-agent"],
    };
    this.requests.push(record);
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
    const afterProcessing = (fault?.kind === "status" || fault?.kind === "delay") && fault.processed === true;
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
          req.once("data", () => resolve());
          req.once("end", () => resolve());
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
            : { ...twilioError(fault.status, fault.status === 429 ? 20429 : 20500, statusText(fault.status)), headers };
        // Whatever of the body still arrives is read and dropped.
        if (fault.early) res.once("finish", () => req.resume());
        record.status = this.send(res, answer);
        return true;
      }
      case "delay":
        await sleep(fault.ms);
        return false;
      default:
        return false;
    }
  }

  private authorized(req: http.IncomingMessage): boolean {
    const header = req.headers.authorization ?? "";
    if (!header.startsWith("Basic ")) return false;
    const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
    const separator = decoded.indexOf(":");
    const user = decoded.slice(0, separator);
    const password = decoded.slice(separator + 1);
    const { apiKey, apiSecret, accountSid, authToken } = this.credentials;
    return (user === apiKey && password === apiSecret) || (user === accountSid && password === authToken);
  }

  private async route(host: Host, req: http.IncomingMessage, url: URL, record: RecordedRequest): Promise<Answer> {
    const method = req.method ?? "GET";
    const path = url.pathname;
    if (!this.authorized(req)) {
      await drain(req);
      return twilioError(401, 20003, "Authenticate");
    }
    const parts = path.split("/").filter(Boolean);
    if (parts[0] !== "v1" || parts[1] !== "Services") {
      await drain(req);
      return notFound(path);
    }
    if (host === "upload") {
      const isUpload = method === "POST" && parts.length === 6 && parts[3] === "Functions" && parts[5] === "Versions";
      if (!isUpload) {
        await drain(req);
        return notFound(path);
      }
      return this.upload(req, parts[2], parts[4], path, record);
    }
    if (method === "POST") return this.postApi(req, parts, path);
    await drain(req);
    if (method !== "GET") return twilioError(405, 20004, "Method not allowed");
    return this.getApi(parts, url);
  }

  private async postApi(req: http.IncomingMessage, parts: string[], path: string): Promise<Answer> {
    const form = new URLSearchParams(await readText(req));
    if (parts.length === 2) {
      const uniqueName = form.get("UniqueName");
      if (!uniqueName) return invalid("Missing required parameter UniqueName in the post body");
      if (uniqueName.length > 50) return invalid("UniqueName must be at most 50 characters");
      if (this.store.findService(uniqueName)) return twilioError(409, 54301, "Unique name already exists");
      return { status: 201, json: this.serviceJson(this.store.addService(uniqueName, form.get("FriendlyName") ?? "")) };
    }
    const service = this.store.findService(parts[2]);
    if (!service) return notFound(path);
    if (parts.length === 4 && parts[3] === "Functions") {
      const friendlyName = form.get("FriendlyName");
      if (!friendlyName) return invalid("Missing required parameter FriendlyName in the post body");
      return { status: 201, json: this.functionJson(this.store.addFunction(service.sid, friendlyName)) };
    }
    if (parts.length === 6 && parts[5] === "Versions") {
      // Versions are uploaded to the upload host only.
      return notFound(path);
    }
    return notFound(path);
  }

  private getApi(parts: string[], url: URL): Answer {
    const path = url.pathname;
    if (parts.length === 2) {
      const services = [...this.store.services.values()].map((s) => this.serviceJson(s));
      return { status: 200, json: this.page("services", services, url) };
    }
    const service = this.store.findService(parts[2]);
    if (!service) return notFound(path);
    if (parts.length === 3) return { status: 200, json: this.serviceJson(service) };
    if (parts[3] !== "Functions") return notFound(path);
    if (parts.length === 4) {
      const fns = [...this.store.functions.values()].filter((f) => f.serviceSid === service.sid);
      return {
        status: 200,
        json: this.page(
          "functions",
          fns.map((f) => this.functionJson(f)),
          url,
        ),
      };
    }
    const fn = this.store.findFunction(service.sid, parts[4]);
    if (!fn) return notFound(path);
    if (parts.length === 5) return { status: 200, json: this.functionJson(fn) };
    if (parts[5] !== "Versions") return notFound(path);
    if (parts.length === 6) {
      const versions = this.store.versions.filter((v) => v.functionSid === fn.sid).reverse();
      return {
        status: 200,
        json: this.page(
          "function_versions",
          versions.map((v) => this.versionJson(v)),
          url,
        ),
      };
    }
    const version = this.store.findVersion(fn.sid, parts[6]);
    if (!version) return notFound(path);
    if (parts.length === 7) return { status: 200, json: this.versionJson(version) };
    if (parts.length === 8 && parts[7] === "Content") {
      return {
        status: 200,
        json: {
          sid: version.sid,
          account_sid: this.store.accountSid,
          service_sid: version.serviceSid,
          function_sid: version.functionSid,
          content: version.content.toString("utf8"),
          url: `${this.versionUrl(version)}/Content`,
        },
      };
    }
    return notFound(path);
  }

  private async upload(
    req: http.IncomingMessage,
    serviceSid: string,
    functionSid: string,
    path: string,
    record: RecordedRequest,
  ): Promise<Answer> {
    const parsed = await parseMultipart(req, this.maxUploadBytes);
    if (parsed === "too large") {
      return { status: 413, text: "<html><body><h1>413 Request Entity Too Large</h1></body></html>" };
    }
    if (parsed === "malformed") return invalid("The request body is not valid multipart/form-data");
    const { fields, file } = parsed;
    record.upload = {
      path: fields.Path,
      visibility: fields.Visibility,
      filename: file?.filename,
      contentType: file?.contentType,
      size: file?.content.length ?? 0,
      sha256: crypto
        .createHash("sha256")
        .update(file?.content ?? Buffer.alloc(0))
        .digest("hex"),
    };
    const service = this.store.findService(serviceSid);
    if (!service || !this.store.findFunction(service.sid, functionSid)) return notFound(path);
    const rawPath = fields.Path;
    if (rawPath === undefined || rawPath === "") return invalid("Missing required parameter Path in the post body");
    const versionPath = rawPath.startsWith("/") ? rawPath : `/${rawPath}`;
    if (versionPath.length > 255 || FORBIDDEN_PATH_CHARS.test(rawPath)) {
      return invalid(`Invalid Path: ${rawPath.slice(0, 300)}`);
    }
    const visibility = fields.Visibility;
    if (visibility === undefined) return invalid("Missing required parameter Visibility in the post body");
    if (!VISIBILITIES.includes(visibility)) {
      return invalid(`Visibility must be one of public, protected, private; got ${visibility}`);
    }
    if (!file || file.filename === undefined) return invalid("Missing required parameter Content in the post body");
    const version = this.store.addVersion({
      serviceSid: service.sid,
      functionSid,
      path: versionPath,
      visibility,
      content: file.content,
    });
    return { status: 201, json: this.versionJson(version) };
  }

  private page(key: string, items: unknown[], url: URL): unknown {
    const pageSize = Math.min(1000, Math.max(1, Number(url.searchParams.get("PageSize") ?? 50) || 50));
    const page = Math.max(0, Number(url.searchParams.get("Page") ?? 0) || 0);
    const base = `${this.apiBaseUrl}${url.pathname}`;
    const link = (n: number): string => `${base}?PageSize=${pageSize}&Page=${n}${n > 0 ? `&PageToken=PT${n}` : ""}`;
    const slice = items.slice(page * pageSize, (page + 1) * pageSize);
    const hasNext = (page + 1) * pageSize < items.length;
    return {
      [key]: slice,
      meta: {
        first_page_url: link(0),
        key,
        next_page_url: hasNext ? link(page + 1) : null,
        page,
        page_size: pageSize,
        previous_page_url: page > 0 ? link(page - 1) : null,
        url: link(page),
      },
    };
  }

  private serviceJson(s: ServiceRecord): unknown {
    return {
      sid: s.sid,
      account_sid: this.store.accountSid,
      unique_name: s.uniqueName,
      friendly_name: s.friendlyName,
      include_credentials: true,
      ui_editable: false,
      date_created: s.dateCreated,
      date_updated: s.dateCreated,
      url: `${this.apiBaseUrl}/v1/Services/${s.sid}`,
    };
  }

  private functionJson(f: FunctionRecord): unknown {
    return {
      sid: f.sid,
      account_sid: this.store.accountSid,
      service_sid: f.serviceSid,
      friendly_name: f.friendlyName,
      date_created: f.dateCreated,
      date_updated: f.dateCreated,
      url: `${this.apiBaseUrl}/v1/Services/${f.serviceSid}/Functions/${f.sid}`,
    };
  }

  private versionUrl(v: VersionRecord): string {
    return `${this.apiBaseUrl}/v1/Services/${v.serviceSid}/Functions/${v.functionSid}/Versions/${v.sid}`;
  }

  // Answers carry the API host's URL even for uploads, as Twilio's do.
  private versionJson(v: VersionRecord): unknown {
    return {
      sid: v.sid,
      account_sid: this.store.accountSid,
      service_sid: v.serviceSid,
      function_sid: v.functionSid,
      path: v.path,
      visibility: v.visibility,
      date_created: v.dateCreated,
      url: this.versionUrl(v),
      links: { function_version_content: `${this.versionUrl(v)}/Content` },
    };
  }

  private send(res: http.ServerResponse, answer: Answer): number {
    const body = answer.json !== undefined ? JSON.stringify(answer.json) : (answer.text ?? "");
    const type = answer.json !== undefined ? "application/json" : "text/html";
    res.writeHead(answer.status, { "Content-Type": type, ...answer.headers });
    res.end(body);
    return answer.status;
  }
}

function statusText(status: number): string {
  return http.STATUS_CODES[status] ?? `HTTP ${status}`;
}

function drain(req: http.IncomingMessage): Promise<void> {
  // A request whose client has gone (a timeout during a delay fault) never ends nor closes again.
  if (req.readableEnded || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    req.on("end", () => resolve());
    req.on("error", () => resolve());
    req.on("close", () => resolve());
    req.resume();
  });
}

async function readText(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

interface Multipart {
  fields: Record<string, string>;
  file?: { filename?: string; contentType: string; content: Buffer };
}

function parseMultipart(req: http.IncomingMessage, maxBytes: number): Promise<Multipart | "too large" | "malformed"> {
  return new Promise((resolve) => {
    let busboy: Busboy.Busboy;
    try {
      // Busboy flags a file that reaches `fileSize`; only files above `maxBytes` are too large.
      busboy = Busboy({ headers: req.headers, limits: { fileSize: maxBytes + 1 } });
    } catch {
      drain(req).then(() => resolve("malformed"));
      return;
    }
    const fields: Record<string, string> = {};
    let file: Multipart["file"];
    let tooLarge = false;
    busboy.on("field", (name, value) => {
      fields[name] = value;
    });
    busboy.on("file", (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => {
        tooLarge = true;
      });
      stream.on("end", () => {
        if (name === "Content") {
          file = { filename: info.filename, contentType: info.mimeType, content: Buffer.concat(chunks) };
        }
      });
    });
    busboy.on("close", () => resolve(tooLarge ? "too large" : { fields, file }));
    busboy.on("error", () => drain(req).then(() => resolve("malformed")));
    // A request aborted before its end (the client gave up) would leave busboy waiting forever.
    const aborted = (): void => {
      if (!req.readableEnded) resolve("malformed");
    };
    if (req.destroyed) aborted();
    else req.once("close", aborted);
    req.pipe(busboy);
  });
}
