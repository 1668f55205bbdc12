/**
 * What the runtime tests share: builds made live directly in the store, raw HTTP calls, and
 * runtime-handler started in the test's own process on the folder the emulator laid out, which
 * answers as `twilio-run start` does: the baseline the emulator's answers are compared with.
 */
import { LocalDevelopmentServer } from "@twilio/runtime-handler/dev";
import http from "http";
import { DependencyRecord, EnvironmentRecord, ServiceRecord } from "./records";
import { DEFAULT_DEPENDENCIES } from "./routes/builds";
import { TwilioEmulator } from "./server";

/** A Function of a build made by {@link deploy}. */
export interface FunctionFile {
  path: string;
  visibility?: string;
  code: string;
}

/** An Asset of a build made by {@link deploy}. */
export interface AssetFile {
  path: string;
  visibility?: string;
  content: string | Buffer;
  contentType?: string;
}

/** What {@link deploy} put live. */
export interface Deployed {
  service: ServiceRecord;
  environment: EnvironmentRecord;
  domainName: string;
}

/** The files, Variables and dependencies of a build made live by {@link deploy}. */
export interface DeployOptions {
  functions?: FunctionFile[];
  assets?: AssetFile[];
  variables?: Record<string, string>;
  includeCredentials?: boolean;
  /** The build's own dependencies; Twilio's defaults are added after them, as the API does. */
  dependencies?: DependencyRecord[];
}

let names = 0;

/** A Service with one Environment whose live build holds these Functions and Assets. */
export function deploy(emulator: TwilioEmulator, options: DeployOptions): Deployed {
  const { store } = emulator;
  const name = `runtime-${++names}`;
  const service = store.addService(name, name, { includeCredentials: options.includeCredentials ?? true });
  const environment = store.addEnvironment(service.sid, "dev", "dev");
  for (const [key, value] of Object.entries(options.variables ?? {})) store.addVariable(environment, key, value);
  const domainName = store.domainNameOf(environment);
  if (domainName === undefined) throw new Error("the environment has no domain name");
  const deployed = { service, environment, domainName };
  redeploy(emulator, deployed, options);
  return deployed;
}

/** Makes a new completed build of these files live in the Environment. */
export function redeploy(emulator: TwilioEmulator, { service, environment }: Deployed, options: DeployOptions): void {
  const { store } = emulator;
  const functionVersions = (options.functions ?? []).map((file) =>
    store.addVersion({
      serviceSid: service.sid,
      functionSid: store.addFunction(service.sid, file.path).sid,
      path: file.path,
      visibility: file.visibility ?? "public",
      content: Buffer.from(file.code),
    }),
  );
  const assetVersions = (options.assets ?? []).map((file) =>
    store.addAssetVersion({
      serviceSid: service.sid,
      assetSid: store.addAsset(service.sid, file.path).sid,
      path: file.path,
      visibility: file.visibility ?? "public",
      content: Buffer.from(file.content),
      contentType: file.contentType ?? "text/plain",
    }),
  );
  const own = options.dependencies ?? [];
  const build = store.addBuild({
    serviceSid: service.sid,
    functionVersions,
    assetVersions,
    dependencies: [...own, ...DEFAULT_DEPENDENCIES.filter((d) => !own.some((o) => o.name === d.name))],
    runtime: "node22",
  });
  build.status = "completed";
  store.addDeployment(environment, build.sid);
}

/** One answer, as received. */
export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  ms: number;
}

/** What a call sends besides its URL. */
export interface Call {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

const CALL_TIMEOUT_MS = 30_000;

/** One HTTP request (Node's `http`, which, unlike `fetch`, sends the `Host` it is given). */
export function call(url: string, { method = "GET", headers = {}, body }: Call = {}): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          ms: performance.now() - started,
        });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    // A server that never answers fails the test instead of holding it (and its cleanup) forever.
    req.setTimeout(CALL_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${CALL_TIMEOUT_MS} ms: ${url}`)));
    req.end(body);
  });
}

/** A value that must be a JSON object, as its fields; anything else fails the test. */
export function objectOf(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`expected a JSON object, got ${JSON.stringify(value)}`);
  }
  return { ...value };
}

/** A value that must be a string; anything else fails the test. */
export function stringOf(value: unknown): string {
  if (typeof value !== "string") throw new Error(`expected a string, got ${JSON.stringify(value)}`);
  return value;
}

/** The body of an answer, which must be a JSON object. */
export function jsonBody(answer: Pick<Answer, "body">): Record<string, unknown> {
  const parsed: unknown = JSON.parse(answer.body);
  return objectOf(parsed);
}

/** A URL-encoded form body; a key with several values is repeated. */
export const form = (params: Record<string, string | string[]>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const each of [value].flat()) search.append(key, each);
  return search.toString();
};

/** The header of a form body. */
export const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

/** runtime-handler serving a build in this process, as `twilio-run start` would. */
export interface Baseline {
  /** The URL of a path on it. */
  url(path: string): string;
  close(): Promise<void>;
}

/**
 * Starts runtime-handler's `LocalDevelopmentServer` in this process on the very folder and config
 * the emulator's hosts run for the Environment at `domainName`.
 */
export async function startBaseline(emulator: TwilioEmulator, domainName: string): Promise<Baseline> {
  const { config } = await emulator.runtime.setupOf(domainName);
  const server = http.createServer(new LocalDevelopmentServer(0, config).getApp());
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") reject(new Error("no TCP address"));
      else resolve(address.port);
    });
  });
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** What two answers are compared on: status, media type (with its parameters) and body. */
export const essentials = ({ status, headers, body }: Answer): { status: number; type?: string; body: string } => ({
  status,
  type: headers["content-type"],
  body,
});
