/**
 * The emulator's Functions runtime: serves the live build of each Environment at its domain name,
 * as Twilio does. README.md beside the emulator describes what it does and the choices made.
 */
import http from "http";
import { drain, readText } from "../bodies";
import { AssetVersionRecord, VersionRecord } from "../records";
import { Store } from "../store";
import { buildEvent, paramsOf, parseBody } from "./event";
import { Executor } from "./executor";
import { invocationFor } from "./invocation";
import { RuntimeReply, replyFor, textReply } from "./reply";
import { signatureMatches } from "./signature";
import { RuntimeTarget, runtimeTarget } from "./target";

/** What the runtime needs of the emulator. */
export interface RuntimeSettings {
  store: Store;
  /** The account whose auth token signs requests and which `context` names. */
  accountSid: string;
  authToken: string;
  /** Milliseconds an invocation may run before it answers 504. */
  invocationTimeoutMs: number;
  /** Receives `<method> runtime <path> <status|dropped> <ms>ms` per request. */
  log?: (line: string) => void;
}

/** The answer to a request for a path with nothing reachable at it. */
const notFound = (path: string): RuntimeReply => textReply(404, `Not found: ${path}`);

/**
 * Executes what is deployed: a request for an Environment's domain name runs the Function of its
 * live build at that path, or serves the Asset there, with Twilio's visibilities.
 */
export class FunctionsRuntime {
  private readonly executor: Executor;

  constructor(private readonly settings: RuntimeSettings) {
    this.executor = new Executor(settings.invocationTimeoutMs);
  }

  /** Milliseconds an invocation may run from now on. */
  get invocationTimeoutMs(): number {
    return this.executor.limitMs;
  }

  set invocationTimeoutMs(ms: number) {
    this.executor.limitMs = ms;
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
    let status: number | "dropped" = "dropped";
    const log = this.settings.log;
    if (log) {
      const started = performance.now();
      res.once("close", () => {
        const ms = Math.round(performance.now() - started);
        log(`${req.method ?? "GET"} runtime ${url.pathname} ${status} ${ms}ms`);
      });
    }
    let reply: RuntimeReply;
    try {
      reply = await this.answer(req, target, url.search);
    } catch (err) {
      await drain(req);
      reply = textReply(500, `The emulator runtime failed: ${String(err)}`);
    }
    if (!res.destroyed) status = send(res, reply);
  }

  /** Terminates the invocations still running. */
  close(): Promise<void> {
    return this.executor.close();
  }

  private async answer(req: http.IncomingMessage, target: RuntimeTarget, search: string): Promise<RuntimeReply> {
    const { store, accountSid, authToken } = this.settings;
    const environment = store.findEnvironmentByDomain(target.domainName);
    const service = environment && store.services.get(environment.serviceSid);
    const domainName = environment && store.domainNameOf(environment);
    if (environment === undefined || service === undefined || domainName === undefined) {
      await drain(req);
      return textReply(404, `No environment is served at ${target.domainName}`);
    }
    const build = environment.buildSid === null ? undefined : store.builds.get(environment.buildSid);
    if (build === undefined) {
      await drain(req);
      return textReply(404, `Nothing is deployed to ${domainName}: environment ${environment.sid} has no live build`);
    }
    const version: VersionRecord | AssetVersionRecord | undefined =
      build.functionVersions.find((v) => v.path === target.path) ??
      build.assetVersions.find((v) => v.path === target.path);
    // A private Function or Asset is for other Functions only: over HTTP it does not exist.
    if (version === undefined || (version.visibility !== "public" && version.visibility !== "protected")) {
      await drain(req);
      return notFound(target.path);
    }
    const body = parseBody(req.headers["content-type"], await readText(req));
    if (version.visibility === "protected") {
      // Whichever way the request came, it is signed as Twilio signs it: for the Function's URL on
      // its own domain, with the query as sent, and the form parameters of a POST.
      const signedUrl = `https://${domainName}${target.rawPath}${search}`;
      const params = req.method === "POST" && body.kind === "form" ? paramsOf(body.params) : {};
      const signature = req.headers["x-twilio-signature"];
      if (!signatureMatches(authToken, typeof signature === "string" ? signature : undefined, signedUrl, params)) {
        return textReply(401, `Unauthorized: ${target.path} is protected and needs a valid X-Twilio-Signature`);
      }
    }
    if ("contentType" in version) {
      return { status: 200, headers: { "Content-Type": version.contentType }, body: version.content };
    }
    if (body.kind === "invalid json") return textReply(400, "The request body is not valid JSON");
    const scope = {
      service,
      environment,
      domainName,
      build,
      variables: store.variablesOf(environment.sid),
      accountSid,
      authToken,
    };
    const event = buildEvent(req, new URL(search, "http://emulator").searchParams, body);
    const invocation = invocationFor(scope, version, event);
    const outcome = await this.executor.run(invocation, scope.variables);
    return replyFor(outcome, version.path);
  }
}

/**
 * Sends a reply; returns its status. A status or header Node refuses (a Function may set any)
 * makes it a 500 instead of breaking the connection.
 */
function send(res: http.ServerResponse, reply: RuntimeReply): number {
  try {
    if (!Number.isInteger(reply.status) || reply.status < 100 || reply.status > 999) {
      throw new Error(`invalid status code ${String(reply.status)}`);
    }
    for (const [name, value] of Object.entries(reply.headers)) {
      http.validateHeaderName(name);
      for (const each of [value].flat()) http.validateHeaderValue(name, each);
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return send(res, textReply(500, `The Function's answer cannot be sent: ${message}`));
  }
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body);
  return reply.status;
}
