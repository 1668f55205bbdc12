import { ConfigLookup } from "../config/settings";
import { CheckFailure, SpecDiff } from "./spec";
import { PropertyBag } from "../model/wire";

/** What every resource's lifecycle gets from the runtime. */
export interface LifecycleContext {
  /** The stack config, read when a method runs. */
  config: () => ConfigLookup;
  /** Shows a line to the user (the engine prints it with the resource). */
  log: (message: string) => void;
  /** Where relative FileAsset paths start: the engine runs the provider in the program directory. */
  programDir: () => string;
}

/** One resource kind's provider methods, as the engine calls them through the shell. */
export interface ResourceLifecycle {
  /** Validates and normalises inputs; never makes a request. */
  check(news: PropertyBag): { inputs: PropertyBag; failures: CheckFailure[] };
  /** Compares old outputs with new inputs; never makes a request. */
  diff(olds: PropertyBag, news: PropertyBag): SpecDiff;
  /** Creates it; `outs` are every output, all defined (null where Twilio has none). */
  create(inputs: PropertyBag): Promise<{ id: string; outs: object }>;
  /** Refreshes outputs; no id in the answer drops the resource from the stack. */
  read(id: string, props: PropertyBag): Promise<{ id?: string; props?: object }>;
  update(id: string, olds: PropertyBag, news: PropertyBag): Promise<{ outs: object }>;
  delete(id: string, props: PropertyBag): Promise<void>;
}

/**
 * A resource created but not initialised. The dynamic-provider server reports an error with `id`
 * and `properties` as a partial failure, so the engine keeps the resource in the stack instead of
 * losing track of it.
 */
export class IncompleteCreateError extends Error {
  constructor(
    message: string,
    /** The SID of what Twilio created. */
    readonly id: string,
    /** The outputs known so far. */
    readonly properties: PropertyBag,
  ) {
    super(message);
    this.name = "IncompleteCreateError";
  }
}
