/**
 * The emulator's Functions runtime: serves the live build of each Environment at its domain name
 * on Twilio's own runtime, `@twilio/runtime-handler` (what `twilio-run start` runs). The emulator
 * decides what Twilio's front end decides (which Environment, which path, visibility, the request
 * signature, the time limit) and serves Assets; runtime-handler runs the Functions and shapes their
 * answers. README.md beside the emulator describes what it does and the choices made.
 */
import type { ServerConfig } from "@twilio/runtime-handler/dev";
import fs from "fs";
import http from "http";
import os from "os";
import path from "path";
import { drain } from "../bodies";
import { AssetVersionRecord, BuildRecord, EnvironmentRecord, ServiceRecord, VersionRecord } from "../records";
import { Store } from "../store";
import { DependencyOptions, DependencyResolver } from "./dependencies";
import { Host, HostPool, HostSetup } from "./hosts";
import { BuildLayout, EmulatorUrls, layOutBuild } from "./layout";
import { SignedParams, signatureMatches } from "./signature";
import { RuntimeTarget, runtimeTarget } from "./target";

/** What the runtime needs of the emulator. */
export interface RuntimeSettings extends DependencyOptions {
  store: Store;
  /** The account whose auth token signs requests and which `context` names. */
  accountSid: string;
  authToken: string;
  /** Milliseconds an invocation may run before it answers 504. */
  invocationTimeoutMs: number;
  /** The folder under which builds are laid out (default the OS temp dir). */
  dataDir?: string;
  /** The emulator's API and upload URLs, which clients made inside Functions use; known once it listens. */
  urls: () => EmulatorUrls;
  /** Receives `<method> runtime <path> <status|dropped> <ms>ms` per request. */
  log?: (line: string) => void;
}

/** An answer the runtime gives itself. */
interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

const textReply = (status: number, text: string): Reply => ({
  status,
  headers: { "Content-Type": "text/plain; charset=utf-8" },
  body: text,
});

/** Sends a reply; one that cannot be sent whole (an answer has begun, the client left) is dropped. */
function send(res: http.ServerResponse, reply: Reply): void {
  if (res.headersSent) res.destroy();
  if (res.destroyed) return;
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body);
}

/** Headers that belong to one connection, not to the request or answer passed on. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
]);

/** The headers of raw header pairs, repeated ones as arrays, without the names in `dropped`. */
function headersOf(raw: readonly string[], dropped: ReadonlySet<string>): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (dropped.has(name)) continue;
    // An own property only: a header named like one of Object's ("constructor") is no repeat.
    headers[name] = Object.hasOwn(headers, name) ? [headers[name], raw[i + 1]].flat() : raw[i + 1];
  }
  return headers;
}

const FORWARD_DROPPED = new Set([...HOP_BY_HOP, "host", "content-length"]);

/**
 * The request's headers for the host: as sent, with the Environment's domain as `Host` (what a
 * Function sees on Twilio, however the request reached the emulator) and the length of the body
 * read.
 */
function forwardedHeaders(
  req: http.IncomingMessage,
  domainName: string,
  body: Buffer,
): Record<string, string | string[]> {
  const headers = { ...headersOf(req.rawHeaders, FORWARD_DROPPED), host: domainName };
  const hadBody = req.headers["content-length"] !== undefined || req.headers["transfer-encoding"] !== undefined;
  return hadBody ? { ...headers, "content-length": String(body.length) } : headers;
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  // Node types a stream's chunks `any`: Buffers, or strings once an encoding is set.
  for await (const chunk of req as AsyncIterable<Buffer | string>) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks);
}

/** The parameters a signature covers: those of a POST's form body, a repeated key with all its values. */
function signedParams(req: http.IncomingMessage, body: Buffer): SignedParams {
  const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (req.method !== "POST" || type !== "application/x-www-form-urlencoded") return {};
  const form = new URLSearchParams(body.toString("utf8"));
  return Object.fromEntries([...new Set(form.keys())].map((key) => [key, form.getAll(key)]));
}

// How long a broken connection to a host waits for the host's own account of its end.
const EXIT_GRACE_MS = 500;

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** runtime-handler's config for a laid-out build served at `domainName` with this `context`. */
function serverConfig(layout: BuildLayout, env: Record<string, string>, domainName: string): ServerConfig {
  return {
    baseDir: layout.dir,
    env,
    port: 0,
    // Its host becomes `context.DOMAIN_NAME`.
    url: `https://${domainName}`,
    detailedLogs: false,
    live: false,
    logs: false,
    legacyMode: false,
    appName: "twilio-serverless-emulator",
    // The hosts are the emulator's own worker threads, which it can stop; see hosts.ts.
    forkProcess: false,
    routes: layout.routes,
    enableDebugLogs: false,
  };
}

/**
 * Executes what is deployed: a request for an Environment's domain name runs the Function of its
 * live build at that path, or serves the Asset there, with Twilio's visibilities.
 */
export class FunctionsRuntime {
  /** Milliseconds an invocation may run from now on. */
  invocationTimeoutMs: number;
  /**
   * Milliseconds a host may take to start (load runtime-handler, `twilio` and the build's
   * dependencies) before its invocation answers 500; not part of any invocation's limit.
   */
  hostStartupTimeoutMs = 60_000;
  /** The folder holding the laid-out builds, removed by {@link close}. */
  readonly dataDir: string;
  private readonly dependencies: DependencyResolver;
  private readonly layouts = new Map<string, Promise<BuildLayout>>();
  /** The hosts of each Environment's live build, by Environment SID. */
  private readonly pools = new Map<string, HostPool>();
  private readonly running = new Set<Host>();

  constructor(private readonly settings: RuntimeSettings) {
    this.invocationTimeoutMs = settings.invocationTimeoutMs;
    this.dependencies = new DependencyResolver(settings);
    const parent = settings.dataDir ?? os.tmpdir();
    fs.mkdirSync(parent, { recursive: true });
    this.dataDir = fs.mkdtempSync(path.join(parent, "twilio-serverless-emulator-"));
  }

  /** Hosts (worker threads running runtime-handler) alive now, for tests. */
  get runningHosts(): number {
    return this.running.size;
  }

  /** What the runtime serves for a request of the API host, or undefined when it is the API's. */
  targetOf(req: http.IncomingMessage): RuntimeTarget | undefined {
    const pathname = new URL(req.url ?? "/", "http://emulator").pathname;
    return runtimeTarget(
      req.headers.host,
      pathname,
      (name) => this.settings.store.findEnvironmentByDomain(name) !== undefined,
    );
  }

  /** Answers a request {@link targetOf} gave a target, and logs it. */
  async serve(req: http.IncomingMessage, res: http.ServerResponse, target: RuntimeTarget): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator");
    const log = this.settings.log;
    if (log) {
      const started = performance.now();
      // Read from the answer itself: a piped answer ends before the code sending it learns so.
      res.once("close", () => {
        const ms = Math.round(performance.now() - started);
        const status = res.writableFinished ? res.statusCode : "dropped";
        log(`${req.method ?? "GET"} runtime ${url.pathname} ${status} ${ms}ms`);
      });
    }
    try {
      await this.answer(req, res, target, url.search);
    } catch (err) {
      await drain(req);
      send(res, textReply(500, `The emulator runtime failed: ${messageOf(err)}`));
    }
  }

  /**
   * What the hosts of the Environment served at `domainName` run: runtime-handler's config on the
   * laid-out live build, and the `process.env` of its Functions. Tests start runtime-handler on it
   * directly, to compare the emulator's answers with those of `twilio-run start`.
   */
  async setupOf(domainName: string): Promise<HostSetup> {
    const live = this.liveAt(domainName);
    if (live === undefined || live.build === undefined) throw new Error(`Nothing is live at ${domainName}`);
    return this.poolFor(live.environment, live.service, live.build, live.domainName).setup();
  }

  /** Stops every host and install, and removes the laid-out builds. */
  async close(): Promise<void> {
    this.dependencies.close();
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
    // Hosts of pools retired since, still busy with an invocation.
    await Promise.all([...this.running].map((host) => host.terminate()));
    await Promise.allSettled(this.layouts.values());
    await fs.promises.rm(this.dataDir, { recursive: true, force: true });
  }

  /** The Environment at a domain name, its Service and live build. */
  private liveAt(
    domainName: string,
  ): { environment: EnvironmentRecord; service: ServiceRecord; domainName: string; build?: BuildRecord } | undefined {
    const { store } = this.settings;
    const environment = store.findEnvironmentByDomain(domainName);
    const service = environment && store.services.get(environment.serviceSid);
    const name = environment && store.domainNameOf(environment);
    if (environment === undefined || service === undefined || name === undefined) return undefined;
    const build = environment.buildSid === null ? undefined : store.builds.get(environment.buildSid);
    return { environment, service, domainName: name, build };
  }

  private async answer(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    target: RuntimeTarget,
    search: string,
  ): Promise<void> {
    const live = this.liveAt(target.domainName);
    if (live === undefined) {
      await drain(req);
      send(res, textReply(404, `No environment is served at ${target.domainName}`));
      return;
    }
    const { environment, service, domainName, build } = live;
    if (build === undefined) {
      await drain(req);
      const text = `Nothing is deployed to ${domainName}: environment ${environment.sid} has no live build`;
      send(res, textReply(404, text));
      return;
    }
    const version: VersionRecord | AssetVersionRecord | undefined =
      build.functionVersions.find((v) => v.path === target.path) ??
      build.assetVersions.find((v) => v.path === target.path);
    // A private Function or Asset is for other Functions only: over HTTP it does not exist. (runtime-
    // handler would run a private Function: the emulator answers before it.)
    if (version === undefined || (version.visibility !== "public" && version.visibility !== "protected")) {
      await drain(req);
      send(res, textReply(404, `Not found: ${target.path}`));
      return;
    }
    const body = await readBody(req);
    if (version.visibility === "protected") {
      // Whichever way the request came, it is signed as Twilio signs it: for the Function's URL on
      // its own domain, with the query as sent, and the form parameters of a POST.
      const signedUrl = `https://${domainName}${target.rawPath}${search}`;
      const signature = req.headers["x-twilio-signature"];
      const given = typeof signature === "string" ? signature : undefined;
      if (!signatureMatches(this.settings.authToken, given, signedUrl, signedParams(req, body))) {
        send(res, textReply(401, `Unauthorized: ${target.path} is protected and needs a valid X-Twilio-Signature`));
        return;
      }
    }
    // Twilio serves an Asset with the Content-Type of its upload (runtime-handler would guess it
    // from the file's extension).
    if ("contentType" in version) {
      send(res, { status: 200, headers: { "Content-Type": version.contentType }, body: version.content });
      return;
    }
    const pool = this.poolFor(environment, service, build, domainName);
    return this.invoke(req, res, { pool, domainName, functionPath: version.path, path: target.rawPath + search, body });
  }

  /**
   * The hosts of an Environment's live build, replaced when its build, domain, credentials or
   * Variables changed since they started; pools of Environments that are gone or serve another
   * build are retired on the way.
   */
  private poolFor(
    environment: EnvironmentRecord,
    service: ServiceRecord,
    build: BuildRecord,
    domainName: string,
  ): HostPool {
    const { store } = this.settings;
    for (const [sid, pool] of this.pools) {
      if (store.environments.get(sid)?.buildSid !== pool.buildSid) {
        pool.retire();
        this.pools.delete(sid);
      }
    }
    const variables = store.variablesOf(environment.sid);
    const credentials: Record<string, string> = service.includeCredentials
      ? { ACCOUNT_SID: this.settings.accountSid, AUTH_TOKEN: this.settings.authToken }
      : {};
    // These names win over Variables of the same names (choice: Twilio does not say).
    const context = {
      ...variables,
      DOMAIN_NAME: domainName,
      SERVICE_SID: service.sid,
      ENVIRONMENT_SID: environment.sid,
      ...credentials,
    };
    const key = JSON.stringify([build.sid, domainName, context, variables]);
    const existing = this.pools.get(environment.sid);
    if (existing?.key === key) return existing;
    existing?.retire();
    const setup = async (): Promise<HostSetup> => ({
      config: serverConfig(await this.layout(build), context, domainName),
      // `process.env` holds the Variables, never the emulator's own environment (its credentials).
      env: variables,
    });
    const pool = new HostPool(key, build.sid, setup, {
      running: this.running,
      startupTimeoutMs: () => this.hostStartupTimeoutMs,
    });
    this.pools.set(environment.sid, pool);
    return pool;
  }

  /** The build laid out on disk, once per build; a failed layout is tried again by the next request. */
  private layout(build: BuildRecord): Promise<BuildLayout> {
    let layout = this.layouts.get(build.sid);
    if (layout === undefined) {
      layout = (async () => {
        const dependencies = await this.dependencies.folderFor(build.dependencies);
        const dir = await fs.promises.mkdtemp(path.join(this.dataDir, `${build.sid}-`));
        return layOutBuild(dir, build, dependencies, this.settings.urls());
      })();
      this.layouts.set(build.sid, layout);
      layout.catch(() => this.layouts.delete(build.sid));
    }
    return layout;
  }

  /**
   * Runs one invocation on a host of the pool: forwards the request, passes the answer on, and
   * answers 504 once the limit passes without one, stopping the host (a Function that never calls
   * back, or loops).
   */
  private async invoke(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    call: { pool: HostPool; domainName: string; functionPath: string; path: string; body: Buffer },
  ): Promise<void> {
    const { pool, domainName, functionPath, body } = call;
    let host: Host;
    try {
      host = await pool.acquire();
    } catch (err) {
      send(res, textReply(500, `The runtime of ${domainName} could not start: ${messageOf(err)}`));
      return;
    }
    const limitMs = this.invocationTimeoutMs;
    await new Promise<void>((resolve) => {
      let settled = false;
      const settle = (reply?: Reply): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (reply !== undefined) send(res, reply);
        resolve();
      };
      const upstream = http.request(
        {
          host: "127.0.0.1",
          port: host.port,
          agent: host.agent,
          method: req.method,
          path: call.path,
          headers: forwardedHeaders(req, domainName, body),
        },
        (answer) => {
          clearTimeout(timer);
          res.writeHead(answer.statusCode ?? 502, headersOf(answer.rawHeaders, HOP_BY_HOP));
          answer.pipe(res);
          answer.once("end", () => {
            pool.release(host);
            settle();
          });
          answer.once("error", () => {
            pool.discard(host);
            res.destroy();
            settle();
          });
        },
      );
      const timer = setTimeout(() => {
        upstream.destroy();
        pool.discard(host);
        settle(textReply(504, `Function ${functionPath} timed out after ${limitMs} ms`));
      }, limitMs);
      upstream.once("error", (err) => {
        if (settled) return;
        clearTimeout(timer);
        // The connection may break before the host's thread is known to be gone, and why.
        const grace = new Promise((wait) => setTimeout(wait, EXIT_GRACE_MS));
        void Promise.race([host.exited, grace]).then(() => {
          const why = host.stopped ?? err.message;
          pool.discard(host);
          settle(textReply(500, `Function ${functionPath} ended without an answer: ${why}`));
        });
      });
      upstream.end(body);
    });
  }
}
