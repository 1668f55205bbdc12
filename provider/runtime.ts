/**
 * The code behind every serialized provider of this package. Providers in state hold only a
 * small shell that loads this module by package name when the engine calls them, so the state
 * stays small, holds no code or credentials, and refresh or destroy after an upgrade run the
 * installed version. Its exports are a contract with every shell ever serialized: extend, never break.
 */
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_KEYS, ConfigLookup } from "./config/settings";
import { FunctionVersionLifecycle, IncompleteCreateError } from "./pulumi/function-version-lifecycle";
import { PropertyBag, isBag } from "./pulumi/wire";

/**
 * Version of the contract between serialized shells and this module. A shell accepts this or any
 * later version, so raise it only when adding what new shells rely on.
 */
export const RUNTIME_API = 1;

/** What `configure` receives: the stack's config, keys namespaced (`twilio:apiKey`). */
export interface StackConfig {
  get(key: string): unknown;
}

// The dynamic-provider process serves one stack, so one snapshot of its config serves every provider.
let stackConfig: ConfigLookup = () => undefined;

/** Records the stack config; called once per provider text by the engine's `configure`. */
export async function configure(config: StackConfig): Promise<void> {
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
    if (value !== undefined && value !== null) values.set(key, String(value));
  }
  stackConfig = (key) => values.get(key);
}

const lifecycle = new FunctionVersionLifecycle(
  () => stackConfig,
  (message) => pulumi.log.info(message),
);

// The dynamic-provider server turns a numeric `code` on a thrown error into the gRPC status
// (Twilio's 20404 would become the status), so only the message crosses the boundary, plus the
// `id` and `properties` with which it reports a resource created but not initialised.
async function boundary<T>(call: () => T | Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const plain = new Error(err instanceof Error ? err.message : String(err));
    if (!(err instanceof IncompleteCreateError)) throw plain;
    throw Object.assign(plain, { id: err.id, properties: err.properties, reasons: [err.message] });
  }
}

const bag = (value: unknown): PropertyBag => (isBag(value) ? value : {});

/** FunctionVersion provider methods, with the signatures of `pulumi.dynamic.ResourceProvider`. */
export const functionVersion = {
  check: (_olds: unknown, news: unknown) => boundary(() => lifecycle.check(bag(news))),
  diff: (_id: string, olds: unknown, news: unknown) => boundary(() => lifecycle.diff(bag(olds), bag(news))),
  create: (inputs: unknown) => boundary(() => lifecycle.create(bag(inputs))),
  read: (id: string, props: unknown) => boundary(() => lifecycle.read(id, bag(props))),
  update: (id: string, olds: unknown, _news: unknown) => boundary(() => lifecycle.update(id, bag(olds))),
  delete: () => boundary(() => lifecycle.delete()),
};
