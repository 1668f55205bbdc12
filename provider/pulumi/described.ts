import * as pulumi from "@pulumi/pulumi";
import {
  Description,
  Fields,
  InOf,
  OptionalInputKeys,
  OutOf,
  PropertyBag,
  RequiredInputKeys,
  inputNames,
} from "../model/field";
import { ResourceKind } from "../shell";
import { onlyKnownProperties } from "./known-properties";
import { dynamicType, shellText } from "./shell-texts";

/** What a program may pass for an input of type `T`: a value or an Output, down to list items and map values. */
export type InputOf<T> = pulumi.Input<
  T extends readonly (infer E)[]
    ? pulumi.Input<E>[]
    : T extends Record<string, infer V>
      ? Record<string, pulumi.Input<V>>
      : T
>;

/** The inputs a program passes for a described resource, each with its doc. */
export type ArgsOf<F extends Fields> = {
  [K in keyof F as K extends RequiredInputKeys<F> ? K : never]: InputOf<InOf<F[K]>>;
} & {
  [K in keyof F as K extends OptionalInputKeys<F> ? K : never]?: InputOf<InOf<F[K]>>;
};

/** The outputs of a described resource: every field but an input never shown back (`never`). */
export type OutputsOf<F extends Fields> = {
  readonly [K in keyof F as [OutOf<F[K]>] extends [never] ? never : K]: pulumi.Output<OutOf<F[K]>>;
};

/** The class of a described resource: `new Service(name, args, opts?)`. */
export interface DescribedResourceClass<F extends Fields> {
  new (name: string, args: ArgsOf<F>, opts?: pulumi.CustomResourceOptions): pulumi.CustomResource & OutputsOf<F>;
}

/**
 * The resource class of a description: it refuses unknown properties, keeps secret inputs secret,
 * declares every output, and registers as the dynamic resource `twilio:<name>` whose `__provider`
 * is the provider shell of its kind, as `pulumi.dynamic.Resource` would register it.
 */
export function resourceClass<F extends Fields>(
  description: Description<F> & { name: ResourceKind },
): DescribedResourceClass<F>;
export function resourceClass(
  description: Description<Fields> & { name: ResourceKind },
): new (name: string, args: PropertyBag, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource {
  const kind = description.name;
  const names = inputNames(description);
  const outputsOnly = Object.keys(description.fields).filter((name) => !names.includes(name));
  const secrets = names.filter((name) => description.fields[name].input?.secret === true);
  return class extends pulumi.CustomResource {
    constructor(name: string, args: PropertyBag, opts?: pulumi.CustomResourceOptions) {
      const props: PropertyBag = { ...onlyKnownProperties(`${description.name} "${name}"`, args, names) };
      for (const secret of secrets) if (props[secret] !== undefined) props[secret] = pulumi.secret(props[secret]);
      for (const output of outputsOnly) props[output] = undefined;
      const options = secrets.length > 0 ? pulumi.mergeOptions(opts, { additionalSecretOutputs: secrets }) : opts;
      props.__provider = shellText(kind);
      // The SDK records a stack trace for each of the four promises it makes per output property
      // (`debuggablePromise`), for its report of leaked promises only: about 3 ms per resource, a
      // third of a 70-file program's run before its first registration. The resource's source
      // position is taken apart, with a limit of its own, and the limit is back before anything
      // else runs.
      const stackTraceLimit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0;
      try {
        super(dynamicType(kind), name, props, options);
      } finally {
        Error.stackTraceLimit = stackTraceLimit;
      }
      // The provider's check can only refuse; a doubt is told where the program runs, which has a log.
      const warning = description.warn?.(args);
      if (warning !== undefined) void pulumi.log.warn(warning, this);
    }
  };
}
