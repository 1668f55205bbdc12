import * as pulumi from "@pulumi/pulumi";
import type { TwilioClient } from "../twilio/client";
import { ArgCheck, programClient, requireArgs } from "./program-client";

/**
 * A data helper: what `getX` and `getXOutput` share. `OutputArgs` are its arguments as
 * `getXOutput` takes them, each an Input; `getX` takes them resolved.
 */
export interface DataHelper<OutputArgs, Result> {
  /** The helper's name, for messages. */
  readonly name: string;
  /**
   * The arguments to check, from the arguments as given (plain or still Inputs). Throws on what is
   * wrong whatever the values, such as both of two alternatives given.
   */
  checks(args: OutputArgs | pulumi.Unwrap<OutputArgs>): ArgCheck[];
  /** Sends the helper's requests. */
  request(client: TwilioClient, args: pulumi.Unwrap<OutputArgs>): Promise<Result>;
}

// Pulumi routes an invoke to a provider plugin; these helpers run in the program itself, with the
// stack config's credentials, so an explicit provider would be silently ignored: it is refused.
function checkOptions(helper: string, opts: pulumi.InvokeOptions | undefined): void {
  if (opts?.provider !== undefined) {
    throw new Error(
      `${helper} runs in the program with the stack config's twilio:* credentials and takes no provider; ` +
        "leave opts.provider out",
    );
  }
}

async function run<OutputArgs, Result>(
  helper: DataHelper<OutputArgs, Result>,
  args: pulumi.Unwrap<OutputArgs>,
): Promise<Result> {
  requireArgs(helper.checks(args), "all");
  // As an invoke does: the program is not done while a request is in flight, so that its failure
  // fails the program even when nothing reads the result.
  const done = pulumi.runtime.rpcKeepAlive();
  try {
    return await helper.request(programClient(), args);
  } finally {
    done();
  }
}

/** `getX(args, opts)`: the helper's requests, once, as a Promise; a refused argument rejects it before any request. */
export async function invoke<OutputArgs, Result>(
  helper: DataHelper<OutputArgs, Result>,
  args: pulumi.Unwrap<OutputArgs>,
  opts: pulumi.InvokeOptions | undefined,
): Promise<Result> {
  checkOptions(helper.name, opts);
  return run(helper, args);
}

/**
 * `getXOutput(args, opts)`: the helper's requests, sent once its arguments and `opts.dependsOn`
 * have resolved, as an Output. Like Pulumi's `invokeOutput`, the result is unknown in a preview
 * where an argument or a resource it depends on is, secret when an argument is, and depends on
 * the resources its arguments and `dependsOn` come from. Plain arguments are checked at the call.
 */
export function invokeOutput<OutputArgs, Result>(
  helper: DataHelper<OutputArgs, Result>,
  args: OutputArgs,
  opts: pulumi.InvokeOutputOptions | undefined,
): pulumi.Output<Result> {
  checkOptions(helper.name, opts);
  requireArgs(helper.checks(args), "plain");
  return pulumi.all([args, dependencies(helper.name, opts?.dependsOn)]).apply(([values]) => run(helper, values));
}

/**
 * An Output that resolves once each resource of `dependsOn` is registered and each custom resource
 * among them, or among the children of a component among them, is created or updated (its `id`
 * known). In a preview, a resource yet to be created leaves it unknown.
 */
function dependencies(helper: string, dependsOn: pulumi.InvokeOutputOptions["dependsOn"]): pulumi.Output<unknown> {
  return pulumi.output(dependsOn).apply((given) => {
    const list: unknown[] = given === undefined ? [] : Array.isArray(given) ? given : [given];
    const resources = list.map((resource) => {
      if (!pulumi.Resource.isInstance(resource)) throw new Error(`${helper}: opts.dependsOn holds a non-resource`);
      return resource;
    });
    return pulumi
      .output(customResourcesOf(resources, new Set()))
      .apply((custom) => pulumi.all([...resources.map((r) => r.urn), ...custom.map((r) => r.id)]));
  });
}

/** The custom resources of `resources` and, through components, of their children. */
async function customResourcesOf(
  resources: pulumi.Resource[],
  seen: Set<pulumi.Resource>,
): Promise<pulumi.CustomResource[]> {
  const found: pulumi.CustomResource[] = [];
  for (const resource of resources) {
    if (seen.has(resource)) continue;
    seen.add(resource);
    // A DependencyResource is a CustomResource without an id: there is nothing of it to wait for.
    if (pulumi.CustomResource.isInstance(resource)) {
      if (pulumi.Output.isInstance(resource.id)) found.push(resource);
    } else if (pulumi.ComponentResource.isInstance(resource)) {
      found.push(...(await customResourcesOf(await childrenOf(resource), seen)));
    }
  }
  return found;
}

// Pulumi's own invokeOutput waits for a component through its children, which the SDK keeps in
// internal fields it does not export a reader for: `__childResources`, complete once `__data` (the
// component's `initialize`) has resolved. Without them (another SDK), only the component itself is waited for.
async function childrenOf(component: pulumi.ComponentResource): Promise<pulumi.Resource[]> {
  const data: unknown = Reflect.get(component, "__data");
  if (data instanceof Promise) await data;
  const children: unknown = Reflect.get(component, "__childResources");
  const list: unknown[] = children instanceof Set ? Array.from<unknown>(children) : [];
  return list.filter((child) => pulumi.Resource.isInstance(child));
}
