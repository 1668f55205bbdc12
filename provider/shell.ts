import type * as nodeModule from "module";
import type * as pulumi from "@pulumi/pulumi";
import type * as runtimeModule from "./runtime";

type Runtime = typeof runtimeModule;

/** The resource kinds the runtime serves, each a `pulumi-nodejs:dynamic/twilio:<kind>` resource. */
export type ResourceKind = keyof Runtime["resources"];

/**
 * The `pulumi.dynamic.ResourceProvider` of every resource of this package. Pulumi serializes this
 * object into every resource's state, so it is only a shell naming its resource kind: each method
 * loads the implementation from the installed `pulumi-twilio-serverless` package and delegates to it.
 */
export class ResourceShell implements pulumi.dynamic.ResourceProvider {
  /** The resource kind it serves. */
  readonly kind: ResourceKind;

  // A comment or a parameter property here would be serialized into every resource's state.
  constructor(kind: ResourceKind) {
    this.kind = kind;
  }

  /** Receives the stack config (credentials are read from it at call time, never serialized). */
  configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    return runtime().configure(req.config);
  }

  /** Validates inputs. */
  check(olds: unknown, news: unknown): Promise<pulumi.dynamic.CheckResult> {
    return runtime().resources[this.kind].check(olds, news);
  }

  /** Reports what changed and what that replaces. */
  diff(id: string, olds: unknown, news: unknown): Promise<pulumi.dynamic.DiffResult> {
    return runtime().resources[this.kind].diff(id, olds, news);
  }

  /** Creates the resource in Twilio. */
  create(inputs: unknown): Promise<pulumi.dynamic.CreateResult> {
    return runtime().resources[this.kind].create(inputs);
  }

  /** Refreshes it from Twilio. */
  read(id: string, props: unknown): Promise<pulumi.dynamic.ReadResult> {
    return runtime().resources[this.kind].read(id, props);
  }

  /** Changes it in place. */
  update(id: string, olds: unknown, news: unknown): Promise<pulumi.dynamic.UpdateResult> {
    return runtime().resources[this.kind].update(id, olds, news);
  }

  /** Deletes it, or only forgets it where Twilio has no delete. */
  delete(id: string, props: unknown): Promise<void> {
    return runtime().resources[this.kind].delete(id, props);
  }
}

// Serialized into state by value, so it is self-contained and small. The engine runs providers in
// the program directory, where the package is installed; resolving from there (rather than from
// the nameless module the shell is evaluated in) also lets this repository resolve itself by name.
// A missing install fails with Node's "Cannot find module 'pulumi-twilio-serverless/runtime'".
// Runtimes only ever add to the contract, so any newer one serves this shell; an older one cannot
// (API 2, the first published, serves `resources` by kind). Comments inside the function would be
// serialized with it; its type assertions are erased, so its text stays the one stored shells hold.
function runtime(): Runtime {
  const loaded = (require("module") as typeof nodeModule).createRequire(`${process.cwd()}/`)(
    "pulumi-twilio-serverless/runtime",
  ) as Runtime;
  if (!(loaded.RUNTIME_API >= 2)) throw new Error(`upgrade pulumi-twilio-serverless in ${process.cwd()}`);
  return loaded;
}
