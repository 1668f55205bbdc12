import { ConfigLookup, DEFAULT_MAX_CONCURRENCY, Settings, resolveSettings } from "../config/settings";
import { Limiter } from "../twilio/http/limiter";
import { TwilioClient } from "../twilio/client";

// One limiter per process: every resource of a deployment, and every provider text in state,
// shares the same bound on requests in flight.
const limiter = new Limiter(DEFAULT_MAX_CONCURRENCY);
const clients = new Map<string, TwilioClient>();

/** The client for `settings`, shared by all callers with the same settings in this process. */
export function clientFor(settings: Settings): TwilioClient {
  limiter.setCeiling(settings.maxConcurrency);
  const key = JSON.stringify([
    settings.credentials,
    settings.apiBaseUrl,
    settings.uploadBaseUrl,
    settings.requestTimeoutMs,
  ]);
  let client = clients.get(key);
  if (client === undefined) {
    client = new TwilioClient({
      credentials: settings.credentials,
      apiBaseUrl: settings.apiBaseUrl,
      uploadBaseUrl: settings.uploadBaseUrl,
      timeoutMs: settings.requestTimeoutMs,
      limiter,
    });
    clients.set(key, client);
  }
  return client;
}

/** Resolves settings now (the environment is read at call time) and returns the matching client. */
export function connect(config: ConfigLookup): TwilioClient {
  return clientFor(settingsOf(config));
}

/** The settings of `config` and of the environment as it is now. */
export function settingsOf(config: ConfigLookup): Settings {
  return resolveSettings(config, process.env);
}
