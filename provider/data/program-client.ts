import * as pulumi from "@pulumi/pulumi";
import { connect } from "../pulumi/session";
import { sidProblem } from "../model/sids";
import { textProblem } from "../model/text";
import { TwilioClient } from "../twilio/client";

/** The client of the program helpers, with the provider's settings: stack config `twilio:*`, then the environment. */
export function programClient(): TwilioClient {
  const config = new pulumi.Config("twilio");
  return connect((key) => config.get(key));
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

/** An argument to check: its name, its value (a plain value, or what an Output resolved to) and its rule. */
export type ArgCheck = [property: string, value: unknown, rule: ArgRule];

/**
 * Throws one error naming every refused argument. With `"plain"`, only plain strings are checked,
 * at the call, so a typo fails where it is written; `"all"` checks values that were Outputs once
 * they resolve.
 */
export function requireArgs(checks: ArgCheck[], known: "plain" | "all"): void {
  const problems = checks
    .filter(([, value]) => known === "all" || typeof value === "string")
    .map(([property, value, rule]) => rule(property, value))
    .filter(Boolean);
  if (problems.length > 0) throw new Error(problems.join("; "));
}

/** Arguments that address one record by its SID or by its unique name. */
export interface SidOrUniqueName {
  /** The record's SID. */
  sid?: pulumi.Input<string>;
  /** Its unique name. */
  uniqueName?: pulumi.Input<string>;
}

/** The argument that addresses the record, its value and the rule that value must meet. */
export interface Address {
  /** Which argument it is. */
  property: "sid" | "uniqueName";
  /** Its value as given: plain, or still an Output. */
  value: pulumi.Input<string>;
  /** What its value must be. */
  rule: ArgRule;
}

/**
 * Which of `sid` (a SID with `prefix`) and `uniqueName` addresses the record. Both or neither is
 * refused at the call of `helper`: whether an argument was given is known before any Output resolves.
 */
export function addressOf(helper: string, args: SidOrUniqueName, prefix: string): Address {
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
