import type * as pulumi from "@pulumi/pulumi";
import type * as runtimeModule from "./runtime";

type Runtime = typeof runtimeModule;

/**
 * The `pulumi.dynamic.ResourceProvider` of {@link FunctionVersion}. Pulumi serializes this object
 * into every resource's state, so it is only a shell: each method loads the implementation from
 * the installed `pulumi-twilio-serverless` package and delegates to it.
 */
export class FunctionVersionProvider implements pulumi.dynamic.ResourceProvider {
  /** Receives the stack config (credentials are read from it at call time, never serialized). */
  configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    return runtime().configure(req.config);
  }

  /** Validates inputs. */
  check(olds: unknown, news: unknown): Promise<pulumi.dynamic.CheckResult> {
    return runtime().functionVersion.check(olds, news);
  }

  /** Reports replacements. */
  diff(id: string, olds: unknown, news: unknown): Promise<pulumi.dynamic.DiffResult> {
    return runtime().functionVersion.diff(id, olds, news);
  }

  /** Uploads a version. */
  create(inputs: unknown): Promise<pulumi.dynamic.CreateResult> {
    return runtime().functionVersion.create(inputs);
  }

  /** Refreshes a version. */
  read(id: string, props: unknown): Promise<pulumi.dynamic.ReadResult> {
    return runtime().functionVersion.read(id, props);
  }

  /** Keeps outputs. */
  update(id: string, olds: unknown, news: unknown): Promise<pulumi.dynamic.UpdateResult> {
    return runtime().functionVersion.update(id, olds, news);
  }

  /** Forgets a version. */
  delete(): Promise<void> {
    return runtime().functionVersion.delete();
  }
}

// Serialized into state by value, so it is self-contained and small. The engine runs providers in
// the program directory, where the package is installed; resolving from there (rather than from
// the nameless module the shell is evaluated in) also lets this repository resolve itself by name.
// A missing install fails with Node's "Cannot find module 'pulumi-twilio-serverless/runtime'".
// Runtimes only ever add to the contract, so any newer one serves this shell; an older one cannot.
// Comments inside the function would be serialized with it.
function runtime(): Runtime {
  const loaded: Runtime = require("module").createRequire(`${process.cwd()}/`)("pulumi-twilio-serverless/runtime");
  if (!(loaded.RUNTIME_API >= 1)) throw new Error(`upgrade pulumi-twilio-serverless in ${process.cwd()}`);
  return loaded;
}
