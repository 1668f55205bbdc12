import type { JsonReader } from "../twilio/shape";
import { Decoded, Field, InputRule, PropertyBag } from "./field";
import { sameSid, sidProblem } from "./sids";
import { booleanProblem, textProblem } from "./text";

/** A Twilio naming rule: a pattern and what it says in words. */
export interface NamePattern {
  test: RegExp;
  says: string;
}

/** `unique_name` as Twilio's form field `UniqueName`. */
export const paramOf = (wire: string): string =>
  wire
    .split("_")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");

/** How a given input behaves: changed in place or by a replacement, sent or not. */
interface InputOptions {
  /** Twilio changes it in place; otherwise a change replaces the resource. */
  updatable?: boolean;
  /** The value when left out, from the other inputs. */
  default?: (news: PropertyBag) => unknown;
}

/** A string in Twilio's answer, read only. */
export function output(wire: string): Decoded<string, never, true> {
  return { decode: (r) => r.string(wire) };
}

/** A string in Twilio's answer that is `null` when it has no value, read only. */
export function nullableOutput(wire: string): Decoded<string | null, never, true> {
  return { decode: (r) => r.nullableString(wire) };
}

/** An output read from Twilio's answer in its own way. */
export function decoded<T>(decode: (answer: JsonReader) => T): Decoded<T, never, true> {
  return { decode };
}

/** An output Twilio does not return, set by the provider (the hash of uploaded bytes). */
export function provided<T>(): Field<T, never, true> {
  return {};
}

/**
 * A text input Twilio stores and returns under `wire`, at most `max` characters. Required unless
 * it has a default or is `optional`.
 */
export function text<const O extends InputOptions & { max: number; pattern?: NamePattern; optional?: boolean }>(
  wire: string,
  options: O,
): Decoded<string, string, O extends { optional: true } ? true : O extends { default: unknown } ? true : false> {
  const required = options.optional !== true;
  return {
    decode: (r) => r.string(wire),
    input: {
      onChange: options.updatable === true ? "update" : "replace",
      problem: (property, value) =>
        textProblem(property, value, { max: options.max, required, pattern: options.pattern }),
      default: options.default,
      param: paramOf(wire),
    },
  };
}

/** An optional text input Twilio returns as `null` when it was left out (a domain suffix). */
export function nullableText(
  wire: string,
  options: InputOptions & { max: number; pattern?: NamePattern },
): Decoded<string | null, string, true> {
  return {
    decode: (r) => r.nullableString(wire),
    input: {
      onChange: options.updatable === true ? "update" : "replace",
      problem: (property, value) =>
        textProblem(property, value, { max: options.max, required: false, pattern: options.pattern }),
      param: paramOf(wire),
    },
  };
}

/** A true-or-false input with Twilio's default, which Twilio stores and returns under `wire`. */
export function flag(
  wire: string,
  options: { updatable?: boolean; default: boolean },
): Decoded<boolean, boolean, true> {
  return {
    decode: (r) => r.boolean(wire),
    input: {
      onChange: options.updatable === true ? "update" : "replace",
      problem: (property, value) => booleanProblem(property, value),
      default: () => options.default,
      param: paramOf(wire),
    },
  };
}

/** A SID input with `prefix` (the parent it belongs to), compared without regard to case; a change replaces. */
export function sid(wire: string, prefix: string): Decoded<string, string, false> {
  return { decode: (r) => r.string(wire), input: sidRule(prefix) };
}

/** The rule of a SID input with `prefix`. */
export function sidRule(prefix: string): InputRule {
  return {
    onChange: "replace",
    problem: (property, value) => sidProblem(property, value, prefix),
    changed: (olds, value, _context, property) => !sameSid(olds[property], value),
  };
}

/**
 * An input Twilio does not return as given (a list of SIDs it answers with objects, an asset it
 * answers with a hash): its output is the value as given. `Out` is that value once resolved, `In`
 * what a program passes; `Out` `never` keeps it out of the outputs.
 */
export function given<Out, In, Optional extends boolean>(rule: InputRule): Field<Out, In, Optional> {
  return { input: rule };
}

/**
 * The `exclusiveService` input: whether nothing but this stack deploys into the Service. It
 * decides only what an interrupted create may take, so changing it changes nothing in Twilio and
 * it is no output.
 */
export function exclusiveService(): Field<never, boolean, true> {
  return given({
    onChange: "update",
    problem: (property, value) =>
      value === undefined || value === null || typeof value === "boolean"
        ? undefined
        : `${property} must be true or false, not ${JSON.stringify(value)}`,
    changed: () => false,
  });
}

/** The fields that start every record: its SID and its account. */
export const IDENTITY = {
  /** Its SID, also the resource id. */
  sid: output("sid"),
  /** The account that owns it (`AC…`). */
  accountSid: output("account_sid"),
};

/** When Twilio created a record. */
export const CREATED = {
  /** When Twilio created it (ISO 8601 in UTC). */
  dateCreated: output("date_created"),
};

/** When a record last changed, and its API URL: the fields that end most records. */
export const UPDATED_AND_URL = {
  /** When it last changed (ISO 8601 in UTC). */
  dateUpdated: output("date_updated"),
  /** Its API URL. */
  url: output("url"),
};

/**
 * A true-or-false input Twilio takes as the form field `param` on create but does not return: its
 * output is the value as given. A change replaces the resource.
 */
export function sentFlag(param: string): Field<boolean, boolean, true> {
  return given({
    onChange: "replace",
    problem: (property, value) => (value === undefined || value === null ? undefined : booleanProblem(property, value)),
    param,
  });
}
