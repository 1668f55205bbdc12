/**
 * Shared set-up of the client tests: a fresh emulator on 127.0.0.1 with one Service and one
 * Function, and a `TwilioClient` pointed at it whose retries record their delays instead of waiting.
 */
import crypto from "crypto";
import fs from "fs";
import os from "os";
import path from "path";
import { TwilioClient, TwilioClientOptions } from "../../provider/twilio/client";
import { TwilioApiError } from "../../provider/twilio/errors";
import { FunctionRef, UploadContent, Visibility } from "../../provider/twilio/function-versions";
import { Limiter } from "../../provider/twilio/http/limiter";
import { RetryPolicy } from "../../provider/twilio/http/retry-timing";
import { Credentials } from "../../provider/twilio/transport";
import { EmulatorOptions, RecordedRequest, TwilioEmulator } from "../emulator/server";
import { FunctionRecord, ServiceRecord } from "../emulator/store";

/** Small bounds so that a failing request gives up quickly; delays are recorded, never waited for. */
export const TEST_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 100,
  maxDelayMs: 1_000,
  maxElapsedMs: 60_000,
};

/** The jitter source handed to the client. */
export const RANDOM = 0.5;

/** Everything a client test works with. */
export interface ClientEnv {
  emulator: TwilioEmulator;
  service: ServiceRecord;
  fn: FunctionRecord;
  /** Service and Function SIDs, ready to spread into client parameters. */
  ref: FunctionRef;
  client: TwilioClient;
  limiter: Limiter;
  /** Every delay the client asked to sleep for, in order. */
  sleeps: number[];
}

/** Client settings a test may override; credentials, hosts and `sleep` come from the environment. */
export type ClientOverrides = Partial<Omit<TwilioClientOptions, "sleep">>;

/** A client for `emulator` with the emulator's API key, recording its sleeps into `sleeps`. */
export function clientFor(emulator: TwilioEmulator, sleeps: number[], overrides: ClientOverrides = {}): TwilioClient {
  return new TwilioClient({
    credentials: { username: emulator.credentials.apiKey, password: emulator.credentials.apiSecret },
    apiBaseUrl: emulator.apiBaseUrl,
    uploadBaseUrl: emulator.uploadBaseUrl,
    limiter: new Limiter(10),
    timeoutMs: 30_000,
    retryPolicy: TEST_POLICY,
    random: () => RANDOM,
    ...overrides,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  });
}

/** The two kinds of credentials Twilio accepts. */
export const CREDENTIAL_KINDS = ["API key", "account SID"] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** The emulator's credentials of one kind, as a client sends them. */
export function credentialsOf(emulator: TwilioEmulator, kind: CredentialKind): Credentials {
  const { apiKey, apiSecret, accountSid, authToken } = emulator.credentials;
  return kind === "API key" ? { username: apiKey, password: apiSecret } : { username: accountSid, password: authToken };
}

/** Starts an emulator with a Service and a Function and a client for it. */
export async function startEnv(
  overrides: ClientOverrides = {},
  emulatorOptions: EmulatorOptions = {},
): Promise<ClientEnv> {
  const emulator = await TwilioEmulator.start(emulatorOptions);
  const service = emulator.createService("client-tests");
  const fn = emulator.createFunction(service.sid, "hello");
  const limiter = overrides.limiter ?? new Limiter(10);
  const sleeps: number[] = [];
  const client = clientFor(emulator, sleeps, { ...overrides, limiter });
  return { emulator, service, fn, ref: { serviceSid: service.sid, functionSid: fn.sid }, client, limiter, sleeps };
}

/** Upload content held in memory. */
export function bufferContent(source: string | Buffer, filename = "hello.js"): UploadContent {
  const bytes = typeof source === "string" ? Buffer.from(source, "utf8") : source;
  return { size: bytes.length, open: () => bytes, filename };
}

/** Upload content streamed from a file, opened anew for every attempt; `streams` holds every stream opened. */
export function fileContent(
  file: string,
  filename = path.basename(file),
): UploadContent & { opened: () => number; streams: fs.ReadStream[] } {
  const streams: fs.ReadStream[] = [];
  return {
    size: fs.statSync(file).size,
    open: () => {
      const stream = fs.createReadStream(file);
      streams.push(stream);
      return stream;
    },
    filename,
    opened: () => streams.length,
    streams,
  };
}

/** A fresh temporary folder, removed by `removeTempDir`. */
export function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "twilio-client-test-"));
}

export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Function source of about `bytes` bytes (ASCII, so characters and bytes agree). */
export function sourceOfSize(bytes: number, seed = "x"): string {
  const header = `// ${seed}\nexports.handler = (context, event, callback) => callback(null, "ok");\n`;
  const filler = "/* padding */\n";
  let body = header;
  while (body.length < bytes) body += filler;
  return body.slice(0, bytes);
}

export function sha256(bytes: Buffer | string): string {
  return crypto.createHash("sha256").update(bytes).digest("hex");
}

/** The visibility type only admits valid values; the emulator's validation needs an invalid one. */
export function unsafeVisibility(value: string): Visibility {
  return value as Visibility;
}

/** Awaits `promise`, expecting it to reject with a `TwilioApiError`, and returns that error. */
export async function apiError(promise: Promise<unknown>): Promise<TwilioApiError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof TwilioApiError) return err;
    throw err;
  }
  throw new Error("expected a TwilioApiError, but the request succeeded");
}

/** Requests recorded on the upload host that carried a parsed upload. */
export function uploadsOf(emulator: TwilioEmulator): RecordedRequest[] {
  return emulator.requests.filter((r) => r.host === "upload" && r.upload !== undefined);
}
