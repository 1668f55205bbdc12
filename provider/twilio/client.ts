import { ASSET_VERSIONS_ROUTE, AssetVersionsApi, assetContentType } from "./asset-versions";
import { Versions } from "./version-upload";
import { ASSET_VERSION } from "../model/versions";
import { BUILDS, BuildsApi } from "./builds";
import { Collection } from "./collection";
import { DEPLOYMENTS, DeploymentsApi } from "./deployments";
import { ENVIRONMENTS, EnvironmentsApi } from "./environments";
import { FunctionVersionsApi } from "./function-versions";
import { FunctionsOrAssetsApi, functionsOrAssets } from "./functions-and-assets";
import { SERVICES, ServicesApi } from "./services";
import { VARIABLES, VariablesApi } from "./variables";
import { ASSET, FUNCTION } from "../model/function-or-asset";
import { BUILD } from "../model/build";
import { DEPLOYMENT } from "../model/deployment";
import { ENVIRONMENT } from "../model/environment";
import { SERVICE } from "../model/service";
import { VARIABLE } from "../model/variable";
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
    this.services = new Collection(transport, apiBaseUrl, SERVICE, SERVICES);
    this.functions = new Collection(transport, apiBaseUrl, FUNCTION, functionsOrAssets("Function"));
    this.assets = new Collection(transport, apiBaseUrl, ASSET, functionsOrAssets("Asset"));
    this.functionVersions = new FunctionVersionsApi(transport, apiBaseUrl, uploadBaseUrl);
    const assets = [ASSET_VERSION, ASSET_VERSIONS_ROUTE, assetContentType] as const;
    this.assetVersions = new Versions(transport, apiBaseUrl, uploadBaseUrl, ...assets);
    this.builds = new BuildsApi(transport, apiBaseUrl, BUILD, BUILDS);
    this.environments = new Collection(transport, apiBaseUrl, ENVIRONMENT, ENVIRONMENTS);
    this.deployments = new Collection(transport, apiBaseUrl, DEPLOYMENT, DEPLOYMENTS);
    this.variables = new Collection(transport, apiBaseUrl, VARIABLE, VARIABLES);
  }
}
