import * as pulumi from "@pulumi/pulumi";
import type * as sessionModule from "../pulumi/session";
import { sidProblem } from "../model/sids";
import { textProblem } from "../model/text";
import type { TwilioClient } from "../twilio/client";

type Session = typeof sessionModule;
let session: Session | undefined;

/**
 * The client of the data helpers, with the provider's settings: stack config `twilio:*`, then the
 * environment. The HTTP client (axios, form-data and what they load) is loaded on the first call,
 * so that a program that only declares resources, whose requests the provider sends, never loads it.
 */
export function programClient(): TwilioClient {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, see above
  session ??= require("../pulumi/session") as Session;
  const config = new pulumi.Config("twilio");
  return session.connect((key) => config.get(key));
}

/** Why a helper refuses a value of the argument `property`, or `undefined` when it takes it. */
export type ArgRule = (property: string, value: unknown) => string | undefined;

/** A SID with `prefix`. */
export const sidRule =
  (prefix: string): ArgRule =>
  (property, value) =>
    sidProblem(property, value, prefix);

// Only emptiness is refused: a name Twilio would refuse has no record, and Twilio's answer to it
// is as clear as a copy of Twilio's naming rules that could drift from them.
const uniqueNameRule: ArgRule = (property, value) =>
  textProblem(property, value, { max: Number.POSITIVE_INFINITY, required: true });

/** A whole number from `min` to `max`, or nothing. */
export const optionalWholeNumberRule =
  (min: number, max = Number.POSITIVE_INFINITY): ArgRule =>
  (property, value) => {
    if (value === undefined) return undefined;
    if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) return undefined;
    const range =
      max === Number.POSITIVE_INFINITY ? `of at least ${String(min)}` : `from ${String(min)} to ${String(max)}`;
    return `${property} must be a whole number ${range}, got ${typeof value === "number" ? String(value) : typeof value}`;
  };

/** An argument to check: its name, its value (a plain value, or an Input not yet resolved) and its rule. */
export type ArgCheck = [property: string, value: unknown, rule: ArgRule];

/** True for a value known where the helper is called: neither an Output nor a Promise. */
const isPlain = (value: unknown): boolean => !pulumi.Output.isInstance(value) && !(value instanceof Promise);

/**
 * Throws one error naming every refused argument. With `"plain"`, values still to resolve are let
 * through, so that a typo fails where it is written and an Output is checked once it resolves (`"all"`).
 */
export function requireArgs(checks: ArgCheck[], known: "plain" | "all"): void {
  const problems = checks
    .filter(([, value]) => known === "all" || isPlain(value))
    .map(([property, value, rule]) => rule(property, value))
    .filter(Boolean);
  if (problems.length > 0) throw new Error(problems.join("; "));
}

/**
 * Exactly one of `sid` and `uniqueName`, each a `T`: arguments that address one record by its SID
 * or by its unique name.
 */
export type SidOrUniqueName<T> = { sid: T; uniqueName?: never } | { uniqueName: T; sid?: never };

/** The argument that addresses the record, its value and the rule that value must meet. */
export interface Address<T> {
  /** Which argument it is. */
  property: "sid" | "uniqueName";
  /** Its value as given. */
  value: T;
  /** What its value must be. */
  rule: ArgRule;
}

/**
 * Which of `sid` (a SID with `prefix`) and `uniqueName` addresses the record. Both or neither is
 * refused, naming `helper`, for JavaScript callers whom the type does not stop: whether an
 * argument was given is known before any Output resolves.
 */
export function addressOf<T>(helper: string, args: SidOrUniqueName<T>, prefix: string): Address<T> {
  const { sid, uniqueName } = args;
  // JavaScript callers may pass null for an argument they mean to leave out.
  const absent = (value: unknown): value is null | undefined => value === undefined || value === null;
  const refuse = (got: string): Error => new Error(`${helper} needs exactly one of sid and uniqueName, got ${got}`);
  if (!absent(sid)) {
    if (!absent(uniqueName)) throw refuse("both");
    return { property: "sid", value: sid, rule: sidRule(prefix) };
  }
  if (absent(uniqueName)) throw refuse("neither");
  return { property: "uniqueName", value: uniqueName, rule: uniqueNameRule };
}
