/**
 * The benchmark's client worker, forked by bench/lib/worker.ts: runs the floor uploads (bare
 * axios + form-data) and the @twilio-labs/serverless-api uploads in a process of their own, and
 * times them here, so that neither shares the emulator's event loop. Every request goes to the
 * emulator on 127.0.0.1 (see `assertLoopback`).
 */
import { TwilioServerlessApiClient } from "@twilio-labs/serverless-api";
import { uploadFunction } from "@twilio-labs/serverless-api/dist/api/functions";
import { CONCURRENCY, RETRY_LIMIT } from "@twilio-labs/serverless-api/dist/api/utils/http_config";
import axios from "axios";
import FormData from "form-data";
import fs from "fs";
// got 11 is serverless-api's own HTTP client; only its hook types are used here.
import type { BeforeErrorHook, BeforeRequestHook, BeforeRetryHook, Got } from "got";
import http from "http";
import path from "path";
import { performance } from "perf_hooks";
import { isBag } from "../provider/model/wire";
import {
  FloorRequest,
  FloorResult,
  ServerlessApiRequest,
  ServerlessApiResult,
  Target,
  ToolkitDeployRequest,
  ToolkitDeployResult,
  WorkerReply,
  WorkerResult,
  assertLoopback,
  isWorkerMessage,
} from "./lib/protocol";
import { messageOf } from "../provider/pulumi/error-message";

// The best a bare client can do: kept-alive sockets, no redirect-following wrapper (which would
// buffer the body), the answer as text.
const agent = new http.Agent({ keepAlive: true });
const floorClient = axios.create({
  httpAgent: agent,
  maxRedirects: 0,
  maxBodyLength: Infinity,
  maxContentLength: Infinity,
  responseType: "text",
  transformResponse: [(data: unknown) => data],
  validateStatus: () => true,
});

const buffers = new Map<string, Buffer>();

async function floor(request: FloorRequest): Promise<FloorResult> {
  const { target } = request;
  const url = `${target.uploadBaseUrl}/v1/Services/${target.serviceSid}/Functions/${target.functionSid}/Versions`;
  assertLoopback(url);
  let buffer = buffers.get(request.file);
  if (request.mode === "buffer" && buffer === undefined) {
    buffer = fs.readFileSync(request.file);
    buffers.set(request.file, buffer);
  }
  const size = buffer?.length ?? fs.statSync(request.file).size;
  const authorization = `Basic ${Buffer.from(`${target.username}:${target.password}`).toString("base64")}`;

  const started = performance.now();
  const form = new FormData();
  form.append("Path", request.path);
  form.append("Visibility", request.visibility);
  form.append("Content", buffer ?? fs.createReadStream(request.file), {
    filename: request.filename,
    contentType: "application/javascript",
    knownLength: size,
  });
  const response = await floorClient.post<string>(url, form, {
    headers: { ...form.getHeaders(), "Content-Length": form.getLengthSync(), Authorization: authorization },
  });
  const ms = performance.now() - started;
  const sid = /"sid"\s*:\s*"(ZN[0-9a-f]{32})"/.exec(response.data)?.[1];
  return { kind: "floor", ms, status: response.status, sid };
}

/** Twilio's hosts as serverless-api builds them (`https://serverless[-upload][.edge][.region].twilio.com/v1`). */
const UPLOAD_HOST = /^serverless-upload(\.[a-z0-9-]+)*\.twilio\.com$/;
const API_HOST = /^serverless(\.[a-z0-9-]+)*\.twilio\.com$/;

/** Whether a value is a got instance: a callable with got's `extend`. */
function isGot(value: unknown): value is Got {
  return typeof value === "function" && typeof (value as Partial<Got>).extend === "function";
}

/** What one serverless-api client's got hooks saw. */
interface Observed {
  failureReasons: Record<string, number>;
  retriesStarted: number;
}

/**
 * A serverless-api client whose requests go to the emulator. serverless-api hard-codes Twilio's
 * hosts; its got client is extended to send the same paths to the emulator instead. The hook runs
 * before every attempt, retries included, and refuses anything it would not rewrite to 127.0.0.1.
 */
function emulatorClient(
  target: Target,
  config: { username: string; password: string; concurrency?: number },
): { client: TwilioServerlessApiClient; observed: Observed } {
  assertLoopback(target.apiBaseUrl);
  assertLoopback(target.uploadBaseUrl);
  const client = new TwilioServerlessApiClient(config);
  const observed: Observed = { failureReasons: {}, retriesStarted: 0 };
  const toEmulator: BeforeRequestHook = (options) => {
    const url = options.url;
    const base = UPLOAD_HOST.test(url.hostname)
      ? target.uploadBaseUrl
      : API_HOST.test(url.hostname)
        ? target.apiBaseUrl
        : undefined;
    if (base === undefined) throw new Error(`serverless-api asked for ${url.origin}, which is not rewritten`);
    const rewritten = new URL(`${url.pathname}${url.search}`, base);
    // got 11 keeps the Basic credentials in the URL itself.
    rewritten.username = url.username;
    rewritten.password = url.password;
    assertLoopback(rewritten);
    options.url = rewritten;
  };
  const countRetry: BeforeRetryHook = () => {
    observed.retriesStarted++;
  };
  const recordError: BeforeErrorHook = (error) => {
    const status = error.response?.statusCode;
    // got 11 always sets a code (ERR_GOT_REQUEST_ERROR when the cause has none).
    const reason = status === undefined ? `${error.name} ${error.code}` : `HTTP ${status}`;
    observed.failureReasons[reason] = (observed.failureReasons[reason] ?? 0) + 1;
    return error;
  };
  // The got instance is a private field that serverless-api's declarations leave untyped.
  const inner: unknown = client["client"];
  if (!isGot(inner)) throw new Error("serverless-api no longer keeps its got client in `client`");
  client["client"] = inner.extend({
    hooks: { beforeRequest: [toEmulator], beforeRetry: [countRetry], beforeError: [recordError] },
  });
  return { client, observed };
}

async function serverlessApi(request: ServerlessApiRequest): Promise<ServerlessApiResult> {
  const { target } = request;
  const config = {
    username: target.username,
    password: target.password,
    ...(request.concurrency === undefined ? {} : { concurrency: request.concurrency }),
  };
  const { client, observed } = emulatorClient(target, config);
  const { failureReasons } = observed;

  const successMs: number[] = [];
  const failureMs: number[] = [];
  let successes = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    request.items.map(async (item, i) => {
      const begun = performance.now();
      try {
        await uploadFunction(
          {
            name: `storm-${i}.js`,
            path: item.path,
            access: "public",
            content: item.text,
            sid: target.functionSid,
            filePath: `storm-${i}.js`,
          },
          target.serviceSid,
          client,
          config,
        );
        successes++;
        successMs.push(performance.now() - begun);
      } catch {
        // uploadFunction replaces got's error with "Failed to upload Function <name>".
        failures++;
        failureMs.push(performance.now() - begun);
      }
    }),
  );
  // got 11 runs no beforeError hook when it declines a retry after waiting for it (it will not
  // re-send a stream body, and form-data is one): those failures reach the caller unrecorded.
  const recorded = Object.values(failureReasons).reduce((a, b) => a + b, 0);
  if (failures > recorded) failureReasons["retry declined after the wait (no beforeError)"] = failures - recorded;
  return {
    kind: "serverless-api",
    concurrency: request.concurrency ?? CONCURRENCY,
    retryLimit: RETRY_LIMIT,
    wallMs: performance.now() - started,
    successes,
    failures,
    failureReasons,
    retriesStarted: observed.retriesStarted,
    successMs,
    failureMs,
  };
}

/**
 * `twilio-run deploy` as its library runs it: `deployLocalProject` with the defaults twilio-run
 * passes (the `dev` environment, the package name as the service name, no variables), into the
 * Service of an earlier deploy when one is given, as `.twilioserverlessrc` makes twilio-run do.
 */
async function toolkitDeploy(request: ToolkitDeployRequest): Promise<ToolkitDeployResult> {
  const { target } = request;
  const { client } = emulatorClient(target, { username: target.username, password: target.password });
  // package.json as twilio-run reads it: the name and the dependencies are all a deploy uses.
  const manifest: unknown = JSON.parse(fs.readFileSync(path.join(request.cwd, "package.json"), "utf8"));
  const name = isBag(manifest) && typeof manifest.name === "string" ? manifest.name : undefined;
  if (name === undefined) throw new Error(`${request.cwd}/package.json has no name`);
  const dependencies =
    isBag(manifest) && isBag(manifest.dependencies)
      ? Object.fromEntries(Object.entries(manifest.dependencies).map(([dep, version]) => [dep, String(version)]))
      : {};
  const pkgJson = { name, dependencies };
  const started = performance.now();
  try {
    const result = await client.deployLocalProject({
      cwd: request.cwd,
      envPath: path.join(request.cwd, ".env"),
      env: {},
      pkgJson,
      serviceName: name,
      functionsEnv: "dev",
      ...(request.serviceSid === undefined ? {} : { serviceSid: request.serviceSid }),
      username: target.username,
      password: target.password,
    });
    return {
      kind: "toolkit-deploy",
      wallMs: performance.now() - started,
      ok: true,
      serviceSid: result.serviceSid,
      buildSid: result.buildSid,
    };
  } catch (err) {
    const message = messageOf(err);
    return { kind: "toolkit-deploy", wallMs: performance.now() - started, ok: false, error: message.split("\n")[0] };
  }
}

function reply(message: WorkerReply): void {
  process.send?.(message);
}

process.on("message", (message: unknown) => {
  if (!isWorkerMessage(message)) return;
  const { id, request } = message;
  const run: Promise<WorkerResult> =
    request.kind === "floor"
      ? floor(request)
      : request.kind === "serverless-api"
        ? serverlessApi(request)
        : toolkitDeploy(request);
  run.then(
    (result) => {
      reply({ id, ok: true, result });
    },
    (err: unknown) => {
      reply({ id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    },
  );
});

process.on("disconnect", () => process.exit(0));
