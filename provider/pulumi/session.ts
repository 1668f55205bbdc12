import { ConfigLookup, DEFAULT_MAX_CONCURRENCY, Settings, resolveSettings } from "../config/settings";
import { Limiter } from "../twilio/http/limiter";
import type * as clientModule from "../twilio/client";
import type { TwilioClient } from "../twilio/client";

type ClientModule = typeof clientModule;
// The HTTP client (axios, form-data and the transport over them) is loaded by the first call that
// talks to Twilio: the plugin answers configure, check and diff, all that a preview asks of it,
// without paying for its load. Lifecycles import this module for its settings alone.
let clientModuleLoaded: ClientModule | undefined;

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
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, see above
    clientModuleLoaded ??= require("../twilio/client") as ClientModule;
    client = new clientModuleLoaded.TwilioClient({
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
