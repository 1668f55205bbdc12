/**
 * The code behind every serialized provider of this package. Providers in state hold only a
 * small shell that loads this module by package name when the engine calls them, so the state
 * stays small, holds no code or credentials, and refresh or destroy after an upgrade run the
 * installed version. Its exports are a contract with every shell ever serialized: extend, never break.
 */
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_KEYS, ConfigLookup } from "./config/settings";
import { IncompleteCreateError, LifecycleContext, ResourceLifecycle } from "./pulumi/lifecycle";
import { PropertyBag, isBag } from "./model/wire";
import { RemoteLifecycle } from "./pulumi/remote-lifecycle";
import { functionOrAsset } from "./resources/function-or-asset/lifecycle";
import { VersionLifecycle } from "./resources/versions/lifecycle";
import { ASSET_FILES, FUNCTION_FILES, FileLifecycle } from "./resources/files/lifecycle";
import { ASSET_VERSIONS, FUNCTION_VERSIONS } from "./resources/versions/kinds";
import { BUILD_RESOURCE } from "./resources/build/lifecycle";
import { DEPLOYMENT_RESOURCE } from "./resources/deployment/lifecycle";
import { ENVIRONMENT_RESOURCE } from "./resources/environment/lifecycle";
import { SERVICE_RESOURCE } from "./resources/service/lifecycle";
import { VARIABLE_RESOURCE } from "./resources/variable/lifecycle";
import { messageOf } from "./pulumi/error-message";

/**
 * Version of the contract between serialized shells and this module. A shell accepts this or any
 * later version, so raise it only when adding what new shells rely on.
 */
export const RUNTIME_API = 2;

/** What `configure` receives: the stack's config, keys namespaced (`twilio:apiKey`). */
export interface StackConfig {
  get(key: string): unknown;
}

// The dynamic-provider process serves one stack, so one snapshot of its config serves every provider.
let stackConfig: ConfigLookup = () => undefined;

/** Records the stack config; called once per provider text by the engine's `configure`. */
export function configure(config: StackConfig): Promise<void> {
  const values = new Map<string, string>();
  for (const key of CONFIG_KEYS) {
    let value: unknown;
    try {
      value = config.get(`twilio:${key}`);
    } catch {
      // An engine older than 3.139 sends no config, and the SDK's reader then throws on every
      // key: the environment is the only source left.
      continue;
    }
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      values.set(key, String(value));
    } else if (value !== undefined && value !== null) {
      values.set(key, JSON.stringify(value));
    }
  }
  stackConfig = (key) => values.get(key);
  return Promise.resolve();
}

const context: LifecycleContext = {
  config: () => stackConfig,
  log: (message) => {
    void pulumi.log.info(message);
  },
  programDir: () => process.cwd(),
};

// The dynamic-provider server turns a numeric `code` on a thrown error into the gRPC status
// (Twilio's 20404 would become the status), so only the message crosses the boundary, plus the
// `id` and `properties` with which it reports a resource created but not initialised.
async function boundary<T>(call: () => T | Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const plain = new Error(messageOf(err));
    if (!(err instanceof IncompleteCreateError)) throw plain;
    throw Object.assign(plain, { id: err.id, properties: err.properties, reasons: [err.message] });
  }
}

const bag = (value: unknown): PropertyBag => (isBag(value) ? value : {});

/** A lifecycle's methods with the signatures of `pulumi.dynamic.ResourceProvider`. */
function methods(lifecycle: ResourceLifecycle) {
  return {
    check: (_olds: unknown, news: unknown) => boundary(() => lifecycle.check(bag(news))),
    diff: (_id: string, olds: unknown, news: unknown) => boundary(() => lifecycle.diff(bag(olds), bag(news))),
    create: (inputs: unknown) => boundary(() => lifecycle.create(bag(inputs))),
    read: (id: string, props: unknown) => boundary(() => lifecycle.read(id, bag(props))),
    update: (id: string, olds: unknown, news: unknown) => boundary(() => lifecycle.update(id, bag(olds), bag(news))),
    delete: (id: string, props: unknown) => boundary(() => lifecycle.delete(id, bag(props))),
  };
}

/** The provider methods of each resource kind, which every shell calls by its kind. */
export const resources = {
  Service: methods(new RemoteLifecycle(SERVICE_RESOURCE, context)),
  Function: methods(new RemoteLifecycle(functionOrAsset("Function"), context)),
  Asset: methods(new RemoteLifecycle(functionOrAsset("Asset"), context)),
  FunctionVersion: methods(new VersionLifecycle(FUNCTION_VERSIONS, context)),
  AssetVersion: methods(new VersionLifecycle(ASSET_VERSIONS, context)),
  Build: methods(new RemoteLifecycle(BUILD_RESOURCE, context)),
  Environment: methods(new RemoteLifecycle(ENVIRONMENT_RESOURCE, context)),
  Deployment: methods(new RemoteLifecycle(DEPLOYMENT_RESOURCE, context)),
  Variable: methods(new RemoteLifecycle(VARIABLE_RESOURCE, context)),
  FunctionFile: methods(new FileLifecycle(FUNCTION_FILES, context)),
  AssetFile: methods(new FileLifecycle(ASSET_FILES, context)),
};
