import { AssetVersionsApi } from "./asset-versions";
import { BuildsApi } from "./builds";
import { DeploymentsApi } from "./deployments";
import { EnvironmentsApi } from "./environments";
import { FunctionVersionsApi } from "./function-versions";
import { FunctionsOrAssetsApi } from "./functions-and-assets";
import { ServicesApi } from "./services";
import { VariablesApi } from "./variables";
import { Limiter } from "./http/limiter";
import { RetryPolicy } from "./http/retry-timing";
import { TwilioClock } from "./clock";
import { Credentials, Transport } from "./transport";
import { userAgent } from "./user-agent";

/** Where and how to reach Twilio Serverless. */
export interface TwilioClientOptions {
  credentials: Credentials;
  /** Origin of the Serverless API, e.g. `https://serverless.twilio.com`. */
  apiBaseUrl: string;
  /** Origin of the upload host, e.g. `https://serverless-upload.twilio.com`. */
  uploadBaseUrl: string;
  /** Bounds the requests in flight; share one between clients to bound a whole process. */
  limiter: Limiter;
  /** Socket inactivity timeout of one attempt, in milliseconds. */
  timeoutMs: number;
  /** Bounds on retries; `DEFAULT_RETRY_POLICY` when left out. */
  retryPolicy?: RetryPolicy;
  /** Injected by tests so that retries need no real waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** The jitter source, `Math.random` unless a test fixes it. */
  random?: () => number;
  /** The clock of the retry budget, `Date.now` unless a test drives it. */
  now?: () => number;
}

/** A Twilio Serverless client: one property per API resource. */
export class TwilioClient {
  /** Services. */
  readonly services: ServicesApi;
  /** Functions of Services. */
  readonly functions: FunctionsOrAssetsApi;
  /** Assets of Services. */
  readonly assets: FunctionsOrAssetsApi;
  /** Function Version upload, fetch, content and list. */
  readonly functionVersions: FunctionVersionsApi;
  /** Asset Version upload, fetch and list. */
  readonly assetVersions: AssetVersionsApi;
  /** Builds and their status. */
  readonly builds: BuildsApi;
  /** Environments of Services. */
  readonly environments: EnvironmentsApi;
  /** Deployments of builds to Environments. */
  readonly deployments: DeploymentsApi;
  /** Variables of Environments. */
  readonly variables: VariablesApi;
  /** Twilio's clock, as the `Date` headers of its answers show it. */
  readonly clock: TwilioClock;

  constructor(options: TwilioClientOptions) {
    const transport = new Transport({
      credentials: options.credentials,
      userAgent: userAgent(),
      timeoutMs: options.timeoutMs,
      limiter: options.limiter,
      retryPolicy: options.retryPolicy,
      sleep: options.sleep,
      random: options.random,
      now: options.now,
    });
    this.clock = transport.clock;
    const { apiBaseUrl, uploadBaseUrl } = options;
    this.services = new ServicesApi(transport, apiBaseUrl);
    this.functions = new FunctionsOrAssetsApi(transport, apiBaseUrl, "Function");
    this.assets = new FunctionsOrAssetsApi(transport, apiBaseUrl, "Asset");
    this.functionVersions = new FunctionVersionsApi(transport, apiBaseUrl, uploadBaseUrl);
    this.assetVersions = new AssetVersionsApi(transport, apiBaseUrl, uploadBaseUrl);
    this.builds = new BuildsApi(transport, apiBaseUrl);
    this.environments = new EnvironmentsApi(transport, apiBaseUrl);
    this.deployments = new DeploymentsApi(transport, apiBaseUrl);
    this.variables = new VariablesApi(transport, apiBaseUrl);
  }
}
