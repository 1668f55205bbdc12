import { Credentials } from "../twilio/transport";

/** Reads one `twilio:*` setting by its bare key (`apiKey`, `region`, ...). */
export type ConfigLookup = (key: string) => string | undefined;

/** Everything needed to reach Twilio, resolved from stack config and the environment. */
export interface Settings {
  credentials: Credentials;
  apiBaseUrl: string;
  uploadBaseUrl: string;
  maxConcurrency: number;
  /** Socket inactivity timeout of one attempt. */
  requestTimeoutMs: number;
  /** How long a Build may take before its create gives up waiting (it is kept in the stack). */
  buildTimeoutSeconds: number;
}

/** A setting is missing or malformed; the message names the keys to fix. */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SettingsError";
  }
}

interface Setting {
  config: string;
  env: string;
}

const API_KEY: Setting = { config: "apiKey", env: "TWILIO_API_KEY" };
const API_SECRET: Setting = { config: "apiSecret", env: "TWILIO_API_SECRET" };
const ACCOUNT_SID: Setting = { config: "accountSid", env: "TWILIO_ACCOUNT_SID" };
const AUTH_TOKEN: Setting = { config: "authToken", env: "TWILIO_AUTH_TOKEN" };
const REGION: Setting = { config: "region", env: "TWILIO_REGION" };
const EDGE: Setting = { config: "edge", env: "TWILIO_EDGE" };
const BASE_URL: Setting = { config: "serverlessBaseUrl", env: "TWILIO_SERVERLESS_BASE_URL" };
const UPLOAD_BASE_URL: Setting = { config: "serverlessUploadBaseUrl", env: "TWILIO_SERVERLESS_UPLOAD_BASE_URL" };
const MAX_CONCURRENCY: Setting = { config: "maxConcurrency", env: "TWILIO_SERVERLESS_CONCURRENCY" };
const REQUEST_TIMEOUT: Setting = { config: "requestTimeoutMs", env: "TWILIO_SERVERLESS_REQUEST_TIMEOUT_MS" };
const BUILD_TIMEOUT: Setting = { config: "buildTimeoutSeconds", env: "TWILIO_SERVERLESS_BUILD_TIMEOUT_SECONDS" };

const CREDENTIAL_SETTINGS = [API_KEY, API_SECRET, ACCOUNT_SID, AUTH_TOKEN];

/** Every `twilio:*` config key this package reads, without the namespace. */
export const CONFIG_KEYS: readonly string[] = [
  ...CREDENTIAL_SETTINGS,
  REGION,
  EDGE,
  BASE_URL,
  UPLOAD_BASE_URL,
  MAX_CONCURRENCY,
  REQUEST_TIMEOUT,
  BUILD_TIMEOUT,
].map((s) => s.config);

/** Requests in flight per process when `maxConcurrency` is not set. */
export const DEFAULT_MAX_CONCURRENCY = 10;
/** How long an attempt may go without any bytes moving when `requestTimeoutMs` is not set. */
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** How long a build may take when `buildTimeoutSeconds` is not set: Twilio's slowest installs fit. */
const DEFAULT_BUILD_TIMEOUT_SECONDS = 900;

const name = (s: Setting): string => `twilio:${s.config} / ${s.env}`;

/**
 * Resolves settings: stack config wins over the environment. Credentials come from one place
 * only (config if it holds any credential key, else the environment) so that a stack never mixes
 * its own key with a secret left in the shell.
 */
export function resolveSettings(config: ConfigLookup, env: NodeJS.ProcessEnv): Settings {
  const fromConfig = (s: Setting): string | undefined => nonEmpty(config(s.config));
  const fromEnv = (s: Setting): string | undefined => nonEmpty(env[s.env]);
  const get = (s: Setting): string | undefined => fromConfig(s) ?? fromEnv(s);
  const credentialSource = CREDENTIAL_SETTINGS.some((s) => fromConfig(s) !== undefined) ? fromConfig : fromEnv;

  const apiBaseUrl = get(BASE_URL);
  const uploadBaseUrl = get(UPLOAD_BASE_URL);
  const region = get(REGION);
  const edge = get(EDGE);
  return {
    credentials: resolveCredentials(credentialSource),
    apiBaseUrl: apiBaseUrl ? checkBaseUrl(apiBaseUrl, BASE_URL) : twilioHost("serverless", region, edge),
    uploadBaseUrl: uploadBaseUrl
      ? checkBaseUrl(uploadBaseUrl, UPLOAD_BASE_URL)
      : twilioHost("serverless-upload", region, edge),
    maxConcurrency: parseWholeNumber(get(MAX_CONCURRENCY), MAX_CONCURRENCY, DEFAULT_MAX_CONCURRENCY, 1, 1000),
    requestTimeoutMs: parseWholeNumber(get(REQUEST_TIMEOUT), REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT_MS, 100, 600_000),
    buildTimeoutSeconds: parseWholeNumber(get(BUILD_TIMEOUT), BUILD_TIMEOUT, DEFAULT_BUILD_TIMEOUT_SECONDS, 1, 86_400),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function resolveCredentials(source: (s: Setting) => string | undefined): Credentials {
  const apiKey = source(API_KEY);
  const apiSecret = source(API_SECRET);
  if (apiKey !== undefined || apiSecret !== undefined) {
    if (apiKey === undefined) throw new SettingsError(`${name(API_SECRET)} is set but ${name(API_KEY)} is not.`);
    if (apiSecret === undefined) throw new SettingsError(`${name(API_KEY)} is set but ${name(API_SECRET)} is not.`);
    if (!/^SK[0-9a-fA-F]{32}$/.test(apiKey)) {
      throw new SettingsError(`${name(API_KEY)} must be an API key SID: "SK" followed by 32 hex digits.`);
    }
    return { username: apiKey, password: apiSecret };
  }
  const accountSid = source(ACCOUNT_SID);
  const authToken = source(AUTH_TOKEN);
  if (accountSid !== undefined || authToken !== undefined) {
    if (accountSid === undefined)
      throw new SettingsError(`${name(AUTH_TOKEN)} is set but ${name(ACCOUNT_SID)} is not.`);
    if (authToken === undefined) throw new SettingsError(`${name(ACCOUNT_SID)} is set but ${name(AUTH_TOKEN)} is not.`);
    if (!/^AC[0-9a-fA-F]{32}$/.test(accountSid)) {
      throw new SettingsError(`${name(ACCOUNT_SID)} must be an account SID: "AC" followed by 32 hex digits.`);
    }
    return { username: accountSid, password: authToken };
  }
  throw new SettingsError(
    "No Twilio credentials found. Set an API key (recommended): " +
      "`pulumi config set twilio:apiKey SK...` and `pulumi config set --secret twilio:apiSecret ...` " +
      "(or TWILIO_API_KEY and TWILIO_API_SECRET), or an account SID and auth token: " +
      "twilio:accountSid and twilio:authToken (or TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN).",
  );
}

// Twilio's helper libraries build `{product}.{edge}.{region}.twilio.com`; an edge alone implies us1.
function twilioHost(product: string, region: string | undefined, edge: string | undefined): string {
  for (const [value, setting] of [
    [region, REGION],
    [edge, EDGE],
  ] as const) {
    if (value !== undefined && !/^[a-z0-9-]+$/.test(value)) {
      throw new SettingsError(`${name(setting)} must be a Twilio ${setting.config} name such as "ie1" or "dublin".`);
    }
  }
  const labels = [product, edge, edge !== undefined ? (region ?? "us1") : region].filter(
    (label): label is string => label !== undefined,
  );
  return `https://${labels.join(".")}.twilio.com`;
}

function checkBaseUrl(value: string, setting: Setting): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SettingsError(`${name(setting)} must be an absolute URL such as https://serverless.twilio.com.`);
  }
  if (url.username || url.password || url.search || url.hash || url.pathname !== "/") {
    throw new SettingsError(
      `${name(setting)} must be a plain origin such as https://serverless.twilio.com, without path, credentials, ` +
        `query or fragment (the /v1/… paths go under it); got ${JSON.stringify(url.origin + url.pathname)}.`,
    );
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new SettingsError(
      `${name(setting)} uses plain http:// for ${url.hostname}: credentials would cross the network unencrypted. ` +
        "Use https://, or http:// only for a loopback address (127.0.0.1, localhost, [::1]).",
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new SettingsError(`${name(setting)} must use https://.`);
  }
  return url.origin;
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function parseWholeNumber(
  value: string | undefined,
  setting: Setting,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new SettingsError(`${name(setting)} must be a whole number from ${min} to ${max}, got "${value}".`);
  }
  return n;
}
