import type { FormValue } from "../twilio/form";
import type { JsonReader } from "../twilio/shape";

/** A plain JSON object of properties, as the engine sends inputs and keeps outputs. */
export type PropertyBag = Record<string, unknown>;

/** What checks may need besides the values: where relative file paths start. */
export interface CheckContext {
  programDir: string;
}

/** How one input is checked, defaulted, normalised, compared and sent. */
export interface InputRule {
  /** What a change does: a new resource, or a change Twilio applies in place. */
  onChange: "replace" | "update";
  /** Why a known value is refused, or `undefined`; `undefined` and `null` reach it only when there is no default. */
  problem?: (property: string, value: unknown, context: CheckContext) => string | undefined;
  /** The value used when the input is left out; without one it stays out. */
  default?: (news: PropertyBag) => unknown;
  /** The value as Twilio stores it (`hello` as `/hello`), applied to accepted values. */
  normalize?: (value: unknown) => unknown;
  /**
   * Whether the new value differs from what the old outputs hold; the default compares the old
   * output of the same name with the new value, as JSON.
   */
  changed?: (olds: PropertyBag, value: unknown, context: CheckContext, property: string) => boolean;
  /** Left out, it never differs from what Twilio chose for it (a `runtime` Twilio picked). */
  chosenByTwilioWhenUnset?: boolean;
  /** Kept as a secret in state and outputs. */
  secret?: boolean;
  /** The form field Twilio takes it as (`UniqueName`); absent for an input Twilio never receives. */
  param?: string;
  /** The value as that form field holds it; the checked value itself when absent. */
  encode?: (value: unknown) => FormValue;
}

/**
 * One property of a resource: read from Twilio's answer (`decode`), given by the program
 * (`input`), or both. `Out` is its output type, `In` what a program passes (`never`: not an input),
 * `Optional` whether a program may leave it out. The types are only carried, never stored.
 */
export interface Field<Out, In, Optional extends boolean> {
  /** Reads it from Twilio's answer; absent for a property Twilio does not return. */
  readonly decode?: (answer: JsonReader) => Out;
  /** How it is taken as an input; absent for an output only. */
  readonly input?: InputRule;
  /** Phantom: never set, it carries the types. */
  readonly types?: { out: Out; in: In; optional: Optional };
}

/** A field Twilio's answer holds. */
export type Decoded<Out, In, Optional extends boolean> = Field<Out, In, Optional> & {
  readonly decode: (answer: JsonReader) => Out;
};

/** Any field, whatever its types. */
export type AnyField = Field<unknown, unknown, boolean>;

/** The properties of one resource kind, by camelCase name, in the order they are documented. */
export type Fields = Record<string, AnyField>;

/** The output type of a field. */
export type OutOf<F> = F extends Field<infer O, unknown, boolean> ? O : never;
/** The input type of a field (`never` for an output only). */
export type InOf<F> = F extends Field<unknown, infer I, boolean> ? I : never;

/** Names of the fields Twilio's answer holds. */
export type RecordKeys<F extends Fields> = {
  [K in keyof F]: F[K] extends { readonly decode: (answer: JsonReader) => unknown } ? K : never;
}[keyof F];

/** Names of the fields a program must give. */
export type RequiredInputKeys<F extends Fields> = {
  [K in keyof F]: [InOf<F[K]>] extends [never] ? never : F[K] extends Field<unknown, unknown, false> ? K : never;
}[keyof F];

/** Names of the fields a program may leave out. */
export type OptionalInputKeys<F extends Fields> = {
  [K in keyof F]: [InOf<F[K]>] extends [never] ? never : F[K] extends Field<unknown, unknown, false> ? never : K;
}[keyof F];

/** What the client returns for one resource: every field Twilio's answer holds, camelCased. */
export type RecordOf<F extends Fields> = { [K in keyof F as K extends RecordKeys<F> ? K : never]: OutOf<F[K]> };

/** The checked values of the inputs, as a create or an update sends them. */
export type ValuesOf<F extends Fields> = {
  [K in keyof F as K extends RequiredInputKeys<F> | OptionalInputKeys<F> ? K : never]?: OutOf<F[K]>;
};

/**
 * Everything known about one kind of Twilio Serverless resource: its fields, and the rules that
 * involve several of them. The decoder, the form bodies, the Pulumi checks and diffs, the input
 * and output types and the resource class are all derived from it.
 */
export interface Description<F extends Fields> {
  /** The resource type as users know it (`Service`), also its Pulumi type name. */
  name: string;
  fields: F;
  /** Failures that involve several inputs, run once every input passed on its own. */
  together?: (inputs: PropertyBag, context: CheckContext) => { property: string; reason: string }[];
  /**
   * Work left from an earlier run that the next `pulumi up` must do although no input changed (a
   * build still building: an update finishes the wait; a failed one: a replacement).
   */
  unfinished?: (olds: PropertyBag) => { property: string; onChange: "replace" | "update" } | undefined;
  /** Whether a replacement must delete the old resource first (a unique name the new one keeps). */
  deleteBeforeReplace?: (olds: PropertyBag, news: PropertyBag, replaces: string[]) => boolean;
  /** A warning shown where the program declares the resource, for a value it passes but doubts. */
  warn?: (args: PropertyBag) => string | undefined;
}

/** Declares a description, keeping the exact field types for what is derived from it. */
export function describe<F extends Fields, const N extends string>(
  description: Description<F> & { name: N },
): Description<F> & { name: N } {
  return description;
}

/** The names of the fields a program gives, in the description's order. */
export function inputNames(description: Description<Fields>): string[] {
  return Object.entries(description.fields)
    .filter(([, field]) => field.input !== undefined)
    .map(([name]) => name);
}
